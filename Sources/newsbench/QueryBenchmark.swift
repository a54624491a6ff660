import ArgumentParser
import Foundation
import NewsCore
import NewsStore

/// Builds synthetic stores (BBC texts, one arrival every 30 s up to now) and times
/// the queries behind `newsctl search` and `newsctl list` on them, warm cache, one core.
struct QueryBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Measure newsctl search/list latency on stores of 100k and 1M articles."
    )

    @Option(help: "Store sizes in records, comma-separated (k and m suffixes).")
    var sizes = "100k,1m"

    @Option(help: "Folder of BBC texts (CATEGORY/NNN.txt).")
    var corpus = "../shared/corpus/bbc"

    @Option(help: "Runs of each query; the median is printed.")
    var runs = 5

    @Option(help: "Only the cases whose name contains this text.")
    var only: String?

    @Option(help: "Build the stores here and keep them; a store already there is reused (default: a temporary folder, removed).")
    var keep: String?

    @Option(help: "Segment size in bytes (newsd's default is 256 MiB).")
    var segmentBytes = 256 << 20

    func run() throws {
        let texts = try loadCorpus()
        guard !texts.isEmpty else { throw ValidationError("no texts under \(corpus)") }
        let root = keep ?? FileManager.default.temporaryDirectory.appendingPathComponent("newsbench-query-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { if keep == nil { try? FileManager.default.removeItem(atPath: root) } }

        for size in try sizes.split(separator: ",").map(Self.count) {
            let directory = root + "/store-\(size)"
            let clock = ContinuousClock()
            var bytes = 0
            let existing = (try? StoreReader(directory: directory)).map { $0.segments.isEmpty ? 0 : $0.totalBytes } ?? 0
            if keep != nil && existing > 0 {
                print(String(format: "store %d records (kept from an earlier run): %.0f MB", size, Double(existing) / 1e6))
            } else {
                let built = try clock.measure { bytes = try build(directory: directory, records: size, texts: texts) }
                print(String(format: "store %d records: %d segments, %.0f MB, built in %.1f s",
                             size, (try? SegmentFiles.list(in: directory).count) ?? 0, Double(bytes) / 1e6, built.seconds))
            }
            try measure(directory: directory, records: size)
            if keep == nil { try? FileManager.default.removeItem(atPath: directory) }
        }
    }

    static func count(_ text: Substring) throws -> Int {
        let lower = text.lowercased()
        if lower.hasSuffix("k"), let n = Int(lower.dropLast()) { return n * 1_000 }
        if lower.hasSuffix("m"), let n = Int(lower.dropLast()) { return n * 1_000_000 }
        guard let n = Int(lower) else { throw ValidationError("cannot read size '\(text)'") }
        return n
    }

    struct Text { var title: String; var body: String }

    func loadCorpus() throws -> [Text] {
        var texts: [Text] = []
        let fm = FileManager.default
        for category in try fm.contentsOfDirectory(atPath: corpus).sorted() {
            let folder = corpus + "/" + category
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            for name in try fm.contentsOfDirectory(atPath: folder).sorted() where name.hasSuffix(".txt") {
                let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
                let text = String(decoding: data, as: UTF8.self)
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                let title = lines.first.map { $0.trimmingCharacters(in: .whitespaces) } ?? name
                let body = lines.dropFirst().joined(separator: "\n")
                    .components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
                    .filter { !$0.isEmpty }.joined(separator: "\n\n")
                texts.append(Text(title: title, body: body))
            }
        }
        return texts
    }

    static let publishers = ["BBC News", "Reuters", "AP", "The Guardian", "Al Jazeera", "NK News", "TASS", "Le Monde"]
    static let people = ["Sergey Lavrov", "Choe Son Hui", "Kim Jong Un", "Tony Blair", "Gordon Brown"]

    /// Writes `records` lines, ids one every 30 s ending now; returns the bytes written.
    func build(directory: String, records: Int, texts: [Text]) throws -> Int {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let now = UInt64(Date().timeIntervalSince1970 * 1000)
        let start = now - UInt64(records) * 30_000
        var segment = 1
        var segmentSize = 0
        var total = 0
        var handle = try openSegment(directory, segment)
        var buffer: [UInt8] = []
        buffer.reserveCapacity(8 << 20)
        for n in 0..<records {
            let text = texts[n % texts.count]
            let id = RecordID(rawValue: (start + UInt64(n) * 30_000) << 16)
            let people = n % 50 == 0 ? [EntityMention(name: Self.people[(n / 50) % Self.people.count], count: 2)] : []
            let article = Article(format: .text, title: text.title, text: text.body, publisher: Self.publishers[n % Self.publishers.count],
                                  published: "2005-0\(1 + n % 9)-1\(n % 10)", language: n % 20 == 0 ? "de" : "en",
                                  wordCount: 0, entities: Entities(people: people))
            let copyOf = n % 11 == 10 ? RecordID(rawValue: (start + UInt64(n - 3) * 30_000) << 16).description : nil
            let record = Record(id: id.description, file: "inbox/\(n).txt", sha256: String(repeating: "0", count: 64), bytes: text.body.utf8.count,
                                ingestedAt: ISO8601DateFormatter.string(from: id.date, timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withInternetDateTime]),
                                article: article, duplicateOf: copyOf, similarity: copyOf == nil ? nil : 0.97, story: nil)
            let line = RecordJSON.line(record)
            if segmentSize > 0 && segmentSize + buffer.count + line.count > segmentBytes {
                handle.write(Data(buffer)); buffer.removeAll(keepingCapacity: true)
                handle.closeFile()
                segment += 1
                segmentSize = 0
                handle = try openSegment(directory, segment)
            }
            buffer.append(contentsOf: line)
            segmentSize += line.count
            total += line.count
            if buffer.count >= 8 << 20 { handle.write(Data(buffer)); buffer.removeAll(keepingCapacity: true) }
        }
        handle.write(Data(buffer))
        handle.closeFile()
        return total
    }

    func openSegment(_ directory: String, _ number: Int) throws -> FileHandle {
        let path = directory + "/" + SegmentFiles.name(number)
        FileManager.default.createFile(atPath: path, contents: nil)
        guard let handle = FileHandle(forWritingAtPath: path) else { throw ValidationError("cannot write \(path)") }
        return handle
    }

    func measure(directory: String, records: Int) throws {
        let now = Date()
        let middle = now.addingTimeInterval(-Double(records) * 30 / 2)
        func words(_ text: String) -> StoreQuery.SearchQuery { .init(words: SearchWord.words(in: text)) }
        var middleHour = RecordFilter(since: middle, until: middle.addingTimeInterval(3_600))
        middleHour.publisher = nil
        let cases: [(String, (StoreQuery) throws -> Int)] = [
            ("search economy growth -n 20", { try $0.search(words("economy growth"), filter: RecordFilter(), limit: 20).total }),
            ("search pyongyang (rare) -n 20", { try $0.search(words("pyongyang"), filter: RecordFilter(), limit: 20).total }),
            ("search --person \"Sergei Lavrov\" -n 20", { try $0.search(.init(words: [], people: [EntityExtractor.canonicalPerson("Sergei Lavrov")]), filter: RecordFilter(), limit: 20).total }),
            ("search blair --since 1d", { try $0.search(words("blair"), filter: RecordFilter(since: now.addingTimeInterval(-86_400)), limit: 20).total }),
            ("list -n 20", { try $0.list(RecordFilter(), limit: 20).count }),
            ("list --since 1h -n 0", { try $0.list(RecordFilter(since: now.addingTimeInterval(-3_600)), limit: 0).count }),
            ("list --since MID --until MID+1h -n 0", { try $0.list(middleHour, limit: 0).count }),
            ("list --until MID --publisher reuters -n 20", { try $0.list(RecordFilter(until: middle, publisher: "reuters"), limit: 20).count }),
        ]
        for (name, body) in cases where only.map({ name.contains($0) }) ?? true {
            var times: [Double] = []
            var found = 0
            for _ in 0..<max(1, runs) {
                let clock = ContinuousClock()
                let elapsed = try clock.measure {
                    // Opening the store is part of every newsctl run.
                    let query = try StoreQuery(directory: directory)
                    found = try body(query)
                }
                times.append(elapsed.seconds)
            }
            times.sort()
            let label = name.count < 44 ? name + String(repeating: " ", count: 44 - name.count) : name
            print(label + String(format: " %8.1f ms median (min %.1f, max %.1f), %d matched",
                                 times[times.count / 2] * 1000, times.first! * 1000, times.last! * 1000, found))
        }
    }
}

private extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
