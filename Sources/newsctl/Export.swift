import ArgumentParser
import Foundation
import NewsStore

extension NewsCtl {
    /// Whole records as JSON lines, for other tools.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the matching records to stdout as JSON lines, oldest first.",
            discussion: """
            Each line is the record exactly as stored (schema in Config/record.schema.json). \
            Output is JSON with or without --json.

            \(FilterOptions.timeHelp)

            \(ExitStatus.storeHelp)

            \(ExitStatus.help)
            """
        )

        @OptionGroup var locations: Locations
        @OptionGroup var filters: FilterOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let filter = try filters.filter()
            let query = try locations.query()
            var batch: [UInt8] = []
            batch.reserveCapacity(1 << 20)
            try failing {
                try query.forEachMatching(filter) { _, fields in
                    batch.append(contentsOf: fields.line)
                    batch.append(0x0A)
                    if batch.count >= 1 << 20 {
                        Out.write(batch)
                        batch.removeAll(keepingCapacity: true)
                    }
                    return true
                }
            }
            Out.write(batch)
        }
    }
}
