import ArgumentParser
import Foundation
import Glibc

/// `newsbench latency`: how long a file renamed into the inbox waits until its record
/// is durable, with files arriving at a steady rate.
struct LatencyBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "latency",
        abstract: "Rename files into a running newsd's inbox at steady rates; p50/p90/p99/max from rename to durable record.",
        discussion: """
        A writer thread renames pre-written page dumps from a staging folder into the
        inbox on a fixed schedule and notes each rename's CLOCK_MONOTONIC instant; the
        file's `stored` line, read from newsd's stderr pipe, gives the end instant.
        `stored` is logged after the group commit's fdatasync and after the input's
        move, so each figure is an upper bound on rename → durable.
        """
    )

    @Option(help: "Folder of BBC articles (topic/NNN.txt).")
    var corpus = "../shared/corpus/bbc"

    @Option(help: "Work folder.")
    var work = "/tmp/newsd-latency-bench"

    @Option(name: .customLong("rate"), help: "Files per second (repeat for several rates).")
    var rates: [Int] = [100, 1_000]

    @Option(help: "Seconds of arrivals per rate.")
    var seconds = 10

    @Option(help: "Input format: text (page dumps) or html.")
    var format: BenchFormat = .text

    func run() throws {
        report(machineLine())
        let newsd = siblingNewsd()
        let renderer = PageRenderer(articles: try BenchArticles(corpus: corpus))
        let total = rates.reduce(0) { $0 + $1 * seconds }
        let names = try writeBenchCorpus(renderer, count: total, format: format, into: work + "/corpus-\(format.rawValue)-\(total)")
        var offset = 0
        report(["files/s", "files", "p50 ms", "p90 ms", "p99 ms", "max ms", "achieved"].map { String(repeating: " ", count: max(0, 9 - $0.count)) + $0 }.joined(separator: " "))
        for rate in rates {
            let files = Array(names[offset..<(offset + rate * seconds)])
            offset += files.count
            let result = try measure(newsd: newsd, source: work + "/corpus-\(format.rawValue)-\(total)", files: files, rate: rate)
            report(String(format: "%9d %9d %9.1f %9.1f %9.1f %9.1f %9.0f", rate, files.count,
                         result.percentile(0.50), result.percentile(0.90), result.percentile(0.99), result.percentile(1.0), result.achievedRate))
        }
    }

    struct Result {
        /// Milliseconds, sorted.
        let latencies: [Double]
        /// Renames per second the writer actually managed.
        let achievedRate: Double

        func percentile(_ p: Double) -> Double {
            latencies[min(latencies.count - 1, Int((Double(latencies.count) * p).rounded(.up)) - 1)]
        }
    }

    /// A fresh newsd (a fresh store: every file a new record), files renamed in at
    /// `rate`, latencies once all are stored.
    private func measure(newsd: String, source: String, files: [String], rate: Int) throws -> Result {
        let run = work + "/run"
        try? FileManager.default.removeItem(atPath: run)
        let staging = run + "/staging"
        let data = run + "/data"
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: data + "/inbox", withIntermediateDirectories: true)
        // Copies, not hard links: newsd quarantines a file with more than one link.
        for name in files {
            try FileManager.default.copyItem(atPath: source + "/" + name, toPath: staging + "/" + name)
        }
        let arrivals = Arrivals()
        let counter = DoneCounter()
        let daemon = try BenchDaemon(newsd: newsd, dataDir: data, work: run) { done in
            counter.record(done)
            arrivals.finished(String(done.file), at: done.nanos, event: done.event)
        }
        let interval = 1_000_000_000 / UInt64(rate)
        let start = monotonicNanos() + 10_000_000
        for (i, name) in files.enumerated() {
            // Absolute deadlines: a late rename does not push the schedule back.
            var due = timespec(tv_sec: Int((start + UInt64(i) * interval) / 1_000_000_000),
                               tv_nsec: Int((start + UInt64(i) * interval) % 1_000_000_000))
            while clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &due, nil) == EINTR {}
            let renamed = monotonicNanos()
            arrivals.renamed(name, at: renamed)
            if rename(staging + "/" + name, data + "/inbox/" + name) != 0 {
                throw ValidationError("rename \(name): errno \(errno)")
            }
        }
        let lastRename = monotonicNanos()
        let finished = counter.wait(for: files.count, timeout: 60)
        daemon.stop()
        guard finished else { throw ValidationError("only \(counter.count) of \(files.count) files finished") }
        try? FileManager.default.removeItem(atPath: run)
        let latencies = try arrivals.latencies()
        return Result(latencies: latencies, achievedRate: Double(files.count - 1) / (Double(lastRename - start) / 1e9))
    }
}

/// Rename and durable instants per file, from two threads.
private final class Arrivals: @unchecked Sendable {
    private let lock = NSLock()
    private var renamedAt: [String: UInt64] = [:]
    private var finishedAt: [String: UInt64] = [:]
    private var otherEvents: [String] = []

    func renamed(_ name: String, at nanos: UInt64) {
        lock.lock(); renamedAt[name] = nanos; lock.unlock()
    }

    func finished(_ name: String, at nanos: UInt64, event: Substring) {
        lock.lock()
        // An exact copy of an earlier file is done when its `duplicate` verdict is logged
        // (after the original's record is durable); anything else is a failure.
        if event == "stored" || event == "duplicate" { finishedAt[name] = nanos } else { otherEvents.append("\(name): \(event)") }
        lock.unlock()
    }

    /// Milliseconds per file, sorted; every file must have been stored (or found a duplicate).
    func latencies() throws -> [Double] {
        lock.lock()
        defer { lock.unlock() }
        guard otherEvents.isEmpty else { throw ValidationError("files not stored: \(otherEvents.prefix(5))") }
        return try renamedAt.map { name, start in
            guard let end = finishedAt[name] else { throw ValidationError("\(name) was never stored") }
            return Double(end - start) / 1e6
        }.sorted()
    }
}
