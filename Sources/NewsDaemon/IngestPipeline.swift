import Foundation
import Logging
import NewsCore
import NewsStore

/// Turns inbox paths into durable records, on a fixed set of worker threads.
///
/// Per file: read safely → SHA-256 → exact duplicate? → `ArticleProcessor` →
/// `Store.append` (returns when durable) → only then move the input out of the inbox.
/// Failures of the file go to quarantine; failures of the store leave the file in the
/// inbox and retry later. Workers are threads, not tasks: reading files and waiting
/// for fdatasync block, and two cores give the cooperative pool only two threads.
public final class IngestPipeline: @unchecked Sendable {
    public let layout: DataLayout
    public let stats = IngestStats()
    private let store: Store
    private let logger: Logger
    private let queue: WorkQueue
    private let claims = ContentClaims()
    private let disposer: FileDisposer
    private let processor = ArticleProcessor()
    private let workerCount: Int
    private let settingsLock = NSLock()
    private var settingsValue: IngestSettings
    private var workers: [Thread] = []
    private let finished = DispatchGroup()
    private let crashGuard: CrashGuard
    /// Test hook (fault injection): when set from NEWSD_TEST_CRASH_MARKER, a file
    /// containing these bytes makes the worker trap, as a parser bug would.
    private let crashMarker: [UInt8]?
    /// Called when the queue overflowed and has drained again: the owner rescans.
    private let onOverflowDrained: @Sendable () -> Void

    public init(
        layout: DataLayout,
        config: NewsdConfig,
        store: Store,
        logger: Logger,
        onOverflowDrained: @escaping @Sendable () -> Void = {}
    ) {
        self.layout = layout
        self.store = store
        self.logger = logger
        self.queue = WorkQueue(capacity: config.ingest.maxQueue)
        self.disposer = FileDisposer(layout: layout)
        self.workerCount = config.ingest.workers
        self.settingsValue = IngestSettings(config)
        self.onOverflowDrained = onOverflowDrained
        self.crashGuard = CrashGuard(runtimeDir: layout.runtimeDir)
        self.crashMarker = ProcessInfo.processInfo.environment["NEWSD_TEST_CRASH_MARKER"].map { Array($0.utf8) }
    }

    public var settings: IngestSettings {
        get { settingsLock.lock(); defer { settingsLock.unlock() }; return settingsValue }
        set { settingsLock.lock(); settingsValue = newValue; settingsLock.unlock() }
    }

    public var queueDepth: Int { queue.depth }

    /// Pause: finish the files in progress, take no new ones; they wait in the inbox.
    public var isPaused: Bool {
        get { queue.isPaused }
        set { queue.setPaused(newValue) }
    }

    public func setQueueCapacity(_ capacity: Int) { queue.setCapacity(capacity) }

    /// Quarantines files a previous run crashed on, then starts the workers.
    public func start() {
        for path in crashGuard.takeSuspects() where BytePath.lstat(BytePath.join(layout.inbox, path)) != nil {
            stats.update { $0.files += 1 }
            quarantine(path, error: .processorCrash, sha256: nil)
        }
        crashGuard.clearSuspects()
        crashGuard.install(slots: workerCount)
        for number in 0..<workerCount {
            finished.enter()
            let thread = Thread { [self] in
                while let path = queue.take() {
                    crashGuard.enter(slot: number, path: path)
                    let progress = process(path)
                    crashGuard.leave(slot: number)
                    if progress == .finished { finish(path) }
                }
                finished.leave()
            }
            thread.name = "newsd-ingest-\(number)"
            workers.append(thread)
            thread.start()
        }
    }

    /// Queues a path from the watcher or a scan. Ignored names are dropped here.
    public func submit(_ path: InboxPath) {
        if settings.ignore.ignores(path.name) { return }
        queue.add(path)
    }

    /// Blocks until every queued path is done (for `--once`).
    public func waitUntilIdle() { queue.waitUntilIdle() }

    /// Takes no more paths, lets the files in progress finish, then returns.
    public func stop() {
        queue.close()
        finished.wait()
        queue.waitForActive()
        completions.sync {}
    }

    private func finish(_ path: InboxPath) {
        queue.finish(path)
        if queue.depth == 0 && queue.takeOverflow() { onOverflowDrained() }
    }

    // MARK: - One file

    enum Progress { case finished, awaitingStore }

    /// Moves of inputs whose records became durable: off the store's commit thread,
    /// in commit order.
    private let completions = DispatchQueue(label: "newsd-dispose")

    func process(_ path: InboxPath) -> Progress {
        let settings = self.settings
        let source = BytePath.join(layout.inbox, path)
        let bytes: [UInt8]
        switch FileReader.read(source, maxBytes: settings.maxFileBytes) {
        case .vanished:
            return .finished
        case .failed(let error):
            stats.update { $0.files += 1 }
            quarantine(path, error: error, sha256: nil)
            return .finished
        case .bytes(let read):
            bytes = read
        }
        stats.update { $0.files += 1 }

        let key = ContentHash.of(bytes)
        let sha = key.description
        claims.claim(key)
        var releaseClaim = true
        defer { if releaseClaim { claims.release(key) } }

        if let existing = store.lookup(key) {
            let sameFile = existing.fileHash == FileHash.of(path.description)
            let event: LogEvent = sameFile ? .alreadyStored : .duplicate
            guard let destination = dispose(path, settings: settings, sha256: sha) else { return .finished }
            stats.update { if sameFile { $0.alreadyStored += 1 } else { $0.duplicates += 1 } }
            logger.info(sameFile ? "Input already stored, moved out of the inbox" : "Exact duplicate, no new record", metadata: [
                LogKey.event: "\(event.rawValue)",
                LogKey.file: "\(path)",
                LogKey.sha256: "\(sha)",
                LogKey.duplicateOf: "\(existing.id)",
                LogKey.destination: "\(destination)",
            ])
            return .finished
        }

        if let crashMarker, bytes.firstRange(of: crashMarker) != nil {
            fatalError("NEWSD_TEST_CRASH_MARKER found in \(path)")
        }
        let article: Article
        do {
            article = try processor.process(bytes, name: path.description)
        } catch {
            quarantine(path, error: .content(error), sha256: sha)
            return .finished
        }

        do {
            try store.append(content: key, { id in
                Record(
                    id: id.description,
                    file: path.description,
                    sha256: sha,
                    bytes: bytes.count,
                    ingestedAt: RFC3339.string(from: Date()),
                    article: article
                )
            }, completion: { [self] result in
                completions.async { [self] in
                    switch result {
                    case .success(let record): stored(path, record: record, settings: settings)
                    case .failure(let error): appendFailed(path, error: error)
                    }
                    claims.release(key)
                    finish(path)
                }
            })
        } catch {
            appendFailed(path, error: error)
            return .finished
        }
        releaseClaim = false
        return .awaitingStore
    }

    /// The record is durable: only now may the input leave the inbox.
    private func stored(_ path: InboxPath, record: Record, settings: IngestSettings) {
        stats.update { $0.articles += 1 }
        retryLock.lock()
        retryDelay = 1
        retryLock.unlock()
        let destination = dispose(path, settings: settings, sha256: record.sha256)
        logger.info("Article stored", metadata: [
            LogKey.event: "\(LogEvent.stored.rawValue)",
            LogKey.articleID: "\(record.id)",
            LogKey.file: "\(path)",
            LogKey.sha256: "\(record.sha256)",
            LogKey.bytes: "\(record.bytes)",
            LogKey.destination: "\(destination ?? "-")",
        ])
    }

    /// Not the file's fault: it stays in the inbox and is tried again later.
    private func appendFailed(_ path: InboxPath, error: StoreError) {
        stats.update {
            $0.storeErrors += 1
            $0.lastError = error.description
        }
        logger.error("Store append failed, file left in the inbox", metadata: [
            LogKey.event: "\(LogEvent.storeError.rawValue)",
            LogKey.file: "\(path)",
            LogKey.error: "\(error.code)",
            LogKey.reason: "\(error.description)",
        ])
        retryLater(path)
    }

    /// Moves a file whose record (or duplicate verdict) is durable out of the inbox.
    /// Returns where it went ("deleted" for the delete disposition), nil on failure.
    private func dispose(_ path: InboxPath, settings: IngestSettings, sha256: String) -> String? {
        do {
            return try disposer.finish(path, disposition: settings.disposition, now: Date()) ?? "deleted"
        } catch {
            stats.update { $0.lastError = error.message }
            logger.error("Could not move the input out of the inbox; it will be recognised by its hash next time", metadata: [
                LogKey.event: "\(LogEvent.disposeFailed.rawValue)",
                LogKey.file: "\(path)",
                LogKey.sha256: "\(sha256)",
                LogKey.reason: "\(error.message)",
            ])
            return nil
        }
    }

    private func quarantine(_ path: InboxPath, error: IngestError, sha256: String?) {
        do {
            let placed = try disposer.quarantine(path, error: error, sha256: sha256, now: Date())
            stats.update { $0.quarantined += 1 }
            logger.warning("File quarantined", metadata: [
                LogKey.event: "\(LogEvent.quarantined.rawValue)",
                LogKey.file: "\(path)",
                LogKey.error: "\(error.code)",
                LogKey.reason: "\(error.description)",
                LogKey.destination: "\(placed)",
                LogKey.sha256: "\(sha256 ?? "-")",
            ])
        } catch let failure {
            stats.update { $0.skipped += 1; $0.lastError = failure.message }
            logger.error("File skipped: it cannot be quarantined", metadata: [
                LogKey.event: "\(LogEvent.skipped.rawValue)",
                LogKey.file: "\(path)",
                LogKey.error: "\(error.code)",
                LogKey.reason: "\(error.description); quarantine failed: \(failure.message)",
            ])
        }
    }

    private let retryLock = NSLock()
    private var retryDelay: Double = 1

    /// Re-queues a path after the store failed, backing off to at most 30 s.
    private func retryLater(_ path: InboxPath) {
        retryLock.lock()
        let delay = retryDelay
        retryDelay = min(retryDelay * 2, 30)
        retryLock.unlock()
        DispatchQueue.global().asyncAfter(deadline: .now() + delay) { [weak self] in
            self?.queue.add(path)
        }
    }
}
