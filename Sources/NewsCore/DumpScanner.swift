/// The one pass over a page dump's UTF-8 bytes behind `DumpDocument`: splits lines,
/// trims and folds whitespace, hashes and measures words.
///
/// Static, on raw pointers, with every counter a local: as a closure inside
/// `DumpDocument.init` the counters it shared with the enclosing function were boxed,
/// and every byte paid loads and stores to memory. The loop is shaped after the text:
/// a run of ASCII word bytes (most of any page) costs a table look-up, a hash step and
/// a store per byte; a single space between words costs one test.
enum DumpScanner {
    /// Writes the normalised lines to `out` (each followed by "\n"), the words' hashes to
    /// `words` and their start offsets (into `out`) to `wordStarts`, appends the lines.
    /// `out` needs `input.count + 1` bytes, `words` and `wordStarts` `input.count / 2 + 1`
    /// slots. Returns the bytes and words written.
    static func scan(_ input: UnsafeBufferPointer<UInt8>, out: UnsafeMutablePointer<UInt8>,
                     words: UnsafeMutablePointer<UInt64>, wordStarts: UnsafeMutablePointer<Int32>,
                     lines: inout [DumpLine]) -> (bytes: Int, words: Int) {
        guard let p = input.baseAddress, input.count > 0 else { return (0, 0) }
        let n = input.count
        let table = DumpWord.asciiWordLower
        let stopwords = DumpVocabulary.stopwords
        let prime = DumpWord.prime
        // Runs of ASCII word bytes that start before this index end before the input does.
        var lastStop = n - 1
        while lastStop >= 0 && table[Int(p[lastStop])] != 0 { lastStop -= 1 }
        let runsEndBefore = lastStop + 1
        var i = 0
        var o = 0
        var wc = 0
        while i < n {
            // One physical line: up to \n, \r, U+2028 or U+2029.
            let lineStart = o
            let firstWord = wc
            var cjk = 0, stop = 0, alpha = 0, caps = 0
            var copyright = false
            var lineHash = DumpWord.offset
            var pendingSpace = false
            scan: while i < n {
                let c = p[i]
                var firstUpper = false
                var firstLetter = false
                if table[Int(c)] != 0 {
                    firstUpper = c &- 0x41 < 26
                    firstLetter = c &- 0x30 >= 10 && c != 0x5F
                } else if c < 0x80 {
                    if c == 0x20 || c == 0x09 || c == 0x0B || c == 0x0C {
                        // Leading spaces are dropped, inner runs become one.
                        pendingSpace = o > lineStart
                        i += 1
                        continue
                    }
                    if c == 0x0A || c == 0x0D { i += 1; break scan }
                    // ASCII punctuation.
                    if pendingSpace { out[o] = 0x20; o += 1; pendingSpace = false }
                    out[o] = c
                    o += 1
                    i += 1
                    continue
                } else {
                    let (s, length) = dumpDecodeScalar(input, i, n)
                    if s == 0x2028 || s == 0x2029 { i += length; break scan }
                    if DumpWord.isSpace(s) {
                        pendingSpace = o > lineStart
                        i += length
                        continue
                    }
                    if !DumpWord.isWordScalar(s) {
                        if pendingSpace { out[o] = 0x20; o += 1; pendingSpace = false }
                        if s == 0xA9 { copyright = true }
                        for k in 0..<length { out[o + k] = p[i + k] }
                        o += length
                        i += length
                        continue
                    }
                    firstUpper = DumpWord.isUpper(s)
                    firstLetter = !DumpWord.isDigit(s) && s != 0x5F
                }
                // A word starts at `i`.
                if pendingSpace { out[o] = 0x20; o += 1; pendingSpace = false }
                wordRun: while true {
                    wordStarts[wc] = Int32(truncatingIfNeeded: o)
                    var h = DumpWord.offset
                    var length = 0
                    while true {
                        // A run of ASCII letters, digits and underscores.
                        let runStart = i
                        let shift = o &- i
                        if i < runsEndBefore {
                            // A byte that ends the run comes before the end: no bound test.
                            while true {
                                let b = p[i]
                                let t = table[Int(b)]
                                if t == 0 { break }
                                h = (h ^ UInt64(t)) &* prime
                                out[i &+ shift] = b
                                i &+= 1
                            }
                        } else {
                            while i < n {
                                let b = p[i]
                                let t = table[Int(b)]
                                if t == 0 { break }
                                h = (h ^ UInt64(t)) &* prime
                                out[i &+ shift] = b
                                i &+= 1
                            }
                        }
                        if i > runStart {
                            length &+= i &- runStart
                            o = i &+ shift
                        }
                        guard i < n, p[i] >= 0x80 else { break }
                        // Other scripts, one scalar at a time.
                        let (s, scalarLength) = dumpDecodeScalar(input, i, n)
                        guard DumpWord.isWordScalar(s), !DumpWord.isSpace(s) else { break }
                        h = DumpWord.mix(h, DumpWord.lower(s))
                        length &+= 1
                        if s >= 0x3040 && DumpWord.isCJK(s) { cjk &+= 1 }
                        for k in 0..<scalarLength { out[o &+ k] = p[i &+ k] }
                        o &+= scalarLength
                        i &+= scalarLength
                    }
                    words[wc] = h
                    wc &+= 1
                    if firstLetter {
                        alpha &+= 1
                        if firstUpper { caps &+= 1 }
                    }
                    if length <= 14 && stopwords.contains(h) { stop &+= 1 }
                    lineHash = (lineHash ^ h) &* prime
                    // Most words are followed by one space and another word: go straight on
                    // (what the loop above does for them, without its tests).
                    guard i &+ 1 < n, p[i] == 0x20 else { break wordRun }
                    let next = p[i &+ 1]
                    guard table[Int(next)] != 0 else { break wordRun }
                    out[o] = 0x20
                    o &+= 1
                    i &+= 1
                    firstUpper = next &- 0x41 < 26
                    firstLetter = next &- 0x30 >= 10 && next != 0x5F
                }
            }
            guard o > lineStart else { continue }
            let terminal: Bool
            // Spaces are written only between other scalars, so the line's last scalar
            // (the one that decides whether it ends like a sentence) ends its bytes.
            switch lastScalar(out, before: o) {
            case 0x2E, 0x21, 0x3F, 0x3002, 0xFF01, 0xFF1F, 0x2026, 0x22, 0x201D, 0xBB, 0x27, 0x2019, 0x3A, 0x3B, 0x29:
                terminal = true
            default:
                terminal = false
            }
            // Words, length and end bytes: equal texts hash equal; `sameText` settles the rest.
            let hash = (lineHash ^ UInt64(o - lineStart) ^ (UInt64(out[o - 1]) << 40) ^ (UInt64(out[lineStart]) << 48)) &* prime
            lines.append(DumpLine(start: lineStart, end: o, firstWord: firstWord, wordCount: wc - firstWord, cjk: cjk,
                                  stopwords: stop, alphaWords: alpha, capitalized: caps, terminal: terminal,
                                  hasCopyright: copyright, hash: hash))
            out[o] = 0x0A  // kept between lines so phrase searches can cross a wrap
            o += 1
        }
        return (o, wc)
    }

    /// The scalar whose UTF-8 ends just before `end` (valid UTF-8, `end` > 0).
    @inline(__always)
    static func lastScalar(_ bytes: UnsafeMutablePointer<UInt8>, before end: Int) -> UInt32 {
        let byte = bytes[end - 1]
        if byte < 0x80 { return UInt32(byte) }
        var start = end - 1
        while start > 0 && bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return dumpDecodeScalar(UnsafeBufferPointer(start: bytes + start, count: end - start), 0, end - start).0
    }
}
