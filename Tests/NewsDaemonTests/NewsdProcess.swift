import Foundation
import Glibc
import Testing

/// A temp directory with a newsd data layout, and the built `newsd` run inside it.
/// Tests wait on newsd's own log events (`event=stored` lines on stderr), never on
/// guessed sleeps.
final class TestArea: @unchecked Sendable {
    let root: URL
    var dataDir: URL { root.appendingPathComponent("newsd-data") }
    var inbox: URL { dataDir.appendingPathComponent("inbox") }
    var store: URL { dataDir.appendingPathComponent("store") }
    var processed: URL { dataDir.appendingPathComponent("processed") }
    var quarantine: URL { dataDir.appendingPathComponent("quarantine") }

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("newsd-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: inbox, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    static var binDirectory: URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
    }

    /// Writes a file in place (like `cp`).
    func drop(_ name: String, _ content: String) throws {
        let url = inbox.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(content.utf8).write(to: url)
    }

    /// Writes under a temporary name, then renames into place (like `mv`).
    func dropByRename(_ name: String, _ content: String) throws {
        let temp = inbox.appendingPathComponent(".incoming-\(UUID().uuidString).part")
        try Data(content.utf8).write(to: temp)
        try FileManager.default.moveItem(at: temp, to: inbox.appendingPathComponent(name))
    }

    /// All records of the store, parsed.
    func records() throws -> [[String: Any]] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: store.path)) ?? []
        var result: [[String: Any]] = []
        for file in files.sorted() where file.hasSuffix(".jsonl") {
            let data = try Data(contentsOf: store.appendingPathComponent(file))
            for line in data.split(separator: UInt8(ascii: "\n")) {
                result.append(try JSONSerialization.jsonObject(with: Data(line)) as! [String: Any])
            }
        }
        return result
    }

    /// Regular files left below `url`, as paths relative to it.
    func files(under url: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(at: url, includingPropertiesForKeys: [.isRegularFileKey, .isSymbolicLinkKey]) else { return [] }
        var result: [String] = []
        for case let file as URL in enumerator {
            let values = try? file.resourceValues(forKeys: [.isRegularFileKey, .isSymbolicLinkKey])
            if values?.isRegularFile == true || values?.isSymbolicLink == true {
                result.append(String(file.path.dropFirst(url.path.count + 1)))
            }
        }
        return result.sorted()
    }
}

/// A running `newsd` (or `newsctl`) whose stderr log lines are collected.
final class NewsdProcess: @unchecked Sendable {
    struct Event {
        let line: String
        let fields: [String: String]
        var kind: String? { fields["event"] }
    }

    let process = Process()
    private let condition = NSCondition()
    private var lines: [String] = []
    private var ended = false
    private let stdoutPipe = Pipe()
    private var stdoutData = Data()
    private var stdoutDone = false

    init(_ binary: String = "newsd", arguments: [String], in directory: URL, environment extra: [String: String] = [:]) throws {
        process.executableURL = TestArea.binDirectory.appendingPathComponent(binary)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let errPipe = Pipe()
        process.standardError = errPipe
        process.standardOutput = stdoutPipe
        process.standardInput = FileHandle.nullDevice
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "NOTIFY_SOCKET")
        environment["NEWSD_LOG_TARGET"] = "console"
        environment.removeValue(forKey: "WATCHDOG_USEC")
        environment.merge(extra) { _, new in new }
        process.environment = environment
        try process.run()
        let handle = errPipe.fileHandleForReading
        Thread.detachNewThread { [self] in
            var buffer = Data()
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                buffer.append(chunk)
                while let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = String(decoding: buffer[buffer.startIndex..<newline], as: UTF8.self)
                    buffer.removeSubrange(buffer.startIndex...newline)
                    condition.lock(); lines.append(line); condition.broadcast(); condition.unlock()
                }
            }
            condition.lock(); ended = true; condition.broadcast(); condition.unlock()
        }
        let out = stdoutPipe.fileHandleForReading
        Thread.detachNewThread { [self] in
            let data = out.readDataToEndOfFile()
            condition.lock(); stdoutData = data; stdoutDone = true; condition.broadcast(); condition.unlock()
        }
    }

    var log: [String] {
        condition.lock(); defer { condition.unlock() }
        return lines
    }

    var events: [Event] { log.map { Event(line: $0, fields: Self.parse($0)) } }

    func events(_ kind: String) -> [Event] { events.filter { $0.kind == kind } }

    /// Waits until `count` events of `kind` have been logged; fails the test on timeout.
    @discardableResult
    func waitFor(_ kind: String, count: Int = 1, timeout: Double = 20, sourceLocation: SourceLocation = #_sourceLocation) -> [Event] {
        let deadline = Date().addingTimeInterval(timeout)
        condition.lock()
        defer { condition.unlock() }
        while true {
            let matching = lines.map { Event(line: $0, fields: Self.parse($0)) }.filter { $0.kind == kind }
            if matching.count >= count { return matching }
            if ended || !condition.wait(until: deadline) {
                Issue.record("timed out waiting for \(count) '\(kind)' events; log:\n\(lines.joined(separator: "\n"))", sourceLocation: sourceLocation)
                return matching
            }
        }
    }

    func signal(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// Waits for exit and returns the status.
    func wait() -> Int32 {
        process.waitUntilExit()
        condition.lock()
        while !ended { condition.wait() }
        condition.unlock()
        return process.terminationStatus
    }

    /// Everything the process wrote on stdout; waits for its end (the process exited).
    var stdout: String {
        condition.lock(); defer { condition.unlock() }
        while !stdoutDone { condition.wait() }
        return String(decoding: stdoutData, as: UTF8.self)
    }

    /// Parses `key=value` and `key="quoted value"` pairs of a console log line.
    static func parse(_ line: String) -> [String: String] {
        var fields: [String: String] = [:]
        var scalars = Array(line.unicodeScalars)[...]
        while let space = scalars.firstIndex(of: " ") {
            scalars = scalars[(space + 1)...]
            guard let equals = scalars.firstIndex(of: "="), !scalars[scalars.startIndex..<equals].contains(" ") else { continue }
            let key = String(String.UnicodeScalarView(scalars[scalars.startIndex..<equals]))
            var rest = scalars[(equals + 1)...]
            var value = ""
            if rest.first == "\"" {
                rest = rest.dropFirst()
                while let c = rest.first {
                    rest = rest.dropFirst()
                    if c == "\\", let next = rest.first {
                        rest = rest.dropFirst()
                        value.unicodeScalars.append(next == "n" ? "\n" : next == "t" ? "\t" : next)
                    } else if c == "\"" {
                        break
                    } else {
                        value.unicodeScalars.append(c)
                    }
                }
            } else {
                while let c = rest.first, c != " " { value.unicodeScalars.append(c); rest = rest.dropFirst() }
            }
            fields[key] = value
            scalars = rest
        }
        return fields
    }
}

/// Article-like text, distinct per seed.
func sampleArticle(_ seed: Int, title: String? = nil) -> String {
    let words = ["minister", "talks", "agreement", "economy", "council", "report", "market", "election",
                 "visit", "summit", "policy", "budget", "court", "ruling", "energy", "exports"]
    var body = (title ?? "Headline number \(seed) about the \(words[seed % words.count])") + "\n\n"
    for paragraph in 0..<3 {
        var sentence: [String] = []
        for index in 0..<24 { sentence.append(words[(seed &* 7 &+ paragraph &* 5 &+ index &* 3) % words.count]) }
        body += "Paragraph \(paragraph) of story \(seed): " + sentence.joined(separator: " ") + ".\n\n"
    }
    return body
}
