import Glibc

/// Case-insensitive search for ASCII byte strings in raw bytes, 16 bytes at a time.
///
/// Letters match either case; other bytes match exactly. Bytes of UTF-8 text outside
/// ASCII never equal an ASCII letter, so a hit is a hit; whole-word checks come after.
public struct FoldedNeedle: Sendable {
    /// The needle, ASCII letters lowered.
    public let bytes: [UInt8]
    /// 0x20 where the needle byte is a letter (to fold the haystack byte), else 0.
    let folds: [UInt8]

    public init?(_ text: some StringProtocol) {
        var bytes: [UInt8] = []
        for byte in text.utf8 {
            guard byte < 0x80 else { return nil }
            bytes.append(Self.lower(byte))
        }
        guard !bytes.isEmpty else { return nil }
        self.bytes = bytes
        folds = bytes.map { Self.isLetter($0) ? 0x20 : 0 }
    }

    /// A needle matched byte for byte (any bytes, case-sensitive).
    public init?(exact text: some StringProtocol) {
        bytes = Array(text.utf8)
        guard !bytes.isEmpty else { return nil }
        folds = Array(repeating: 0, count: bytes.count)
    }

    /// Whether the needle occurs anywhere in `buffer`.
    public func occurs(in buffer: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = buffer.baseAddress else { return false }
        return firstIndex(in: base, range: 0..<buffer.count) != nil
    }

    @inline(__always) static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
    @inline(__always) static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }

    /// Whether the needle is at `position` of `base`.
    @inline(__always)
    func matches(_ base: UnsafePointer<UInt8>, at position: Int) -> Bool {
        var k = 0
        let n = bytes.count
        while k < n {
            if (base[position + k] | folds[k]) != bytes[k] { return false }
            k += 1
        }
        return true
    }

    /// The first position in `range` of `base` where the needle starts, or nil.
    public func firstIndex(in base: UnsafePointer<UInt8>, range: Range<Int>) -> Int? {
        let m = bytes.count
        guard range.count >= m else { return nil }
        let lastStart = range.upperBound - m          // last position the needle can start
        var p = range.lowerBound
        let first = SIMD16<UInt8>(repeating: bytes[0])
        let last = SIMD16<UInt8>(repeating: bytes[m - 1])
        let foldFirst = SIMD16<UInt8>(repeating: folds[0])
        let foldLast = SIMD16<UInt8>(repeating: folds[m - 1])
        let raw = UnsafeRawPointer(base)
        // Blocks of 16 candidate starts: compare the first and the last needle byte.
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        while p + 16 <= lastStart + 1 {
            let a = raw.loadUnaligned(fromByteOffset: p, as: SIMD16<UInt8>.self)
            let b = raw.loadUnaligned(fromByteOffset: p + m - 1, as: SIMD16<UInt8>.self)
            // Zero bytes where both the first and the last needle byte match.
            let x = ((a | foldFirst) ^ first) | ((b | foldLast) ^ last)
            let (low, high) = unsafeBitCast(x, to: (UInt64, UInt64).self)
            // "Has a zero byte" (exact for the lowest; higher ones are checked anyway).
            var zeros = (low &- ones) & ~low & highs
            while zeros != 0 {
                let k = zeros.trailingZeroBitCount >> 3
                if matches(base, at: p + k) { return p + k }
                zeros &= zeros &- 1
            }
            zeros = (high &- ones) & ~high & highs
            while zeros != 0 {
                let k = 8 + zeros.trailingZeroBitCount >> 3
                if matches(base, at: p + k) { return p + k }
                zeros &= zeros &- 1
            }
            p += 16
        }
        while p <= lastStart {
            if matches(base, at: p) { return p }
            p += 1
        }
        return nil
    }
}

/// One search word: matched whole, case-insensitively, in title and body.
public struct SearchWord: Sendable {
    /// Lower-cased word.
    public let text: String
    /// Byte search for ASCII words; nil for words with other letters (slower path).
    let needle: FoldedNeedle?
    /// The longest ASCII run of the word, for a prefilter when `needle` is nil.
    let anchor: FoldedNeedle?

    public init(_ word: String) {
        text = word.lowercased()
        needle = FoldedNeedle(text)
        if needle == nil {
            var best = ""
            var run = ""
            for scalar in text.unicodeScalars {
                if scalar.isASCII && (scalar.properties.isAlphabetic || scalar.properties.numericType != nil) {
                    run.unicodeScalars.append(scalar)
                } else {
                    if run.count > best.count { best = run }
                    run = ""
                }
            }
            if run.count > best.count { best = run }
            anchor = best.count >= 2 ? FoldedNeedle(best) : nil
        } else {
            anchor = needle
        }
    }

    /// Splits what a user typed into words the way bodies are counted: runs of letters or digits.
    public static func words(in text: String) -> [SearchWord] {
        var words: [String] = []
        var current = ""
        for scalar in text.unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words.map(SearchWord.init)
    }

    /// How many times the word occurs whole in an escaped JSON string body.
    public func count(in field: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = field.baseAddress, !field.isEmpty else { return 0 }
        if let needle {
            var count = 0
            var from = 0
            while let hit = needle.firstIndex(in: base, range: from..<field.count) {
                let end = hit + needle.bytes.count
                if WordBoundary.before(base, hit, lower: 0) && WordBoundary.after(base, end, upper: field.count) {
                    count += 1
                }
                from = hit + 1
            }
            return count
        }
        if let anchor, anchor.firstIndex(in: base, range: 0..<field.count) == nil { return 0 }
        let text = JSONText.unescape(field).lowercased()
        var count = 0
        var current = ""
        for scalar in text.unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                current.unicodeScalars.append(scalar)
            } else {
                if current == self.text { count += 1 }
                current = ""
            }
        }
        if current == self.text { count += 1 }
        return count
    }

    /// A quick no for lines that cannot contain the word (false positives allowed).
    public func mayOccur(in line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let anchor, let base = line.baseAddress else { return true }
        return anchor.firstIndex(in: base, range: 0..<line.count) != nil
    }
}

/// Whole-word checks on escaped JSON text: an escape such as `\n` before a word is a
/// boundary, and letters outside ASCII are letters.
enum WordBoundary {
    @inline(__always) static func isASCIIWordByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A)
    }

    static func before(_ base: UnsafePointer<UInt8>, _ position: Int, lower: Int) -> Bool {
        guard position > lower else { return true }
        let b = base[position - 1]
        if b < 0x80 {
            guard isASCIIWordByte(b) else { return true }
            // `\n`, `\t`, … : a letter that is really an escape.
            if b == UInt8(ascii: "n") || b == UInt8(ascii: "t") || b == UInt8(ascii: "r") || b == UInt8(ascii: "b") || b == UInt8(ascii: "f") {
                var backslashes = 0
                var j = position - 2
                while j >= lower && base[j] == UInt8(ascii: "\\") { backslashes += 1; j -= 1 }
                return backslashes % 2 == 1
            }
            return false
        }
        // Walk back to the start of the previous scalar.
        var start = position - 1
        while start > lower && base[start] & 0xC0 == 0x80 && position - start < 4 { start -= 1 }
        return !isWordScalar(base, start, end: position)
    }

    static func after(_ base: UnsafePointer<UInt8>, _ position: Int, upper: Int) -> Bool {
        guard position < upper else { return true }
        let b = base[position]
        if b < 0x80 { return !isASCIIWordByte(b) }
        var end = position + 1
        while end < upper && base[end] & 0xC0 == 0x80 && end - position < 4 { end += 1 }
        return !isWordScalar(base, position, end: end)
    }

    static func isWordScalar(_ base: UnsafePointer<UInt8>, _ start: Int, end: Int) -> Bool {
        let bytes = UnsafeBufferPointer(start: base + start, count: end - start)
        guard let scalar = String(decoding: bytes, as: UTF8.self).unicodeScalars.first, scalar != "\u{FFFD}" else { return false }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}
