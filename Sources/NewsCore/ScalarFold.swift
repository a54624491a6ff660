/// `NameCanonicalizer.foldKey` one scalar at a time, for hashing a word's folded form
/// straight from its UTF-8 bytes: Latin, Greek and Cyrillic letters with or without
/// diacritics, combining marks, typographic apostrophes and hyphens. Folding and
/// lower-casing act on each scalar alone (canonical decomposition, dropping the marks,
/// per-scalar case mapping), so a word's folded form is the concatenation of its
/// scalars' — which is what makes the table exact. Other scalars are not covered:
/// callers fall back to `foldKey` on the whole word.
enum ScalarFold {
    /// Scalars below this are in the table.
    static let limit: UInt32 = 0x500

    /// For scalar `v` below `limit`: its folded UTF-8 is `bytes[start[v]..<start[v + 1]]`.
    private static let table: (start: [UInt32], bytes: [UInt8]) = {
        var start: [UInt32] = []
        var bytes: [UInt8] = []
        start.reserveCapacity(Int(limit) + 1)
        for value in 0..<limit {
            start.append(UInt32(bytes.count))
            guard let scalar = Unicode.Scalar(value) else { continue }
            bytes.append(contentsOf: NameCanonicalizer.foldKey(String(Character(scalar))).utf8)
        }
        start.append(UInt32(bytes.count))
        return (start, bytes)
    }()

    /// Continues an FNV-1a hash (`WordSet.step`) over the folded form of `scalar`;
    /// nil when the scalar is not covered.
    @inline(__always)
    static func step(_ hash: UInt64, _ scalar: UInt32) -> UInt64? {
        switch scalar {
        case 0x2018, 0x2019: return WordSet.step(hash, UInt8(ascii: "'"))
        case 0x2010, 0x2011: return WordSet.step(hash, UInt8(ascii: "-"))
        default: break
        }
        guard scalar < limit else { return nil }
        var h = hash
        let table = Self.table
        for k in Int(table.start[Int(scalar)])..<Int(table.start[Int(scalar) + 1]) { h = WordSet.step(h, table.bytes[k]) }
        return h
    }
}
