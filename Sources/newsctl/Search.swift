import ArgumentParser
import Foundation
import NewsCore
import NewsStore

extension NewsCtl {
    /// Articles with all the words, and the named people, organisations and places.
    struct Search: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Find articles with all the words in title or body.",
            discussion: """
            Words match whole and case-insensitively, in the title or the body. --person, \
            --org and --place match the canonical names newsd stores ("Sergei Lavrov" \
            finds Sergey Lavrov); each may be given more than once. Results are ranked: \
            a title match counts 5, each body match 1 (up to 10 per word), each mention \
            of a named entity 1 (up to 10); newest first among equals.

            \(FilterOptions.timeHelp)

            \(ExitStatus.storeHelp)

            \(ExitStatus.help)
            """
        )

        @OptionGroup var locations: Locations

        @Argument(help: ArgumentHelp("Words that must all occur.", valueName: "word"))
        var words: [String] = []

        @Option(help: ArgumentHelp("A person the article names.", valueName: "name"))
        var person: [String] = []

        @Option(help: ArgumentHelp("An organisation the article names.", valueName: "name"))
        var org: [String] = []

        @Option(help: ArgumentHelp("A place the article names.", valueName: "name"))
        var place: [String] = []

        @OptionGroup var filters: FilterOptions

        @Option(name: [.customShort("n"), .customLong("lines")], help: ArgumentHelp("Show at most N results (0: all).", valueName: "n"))
        var count = 20

        @OptionGroup var output: OutputOptions

        func validate() throws {
            if words.allSatisfy({ SearchWord.words(in: $0).isEmpty }) && person.isEmpty && org.isEmpty && place.isEmpty {
                throw ValidationError("give words to search for, or --person, --org or --place")
            }
            if count < 0 { throw ValidationError("-n takes 0 (all) or a positive number") }
        }

        func run() throws {
            let filter = try filters.filter()
            let search = StoreQuery.SearchQuery(
                words: words.flatMap(SearchWord.words(in:)),
                people: person.map(EntityExtractor.canonicalPerson),
                organizations: org.map(EntityExtractor.canonicalOrganization),
                places: place.map(EntityExtractor.canonicalPlace)
            )
            let query = try locations.query()
            let result = try failing { try query.search(search, filter: filter, limit: count) }
            if output.json {
                for hit in result.hits {
                    Out.json(hit.summary.json { out in out.key("score"); out.int(hit.score) })
                }
                return
            }
            let terminal = Terminal.current
            if result.hits.isEmpty {
                if isatty(STDOUT_FILENO) == 1 { Out.line("No matches.") }
                return
            }
            var table = ArticleRows.table(extra: [Table.Column(title: "SCORE", alignRight: true)])
            for hit in result.hits {
                table.add(ArticleRows.cells(hit.summary, extra: [String(hit.score)]), style: ArticleRows.style(hit.summary))
            }
            Out.lines(table.render(terminal: terminal))
            if isatty(STDOUT_FILENO) == 1 {
                Out.line("\n\(result.hits.count) of \(result.total) match\(result.total == 1 ? "" : "es") shown.")
            }
        }
    }
}
