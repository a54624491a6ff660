/// ISO 639-1 language of a text, from its first few kilobytes.
///
/// Scripts decide first: Hangul → ko; kana (with or without kanji) → ja; Han without
/// kana → zh; Cyrillic → uk when Ukrainian-only letters (і ї є ґ) outnumber
/// Russian-only ones (ы э ъ ё), else ru; Arabic script → fa with Persian-only letters,
/// else ar; Greek → el; Hebrew → he; Thai → th; Devanagari → hi. Latin script is told
/// apart by counting very frequent function words of each language
/// (`LanguageProfiles`) plus a few letters that only some languages use (ß, ñ, ã, ł,
/// ğ, …). Returns nil when fewer than `minimumLetters` letters (a CJK character counts
/// as three), or for Latin text when too few function words are recognised to tell.
public enum LanguageDetector {
    /// Bytes read from the start of the text.
    public static let sampleBytes = 3072
    /// Fewer letters than this: nil.
    public static let minimumLetters = 40
    /// Latin-script text needs this many function-word hits for the winner.
    public static let minimumLatinHits = 3

    public static func detect(_ text: String) -> String? {
        var text = text
        return text.withUTF8 { buffer in
            detect(bytes: UnsafeBufferPointer(rebasing: buffer.prefix(sampleBytes)))
        }
    }

    private struct ScriptCounts {
        var latin = 0, cyrillic = 0, hangul = 0, kana = 0, han = 0, arabic = 0
        var greek = 0, hebrew = 0, thai = 0, devanagari = 0
        var ukrainianOnly = 0, russianOnly = 0, persianOnly = 0
        var letters: Int { latin + cyrillic + hangul + kana + han + arabic + greek + hebrew + thai + devanagari }
    }

    static func detect(bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var counts = ScriptCounts()
        let profiles = LanguageProfiles.shared
        var hits = [Int](repeating: 0, count: LanguageProfiles.languages.count)
        var hash: UInt64 = LanguageProfiles.hashSeed
        var wordLength = 0
        var wordIsLatin = true

        func endWord() {
            if wordLength > 0 && wordLength <= 12 && wordIsLatin, let mask = profiles.words[hash] {
                var bits = mask
                while bits != 0 {
                    let language = bits.trailingZeroBitCount
                    hits[language] += 1
                    bits &= bits - 1
                }
            }
            hash = LanguageProfiles.hashSeed
            wordLength = 0
            wordIsLatin = true
        }

        let n = bytes.count
        var i = 0
        while i < n {
            let c = bytes[i]
            if c < 0x80 {
                if (c | 0x20) &- 0x61 < 26 {
                    // A run of ASCII letters in one tight loop: the counters (kept in
                    // memory across the scalar switch below) are updated once per run.
                    var h = LanguageProfiles.step(hash, c | 0x20)
                    var k = i &+ 1
                    while k < n {
                        let b = bytes[k]
                        guard (b | 0x20) &- 0x61 < 26 else { break }
                        h = LanguageProfiles.step(h, b | 0x20)
                        k &+= 1
                    }
                    counts.latin += k - i
                    wordLength += k - i
                    hash = h
                    i = k
                    continue
                } else if c == UInt8(ascii: "'") && wordLength > 0 {
                    hash = LanguageProfiles.step(hash, c)
                    wordLength += 1
                } else {
                    endWord()
                }
                i += 1
                continue
            }
            // Multi-byte scalar; a truncated one at the end of the sample is dropped.
            let length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2
            guard i + length <= n else { break }
            var value = UInt32(c) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
            for k in 1..<length { value = (value << 6) | (UInt32(bytes[i + k]) & 0x3F) }
            i += length
            switch value {
            case 0x00C0...0x024F:
                guard value != 0xD7 && value != 0xF7 else { endWord(); continue }
                counts.latin += 1
                // Lower-case Latin-1 capitals (À–Þ) so "É" hashes like "é".
                let lowered = (0xC0...0xDE).contains(value) ? value + 0x20 : value
                hash = LanguageProfiles.step(hash, UInt8(0xC0 | (lowered >> 6)))
                hash = LanguageProfiles.step(hash, UInt8(0x80 | (lowered & 0x3F)))
                wordLength += 1
                profiles.letterBonus(lowered, into: &hits)
            case 0x0400...0x04FF:
                counts.cyrillic += 1
                switch value {
                case 0x0456, 0x0457, 0x0454, 0x0491, 0x0406, 0x0407, 0x0404, 0x0490: counts.ukrainianOnly += 1
                case 0x044B, 0x044D, 0x044A, 0x0451, 0x042B, 0x042D, 0x0401: counts.russianOnly += 1
                default: break
                }
                wordIsLatin = false
                wordLength += 1
            case 0x1100...0x11FF, 0x3130...0x318F, 0xAC00...0xD7AF:
                counts.hangul += 1
                endWord()
            case 0x3040...0x30FF, 0x31F0...0x31FF, 0xFF66...0xFF9F:
                counts.kana += 1
                endWord()
            case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0xF900...0xFAFF:
                counts.han += 1
                endWord()
            case 0x0600...0x06FF, 0x0750...0x077F, 0xFB50...0xFDFF, 0xFE70...0xFEFF:
                counts.arabic += 1
                if value == 0x067E || value == 0x0686 || value == 0x0698 || value == 0x06AF || value == 0x06CC { counts.persianOnly += 1 }
                endWord()
            case 0x0370...0x03FF, 0x1F00...0x1FFF:
                counts.greek += 1
                endWord()
            case 0x0590...0x05FF:
                counts.hebrew += 1
                endWord()
            case 0x0E00...0x0E7F:
                counts.thai += 1
                endWord()
            case 0x0900...0x097F:
                counts.devanagari += 1
                endWord()
            case 0x0300...0x036F:
                continue  // combining mark: part of the word
            case 0x2019:
                if wordLength > 0 { hash = LanguageProfiles.step(hash, UInt8(ascii: "'")); wordLength += 1 } else { endWord() }
            default:
                endWord()
            }
        }
        endWord()

        // CJK scripts carry more information per character than alphabets: weigh them.
        let cjk = (counts.hangul + counts.kana + counts.han) * 3
        guard counts.letters - (counts.hangul + counts.kana + counts.han) + cjk >= minimumLetters else { return nil }
        let scripts: [(String, Int)] = [
            ("latin", counts.latin), ("cyrillic", counts.cyrillic), ("cjk", cjk), ("arabic", counts.arabic),
            ("el", counts.greek), ("he", counts.hebrew), ("th", counts.thai), ("hi", counts.devanagari),
        ]
        let dominant = scripts.max { $0.1 < $1.1 }!.0
        switch dominant {
        case "cjk":
            if counts.hangul > counts.kana + counts.han { return "ko" }
            if counts.kana * 20 >= counts.han || counts.kana >= 20 { return "ja" }
            return "zh"
        case "cyrillic":
            return counts.ukrainianOnly > counts.russianOnly ? "uk" : "ru"
        case "arabic":
            return counts.persianOnly * 10 > counts.arabic ? "fa" : "ar"
        case "latin":
            var best = -1
            var bestHits = 0
            for (language, count) in hits.enumerated() where count > bestHits {
                best = language
                bestHits = count
            }
            guard best >= 0, bestHits >= minimumLatinHits else { return nil }
            return LanguageProfiles.languages[best]
        default:
            return dominant
        }
    }
}
