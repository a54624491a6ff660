import Foundation
import Glibc
import Testing

/// Events lost to a full inotify queue (IN_Q_OVERFLOW) are made good by a rescan.
@Suite(.serialized)
struct OverflowTests {
    static let limitPath = "/proc/sys/fs/inotify/max_queued_events"

    @Test func filesDroppedWhileTheQueueOverflowsAreStillIngested() throws {
        guard getuid() == 0, FileManager.default.isWritableFile(atPath: Self.limitPath),
              let original = try? String(contentsOfFile: Self.limitPath, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        else {
            print("OverflowTests: skipped: needs root and a writable \(Self.limitPath)")
            return
        }
        let area = try TestArea()
        // The queue limit is captured when newsd creates its inotify instance: lower it
        // only until newsd has started, then restore it for everyone else.
        try "16".write(toFile: Self.limitPath, atomically: false, encoding: .utf8)
        let newsd: NewsdProcess
        do {
            defer { try? original.write(toFile: Self.limitPath, atomically: false, encoding: .utf8) }
            newsd = try NewsdProcess(arguments: [], in: area.root)
            newsd.waitFor("started")
        }

        // Stopped, newsd reads nothing: 200 files overflow its 16-event queue.
        newsd.signal(SIGSTOP)
        for index in 0..<200 { try area.drop("burst-\(index).txt", sampleArticle(800 + index)) }
        newsd.signal(SIGCONT)

        let rescan = newsd.waitFor("overflow_rescan")
        #expect(rescan.first?.fields["reason"]?.contains("IN_Q_OVERFLOW") == true)
        newsd.waitFor("stored", count: 200, timeout: 60)
        newsd.signal(SIGTERM)
        #expect(newsd.wait() == 0)
        #expect(area.files(under: area.inbox).isEmpty)
        #expect(try area.records().count == 200)
        #expect(try String(contentsOfFile: Self.limitPath, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines) == original)
    }
}
