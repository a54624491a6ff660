import ArgumentParser
import Foundation
import Glibc

/// `newsbench e2e`: files dropped into the inbox → durable records, through the real
/// daemon, with the Python pipeline (`yardstick/pipeline.py`) on the same files in
/// the same run as the yardstick.
struct PipelineBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "e2e",
        abstract: "End to end: files renamed into a running newsd's inbox until every record is durable; the Python pipeline on the same files; the ratio.",
        discussion: """
        Inputs are BBC articles rendered as page dumps (text) or HTML pages with site
        chrome; beyond the 2,225 originals, word-edited variants (see BenchArticles).
        Files are hard-linked into a staging folder on the same filesystem, then
        renamed into the inbox of a newsd that is already READY; the clock runs from
        the first rename to the last final event (stored/duplicate/quarantined, each
        logged after fdatasync and the input's move).
        """
    )

    @Option(help: "Folder of BBC articles (topic/NNN.txt).")
    var corpus = "../shared/corpus/bbc"

    @Option(help: "Work folder (generated corpora are kept here between runs).")
    var work = "/tmp/newsd-e2e-bench"

    @Option(parsing: .upToNextOption, help: "Numbers of files per run (the first N of the generated corpus).")
    var sizes: [Int] = [2_225, 100_000]

    @Option(parsing: .upToNextOption, help: "Input formats: text (page dumps), html.")
    var formats: [BenchFormat] = [.text, .html]

    @Option(help: "The Python yardstick script.")
    var yardstick = "Sources/newsbench/yardstick/pipeline.py"

    @Option(help: "Python interpreter that runs the yardstick (it builds its own venv).")
    var python = "python3"

    @Option(parsing: .upToNextOption, help: "Python worker processes per run (1 = a plain pipeline; 2 = one per core).")
    var pythonWorkers: [Int] = [1, 2]

    @Option(help: "Run Python on at most the first N files of each input (it is slow on 100k HTML); the ratio compares rates.")
    var pythonFiles: Int?

    @Option(help: "Python group commit: fdatasync after this many records.")
    var commitEvery = 100

    @Flag(help: "Skip the Python yardstick.")
    var noPython = false

    @Flag(help: "Also time `newsd --once` on the same files.")
    var once = false

    func run() throws {
        report(machineLine())
        let newsd = siblingNewsd()
        let articles = try BenchArticles(corpus: corpus)
        let renderer = PageRenderer(articles: articles)
        let largest = sizes.max() ?? 0
        for format in formats {
            let began = monotonicNanos()
            let source = work + "/corpus-\(format.rawValue)-\(largest)"
            let names = try writeBenchCorpus(renderer, count: largest, format: format, into: source)
            report("\(format.rawValue): \(largest) files in \(source) (\(String(format: "%.1f", Double(monotonicNanos() - began) / 1e9)) s to generate)")
            for size in sizes.sorted() {
                let files = Array(names.prefix(size))
                let daemon = try daemonRun(newsd: newsd, source: source, files: files)
                report(String(format: "  %@ %d files: newsd daemon %.0f articles/s (%.2f s; %@; newsd CPU %.2f s, peak RSS %.1f MiB)",
                             format.rawValue, size, daemon.rate, daemon.seconds, daemon.events, daemon.cpu, Double(daemon.hwmKiB) / 1024))
                if once {
                    let line = try onceRun(newsd: newsd, source: source, files: files)
                    report("  \(format.rawValue) \(size) files: newsd --once: \(line)")
                }
                if noPython { continue }
                let pythonInput = Array(files.prefix(pythonFiles ?? files.count))
                for workers in pythonWorkers {
                    let result = try pythonRun(source: source, files: pythonInput, workers: workers)
                    report(String(format: "  %@ %d files: python (%d process%@) %.0f articles/s on %d files (%@) -> newsd/python %.1fx",
                                 format.rawValue, size, workers, workers == 1 ? "" : "es", result.rate, pythonInput.count,
                                 result.summary, daemon.rate / result.rate))
                }
            }
        }
    }

    struct DaemonResult {
        let rate: Double
        let seconds: Double
        let events: String
        let cpu: Double
        let hwmKiB: Int
    }

    /// Links `files` into a staging folder, starts newsd on an empty data dir, renames
    /// them all into its inbox and waits for every file's final event.
    private func daemonRun(newsd: String, source: String, files: [String]) throws -> DaemonResult {
        let run = work + "/run"
        try? FileManager.default.removeItem(atPath: run)
        let staging = run + "/staging"
        let data = run + "/data"
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: data + "/inbox", withIntermediateDirectories: true)
        try copyAll(files, from: source, to: staging)

        let counter = DoneCounter()
        let daemon = try BenchDaemon(newsd: newsd, dataDir: data, work: run) { counter.record($0) }
        let cpuBefore = ProcFigures(pid: daemon.pid).cpuSeconds
        let start = monotonicNanos()
        for name in files where rename(staging + "/" + name, data + "/inbox/" + name) != 0 {
            throw ValidationError("rename \(name) into the inbox: errno \(errno)")
        }
        let finished = counter.wait(for: files.count, timeout: 120 + Double(files.count) / 50)
        let figures = ProcFigures(pid: daemon.pid)
        daemon.stop()
        guard finished else { throw ValidationError("only \(counter.count) of \(files.count) files finished in time") }
        let seconds = Double(counter.lastNanos - start) / 1e9
        let events = counter.events.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        try? FileManager.default.removeItem(atPath: run)
        return DaemonResult(rate: Double(files.count) / seconds, seconds: seconds, events: events,
                            cpu: figures.cpuSeconds - cpuBefore, hwmKiB: figures.hwmKiB)
    }

    /// `newsd --once` over the same files (already in the inbox at start): its summary line.
    private func onceRun(newsd: String, source: String, files: [String]) throws -> String {
        let data = work + "/run-once"
        try? FileManager.default.removeItem(atPath: data)
        try FileManager.default.createDirectory(atPath: data + "/inbox", withIntermediateDirectories: true)
        try copyAll(files, from: source, to: data + "/inbox")
        let output = try runCapturing(newsd, ["--once", "--data-dir", data, "--log-target", "console"])
        try? FileManager.default.removeItem(atPath: data)
        return output.split(separator: "\n").last.map(String.init) ?? "(no summary)"
    }

    /// The yardstick on the same files; its last stdout line is a JSON summary.
    private func pythonRun(source: String, files: [String], workers: Int) throws -> (rate: Double, summary: String) {
        let run = work + "/run-python"
        try? FileManager.default.removeItem(atPath: run)
        try FileManager.default.createDirectory(atPath: run + "/inbox", withIntermediateDirectories: true)
        try copyAll(files, from: source, to: run + "/inbox")
        let output = try runCapturing(python, [yardstick, "--data-dir", run, "--workers", "\(workers)",
                                               "--commit-every", "\(commitEvery)"])
        try? FileManager.default.removeItem(atPath: run)
        guard let last = output.split(separator: "\n").last,
              let object = try JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any],
              let rate = object["articles_per_s"] as? Double
        else { throw ValidationError("the yardstick printed no summary:\n\(output)") }
        let summary = ["records", "duplicates", "near_duplicates", "failed"].map { "\(object[$0] ?? 0) \($0)" }.joined(separator: ", ")
            + "; " + (object["tools"] as? String ?? "")
        return (rate, summary)
    }

    /// Copies, not hard links: newsd quarantines a file with more than one link
    /// unread (a link to a file outside the inbox would let a dropper read it).
    private func copyAll(_ files: [String], from source: String, to target: String) throws {
        for name in files {
            try FileManager.default.copyItem(atPath: source + "/" + name, toPath: target + "/" + name)
        }
    }
}

/// Runs a program to its end; returns its stdout (stderr goes to ours on failure).
func runCapturing(_ program: String, _ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program.contains("/") ? program : "/usr/bin/env")
    process.arguments = program.contains("/") ? arguments : [program] + arguments
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    // Drain both pipes while it runs, so a chatty child never blocks on a full pipe.
    let errorData = LockedData()
    let drained = DispatchSemaphore(value: 0)
    let drain = Thread {
        errorData.set(errors.fileHandleForReading.readDataToEndOfFile())
        drained.signal()
    }
    drain.start()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    drained.wait()
    guard process.terminationStatus == 0 else {
        throw ValidationError("\(program) \(arguments.joined(separator: " ")) exited \(process.terminationStatus):\n"
                              + String(decoding: errorData.value.suffix(4000), as: UTF8.self))
    }
    return String(decoding: data, as: UTF8.self)
}

private final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data: Data?
    func set(_ value: Data) { lock.lock(); data = value; lock.unlock() }
    var value: Data { lock.lock(); defer { lock.unlock() }; return data ?? Data() }
}
