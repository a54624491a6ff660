import ArgumentParser
import Foundation
import Glibc
import NewsStore

extension NewsCtl {
    /// New articles as newsd stores them, like `journalctl -f`.
    struct Follow: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the last articles, then each new one as it is stored.",
            discussion: """
            Like journalctl -f: the last 10 articles (or all since --since), then new \
            articles as newsd appends them, until interrupted. Waits on inotify (no \
            polling); follows newsd onto a new segment when it rotates. Filters apply \
            to both. Lines being written are printed once complete.

            \(FilterOptions.timeHelp)

            \(ExitStatus.storeHelp)

            \(ExitStatus.help)
            """
        )

        @OptionGroup var locations: Locations
        @OptionGroup var filters: FilterOptions

        @Option(name: [.customShort("n"), .customLong("lines")], help: ArgumentHelp("Show the last N articles first (default 10; all with --since).", valueName: "n"))
        var count: Int?

        @OptionGroup var output: OutputOptions

        func validate() throws {
            if let count, count < 0 { throw ValidationError("-n takes 0 or a positive number") }
        }

        // inotify(7) masks, spelled out: Glibc's imports of them vary between versions.
        static let inModify: UInt32 = 0x0000_0002
        static let inCloseWrite: UInt32 = 0x0000_0008
        static let inMovedTo: UInt32 = 0x0000_0080
        static let inCreate: UInt32 = 0x0000_0100
        static let inDeleteSelf: UInt32 = 0x0000_0400
        static let inMoveSelf: UInt32 = 0x0000_0800
        static let inIgnored: UInt32 = 0x0000_8000

        func run() throws {
            let filter = try filters.filter()
            let directory = try locations.storeDirectory()
            let terminal = Terminal.current
            Self.unblockStopSignals()

            // Watch first, then read: nothing appended in between is missed.
            let fd = inotify_init1(Int32(IN_CLOEXEC))
            guard fd >= 0 else { throw CtlFailure("cannot initialise inotify: \(String(cString: strerror(errno)))") }
            defer { close(fd) }
            let mask = Self.inModify | Self.inCloseWrite | Self.inMovedTo | Self.inCreate | Self.inDeleteSelf | Self.inMoveSelf
            if inotify_add_watch(fd, directory, mask) < 0 {
                if errno == ENOENT { throw CtlFailure(StoreReadError.missingStore(path: directory).description) }
                throw CtlFailure("cannot watch \(directory): \(String(cString: strerror(errno)))")
            }

            let reader = try failing { try StoreReader(directory: directory) }
            let query = StoreQuery(reader: reader)
            // Where reading continues: the segment and the end of its whole lines.
            var segment = reader.segments.last?.number ?? 0
            var offset = try failing { try Self.completeSize(reader.segments.last, reader: reader) }

            let backlog = count ?? (filter.since == nil ? 10 : 0)
            if backlog > 0 || filter.since != nil {
                var recent: [RecordSummary] = []
                var lines: [[UInt8]] = []
                try failing {
                    try query.forEachMatchingReversed(filter) { place, fields in
                        guard reader.segments[place.segment].number < segment || place.offset < offset else { return true }
                        if let summary = RecordSummary(fields) { recent.append(summary) }
                        lines.append(Array(fields.line))
                        return backlog == 0 || recent.count < backlog
                    }
                }
                for (summary, line) in zip(recent, lines).reversed() { emit(summary, line: line, terminal: terminal) }
            }

            var events = [UInt8](repeating: 0, count: 64 * 1024)
            while true {
                let n = events.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if n < 0 {
                    if errno == EINTR { continue }
                    throw CtlFailure("reading inotify events: \(String(cString: strerror(errno)))")
                }
                if Self.watchEnded(events, count: n) {
                    throw CtlFailure("\(directory) was removed or moved")
                }
                let current = try failing { try StoreReader(directory: directory) }
                for seg in current.segments where seg.number >= segment {
                    if seg.number > segment { segment = seg.number; offset = 0 }
                    offset = try failing {
                        try current.forEachLine(in: seg, from: offset) { _, line in
                            guard let fields = RecordFields(line), filter.matches(fields), let summary = RecordSummary(fields) else { return true }
                            emit(summary, line: Array(line), terminal: terminal)
                            return true
                        }
                    }
                }
            }
        }

        func emit(_ summary: RecordSummary, line: [UInt8], terminal: Terminal) {
            if output.json {
                Out.json(summary.json())
                return
            }
            // Fixed widths, since later rows are not known yet.
            let cells = ArticleRows.cells(summary)
            var text = [cells[0], cells[1], DisplayWidth.pad(DisplayWidth.cut(cells[2], to: 20), to: 20), DisplayWidth.pad(cells[3], to: 4), Table.oneLine(cells[4])]
                .joined(separator: "  ")
            if let width = terminal.width { text = DisplayWidth.cut(text, to: width) }
            Out.line(terminal.paint(text, ArticleRows.style(summary)))
        }

        /// follow runs until interrupted: a signal mask inherited from the parent
        /// (some launchers block everything) must not make it unkillable.
        static func unblockStopSignals() {
            var set = sigset_t()
            sigemptyset(&set)
            for signal in [SIGINT, SIGTERM, SIGHUP, SIGPIPE] { sigaddset(&set, signal) }
            pthread_sigmask(SIG_UNBLOCK, &set, nil)
        }

        /// Bytes of whole lines in a segment (a partial last line is not counted).
        static func completeSize(_ segment: StoreReader.Segment?, reader: StoreReader) throws -> Int {
            guard let segment else { return 0 }
            var end = 0
            try reader.forEachLineReversed(in: segment) { offset, line in
                end = offset + line.count + 1
                return false
            }
            return end
        }

        /// Whether the events say the watched directory itself is gone.
        static func watchEnded(_ buffer: [UInt8], count: Int) -> Bool {
            var index = 0
            while index + 16 <= count {
                let mask = buffer.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: index + 4, as: UInt32.self) }
                let length = buffer.withUnsafeBytes { Int($0.loadUnaligned(fromByteOffset: index + 12, as: UInt32.self)) }
                if mask & (inDeleteSelf | inMoveSelf | inIgnored) != 0 { return true }
                index += 16 + length
            }
            return false
        }
    }
}
