import Foundation
import Glibc
@testable import NewsStore
import Testing

/// Group commit under sustained load: at most one fdatasync per `minSyncInterval`,
/// while a line that arrives after a quiet spell is synced at once.
@Suite struct GroupCommitIntervalTests {
    final class SyncCounter: @unchecked Sendable {
        let lock = NSLock()
        var syncs = 0
        var operations: StoreFileOperations {
            var operations = StoreFileOperations.system
            operations.sync = { [self] fd in
                lock.lock(); syncs += 1; lock.unlock()
                return StoreFileOperations.system.sync(fd)
            }
            return operations
        }
        var count: Int { lock.lock(); defer { lock.unlock() }; return syncs }
    }

    let directory: String
    let counter = SyncCounter()

    init() {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("newsd-gci-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    func makeWriter(interval: Double) throws -> GroupCommitWriter {
        let writer = try GroupCommitWriter(
            directory: directory, segmentNumber: 1, segmentSize: 0, segmentBytes: 1 << 24, minSyncInterval: interval,
            operations: counter.operations, onSegmentChange: { _, _ in })
        writer.start()
        return writer
    }

    static func facts(_ n: Int) -> GroupCommitWriter.SidecarFacts {
        .init(id: RecordID(rawValue: UInt64(1000 + n)), content: ContentKey(digest: (0..<32).map { UInt8(truncatingIfNeeded: n &+ $0) }),
              fileHash: UInt64(n), payload: [UInt8(truncatingIfNeeded: n)])
    }

    @Test func aSteadyStreamSharesSyncs() throws {
        let writer = try makeWriter(interval: 0.05)
        defer { writer.close(); try? FileManager.default.removeItem(atPath: directory) }
        let group = DispatchGroup()
        let started = Date()
        // A line every millisecond for 0.4 s.
        for n in 0..<400 {
            group.enter()
            try writer.enqueue(Array("{\"n\":\(n)}\n".utf8), facts: Self.facts(n)) { error in
                #expect(error == nil)
                group.leave()
            }
            usleep(1000)
        }
        #expect(group.wait(timeout: .now() + 20) == .success)
        let elapsed = Date().timeIntervalSince(started)
        // One sync may start at once, then at most one per 50 ms.
        #expect(counter.count <= Int(elapsed / 0.05) + 2, "\(counter.count) syncs in \(elapsed) s")
        #expect(counter.count >= 2)
        let segment = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + SegmentFiles.name(1)))
        #expect(segment.split(separator: UInt8(ascii: "\n")).count == 400)
    }

    @Test func aLineAfterAQuietSpellIsNotDelayed() throws {
        let writer = try makeWriter(interval: 0.3)
        defer { writer.close(); try? FileManager.default.removeItem(atPath: directory) }
        func appendTimed(_ n: Int) throws -> Double {
            let done = DispatchSemaphore(value: 0)
            let start = Date()
            try writer.enqueue(Array("{\"n\":\(n)}\n".utf8), facts: Self.facts(n)) { _ in done.signal() }
            #expect(done.wait(timeout: .now() + 10) == .success)
            return Date().timeIntervalSince(start)
        }
        _ = try appendTimed(0)
        usleep(400_000)   // longer than the interval
        let latency = try appendTimed(1)
        #expect(latency < 0.3, "a lone line waited \(latency) s")
        #expect(counter.count == 2)
    }
}
