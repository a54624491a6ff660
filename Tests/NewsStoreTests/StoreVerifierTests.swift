import Glibc
import Foundation
import NewsCore
import NewsStore
import Testing

struct StoreVerifierTests {
    func goodStore() -> FixtureStore {
        let store = FixtureStore()
        let first = store.add(title: "a")
        store.add(title: "b", duplicateOf: first, story: first)
        store.rotate()
        store.add(title: "c", story: first)
        store.add(title: "d")
        return store
    }

    @Test func passesOnAGoodStoreWithCounts() throws {
        let store = goodStore()
        let report = try StoreVerifier.verify(directory: store.directory)
        #expect(report.ok)
        #expect(report.problems.isEmpty)
        #expect(report.segments == 2)
        #expect(report.records == 4)
        #expect(report.copies == 1)
        #expect(report.storyRecords == 2)
        #expect(report.partialTail == nil)
    }

    @Test func reportsASegmentDeletedFromTheMiddleOrTheStart() throws {
        let store = goodStore()
        unlink(store.directory + "/" + SegmentFiles.name(1))
        let report = try StoreVerifier.verify(directory: store.directory)
        #expect(!report.ok)
        #expect(report.problems.first?.segment == "articles-000002.jsonl")
        #expect(report.problems.first?.message == "segment articles-000001.jsonl is missing (deleted?): its records are lost")
    }

    @Test func namesSegmentAndOffsetOfACorruptLineInTheMiddle() throws {
        let store = goodStore()
        let path = store.directory + "/" + SegmentFiles.name(1)
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        let secondLine = bytes.firstIndex(of: 0x0A)! + 1
        bytes[secondLine + 3] = UInt8(ascii: "#")  // inside the first line after the first
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let report = try StoreVerifier.verify(directory: store.directory)
        #expect(!report.ok)
        #expect(report.problems.count == 1)
        #expect(report.problems.first?.segment == "articles-000001.jsonl")
        #expect(report.problems.first?.offset == secondLine)
        #expect(report.records == 3)
    }

    @Test func flagsIdsOutOfOrderAcrossSegmentsAndRepeated() throws {
        let store = goodStore()
        // A segment after the others holding an old id again.
        let old = try String(contentsOfFile: store.directory + "/" + SegmentFiles.name(1), encoding: .utf8).split(separator: "\n")[0]
        store.rotate()
        store.appendRaw(old + "\n")
        let report = try StoreVerifier.verify(directory: store.directory)
        #expect(report.problems.map(\.segment) == ["articles-000003.jsonl"])
        #expect(report.problems.first?.offset == 0)
        #expect(report.problems.first?.message.contains("duplicate id") == true)
    }

    @Test func partialLastLineIsReportedButOnlyOlderSegmentsFail() throws {
        let store = goodStore()
        store.appendRaw("{\"v\":1,\"id\"")
        var report = try StoreVerifier.verify(directory: store.directory)
        #expect(report.ok)
        #expect(report.partialTail?.segment == "articles-000002.jsonl")
        store.rotate()
        store.add(title: "e")
        report = try StoreVerifier.verify(directory: store.directory)
        #expect(!report.ok)
        #expect(report.problems.first?.segment == "articles-000002.jsonl")
        #expect(report.problems.first?.message.contains("without a newline") == true)
    }

    @Test func flagsCopyChainsUnknownVersionsAndDanglingStories() throws {
        let store = FixtureStore()
        let first = store.add(title: "a")
        let copy = store.add(title: "b", duplicateOf: first)
        store.add(title: "c", duplicateOf: copy)                                   // a chain
        store.add(title: "d", story: RecordID(rawValue: first.rawValue + 1))       // no such record
        var line = String(decoding: RecordJSON.line(Record(id: RecordID(rawValue: UInt64.max >> 1).description, file: "x", sha256: String(repeating: "0", count: 64),
                                                          bytes: 1, ingestedAt: "", article: Article(format: .text, title: "v2", text: "t"))), as: UTF8.self)
        line = line.replacingOccurrences(of: "{\"v\":1,", with: "{\"v\":2,")
        store.appendRaw(line)
        let report = try StoreVerifier.verify(directory: store.directory)
        #expect(report.problemCount == 3)
        let messages = report.problems.map(\.message)
        #expect(messages[0].contains("itself a copy"))
        #expect(messages[1].contains("story"))
        #expect(messages[2].contains("schema version 2"))
    }

    /// A store newsd's own writer made, with its sidecars.
    func writtenByStore() throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("newsd-verify-\(UUID().uuidString)").path
        let store = try Store(options: Store.Options(directory: directory, segmentBytes: 4096))
        for n in 0..<20 {
            let content = ContentKey(digest: (0..<32).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ n) })
            try store.append(content: content) { id in
                Record(id: id.description, file: "f\(n).txt", sha256: content.description, bytes: 10, ingestedAt: "2026-01-01T00:00:00Z",
                       article: Article(format: .text, title: "T\(n)", text: String(repeating: "body ", count: 60)))
            }
        }
        store.close()
        return directory
    }

    @Test func checksSidecarsAgainstTheirSegments() throws {
        let directory = try writtenByStore()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let good = try StoreVerifier.verify(directory: directory)
        #expect(good.ok, "\(good.problems)")
        #expect(good.segments > 1)
        #expect(good.sidecarsChecked == good.segments)
        #expect(good.records == 20)

        // An entry whose id disagrees with its line.
        let sidecar = directory + "/" + SidecarFile.name(1)
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: sidecar)))
        let firstID = 8 + 4 + 8 + 4   // magic, length, offset, line length
        bytes[firstID] ^= 0x01
        try Data(bytes).write(to: URL(fileURLWithPath: sidecar))
        let bad = try StoreVerifier.verify(directory: directory)
        #expect(!bad.ok)
        #expect(bad.problems.map(\.segment) == [SidecarFile.name(1)])
        #expect(bad.problems.first?.offset == 0)
    }
}
