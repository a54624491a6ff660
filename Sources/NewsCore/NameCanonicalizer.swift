import Foundation

/// The global normal form of names: the same person spelled "Sergei Lavrov",
/// "Sergi Lavrov" or "SERGEY LAVROV" gets one canonical name in every article, so
/// search and story grouping can compare names across articles.
///
/// Rules, in order:
/// 1. Diacritics are folded ("José" → "Jose"), typographic apostrophes become `'`.
/// 2. Korean-order names (a Korean family name followed by a given name) have their
///    hyphenated given name split into syllables: "Choe Son-hui" → "Choe Son Hui",
///    "Kim Jong-un" → "Kim Jong Un".
/// 3. Words written all in lower or all in upper case are title-cased ("hui" → "Hui",
///    "LAVROV" → "Lavrov"); mixed case is kept ("McDonald"); name particles after the
///    first word stay lower case ("Ludwig van Beethoven").
/// 4. Russian given names are mapped to one transliteration, BGN/PCGN-style with "y"
///    where English spellings vary ("Sergei"/"Sergi"/"Serguei" → "Sergey",
///    "Dmitri" → "Dmitry", "Yuri" → "Yury"), with "Alexander"/"Alexey" for
///    Александр/Алексей; common Arabic spellings of Muhammad become "Mohammed".
/// 5. Slavic surname endings "-skiy", "-skii", "-skij", "-skyy", "-skyi" become "-sky".
enum NameCanonicalizer {
    /// Variant spelling (folded, lower case) → canonical given name.
    static let givenNameVariants: [String: String] = {
        let table = """
        Sergey|sergei|sergi|serguei|sergej|sergeii
        Alexander|aleksandr|alexandr|aleksander
        Alexey|alexei|aleksei|aleksey|alexej|aleksej
        Dmitry|dmitri|dmitriy|dmitrij
        Yury|yuri|yuriy|iouri|jurij
        Andrey|andrei|andrej
        Nikolay|nikolai|nikolaj
        Mikhail|michail|mikhael
        Yevgeny|evgeny|evgeni|evgenii|yevgeni|yevgeniy|evgeniy|jevgenij
        Vasily|vasili|vasiliy|vassily|vassili
        Anatoly|anatoli|anatoliy|anatolii
        Valery|valeri|valeriy|valerii
        Gennady|gennadi|gennadiy|gennadii
        Georgy|georgi|georgiy|georgii
        Grigory|grigori|grigoriy|grigorii
        Vitaly|vitali|vitaliy|vitalii
        Arkady|arkadi|arkadiy|arkadii
        Vyacheslav|viacheslav|vjaceslav
        Matvey|matvei
        Timofey|timofei
        Pyotr|petr|pjotr
        Fyodor|fedor|fiodor|fjodor
        Yegor|egor
        Artyom|artem|artiom|artjom
        Semyon|semen|semion
        Maxim|maksim
        Natalya|natalia|natalja
        Tatyana|tatiana|tatjana
        Yulia|yuliya|iulia
        Yelena|jelena
        Yekaterina|ekaterina|jekaterina
        Darya|daria
        Anastasia|anastasiya
        Kseniya|ksenia
        Lyudmila|ludmila|liudmila
        Mohammed|muhammad|mohammad|mohamed|muhammed|mohamad|mohammed
        """
        var map: [String: String] = [:]
        for line in table.split(separator: "\n") {
            let parts = line.split(separator: "|", omittingEmptySubsequences: true).map(String.init)
            guard let canonical = parts.first else { continue }
            for variant in parts.dropFirst() { map[variant] = canonical }
        }
        return map
    }()

    /// Canonical form of a person's name typed by a user or written in an article.
    static func canonicalPerson(_ name: String) -> String {
        canonicalPerson(words: name.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init))
    }

    /// Canonical form of a person's name given as words; a word may hold a hyphen
    /// ("Son-hui").
    static func canonicalPerson(words rawWords: [String]) -> String {
        var words: [String] = []
        words.reserveCapacity(rawWords.count + 2)
        for raw in rawWords {
            var word = foldDiacritics(raw)
            if word.hasSuffix("'s") || word.hasSuffix("'S") { word.removeLast(2) }
            if word.isEmpty { continue }
            words.append(word)
        }
        guard !words.isEmpty else { return "" }

        // Korean-order names: split hyphenated given names into syllables.
        if words.count >= 2, EntityLexicon.koreanSurnames.contains(words[0].lowercased()),
           words.count <= 3 {
            var split: [String] = [words[0]]
            for word in words.dropFirst() {
                let parts = word.split(separator: "-").map(String.init)
                if parts.count == 2, parts.allSatisfy({ $0.count <= 7 && $0.allSatisfy(\.isLetter) }) {
                    split.append(contentsOf: parts)
                } else {
                    split.append(word)
                }
            }
            words = split
        }

        for index in words.indices {
            words[index] = normaliseCase(words[index], isFirst: index == 0)
        }

        if words.count >= 2, let canonical = givenNameVariants[words[0].lowercased()] {
            words[0] = canonical
        }
        if words.count >= 2 {
            words[words.count - 1] = normaliseSurnameEnding(words[words.count - 1])
        }
        return words.joined(separator: " ")
    }

    /// The word other mentions use alone: the family name. Korean- and Chinese-order
    /// names put it first ("Choe" of "Choe Son Hui"), others last ("Lavrov").
    static func surnameKey(ofCanonical canonical: String) -> String {
        let words = canonical.split(separator: " ")
        guard let last = words.last, let first = words.first else { return "" }
        if isFamilyNameFirst(words.map(String.init)) { return first.lowercased() }
        return last.lowercased()
    }

    /// Key of a lone word to compare with `surnameKey(ofCanonical:)`.
    static func surnameKey(ofWord word: String) -> String {
        normaliseSurnameEnding(foldDiacritics(word)).lowercased()
    }

    /// Whether canonical words are in family-name-first order.
    static func isFamilyNameFirst(_ words: [String]) -> Bool {
        guard words.count >= 2 else { return false }
        let first = words[0].lowercased()
        if words.count == 3, EntityLexicon.koreanSurnames.contains(first),
           words.dropFirst().allSatisfy({ $0.count <= 6 }) {
            return true
        }
        if words.count == 2, EntityLexicon.chineseSurnames.contains(first) || EntityLexicon.koreanSurnames.contains(first),
           !EntityLexicon.firstNames.contains(first), !EntityLexicon.firstNames.contains(words[1].lowercased()) {
            return true
        }
        return false
    }

    /// Title-cases words written all in lower or upper case; keeps mixed case.
    static func normaliseCase(_ word: String, isFirst: Bool) -> String {
        if !isFirst, EntityLexicon.nameParticles.contains(word.lowercased()) { return word.lowercased() }
        var hasUpper = false
        var hasLower = false
        for scalar in word.unicodeScalars {
            switch EntityTokenizer.letterCase(scalar) {
            case .upper: hasUpper = true
            case .lower: hasLower = true
            default: break
            }
        }
        if hasUpper && hasLower {
            // "JoongAng", "McDonald": keep, but the first letter is upper case, and so is
            // that of a lower-case part after a hyphen ("Pierre-luc" → "Pierre-Luc"; short
            // particles such as "al-" stay).
            var parts = [word]
            if word.utf8.contains(UInt8(ascii: "-")) {  // most names have one part: no split
                parts = word.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
                for index in parts.indices where index > 0 && parts[index].count > 2 && parts[index] == parts[index].lowercased() {
                    parts[index] = parts[index].prefix(1).uppercased() + parts[index].dropFirst()
                }
            }
            let joined = parts.count == 1 ? parts[0] : parts.joined(separator: "-")
            guard let first = joined.first, first.isLowercase, isFirst || !EntityLexicon.nameParticles.contains(parts[0].lowercased()) else { return joined }
            return first.uppercased() + joined.dropFirst()
        }
        // All one case: title-case each hyphen part ("jean-pierre" → "Jean-Pierre").
        let lower = word.lowercased()
        var out = ""
        out.reserveCapacity(lower.utf8.count)
        var startOfPart = true
        for character in lower {
            if startOfPart && character.isLetter {
                out += character.uppercased()
                startOfPart = false
            } else {
                out.append(character)
                if character == "-" || character == "'" { startOfPart = true }
            }
        }
        return out
    }

    static func normaliseSurnameEnding(_ word: String) -> String {
        let lower = word.lowercased()
        for ending in ["skiy", "skii", "skij", "skyy", "skyi"] where lower.hasSuffix(ending) && lower.count > ending.count + 2 {
            return String(word.dropLast(ending.count)) + "sky"
        }
        return word
    }

    /// Removes diacritics and normalises apostrophes; keeps case. ASCII is returned as is.
    static func foldDiacritics(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
        // Only Latin letters with diacritics and typographic apostrophes/hyphens change.
        let needsFolding = text.unicodeScalars.contains { scalar in
            switch scalar.value {
            case 0xC0...0x24F, 0x1E00...0x1EFF, 0x2018, 0x2019, 0x02BC, 0x0060, 0x00B4, 0x2010, 0x2011, 0x0300...0x036F: return true
            default: return false
            }
        }
        if !needsFolding { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.value {
            case 0x0300...0x036F: continue  // combining diacritical marks
            case 0x2018, 0x2019, 0x02BC, 0x0060, 0x00B4: out.append("'")
            case 0x2010, 0x2011: out.append("-")
            case 0x00DF: out.append("s"); out.append("s")
            case 0x00F8: out.append("o")
            case 0x00D8: out.append("O")
            case 0x0142: out.append("l")
            case 0x0141: out.append("L")
            case 0x0111: out.append("d")
            case 0x0110: out.append("D")
            case 0x0131: out.append("i")
            case 0x00E6: out.append("a"); out.append("e")
            case 0x00C6: out.append("A"); out.append("E")
            case 0x0153: out.append("o"); out.append("e")
            case 0x0152: out.append("O"); out.append("E")
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// Lower case, diacritics folded: the key for dictionary look-ups.
    static func foldKey(_ text: String) -> String {
        foldDiacritics(text).lowercased()
    }
}
