import Foundation
import Glibc
import NewsCore
import NewsStore
import Testing

private func temporaryDirectory() -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("newsd-store-\(UUID().uuidString)").path
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

private func key(_ n: Int) -> ContentKey {
    ContentKey(digest: (0..<32).map { UInt8(truncatingIfNeeded: n >> (($0 % 4) * 8)) ^ UInt8($0) })
}

private func record(_ id: RecordID, _ n: Int, text: String = "body") -> Record {
    Record(id: id.description, file: "f\(n).txt", sha256: key(n).description, bytes: 10,
           ingestedAt: "2026-01-01T00:00:00Z", article: Article(format: .text, title: "T\(n)", text: text))
}

private func lines(in directory: String) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".jsonl") }.sorted()
        .flatMap { try String(contentsOfFile: directory + "/" + $0, encoding: .utf8).split(separator: "\n").map(String.init) }
}

struct RecordIDTests {
    @Test func textOrderIsArrivalOrder() {
        var generator = RecordIDGenerator()
        var previous = generator.next(nowMilliseconds: 1_700_000_000_000)
        for step in 0..<1000 {
            // Same millisecond, later, and even a clock going backwards: always increasing.
            let now: UInt64 = step % 3 == 0 ? 1_700_000_000_000 : step % 3 == 1 ? 1_700_000_000_500 + UInt64(step) : 1_600_000_000_000
            let next = generator.next(nowMilliseconds: now)
            #expect(next > previous)
            #expect(next.description > previous.description)
            previous = next
        }
    }

    @Test func parsesWhatItPrints() {
        let id = RecordID(rawValue: 0x0123_4567_89AB_CDEF)
        #expect(id.description.count == 13)
        #expect(RecordID(id.description) == id)
        #expect(RecordID("not-an-id!!!!") == nil)
        #expect(RecordID("zzzzzzzzzzzzz") == nil)   // more than 64 bits
    }

    @Test func generatorStartsAfterTheLargestStoredID() {
        let stored = RecordID(rawValue: UInt64(2_000_000_000_000) << 16)
        var generator = RecordIDGenerator(after: stored)
        #expect(generator.next(nowMilliseconds: 1_000) > stored)
    }
}

struct ContentKeyTests {
    @Test func hexRoundTrips() {
        let original = key(42)
        #expect(ContentKey(hex: original.description) == original)
        #expect(ContentKey(hex: String(repeating: "g", count: 64)) == nil)
        #expect(ContentKey(hex: "abc") == nil)
    }
}

struct StoreTests {
    @Test func concurrentAppendsAreAllDurableUniqueAndOrdered() throws {
        let directory = temporaryDirectory()
        let store = try Store(options: .init(directory: directory))
        DispatchQueue.concurrentPerform(iterations: 400) { n in
            _ = try! store.append(content: key(n)) { id in record(id, n) }
        }
        store.close()
        let stored = try lines(in: directory).map { try RecordLine.decode(Array($0.utf8)) }
        #expect(stored.count == 400)
        let ids = stored.map(\.id)
        #expect(ids == ids.sorted())
        #expect(Set(ids).count == 400)
        #expect(Set(stored.map(\.file)).count == 400)
    }

    @Test func recoveryRebuildsTheContentIndex() throws {
        let directory = temporaryDirectory()
        var first = try Store(options: .init(directory: directory))
        let written = try first.append(content: key(1)) { id in record(id, 1) }
        first.close()
        first = try Store(options: .init(directory: directory))
        #expect(first.lookup(key(1))?.id.description == written.id)
        #expect(first.lookup(key(1))?.fileHash == FileHash.of("f1.txt"))
        #expect(first.lookup(key(2)) == nil)
        #expect(first.currentSummary.records == 1)
        let next = try first.append(content: key(2)) { id in record(id, 2) }
        #expect(next.id > written.id)
        first.close()
    }

    @Test func rotatesSegmentsAtTheConfiguredSize() throws {
        let directory = temporaryDirectory()
        let store = try Store(options: .init(directory: directory, segmentBytes: 4096))
        let text = String(repeating: "word ", count: 200)   // ~1 KiB records
        for n in 0..<20 { _ = try store.append(content: key(n)) { id in record(id, n, text: text) } }
        store.close()
        let segments = try SegmentFiles.list(in: directory)
        #expect(segments.count >= 5)
        #expect(segments == Array(1...segments.count))
        for number in segments {
            let size = try FileManager.default.attributesOfItem(atPath: directory + "/" + SegmentFiles.name(number))[.size] as! Int
            #expect(size <= 4096)
        }
        #expect(try lines(in: directory).count == 20)
        let reopened = try Store(options: .init(directory: directory, segmentBytes: 4096))
        #expect(reopened.currentSummary.records == 20)
        #expect(reopened.currentSummary.segments == segments.count)
        reopened.close()
    }

    @Test func aDeletedSegmentIsReportedAtStart() throws {
        let directory = temporaryDirectory()
        let store = try Store(options: .init(directory: directory, segmentBytes: 4096))
        for n in 0..<20 { _ = try store.append(content: key(n)) { id in record(id, n, text: String(repeating: "word ", count: 200)) } }
        store.close()
        let segments = try SegmentFiles.list(in: directory)
        #expect(segments.count >= 4)
        unlink(directory + "/" + SegmentFiles.name(2))
        unlink(directory + "/" + SegmentFiles.name(3))
        var events: [Store.RecoveryEvent] = []
        let reopened = try Store(options: .init(directory: directory, segmentBytes: 4096), onRecovery: { events.append($0) })
        reopened.close()
        #expect(events == [.missingSegments(first: SegmentFiles.name(2), last: SegmentFiles.name(3))])
    }

    @Test func tornTailIsCutAndReported() throws {
        let directory = temporaryDirectory()
        let store = try Store(options: .init(directory: directory))
        _ = try store.append(content: key(1)) { id in record(id, 1) }
        store.close()
        let path = directory + "/" + SegmentFiles.name(1)
        let good = try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int
        let handle = FileHandle(forWritingAtPath: path)!
        handle.seekToEndOfFile()
        handle.write(Data("{\"v\":1,\"id\":".utf8))
        handle.closeFile()

        var events: [Store.RecoveryEvent] = []
        let reopened = try Store(options: .init(directory: directory), onRecovery: { events.append($0) })
        reopened.close()
        #expect(events == [.tornTail(segment: SegmentFiles.name(1), offset: good, bytesCut: 12)])
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int == good)
    }
}

struct SidecarTests {
    final class Counter: @unchecked Sendable { var value = 0 }

    @Test func reopeningReadsTheSidecarInsteadOfTheJSON() throws {
        let directory = temporaryDirectory()
        let store = try Store(options: .init(directory: directory))
        for n in 0..<10 { _ = try appendWithPayload(store, n) }
        store.close()

        let rebuilt = Counter()
        var payloads: [[UInt8]] = []
        let reopened = try Store(options: .init(directory: directory), payload: { _ in rebuilt.value += 1; return [] },
                                 onEntries: { image in image.forEach { payloads.append(Array($0.payload)) } })
        reopened.close()
        #expect(rebuilt.value == 0, "no line parsed again")
        #expect(payloads == (0..<10).map { [UInt8($0), 0xAB] })
        #expect(reopened.lookup(key(3)) != nil)
    }

    @Test func aMissingOrShortSidecarIsRebuiltFromTheSegment() throws {
        let directory = temporaryDirectory()
        let store = try Store(options: .init(directory: directory))
        for n in 0..<6 { _ = try appendWithPayload(store, n) }
        store.close()
        let sidecar = directory + "/" + SidecarFile.name(1)
        // Cut the sidecar in the middle of an entry: as if newsd died between writes.
        let size = try FileManager.default.attributesOfItem(atPath: sidecar)[.size] as! Int
        truncate(sidecar, off_t(size - 5))

        let rebuilt = Counter()
        var ids: [RecordID] = []
        let reopened = try Store(options: .init(directory: directory), payload: { record in
            rebuilt.value += 1
            return [UInt8(record.file.dropFirst().dropLast(4))!, 0xAB]
        }, onEntries: { image in image.forEach { ids.append($0.id) } })
        reopened.close()
        #expect(rebuilt.value == 1, "only the line the sidecar lacked was parsed")
        #expect(ids.count == 6 && ids == ids.sorted())

        try FileManager.default.removeItem(atPath: sidecar)
        rebuilt.value = 0
        let again = try Store(options: .init(directory: directory), payload: { _ in rebuilt.value += 1; return [] })
        again.close()
        #expect(rebuilt.value == 6)
        #expect(FileManager.default.fileExists(atPath: sidecar))
    }

    private func appendWithPayload(_ store: Store, _ n: Int) throws -> Record {
        let done = DispatchSemaphore(value: 0)
        final class Box: @unchecked Sendable { var record: Record? }
        let box = Box()
        try store.append(content: key(n), payload: [UInt8(n), 0xAB], { id in record(id, n) }) { result in
            box.record = try? result.get()
            done.signal()
        }
        done.wait()
        return box.record!
    }
}
