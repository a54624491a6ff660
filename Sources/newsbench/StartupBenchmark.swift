import ArgumentParser
import Foundation
import Glibc
import NewsCore
import NewsDaemon
import NewsStore

/// Start-up cost as the service manager sees it: builds stores of growing size from
/// the BBC corpus (word-level edits make each article distinct), then runs the real
/// `newsd` on each with NOTIFY_SOCKET set and times exec → READY=1, and reads its
/// resident memory at READY.
struct StartupBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "startup",
        abstract: "Time newsd from exec to READY=1 and its memory, on stores of 10k, 100k, 1M articles."
    )

    @Option(help: "Folder of BBC articles (topic/NNN.txt).")
    var corpus = "../shared/corpus/bbc"

    @Option(help: "Work folder (a store per size is built inside; several GB for 1M).")
    var work = "/tmp/newsd-startup-bench"

    @Option(parsing: .upToNextOption, help: "Store sizes, ascending.")
    var sizes: [Int] = [10_000, 100_000, 1_000_000]

    @Flag(help: "Time start-up again on the store an earlier run left in --work (its largest size), without rebuilding it.")
    var measureOnly = false

    @Option(help: "With --measure-only: how many times to start newsd.")
    var repeats = 3

    func run() throws {
        if measureOnly {
            let newsd = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
                .deletingLastPathComponent().appendingPathComponent("newsd").path
            for _ in 0..<repeats {
                let result = try measure(newsd: newsd)
                print(String(format: "%10d articles: READY in %.3f s, RSS %.1f MiB", sizes.last ?? 0, result.seconds, Double(result.rss) / 1_048_576))
            }
            return
        }
        let texts = try loadCorpus()
        try? FileManager.default.removeItem(atPath: work)
        try FileManager.default.createDirectory(atPath: work + "/data/inbox", withIntermediateDirectories: true)
        let newsd = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("newsd").path

        let empty = try measure(newsd: newsd)
        print(String(format: "%10@ %12@ %14@ %16@", "articles", "READY (s)", "RSS (MiB)", "RSS/article (B)"))
        print(String(format: "%10d %12.3f %14.1f %16@", 0, empty.seconds, Double(empty.rss) / 1_048_576, "-"))
        var built = 0
        var generator = SplitMix(seed: 42)
        let dedupe = DedupeStage()
        for size in sizes {
            try build(from: built, to: size, texts: texts, generator: &generator, dedupe: dedupe)
            built = size
            // The store was just written (3.6 GB at 1M, its sidecars not synced per
            // batch): its writeback is not to run during the start being timed. (The
            // start right after a build is still slower at 1M, 1.3-1.6 s against
            // 0.8-1.0 s for later starts: the sidecars, untouched since they were
            // written, are slow to read again on this VM; see README.)
            sync()
            let result = try measure(newsd: newsd)
            let perArticle = Double(result.rss - empty.rss) / Double(size)
            print(String(format: "%10d %12.3f %14.1f %16.0f", size, result.seconds, Double(result.rss) / 1_048_576, perArticle))
        }
    }

    private func loadCorpus() throws -> [String] {
        var texts: [String] = []
        for topic in try FileManager.default.contentsOfDirectory(atPath: corpus).sorted() {
            let folder = corpus + "/" + topic
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            for name in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() where name.hasSuffix(".txt") {
                texts.append(String(decoding: try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)), as: UTF8.self))
            }
        }
        guard !texts.isEmpty else { throw ValidationError("no articles under \(corpus)") }
        return texts
    }

    /// Appends records through the real store (group commit, sidecar payloads).
    private func build(from start: Int, to end: Int, texts: [String], generator: inout SplitMix, dedupe: DedupeStage) throws {
        let store = try Store(options: .init(directory: work + "/data/store"))
        let limiter = DispatchSemaphore(value: 2048)
        let processor = ArticleProcessor()
        for number in start..<end {
            let base = texts[number % texts.count]
            var words = base.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            // Word-level edits: a few words replaced by numbered tokens, so every
            // article is distinct yet realistic in length and vocabulary.
            for _ in 0..<4 { words[Int(generator.next() % UInt64(words.count))] = "w\(generator.next() % 1_000_000)" }
            let text = words.joined(separator: " ") + " (\(number))"
            let bytes = Array(text.utf8)
            let article = try processor.process(bytes)
            let fingerprint = ArticleFingerprint(article: article)
            let day = 16_000 + number / 5_000
            // Real verdicts, as the daemon makes them: edited copies of one BBC text
            // link to their first version instead of piling up as separate articles.
            let verdict = dedupe.classify(fingerprint, day: day)
            let payload = DedupeStage.payload(fingerprint: fingerprint, verdict: verdict, day: day)
            let key = ContentHash.of(bytes)
            limiter.wait()
            try store.append(content: key, payload: payload, { id in
                dedupe.insert(id: id, fingerprint: fingerprint, verdict: verdict, day: day)
                return Record(id: id.description, file: "bench/\(number).txt", sha256: key.description, bytes: bytes.count,
                              ingestedAt: "2026-01-01T00:00:00Z", article: article,
                              duplicateOf: verdict.duplicateOf?.description, similarity: verdict.similarity,
                              story: verdict.storyID(for: id).description)
            }, completion: { _ in limiter.signal() })
        }
        store.close()
    }

    /// Spawns newsd on the store with a notify socket; returns seconds to READY=1 and
    /// its RSS then. newsd is stopped with SIGTERM afterwards.
    private func measure(newsd: String) throws -> (seconds: Double, rss: Int) {
        let socketPath = work + "/notify.sock"
        unlink(socketPath)
        let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        defer { close(fd); unlink(socketPath) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(socketPath.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) } }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: newsd)
        process.arguments = ["--data-dir", work + "/data", "--log-target", "console"]
        var environment = ProcessInfo.processInfo.environment
        environment["NOTIFY_SOCKET"] = socketPath
        process.environment = environment
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        let began = Date()
        try process.run()
        var buffer = [UInt8](repeating: 0, count: 4096)
        var ready = false
        while !ready {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n > 0 { ready = String(decoding: buffer[0..<n], as: UTF8.self).split(separator: "\n").contains("READY=1") }
        }
        let seconds = Date().timeIntervalSince(began)
        let status = (try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8)) ?? ""
        let rssLine = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
        let rss = (Int(rssLine.split(separator: " ").dropFirst().first ?? "0") ?? 0) * 1024
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        return (seconds, rss)
    }
}

/// A small fixed-seed generator, so the benchmark builds the same stores every run.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
