/// Literal substring search and replacement on UTF-8 bytes. Foundation's `range(of:)`
/// and `replacingOccurrences(of:with:)` go through CFString on Linux, and the generic
/// `firstRange(of:)`/`replacing(_:with:)` through the string-processing engine; both
/// cost more than the cleaner around them. A match of valid UTF-8 inside valid UTF-8
/// starts and ends on scalar boundaries, so the indices are valid `String` indices.
enum ByteSearch {
    /// The first occurrence of `needle` in `text`.
    static func firstRange(of needle: String, in text: Substring) -> Range<String.Index>? {
        var needle = needle
        return needle.withUTF8 { pattern -> Range<String.Index>? in
            guard let first = pattern.first else { return nil }
            let utf8 = text.utf8
            var index = utf8.startIndex
            while let at = utf8[index...].firstIndex(of: first) {
                var probe = at
                var k = 0
                while k < pattern.count, probe != utf8.endIndex, utf8[probe] == pattern[k] {
                    probe = utf8.index(after: probe)
                    k += 1
                }
                if k == pattern.count { return at..<probe }
                index = utf8.index(after: at)
            }
            return nil
        }
    }

    /// `text` with every occurrence of `needle` (left to right, not overlapping) replaced.
    static func replacingAll(_ needle: String, with replacement: String, in text: String) -> String {
        var rest = text[...]
        guard var match = firstRange(of: needle, in: rest) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        while true {
            result += rest[..<match.lowerBound]
            result += replacement
            rest = rest[match.upperBound...]
            guard let next = firstRange(of: needle, in: rest) else { break }
            match = next
        }
        result += rest
        return result
    }
}
