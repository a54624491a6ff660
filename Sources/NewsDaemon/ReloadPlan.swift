/// What a reload would change: settings applied live, and those that need a restart.
struct ReloadPlan {
    var changes: [String] = []
    var needsRestart: [String] = []

    init(old: NewsdConfig, new: NewsdConfig, workingDirectory: String) {
        let oldLayout = DataLayout(paths: old.paths, workingDirectory: workingDirectory)
        let newLayout = DataLayout(paths: new.paths, workingDirectory: workingDirectory)
        func restart(_ key: String, _ a: String, _ b: String) {
            if a != b { needsRestart.append("\(key): \(a) → \(b)") }
        }
        func live(_ key: String, _ a: String, _ b: String) {
            if a != b { changes.append("\(key): \(a) → \(b)") }
        }
        restart("paths.inbox", oldLayout.inbox, newLayout.inbox)
        restart("paths.store", oldLayout.store, newLayout.store)
        restart("paths.processed", oldLayout.processed, newLayout.processed)
        restart("paths.quarantine", oldLayout.quarantine, newLayout.quarantine)
        restart("paths.runtime_dir", oldLayout.runtimeDir, newLayout.runtimeDir)
        restart("ingest.workers", "\(old.ingest.workers)", "\(new.ingest.workers)")
        restart("store.segment_bytes", "\(old.store.segmentBytes)", "\(new.store.segmentBytes)")
        restart("store.min_sync_interval_us", "\(old.store.minSyncIntervalMicroseconds)", "\(new.store.minSyncIntervalMicroseconds)")
        live("log.level", old.log.level.rawValue, new.log.level.rawValue)
        live("ingest.max_file_bytes", "\(old.ingest.maxFileBytes)", "\(new.ingest.maxFileBytes)")
        live("ingest.disposition", old.ingest.disposition.rawValue, new.ingest.disposition.rawValue)
        live("ingest.ignore", "\(old.ingest.ignore)", "\(new.ingest.ignore)")
        live("ingest.max_queue", "\(old.ingest.maxQueue)", "\(new.ingest.maxQueue)")
    }
}
