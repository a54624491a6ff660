import ArgumentParser
import Foundation
import NewsStore

extension NewsCtl {
    /// The newest articles in the store.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List articles in the store, newest first.",
            discussion: """
            One row per article: id, date (published when known, else arrival), publisher, \
            language, title. Copies of an earlier article are dimmed on a terminal.

            \(FilterOptions.timeHelp)

            \(ExitStatus.storeHelp)

            \(ExitStatus.help)
            """
        )

        @OptionGroup var locations: Locations
        @OptionGroup var filters: FilterOptions

        @Option(name: [.customShort("n"), .customLong("lines")], help: ArgumentHelp("Show at most N articles (0: all).", valueName: "n"))
        var count = 20

        @OptionGroup var output: OutputOptions

        func validate() throws {
            if count < 0 { throw ValidationError("-n takes 0 (all) or a positive number") }
        }

        func run() throws {
            let filter = try filters.filter()
            let query = try locations.query()
            let summaries = try failing { try query.list(filter, limit: count) }
            if output.json {
                for summary in summaries { Out.json(summary.json()) }
                return
            }
            let terminal = Terminal.current
            var table = ArticleRows.table()
            for summary in summaries { table.add(ArticleRows.cells(summary), style: ArticleRows.style(summary)) }
            if summaries.isEmpty {
                if isatty(STDOUT_FILENO) == 1 { Out.line("No articles.") }
                return
            }
            Out.lines(table.render(terminal: terminal))
        }
    }
}
