import Foundation
import Glibc
import Testing

/// Structured events in a real journald (a standalone systemd-journald is started
/// when none listens; needs root), and the same events on stderr without one.
@Suite(.serialized)
struct JournalTests {
    static let journald = "/lib/systemd/systemd-journald"

    /// Starts a standalone journald unless one already serves the socket.
    /// Returns nil when that is impossible here (not root, no journald binary).
    static func ensureJournald() -> String? {
        if socketAlive() { return "" }
        guard getuid() == 0 else { return nil }
        guard FileManager.default.isExecutableFile(atPath: journald) else { return nil }
        try? FileManager.default.createDirectory(atPath: "/run/systemd/journal", withIntermediateDirectories: true)
        try? FileManager.default.createDirectory(atPath: "/run/log/journal", withIntermediateDirectories: true)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: journald)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        for _ in 0..<100 where !socketAlive() { usleep(50_000) }
        return socketAlive() ? "started" : nil
    }

    static func socketAlive() -> Bool {
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array("/run/systemd/journal/socket".utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        } == 0
    }

    static func journalEntries(matching field: String) throws -> [[String: Any]] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/journalctl")
        process.arguments = ["-o", "json", "--no-pager", "SYSLOG_IDENTIFIER=newsd", field]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return data.split(separator: UInt8(ascii: "\n")).compactMap {
            try? JSONSerialization.jsonObject(with: Data($0)) as? [String: Any]
        }
    }

    @Test func storedAndDuplicateEventsCarryMessageIDsAndFields() throws {
        guard Self.ensureJournald() != nil else {
            print("JournalTests: skipped: no journald can be started here (needs root and \(Self.journald))")
            return
        }
        let area = try TestArea()
        let tag = UUID().uuidString.lowercased()
        let newsd = try NewsdProcess(arguments: ["--log-target", "journal"], in: area.root, environment: ["NEWSD_LOG_TARGET": "journal"])
        // With the journal as target nothing reaches stderr, so wait on the files.
        try area.drop("\(tag)-a.txt", sampleArticle(500))
        try area.drop("\(tag)-b.txt", sampleArticle(500))
        let deadline = Date().addingTimeInterval(20)
        while !area.files(under: area.inbox).isEmpty && Date() < deadline { usleep(20_000) }
        newsd.signal(SIGTERM)
        #expect(newsd.wait() == 0)

        var stored: [[String: Any]] = []
        var duplicate: [[String: Any]] = []
        for _ in 0..<100 {
            stored = try Self.journalEntries(matching: "MESSAGE_ID=5d0f1f1bd5b54d8f9a6e1a0c3b7e2f02").filter { ($0["NEWSD_FILE"] as? String)?.hasPrefix(tag) == true }
            duplicate = try Self.journalEntries(matching: "MESSAGE_ID=5d0f1f1bd5b54d8f9a6e1a0c3b7e2f03").filter { ($0["NEWSD_FILE"] as? String)?.hasPrefix(tag) == true }
            if stored.count == 1 && duplicate.count == 1 { break }
            usleep(50_000)
        }
        let records = try area.records()
        #expect(records.count == 1)
        let record = try #require(records.first)
        #expect(stored.count == 1)
        #expect(duplicate.count == 1)
        let entry = try #require(stored.first)
        #expect(entry["MESSAGE"] as? String == "Article stored")
        #expect(entry["PRIORITY"] as? String == "6")
        #expect(entry["NEWSD_EVENT"] as? String == "stored")
        #expect(entry["NEWSD_ARTICLE_ID"] as? String == record["id"] as? String)
        #expect(entry["NEWSD_FILE"] as? String == record["file"] as? String)
        #expect(entry["NEWSD_SHA256"] as? String == record["sha256"] as? String)
        #expect((entry["CODE_FILE"] as? String)?.hasSuffix("IngestPipeline.swift") == true)
        #expect(entry["CODE_LINE"] != nil && entry["CODE_FUNC"] != nil)
        let dup = try #require(duplicate.first)
        #expect(dup["NEWSD_DUPLICATE_OF"] as? String == record["id"] as? String)
        #expect(dup["NEWSD_SHA256"] as? String == record["sha256"] as? String)
        #expect(newsd.log.isEmpty, "nothing on stderr when journald takes the events")
    }

    @Test func withoutJournaldTheSameEventsGoToStderr() throws {
        let area = try TestArea()
        // auto with a socket path nobody listens on behaves as "no journald".
        let newsd = try NewsdProcess(arguments: ["--log-target", "console"], in: area.root)
        newsd.waitFor("started")
        try area.drop("a.txt", sampleArticle(501))
        try area.drop("b.txt", sampleArticle(501))
        let stored = newsd.waitFor("stored")
        let duplicate = newsd.waitFor("duplicate")
        #expect(duplicate.first?.fields["duplicate_of"] == stored.first?.fields["article_id"])
        #expect(stored.first?.fields["sha256"] == duplicate.first?.fields["sha256"])
        newsd.signal(SIGTERM)
        #expect(newsd.wait() == 0)
    }
}
