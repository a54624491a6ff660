import Foundation
import Glibc
import NewsCore
import NewsStore
import Testing

/// The built `newsctl` run to completion, with a known environment.
struct CtlRun {
    var status: Int32
    var stdout: String
    var stderr: String

    var jsonLines: [[String: Any]] {
        stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    static func environment(_ extra: [String: String]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        for key in ["COLUMNS", "NO_COLOR", "LINES", "NOTIFY_SOCKET"] { environment.removeValue(forKey: key) }
        environment.merge(extra) { $1 }
        return environment
    }

    init(_ arguments: [String], in directory: URL, environment extra: [String: String] = [:]) throws {
        let process = Process()
        process.executableURL = TestArea.binDirectory.appendingPathComponent("newsctl")
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = Self.environment(extra)
        let outURL = directory.appendingPathComponent("ctl-\(UUID().uuidString).out")
        let errURL = directory.appendingPathComponent("ctl-\(UUID().uuidString).err")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        status = process.terminationStatus
        stdout = try String(contentsOf: outURL, encoding: .utf8)
        stderr = try String(contentsOf: errURL, encoding: .utf8)
        try? FileManager.default.removeItem(at: outURL)
        try? FileManager.default.removeItem(at: errURL)
    }
}

/// A newsd data directory whose store the test writes line by line.
final class CtlStore: @unchecked Sendable {
    let area: TestArea
    var root: URL { area.root }
    var store: URL { area.store }
    private(set) var ids: [RecordID] = []
    private var segment = 1

    init() throws {
        area = try TestArea()
        try FileManager.default.createDirectory(at: area.store, withIntermediateDirectories: true)
    }

    var segmentURL: URL { store.appendingPathComponent(SegmentFiles.name(segment)) }

    func rotate() { segment += 1 }

    @discardableResult
    func add(title: String, text: String = "A plain body.", publisher: String? = "Wire", language: String? = "en",
             people: [String] = [], duplicateOf: RecordID? = nil, story: RecordID? = nil, age: TimeInterval) throws -> RecordID {
        let milliseconds = UInt64((Date().timeIntervalSince1970 - age) * 1000)
        var id = RecordID(rawValue: milliseconds << 16)
        if let last = ids.last, id <= last { id = RecordID(rawValue: last.rawValue + 1) }
        let article = Article(format: .text, title: title, text: text, byline: ["Ann Writer"], publisher: publisher,
                              published: "2024-10-30", language: language,
                              entities: Entities(people: people.map { EntityMention(name: $0, count: 3) }))
        let record = Record(id: id.description, file: "in/\(ids.count).txt", sha256: String(repeating: "a", count: 64), bytes: 500,
                            ingestedAt: ISO8601DateFormatter().string(from: id.date), article: article,
                            duplicateOf: duplicateOf?.description, similarity: duplicateOf == nil ? nil : 0.95, story: story?.description)
        try append(RecordJSON.line(record))
        ids.append(id)
        return id
    }

    func append(_ bytes: [UInt8]) throws {
        if !FileManager.default.fileExists(atPath: segmentURL.path) {
            FileManager.default.createFile(atPath: segmentURL.path, contents: nil)
        }
        let handle = try FileHandle(forWritingTo: segmentURL)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(bytes))
        try handle.close()
    }

    func ctl(_ arguments: [String], environment: [String: String] = [:]) throws -> CtlRun {
        try CtlRun(arguments + ["--data-dir", area.dataDir.path], in: root, environment: environment)
    }

    /// A store like the seeds: a visit reported twice (a story), a wire copy, other news.
    static func sample() throws -> (CtlStore, [String: RecordID]) {
        let s = try CtlStore()
        var ids: [String: RecordID] = [:]
        ids["visit"] = try s.add(title: "Lavrov visits Pyongyang", text: "Sergey Lavrov arrived in Pyongyang.\n\nHe met Choe Son Hui for talks.",
                                 publisher: "TASS", people: ["Sergey Lavrov", "Choe Son Hui"], age: 3 * 86_400)
        ids["copy"] = try s.add(title: "Lavrov visits Pyongyang", text: "Sergey Lavrov arrived in Pyongyang.\n\nHe met Choe Son Hui for talks.",
                                publisher: "Wire Mirror", people: ["Sergey Lavrov"], duplicateOf: ids["visit"], story: ids["visit"], age: 2 * 86_400)
        s.rotate()
        ids["again"] = try s.add(title: "Russian minister in North Korea", text: "The Russian foreign minister held talks in Pyongyang.",
                                 publisher: "NK News", people: ["Sergey Lavrov"], story: ids["visit"], age: 7_200)
        ids["economy"] = try s.add(title: "Budget passes", text: "Parliament passed the budget. The economy minister spoke.",
                                   publisher: "BBC News", language: "en", age: 300)
        ids["german"] = try s.add(title: "Haushalt beschlossen", text: "Der Bundestag hat den Haushalt beschlossen.",
                                  publisher: "Die Zeit", language: "de", age: 60)
        return (s, ids)
    }
}

struct NewsCtlStoreTests {
    @Test func listShowsNewestFirstAsTableAndAsJSONLines() throws {
        let (store, ids) = try CtlStore.sample()
        let table = try store.ctl(["list"])
        #expect(table.status == 0)
        let lines = table.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("ID ") == true)
        #expect(lines.count == 6)
        #expect(lines[1].hasPrefix(ids["german"]!.description))
        #expect(lines[5].hasPrefix(ids["visit"]!.description))
        #expect(!table.stdout.contains("\u{1B}"))  // not a terminal: no colour
        let json = try store.ctl(["list", "--json", "-n", "2"])
        #expect(json.jsonLines.map { $0["id"] as? String } == [ids["german"]!.description, ids["economy"]!.description])
        #expect(json.jsonLines.first?["language"] as? String == "de")
    }

    @Test func listFiltersByTimeAgePublisherLanguageAndCopies() throws {
        let (store, ids) = try CtlStore.sample()
        func listed(_ arguments: [String]) throws -> [String] {
            try store.ctl(["list", "--json"] + arguments).jsonLines.compactMap { $0["id"] as? String }
        }
        #expect(try listed(["--since", "1h"]) == [ids["german"]!, ids["economy"]!].map(\.description))
        #expect(try listed(["--until", "1d"]) == [ids["copy"]!, ids["visit"]!].map(\.description))
        #expect(try listed(["--since", "4d", "--until", "1d", "--no-duplicates"]) == [ids["visit"]!.description])
        #expect(try listed(["--duplicates"]) == [ids["copy"]!.description])
        #expect(try listed(["--publisher", "bbc"]) == [ids["economy"]!.description])
        #expect(try listed(["--language", "de"]) == [ids["german"]!.description])
        let bad = try store.ctl(["list", "--since", "last tuesday"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--since"))
    }

    @Test func tablesAreCutToColumns() throws {
        let (store, _) = try CtlStore.sample()
        let run = try store.ctl(["list"], environment: ["COLUMNS": "50"])
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 6)
        for line in lines { #expect(line.count <= 50, "\(line)") }
        #expect(lines.contains { $0.hasSuffix("…") })
    }

    @Test func showPrintsAReadableArticleWrappedToTheWidth() throws {
        let (store, ids) = try CtlStore.sample()
        let long = try store.add(title: "A long one", text: String(repeating: "Words that go on and on. ", count: 40), people: ["Sergey Lavrov"], age: 10)
        let run = try store.ctl(["show", long.description], environment: ["COLUMNS": "60"])
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "A long one")
        #expect(lines[1] == "By Ann Writer · Wire · 2024-10-30")
        #expect(lines.contains { $0.hasPrefix("People:") && $0.contains("Sergey Lavrov (3)") })
        #expect(lines.filter { $0.contains("on and on") }.count >= 10)
        for line in lines { #expect(line.count <= 60, "\(line)") }

        let visit = try store.ctl(["show", ids["visit"]!.description])
        #expect(visit.stdout.contains("Copies:"))
        #expect(visit.stdout.contains(ids["copy"]!.description))
        #expect(visit.stdout.contains("Story:") && visit.stdout.contains("3 articles"))
        let copy = try store.ctl(["show", ids["copy"]!.description])
        #expect(copy.stdout.contains("Copy of:        \(ids["visit"]!) (similarity 0.95)"))

        let json = try store.ctl(["show", "--json", ids["visit"]!.description])
        let record = try RecordLine.decode(Array(json.stdout.utf8.dropLast()))
        #expect(record.id == ids["visit"]!.description)
        #expect(record.text.hasPrefix("Sergey Lavrov arrived"))
    }

    @Test func showRefusesBadAndUnknownIds() throws {
        let (store, ids) = try CtlStore.sample()
        let bad = try store.ctl(["show", "not-an-id"])
        #expect(bad.status == 2)
        let unknown = try store.ctl(["show", RecordID(rawValue: ids["visit"]!.rawValue + 7).description])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.hasPrefix("newsctl: no article with id"))
        #expect(unknown.stderr.split(separator: "\n").count == 1)
    }

    @Test func searchFindsAllWordsAndCanonicalPeopleRanked() throws {
        let (store, ids) = try CtlStore.sample()
        let words = try store.ctl(["search", "--json", "PYONGYANG", "talks"])
        #expect(words.status == 0)
        // Title hits rank first; the copy is newer than the original among equals.
        #expect(words.jsonLines.compactMap { $0["id"] as? String } == [ids["copy"]!, ids["visit"]!, ids["again"]!].map(\.description))
        #expect(words.jsonLines.first?["score"] as? Int == 7)
        let person = try store.ctl(["search", "--json", "--person", "Sergei Lavrov", "--no-duplicates"])
        #expect(Set(person.jsonLines.compactMap { $0["id"] as? String }) == Set([ids["visit"]!, ids["again"]!].map(\.description)))
        let both = try store.ctl(["search", "--json", "--person", "choe son-hui", "pyongyang", "--no-duplicates"])
        #expect(both.jsonLines.compactMap { $0["id"] as? String } == [ids["visit"]!.description])
        let table = try store.ctl(["search", "budget"])
        #expect(table.stdout.split(separator: "\n").count == 2)
        #expect(table.stdout.contains("Budget passes"))
        let nothing = try store.ctl(["search"])
        #expect(nothing.status == 2)
    }

    @Test func duplicatesListsCopiesOfOneArticleAndTheMostCopied() throws {
        let (store, ids) = try CtlStore.sample()
        let one = try store.ctl(["duplicates", "--json", ids["copy"]!.description])
        #expect(one.jsonLines.compactMap { $0["id"] as? String } == [ids["visit"]!, ids["copy"]!].map(\.description))
        #expect(one.jsonLines.last?["similarity"] as? Double == 0.95)
        let most = try store.ctl(["duplicates", "--json"])
        #expect(most.jsonLines.count == 1)
        #expect(most.jsonLines.first?["id"] as? String == ids["visit"]!.description)
        #expect(most.jsonLines.first?["copies"] as? Int == 1)
        let table = try store.ctl(["duplicates"])
        #expect(table.stdout.contains("COPIES") && table.stdout.contains("Lavrov visits Pyongyang"))
    }

    @Test func storiesShowClustersWithSizeSpanAndTitle() throws {
        let (store, ids) = try CtlStore.sample()
        let json = try store.ctl(["stories", "--json"])
        #expect(json.jsonLines.count == 1)
        let story = try #require(json.jsonLines.first)
        #expect(story["story"] as? String == ids["visit"]!.description)
        #expect(story["size"] as? Int == 3)
        #expect(story["title"] as? String == "Lavrov visits Pyongyang")
        #expect(story["articles"] as? [String] == [ids["visit"]!, ids["copy"]!, ids["again"]!].map(\.description))
        let table = try store.ctl(["stories"])
        let lines = table.stdout.split(separator: "\n")
        #expect(lines.count == 5)  // header, story, three articles
        #expect(lines[1].contains("3") && lines[1].contains("Lavrov visits Pyongyang"))
        #expect(lines[4].contains("Russian minister in North Korea"))
    }

    @Test func exportWritesTheStoredLinesOldestFirst() throws {
        let (store, ids) = try CtlStore.sample()
        let all = try store.ctl(["export"])
        var stored = ""
        for segment in [1, 2] {
            stored += try String(contentsOf: store.store.appendingPathComponent(SegmentFiles.name(segment)), encoding: .utf8)
        }
        #expect(all.stdout == stored)
        let filtered = try store.ctl(["export", "--language", "de", "--json"])
        #expect(filtered.jsonLines.compactMap { $0["id"] as? String } == [ids["german"]!.description])
        #expect(filtered.jsonLines.first?["text"] as? String == "Der Bundestag hat den Haushalt beschlossen.")
    }

    @Test func verifyPassesThenNamesSegmentAndOffsetOfACorruptMiddleLine() throws {
        let (store, _) = try CtlStore.sample()
        let good = try store.ctl(["verify"])
        #expect(good.status == 0)
        #expect(good.stdout.hasSuffix("2 segments, 5 records, 1 copies, 2 in stories, \(try storeBytes(store)) bytes, 0 sidecars checked: ok\n"))
        // Corrupt the middle line of the second segment (three lines).
        let url = store.store.appendingPathComponent(SegmentFiles.name(2))
        var bytes = Array(try Data(contentsOf: url))
        let middle = bytes.firstIndex(of: 0x0A)! + 1
        bytes[middle] = UInt8(ascii: "[")
        try Data(bytes).write(to: url)
        let bad = try store.ctl(["verify"])
        #expect(bad.status == 1)
        #expect(bad.stdout.hasPrefix("articles-000002.jsonl:\(middle): "))
        #expect(bad.stdout.contains("1 problem"))
        let json = try store.ctl(["verify", "--json"])
        #expect(json.status == 1)
        #expect(json.jsonLines.first?["offset"] as? Int == middle)
        #expect(json.jsonLines.last?["ok"] as? Bool == false)
        #expect(json.jsonLines.last?["records"] as? Int == 4)
    }

    func storeBytes(_ store: CtlStore) throws -> Int {
        try [1, 2].reduce(0) { total, n in
            total + (try FileManager.default.attributesOfItem(atPath: store.store.appendingPathComponent(SegmentFiles.name(n)).path)[.size] as! Int)
        }
    }

    @Test func findsTheStoreThroughAConfigFileAndFailsInOneLineWithout() throws {
        let (store, ids) = try CtlStore.sample()
        let config = store.root.appendingPathComponent("newsd.toml")
        try "[paths]\ndata_dir = \"\(store.area.dataDir.path)\"\n".write(to: config, atomically: true, encoding: .utf8)
        let run = try CtlRun(["list", "--json", "-n", "1", "--config", config.path], in: store.root)
        #expect(run.jsonLines.first?["id"] as? String == ids["german"]!.description)
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("newsctl-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: empty) }
        let missing = try CtlRun(["list"], in: empty)
        #expect(missing.status == 1)
        #expect(missing.stderr == "newsctl: no store at \(empty.resolvingSymlinksInPath().path)/newsd-data/store (start newsd once, or pass --data-dir/--config)\n")
    }
}
