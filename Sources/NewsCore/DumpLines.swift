/// One non-blank line of a page dump, with the measurements the classifier needs.
///
/// The line's text lives in `DumpDocument.bytes[start..<end]`, with surrounding
/// whitespace trimmed and inner runs of whitespace folded to one space; its words'
/// hashes live in `DumpDocument.words[firstWord..<firstWord + wordCount]`.
struct DumpLine {
    var start: Int
    var end: Int
    var firstWord: Int
    var wordCount: Int
    /// Ideographs, kana and hangul in the line (scripts without spaces).
    var cjk: Int
    var stopwords: Int
    /// Words that start with a letter, and how many of those start upper-case.
    var alphaWords: Int
    var capitalized: Int
    /// Ends like a sentence: `. ! ? 。 … " ” » ' ’ : ; )`.
    var terminal: Bool
    var hasCopyright: Bool
    /// Hash of the line's words, length and end bytes, for finding repeated lines.
    var hash: UInt64

    var byteCount: Int { end - start }
    /// Length in word equivalents: a CJK character counts half a word.
    var weight: Double { Double(wordCount) + Double(cjk) / 2 }
    var stopwordDensity: Double { Double(stopwords) / Double(max(1, wordCount)) }
    var capitalizedRatio: Double { Double(capitalized) / Double(max(1, alphaWords)) }
    var isCJKDominant: Bool { cjk > 0 && cjk > wordCount }
}

/// A page dump split into normalised lines, measured in one pass over its UTF-8 bytes.
struct DumpDocument {
    /// The lines' normalised bytes, each line followed by "\n".
    private(set) var bytes: [UInt8] = []
    /// Hash of every word of every line, in order.
    private(set) var words: [UInt64] = []
    /// Byte offset (into `bytes`) where each word starts.
    private(set) var wordStarts: [Int32] = []
    private(set) var lines: [DumpLine] = []

    init(_ text: String) {
        var source = text
        let stopwords = DumpVocabulary.stopwords
        let lowerTable = DumpWord.asciiWordLower
        var lines: [DumpLine] = []
        var wordCount = 0
        var outCount = 0
        let capacity = source.utf8.count + 16
        // Sized for the worst case (one-letter words) but not zero-filled: the pages
        // no word reaches are never touched, so they cost address space, not memory
        // (a 50 MB single line: 300 MB less resident). Every slot read was written.
        var words = [UInt64](uninitializedCount: capacity / 2 + 1)
        var wordStarts = [Int32](uninitializedCount: capacity / 2 + 1)
        var bytes = [UInt8](uninitializedCount: capacity)
        source.withUTF8 { input in
            bytes.withUnsafeMutableBufferPointer { out in
            words.withUnsafeMutableBufferPointer { wordOut in
            wordStarts.withUnsafeMutableBufferPointer { startOut in
            lines.reserveCapacity(input.count / 40 + 1)
            var i = 0
            let n = input.count
            while i < n {
                // One physical line: up to \n, \r, U+2028 or U+2029.
                let lineStart = outCount
                var line = DumpLine(start: lineStart, end: lineStart, firstWord: wordCount, wordCount: 0, cjk: 0,
                                    stopwords: 0, alphaWords: 0, capitalized: 0, terminal: false,
                                    hasCopyright: false, hash: 0)
                var pendingSpace = false
                var inWord = false
                var wordHash = DumpWord.offset
                var wordFirstUpper = false
                var wordFirstLetter = false
                var wordLength = 0
                var lastScalar: UInt32 = 0
                var lineHash = DumpWord.offset

                while true {
                    // Fast path for a run of ASCII letters, digits and underscores (most of
                    // any page): the same effect as the general step below, byte by byte.
                    if i < n, lowerTable[Int(input[i])] != 0 {
                        if pendingSpace {
                            out[outCount] = 0x20
                            outCount += 1
                            pendingSpace = false
                        }
                        if !inWord {
                            let c = input[i]
                            inWord = true
                            wordHash = DumpWord.offset
                            wordLength = 0
                            wordFirstUpper = c >= 0x41 && c <= 0x5A
                            wordFirstLetter = !(c >= 0x30 && c <= 0x39) && c != 0x5F
                            startOut[wordCount] = Int32(outCount)
                        }
                        var h = wordHash
                        var o = outCount
                        var k = i
                        var c: UInt8 = 0
                        let outBase = out.baseAddress!
                        repeat {
                            c = input[k]
                            h = (h ^ UInt64(lowerTable[Int(c)])) &* DumpWord.prime
                            outBase[o] = c
                            o &+= 1
                            k &+= 1
                        } while k < n && lowerTable[Int(input[k])] != 0
                        wordLength += k - i
                        wordHash = h
                        outCount = o
                        i = k
                        lastScalar = UInt32(c)
                        continue
                    }
                    var scalar: UInt32 = 0
                    var length = 1
                    var atEnd = i >= n
                    if !atEnd {
                        let b = input[i]
                        if b == 0x0A || b == 0x0D { i += 1; atEnd = true } else if b < 0x80 {
                            scalar = UInt32(b)
                        } else {
                            (scalar, length) = dumpDecodeScalar(input, i, n)
                            if scalar == 0x2028 || scalar == 0x2029 { i += length; atEnd = true }
                        }
                    }
                    let isSpace = atEnd || scalar == 0x20 || scalar == 0x09 || scalar == 0x0B || scalar == 0x0C
                        || (scalar >= 0x80 && (scalar == 0xA0 || (scalar >= 0x2000 && scalar <= 0x200B) || scalar == 0x202F
                            || scalar == 0x205F || scalar == 0x3000 || scalar == 0xFEFF))
                    let isWord = !isSpace && DumpWord.isWordScalar(scalar)
                    if inWord && !isWord {
                        // The word ends here.
                        wordOut[wordCount] = wordHash
                        wordCount += 1
                        line.wordCount += 1
                        if wordFirstLetter {
                            line.alphaWords += 1
                            if wordFirstUpper { line.capitalized += 1 }
                        }
                        if wordLength <= 14 && stopwords.contains(wordHash) { line.stopwords += 1 }
                        lineHash = (lineHash ^ wordHash) &* DumpWord.prime
                        inWord = false
                    }
                    if atEnd { break }
                    if isSpace {
                        if outCount > lineStart { pendingSpace = true }
                        i += length
                        continue
                    }
                    if pendingSpace {
                        out[outCount] = 0x20
                        outCount += 1
                        pendingSpace = false
                    }
                    if isWord {
                        if !inWord {
                            inWord = true
                            wordHash = DumpWord.offset
                            wordLength = 0
                            wordFirstUpper = DumpWord.isUpper(scalar)
                            wordFirstLetter = !DumpWord.isDigit(scalar) && scalar != 0x5F
                            startOut[wordCount] = Int32(outCount)
                        }
                        wordHash = DumpWord.mix(wordHash, DumpWord.lower(scalar))
                        wordLength += 1
                        if scalar >= 0x3040 && DumpWord.isCJK(scalar) { line.cjk += 1 }
                    } else if scalar == 0xA9 {
                        line.hasCopyright = true
                    }
                    for k in 0..<length {
                        out[outCount] = input[i + k]
                        outCount += 1
                    }
                    i += length
                    lastScalar = scalar
                }
                if outCount > lineStart {
                    line.end = outCount
                    switch lastScalar {
                    case 0x2E, 0x21, 0x3F, 0x3002, 0xFF01, 0xFF1F, 0x2026, 0x22, 0x201D, 0xBB, 0x27, 0x2019, 0x3A, 0x3B, 0x29:
                        line.terminal = true
                    default:
                        line.terminal = false
                    }
                    // Words, length and end bytes: equal texts hash equal; `sameText` settles the rest.
                    line.hash = (lineHash ^ UInt64(outCount - lineStart) ^ (UInt64(out[outCount - 1]) << 40)
                        ^ (UInt64(out[lineStart]) << 48)) &* DumpWord.prime
                    lines.append(line)
                    out[outCount] = 0x0A  // kept between lines so phrase searches can cross a wrap
                    outCount += 1
                }
            }
            }
            }
            }
        }
        bytes.removeSubrange(outCount...)
        words.removeSubrange(wordCount...)
        wordStarts.removeSubrange(wordCount...)
        self.bytes = bytes
        self.words = words
        self.wordStarts = wordStarts
        self.lines = lines
    }

    /// Hash of word `k` of the line; 0 (no word's hash) when the line has no such word.
    @inline(__always)
    func word(_ line: DumpLine, _ k: Int) -> UInt64 {
        k >= 0 && k < line.wordCount ? words[line.firstWord + k] : 0
    }

    func sameText(_ a: Int, _ b: Int) -> Bool {
        let x = lines[a], y = lines[b]
        guard x.hash == y.hash, x.byteCount == y.byteCount else { return false }
        for k in 0..<x.byteCount where bytes[x.start + k] != bytes[y.start + k] { return false }
        return true
    }

    func string(_ index: Int) -> String {
        let line = lines[index]
        return String(decoding: bytes[line.start..<line.end], as: UTF8.self)
    }

    /// Whether the line contains the ASCII byte `byte`.
    func has(_ byte: UInt8, in line: DumpLine) -> Bool {
        var i = line.start
        while i < line.end { if bytes[i] == byte { return true }; i += 1 }
        return false
    }

    func hasDigit(_ line: DumpLine) -> Bool {
        var i = line.start
        while i < line.end { if bytes[i] >= 0x30 && bytes[i] <= 0x39 { return true }; i += 1 }
        return false
    }

    func firstByte(_ line: DumpLine) -> UInt8 { bytes[line.start] }
    func lastByte(_ line: DumpLine) -> UInt8 { bytes[line.end - 1] }

    /// True when the line's words start with `phrase` (hashes of lower-cased words).
    func starts(_ line: DumpLine, with phrase: [UInt64]) -> Bool {
        guard line.wordCount >= phrase.count else { return false }
        for k in 0..<phrase.count where words[line.firstWord + k] != phrase[k] { return false }
        return true
    }

    /// True when `phrase` occurs as consecutive words anywhere in the line.
    func contains(_ line: DumpLine, _ phrase: [UInt64]) -> Bool {
        let m = phrase.count
        guard line.wordCount >= m, m > 0 else { return false }
        let first = phrase[0]
        var k = line.firstWord
        let last = line.firstWord + line.wordCount - m
        while k <= last {
            if words[k] == first {
                var ok = true
                var j = 1
                while j < m { if words[k + j] != phrase[j] { ok = false; break }; j += 1 }
                if ok { return true }
            }
            k += 1
        }
        return false
    }

    /// True when the line's last words are `phrase`.
    func ends(_ line: DumpLine, with phrase: [UInt64]) -> Bool {
        let m = phrase.count
        guard line.wordCount >= m else { return false }
        let base = line.firstWord + line.wordCount - m
        for k in 0..<m where words[base + k] != phrase[k] { return false }
        return true
    }
}
