import Foundation
import Glibc
@testable import NewsStore
import Testing

/// The writer under injected failures: a full disk mid-write, EIO from fdatasync, a
/// directory that refuses the next segment, a segment deleted while open. Whatever
/// happens, the segment holds each acknowledged line exactly once, no torn bytes, and
/// the sidecar describes it.
@Suite struct GroupCommitWriterFaultTests {
    /// Failures to inject, counted down by the operations below.
    final class Faults: @unchecked Sendable {
        let lock = NSLock()
        var failWrites = 0
        var failSyncs = 0
        var failOpens = 0
        var writesAlwaysFail = false
        var events: [String] = []

        func take(_ counter: ReferenceWritableKeyPath<Faults, Int>) -> Bool {
            lock.lock(); defer { lock.unlock() }
            if self[keyPath: counter] > 0 { self[keyPath: counter] -= 1; return true }
            return false
        }

        var operations: StoreFileOperations {
            StoreFileOperations(
                write: { [self] fd, bytes in
                    lock.lock(); let always = writesAlwaysFail; lock.unlock()
                    if always || take(\.failWrites) {
                        // Half the bytes reach the file, then the disk is full: a torn line.
                        let half = POSIX.writeAll(fd, UnsafeRawBufferPointer(rebasing: bytes[0..<(bytes.count / 2)]))
                        return (half.written, ENOSPC)
                    }
                    return POSIX.writeAll(fd, bytes)
                },
                sync: { [self] fd in take(\.failSyncs) ? EIO : StoreFileOperations.system.sync(fd) },
                open: { [self] path, flags in
                    take(\.failOpens) ? (-1, EACCES) : StoreFileOperations.system.open(path, flags)
                }
            )
        }

        func record(_ event: StoreWriteEvent) {
            let text: String
            switch event {
            case .stalled(let error): text = "stalled \(error.code)"
            case .recovered: text = "recovered"
            case .restored(let file, _): text = "restored \(file)"
            }
            lock.lock(); events.append(text); lock.unlock()
        }

        var recorded: [String] { lock.lock(); defer { lock.unlock() }; return events }
    }

    let directory: String
    let faults = Faults()

    init() {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("newsd-gcw-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    func makeWriter(segmentBytes: Int = 1 << 20) throws -> GroupCommitWriter {
        let faults = self.faults
        let writer = try GroupCommitWriter(
            directory: directory, segmentNumber: 1, segmentSize: 0, segmentBytes: segmentBytes,
            operations: faults.operations, retryDelays: [0.005, 0.01],
            onSegmentChange: { _, _ in }, onStateChange: { faults.record($0) })
        writer.start()
        return writer
    }

    static func line(_ n: Int) -> [UInt8] { Array("{\"n\":\(n),\"pad\":\"\(String(repeating: "x", count: 40))\"}\n".utf8) }

    static func facts(_ n: Int) -> GroupCommitWriter.SidecarFacts {
        .init(id: RecordID(rawValue: UInt64(1000 + n)), content: ContentKey(digest: (0..<32).map { UInt8(truncatingIfNeeded: n &+ $0) }),
              fileHash: UInt64(n), payload: [UInt8(truncatingIfNeeded: n)])
    }

    /// Enqueues lines `range` and returns each line's outcome once all completed.
    func append(_ writer: GroupCommitWriter, _ range: Range<Int>) throws -> [StoreError?] {
        let group = DispatchGroup()
        let results = Results(count: range.count)
        for (slot, n) in range.enumerated() {
            group.enter()
            try writer.enqueue(Self.line(n), facts: Self.facts(n)) { error in results.set(slot, error); group.leave() }
        }
        #expect(group.wait(timeout: .now() + 20) == .success, "every line completes")
        return results.values
    }

    final class Results: @unchecked Sendable {
        let lock = NSLock()
        var values: [StoreError?]
        init(count: Int) { values = Array(repeating: nil, count: count) }
        func set(_ index: Int, _ error: StoreError?) { lock.lock(); values[index] = error; lock.unlock() }
    }

    func segment(_ number: Int = 1) -> [UInt8] {
        Array((try? Data(contentsOf: URL(fileURLWithPath: directory + "/" + SegmentFiles.name(number)))) ?? Data())
    }

    func expectSidecarMatches(_ number: Int = 1, lines range: Range<Int>) {
        let entries = SidecarFile.read(path: directory + "/" + SidecarFile.name(number)) ?? []
        #expect(entries.map(\.id.rawValue) == range.map { UInt64(1000 + $0) })
        var offset = 0
        for (entry, n) in zip(entries, range) {
            #expect(entry.offset == offset && entry.lineLength == Self.line(n).count)
            offset += entry.lineLength
        }
    }

    @Test func aTornWriteOnAFullDiskIsCutAndTheBatchWrittenAgain() throws {
        faults.failWrites = 3
        let writer = try makeWriter()
        let results = try append(writer, 0..<50)
        writer.close()
        #expect(results.allSatisfy { $0 == nil }, "every line acknowledged once the disk has room")
        #expect(segment() == (0..<50).flatMap(Self.line), "each line exactly once, no torn bytes")
        expectSidecarMatches(lines: 0..<50)
        #expect(faults.recorded.first == "stalled store_full")
        #expect(faults.recorded.last == "recovered")
    }

    @Test func aFailedFdatasyncRewritesTheBatchInsteadOfTrustingThePageCache() throws {
        let writer = try makeWriter()
        #expect(try append(writer, 0..<5).allSatisfy { $0 == nil })
        faults.lock.lock(); faults.failSyncs = 2; faults.lock.unlock()
        let results = try append(writer, 5..<20)
        writer.close()
        #expect(results.allSatisfy { $0 == nil })
        #expect(segment() == (0..<20).flatMap(Self.line))
        expectSidecarMatches(lines: 0..<20)
        #expect(faults.recorded == ["stalled store_io", "recovered"])
    }

    @Test func closingWhileStalledFailsTheWaitingLinesAndLeavesNothingBehind() throws {
        let writer = try makeWriter()
        #expect(try append(writer, 0..<3).allSatisfy { $0 == nil })
        faults.lock.lock(); faults.writesAlwaysFail = true; faults.lock.unlock()
        let group = DispatchGroup()
        let results = Results(count: 4)
        for n in 3..<7 {
            group.enter()
            try writer.enqueue(Self.line(n), facts: Self.facts(n)) { error in results.set(n - 3, error); group.leave() }
        }
        while !faults.recorded.contains("stalled store_full") { usleep(1_000) }
        #expect(group.wait(timeout: .now() + 0.05) == .timedOut, "a stalled line waits; it is not failed")
        writer.close()
        #expect(group.wait(timeout: .now() + 10) == .success)
        #expect(results.values.allSatisfy { $0?.code == "store_full" }, "closing fails what could not be written")
        #expect(segment() == (0..<3).flatMap(Self.line), "only the acknowledged lines, nothing torn")
        expectSidecarMatches(lines: 0..<3)
    }

    @Test func aDirectoryRefusingTheNextSegmentStallsUntilItAcceptsIt() throws {
        let one = Self.line(0).count
        let writer = try makeWriter(segmentBytes: one * 4)
        #expect(try append(writer, 0..<4).allSatisfy { $0 == nil })
        faults.lock.lock(); faults.failOpens = 2; faults.lock.unlock()
        #expect(try append(writer, 4..<8).allSatisfy { $0 == nil })
        writer.close()
        #expect(segment(1) == (0..<4).flatMap(Self.line))
        #expect(segment(2) == (4..<8).flatMap(Self.line))
        expectSidecarMatches(2, lines: 4..<8)
        #expect(faults.recorded == ["stalled store_io", "recovered"])
    }

    @Test func aSegmentDeletedWhileOpenIsRestoredWithEveryRecord() throws {
        let writer = try makeWriter()
        #expect(try append(writer, 0..<10).allSatisfy { $0 == nil })
        unlink(directory + "/" + SegmentFiles.name(1))
        unlink(directory + "/" + SidecarFile.name(1))
        #expect(try append(writer, 10..<15).allSatisfy { $0 == nil })
        writer.close()
        #expect(segment() == (0..<15).flatMap(Self.line), "the deleted records are back, and the new ones follow")
        expectSidecarMatches(lines: 0..<15)
        #expect(faults.recorded == ["restored articles-000001.jsonl", "restored articles-000001.idx"])
    }
}
