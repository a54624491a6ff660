import ArgumentParser
import Foundation
import NewsCore

/// Runs the article processor over files already in memory and reports pages/s on
/// one core; optionally writes each body to DIR/<name>.txt for `extract-score`.
struct ExtractBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Measure extraction speed (pages/s, one core) and write bodies for scoring."
    )

    @Argument(help: "Input files (HTML pages or page dumps).")
    var paths: [String]

    @Option(name: .customLong("text-to"), help: "Write each body to DIR/<basename without extension>.txt.")
    var textTo: String?

    @Option(help: "Passes over the whole set when timing.")
    var rounds: Int = 5

    @Flag(help: "Also time the dedupe fingerprint of each extracted article (what a worker computes after extraction).")
    var fingerprint = false

    func run() throws {
        let inputs: [(name: String, bytes: [UInt8])] = try paths.map { path in
            let url = URL(fileURLWithPath: path)
            return (url.deletingPathExtension().lastPathComponent, Array(try Data(contentsOf: url)))
        }
        let processor = ArticleProcessor()
        if let textTo {
            try FileManager.default.createDirectory(atPath: textTo, withIntermediateDirectories: true)
            for input in inputs {
                let text = (try? processor.process(input.bytes, name: input.name))?.text ?? ""
                try Data(text.utf8).write(to: URL(fileURLWithPath: textTo).appendingPathComponent(input.name + ".txt"))
            }
        }
        let clock = ContinuousClock()
        var failures = 0
        let elapsed = clock.measure {
            for _ in 0..<rounds {
                for input in inputs {
                    do { _ = try processor.process(input.bytes, name: input.name) } catch { failures += 1 }
                }
            }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let pages = inputs.count * rounds
        let totalBytes = inputs.reduce(0) { $0 + $1.bytes.count } * rounds
        print(String(format: "extract: %d pages x %d rounds in %.3f s: %.0f pages/s, %.1f MB/s, %d failed",
                     inputs.count, rounds, seconds, Double(pages) / seconds, Double(totalBytes) / seconds / 1e6, failures / max(rounds, 1)))
        if fingerprint {
            let articles = inputs.compactMap { try? processor.process($0.bytes, name: $0.name) }
            var shingles = 0
            let spent = clock.measure {
                for _ in 0..<rounds {
                    for article in articles { shingles &+= Int(ArticleFingerprint(article: article).shingleCount) }
                }
            }
            let fingerprintSeconds = Double(spent.components.seconds) + Double(spent.components.attoseconds) / 1e18
            print(String(format: "fingerprint: %d articles x %d rounds in %.3f s: %.1f µs/article (%d distinct shingles per article)",
                         articles.count, rounds, fingerprintSeconds, fingerprintSeconds * 1e6 / Double(articles.count * rounds),
                         shingles / max(articles.count * rounds, 1)))
        }
    }
}
