import Foundation
import Glibc
import Testing

/// The daemon end to end: the built `newsd` in a temp dir, driven through its inbox.
@Suite(.serialized)
struct DaemonIngestTests {
    @Test func ingestsTheBacklogPresentAtStart() throws {
        let area = try TestArea()
        try area.drop("a.txt", sampleArticle(1))
        try area.drop("nested/deeper/b.txt", sampleArticle(2))
        let newsd = try NewsdProcess(arguments: [], in: area.root)
        newsd.waitFor("stored", count: 2)
        newsd.signal(SIGTERM)
        #expect(newsd.wait() == 0)
        let records = try area.records()
        #expect(Set(records.map { $0["file"] as! String }) == ["a.txt", "nested/deeper/b.txt"])
        #expect(area.files(under: area.inbox).isEmpty)
        let day = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
        #expect(Set(area.files(under: area.processed)) == ["\(day)/a.txt", "\(day)/nested/deeper/b.txt"])
    }

    @Test func ingestsFilesCopiedAndRenamedIntoTheInbox() throws {
        let area = try TestArea()
        let newsd = try NewsdProcess(arguments: [], in: area.root)
        newsd.waitFor("started")
        try area.drop("copied.txt", sampleArticle(3))
        try area.dropByRename("renamed.txt", sampleArticle(4))
        let stored = newsd.waitFor("stored", count: 2)
        #expect(Set(stored.map { $0.fields["file"] ?? "" }) == ["copied.txt", "renamed.txt"])
        newsd.signal(SIGTERM)
        #expect(newsd.wait() == 0)
        let records = try area.records()
        #expect(records.count == 2)
        for record in records {
            #expect(record["v"] as? Int == 1)
            #expect((record["sha256"] as? String)?.count == 64)
            #expect(record["format"] as? String == "text")
            #expect(record["duplicate_of"] is NSNull)
            #expect(record["decoded_lossy"] as? Bool == false)
            #expect((record["text"] as? String)?.contains("Paragraph 1 of story") == true)
        }
        #expect(area.files(under: area.inbox).isEmpty)
    }

    @Test func scansANewSubdirectoryThatAlreadyHoldsFiles() throws {
        let area = try TestArea()
        let newsd = try NewsdProcess(arguments: [], in: area.root)
        newsd.waitFor("started")
        // A folder filled elsewhere and moved in: its files never cause events of
        // their own, so only the scan after adding the watch can find them.
        let outside = area.root.appendingPathComponent("batch")
        try FileManager.default.createDirectory(at: outside.appendingPathComponent("inner"), withIntermediateDirectories: true)
        try Data(sampleArticle(5).utf8).write(to: outside.appendingPathComponent("one.txt"))
        try Data(sampleArticle(6).utf8).write(to: outside.appendingPathComponent("inner/two.txt"))
        try FileManager.default.moveItem(at: outside, to: area.inbox.appendingPathComponent("batch"))
        newsd.waitFor("stored", count: 2)
        // And the new folders are watched: a file written into one later is seen too.
        try area.drop("batch/inner/three.txt", sampleArticle(7))
        let stored = newsd.waitFor("stored", count: 3)
        #expect(Set(stored.map { $0.fields["file"] ?? "" }) == ["batch/one.txt", "batch/inner/two.txt", "batch/inner/three.txt"])
        newsd.signal(SIGTERM)
        #expect(newsd.wait() == 0)
    }

    @Test func recordsExactDuplicatesOnceAndCountsThem() throws {
        let area = try TestArea()
        let newsd = try NewsdProcess(arguments: [], in: area.root)
        newsd.waitFor("started")
        try area.drop("first.txt", sampleArticle(8))
        let stored = newsd.waitFor("stored")
        try area.drop("copy.txt", sampleArticle(8))
        let duplicate = newsd.waitFor("duplicate")
        #expect(duplicate.first?.fields["duplicate_of"] == stored.first?.fields["article_id"])
        #expect(duplicate.first?.fields["file"] == "copy.txt")
        newsd.signal(SIGTERM)
        #expect(newsd.wait() == 0)
        #expect(try area.records().count == 1)
        #expect(area.files(under: area.inbox).isEmpty)
        #expect(area.files(under: area.processed).count == 2)
        #expect(newsd.events("stopped").first?.fields["duplicates"] == "1")
    }

    @Test func restartMovesInputsWhoseRecordsAlreadyExist() throws {
        let area = try TestArea()
        try area.drop("kept.txt", sampleArticle(9))
        let first = try NewsdProcess(arguments: ["--once"], in: area.root)
        #expect(first.wait() == 0)
        #expect(try area.records().count == 1)
        // As if newsd died after the append and before the move: the input is back.
        try area.drop("kept.txt", sampleArticle(9))
        let second = try NewsdProcess(arguments: [], in: area.root)
        let again = second.waitFor("already_stored")
        #expect(again.first?.fields["file"] == "kept.txt")
        second.signal(SIGTERM)
        #expect(second.wait() == 0)
        #expect(try area.records().count == 1)
        #expect(area.files(under: area.inbox).isEmpty)
        #expect(second.events("stored").isEmpty)
    }

    @Test func cutsATornTailOnStart() throws {
        let area = try TestArea()
        try area.drop("a.txt", sampleArticle(10))
        #expect(try NewsdProcess(arguments: ["--once"], in: area.root).wait() == 0)
        let segment = area.store.appendingPathComponent("articles-000001.jsonl")
        let goodSize = try FileManager.default.attributesOfItem(atPath: segment.path)[.size] as! Int
        let handle = try FileHandle(forWritingTo: segment)
        handle.seekToEndOfFile()
        handle.write(Data("{\"v\":1,\"id\":\"038g6kmr96000\",\"file\":\"half-writ".utf8))
        try handle.close()

        try area.drop("b.txt", sampleArticle(11))
        let newsd = try NewsdProcess(arguments: [], in: area.root)
        let torn = newsd.waitFor("torn_tail")
        #expect(torn.first?.fields["offset"] == "\(goodSize)")
        #expect(torn.first?.fields["segment"] == "articles-000001.jsonl")
        newsd.waitFor("stored")
        newsd.signal(SIGTERM)
        #expect(newsd.wait() == 0)
        let records = try area.records()   // parses every line: fails on any torn one
        #expect(records.map { $0["file"] as! String } == ["a.txt", "b.txt"])
    }

    @Test func reportsACorruptMiddleLineAndKeepsGoing() throws {
        let area = try TestArea()
        try area.drop("a.txt", sampleArticle(12))
        try area.drop("b.txt", sampleArticle(13))
        #expect(try NewsdProcess(arguments: ["--once"], in: area.root).wait() == 0)
        let segment = area.store.appendingPathComponent("articles-000001.jsonl")
        var data = try Data(contentsOf: segment)
        let firstNewline = data.firstIndex(of: UInt8(ascii: "\n"))!
        data.replaceSubrange(0..<firstNewline, with: Data("this is not json".utf8))
        try data.write(to: segment)

        let newsd = try NewsdProcess(arguments: ["--once"], in: area.root)
        #expect(newsd.wait() == 0)
        let corrupt = newsd.events("corrupt_line")
        #expect(corrupt.count == 1)
        #expect(corrupt.first?.fields["offset"] == "0")
        #expect(newsd.events("store_recovered").first?.fields["records"] == "1")
    }

    @Test func ignoresTemporaryNamesUntilTheyAreRenamed() throws {
        let area = try TestArea()
        let newsd = try NewsdProcess(arguments: [], in: area.root)
        newsd.waitFor("started")
        for name in ["download.part", "page.crdownload", "draft.tmp", "notes~", ".hidden", ".#lock"] {
            try area.drop(name, sampleArticle(name.count + 100, title: "Temporary \(name)"))
        }
        try area.drop("marker.txt", sampleArticle(14))
        newsd.waitFor("stored")
        // Events are handled in order: the temp files were seen (and left) before the marker.
        #expect(area.files(under: area.inbox).count == 6)
        try FileManager.default.moveItem(at: area.inbox.appendingPathComponent("download.part"),
                                         to: area.inbox.appendingPathComponent("download.txt"))
        let stored = newsd.waitFor("stored", count: 2)
        #expect(stored.last?.fields["file"] == "download.txt")
        newsd.signal(SIGTERM)
        #expect(newsd.wait() == 0)
        #expect(area.files(under: area.inbox).count == 5)
    }

    @Test func quarantinesWhatCannotBeReadWithAReason() throws {
        let area = try TestArea()
        let newsd = try NewsdProcess(arguments: [], in: area.root)
        newsd.waitFor("started")
        let secret = area.root.appendingPathComponent("secret.txt")
        try Data("outside the inbox".utf8).write(to: secret)
        try FileManager.default.createSymbolicLink(at: area.inbox.appendingPathComponent("link.txt"), withDestinationURL: secret)
        try area.drop("empty.txt", "")
        let events = newsd.waitFor("quarantined", count: 2)
        #expect(Set(events.map { $0.fields["error"] ?? "" }) == ["symlink", "empty"])
        newsd.signal(SIGTERM)
        #expect(newsd.wait() == 0)

        let reasonData = try Data(contentsOf: area.quarantine.appendingPathComponent("link.txt.reason.json"))
        let reason = try JSONSerialization.jsonObject(with: reasonData) as! [String: Any]
        #expect(reason["error"] as? String == "symlink")
        #expect((reason["message"] as? String)?.contains("symbolic link") == true)
        #expect(reason["time"] is String)
        #expect(reason["sha256"] is NSNull)
        let empty = try JSONSerialization.jsonObject(with: Data(contentsOf: area.quarantine.appendingPathComponent("empty.txt.reason.json"))) as! [String: Any]
        #expect(empty["sha256"] as? String == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        // The link itself was moved, never followed: the target is untouched.
        #expect(try String(contentsOf: secret, encoding: .utf8) == "outside the inbox")
        #expect(try area.records().isEmpty)
    }

    @Test func quarantinesAHardLinkWithoutReadingIt() throws {
        let area = try TestArea()
        let newsd = try NewsdProcess(arguments: [], in: area.root)
        newsd.waitFor("started")
        // An article outside the inbox that the producer links in (`ln`).
        let outside = area.root.appendingPathComponent("outside.txt")
        try Data(sampleArticle(31).utf8).write(to: outside)
        #expect(link(outside.path, area.inbox.appendingPathComponent("linked.txt").path) == 0)
        let event = newsd.waitFor("quarantined").first
        #expect(event?.fields["error"] == "hard_link")
        #expect(event?.fields["file"] == "linked.txt")
        newsd.signal(SIGTERM)
        #expect(newsd.wait() == 0)
        let reason = try JSONSerialization.jsonObject(with: Data(contentsOf: area.quarantine.appendingPathComponent("linked.txt.reason.json"))) as! [String: Any]
        #expect(reason["error"] as? String == "hard_link")
        #expect((reason["message"] as? String)?.contains("2 hard links") == true)
        #expect(try area.records().isEmpty)
        #expect(try String(contentsOf: outside, encoding: .utf8) == sampleArticle(31))
    }

    @Test func fullLengthNamesGetShortenedSuffixesAndReasonFiles() throws {
        let area = try TestArea()
        let name = String(repeating: "n", count: 251) + ".txt"   // 255 bytes: NAME_MAX
        let day = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
        try area.drop(name, sampleArticle(41))
        #expect(try NewsdProcess(arguments: ["--once"], in: area.root).wait() == 0)
        try area.drop(name, sampleArticle(42))
        try area.drop("sub/" + name, "")
        #expect(try NewsdProcess(arguments: ["--once"], in: area.root).wait() == 0)
        #expect(area.files(under: area.inbox).isEmpty)
        #expect(Set(area.files(under: area.processed)) == [
            "\(day)/\(name)", "\(day)/" + String(repeating: "n", count: 249) + ".1.txt",
        ])
        // quarantine/NAME.reason.json.tmp must fit too: the name loses 16 bytes.
        let quarantined = String(repeating: "n", count: 235) + ".txt"
        #expect(Set(area.files(under: area.quarantine)) == [quarantined, quarantined + ".reason.json"])
        let reason = try JSONSerialization.jsonObject(with: Data(contentsOf: area.quarantine.appendingPathComponent(quarantined + ".reason.json"))) as! [String: Any]
        #expect(reason["file"] as? String == "sub/" + name)
        #expect(try area.records().map { $0["file"] as? String } == [name, name])
    }

    @Test func neverOverwritesInProcessedOrQuarantine() throws {
        let area = try TestArea()
        try area.drop("same.txt", sampleArticle(15))
        #expect(try NewsdProcess(arguments: ["--once"], in: area.root).wait() == 0)
        try area.drop("same.txt", sampleArticle(16))
        #expect(try NewsdProcess(arguments: ["--once"], in: area.root).wait() == 0)
        let day = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
        #expect(Set(area.files(under: area.processed)) == ["\(day)/same.txt", "\(day)/same.1.txt"])
    }

    @Test func onceModePrintsASummaryAndExits() throws {
        let area = try TestArea()
        for index in 0..<20 { try area.drop("f\(index).txt", sampleArticle(200 + index)) }
        try area.drop("dup.txt", sampleArticle(200))
        let newsd = try NewsdProcess(arguments: ["--once"], in: area.root)
        #expect(newsd.wait() == 0)
        #expect(newsd.stdout.contains("newsd: 21 files, 20 records, 1 duplicates"))
        #expect(newsd.stdout.contains("articles/s"))
        #expect(area.files(under: area.inbox).isEmpty)
    }

    @Test func refusesASecondDaemonOnTheSameStore() throws {
        let area = try TestArea()
        let first = try NewsdProcess(arguments: [], in: area.root)
        first.waitFor("started")
        let second = try NewsdProcess(arguments: [], in: area.root)
        #expect(second.wait() != 0)
        #expect(second.log.joined().contains("another newsd is already using this store"))
        first.signal(SIGTERM)
        #expect(first.wait() == 0)
    }

    @Test func refusesAConfigWithAnUnknownKeyNamingIt() throws {
        let area = try TestArea()
        let config = area.root.appendingPathComponent("newsd.toml")
        try Data("[ingest]\nworkers = 2\nmax_fle_bytes = 10\n".utf8).write(to: config)
        let newsd = try NewsdProcess(arguments: ["--config", config.path], in: area.root)
        #expect(newsd.wait() == 78)
        #expect(newsd.log.joined().contains("newsd.toml:3: unknown key 'ingest.max_fle_bytes'"))
    }
}
