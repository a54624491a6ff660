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

    /// The entries of a sidecar file, up to the first incomplete or malformed one.
    /// Nil when the file is missing or not a sidecar.
    static func read(path: String) -> [SidecarEntry]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
        var filled = 0
        while filled < bytes.count {
            let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + filled, $0.count - filled, off_t(filled)) }
            if n <= 0 { break }
            filled += n
        }
        return bytes[0..<filled].withUnsafeBytes { entries(in: $0) }
    }

    /// The entries in a sidecar's bytes, up to the first incomplete or malformed one.
    /// Nil when the bytes do not start with the sidecar header. Separate from `read`
    /// so the fuzzer (Tests/Fuzz) can feed it arbitrary bytes.
    public static func entries(in raw: UnsafeRawBufferPointer) -> [SidecarEntry]? {
        let filled = raw.count
        guard filled >= magic.count, raw.prefix(magic.count).elementsEqual(magic) else { return nil }
        var entries: [SidecarEntry] = []
        entries.reserveCapacity(filled / 128)
        var position = magic.count
        func take<T: FixedWidthInteger>(_: T.Type) -> T {
            defer { position += MemoryLayout<T>.size }
            return T(littleEndian: raw.loadUnaligned(fromByteOffset: position, as: T.self))
        }
        while position + 4 <= filled {
            let length = Int(take(UInt32.self))
            guard length >= fixedBytes, position + length <= filled else { break }
            // A damaged sidecar can hold any offset: past Int.max it is malformed, not a trap.
            guard let offset = Int(exactly: take(UInt64.self)) else { break }
            let lineLength = Int(take(UInt32.self))
            let id = RecordID(rawValue: take(UInt64.self))
            let a = UInt64(bigEndian: take(UInt64.self)), b = UInt64(bigEndian: take(UInt64.self))
            let c = UInt64(bigEndian: take(UInt64.self)), d = UInt64(bigEndian: take(UInt64.self))
            let fileHash = take(UInt64.self)
            let payloadLength = length - fixedBytes
            let payload = Array(raw[position..<(position + payloadLength)])
            position += payloadLength
            entries.append(SidecarEntry(offset: offset, lineLength: lineLength, id: id,
                                        content: ContentKey(words: a, b, c, d), fileHash: fileHash, payload: payload))
        }
        return entries
    }

    /// Replaces a sidecar with these entries (temp file, then rename).
    static func rewrite(path: String, entries: [SidecarEntry]) throws(StoreError) {
        var out = magic
        for entry in entries { encode(entry, into: &out) }
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
