import CLinux
import Foundation
import Glibc
import Logging
import NewsControl
import NewsStore
import ServiceLifecycle
import UnixSignals

/// The composition root: builds the store, the pipeline, the watcher, the control
/// socket and the service notifier from a configuration, and runs them as a daemon
/// (`run`) or over the backlog (`runOnce`). `main` only parses arguments and calls
/// this; tests do the same with a temp dir.
public final class Daemon: @unchecked Sendable {
    /// Where the configuration came from, so reload can read it again the same way.
    public struct Source: Sendable {
        public var configFile: String?
        public var dataDirOverride: String?
        public var workingDirectory: String

        public init(configFile: String? = nil, dataDirOverride: String? = nil,
                    workingDirectory: String = FileManager.default.currentDirectoryPath) {
            self.configFile = configFile
            self.dataDirOverride = dataDirOverride
            self.workingDirectory = workingDirectory
        }

        /// Reads the configuration file (if any) and applies the command-line overrides.
        public func load() throws(ConfigError) -> NewsdConfig {
            var config = NewsdConfig()
            if let configFile { config = try ConfigLoader.load(path: configFile) }
            if let dataDirOverride { config.paths.dataDir = dataDirOverride }
            return config
        }
    }

    public enum StartError: Error, CustomStringConvertible {
        case ingest(IngestError)
        case store(StoreError)
        case locked(String)
        case control(ControlServer.Failure)

        public var description: String {
            switch self {
            case .ingest(let error): return error.description
            case .store(let error): return "cannot open the store: \(error)"
            case .locked(let message): return message
            case .control(let error): return error.description
            }
        }
    }

    public let source: Source
    public let layout: DataLayout
    public let logger: Logger
    public let logSettings: LogSettings
    public let store: Store
    public let pipeline: IngestPipeline
    public let notifier: ServiceNotifier
    private let lock: StoreLock
    private let startedAt = Date()
    private let configLock = NSLock()
    private var configValue: NewsdConfig
    private let watcherBox = WatcherBox()
    private let reloadLock = NSLock()

    public var config: NewsdConfig {
        configLock.lock(); defer { configLock.unlock() }
        return configValue
    }

    /// Creates the folders, locks and recovers the store, and readies the pipeline.
    public init(config: NewsdConfig, source: Source = Source(), logSettings: LogSettings, logger: Logger,
                notifier: ServiceNotifier = ServiceNotifier()) throws(StartError) {
        self.configValue = config
        self.source = source
        self.logger = logger
        self.logSettings = logSettings
        self.notifier = notifier
        self.layout = DataLayout(paths: config.paths, workingDirectory: source.workingDirectory)
        do throws(IngestError) { try layout.createDirectories() } catch { throw .ingest(error) }
        do throws(StoreLock.Failure) {
            lock = try StoreLock(directory: layout.store)
        } catch {
            throw .locked(error.description)
        }

        let clock = ContinuousClock()
        let began = clock.now
        let dedupe = DedupeStage(expectedCount: DedupeStage.expectedRecords(inStore: layout.store))
        let restorer = DedupeRestorer(stage: dedupe)
        do throws(StoreError) {
            store = try Store(
                options: .init(directory: layout.store, segmentBytes: config.store.segmentBytes,
                               minSyncInterval: Double(config.store.minSyncIntervalMicroseconds) / 1e6),
                payload: DedupeStage.payload(for:),
                onEntries: { image in restorer.add(image) },
                onRecovery: { event in
                switch event {
                case .tornTail(let segment, let offset, let bytesCut):
                    logger.warning("Torn tail cut from the store (an interrupted write)", metadata: [
                        LogKey.event: "\(LogEvent.tornTail.rawValue)", LogKey.segment: "\(segment)",
                        LogKey.offset: "\(offset)", LogKey.bytes: "\(bytesCut)",
                    ])
                case .missingSegments(let first, let last):
                    logger.error("Store segments are missing (deleted?); their records are lost", metadata: [
                        LogKey.event: "\(LogEvent.segmentMissing.rawValue)", LogKey.segment: "\(first)",
                        LogKey.lastSegment: "\(last)",
                    ])
                case .corruptLine(let segment, let offset, let reason):
                    logger.error("Corrupt line in the store skipped", metadata: [
                        LogKey.event: "\(LogEvent.corruptLine.rawValue)", LogKey.segment: "\(segment)",
                        LogKey.offset: "\(offset)", LogKey.reason: "\(reason)",
                    ])
                }
            })
        } catch {
            restorer.finish()
            throw .store(error)
        }
        restorer.finish()
        let unreadable = restorer.unreadable
        // Recovery's transient allocations (each segment's table of entry starts, the
        // JSON of any line a sidecar lacked) are freed now; hand that memory back to the
        // system instead of keeping it as the process's high-water mark.
        _ = newsd_malloc_trim()
        let summary = store.currentSummary
        logger.info("Store recovered", metadata: [
            LogKey.event: "\(LogEvent.storeRecovered.rawValue)",
            LogKey.records: "\(summary.records)",
            "dedupe_indexed": "\(dedupe.count)",
            "dedupe_unreadable": "\(unreadable)",
            "segments": "\(summary.segments)",
            LogKey.seconds: "\(Self.seconds(clock.now - began))",
            LogKey.store: "\(layout.store)",
        ])
        let box = watcherBox
        pipeline = IngestPipeline(layout: layout, config: config, store: store, dedupe: dedupe, logger: logger) {
            box.watcher?.requestRescan(reason: "the work queue was full (ingest.max_queue); files were left for this rescan")
        }
        pipeline.stats.onChange = { [notifier] in notifier.statusChanged() }
    }

    // MARK: - Batch

    public struct OnceSummary: Sendable {
        public var stats: IngestStats.Snapshot
        public var seconds: Double

        public var articlesPerSecond: Double { Double(stats.files) / max(seconds, 1e-9) }

        public var line: String {
            String(format: "newsd: %d files, %d records, %d duplicates, %d already stored, %d quarantined in %.3f s (%.0f articles/s)",
                   stats.files, stats.articles, stats.duplicates, stats.alreadyStored, stats.quarantined, seconds, articlesPerSecond)
        }
    }

    /// Ingests what is in the inbox now, then returns the counts (`newsd --once`).
    public func runOnce() -> OnceSummary {
        let clock = ContinuousClock()
        let began = clock.now
        pipeline.start()
        let settings = pipeline.settings
        InboxScanner.scan(root: layout.inbox, logger: logger, isIgnored: { settings.ignore.ignores($0) }, onFile: pipeline.submit)
        pipeline.waitUntilIdle()
        pipeline.stop()
        store.close()
        let stats = pipeline.stats.snapshot
        let seconds = Self.seconds(clock.now - began)
        logger.notice("Backlog ingested", metadata: [
            LogKey.event: "\(LogEvent.summary.rawValue)",
            LogKey.files: "\(stats.files)",
            LogKey.records: "\(stats.articles)",
            LogKey.duplicates: "\(stats.duplicates)",
            LogKey.quarantined: "\(stats.quarantined)",
            LogKey.seconds: "\(String(format: "%.3f", seconds))",
            LogKey.rate: "\(String(format: "%.0f", Double(stats.files) / max(seconds, 1e-9)))",
        ])
        return OnceSummary(stats: stats, seconds: seconds)
    }

    // MARK: - Daemon

    /// Runs until SIGTERM or SIGINT: watches the inbox, ingests every new file,
    /// answers the control socket, reloads on SIGHUP.
    public func run() async throws {
        let watcher = InotifyWatcher(
            root: layout.inbox,
            logger: logger,
            isIgnored: { [pipeline] in pipeline.settings.ignore.ignores($0) },
            onInboxStateChange: { [notifier] in notifier.statusChanged() },
            onFile: { [pipeline] in pipeline.submit($0) }
        )
        watcherBox.watcher = watcher
        let control = ControlServer(path: layout.runtimeDir + "/control.sock", logger: logger) { [self] request, peer in
            handle(request, peer: peer)
        }
        do throws(ControlServer.Failure) { try control.start() } catch { throw StartError.control(error) }

        let ingest = IngestService(daemon: self, watcher: watcher, control: control)
        let reload = ReloadOnHangup(daemon: self)
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: ingest), .init(service: reload)],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        ))
        try await group.run()
    }

    /// Starts the pipeline and the watcher (which queues the backlog), then tells
    /// systemd READY=1: the store is recovered, watches are set, the backlog queued.
    func startIntake(_ watcher: InotifyWatcher) throws(IngestError) {
        pipeline.start()
        try watcher.start()
        logger.notice("newsd started", metadata: [
            LogKey.event: "\(LogEvent.started.rawValue)",
            LogKey.inbox: "\(layout.inbox)",
            LogKey.store: "\(layout.store)",
            LogKey.queued: "\(pipeline.queueDepth)",
            "pid": "\(getpid())",
        ])
        notifier.start { [self] in statusLine() }
        notifier.notify("READY=1\nSTATUS=" + statusLine())
    }

    /// Stops intake, lets files in progress finish, syncs and closes the store.
    func stopIntake(_ watcher: InotifyWatcher, control: ControlServer) {
        notifier.stopping()
        logger.notice("newsd stopping", metadata: [LogKey.event: "\(LogEvent.stopping.rawValue)"])
        control.stop()
        watcher.stop()
        pipeline.stop()
        store.close()
        notifier.stop()
        let stats = pipeline.stats.snapshot
        logger.notice("newsd stopped", metadata: [
            LogKey.event: "\(LogEvent.stopped.rawValue)",
            LogKey.files: "\(stats.files)",
            LogKey.records: "\(stats.articles)",
            LogKey.duplicates: "\(stats.duplicates)",
            LogKey.quarantined: "\(stats.quarantined)",
        ])
    }

    /// "412 articles, 37 duplicates, 3 queued, watching /var/lib/newsd/inbox"
    public func statusLine() -> String {
        let stats = pipeline.stats.snapshot
        let records = store.currentSummary.records
        let state = pipeline.isPaused ? "paused" : inboxMissing ? "inbox missing:" : "watching"
        let line = "\(records) articles, \(stats.duplicates) duplicates, \(stats.quarantined) quarantined, \(pipeline.queueDepth) queued, \(state) \(layout.inbox)"
        if let stall = stats.storeStalled { return "stalled: store not writable: \(stall); " + line }
        return line
    }

    /// True while the inbox folder does not exist (deleted; the watcher waits for it).
    var inboxMissing: Bool { watcherBox.watcher?.isInboxMissing ?? false }

    // MARK: - Control

    func handle(_ request: ControlRequest, peer: newsd_peer_cred) -> ControlReply {
        let changesState = request.verb != .status && request.verb != .stats
        if changesState {
            logger.notice("Control request", metadata: [
                LogKey.event: "\(LogEvent.control.rawValue)", "verb": "\(request.verb.rawValue)",
                "peer_uid": "\(peer.uid)", "peer_pid": "\(peer.pid)",
            ])
        }
        switch request.verb {
        case .status, .stats:
            return ControlReply(ok: true, status: status())
        case .pause:
            pipeline.isPaused = true
            notifier.statusChanged()
            logger.notice("Intake paused", metadata: [LogKey.event: "\(LogEvent.paused.rawValue)"])
            return ControlReply(ok: true, status: status(), message: "paused: new files wait in the inbox")
        case .resume:
            pipeline.isPaused = false
            notifier.statusChanged()
            logger.notice("Intake resumed", metadata: [LogKey.event: "\(LogEvent.resumed.rawValue)"])
            return ControlReply(ok: true, status: status(), message: "resumed")
        case .rescan:
            watcherBox.watcher?.requestRescan(reason: "requested by newsctl rescan")
            return ControlReply(ok: true, message: "rescan queued")
        case .reload:
            switch reload(origin: "newsctl reload") {
            case .success(let changes):
                return ControlReply(ok: true, reload: ReloadResult(changes: changes))
            case .failure(let failure):
                return .failure(failure.id, failure.message)
            }
        }
    }

    public func status() -> DaemonStatus {
        let stats = pipeline.stats.snapshot
        let summary = store.currentSummary
        return DaemonStatus(
            state: stats.storeStalled != nil ? "stalled" : pipeline.isPaused ? "paused" : "running",
            pid: getpid(),
            version: NewsdVersion.string,
            uptimeSeconds: Date().timeIntervalSince(startedAt),
            configFile: source.configFile,
            inbox: layout.inbox,
            store: layout.store,
            queueDepth: pipeline.queueDepth,
            filesPerSecondLastMinute: pipeline.stats.filesPerSecondLastMinute,
            articles: summary.records,
            ingestedSinceStart: stats.articles,
            duplicates: stats.duplicates,
            quarantined: stats.quarantined,
            storeBytes: summary.bytes,
            segments: summary.segments,
            indexBytes: store.indexBytes + pipeline.dedupe.residentBytes,
            lastError: stats.lastError,
            storeStalled: stats.storeStalled.map { "store not writable: " + $0 },
            inboxMissing: inboxMissing
        )
    }

    // MARK: - Reload

    public struct ReloadFailure: Error {
        public var id: ControlErrorID
        public var message: String
    }

    /// Re-reads the configuration and applies what can change live. A file that does
    /// not parse, or a change that needs a restart, is refused and the running
    /// configuration stays. systemd sees RELOADING=1 … READY=1 around it.
    public func reload(origin: String) -> Result<[String], ReloadFailure> {
        reloadLock.lock()
        defer { reloadLock.unlock() }
        notifier.reloading()
        defer { notifier.notify("READY=1\nSTATUS=" + statusLine()) }

        let new: NewsdConfig
        do {
            new = try source.load()
        } catch {
            logger.error("Reload failed: the configuration is invalid; the running one stays", metadata: [
                LogKey.event: "\(LogEvent.reloadFailed.rawValue)", LogKey.reason: "\(error)",
            ])
            return .failure(ReloadFailure(id: .reloadInvalid, message: error.description))
        }
        let old = config
        let plan = ReloadPlan(old: old, new: new, workingDirectory: source.workingDirectory)
        if !plan.needsRestart.isEmpty {
            let message = "these settings need a restart, nothing was applied: " + plan.needsRestart.joined(separator: "; ")
            logger.error("Reload refused", metadata: [
                LogKey.event: "\(LogEvent.reloadFailed.rawValue)", LogKey.reason: "\(message)",
            ])
            return .failure(ReloadFailure(id: .reloadRefused, message: message))
        }
        logSettings.level = new.log.level.loggerLevel
        var settings = pipeline.settings
        settings.maxFileBytes = new.ingest.maxFileBytes
        settings.disposition = new.ingest.disposition
        settings.ignore = IgnoreRules(patterns: new.ingest.ignore)
        pipeline.settings = settings
        pipeline.setQueueCapacity(new.ingest.maxQueue)
        configLock.lock()
        configValue = new
        configLock.unlock()
        logger.notice("Configuration reloaded", metadata: [
            LogKey.event: "\(LogEvent.reloaded.rawValue)",
            "origin": "\(origin)",
            "changes": "\(plan.changes.isEmpty ? "none" : plan.changes.joined(separator: "; "))",
        ])
        return .success(plan.changes)
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

private final class WatcherBox: @unchecked Sendable {
    var watcher: InotifyWatcher?
}

/// The ingest side as a Service: starts intake, waits for graceful shutdown, stops.
struct IngestService: Service {
    let daemon: Daemon
    let watcher: InotifyWatcher
    let control: ControlServer

    func run() async throws {
        try daemon.startIntake(watcher)
        try? await gracefulShutdown()
        // Stopping joins threads and waits for fdatasync: do it off the cooperative pool.
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let thread = Thread { [daemon, watcher, control] in
                daemon.stopIntake(watcher, control: control)
                continuation.resume()
            }
            thread.start()
        }
    }
}

/// SIGHUP re-reads the configuration (the classic daemon reload).
struct ReloadOnHangup: Service {
    let daemon: Daemon

    func run() async throws {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        for await _ in signals.cancelOnGracefulShutdown() {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let thread = Thread { [daemon] in
                    _ = daemon.reload(origin: "SIGHUP")
                    continuation.resume()
                }
                thread.start()
            }
        }
    }
}
