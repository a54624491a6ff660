import Foundation
import Glibc
import NewsDaemon
import Testing

/// Faults while newsd runs: the inbox deleted and created again, the open segment
/// deleted, a slow writer. (Disk full and a read-only store need mounts: they are in
/// Tests/e2e/faults.sh.)
@Suite(.serialized)
struct FaultTests {
    @Test func anInboxDeletedAndCreatedAgainIsWatchedAndScannedAgain() throws {
        let area = try TestArea()
        let receiver = try NotifyReceiver(directory: area.root)
        let newsd = try NewsdProcess(arguments: [], in: area.root, environment: ["NOTIFY_SOCKET": receiver.path])
        newsd.waitFor("started")
        try area.drop("before.txt", sampleArticle(1))
        newsd.waitFor("stored")

        try FileManager.default.removeItem(at: area.inbox)
        let missing = newsd.waitFor("inbox_missing")
        #expect(missing.first?.fields["inbox"] == area.inbox.path)
        let status = try CtlRun(["status", "--json"], in: area.root)
        let reply = status.jsonLines.first?["status"] as? [String: Any]
        #expect((reply?["inbox_missing"] as? Bool) == true, "status says the inbox is missing: \(status.stdout)")
        let notified = receiver.waitFor { $0.fields["STATUS"]?.contains("inbox missing: \(area.inbox.path)") == true }
        #expect(notified != nil, "STATUS= says the inbox is missing")

        // The operator makes it again, with a file already inside (mkdir + mv, so the
        // file predates the watch: only the rescan can find it).
        let staging = area.root.appendingPathComponent("staging")
        try FileManager.default.createDirectory(at: staging.appendingPathComponent("sub"), withIntermediateDirectories: true)
        try Data(sampleArticle(2).utf8).write(to: staging.appendingPathComponent("sub/inside.txt"))
        try FileManager.default.moveItem(at: staging, to: area.inbox)
        newsd.waitFor("inbox_restored")
        newsd.waitFor("stored", count: 2)
        try area.drop("after.txt", sampleArticle(3))
        newsd.waitFor("stored", count: 3)
        let again = try CtlRun(["status", "--json"], in: area.root).jsonLines.first?["status"] as? [String: Any]
        #expect((again?["inbox_missing"] as? Bool) == false)
        #expect(receiver.waitFor(from: notified ?? 0) { $0.fields["STATUS"]?.contains("watching \(area.inbox.path)") == true } != nil)


        // Moved away instead (IN_MOVE_SELF), then a new empty folder made: watched again.
        let old = area.dataDir.appendingPathComponent("inbox.old")
        try FileManager.default.moveItem(at: area.inbox, to: old)
        let moved = newsd.waitFor("inbox_missing", count: 2)
        #expect(moved.last?.fields["reason"]?.hasPrefix("moved away") == true)
        try Data(sampleArticle(4).utf8).write(to: old.appendingPathComponent("left-behind.txt"))
        try FileManager.default.createDirectory(at: area.inbox, withIntermediateDirectories: false)
        newsd.waitFor("inbox_restored", count: 2)
        try area.drop("last.txt", sampleArticle(5))
        newsd.waitFor("stored", count: 4)

        newsd.signal(SIGTERM)
        #expect(newsd.wait() == 0)
        #expect(try area.records().map { $0["file"] as! String }.sorted() == ["after.txt", "before.txt", "last.txt", "sub/inside.txt"])
        #expect(area.files(under: area.inbox).isEmpty)
        #expect(FileManager.default.fileExists(atPath: old.appendingPathComponent("left-behind.txt").path), "a file in the moved-away folder stays there")
    }

    @Test func theOpenSegmentDeletedWhileRunningIsRestoredWithEveryRecord() throws {
        let area = try TestArea()
        let newsd = try NewsdProcess(arguments: [], in: area.root)
        newsd.waitFor("started")
        for index in 0..<5 { try area.drop("a\(index).txt", sampleArticle(100 + index)) }
        newsd.waitFor("stored", count: 5)

        unlink(area.store.appendingPathComponent("articles-000001.jsonl").path)
        unlink(area.store.appendingPathComponent("articles-000001.idx").path)
        try area.drop("b.txt", sampleArticle(200))
        let restored = newsd.waitFor("segment_restored", count: 2)
        #expect(Set(restored.compactMap { $0.fields["segment"] }) == ["articles-000001.jsonl", "articles-000001.idx"])
        newsd.waitFor("stored", count: 6)
        newsd.signal(SIGTERM)
        #expect(newsd.wait() == 0)

        #expect(try area.records().count == 6, "the 5 records of the deleted file are back, and the new one follows")
        let verify = try CtlRun(["verify"], in: area.root)
        #expect(verify.status == 0, "newsctl verify: \(verify.stdout)\(verify.stderr)")
        // A restart trusts the restored sidecar (no re-parse, no torn tail).
        let again = try NewsdProcess(arguments: ["--once"], in: area.root)
        #expect(again.wait() == 0)
        #expect(again.events("store_recovered").first?.fields["records"] == "6")
        #expect(again.events("torn_tail").isEmpty && again.events("corrupt_line").isEmpty)
    }

    /// Two files written at 1 MB/s for 20 s (20,000,000 bytes each, under the default
    /// 20 MiB `max_file_bytes`): one opened before newsd starts (its start-up scan finds
    /// it half-written), one after. Neither may be read before its writer closes it.
    /// The bytes are binary, so each ends in quarantine with the SHA-256 of what was read.
    @Test func aFileTrickledInOverTwentySecondsIsReadOnlyOnceClosed() throws {
        let area = try TestArea()
        let chunk = 1_000_000
        let seconds = 20
        let content = (0..<chunk).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 8) }
        let expected = ContentHash.of((0..<seconds).flatMap { _ in content }).description

        let writers = DispatchGroup()
        let closedAt = ClosedTimes()
        func trickle(_ name: String) {
            writers.enter()
            Thread.detachNewThread {
                let fd = open(area.inbox.appendingPathComponent(name).path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
                let start = Date()
                for second in 0..<seconds {
                    _ = content.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                    let next = start.addingTimeInterval(Double(second + 1))
                    let wait = next.timeIntervalSinceNow
                    if wait > 0 { usleep(UInt32(wait * 1_000_000)) }
                }
                closedAt.set(name)
                close(fd)
                writers.leave()
            }
        }
        trickle("early.bin")
        usleep(1_500_000)   // newsd starts while early.bin is 1.5 MB into its write
        let newsd = try NewsdProcess(arguments: [], in: area.root)
        newsd.waitFor("started")
        trickle("late.bin")
        writers.wait()

        let quarantined = newsd.waitFor("quarantined", count: 2, timeout: 60)
        #expect(newsd.events("stored").isEmpty)
        for event in quarantined {
            #expect(event.fields["error"] == "binary")
            #expect(event.fields["sha256"] == expected, "\(event.fields["file"] ?? "?") read whole: the SHA-256 of all 20,000,000 bytes")
        }
        // No verdict was logged before its writer closed the file (log lines start
        // with their RFC 3339 time, in ms).
        for event in quarantined {
            let name = event.fields["file"] ?? "?"
            let logged = ISO8601DateFormatter.withMilliseconds.date(from: String(event.line.prefix(while: { $0 != " " })))
            let closed = closedAt.time(name)
            #expect(logged != nil && closed != nil && logged! >= closed!.addingTimeInterval(-0.001),
                    "\(name) judged at \(String(describing: logged)), closed at \(String(describing: closed))")
        }
        newsd.signal(SIGTERM)
        #expect(newsd.wait() == 0)
        print("trickle test: 2 files of 20,000,000 bytes written at 1 MB/s (one open before newsd started), both read whole after close")
    }
}

/// When each trickle writer closed its file.
final class ClosedTimes: @unchecked Sendable {
    private let lock = NSLock()
    private var times: [String: Date] = [:]
    func set(_ name: String) { lock.lock(); times[name] = Date(); lock.unlock() }
    func time(_ name: String) -> Date? { lock.lock(); defer { lock.unlock() }; return times[name] }
}

extension ISO8601DateFormatter {
    nonisolated(unsafe) static let withMilliseconds: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }()
}
