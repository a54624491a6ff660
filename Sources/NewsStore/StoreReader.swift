import Glibc

/// Read-only access to the store's segments for queries, safe while newsd appends.
///
/// The reader never writes, never locks and never maps files (a segment newsd cuts
/// at start-up would turn a mapped read into SIGBUS): it reads with `pread` in
/// chunks. Sizes are taken when the reader is made; only whole lines below that size
/// are seen, so a line being written (or a torn tail) is ignored.
public struct StoreReader: Sendable {
    public struct Segment: Sendable, Equatable {
        public var number: Int
        public var name: String
        public var path: String
        /// Size when the reader was made.
        public var size: Int
    }

    public let directory: String
    public let segments: [Segment]

    /// Chunk size for sequential reads.
    public static let chunkSize = 4 << 20

    public init(directory: String) throws(StoreReadError) {
        self.directory = directory
        var info = stat()
        guard stat(directory, &info) == 0 else {
            if errno == ENOENT { throw .missingStore(path: directory) }
            throw .io(operation: "stat", path: directory, errno: errno)
        }
        let numbers: [Int]
        do {
            numbers = try SegmentFiles.list(in: directory)
        } catch {
            throw .io(operation: "opendir", path: directory, errno: error.errnoValue)
        }
        var segments: [Segment] = []
        for number in numbers {
            let name = SegmentFiles.name(number)
            let path = directory + "/" + name
            var info = stat()
            guard stat(path, &info) == 0 else { continue }  // removed meanwhile
            segments.append(Segment(number: number, name: name, path: path, size: Int(info.st_size)))
        }
        self.segments = segments
    }

    public var totalBytes: Int { segments.reduce(0) { $0 + $1.size } }

    // MARK: - Sequential reads

    /// Calls `body(offset, line)` for every complete line of `segment` from `offset`
    /// (a line start) up to the size seen when the reader was made, oldest first.
    /// `body` returns false to stop. Returns the offset just past the last whole line read.
    @discardableResult
    public func forEachLine(
        in segment: Segment,
        from start: Int = 0,
        upTo limit: Int? = nil,
        _ body: (_ offset: Int, _ line: UnsafeBufferPointer<UInt8>) throws -> Bool
    ) throws -> Int {
        let end = limit ?? segment.size
        guard start < end else { return start }
        let file = try SegmentFile(path: segment.path)
        var buffer = [UInt8](repeating: 0, count: Swift.min(Self.chunkSize, end - start))
        var position = start      // file offset of buffer[0]
        var filled = 0
        var atEnd = false
        while true {
            if !atEnd && filled < buffer.count {
                let want = Swift.min(buffer.count - filled, end - (position + filled))
                if want > 0 {
                    let got = try buffer.withUnsafeMutableBytes { raw -> Int in
                        try file.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[filled..<(filled + want)]), at: position + filled)
                    }
                    filled += got
                    if got < want { atEnd = true }
                } else {
                    atEnd = true
                }
            }
            var consumed = 0
            var stop = false
            try buffer.withUnsafeBufferPointer { all in
                let base = all.baseAddress!
                while consumed < filled {
                    guard let newline = memchr(base + consumed, 0x0A, filled - consumed) else { break }
                    let index = base.distance(to: newline.assumingMemoryBound(to: UInt8.self))
                    let line = UnsafeBufferPointer(start: base + consumed, count: index - consumed)
                    let offset = position + consumed
                    consumed = index + 1
                    if try !body(offset, line) { stop = true; break }
                }
            }
            if stop { return position + consumed }
            if consumed == 0 {
                if atEnd { break }  // what is left is a partial line: ignored
                if filled == buffer.count { buffer.append(contentsOf: repeatElement(0, count: buffer.count)) }
                continue
            }
            let rest = filled - consumed
            if rest > 0 {
                buffer.withUnsafeMutableBytes { raw in
                    _ = memmove(raw.baseAddress!, raw.baseAddress! + consumed, rest)
                }
            }
            position += consumed
            filled = rest
        }
        return position
    }

    /// Calls `body(offset, bytes)` with runs of whole lines of `segment` (each run
    /// ends with a newline), from `start` up to `limit`, in file order: for scans that
    /// look for bytes across many lines at once. `body` returns false to stop.
    public func forEachChunk(
        in segment: Segment,
        from start: Int = 0,
        upTo limit: Int? = nil,
        _ body: (_ offset: Int, _ bytes: UnsafeBufferPointer<UInt8>) throws -> Bool
    ) throws {
        let end = limit ?? segment.size
        guard start < end else { return }
        let file = try SegmentFile(path: segment.path)
        var buffer = [UInt8](repeating: 0, count: Swift.min(Self.chunkSize, end - start))
        var position = start
        var filled = 0
        while position + filled < end {
            let want = Swift.min(buffer.count - filled, end - (position + filled))
            let got = try buffer.withUnsafeMutableBytes { raw -> Int in
                try file.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[filled..<(filled + want)]), at: position + filled)
            }
            filled += got
            let atEnd = got < want || position + filled >= end
            let whole = buffer.withUnsafeBufferPointer { all in
                lastNewline(all.baseAddress!, filled).map { all.baseAddress!.distance(to: $0) + 1 } ?? 0
            }
            if whole == 0 {
                if atEnd { return }  // a partial line only
                if filled == buffer.count { buffer.append(contentsOf: repeatElement(0, count: buffer.count)) }
                continue
            }
            let keepGoing = try buffer.withUnsafeBufferPointer { all in
                try body(position, UnsafeBufferPointer(rebasing: all[0..<whole]))
            }
            if !keepGoing || atEnd { return }
            let rest = filled - whole
            if rest > 0 {
                buffer.withUnsafeMutableBytes { raw in _ = memmove(raw.baseAddress!, raw.baseAddress! + whole, rest) }
            }
            position += whole
            filled = rest
        }
    }

    /// Every complete line of every segment, oldest first.
    public func forEachLine(_ body: (_ segment: Segment, _ offset: Int, _ line: UnsafeBufferPointer<UInt8>) throws -> Bool) throws {
        for segment in segments {
            var stopped = false
            try forEachLine(in: segment) { offset, line in
                if try !body(segment, offset, line) { stopped = true; return false }
                return true
            }
            if stopped { return }
        }
    }

    /// Calls `body(offset, line)` for the complete lines of `segment` that end before
    /// `end` (a line start, or the segment's size), newest first.
    public func forEachLineReversed(
        in segment: Segment,
        before end: Int? = nil,
        _ body: (_ offset: Int, _ line: UnsafeBufferPointer<UInt8>) throws -> Bool
    ) throws {
        let file = try SegmentFile(path: segment.path)
        var end = end ?? segment.size
        var chunk = 64 << 10
        var buffer: [UInt8] = []
        var trailingPartial = end == segment.size  // bytes after the last newline are not a line
        while end > 0 {
            let start = Swift.max(0, end - chunk)
            let count = end - start
            if buffer.count < count { buffer = [UInt8](repeating: 0, count: count) }
            let got = try buffer.withUnsafeMutableBytes { raw -> Int in
                try file.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[0..<count]), at: start)
            }
            if got < count { throw StoreReadError.shrunk(path: segment.path) }
            var stop = false
            var nextEnd = end
            var sawLine = false
            try buffer.withUnsafeBufferPointer { all in
                let base = all.baseAddress!
                var lineEnd = count   // exclusive, index in buffer of the byte after the line's newline
                if trailingPartial {
                    guard let last = lastNewline(base, count) else { return }
                    lineEnd = base.distance(to: last) + 1
                    nextEnd = start + lineEnd
                    trailingPartial = false
                    sawLine = true
                }
                // Lines end with the newline at lineEnd - 1.
                while lineEnd > 0 {
                    let contentEnd = lineEnd - 1
                    let previous = contentEnd > 0 ? lastNewline(base, contentEnd) : nil
                    let lineStart: Int
                    if let previous {
                        lineStart = base.distance(to: previous) + 1
                    } else if start == 0 {
                        lineStart = 0
                    } else {
                        break  // the line began before this chunk
                    }
                    sawLine = true
                    let line = UnsafeBufferPointer(start: base + lineStart, count: contentEnd - lineStart)
                    nextEnd = start + lineStart
                    if try !body(start + lineStart, line) { stop = true; return }
                    lineEnd = lineStart
                }
            }
            if stop { return }
            if !sawLine {
                if start == 0 { return }  // no newline at all: nothing complete
                chunk *= 2                  // a line longer than the chunk
                continue
            }
            end = nextEnd
            if chunk < (1 << 20) { chunk *= 2 }
        }
    }

    /// Every complete line, newest first, from the end of the store.
    public func forEachLineReversed(_ body: (_ segment: Segment, _ offset: Int, _ line: UnsafeBufferPointer<UInt8>) throws -> Bool) throws {
        for segment in segments.reversed() {
            var stopped = false
            try forEachLineReversed(in: segment) { offset, line in
                if try !body(segment, offset, line) { stopped = true; return false }
                return true
            }
            if stopped { return }
        }
    }

    // MARK: - Finding by id

    /// The id of the first whole line at or after `offset`, and where that line starts.
    func lineStart(atOrAfter offset: Int, in file: SegmentFile, segment: Segment) throws -> (offset: Int, id: RecordID?)? {
        var window = 4096
        var position = offset
        if offset > 0 {
            // Find the newline that ends the line containing offset - 1.
            while true {
                let count = Swift.min(window, segment.size - (offset - 1))
                if count <= 0 { return nil }
                var bytes = [UInt8](repeating: 0, count: count)
                let got = try bytes.withUnsafeMutableBytes { raw -> Int in
                    try file.read(into: raw, at: offset - 1)
                }
                if let index = bytes[0..<got].firstIndex(of: 0x0A) {
                    position = offset - 1 + index + 1
                    break
                }
                if got < count || offset - 1 + got >= segment.size { return nil }
                window *= 4
            }
        }
        if position >= segment.size { return nil }
        let count = Swift.min(96, segment.size - position)
        var head = [UInt8](repeating: 0, count: count)
        let got = try head.withUnsafeMutableBytes { raw -> Int in try file.read(into: raw, at: position) }
        guard head[0..<got].contains(0x0A) || got == 96 else { return nil }  // partial last line
        let id = head.withUnsafeBufferPointer { RecordFields.leadingID(UnsafeBufferPointer(rebasing: $0[0..<got])) }
        return (position, id)
    }

    /// Offset of the first line in `segment` whose id is at least `id` (or the size
    /// of its whole lines when there is none). Binary search: ids increase in a segment.
    public func firstOffset(atOrAfter id: RecordID, in segment: Segment) throws -> Int {
        let file = try SegmentFile(path: segment.path)
        var low = 0
        var high = segment.size
        while low < high {
            let middle = low + (high - low) / 2
            guard let probe = try lineStart(atOrAfter: middle, in: file, segment: segment) else {
                high = middle
                continue
            }
            // A line without a readable id (corrupt) counts as "before": the forward
            // scan that follows skips it.
            if let probeID = probe.id, probeID >= id {
                high = middle
            } else {
                low = probe.offset + 1
            }
        }
        return (try lineStart(atOrAfter: low, in: file, segment: segment))?.offset ?? segment.size
    }

    /// The first id of each segment (nil when it holds no whole line yet).
    public func firstID(of segment: Segment) throws -> RecordID? {
        let file = try SegmentFile(path: segment.path)
        return try lineStart(atOrAfter: 0, in: file, segment: segment)?.id
    }

    /// Where the line with this id is: segment index and offset; nil when absent.
    public func locate(_ id: RecordID) throws -> (segment: Int, offset: Int)? {
        // The last segment whose first id is <= id.
        var candidate: Int?
        var low = 0
        var high = segments.count
        while low < high {
            let middle = (low + high) / 2
            if let first = try firstID(of: segments[middle]), first <= id {
                candidate = middle
                low = middle + 1
            } else if try firstID(of: segments[middle]) == nil {
                high = middle
            } else {
                high = middle
            }
        }
        guard let index = candidate else { return nil }
        let segment = segments[index]
        let offset = try firstOffset(atOrAfter: id, in: segment)
        guard offset < segment.size else { return nil }
        let file = try SegmentFile(path: segment.path)
        guard let probe = try lineStart(atOrAfter: offset, in: file, segment: segment), probe.id == id else { return nil }
        return (index, offset)
    }

    /// The whole line at `offset` in `segment` (without its newline).
    public func line(in segment: Segment, at offset: Int) throws -> [UInt8]? {
        var result: [UInt8]?
        try forEachLine(in: segment, from: offset) { _, line in
            result = Array(line)
            return false
        }
        return result
    }

    /// The line of the record with this id.
    public func line(for id: RecordID) throws -> [UInt8]? {
        guard let place = try locate(id) else { return nil }
        return try line(in: segments[place.segment], at: place.offset)
    }
}

/// The last newline in `base[0..<count]` (memrchr is not visible from Swift's Glibc).
@inline(__always)
func lastNewline(_ base: UnsafePointer<UInt8>, _ count: Int) -> UnsafePointer<UInt8>? {
    var i = count - 1
    while i >= 8 {
        // Eight bytes at a time: any 0x0A among them?
        let word = UnsafeRawPointer(base + i - 7).loadUnaligned(as: UInt64.self) ^ 0x0A0A_0A0A_0A0A_0A0A
        if (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080 != 0 { break }
        i -= 8
    }
    while i >= 0 {
        if base[i] == 0x0A { return base + i }
        i -= 1
    }
    return nil
}

/// An open segment file for positioned reads.
final class SegmentFile {
    let fd: Int32
    let path: String

    init(path: String) throws(StoreReadError) {
        self.path = path
        fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw .io(operation: "open", path: path, errno: errno) }
    }

    deinit { close(fd) }

    /// Reads up to `buffer.count` bytes at `offset`; fewer only at end of file.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(StoreReadError) -> Int {
        var done = 0
        while done < buffer.count {
            let n = pread(fd, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            if n < 0 {
                if errno == EINTR { continue }
                throw .io(operation: "read", path: path, errno: errno)
            }
            if n == 0 { break }
            done += n
        }
        return done
    }
}

/// What can go wrong reading the store for a query.
public enum StoreReadError: Error, Sendable, CustomStringConvertible, Equatable {
    case missingStore(path: String)
    case io(operation: String, path: String, errno: Int32)
    /// A segment got shorter while being read (newsd cut a torn tail at start).
    case shrunk(path: String)

    public var description: String {
        switch self {
        case .missingStore(let path):
            return "no store at \(path) (start newsd once, or pass --data-dir/--config)"
        case .io(let operation, let path, let errno):
            return "\(operation) \(path): \(String(cString: strerror(errno))) (errno \(errno))"
        case .shrunk(let path):
            return "\(path) got shorter while being read; run the command again"
        }
    }
}

extension StoreError {
    var errnoValue: Int32 {
        if case .io(_, _, let code) = self { return code }
        return EIO
    }
}
