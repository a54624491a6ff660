import ArgumentParser
import Foundation
import NewsCore
import NewsDaemon

extension NewsCtl {
    /// What newsd would store for each file, without a daemon or a store.
    struct Parse: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the record newsd would store for each file (no daemon, no store).",
            discussion: "One JSON object per file on stdout. Fields only the store assigns (id, ingested_at, duplicate_of, similarity, story) are left out."
        )

        @Argument(help: ArgumentHelp("Files to parse (page dumps or saved HTML pages).", valueName: "path"))
        var paths: [String]

        @Option(name: .customLong("text-to"), help: ArgumentHelp("Also write each body to DIR/<basename without extension>.txt.", valueName: "dir"))
        var textTo: String?

        func run() throws {
            let processor = ArticleProcessor()
            if let textTo {
                try FileManager.default.createDirectory(atPath: textTo, withIntermediateDirectories: true)
            }
            var failures = 0
            for path in paths {
                let url = URL(fileURLWithPath: path)
                let bytes: [UInt8]
                do {
                    bytes = Array(try Data(contentsOf: url))
                } catch {
                    FileHandle.standardError.write(Data("newsctl: \(path): cannot read: \(error.localizedDescription)\n".utf8))
                    failures += 1
                    continue
                }
                let article: Article
                do {
                    article = try processor.process(bytes, name: url.lastPathComponent)
                } catch {
                    FileHandle.standardError.write(Data("newsctl: \(path): \(error.code): \(error.description)\n".utf8))
                    failures += 1
                    continue
                }
                let record = Record(id: "", file: url.lastPathComponent, sha256: ContentHash.of(bytes).description,
                                    bytes: bytes.count, ingestedAt: "", article: article)
                FileHandle.standardOutput.write(Data(RecordJSON.line(record, storeFields: false)))
                if let textTo {
                    let name = url.deletingPathExtension().lastPathComponent + ".txt"
                    try Data(article.text.utf8).write(to: URL(fileURLWithPath: textTo).appendingPathComponent(name))
                }
            }
            if failures > 0 { throw ExitCode.failure }
        }
    }
}
