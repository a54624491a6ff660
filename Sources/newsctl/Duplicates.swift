import ArgumentParser
import Foundation
import NewsCore
import NewsStore

extension NewsCtl {
    /// Copies of one article, or the articles copied most.
    struct Duplicates: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the copies of an article, or the most-copied articles.",
            discussion: """
            With an id (of the original or of any copy): the first-seen article, then \
            each copy with its similarity. Without: the articles with the most copies.

            \(ExitStatus.storeHelp)

            \(ExitStatus.help)
            """
        )

        @OptionGroup var locations: Locations

        @Argument(help: ArgumentHelp("An article id.", valueName: "id"))
        var id: String?

        @Option(name: [.customShort("n"), .customLong("lines")], help: ArgumentHelp("Without an id: show at most N articles (0: all).", valueName: "n"))
        var count = 20

        @OptionGroup var output: OutputOptions

        func validate() throws {
            if let id, RecordID(id) == nil { throw ValidationError("'\(id)' is not an article id") }
            if count < 0 { throw ValidationError("-n takes 0 (all) or a positive number") }
        }

        func run() throws {
            let query = try locations.query()
            let terminal = Terminal.current
            if let id = id.flatMap(RecordID.init) {
                guard let copies = try failing({ try query.copies(of: id) }) else {
                    throw CtlFailure("no article with id \(id) in \(query.reader.directory)")
                }
                let all = (copies.original.map { [$0] } ?? []) + copies.copies
                if output.json {
                    for summary in all { Out.json(summary.json()) }
                    return
                }
                var table = ArticleRows.table(extra: [Table.Column(title: "SIM", alignRight: true)])
                for summary in all {
                    let similarity = summary.duplicateOf == nil ? "orig" : summary.similarity.map { String(format: "%.2f", $0) } ?? "?"
                    table.add(ArticleRows.cells(summary, extra: [similarity]), style: ArticleRows.style(summary))
                }
                Out.lines(table.render(terminal: terminal))
                if isatty(STDOUT_FILENO) == 1 {
                    Out.line("\n\(copies.copies.count) cop\(copies.copies.count == 1 ? "y" : "ies") of \(copies.originalID).")
                }
                return
            }
            let result = try failing { try query.mostCopied(limit: count) }
            if output.json {
                for entry in result.top {
                    var out = JSONWriterBox()
                    if let original = entry.original {
                        Out.json(original.json { out in
                            out.key("copies"); out.int(entry.count)
                            out.key("last_copy"); out.string(entry.lastCopy)
                        })
                    } else {
                        out.object(id: entry.originalID, copies: entry.count, lastCopy: entry.lastCopy)
                        Out.json(out.bytes)
                    }
                }
                return
            }
            if result.top.isEmpty {
                if isatty(STDOUT_FILENO) == 1 { Out.line("No copies in the store.") }
                return
            }
            var table = ArticleRows.table(extra: [Table.Column(title: "COPIES", alignRight: true)])
            for entry in result.top {
                let summary = entry.original ?? RecordSummary(id: entry.originalID, ingestedAt: "", published: nil, publisher: nil, language: nil,
                                                              title: "(not in the store)", file: "", wordCount: 0, duplicateOf: nil, similarity: nil, story: nil)
                table.add(ArticleRows.cells(summary, extra: [String(entry.count)]))
            }
            Out.lines(table.render(terminal: terminal))
            if isatty(STDOUT_FILENO) == 1 {
                Out.line("\n\(result.copies) copies of \(result.originals) articles.")
            }
        }
    }
}

/// A copy count for an original missing from the store.
private struct JSONWriterBox {
    var bytes: [UInt8] = []

    mutating func object(id: String, copies: Int, lastCopy: String) {
        var out = NewsCore.JSONWriter(capacity: 128)
        out.open()
        out.key("id"); out.string(id)
        out.key("copies"); out.int(copies)
        out.key("last_copy"); out.string(lastCopy)
        out.close()
        bytes = out.bytes
    }
}
