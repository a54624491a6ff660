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
                     "日本語 テキスト", String(repeating: "word ", count: 300) + "é"]
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
