import Foundation

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
        let capacity = source.utf8.count + 16
        // Sized for the worst case (one-letter words) but not zero-filled: the pages
        // no word reaches are never touched, so they cost address space, not memory
        // (a 50 MB single line: 300 MB less resident). Every slot read was written.
        var words = [UInt64](uninitializedCount: capacity / 2 + 1)
        var wordStarts = [Int32](uninitializedCount: capacity / 2 + 1)
        var bytes = [UInt8](uninitializedCount: capacity)
        var lines: [DumpLine] = []
        let (outCount, wordCount) = source.withUTF8 { input in
            lines.reserveCapacity(input.count / 40 + 1)
            return bytes.withUnsafeMutableBufferPointer { out in
                words.withUnsafeMutableBufferPointer { wordOut in
                    wordStarts.withUnsafeMutableBufferPointer { startOut in
                        DumpScanner.scan(input, out: out.baseAddress!, words: wordOut.baseAddress!,
                                         wordStarts: startOut.baseAddress!, lines: &lines)
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
        // Repeated lines are compared whole (every repeat is): memcmp, not a checked
        // subscript per byte.
        return bytes.withUnsafeBufferPointer { p in
            memcmp(p.baseAddress! + x.start, p.baseAddress! + y.start, x.byteCount) == 0
        }
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

    /// True when the word (hash) occurs in the line.
    func contains(_ line: DumpLine, word: UInt64) -> Bool {
        var k = line.firstWord
        let end = line.firstWord + line.wordCount
        while k < end {
            if words[k] == word { return true }
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
