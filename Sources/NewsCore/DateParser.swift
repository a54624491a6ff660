/// Finds the first calendar date written in a piece of text and returns it as an ISO
/// date (`2024-10-30`).
///
/// Understands numeric forms (`2024-10-30`, `2024.10.30`, `2024/10/30`, `30.10.2024`,
/// `10/30/2024`), month names with and without abbreviation in English, German, French,
/// Spanish, Italian, Portuguese and Russian (`Oct. 30, 2024`, `October 30th 2024`,
/// `30 October 2024`, `30. Oktober 2024`, `30 de outubro de 2024`), and the CJK
/// `2024年10月30日` / `2024년 10월 30일`. Only complete dates count: a date without a year,
/// or a relative one ("on Monday", "yesterday", "2 hours ago"), gives nil — never a guess.
public enum DateParser {
    public static func parse(_ text: String) -> String? {
        let tokens = tokenize(text)
        var i = 0
        while i < tokens.count {
            if let date = match(tokens, at: i) { return date }
            i += 1
        }
        return nil
    }

    // MARK: - Tokens

    enum Token: Equatable {
        case number(Int, digits: Int)
        case word(String)
        case mark(UnicodeScalar)
    }

    static func tokenize(_ text: String) -> [Token] {
        var tokens: [Token] = []
        var number = 0, digits = 0
        // The word's UTF-8, lower-cased: one string per word (appending to a
        // `String.UnicodeScalarView` scalar by scalar cost more than the date search).
        var word: [UInt8] = []
        word.reserveCapacity(32)
        func flush() {
            if digits > 0 { tokens.append(.number(digits > 9 ? -1 : number, digits: digits)); number = 0; digits = 0 }
            if !word.isEmpty { tokens.append(.word(String(decoding: word, as: UTF8.self))); word.removeAll(keepingCapacity: true) }
        }
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v >= 0x30 && v <= 0x39 {
                if !word.isEmpty { flush() }
                if digits < 10 { number = number * 10 + Int(v - 0x30) }
                digits += 1
            } else if DumpWord.isWordScalar(v) && v != 0x5F && !isCJKDateMark(v) {
                if digits > 0 { flush() }
                let lowered = UnicodeScalar(DumpWord.lower(v)) ?? scalar
                if lowered.isASCII { word.append(UInt8(lowered.value)) } else { word.append(contentsOf: lowered.utf8) }
            } else {
                flush()
                if v != 0x20 && v != 0x09 && v != 0xA0 { tokens.append(.mark(scalar)) }
            }
        }
        flush()
        return tokens
    }

    private static func isCJKDateMark(_ v: UInt32) -> Bool {
        v == 0x5E74 || v == 0x6708 || v == 0x65E5 || v == 0xB144 || v == 0xC6D4 || v == 0xC77C
    }

    // MARK: - Patterns

    static func match(_ t: [Token], at i: Int) -> String? {
        guard i < t.count else { return nil }
        switch t[i] {
        case .number(let a, let aDigits):
            // 2024-10-30, 2024.10.30, 2024/10/30, 2024年10月30日
            if aDigits == 4, i + 4 < t.count,
               case .mark(let s1) = t[i + 1], case .number(let m, let md) = t[i + 2], md <= 2,
               case .mark(let s2) = t[i + 3], case .number(let d, let dd) = t[i + 4], dd <= 2 {
                let numeric = (s1 == s2) && (s1 == "-" || s1 == "." || s1 == "/")
                let cjk = (s1 == "年" && s2 == "月") || (s1 == "년" && s2 == "월")
                if numeric || cjk, let date = iso(a, m, d) { return date }
            }
            if aDigits <= 2 {
                // 30.10.2024, 30-10-2024, 10/30/2024 (day first unless the separator is "/")
                if i + 4 < t.count, case .mark(let s1) = t[i + 1], case .number(let b, let bd) = t[i + 2], bd <= 2,
                   case .mark(let s2) = t[i + 3], s1 == s2, case .number(let y, let yd) = t[i + 4], yd == 4,
                   s1 == "." || s1 == "-" || s1 == "/" {
                    if i > 0, case .mark(let before) = t[i - 1], before == s1 { return nil }
                    if s1 == "/" {
                        if a > 12 { return iso(y, b, a) }
                        return iso(y, a, b)
                    }
                    return iso(y, b, a)
                }
                // 30 October 2024, 30th of October, 2024, 30. Oktober 2024, 30 de outubro de 2024
                var j = i + 1
                j = skipOrdinal(t, j)
                j = skipMarks(t, j, [".", ","])
                j = skipFillers(t, j)
                if j < t.count, case .word(let w) = t[j], let month = monthNumber(w) {
                    var k = j + 1
                    k = skipMarks(t, k, [".", ","])
                    k = skipFillers(t, k)
                    if k < t.count, case .number(let y, let yd) = t[k], yd == 4 { return iso(y, month, a) }
                }
            }
        case .word(let w):
            // Oct. 30, 2024 / October 30th 2024 / Nov 20 2019
            if let month = monthNumber(w) {
                var j = skipMarks(t, i + 1, ["."])
                j = skipFillers(t, j)
                if j < t.count, case .number(let d, let dd) = t[j], dd <= 2 {
                    var k = skipOrdinal(t, j + 1)
                    k = skipMarks(t, k, [",", "."])
                    k = skipFillers(t, k)
                    if k < t.count, case .number(let y, let yd) = t[k], yd == 4 { return iso(y, month, d) }
                }
            }
        case .mark:
            break
        }
        return nil
    }

    private static func skipOrdinal(_ t: [Token], _ j: Int) -> Int {
        if j < t.count, case .word(let w) = t[j], w == "st" || w == "nd" || w == "rd" || w == "th" || w == "er" || w == "º" {
            return j + 1
        }
        return j
    }

    private static func skipMarks(_ t: [Token], _ j: Int, _ marks: [UnicodeScalar]) -> Int {
        var k = j
        while k < t.count, case .mark(let m) = t[k], marks.contains(m) { k += 1 }
        return k
    }

    private static func skipFillers(_ t: [Token], _ j: Int) -> Int {
        if j < t.count, case .word(let w) = t[j], w == "of" || w == "de" || w == "del" || w == "di" { return j + 1 }
        return j
    }

    static func monthNumber(_ word: String) -> Int? { months[word] }

    private static let months: [String: Int] = {
        var table: [String: Int] = [:]
        let lists: [[String]] = [
            ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"],
            ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"],
            ["januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september", "oktober", "november", "dezember"],
            ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"],
            ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"],
            ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre"],
            ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"],
            ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря"],
            ["январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь"],
        ]
        for list in lists {
            for (index, name) in list.enumerated() where table[name] == nil { table[name] = index + 1 }
        }
        table["sept"] = 9
        table["setiembre"] = 9
        table["jän"] = 1
        table["jänner"] = 1
        return table
    }()

    static func iso(_ year: Int, _ month: Int, _ day: Int) -> String? {
        guard (1900...2100).contains(year), (1...12).contains(month), day >= 1 else { return nil }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard day <= lengths[month - 1] else { return nil }
        func pad(_ v: Int, _ width: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, width - s.count)) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}
