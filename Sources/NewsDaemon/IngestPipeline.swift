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
        dedupe: DedupeStage,
        logger: Logger,
        onOverflowDrained: @escaping @Sendable () -> Void = {}
    ) {
        self.layout = layout
        self.store = store
        self.dedupe = dedupe
        self.logger = logger
        self.queue = WorkQueue(capacity: config.ingest.maxQueue)
        self.disposer = FileDisposer(layout: layout)
        self.workerCount = config.ingest.workers
        self.settingsValue = IngestSettings(config)
        self.onOverflowDrained = onOverflowDrained
        self.crashGuard = CrashGuard(runtimeDir: layout.runtimeDir)
        self.crashMarker = ProcessInfo.processInfo.environment["NEWSD_TEST_CRASH_MARKER"].map { Array($0.utf8) }
        store.observeWrites { [weak self] event in self?.storeWriteEvent(event) }
    }

    /// The store's writer reports its health. While it cannot write, no file is taken
    /// from the inbox: the records already read wait in the writer (retried with
    /// back-off), their inputs stay where they are, and nothing is quarantined.
    private func storeWriteEvent(_ event: StoreWriteEvent) {
        switch event {
        case .stalled(let error):
            queue.setStalled(true)
            stats.update {
                $0.storeErrors += 1
                $0.storeStalled = error.description
                $0.lastError = error.description
            }
            logger.error("Store not writable; intake paused until it is (retrying with back-off)", metadata: [
                LogKey.event: "\(LogEvent.storeStalled.rawValue)",
                LogKey.error: "\(error.code)",
                LogKey.reason: "\(error.description)",
            ])
        case .recovered(let attempts):
            stats.update { $0.storeStalled = nil }
            queue.setStalled(false)
            logger.notice("Store writable again; intake resumed", metadata: [
                LogKey.event: "\(LogEvent.storeResumed.rawValue)",
                LogKey.attempts: "\(attempts)",
            ])
        case .restored(let file, let bytes):
            logger.error("A store file was deleted while newsd had it open; restored from the open descriptor", metadata: [
                LogKey.event: "\(LogEvent.segmentRestored.rawValue)",
                LogKey.segment: "\(file)",
                LogKey.bytes: "\(bytes)",
            ])
        }
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
                while let (path, ticket) = queue.take() {
                    crashGuard.enter(slot: number, path: path)
                    let progress = process(path, ticket: ticket)
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
        // Records waiting on a stalled store fail now; their inputs stay in the inbox.
        store.abandonRetries()
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

    /// One file, from bytes to a queued record. The expensive part (read, hash,
    /// extraction) runs in parallel on the workers; the verdicts (exact duplicate?
    /// near duplicate? which story?) and the append are taken strictly in the order
    /// the paths were queued (`turn`), so the same files in the same order always
    /// get the same verdicts, whatever the number of workers.
    func process(_ path: InboxPath, ticket: UInt64) -> Progress {
        var turnTaken = false
        defer { if !turnTaken { turns.wait(ticket); turns.pass() } }
        /// Runs `body` in this file's turn.
        func inTurn<T>(_ body: () -> T) -> T {
            turns.wait(ticket)
            defer { turns.pass(); turnTaken = true }
            return body()
        }

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
        // Durable copies can be recognised before the costly part.
        if let existing = store.lookup(key) {
            exactDuplicate(path, of: existing, sha256: sha, settings: settings)
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

        let fingerprint = ArticleFingerprint(article: article)
        let now = Date()
        let day = DedupeStage.day(of: fingerprint, ingestedAt: now)

        return inTurn { () -> Progress in
            if let existing = store.lookup(key) {
                exactDuplicate(path, of: existing, sha256: sha, settings: settings)
                return .finished
            }
            // The same bytes are already on their way to the store: this copy leaves
            // the inbox when that record is durable.
            pendingLock.lock()
            if pendingContent[key] != nil {
                pendingContent[key]!.waiters.append(path)
                pendingLock.unlock()
                return .awaitingStore
            }
            pendingContent[key] = PendingContent(waiters: [])
            pendingLock.unlock()

            let verdict = dedupe.classify(fingerprint, day: day)
            let payload = DedupeStage.payload(fingerprint: fingerprint, verdict: verdict, day: day)
            let assigned = AssignedID()
            do throws(StoreError) {
                try store.append(content: key, now: now, payload: payload, { id in
                    // Into the index before the line is even queued: the next file's
                    // turn sees it, and a failed append (below) can take it back.
                    assigned.id = id
                    dedupe.insert(id: id, fingerprint: fingerprint, verdict: verdict, day: day)
                    return Record(
                        id: id.description,
                        file: path.description,
                        sha256: sha,
                        bytes: bytes.count,
                        ingestedAt: RFC3339.string(from: now),
                        article: article,
                        duplicateOf: verdict.duplicateOf?.description,
                        similarity: verdict.similarity,
                        story: verdict.storyID(for: id).description
                    )
                }, completion: { [self] result in
                    completions.async { [self] in
                        pendingLock.lock()
                        let waiters = pendingContent.removeValue(forKey: key)?.waiters ?? []
                        pendingLock.unlock()
                        switch result {
                        case .success(let record):
                            stored(path, record: record, settings: settings)
                            let entry = Store.Entry(id: RecordID(record.id)!, fileHash: FileHash.of(record.file))
                            for waiter in waiters {
                                exactDuplicate(waiter, of: entry, sha256: sha, settings: settings)
                                finish(waiter)
                            }
                        case .failure(let error):
                            if let id = assigned.id { dedupe.forget(id) }
                            appendFailed(path, error: error)
                            for waiter in waiters {
                                retryLater(waiter)
                                finish(waiter)
                            }
                        }
                        finish(path)
                    }
                })
            } catch {
                pendingLock.lock()
                let waiters = pendingContent.removeValue(forKey: key)?.waiters ?? []
                pendingLock.unlock()
                if let id = assigned.id { dedupe.forget(id) }
                appendFailed(path, error: error)
                for waiter in waiters { retryLater(waiter); finish(waiter) }
                return .finished
            }
            return .awaitingStore
        }
    }

    /// A file whose exact bytes are already durable in the store: no new record.
    private func exactDuplicate(_ path: InboxPath, of existing: Store.Entry, sha256: String, settings: IngestSettings) {
        let sameFile = existing.fileHash == FileHash.of(path.description)
        guard let destination = dispose(path, settings: settings, sha256: sha256) else { return }
        stats.update { if sameFile { $0.alreadyStored += 1 } else { $0.duplicates += 1 } }
        logger.info(sameFile ? "Input already stored, moved out of the inbox" : "Exact duplicate, no new record", metadata: [
            LogKey.event: "\((sameFile ? LogEvent.alreadyStored : LogEvent.duplicate).rawValue)",
            LogKey.file: "\(path)",
            LogKey.sha256: "\(sha256)",
            LogKey.duplicateOf: "\(existing.id)",
            LogKey.destination: "\(destination)",
        ])
    }

    private struct PendingContent {
        /// Exact copies that arrived while the first was being written.
        var waiters: [InboxPath]
    }

    private let pendingLock = NSLock()
    private var pendingContent: [ContentKey: PendingContent] = [:]
    private let turns = TurnGate()
    let dedupe: DedupeStage

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
            LogKey.duplicateOf: "\(record.duplicateOf ?? "-")",
            LogKey.story: "\(record.story ?? "-")",
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

    /// Re-queues a path after the store refused it (it was closing), backing off to at
    /// most 4 s. A store that cannot write stalls intake instead (`storeWriteEvent`).
    private func retryLater(_ path: InboxPath) {
        retryLock.lock()
        let delay = retryDelay
        retryDelay = min(retryDelay * 2, 4)
        retryLock.unlock()
        DispatchQueue.global().asyncAfter(deadline: .now() + delay) { [weak self] in
            self?.queue.add(path)
        }
    }
}

private final class AssignedID: @unchecked Sendable {
    var id: RecordID?
}
