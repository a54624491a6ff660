import ArgumentParser
import Foundation
import NewsCore
import NewsStore

extension NewsCtl {
    /// Articles grouped by the event they report.
    struct Stories: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show story clusters: articles about the same event.",
            discussion: """
            Each story: its id (the id of its first article), size, span of dates \
            (published when known, else arrival) and the title of its first article, \
            with its articles below it. Most recently active story first. With an id \
            (of a story or of any of its articles): that story.

            \(FilterOptions.timeHelp)

            \(ExitStatus.storeHelp)

            \(ExitStatus.help)
            """
        )

        @OptionGroup var locations: Locations

        @Argument(help: ArgumentHelp("A story id, or the id of one of its articles.", valueName: "id"))
        var id: String?

        @Option(help: ArgumentHelp("Only stories with at least N articles.", valueName: "n"))
        var minSize = 2

        @Flag(help: "One line per story, without its articles.")
        var brief = false

        @Option(help: ArgumentHelp("Only articles that arrived at or after TIME.", valueName: "time"))
        var since: String?

        @Option(name: [.customShort("n"), .customLong("lines")], help: ArgumentHelp("Show at most N stories (0: all).", valueName: "n"))
        var count = 20

        @OptionGroup var output: OutputOptions

        func validate() throws {
            if let id, RecordID(id) == nil { throw ValidationError("'\(id)' is not an article id") }
            if count < 0 { throw ValidationError("-n takes 0 (all) or a positive number") }
            if minSize < 1 { throw ValidationError("--min-size takes a positive number") }
        }

        func run() throws {
            let query = try locations.query()
            var stories: [StoreQuery.Story]
            if let id = id.flatMap(RecordID.init) {
                guard let story = try failing({ try query.story(containing: id) }) else {
                    throw CtlFailure("no article with id \(id) in \(query.reader.directory)")
                }
                stories = [story]
            } else {
                let since = try self.since.map { try TimeSpec.parse($0, now: Date(), option: "--since") }
                let filter = RecordFilter(since: since)
                stories = try failing { try query.stories(filter: filter, minSize: minSize, limit: count) }
            }
            if output.json {
                for story in stories { Out.json(Self.json(story)) }
                return
            }
            if stories.isEmpty {
                if isatty(STDOUT_FILENO) == 1 { Out.line("No stories.") }
                return
            }
            let terminal = Terminal.current
            var table = Table([
                Table.Column(title: "STORY"),
                Table.Column(title: "SIZE", alignRight: true),
                Table.Column(title: "DATES"),
                Table.Column(title: "TITLE", flexible: true),
            ])
            for story in stories {
                let span = story.firstDate == story.lastDate ? story.firstDate : "\(story.firstDate)…\(story.lastDate)"
                table.add([story.id, String(story.size), span, story.first?.title ?? "(first article not in the store)"], style: .bold)
                if !brief {
                    for (index, article) in story.articles.enumerated() {
                        let branch = index == story.articles.count - 1 ? "└─" : "├─"
                        let title = article.title + (article.publisher.map { " (\($0))" } ?? "")
                        table.add([" \(branch)\(article.id)", "", String(article.date.prefix(10)), title], style: ArticleRows.style(article))
                    }
                }
            }
            Out.lines(table.render(terminal: terminal))
        }

        static func json(_ story: StoreQuery.Story) -> [UInt8] {
            var out = JSONWriter(capacity: 256)
            out.open()
            out.key("story"); out.string(story.id)
            out.key("size"); out.int(story.size)
            out.key("first_date"); out.string(story.firstDate)
            out.key("last_date"); out.string(story.lastDate)
            out.key("title"); out.optionalString(story.first?.title)
            out.key("articles"); out.strings(story.articles.map(\.id))
            out.close()
            return out.bytes
        }
    }
}
