import Glibc

/// What the sidecar keeps per record: enough to rebuild every in-memory index at
/// start without parsing the JSON of each article.
public struct SidecarEntry: Sendable, Equatable {
    /// Byte offset of the record's line in its segment, and the line's length
    /// including the newline.
    public var offset: Int
    public var lineLength: Int
    public var id: RecordID
    public var content: ContentKey
    public var fileHash: UInt64
    /// Opaque bytes the store's user attaches to each record (the dedupe fingerprint).
    public var payload: [UInt8]

    public init(offset: Int, lineLength: Int, id: RecordID, content: ContentKey, fileHash: UInt64, payload: [UInt8]) {
        self.offset = offset
        self.lineLength = lineLength
        self.id = id
        self.content = content
        self.fileHash = fileHash
        self.payload = payload
    }

    /// An entry read in place, its payload copied.
    init(_ item: SidecarImage.Item) {
        self.init(offset: item.offset, lineLength: item.lineLength, id: item.id, content: item.content,
                  fileHash: item.fileHash, payload: Array(item.payload))
    }
}

/// `articles-NNNNNN.idx` beside each segment: a header, then one little-endian
/// entry per record (u32 length of the rest, u64 offset, u32 line length, u64 id,
/// 32-byte SHA-256, u64 file hash, payload). A cache: written after each durable
/// batch without its own fsync, checked against the segment at start and rebuilt
/// from it when it is short, torn or older than the segment.
public enum SidecarFile {
    static let magic: [UInt8] = Array("NWSIDX01".utf8)
    static let fixedBytes = 8 + 4 + 8 + 32 + 8

    public static func name(_ segment: Int) -> String {
        let segmentName = SegmentFiles.name(segment)
        return String(segmentName.dropLast(SegmentFiles.suffix.count)) + ".idx"
    }

    static func encode(_ entry: SidecarEntry, into out: inout [UInt8]) {
        func put<T: FixedWidthInteger>(_ value: T) {
            withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
        }
        put(UInt32(fixedBytes + entry.payload.count))
        put(UInt64(entry.offset))
        put(UInt32(entry.lineLength))
        put(entry.id.rawValue)
        for word in [entry.content.a, entry.content.b, entry.content.c, entry.content.d] { put(word.bigEndian) }
        put(entry.fileHash)
        out.append(contentsOf: entry.payload)
    }

    /// The sidecar file at `path`, mapped read-only. Nil when it is missing or not a
    /// sidecar.
    ///
    /// Mapped rather than read: the pages are the page cache's own, so there is no copy
    /// and no buffer to zero (see `SidecarImage`). Only recovery maps sidecars: it runs
    /// holding the store's lock and before the store's writer exists, and the restorer
    /// is done with the images before the daemon appends (the writer empties a sidecar
    /// it failed to write; a mapped reader would then take SIGBUS).
    static func readImage(path: String) -> SidecarImage? {
        withFile(path) { fd, length in
            guard length >= magic.count else { return nil }
            // MAP_POPULATE: the whole file is read in and mapped now, in one call, instead
            // of a page fault every few pages as the entries are walked.
            if let base = mmap(nil, length, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0), base != MAP_FAILED {
                return SidecarImage(storage: .mapped(base, length: length))
            }
            // A file system that cannot map files: read it into a buffer instead.
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: length, alignment: 16)
            let filled = POSIX.readAll(fd, into: buffer)
            return SidecarImage(storage: .owned(UnsafeMutableRawBufferPointer(rebasing: buffer[0..<filled])))
        }
    }

    /// The entries of a sidecar file, up to the first incomplete or malformed one.
    /// Nil when the file is missing or not a sidecar.
    ///
    /// Read, not mapped: readers in other processes (`newsctl verify`) run beside the
    /// daemon, whose writer empties a sidecar it failed to write (a mapped reader would
    /// then take SIGBUS).
    static func read(path: String) -> [SidecarEntry]? {
        withFile(path) { fd, length in
            let bytes = [UInt8](unsafeUninitializedCapacity: length) { buffer, initialized in
                initialized = POSIX.readAll(fd, into: UnsafeMutableRawBufferPointer(buffer))
            }
            return bytes.withUnsafeBytes { entries(in: $0) }
        }
    }

    /// Calls `body` with the open file at `path` and its size; nil when it cannot be
    /// opened or examined.
    private static func withFile<T>(_ path: String, _ body: (Int32, Int) -> T?) -> T? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        return body(fd, Int(info.st_size))
    }

    /// The entries in a sidecar's bytes, up to the first incomplete or malformed one.
    /// Nil when the bytes do not start with the sidecar header. Separate from `read`
    /// so the fuzzer (Tests/Fuzz) can feed it arbitrary bytes.
    public static func entries(in raw: UnsafeRawBufferPointer) -> [SidecarEntry]? {
        entryStarts(in: raw)?.map { SidecarEntry(item(at: $0, in: raw)) }
    }

    /// Where each entry starts, up to the first incomplete or malformed one; nil when
    /// the bytes do not start with the sidecar header. Every start returned is an entry
    /// `item(at:in:)` can read.
    static func entryStarts(in raw: UnsafeRawBufferPointer) -> [Int]? {
        let filled = raw.count
        guard filled >= magic.count, raw.prefix(magic.count).elementsEqual(magic) else { return nil }
        var starts: [Int] = []
        starts.reserveCapacity(filled / 128)
        var position = magic.count
        while position + 4 <= filled {
            let length = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: position, as: UInt32.self)))
            guard length >= fixedBytes, position + 4 + length <= filled else { break }
            // A damaged sidecar can hold any offset: past Int.max it is malformed, not a trap.
            guard Int(exactly: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: position + 4, as: UInt64.self))) != nil
            else { break }
            starts.append(position)
            position += 4 + length
        }
        return starts
    }

    /// The entry at `start`, one of `entryStarts(in: raw)`.
    @inline(__always)
    static func item(at start: Int, in raw: UnsafeRawBufferPointer) -> SidecarImage.Item {
        var position = start
        func take<T: FixedWidthInteger>(_: T.Type) -> T {
            defer { position += MemoryLayout<T>.size }
            return T(littleEndian: raw.loadUnaligned(fromByteOffset: position, as: T.self))
        }
        let length = Int(take(UInt32.self))
        let offset = Int(take(UInt64.self))
        let lineLength = Int(take(UInt32.self))
        let id = RecordID(rawValue: take(UInt64.self))
        let a = UInt64(bigEndian: take(UInt64.self)), b = UInt64(bigEndian: take(UInt64.self))
        let c = UInt64(bigEndian: take(UInt64.self)), d = UInt64(bigEndian: take(UInt64.self))
        let fileHash = take(UInt64.self)
        let payload = UnsafeRawBufferPointer(rebasing: raw[position..<(start + 4 + length)])
        return SidecarImage.Item(offset: offset, lineLength: lineLength, id: id, content: ContentKey(words: a, b, c, d),
                                 fileHash: fileHash, payload: payload)
    }

    /// A sidecar's bytes for these entries: the header, then each entry.
    static func encode(_ entries: [SidecarEntry]) -> [UInt8] {
        var out = magic
        for entry in entries { encode(entry, into: &out) }
        return out
    }

    /// Replaces a sidecar with these entries (temp file, then rename).
    static func rewrite(path: String, entries: [SidecarEntry]) throws(StoreError) {
        try rewrite(path: path, bytes: encode(entries))
    }

    /// Replaces a sidecar with these bytes (temp file, then rename).
    static func rewrite(path: String, bytes out: [UInt8]) throws(StoreError) {
        let temp = path + ".tmp"
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fd < 0 { throw .io(operation: "open", path: temp, errno: errno) }
        let (_, failed) = out.withUnsafeBytes { POSIX.writeAll(fd, $0) }
        close(fd)
        if let failed { throw .io(operation: "write", path: temp, errno: failed) }
        if rename(temp, path) != 0 { throw .io(operation: "rename", path: path, errno: errno) }
    }

    static func modificationTime(_ path: String) -> timespec? {
        var info = stat()
        return stat(path, &info) == 0 ? info.st_mtim : nil
    }
}

extension ContentKey {
    init(words a: UInt64, _ b: UInt64, _ c: UInt64, _ d: UInt64) {
        self.init(a: a, b: b, c: c, d: d)
    }
}
