/// Splits a text into words for entity extraction, working on UTF-8 bytes.
///
/// A word is a run of letters, digits and combining marks, with inner apostrophes
/// ("O'Brien"). A possessive "'s" is cut off and flagged. A hyphen between two words
/// is kept as a flag on the second ("Son-hui" → "Son", "hui" with `hyphenBefore`).
/// Dotted acronyms ("U.N.", "U.S.") and abbreviations ("Mr.", "St.", "Oct.") keep their
/// full stops and do not end the sentence.
struct EntityToken {
    var start: Int
    var end: Int
    var line: Int
    var flags: Flags

    struct Flags: OptionSet {
        let rawValue: UInt16
        init(rawValue: UInt16) { self.rawValue = rawValue }
        @inline(__always) func has(_ flag: Flags) -> Bool { rawValue & flag.rawValue != 0 }
        /// First letter is upper case.
        static var capitalized: Flags { Flags(rawValue: 1 << 0) }
        /// At least two letters, none lower case.
        static var allCaps: Flags { Flags(rawValue: 1 << 1) }
        /// Contains a digit (numbers, "G7", "Rossiya-1").
        static var digit: Flags { Flags(rawValue: 1 << 2) }
        /// Joined to the previous word by a hyphen.
        static var hyphenBefore: Flags { Flags(rawValue: 1 << 3) }
        /// Followed by "'s".
        static var possessive: Flags { Flags(rawValue: 1 << 4) }
        /// Followed by a bare apostrophe ("Workers'").
        static var apostropheAfter: Flags { Flags(rawValue: 1 << 5) }
        /// First word of a sentence, a line, a quotation or a parenthesis.
        static var sentenceStart: Flags { Flags(rawValue: 1 << 6) }
        /// Punctuation other than a joining hyphen separates it from the previous word.
        static var breakBefore: Flags { Flags(rawValue: 1 << 7) }
        /// Ends with a full stop that belongs to it ("U.N.", "Mr.").
        static var abbreviation: Flags { Flags(rawValue: 1 << 8) }
        /// Contains a byte outside ASCII.
        static var nonASCII: Flags { Flags(rawValue: 1 << 9) }
    }
}

enum EntityTokenizer {
    /// What one pass over a text gives the extractor.
    struct Result {
        var tokens: [EntityToken]
        /// `WordSet` hash of each token's folded lower-case form (as `WordSet.hash` of
        /// `NameCanonicalizer.foldKey`), or 0 when a scalar is one `ScalarFold` does not
        /// cover and the caller must fold the word as a string.
        var keyHashes: [UInt64]
        /// Per line: its last byte other than space, tab or CR is a full stop.
        var endsWithStop: [Bool]
        var lines: Int { endsWithStop.count }
    }

    /// Tokens of `bytes`, their folded hashes, and how each line ends.
    static func tokenize(_ bytes: UnsafeBufferPointer<UInt8>) -> Result {
        var tokens: [EntityToken] = []
        tokens.reserveCapacity(bytes.count / 5)
        var keyHashes: [UInt64] = []
        keyHashes.reserveCapacity(bytes.count / 5)
        var endsWithStop: [Bool] = []
        let n = bytes.count
        var i = 0
        var line = 0
        var pendingBreak = true
        var sentenceStart = true
        var hyphenPending = false

        while i < n {
            let c = bytes[i]
            if c < 0x80 {
                if isASCIIAlnum(c) {
                    var (token, hash) = plainWord(bytes, from: i, line: line) ?? readWord(bytes, from: i, line: line)
                    if hyphenPending && !pendingBreak { token.flags.insert(.hyphenBefore) }
                    if pendingBreak { token.flags.insert(.breakBefore) }
                    if sentenceStart { token.flags.insert(.sentenceStart) }
                    i = token.flags.has(.abbreviation) || token.flags.has(.possessive) || token.flags.has(.apostropheAfter)
                        ? skipTail(bytes, token: token) : token.end
                    tokens.append(token)
                    keyHashes.append(hash)
                    pendingBreak = false
                    sentenceStart = false
                    hyphenPending = false
                    continue
                }
                switch c {
                case 0x20, 0x09, 0x0D:
                    if hyphenPending { pendingBreak = true; hyphenPending = false }
                case 0x0A:
                    endsWithStop.append(lastVisibleByte(bytes, before: i) == UInt8(ascii: "."))
                    line += 1
                    pendingBreak = true
                    sentenceStart = true
                    hyphenPending = false
                case UInt8(ascii: "-"):
                    // A hyphen joins only when it sits between two words with no space.
                    if let last = tokens.last, last.end == i, i + 1 < n, isWordStart(bytes, at: i + 1) {
                        hyphenPending = true
                    } else {
                        pendingBreak = true
                    }
                case UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: ":"),
                     UInt8(ascii: "\""), UInt8(ascii: "("), UInt8(ascii: "["):
                    pendingBreak = true
                    sentenceStart = true
                default:
                    pendingBreak = true
                }
                i += 1
                continue
            }
            let (scalar, length) = decodeScalar(bytes, at: i)
            if isLetter(scalar) {
                var (token, hash) = readWord(bytes, from: i, line: line)
                if hyphenPending && !pendingBreak { token.flags.insert(.hyphenBefore) }
                if pendingBreak { token.flags.insert(.breakBefore) }
                if sentenceStart { token.flags.insert(.sentenceStart) }
                i = token.flags.has(.abbreviation) || token.flags.has(.possessive) || token.flags.has(.apostropheAfter)
                    ? skipTail(bytes, token: token) : token.end
                tokens.append(token)
                keyHashes.append(hash)
                pendingBreak = false
                sentenceStart = false
                hyphenPending = false
                continue
            }
            switch scalar.value {
            case 0x00A0, 0x2009, 0x200A, 0x202F, 0x200B:
                if hyphenPending { pendingBreak = true; hyphenPending = false }
            case 0x2010, 0x2011:
                if let last = tokens.last, last.end == i, i + length < n, isWordStart(bytes, at: i + length) {
                    hyphenPending = true
                } else {
                    pendingBreak = true
                }
            case 0x201C, 0x201E, 0x00AB, 0x2026, 0x3002, 0x2028, 0x2029, 0x2018:
                pendingBreak = true
                sentenceStart = true
            default:
                pendingBreak = true
            }
            i += length
        }
        endsWithStop.append(lastVisibleByte(bytes, before: n) == UInt8(ascii: "."))
        return Result(tokens: tokens, keyHashes: keyHashes, endsWithStop: endsWithStop)
    }

    /// The last byte before `end` on its line that is not a space, tab or CR; 0 when none.
    /// (Looked up at each line feed: most lines end right at their last visible byte.)
    @inline(__always)
    private static func lastVisibleByte(_ bytes: UnsafeBufferPointer<UInt8>, before end: Int) -> UInt8 {
        var k = end - 1
        while k >= 0 {
            let byte = bytes[k]
            if byte == 0x0A { return 0 }
            if byte != 0x20 && byte != 0x09 && byte != 0x0D { return byte }
            k -= 1
        }
        return 0
    }

    /// The common word, read inline: ASCII letters followed by a byte that cannot
    /// continue it or change it (not a digit, apostrophe, full stop or byte of another
    /// script). What `readWord` gives for it, without the call and its general cases;
    /// nil when the word is not that simple.
    @inline(__always)
    static func plainWord(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, line: Int) -> (EntityToken, UInt64)? {
        let n = bytes.count
        var h = WordSet.seed
        var upper = 0
        var k = start
        while k < n {
            let b = bytes[k]
            if b &- 0x61 < 26 {
                h = WordSet.step(h, b)
            } else if b &- 0x41 < 26 {
                h = WordSet.step(h, b | 0x20)
                upper &+= 1
            } else {
                break
            }
            k &+= 1
        }
        if k == start { return nil }
        if k < n {
            let next = bytes[k]
            if next &- 0x30 < 10 || next == UInt8(ascii: "'") || next == UInt8(ascii: ".") || next >= 0x80 { return nil }
        }
        let letters = k - start
        var flags: EntityToken.Flags = []
        if bytes[start] &- 0x41 < 26 { flags.insert(.capitalized) }
        if letters >= 2 && upper == letters { flags.insert(.allCaps) }
        return (EntityToken(start: start, end: k, line: line, flags: flags), WordSet.finish(h))
    }

    /// Reads a word at `start`; sets `end` before any possessive or abbreviation dot,
    /// and records what follows in the flags (`skipTail` then steps over it). Also
    /// returns the `WordSet` hash of the token's folded form, hashed as the bytes go by
    /// (0 when `ScalarFold` does not cover a scalar of it).
    static func readWord(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, line: Int) -> (EntityToken, UInt64) {
        let n = bytes.count
        var i = start
        var letters = 0
        var upper = 0
        var lower = 0
        var firstIsUpper = false
        var flags: EntityToken.Flags = []
        var first = true
        var h = WordSet.seed
        var covered = true
        while i < n {
            let c = bytes[i]
            if c &- 0x61 < 26 {
                // A run of lower-case ASCII letters, the common case.
                h = WordSet.step(h, c)
                var k = i + 1
                while k < n {
                    let b = bytes[k]
                    guard b &- 0x61 < 26 else { break }
                    h = WordSet.step(h, b)
                    k += 1
                }
                lower += k - i
                letters += k - i
                i = k
                first = false
                continue
            }
            if c < 0x80 {
                if c >= 0x41 && c <= 0x5A {
                    if first { firstIsUpper = true }
                    h = WordSet.step(h, c | 0x20)
                    upper += 1; letters += 1; i += 1
                } else if c >= 0x30 && c <= 0x39 {
                    h = WordSet.step(h, c)
                    flags.insert(.digit); i += 1
                } else if c == UInt8(ascii: "'") {
                    if let tail = apostropheTail(bytes, at: i, length: 1) {
                        if tail == .inner { h = WordSet.step(h, c); i += 1; first = false; continue }
                        flags.insert(tail == .possessive ? .possessive : .apostropheAfter)
                    }
                    break
                } else {
                    break
                }
                first = false
                continue
            }
            let (scalar, length) = decodeScalar(bytes, at: i)
            if scalar.value == 0x2019 {
                if let tail = apostropheTail(bytes, at: i, length: length) {
                    if tail == .inner { h = WordSet.step(h, UInt8(ascii: "'")); i += length; first = false; continue }
                    flags.insert(tail == .possessive ? .possessive : .apostropheAfter)
                }
                break
            }
            let letterCase = letterCase(scalar)
            if letterCase == .other { break }
            if covered, let next = ScalarFold.step(h, scalar.value) { h = next } else { covered = false }
            switch letterCase {
            case .upper:
                flags.insert(.nonASCII)
                upper += 1; letters += 1
                if first { firstIsUpper = true }
            case .lower:
                flags.insert(.nonASCII)
                lower += 1; letters += 1
            case .uncased:
                flags.insert(.nonASCII)
                letters += 1
            case .mark:
                flags.insert(.nonASCII)
            case .digit:
                flags.insert(.digit)
            case .other:
                break
            }
            first = false
            i += length
        }
        if firstIsUpper { flags.insert(.capitalized) }
        if letters >= 2 && lower == 0 { flags.insert(.allCaps) }
        var end = i
        // Dotted acronyms and initials: "U.N.", "U.S.A.", "N. Korea".
        if i < n, bytes[i] == UInt8(ascii: "."), !flags.has(.possessive), !flags.has(.apostropheAfter) {
            if letters == 1 && upper == 1 && end - start == 1 {
                var j = i + 1
                while j + 1 < n, bytes[j] >= 0x41, bytes[j] <= 0x5A, bytes[j + 1] == UInt8(ascii: ".") { j += 2 }
                end = j
                flags.insert(.abbreviation)
                if j - start > 2 { flags.insert(.allCaps) }
            } else if end - start <= 5, !flags.has(.digit), isAbbreviation(bytes, start, end) {
                end = i + 1
                flags.insert(.abbreviation)
            }
        }
        // The full stops (and capitals) an abbreviation's end takes in.
        for k in i..<end {
            let c = bytes[k]
            h = WordSet.step(h, c >= 0x41 && c <= 0x5A ? c | 0x20 : c)
        }
        return (EntityToken(start: start, end: end, line: line, flags: flags), covered ? WordSet.finish(h) : 0)
    }

    enum LetterCase { case upper, lower, uncased, mark, digit, other }

    /// Case of a non-ASCII scalar, with fast paths for Latin, Greek, Cyrillic and the
    /// uncased CJK scripts; Unicode properties (slow) for the rest.
    @inline(__always) static func letterCase(_ scalar: Unicode.Scalar) -> LetterCase {
        // Cyrillic and Latin-1/Extended-A first, in two range tests each (the switch
        // below tests its ranges one by one, and these are most of the words outside
        // ASCII); the answers are the switch's.
        let v = scalar.value
        if v &- 0x400 < 0x100 {
            if v <= 0x42F { return .upper }
            if v <= 0x45F { return .lower }
            return v & 1 == 0 ? .upper : .lower
        }
        if v &- 0xC0 < 0xC0 {
            if v <= 0xDE { return v == 0xD7 ? .other : .upper }
            if v <= 0xFF { return v == 0xF7 ? .other : .lower }
            return v & 1 == 0 ? .upper : .lower
        }
        return generalLetterCase(scalar)
    }

    static func generalLetterCase(_ scalar: Unicode.Scalar) -> LetterCase {
        let v = scalar.value
        switch v {
        case 0x41...0x5A: return .upper
        case 0x61...0x7A: return .lower
        case 0x30...0x39: return .digit
        case 0...0x7F: return .other
        case 0xC0...0xDE: return v == 0xD7 ? .other : .upper
        case 0xDF...0xFF: return v == 0xF7 ? .other : .lower
        case 0x100...0x17F: return v & 1 == 0 ? .upper : .lower
        case 0x300...0x36F: return .mark
        case 0x391...0x3A9, 0x400...0x42F: return .upper
        case 0x3B1...0x3C9, 0x430...0x45F: return .lower
        case 0x460...0x4FF: return v & 1 == 0 ? .upper : .lower
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0x1100...0x11FF, 0x3130...0x318F:
            return .uncased
        case 0x2000...0x206F, 0x3000...0x303F, 0xFF00...0xFF0F: return .other  // punctuation
        default:
            let properties = scalar.properties
            if properties.isAlphabetic {
                if properties.isUppercase { return .upper }
                if properties.isLowercase { return .lower }
                return .uncased
            }
            if properties.generalCategory == .nonspacingMark || properties.generalCategory == .spacingMark { return .mark }
            if properties.numericType != nil { return .digit }
            return .other
        }
    }

    private enum ApostropheTail { case inner, possessive, bare }

    private static func apostropheTail(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int, length: Int) -> ApostropheTail? {
        let j = i + length
        let n = bytes.count
        if j < n, bytes[j] == UInt8(ascii: "s") || bytes[j] == UInt8(ascii: "S") {
            if j + 1 >= n || !isWordStart(bytes, at: j + 1) { return .possessive }
            return .inner
        }
        if j < n, isWordStart(bytes, at: j) { return .inner }
        return .bare
    }

    /// Index just past a token's possessive "'s", bare apostrophe or abbreviation dot.
    private static func skipTail(_ bytes: UnsafeBufferPointer<UInt8>, token: EntityToken) -> Int {
        var i = token.end
        if token.flags.has(.abbreviation) { return i }
        let n = bytes.count
        if i < n, bytes[i] == UInt8(ascii: "'") { i += 1 } else if i + 2 < n, bytes[i] == 0xE2, bytes[i + 1] == 0x80, bytes[i + 2] == 0x99 { i += 3 }
        if token.flags.has(.possessive), i < n { i += 1 }
        return i
    }

    private static func isAbbreviation(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var word = ""
        for k in start..<end { word.unicodeScalars.append(Unicode.Scalar(bytes[k] | 0x20)) }
        return EntityLexicon.abbreviations.contains(word)
    }

    @inline(__always) static func isASCIIAlnum(_ c: UInt8) -> Bool {
        (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39)
    }

    static func isWordStart(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        let c = bytes[i]
        if c < 0x80 { return isASCIIAlnum(c) }
        return isLetter(decodeScalar(bytes, at: i).0)
    }

    @inline(__always) static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        switch letterCase(scalar) {
        case .upper, .lower, .uncased: return true
        default: return false
        }
    }

    /// Decodes one scalar of valid UTF-8 (Swift strings are always valid).
    @inline(__always) static func decodeScalar(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (Unicode.Scalar, Int) {
        let n = bytes.count
        let c = UInt32(bytes[i])
        if c < 0x80 { return (Unicode.Scalar(UInt8(c)), 1) }
        if c < 0xE0, i + 1 < n {
            let v = ((c & 0x1F) << 6) | (UInt32(bytes[i + 1]) & 0x3F)
            return (Unicode.Scalar(v) ?? "\u{FFFD}", 2)
        }
        if c < 0xF0, i + 2 < n {
            let v = ((c & 0x0F) << 12) | ((UInt32(bytes[i + 1]) & 0x3F) << 6) | (UInt32(bytes[i + 2]) & 0x3F)
            return (Unicode.Scalar(v) ?? "\u{FFFD}", 3)
        }
        if i + 3 < n {
            let v = ((c & 0x07) << 18) | ((UInt32(bytes[i + 1]) & 0x3F) << 12) | ((UInt32(bytes[i + 2]) & 0x3F) << 6) | (UInt32(bytes[i + 3]) & 0x3F)
            return (Unicode.Scalar(v) ?? "\u{FFFD}", 4)
        }
        return ("\u{FFFD}", 1)
    }
}
