/// The names inputs get in `processed/` and `quarantine/`: the inbox name, or, when
/// that is taken, the name with a numeric suffix (`a.txt` → `a.1.txt`).
///
/// Linux limits one name to 255 bytes (NAME_MAX) and producers can use all of them,
/// so a suffix, or a quarantine companion (`NAME.reason.json`, written through
/// `NAME.reason.json.tmp`), could make a name that rename(2) or open(2) refuse with
/// ENAMETOOLONG. Such names are shortened first: the stem loses bytes from its end (at
/// a UTF-8 character boundary), the extension stays. The reason file keeps the full
/// inbox name.
enum DispositionName {
    static let nameMax = 255

    /// Bytes a quarantined name must leave free: `.reason.json.tmp`.
    static let quarantineReserve = ".reason.json.tmp".utf8.count

    /// The `attempt`-th name for `path` (0: its own name) whose last component leaves
    /// `reserve` bytes free under NAME_MAX.
    static func candidate(_ path: InboxPath, attempt: Int, reserve: Int = 0) -> InboxPath {
        let name = path.name
        let prefix = Array(path.bytes.dropLast(name.count))
        let suffix = attempt == 0 ? [] : Array(".\(attempt)".utf8)
        let limit = nameMax - reserve
        if attempt == 0 && name.count <= limit { return path }
        let dot = name.lastIndex(of: UInt8(ascii: ".")).flatMap { $0 > 0 ? $0 : nil }
        var stem = dot.map { Array(name[..<$0]) } ?? name
        var ext = dot.map { Array(name[$0...]) } ?? []
        let over = stem.count + suffix.count + ext.count - limit
        if over > 0 {
            if stem.count - over >= 1 {
                stem = cut(stem, to: stem.count - over)
            } else {
                // A long "extension" (`a.` + 250 bytes): shorten the name as a whole.
                stem = cut(stem + ext, to: limit - suffix.count)
                ext = []
            }
        }
        return InboxPath(bytes: prefix + stem + suffix + ext)
    }

    /// The first `count` bytes (or fewer), not splitting a UTF-8 sequence.
    static func cut(_ bytes: [UInt8], to count: Int) -> [UInt8] {
        guard bytes.count > count else { return bytes }
        var end = max(count, 0)
        // Step back over continuation bytes (10xxxxxx) to the start of the character
        // that would be cut, and leave that character out.
        while end > 0 && end < bytes.count && bytes[end] & 0xC0 == 0x80 { end -= 1 }
        return Array(bytes[..<end])
    }
}
