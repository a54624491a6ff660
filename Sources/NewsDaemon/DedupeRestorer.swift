import Foundation
import NewsCore
import NewsStore

/// Rebuilds the dedupe index at start on two cores: the store's recovery (reading the
/// sidecars, on the caller's thread) also decodes each payload, while a thread of its
/// own inserts the decoded entries into the index in the same order. At a million
/// records the two halves are of similar cost, so start-up takes about the longer of
/// them instead of their sum.
///
/// Order is kept: batches go through a FIFO, and one thread inserts. Memory is
/// bounded: at most `maxQueuedBatches` batches wait.
final class DedupeRestorer: @unchecked Sendable {
    struct Entry {
        var id: RecordID
        var fingerprint: ArticleFingerprint
        var verdict: DedupeVerdict
        var day: Int
    }

    static let batchSize = 2048
    static let maxQueuedBatches = 8

    private let stage: DedupeStage
    private let condition = NSCondition()
    private var queued: [[Entry]] = []
    private var finished = false
    private var done = false
    private var batch: [Entry] = []
    private(set) var unreadable = 0

    init(stage: DedupeStage) {
        self.stage = stage
        batch.reserveCapacity(DedupeRestorer.batchSize)
        let thread = Thread { [self] in insertLoop() }
        thread.name = "dedupe-restore"
        thread.start()
    }

    /// Decodes one sidecar payload (on the caller's thread) and queues it.
    func add(id: RecordID, payload: [UInt8]) {
        guard let entry = DedupeStage.decode(id: id, payload: payload) else {
            unreadable += 1
            return
        }
        batch.append(entry)
        if batch.count == DedupeRestorer.batchSize { flush() }
    }

    /// Hands over what is left and waits until every entry is in the index.
    func finish() {
        flush()
        condition.lock()
        finished = true
        condition.broadcast()
        while !done { condition.wait() }
        condition.unlock()
    }

    private func flush() {
        guard !batch.isEmpty else { return }
        condition.lock()
        while queued.count >= DedupeRestorer.maxQueuedBatches { condition.wait() }
        queued.append(batch)
        condition.broadcast()
        condition.unlock()
        batch = []
        batch.reserveCapacity(DedupeRestorer.batchSize)
    }

    private func insertLoop() {
        while true {
            condition.lock()
            while queued.isEmpty && !finished { condition.wait() }
            if queued.isEmpty {
                done = true
                condition.broadcast()
                condition.unlock()
                return
            }
            let next = queued.removeFirst()
            condition.broadcast()
            condition.unlock()
            for entry in next {
                stage.insert(id: entry.id, fingerprint: entry.fingerprint, verdict: entry.verdict, day: entry.day)
            }
        }
    }
}
