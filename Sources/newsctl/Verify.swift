import ArgumentParser
import Foundation
import NewsCore
import NewsStore

extension NewsCtl {
    /// Checks the store line by line.
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the store: every line a valid record, ids unique and in order.",
            discussion: """
            Every line must be a record of a known schema version with a valid id; ids \
            must be unique and strictly increasing across segments; duplicate_of must \
            name an earlier article that is not itself a copy, and story this or an \
            earlier article; each segment's sidecar index (articles-NNNNNN.idx) must \
            agree with the lines it covers (it may lag behind: newsd completes it on \
            start). Each problem is printed as SEGMENT:OFFSET: what is wrong \
            (OFFSET in bytes from the start of the segment), then a summary line. A \
            partial line at the end of the last segment (a write in progress, or a torn \
            tail newsd cuts on start) is reported but is not a problem.

            \(ExitStatus.storeHelp)

            \(ExitStatus.help) Exit status 1 when any problem is found.
            """
        )

        @OptionGroup var locations: Locations
        @OptionGroup var output: OutputOptions

        func run() throws {
            let directory = try locations.storeDirectory()
            let report = try failing { try StoreVerifier.verify(directory: directory) }
            let terminal = Terminal.current
            if output.json {
                for problem in report.problems {
                    var out = JSONWriter(capacity: 256)
                    out.open()
                    out.key("segment"); out.string(problem.segment)
                    out.key("offset"); out.int(problem.offset)
                    out.key("problem"); out.string(problem.message)
                    out.close()
                    Out.json(out.bytes)
                }
                var out = JSONWriter(capacity: 256)
                out.open()
                out.key("store"); out.string(directory)
                out.key("segments"); out.int(report.segments)
                out.key("records"); out.int(report.records)
                out.key("copies"); out.int(report.copies)
                out.key("in_stories"); out.int(report.storyRecords)
                out.key("bytes"); out.int(report.bytes)
                out.key("problems"); out.int(report.problemCount)
                out.key("sidecars_checked"); out.int(report.sidecarsChecked)
                out.key("sidecars_missing"); out.int(report.sidecarsMissing)
                out.key("lines_beyond_sidecars"); out.int(report.linesBeyondSidecars)
                out.key("partial_tail_bytes"); out.int(report.partialTail?.bytes ?? 0)
                out.key("ok"); out.bool(report.ok)
                out.close()
                Out.json(out.bytes)
            } else {
                for problem in report.problems {
                    Out.line(terminal.paint(problem.description, .red))
                }
                if report.problemCount > report.problems.count {
                    Out.line("… and \(report.problemCount - report.problems.count) more problems")
                }
                if let tail = report.partialTail {
                    Out.line("\(tail.segment):\(tail.offset): partial last line of \(tail.bytes) bytes (a write in progress, or a torn tail newsd cuts on start)")
                }
                let verdict = report.ok ? terminal.paint("ok", .green) : terminal.paint("\(report.problemCount) problem\(report.problemCount == 1 ? "" : "s")", .red)
                Out.line("\(directory): \(report.segments) segment\(report.segments == 1 ? "" : "s"), \(report.records) records, \(report.copies) copies, \(report.storyRecords) in stories, \(report.bytes) bytes, \(report.sidecarsChecked) sidecar\(report.sidecarsChecked == 1 ? "" : "s") checked: \(verdict)")
            }
            if !report.ok { throw ExitCode.failure }
        }
    }
}
