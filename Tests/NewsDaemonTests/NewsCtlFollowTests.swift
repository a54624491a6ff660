import Foundation
import Glibc
import NewsCore
import NewsStore
import Testing

/// A running `newsctl follow` whose stdout is collected as it comes.
final class FollowProcess: @unchecked Sendable {
    let process = Process()
    private let condition = NSCondition()
    private var output = ""

    init(_ arguments: [String], in directory: URL) throws {
        process.executableURL = TestArea.binDirectory.appendingPathComponent("newsctl")
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = CtlRun.environment([:])
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let handle = pipe.fileHandleForReading
        Thread.detachNewThread { [self] in
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                condition.lock(); output += String(decoding: chunk, as: UTF8.self); condition.broadcast(); condition.unlock()
            }
        }
    }

    deinit {
        if process.isRunning { process.terminate() }
    }

    var lines: [String] {
        condition.lock(); defer { condition.unlock() }
        return output.split(separator: "\n").map(String.init)
    }

    /// Waits until stdout has `count` lines; returns them (fewer on timeout).
    @discardableResult
    func waitForLines(_ count: Int, timeout: Double = 10) -> [String] {
        let deadline = Date().addingTimeInterval(timeout)
        condition.lock()
        defer { condition.unlock() }
        while output.split(separator: "\n").count < count {
            if !condition.wait(until: deadline) { break }
        }
        return output.split(separator: "\n").map(String.init)
    }

    /// Stops it as a user would (SIGTERM, like Ctrl-C's SIGINT); true when it ended by that signal.
    @discardableResult
    func stop() -> Bool {
        guard process.isRunning else { return false }
        process.terminate()
        process.waitUntilExit()
        return process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGTERM
    }
}

struct NewsCtlFollowTests {
    @Test func followPrintsTheLastArticlesThenNewOnesAcrossRotationWithFilters() throws {
        let (store, ids) = try CtlStore.sample()
        let follow = try FollowProcess(["follow", "--json", "-n", "2", "--language", "en", "--data-dir", store.area.dataDir.path], in: store.root)
        defer { follow.stop() }
        // The backlog: the last two English articles, oldest first.
        let backlog = follow.waitForLines(2)
        #expect(backlog.count == 2)
        #expect(backlog.map { $0.contains(ids["again"]!.description) } == [true, false])
        #expect(backlog.map { $0.contains(ids["economy"]!.description) } == [false, true])

        // A line written in two parts is printed once, when complete.
        let next = try store.add(title: "Appended while following", age: 0)
        var lines = follow.waitForLines(3)
        #expect(lines.count == 3)
        #expect(lines.last?.contains(next.description) == true)

        // Filters apply to new articles too; then newsd rotates to a new segment.
        try store.add(title: "Nicht englisch", language: "de", age: 0)
        store.rotate()
        let rotated = try store.add(title: "In the next segment", age: 0)
        lines = follow.waitForLines(4)
        #expect(lines.count == 4)
        #expect(lines.last?.contains(rotated.description) == true)
        #expect(!lines.joined().contains("Nicht englisch"))
        let object = try JSONSerialization.jsonObject(with: Data(lines.last!.utf8)) as? [String: Any]
        #expect(object?["title"] as? String == "In the next segment")
    }

    @Test func followShowsALineOnlyOnceItIsComplete() throws {
        let (store, _) = try CtlStore.sample()
        let follow = try FollowProcess(["follow", "-n", "1", "--data-dir", store.area.dataDir.path], in: store.root)
        defer { follow.stop() }
        #expect(follow.waitForLines(1).count == 1)
        let id = RecordID(rawValue: (UInt64(Date().timeIntervalSince1970 * 1000) + 1) << 16)
        let record = Record(id: id.description, file: "x.txt", sha256: String(repeating: "b", count: 64), bytes: 5,
                            ingestedAt: "2026-01-01T00:00:00Z", article: Article(format: .text, title: "Split write", text: "t"))
        let line = RecordJSON.line(record)
        try store.append(Array(line.prefix(40)))
        // The half line must not show; the wait times out with one line.
        #expect(follow.waitForLines(2, timeout: 1).count == 1)
        try store.append(Array(line.dropFirst(40)))
        let lines = follow.waitForLines(2)
        #expect(lines.count == 2)
        #expect(lines.last?.contains("Split write") == true)
        #expect(follow.stop())
    }
}
