import Foundation
import NewsCore
import NewsStore

/// Rebuilds the dedupe index at start on two cores: the store's recovery reads the
/// sidecars and builds its content index on the caller's thread, while a thread of
/// its own decodes each payload and inserts it into the dedupe index, in file order.
///
/// What crosses between the threads is a segment's `SidecarImage` (one buffer) and a
/// range of its entries: no value per record is allocated on one thread and freed on
/// the other, and each fingerprint is decoded into one reused scratch value.
///
/// Order is kept: chunks go through a FIFO, and one thread inserts. Memory is bounded:
/// at most `maxQueuedChunks` chunks wait, 131k entries, a segment and a half with the
/// default 256 MiB segments. Their images are mapped sidecars (page cache, no memory of
/// their own), so about three segments' sidecars are mapped at once. The bound is that
/// deep so the store's thread can read the next segment's sidecar while this thread
/// still has the previous one to insert: with 8 chunks (16k entries) each thread waited
/// for the other a third of the time, and a 1M start took 0.96-1.12 s instead of
/// 0.79-1.14 s.
final class DedupeRestorer: @unchecked Sendable {
    private struct Chunk {
        var image: SidecarImage
        var range: Range<Int>
    }

    static let chunkSize = 2048
    static let maxQueuedChunks = 64

    private let stage: DedupeStage
    private let condition = NSCondition()
    private var queued: [Chunk] = []
    private var finished = false
    private var done = false
    /// Payloads this version could not read; written by the insert thread, read after
    /// `finish()`.
    private var unreadableCount = 0

    init(stage: DedupeStage) {
        self.stage = stage
        let thread = Thread { [self] in insertLoop() }
        thread.name = "dedupe-restore"
        thread.start()
    }

    /// Queues one segment's entries for the insert thread (blocks while the queue is full).
    func add(_ image: SidecarImage) {
        var start = 0
        while start < image.count {
            let end = min(image.count, start + DedupeRestorer.chunkSize)
            condition.lock()
            while queued.count >= DedupeRestorer.maxQueuedChunks { condition.wait() }
            queued.append(Chunk(image: image, range: start..<end))
            condition.broadcast()
            condition.unlock()
            start = end
        }
    }

    /// Waits until every queued entry is in the index.
    func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        while !done { condition.wait() }
        condition.unlock()
    }

    /// Payloads skipped because this version does not understand them (valid after `finish()`).
    var unreadable: Int {
        condition.lock(); defer { condition.unlock() }
        return unreadableCount
    }

    private func insertLoop() {
        var scratch = ArticleFingerprint.empty
        var unreadable = 0
        while true {
            condition.lock()
            while queued.isEmpty && !finished { condition.wait() }
            if queued.isEmpty {
                unreadableCount = unreadable
                done = true
                condition.broadcast()
                condition.unlock()
                return
            }
            let next = queued.removeFirst()
            condition.broadcast()
            condition.unlock()
            next.image.forEach(in: next.range) { entry in
                guard let (verdict, day) = DedupeStage.decode(payload: entry.payload, into: &scratch) else {
                    unreadable += 1
                    return
                }
                stage.insert(id: entry.id, fingerprint: scratch, verdict: verdict, day: day)
            }
        }
    }
}
