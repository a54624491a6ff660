import Foundation
import Logging
import NewsStore
import ServiceLifecycle
import UnixSignals

/// The composition root: builds the store, the pipeline and the watcher from a
/// configuration, and runs them as a daemon (`run`) or over the backlog (`runOnce`).
/// `main` only parses arguments and calls this; tests do the same with a temp dir.
public final class Daemon: @unchecked Sendable {
    public let config: NewsdConfig
    public let layout: DataLayout
    public let logger: Logger
    private let lock: StoreLock
    public let store: Store
    public let pipeline: IngestPipeline
    private let startedAt = Date()

    public enum StartError: Error, CustomStringConvertible {
        case ingest(IngestError)
        case store(StoreError)
        case locked(String)

        public var description: String {
            switch self {
            case .ingest(let error): return error.description
            case .store(let error): return "cannot open the store: \(error)"
            case .locked(let message): return message
            }
        }
    }

    /// Creates the folders, locks and recovers the store, and readies the pipeline.
    public init(config: NewsdConfig, logger: Logger, workingDirectory: String = FileManager.default.currentDirectoryPath) throws(StartError) {
        self.config = config
        self.logger = logger
        self.layout = DataLayout(paths: config.paths, workingDirectory: workingDirectory)
        do throws(IngestError) { try layout.createDirectories() } catch { throw .ingest(error) }
        do throws(StoreLock.Failure) {
            lock = try StoreLock(directory: layout.store)
        } catch {
            throw .locked(error.description)
        }

        let clock = ContinuousClock()
        let began = clock.now
        do throws(StoreError) {
            store = try Store(options: .init(directory: layout.store, segmentBytes: config.store.segmentBytes)) { event in
                switch event {
                case .tornTail(let segment, let offset, let bytesCut):
                    logger.warning("Torn tail cut from the store (an interrupted write)", metadata: [
                        LogKey.event: "\(LogEvent.tornTail.rawValue)", LogKey.segment: "\(segment)",
                        LogKey.offset: "\(offset)", LogKey.bytes: "\(bytesCut)",
                    ])
                case .corruptLine(let segment, let offset, let reason):
                    logger.error("Corrupt line in the store skipped", metadata: [
                        LogKey.event: "\(LogEvent.corruptLine.rawValue)", LogKey.segment: "\(segment)",
                        LogKey.offset: "\(offset)", LogKey.reason: "\(reason)",
                    ])
                }
            }
        } catch {
            throw .store(error)
        }
        let summary = store.currentSummary
        let elapsed = clock.now - began
        logger.info("Store recovered", metadata: [
            LogKey.event: "\(LogEvent.storeRecovered.rawValue)",
            LogKey.records: "\(summary.records)",
            "segments": "\(summary.segments)",
            LogKey.seconds: "\(Self.seconds(elapsed))",
            LogKey.store: "\(layout.store)",
        ])
        let box = WatcherBox()
        pipeline = IngestPipeline(layout: layout, config: config, store: store, logger: logger) {
            box.watcher?.requestRescan(reason: "the work queue was full (ingest.max_queue); files were left for this rescan")
        }
        watcherBox = box
    }

    private let watcherBox: WatcherBox

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

    /// Runs until SIGTERM or SIGINT: watches the inbox and ingests every new file.
    public func run() async throws {
        let watcher = InotifyWatcher(
            root: layout.inbox,
            logger: logger,
            isIgnored: { [pipeline] in pipeline.settings.ignore.ignores($0) },
            onFile: { [pipeline] in pipeline.submit($0) }
        )
        watcherBox.watcher = watcher
        let ingest = IngestService(daemon: self, watcher: watcher)
        let group = ServiceGroup(configuration: .init(
            services: [.init(service: ingest)],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        ))
        try await group.run()
    }

    /// Starts the pipeline and the watcher (which queues the backlog). Throws when the
    /// inbox cannot be watched.
    func startIntake(_ watcher: InotifyWatcher) throws(IngestError) {
        pipeline.start()
        try watcher.start()
        logger.notice("newsd started", metadata: [
            LogKey.event: "\(LogEvent.started.rawValue)",
            LogKey.inbox: "\(layout.inbox)",
            LogKey.store: "\(layout.store)",
            LogKey.queued: "\(pipeline.queueDepth)",
        ])
    }

    /// Stops intake, lets files in progress finish, syncs and closes the store.
    func stopIntake(_ watcher: InotifyWatcher) {
        logger.notice("newsd stopping", metadata: [LogKey.event: "\(LogEvent.stopping.rawValue)"])
        watcher.stop()
        pipeline.stop()
        store.close()
        let stats = pipeline.stats.snapshot
        logger.notice("newsd stopped", metadata: [
            LogKey.event: "\(LogEvent.stopped.rawValue)",
            LogKey.files: "\(stats.files)",
            LogKey.records: "\(stats.articles)",
            LogKey.duplicates: "\(stats.duplicates)",
            LogKey.quarantined: "\(stats.quarantined)",
        ])
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

    func run() async throws {
        try daemon.startIntake(watcher)
        try? await gracefulShutdown()
        // Stopping joins threads and waits for fdatasync: do it off the cooperative pool.
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let thread = Thread { [daemon, watcher] in
                daemon.stopIntake(watcher)
                continuation.resume()
            }
            thread.start()
        }
    }
}
