import ArgumentParser
import Foundation
import NewsCore
import NewsStore

extension NewsCtl {
    /// One article, readable.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one article: metadata, story, copies, entities and the body.",
            discussion: """
            The body is wrapped to the terminal (at most 100 columns; 80 when not a \
            terminal). With --json, the stored record as one JSON object.

            \(ExitStatus.storeHelp)

            \(ExitStatus.help)
            """
        )

        @OptionGroup var locations: Locations

        @Argument(help: ArgumentHelp("Article id (13 characters, as `newsctl list` shows).", valueName: "id"))
        var id: String

        @OptionGroup var output: OutputOptions

        func validate() throws {
            if RecordID(id) == nil { throw ValidationError("'\(id)' is not an article id (13 characters such as 01jd3k5x7m2q0)") }
        }

        func run() throws {
            let id = RecordID(self.id)!
            let query = try locations.query()
            guard let line = try failing({ try query.line(for: id) }) else {
                throw CtlFailure("no article with id \(id) in \(query.reader.directory)")
            }
            if output.json {
                Out.json(line)
                return
            }
            let record: Record
            do {
                record = try RecordLine.decode(line)
            } catch {
                throw CtlFailure("article \(id) is not a valid record (run newsctl verify)")
            }
            let copies = try failing { try query.copies(of: id) }
            // The first article of a story may have been stored before it had one.
            let story = try failing { try query.story(containing: id) }.flatMap { $0.size > 1 ? $0 : nil }
            let terminal = Terminal.current
            Out.lines(Self.render(record, copies: copies, story: story, terminal: terminal))
        }

        static func render(_ record: Record, copies: StoreQuery.Copies?, story: StoreQuery.Story?, terminal: Terminal) -> [String] {
            var lines: [String] = []
            let width = terminal.textWidth
            lines += Wrap.lines(record.title.isEmpty ? "(no title)" : record.title, width: width).map { terminal.paint($0, .bold) }
            var byline: [String] = []
            if !record.byline.isEmpty { byline.append("By " + record.byline.joined(separator: ", ")) }
            if let publisher = record.publisher { byline.append(publisher) }
            if let published = record.published { byline.append(published) }
            if !byline.isEmpty { lines.append(byline.joined(separator: " · ")) }
            lines.append("")
            func field(_ name: String, _ value: String) {
                let label = DisplayWidth.pad(name + ":", to: 16)
                let wrapped = Wrap.lines(value, width: width, indent: String(repeating: " ", count: 16))
                guard let first = wrapped.first else { return }
                lines.append(terminal.paint(label, .dim) + first.dropFirst(16))
                lines += wrapped.dropFirst()
            }
            field("Id", record.id)
            field("Arrived", record.ingestedAt + "  (" + record.file + ", \(record.format.rawValue), \(record.bytes) bytes)")
            var facts = ["\(record.wordCount) words"]
            if let language = record.language { facts.insert(language, at: 0) }
            if record.decodedLossy { facts.append("decoded as Windows-1252") }
            field("Text", facts.joined(separator: ", "))
            if let url = record.url { field("URL", url) }
            if let original = record.duplicateOf {
                let similarity = record.similarity.map { String(format: " (similarity %.2f)", $0) } ?? ""
                let title = copies?.original.map { " \"" + $0.title + "\"" } ?? ""
                field("Copy of", original + similarity + title)
            }
            if let copies, record.duplicateOf == nil, !copies.copies.isEmpty {
                field("Copies", copies.copies.map { c in
                    c.id + (c.publisher.map { " " + $0 } ?? "") + (c.similarity.map { String(format: " %.2f", $0) } ?? "")
                }.joined(separator: "; "))
            }
            if let story {
                let title = story.first.map { " \"" + $0.title + "\"" } ?? ""
                field("Story", "\(story.id), \(story.size) article\(story.size == 1 ? "" : "s"), \(story.firstDate)\(story.lastDate == story.firstDate ? "" : " – " + story.lastDate)\(title)")
            }
            func mentions(_ list: [EntityMention]) -> String {
                list.map { $0.count > 1 ? "\($0.name) (\($0.count))" : $0.name }.joined(separator: ", ")
            }
            if !record.entities.people.isEmpty { field("People", mentions(record.entities.people)) }
            if !record.entities.organizations.isEmpty { field("Organisations", mentions(record.entities.organizations)) }
            if !record.entities.places.isEmpty { field("Places", mentions(record.entities.places)) }
            lines.append("")
            lines += Wrap.lines(record.text, width: width)
            return lines
        }
    }
}
