import Glibc
import NewsCore

/// Where the top-level values of one store line are, found without decoding it.
///
/// A single pass over the line that skips string values with `memchr`, so it costs
/// little more than reading the bytes; values stay raw JSON until asked for. Used to
/// filter and rank lines; the full `Record` is decoded only for what is shown.
public struct RecordFields {
    public enum Key: Int, CaseIterable, Sendable {
        case v, id, file, sha256, bytes, ingestedAt, format, title, byline, publisher, published
        case language, url, lead, wordCount, text, entities, duplicateOf, similarity, story, decodedLossy

        static let names: [String] = ["v", "id", "file", "sha256", "bytes", "ingested_at", "format", "title",
                                      "byline", "publisher", "published", "language", "url", "lead", "word_count",
                                      "text", "entities", "duplicate_of", "similarity", "story", "decoded_lossy"]
        static let nameBytes: [[UInt8]] = names.map { Array($0.utf8) }

        /// The key spelled by `bytes`; `expected` (the next key in the writer's
        /// order) is tried first, so a well-formed line costs one comparison per key.
        static func find(_ bytes: UnsafeBufferPointer<UInt8>, expected: Int) -> Key? {
            func equals(_ index: Int) -> Bool {
                let name = nameBytes[index]
                guard name.count == bytes.count else { return false }
                return name.withUnsafeBufferPointer { memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 }
            }
            if expected < nameBytes.count, equals(expected) { return Key(rawValue: expected) }
            for index in nameBytes.indices where equals(index) { return Key(rawValue: index) }
            return nil
        }
    }

    public let line: UnsafeBufferPointer<UInt8>
    /// Value ranges by key (raw JSON, strings including their quotes); -1 when absent.
    private var starts: [Int]
    private var ends: [Int]

    /// Nil when the line is not a JSON object this scanner can walk.
    public init?(_ line: UnsafeBufferPointer<UInt8>) {
        self.line = line
        starts = Array(repeating: -1, count: Key.allCases.count)
        ends = starts
        guard let base = line.baseAddress, line.count >= 2 else { return nil }
        var i = 0
        let n = line.count
        func skipSpace() { while i < n, base[i] == 0x20 || base[i] == 0x09 || base[i] == 0x0D { i += 1 } }
        skipSpace()
        guard i < n, base[i] == UInt8(ascii: "{") else { return nil }
        i += 1
        skipSpace()
        if i < n, base[i] == UInt8(ascii: "}") { return }
        var expected = 0
        while i < n {
            skipSpace()
            guard i < n, base[i] == UInt8(ascii: "\"") else { return nil }
            guard let keyEnd = Self.stringEnd(base, from: i, count: n) else { return nil }
            let keyBytes = UnsafeBufferPointer(start: base + i + 1, count: keyEnd - i - 2)
            i = keyEnd
            skipSpace()
            guard i < n, base[i] == UInt8(ascii: ":") else { return nil }
            i += 1
            skipSpace()
            guard i < n else { return nil }
            let valueStart = i
            guard let valueEnd = Self.valueEnd(base, from: i, count: n) else { return nil }
            i = valueEnd
            if keyBytes.count <= 13, keyBytes.count > 0, let key = Key.find(keyBytes, expected: expected) {
                starts[key.rawValue] = valueStart
                ends[key.rawValue] = valueEnd
                expected = key.rawValue + 1
            }
            skipSpace()
            guard i < n else { return nil }
            if base[i] == UInt8(ascii: ",") { i += 1; continue }
            if base[i] == UInt8(ascii: "}") { return }
            return nil
        }
        return nil
    }

    /// Raw JSON of a value, or nil when absent.
    public func raw(_ key: Key) -> UnsafeBufferPointer<UInt8>? {
        let start = starts[key.rawValue]
        guard start >= 0 else { return nil }
        return UnsafeBufferPointer(rebasing: line[start..<ends[key.rawValue]])
    }

    /// The bytes inside a string value's quotes, still escaped; nil for null/absent/non-string.
    public func stringBytes(_ key: Key) -> UnsafeBufferPointer<UInt8>? {
        guard let raw = raw(key), raw.count >= 2, raw.first == UInt8(ascii: "\"") else { return nil }
        return UnsafeBufferPointer(rebasing: raw[(raw.startIndex + 1)..<(raw.endIndex - 1)])
    }

    /// A string value, unescaped; nil for null or absent.
    public func string(_ key: Key) -> String? {
        stringBytes(key).map(JSONText.unescape)
    }

    public func int(_ key: Key) -> Int? {
        guard let raw = raw(key) else { return nil }
        return Int(String(decoding: raw, as: UTF8.self))
    }

    public func double(_ key: Key) -> Double? {
        guard let raw = raw(key) else { return nil }
        return Double(String(decoding: raw, as: UTF8.self))
    }

    public func isNull(_ key: Key) -> Bool {
        guard let raw = raw(key) else { return true }
        return raw.count == 4 && raw[raw.startIndex] == UInt8(ascii: "n")
    }

    public var id: RecordID? { stringBytes(.id).flatMap { RecordID(String(decoding: $0, as: UTF8.self)) } }

    /// The id of a line from its first bytes, for binary search: `{"v":1,"id":"…"`.
    static func leadingID(_ head: UnsafeBufferPointer<UInt8>) -> RecordID? {
        let marker: [UInt8] = Array("\"id\":\"".utf8)
        guard head.count >= marker.count + 13 else { return nil }
        var index = 0
        while index + marker.count + 13 <= head.count {
            if head[index] == 0x0A { return nil }
            if head[index] == marker[0] && Array(head[index..<(index + marker.count)]) == marker {
                let start = index + marker.count
                return RecordID(String(decoding: head[start..<(start + 13)], as: UTF8.self))
            }
            index += 1
        }
        return nil
    }

    // MARK: - Skipping values

    /// Index just past the closing quote of the string starting at `from`.
    static func stringEnd(_ base: UnsafePointer<UInt8>, from: Int, count: Int) -> Int? {
        var i = from + 1
        while i < count {
            guard let hit = memchr(base + i, 0x22, count - i) else { return nil }
            let quote = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            var backslashes = 0
            var j = quote - 1
            while j > from && base[j] == UInt8(ascii: "\\") { backslashes += 1; j -= 1 }
            if backslashes % 2 == 0 { return quote + 1 }
            i = quote + 1
        }
        return nil
    }

    static func valueEnd(_ base: UnsafePointer<UInt8>, from: Int, count: Int) -> Int? {
        switch base[from] {
        case UInt8(ascii: "\""):
            return stringEnd(base, from: from, count: count)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            var depth = 0
            var i = from
            while i < count {
                switch base[i] {
                case UInt8(ascii: "\""):
                    guard let end = stringEnd(base, from: i, count: count) else { return nil }
                    i = end
                    continue
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    depth -= 1
                    if depth == 0 { return i + 1 }
                default: break
                }
                i += 1
            }
            return nil
        default:
            var i = from
            while i < count, base[i] != UInt8(ascii: ","), base[i] != UInt8(ascii: "}"), base[i] != 0x20 { i += 1 }
            return i > from ? i : nil
        }
    }
}

/// JSON string escapes.
public enum JSONText {
    /// The text of an escaped JSON string body (without its quotes).
    public static func unescape(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.contains(UInt8(ascii: "\\")) else { return String(decoding: bytes, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        let end = bytes.endIndex
        func hex4(_ at: Int) -> UInt32? {
            guard at + 4 <= end else { return nil }
            var value: UInt32 = 0
            for k in at..<(at + 4) {
                let c = bytes[k]
                let digit: UInt32
                switch c {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(c - UInt8(ascii: "0"))
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(c - UInt8(ascii: "a") + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(c - UInt8(ascii: "A") + 10)
                default: return nil
                }
                value = value << 4 | digit
            }
            return value
        }
        while i < end {
            let c = bytes[i]
            guard c == UInt8(ascii: "\\"), i + 1 < end else { out.append(c); i += 1; continue }
            let e = bytes[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"):
                guard var scalar = hex4(i) else { out.append(contentsOf: [0xEF, 0xBF, 0xBD]); continue }
                i += 4
                if (0xD800..<0xDC00).contains(scalar), i + 6 <= end, bytes[i] == UInt8(ascii: "\\"),
                   bytes[i + 1] == UInt8(ascii: "u"), let low = hex4(i + 2), (0xDC00..<0xE000).contains(low) {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                }
                out.append(contentsOf: Array(String(Unicode.Scalar(scalar).map(Character.init) ?? "\u{FFFD}").utf8))
            default: out.append(e)  // \" \\ \/
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
