import Foundation
import Glibc

/// Appends lines to the current segment with group commit.
///
/// Producers enqueue whole lines and block until their line is on disk. One committer
/// thread takes everything queued, writes it with one write(2), calls fdatasync once,
/// then wakes the producers of that batch. A failed write or sync is cut off again
/// (ftruncate to the size before the batch), so the segment never keeps a torn or
/// unsynced line that a producer was told had failed.
final class GroupCommitWriter: @unchecked Sendable {
    /// Called on the committer thread once the line is durable (nil) or failed.
    typealias Completion = @Sendable (StoreError?) -> Void

    /// What goes into the sidecar for a line (its offset is known only when written).
    struct SidecarFacts {
        let id: RecordID
        let content: ContentKey
        let fileHash: UInt64
        let payload: [UInt8]
    }

    private struct Pending {
        let bytes: [UInt8]
        let facts: SidecarFacts
        let completion: Completion
    }

    private let directory: String
    private let segmentBytes: Int
    private let maxBatchBytes = 8 << 20
    /// Producers wait when this many lines are queued and not yet written.
    private let maxQueuedLines = 4096
    private let condition = NSCondition()
    private var queue: [Pending] = []
    private var stopping = false
    private var stopped = false
    private var thread: Thread?

    // Owned by the committer thread once it runs.
    private var fd: Int32 = -1
    private var sidecarFD: Int32 = -1
    private(set) var segmentNumber: Int
    private var segmentSize: Int
    /// Called on the committer thread after each durable batch, with the number of
    /// the segment written and the bytes it holds now.
    private let onSegmentChange: @Sendable (_ segment: Int, _ size: Int) -> Void

    init(
        directory: String,
        segmentNumber: Int,
        segmentSize: Int,
        segmentBytes: Int,
        onSegmentChange: @escaping @Sendable (Int, Int) -> Void
    ) throws(StoreError) {
        self.directory = directory
        self.segmentNumber = segmentNumber
        self.segmentSize = segmentSize
        self.segmentBytes = segmentBytes
        self.onSegmentChange = onSegmentChange
        try openSegment(create: segmentSize == 0)
    }

    func start() {
        let thread = Thread { [self] in self.commitLoop() }
        thread.name = "newsd-store-commit"
        self.thread = thread
        thread.start()
    }

    /// Queues `line`; `completion` runs on the committer thread once the line is
    /// durable or has failed. Lines are written in the order they are enqueued.
    /// Blocks while the queue is full (backpressure), never while a batch syncs.
    func enqueue(_ line: [UInt8], facts: SidecarFacts, completion: @escaping Completion) throws(StoreError) {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= maxQueuedLines && !stopping { condition.wait() }
        if stopping { throw .closed }
        queue.append(Pending(bytes: line, facts: facts, completion: completion))
        condition.broadcast()
    }

    /// Writes what is queued, then stops the committer and closes the segment.
    func close() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while !stopped && thread != nil { condition.wait() }
        condition.unlock()
        if fd >= 0 { Glibc.close(fd); fd = -1 }
        if sidecarFD >= 0 { Glibc.close(sidecarFD); sidecarFD = -1 }
    }

    private func commitLoop() {
        while true {
            condition.lock()
            while queue.isEmpty && !stopping { condition.wait() }
            if queue.isEmpty && stopping {
                stopped = true
                condition.broadcast()
                condition.unlock()
                return
            }
            var count = 0
            var bytes = 0
            while count < queue.count, count == 0 || bytes + queue[count].bytes.count <= maxBatchBytes {
                bytes += queue[count].bytes.count
                count += 1
            }
            let batch = Array(queue.prefix(count))
            queue.removeFirst(count)
            condition.broadcast()   // room for producers waiting on a full queue
            condition.unlock()

            let results = commit(batch)
            for (pending, error) in zip(batch, results) {
                pending.completion(error)
            }
        }
    }

    /// Writes the batch, rotating segments as needed; returns an error per line (nil = durable).
    private func commit(_ batch: [Pending]) -> [StoreError?] {
        var results = [StoreError?](repeating: nil, count: batch.count)
        var start = 0
        while start < batch.count {
            // Lines that fit in the current segment (at least one, so a line larger
            // than segment_bytes still gets written, alone in a fresh segment).
            var end = start
            var chunkBytes = 0
            while end < batch.count {
                let size = batch[end].bytes.count
                if segmentSize + chunkBytes + size > segmentBytes && (segmentSize + chunkBytes) > 0 { break }
                chunkBytes += size
                end += 1
            }
            if end == start {
                if let error = rotate() {
                    for index in start..<batch.count { results[index] = error }
                    return results
                }
                continue
            }
            var buffer: [UInt8] = []
            buffer.reserveCapacity(chunkBytes)
            var sidecar: [UInt8] = []
            var offset = segmentSize
            for index in start..<end {
                let pending = batch[index]
                buffer.append(contentsOf: pending.bytes)
                let facts = pending.facts
                SidecarFile.encode(SidecarEntry(offset: offset, lineLength: pending.bytes.count, id: facts.id, content: facts.content,
                                                fileHash: facts.fileHash, payload: facts.payload), into: &sidecar)
                offset += pending.bytes.count
            }
            if let error = writeAndSync(buffer) {
                for index in start..<batch.count { results[index] = error }
                return results
            }
            writeSidecar(sidecar)
            onSegmentChange(segmentNumber, segmentSize)
            start = end
        }
        return results
    }

    private func writeAndSync(_ buffer: [UInt8]) -> StoreError? {
        let path = currentPath
        let before = segmentSize
        let (written, writeErrno) = buffer.withUnsafeBytes { POSIX.writeAll(fd, $0) }
        if let writeErrno {
            if written > 0 { _ = ftruncate(fd, off_t(before)) }
            return .io(operation: "write", path: path, errno: writeErrno)
        }
        if fdatasync(fd) != 0 {
            let syncErrno = errno
            _ = ftruncate(fd, off_t(before))
            return .io(operation: "fdatasync", path: path, errno: syncErrno)
        }
        segmentSize += buffer.count
        return nil
    }

    /// The sidecar is a cache: a failed write empties it, and the next start rebuilds
    /// it from the segment. The records themselves are already durable.
    private func writeSidecar(_ bytes: [UInt8]) {
        guard sidecarFD >= 0 else { return }
        let (_, failed) = bytes.withUnsafeBytes { POSIX.writeAll(sidecarFD, $0) }
        if failed != nil {
            _ = ftruncate(sidecarFD, 0)
            Glibc.close(sidecarFD)
            sidecarFD = -1
        }
    }

    private func rotate() -> StoreError? {
        let previous = fd
        let previousSidecar = sidecarFD
        segmentNumber += 1
        segmentSize = 0
        do throws(StoreError) {
            try openSegment(create: true)
        } catch {
            segmentNumber -= 1
            return error
        }
        Glibc.close(previous)
        if previousSidecar >= 0 { Glibc.close(previousSidecar) }
        return nil
    }

    private var currentPath: String { directory + "/" + SegmentFiles.name(segmentNumber) }

    private func openSegment(create: Bool) throws(StoreError) {
        let path = currentPath
        let flags = O_WRONLY | O_APPEND | O_CLOEXEC | (create ? O_CREAT : 0)
        let newFD = open(path, flags, 0o644)
        if newFD < 0 { throw .io(operation: "open", path: path, errno: errno) }
        if create, let syncErrno = POSIX.syncDirectory(directory) {
            Glibc.close(newFD)
            throw .io(operation: "fsync", path: directory, errno: syncErrno)
        }
        fd = newFD
        let sidecarPath = directory + "/" + SidecarFile.name(segmentNumber)
        sidecarFD = open(sidecarPath, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        if sidecarFD >= 0 {
            var info = stat()
            if fstat(sidecarFD, &info) == 0 && info.st_size == 0 {
                writeSidecar(SidecarFile.magic)
            }
        }
    }
}
