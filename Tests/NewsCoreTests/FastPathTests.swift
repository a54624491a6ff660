import Foundation
@testable import NewsCore
import Testing

/// The byte-level fast paths must give exactly what the plain code they replace gives.
struct FastPathTests {
    @Test(arguments: ["Müller", "Ærø", "Łódź", "İstanbul", "Σωκράτης", "Москва", "Son\u{2011}hui", "O\u{2019}Brien",
                      "Jose\u{301}", "ÉLYSÉE", "Straße", "Đoković"])
    func scalarFoldHashesLikeFoldKey(_ word: String) {
        var h = WordSet.seed
        var covered = true
        for scalar in word.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                let c = UInt8(v)
                h = WordSet.step(h, c >= 0x41 && c <= 0x5A ? c | 0x20 : c)
            } else if let next = ScalarFold.step(h, v) {
                h = next
            } else {
                covered = false
            }
        }
        #expect(covered)
        #expect(WordSet.finish(h) == WordSet.hash(NameCanonicalizer.foldKey(word)))
    }

    @Test func byteSearchFindsWhatFoundationFinds() {
        let texts = ["Jane Doe [mail]", "Jane Doe | Reporter", "A — B — C", "no match here", "", "Zoë Ünal – Berlin", " and "]
        for text in texts {
            for needle in [" [", " |", " — ", " – ", " and ", "Z"] {
                let ours = ByteSearch.firstRange(of: needle, in: text[...])
                let theirs = text.range(of: needle)
                #expect(ours == theirs, "\(needle) in \(text)")
            }
        }
        #expect(ByteSearch.replacingAll(" and ", with: ",", in: "A and B and C") == "A,B,C")
        #expect(ByteSearch.replacingAll(" & ", with: ",", in: "no conjunction") == "no conjunction")
        for text in ["Zoë e Ünal e ", " e  e ", "e e e", "A & B & C & "] {
            for needle in [" e ", " & "] {
                #expect(ByteSearch.replacingAll(needle, with: ",", in: text) == text.replacingOccurrences(of: needle, with: ","))
            }
        }
    }

    @Test func wordCountAgreesWithACharacterCount() {
        let texts = ["", "one", "one two  three", "Choe Son-hui met Sergei Lavrov — in Moscow.", "Ünal's 3rd café, 2024!",
                     "日本語 テキスト", String(repeating: "word ", count: 300) + "é",
                     // Every printable ASCII byte, at every offset within an eight-byte chunk,
                     // and the bytes next to the letter and digit ranges ("@[`{/:").
                     String((0..<600).map { Character(Unicode.Scalar(UInt8(0x20 + ($0 * 37) % 95))) }),
                     "a@b[c`d{e/0:9Z@@[[``{{//::a1", "12345678 abcdefgh ABCDEFGH 1a2b3c4d é ab cd"]
        for text in texts {
            var naive = 0
            var inWord = false
            for scalar in text.unicodeScalars {
                let isWord = scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                if isWord && !inWord { naive += 1 }
                inWord = isWord
            }
            #expect(Article.countWords(in: text) == naive, "\(text.prefix(30))")
        }
    }
    /// The tokenizer hashes each word's folded form as it reads it: the hash must be
    /// `WordSet.hash(foldKey(word))` (or 0, "fold it as a string", for scripts
    /// `ScalarFold` does not cover), and each line's end must be seen as the bytes say.
    @Test func tokenizerHashesTokensLikeFoldKey() {
        let text = "Mr. Choe Son-hui met U.S.A. envoy O\u{2019}Brien’s aide in Zürich.  \n\nLAVROV said 3rd G7 ÉLYSÉE café,\r\n"
            + "Straße Łódź Москва 東京 \u{0915}\u{093F} x\u{0301}y Workers' rights.\t\nN. Korea, St. Paul"
        var copy = text
        copy.withUTF8 { bytes in
            let result = EntityTokenizer.tokenize(bytes)
            #expect(result.tokens.count == result.keyHashes.count)
            #expect(result.tokens.count > 25)
            var uncovered = 0
            for (token, hash) in zip(result.tokens, result.keyHashes) {
                let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[token.start..<token.end]), as: UTF8.self)
                if hash == 0 { uncovered += 1; continue }
                #expect(hash == WordSet.hash(NameCanonicalizer.foldKey(word)), "\(word)")
            }
            #expect(uncovered >= 1 && uncovered <= 3)  // 東京 and the Devanagari word
            let lines = Array(text.utf8).split(separator: 0x0A, omittingEmptySubsequences: false)
            #expect(result.endsWithStop == lines.map { line in
                line.last(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) == UInt8(ascii: ".")
            })
            #expect(result.endsWithStop == [true, false, false, true, false])
        }
    }

    /// The tokenizer's inline path for plain ASCII words must read what `readWord` reads,
    /// and leave the words it cannot read (digits, apostrophes, full stops, other
    /// scripts after the letters) to it.
    @Test func plainWordReadsLikeReadWord() {
        let text = "Plain words, NATO and UN; Mr. U.S. O'Brien Choe's workers' G7 3rd Zürich naïve Ab-cd x\u{2019}s eNd"
        var copy = text
        copy.withUTF8 { bytes in
            var plain = 0
            var general = 0
            for start in bytes.indices where EntityTokenizer.isASCIIAlnum(bytes[start]) {
                let (token, hash) = EntityTokenizer.readWord(bytes, from: start, line: 3)
                guard let (fast, fastHash) = EntityTokenizer.plainWord(bytes, from: start, line: 3) else { general += 1; continue }
                plain += 1
                #expect(fast.start == token.start && fast.end == token.end && fast.line == token.line)
                #expect(fast.flags.rawValue == token.flags.rawValue, "at \(start)")
                #expect(fastHash == hash)
            }
            #expect(plain > 40 && general > 15)
        }
    }

    @Test func letterCaseFastRangesAgreeWithTheGeneralSwitch() {
        for v in UInt32(0)..<0x600 {
            guard let scalar = Unicode.Scalar(v) else { continue }
            #expect(EntityTokenizer.letterCase(scalar) == EntityTokenizer.generalLetterCase(scalar), "U+\(String(v, radix: 16))")
        }
    }

    /// Comment markers are found on word hashes first; the answers must stay those of
    /// the word-by-word test.
    @Test(arguments: [
        ("Reply Permalink", true), ("12 Comments", true), ("Read all 3 comments below", true),
        ("Comments are closed", true), ("Comment on this story", false), ("A comment from 3 readers", false),
        ("March 12, 2024 at 9:14 am", true), ("Posted at the office at 12:30 today", false),
        ("Jane Doe says:", true), ("The minister says the plan works", false), ("", false),
    ])
    func commentMarkersAreFoundAsBefore(_ text: String, _ expected: Bool) {
        let document = DumpDocument(text)
        let found = document.lines.first.map { DumpBody.isCommentMarker($0, in: document) } ?? false
        #expect(found == expected)
    }

    /// The first-word filter must let every phrase through, wherever it sits in a line.
    @Test func phraseFilterLetsEveryPhraseThrough() {
        let lists = ["customer service", "all rights reserved", "donate", "your support", "tous droits réservés", "todos los derechos"]
        for phrase in lists {
            for text in [phrase, "Please read this: " + phrase, phrase.uppercased() + " today and tomorrow"] {
                let document = DumpDocument(text)
                let line = document.lines[0]
                let found = DumpVocabulary.chromePhrases.occurs(in: line, of: document)
                    || DumpVocabulary.fundPhrases.occurs(in: line, of: document)
                #expect(found, "\(text)")
            }
        }
        let plain = DumpDocument("The service was good and the support team replied within a day")
        #expect(!DumpVocabulary.chromePhrases.occurs(in: plain.lines[0], of: plain))
        #expect(!DumpVocabulary.fundPhrases.occurs(in: plain.lines[0], of: plain))
    }

    @Test func repeatedLinesAreFoundByTheirBytes() {
        let document = DumpDocument("Photo: Jane Doe / Agency\nBody text here.\n  Photo:   Jane Doe / Agency \nPhoto: Jane Doe / Agencz")
        #expect(document.sameText(0, 2))
        #expect(!document.sameText(0, 1))
        #expect(!document.sameText(0, 3))
    }

    @Test(arguments: [("a\n\nb", "a"), ("abc", "abc"), ("x\ny\n\nz\n\nw", "x\ny"), ("Zoë’s\n\n", "Zoë’s"), ("", ""),
                      ("\n\nfoo", ""), ("one\ntwo\n", "one\ntwo\n")])
    func leadEndsAtTheFirstBlankLine(_ text: String, _ lead: String) {
        #expect(Paragraphs.lead(of: text) == lead)
    }

    /// Page dumps that exercise every branch of the line scanner: ASCII and other scripts
    /// inside one word, Unicode spaces and line separators, CR/LF, punctuation at the ends,
    /// stopwords, CJK, a copyright sign, long words and leading/trailing blanks.
    static let dumpSamples = [
        "", "\n\n", "   \t  ", "One", "The cat sat on the mat.\r\nSecond  line\there \u{A0}and\u{2009}more",
        "  Café Müller’s «Straße» — déjà vu…  \n\u{2028}Москва и Київ!\u{2029}ΑΘΗΝΑ Ω\u{FEFF}word",
        "北京欢迎你。東京タワー 서울 (Seoul)\n© 2024 News_Corp Ltd 12345 a_b 3rd",
        "x\u{0301}y \u{1F600}emoji\u{1F600} ½ µ ª º × ÷ \u{3000}ideographic\u{3000}space",
        String(repeating: "Supercalifragilistic ", count: 3) + "extraordinarily-long-hyphenated-word.",
        "trailing space \n\n\nafter blanks\r\rCR only\u{0B}vt\u{0C}ff end\"",
    ]

    @Test(arguments: dumpSamples)
    func lineScannerMeasuresLikeAPlainScalarLoop(_ text: String) {
        let document = DumpDocument(text)
        let reference = PlainDumpScan(text)
        #expect(document.bytes == reference.bytes)
        #expect(document.words == reference.words)
        #expect(document.wordStarts == reference.wordStarts)
        #expect(document.lines.count == reference.lines.count)
        for (ours, theirs) in zip(document.lines, reference.lines) {
            #expect(ours.start == theirs.start && ours.end == theirs.end)
            #expect(ours.firstWord == theirs.firstWord && ours.wordCount == theirs.wordCount)
            #expect(ours.cjk == theirs.cjk && ours.stopwords == theirs.stopwords)
            #expect(ours.alphaWords == theirs.alphaWords && ours.capitalized == theirs.capitalized)
            #expect(ours.terminal == theirs.terminal && ours.hasCopyright == theirs.hasCopyright)
            #expect(ours.hash == theirs.hash)
        }
    }
}

/// `DumpDocument`'s measurements the slow, obvious way: scalar by scalar over the string.
private struct PlainDumpScan {
    var bytes: [UInt8] = []
    var words: [UInt64] = []
    var wordStarts: [Int32] = []
    var lines: [DumpLine] = []

    init(_ text: String) {
        let separators: Set<UInt32> = [0x0A, 0x0D, 0x2028, 0x2029]
        let spaces: Set<UInt32> = Set([0x20, 0x09, 0x0B, 0x0C, 0xA0, 0x202F, 0x205F, 0x3000, 0xFEFF]).union(0x2000...0x200B)
        var physical: [[Unicode.Scalar]] = [[]]
        for scalar in text.unicodeScalars {
            if separators.contains(scalar.value) { physical.append([]) } else { physical[physical.count - 1].append(scalar) }
        }
        for scalars in physical {
            // Trim, fold inner whitespace runs to one space.
            var folded: [Unicode.Scalar] = []
            var pending = false
            for scalar in scalars {
                if spaces.contains(scalar.value) { pending = !folded.isEmpty; continue }
                if pending { folded.append(" "); pending = false }
                folded.append(scalar)
            }
            guard !folded.isEmpty else { continue }
            let start = bytes.count
            var line = DumpLine(start: start, end: start, firstWord: words.count, wordCount: 0, cjk: 0, stopwords: 0,
                                alphaWords: 0, capitalized: 0, terminal: false, hasCopyright: false, hash: 0)
            var lineHash = DumpWord.offset
            var k = 0
            while k < folded.count {
                let v = folded[k].value
                guard DumpWord.isWordScalar(v), !spaces.contains(v) else {
                    if v == 0xA9 { line.hasCopyright = true }
                    bytes.append(contentsOf: String(folded[k]).utf8)
                    k += 1
                    continue
                }
                wordStarts.append(Int32(bytes.count))
                var hash = DumpWord.offset
                var length = 0
                let first = v
                while k < folded.count, DumpWord.isWordScalar(folded[k].value), !spaces.contains(folded[k].value) {
                    let s = folded[k].value
                    hash = DumpWord.mix(hash, DumpWord.lower(s))
                    if DumpWord.isCJK(s) { line.cjk += 1 }
                    bytes.append(contentsOf: String(folded[k]).utf8)
                    length += 1
                    k += 1
                }
                words.append(hash)
                line.wordCount += 1
                if !DumpWord.isDigit(first) && first != 0x5F {
                    line.alphaWords += 1
                    if DumpWord.isUpper(first) { line.capitalized += 1 }
                }
                if length <= 14 && DumpVocabulary.stopwords.contains(hash) { line.stopwords += 1 }
                lineHash = (lineHash ^ hash) &* DumpWord.prime
            }
            line.end = bytes.count
            let terminals: Set<UInt32> = [0x2E, 0x21, 0x3F, 0x3002, 0xFF01, 0xFF1F, 0x2026, 0x22, 0x201D, 0xBB, 0x27, 0x2019, 0x3A, 0x3B, 0x29]
            line.terminal = terminals.contains(folded[folded.count - 1].value)
            line.hash = (lineHash ^ UInt64(line.end - start) ^ (UInt64(bytes[line.end - 1]) << 40) ^ (UInt64(bytes[start]) << 48)) &* DumpWord.prime
            lines.append(line)
            bytes.append(0x0A)
        }
    }
}

/// Byte-level fast paths of the HTML metadata equal the Character-level code they skip.
struct HTMLMetadataFastPathTests {
    @Test func asciiNameCheckAgreesWithTheCharacterCheck() {
        let pieces = ["Jane", "Doe", "jane", "O'Neil", "Anne-Marie", "Staff", "writer", "(required)", "http", "HTTPS://x",
                      "www.site", "a@b", "x/y", "2024", "J. R.", " ", "  ", "\r\n", "\t", "_", "!", "$", "+", "Name", "by", ""]
        var state: UInt64 = 99
        var checked = 0
        for _ in 0..<5000 {
            var parts: [String] = []
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            var bits = state
            for _ in 0..<(1 + Int(bits % 9)) {
                bits = bits >> 5 | bits << 59
                parts.append(pieces[Int(bits % UInt64(pieces.count))])
            }
            let name = parts.joined(separator: bits & 1 == 0 ? " " : "")
            if let fast = HTMLMetadata.isPlausibleASCIIName(name) {
                #expect(fast == HTMLMetadata.isPlausibleNameOnCharacters(name), "\(name.debugDescription)")
                checked += 1
            }
        }
        #expect(checked > 3000)
        #expect(HTMLMetadata.isPlausibleASCIIName("Zoë Ball") == nil)
        #expect(HTMLMetadata.isPlausibleName("Jane Doe"))
        #expect(!HTMLMetadata.isPlausibleName("Staff Writer"))
    }
}
