import Foundation
import NewsCore
import NewsStore
import Testing

private func forwardIDs(_ reader: StoreReader) throws -> [String] {
    var ids: [String] = []
    try reader.forEachLine { _, _, line in
        ids.append(RecordFields(line)?.string(.id) ?? "?")
        return true
    }
    return ids
}

private func reversedIDs(_ reader: StoreReader) throws -> [String] {
    var ids: [String] = []
    try reader.forEachLineReversed { _, _, line in
        ids.append(RecordFields(line)?.string(.id) ?? "?")
        return true
    }
    return ids
}

struct StoreReaderTests {
    @Test func readsWholeLinesAndIgnoresALineBeingWritten() throws {
        let store = FixtureStore()
        store.add(title: "one")
        store.add(title: "two")
        store.appendRaw("{\"v\":1,\"id\":\"0000")  // newsd mid-write
        let reader = try StoreReader(directory: store.directory)
        #expect(try forwardIDs(reader) == store.ids.map(\.description))
        #expect(try reversedIDs(reader) == store.ids.reversed().map(\.description))
    }

    @Test func readsNewestFirstAcrossSegmentsAndLongLines() throws {
        let store = FixtureStore()
        for n in 0..<30 {
            // Some lines much longer than the first backwards chunk (64 KiB).
            let text = n % 7 == 3 ? String(repeating: "long words here ", count: 20_000) : "short \(n)"
            store.add(title: "t\(n)", text: text)
            if n % 10 == 9 { store.rotate() }
        }
        let reader = try StoreReader(directory: store.directory)
        #expect(reader.segments.count == 3)
        #expect(try forwardIDs(reader) == store.ids.map(\.description))
        #expect(try reversedIDs(reader) == store.ids.reversed().map(\.description))
    }

    @Test func chunksHoldWholeLinesOnly() throws {
        let store = FixtureStore()
        for n in 0..<50 { store.add(title: "t\(n)", text: String(repeating: "y", count: n * 997 % 5000)) }
        store.appendRaw("{\"v\":1,\"id\":\"partial")
        let reader = try StoreReader(directory: store.directory)
        var joined: [UInt8] = []
        var chunks = 0
        try reader.forEachChunk(in: reader.segments[0]) { offset, bytes in
            #expect(offset == joined.count)
            #expect(bytes.last == 0x0A)
            joined += bytes
            chunks += 1
            return true
        }
        let file = Array(try Data(contentsOf: URL(fileURLWithPath: store.segmentPath)))
        #expect(joined == Array(file[0...file.lastIndex(of: 0x0A)!]))
        #expect(chunks >= 1)
    }

    @Test func findsRecordsByIdWithBinarySearch() throws {
        let store = FixtureStore()
        for n in 0..<200 {
            store.add(title: "t\(n)", text: String(repeating: "x", count: n * 37 % 900))
            if n == 120 { store.rotate() }
        }
        let reader = try StoreReader(directory: store.directory)
        for (n, id) in store.ids.enumerated() where n % 13 == 0 || n == 199 || n == 121 {
            let line = try #require(try reader.line(for: id))
            let title = line.withUnsafeBufferPointer { RecordFields($0)?.string(.title) }
            #expect(title == "t\(n)")
        }
        #expect(try reader.line(for: RecordID(rawValue: store.ids[5].rawValue + 1)) == nil)
        #expect(try reader.line(for: RecordID(rawValue: 1)) == nil)
        // The offset of the first id at or after a time between two records.
        let segment = reader.segments[0]
        let offset = try reader.firstOffset(atOrAfter: RecordID(rawValue: store.ids[50].rawValue + 1), in: segment)
        let line = try #require(try reader.line(in: segment, at: offset))
        #expect(line.withUnsafeBufferPointer { RecordFields($0)?.id } == store.ids[51])
    }

    @Test func fieldScannerAgreesWithTheDecoder() throws {
        let store = FixtureStore()
        store.add(title: "Quote \"this\" \\ and tab\there", text: "Line one.\n\nПривет, мир — “curly” 😀 \u{1}",
                  publisher: nil, people: ["Sergey Lavrov"])
        let reader = try StoreReader(directory: store.directory)
        var checked = 0
        try reader.forEachLine { _, _, line in
            let record = try RecordLine.decode(Array(line))
            let fields = try #require(RecordFields(line))
            #expect(fields.string(.title) == record.title)
            #expect(fields.string(.text) == record.text)
            #expect(fields.string(.publisher) == nil)
            #expect(fields.isNull(.duplicateOf))
            #expect(fields.int(.wordCount) == record.wordCount)
            #expect(RecordSummary(fields) == RecordSummary(record))
            checked += 1
            return true
        }
        #expect(checked == 1)
    }
}

struct FoldedNeedleTests {
    @Test func findsEveryPositionInEitherCase() {
        for length in [1, 2, 5, 15, 16, 17, 31] {
            let needle = String(repeating: "ab", count: 20).prefix(length)
            let folded = FoldedNeedle(needle)!
            for position in [0, 1, 15, 16, 17, 40, 63] {
                var hay = [UInt8](repeating: UInt8(ascii: "-"), count: 64 + length)
                for (k, byte) in needle.uppercased().utf8.enumerated() { hay[position + k] = byte }
                let found = hay.withUnsafeBufferPointer { folded.firstIndex(in: $0.baseAddress!, range: 0..<hay.count) }
                #expect(found == position, "length \(length) at \(position)")
            }
            let none = [UInt8](repeating: UInt8(ascii: "a"), count: 3)
            let found = none.withUnsafeBufferPointer { folded.firstIndex(in: $0.baseAddress!, range: 0..<3) }
            #expect(length <= 1 ? found == 0 : found == nil)
        }
    }
}

struct StoreQueryTests {
    func makeStore() -> FixtureStore {
        let store = FixtureStore()
        store.add(title: "Economy grows", text: "The economy grew.\n\nEconomists agree.", publisher: "BBC News", minutes: 60)
        store.add(title: "Markets", text: "Economy and markets: the ECONOMY again, economy.", publisher: "Reuters", language: "en")
        store.add(title: "Wirtschaft", text: "Die Wirtschaft wächst. Müller sagt es.", publisher: "Die Zeit", language: "de")
        store.rotate()
        store.add(title: "Lavrov visits", text: "Putin’s envoy met Lavrov.", publisher: "TASS", people: ["Sergey Lavrov"])
        store.add(title: "Economy note", text: "economyx is not a word; economy\nis.", publisher: "BBC News")
        return store
    }

    @Test func listsNewestFirstWithFilters() throws {
        let store = makeStore()
        let query = try StoreQuery(directory: store.directory)
        #expect(try query.list(RecordFilter(), limit: 0).map(\.title) == ["Economy note", "Lavrov visits", "Wirtschaft", "Markets", "Economy grows"])
        #expect(try query.list(RecordFilter(), limit: 2).map(\.title) == ["Economy note", "Lavrov visits"])
        #expect(try query.list(RecordFilter(publisher: "bbc"), limit: 0).map(\.title) == ["Economy note", "Economy grows"])
        #expect(try query.list(RecordFilter(language: "DE"), limit: 0).map(\.title) == ["Wirtschaft"])
        var window = RecordFilter()
        window.since = store.ids[1]
        window.until = store.ids[3]
        #expect(try query.list(window, limit: 0).map(\.title) == ["Lavrov visits", "Wirtschaft", "Markets"])
        var exported: [String] = []
        try query.forEachMatching(window) { _, fields in exported.append(fields.string(.title)!); return true }
        #expect(exported == ["Markets", "Wirtschaft", "Lavrov visits"])
    }

    @Test func searchMatchesAllWholeWordsCaseInsensitivelyRankedThenNewest() throws {
        let store = makeStore()
        let query = try StoreQuery(directory: store.directory)
        let economy = try query.search(.init(words: SearchWord.words(in: "ECONOMY")), filter: RecordFilter(), limit: 0)
        // "Economy note": title 5 + body 1 ("economyx" is not the word; "economy\n" is);
        // "Economy grows": title 5 + body 1 ("Economists" is not); "Markets": body 3.
        #expect(economy.hits.map(\.summary.title) == ["Economy note", "Economy grows", "Markets"])
        #expect(economy.hits.map(\.score) == [6, 6, 3])
        let both = try query.search(.init(words: SearchWord.words(in: "economy markets")), filter: RecordFilter(), limit: 0)
        #expect(both.hits.map(\.summary.title) == ["Markets"])
        let apostrophe = try query.search(.init(words: SearchWord.words(in: "putin")), filter: RecordFilter(), limit: 0)
        #expect(apostrophe.hits.map(\.summary.title) == ["Lavrov visits"])
        let umlaut = try query.search(.init(words: SearchWord.words(in: "MÜLLER")), filter: RecordFilter(), limit: 0)
        #expect(umlaut.hits.map(\.summary.title) == ["Wirtschaft"])
        let none = try query.search(.init(words: SearchWord.words(in: "econom")), filter: RecordFilter(), limit: 0)
        #expect(none.total == 0)
    }

    @Test func searchFindsPeopleByCanonicalName() throws {
        let store = makeStore()
        let query = try StoreQuery(directory: store.directory)
        let name = EntityExtractor.canonicalPerson("Sergei Lavrov")
        let result = try query.search(.init(words: [], people: [name]), filter: RecordFilter(), limit: 0)
        #expect(result.hits.map(\.summary.title) == ["Lavrov visits"])
        let nobody = try query.search(.init(words: [], people: ["Sergey Ivanov"]), filter: RecordFilter(), limit: 0)
        #expect(nobody.total == 0)
    }

    @Test func findsCopiesAndStories() throws {
        let store = FixtureStore()
        let original = store.add(title: "Wire story", story: nil)
        let other = store.add(title: "Other")
        store.rotate()
        let copy1 = store.add(title: "Wire story (copy)", duplicateOf: original, story: original)
        let copy2 = store.add(title: "Wire story (again)", duplicateOf: original, story: original)
        store.add(title: "Other copy", duplicateOf: other)
        let query = try StoreQuery(directory: store.directory)
        let copies = try #require(try query.copies(of: copy2))
        #expect(copies.originalID == original.description)
        #expect(copies.original?.title == "Wire story")
        #expect(copies.copies.map(\.id) == [copy1.description, copy2.description])
        let most = try query.mostCopied(limit: 0)
        #expect(most.top.map(\.originalID) == [original.description, other.description])
        #expect(most.top.map(\.count) == [2, 1])
        #expect(most.copies == 3)
        // The first article was stored before it had a story: it still belongs.
        let stories = try query.stories(filter: RecordFilter(), minSize: 2, limit: 0)
        #expect(stories.count == 1)
        #expect(stories.first?.articles.map(\.id) == [original, copy1, copy2].map(\.description))
        #expect(stories.first?.first?.title == "Wire story")
        #expect(try query.story(containing: copy1)?.size == 3)
    }
}

/// A store written line by line for reader/query/verifier tests.
final class FixtureStore {
    let directory: String
    private(set) var ids: [RecordID] = []
    private var segment = 1
    private var clock: UInt64 = 1_767_225_600_000  // 2026-01-01T00:00:00Z

    init() {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("newsd-reader-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: directory) }

    var segmentPath: String { directory + "/" + SegmentFiles.name(segment) }

    func rotate() { segment += 1 }

    /// Appends a record arriving `minutes` after the previous one.
    @discardableResult
    func add(title: String, text: String = "Plain body.", publisher: String? = "Wire", language: String? = "en",
             people: [String] = [], duplicateOf: RecordID? = nil, story: RecordID? = nil, minutes: UInt64 = 1) -> RecordID {
        clock += minutes * 60_000
        let id = RecordID(rawValue: clock << 16)
        let article = Article(format: .text, title: title, text: text, publisher: publisher, language: language,
                              entities: Entities(people: people.map { EntityMention(name: $0, count: 2) }))
        let iso = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(clock) / 1000))
        let record = Record(id: id.description, file: "f\(ids.count).txt", sha256: String(repeating: "0", count: 63) + String(ids.count % 10),
                            bytes: 100, ingestedAt: iso, article: article, duplicateOf: duplicateOf?.description,
                            similarity: duplicateOf == nil ? nil : 0.9, story: story?.description)
        appendRaw(RecordJSON.line(record))
        ids.append(id)
        return id
    }

    func appendRaw(_ bytes: [UInt8]) {
        if !FileManager.default.fileExists(atPath: segmentPath) {
            FileManager.default.createFile(atPath: segmentPath, contents: nil)
        }
        let handle = FileHandle(forWritingAtPath: segmentPath)!
        handle.seekToEndOfFile()
        handle.write(Data(bytes))
        handle.closeFile()
    }

    func appendRaw(_ text: String) { appendRaw(Array(text.utf8)) }
}
