import Foundation

/// Article metadata from what the page states about itself, strongest source first:
/// Open Graph / Twitter cards, JSON-LD (`NewsArticle` and kin, inside `@graph` or
/// arrays), `<meta>` names, `<link rel=canonical>`, `<time datetime>`, rel=author and
/// byline markup, `<h1>` and `<title>`.
struct HTMLMetadata: Equatable {
    var title: String = ""
    var byline: [String] = []
    var publisher: String?
    var published: String?
    var url: String?
    var language: String?

    static func resolve(_ raw: HTMLMetadataCollector) -> HTMLMetadata {
        var result = HTMLMetadata()
        let ld = HTMLJSONLD.parse(raw.jsonLD)

        result.publisher = [raw.meta["og:site_name"], ld.publisher]
            .compactMap { $0.flatMap(cleanPublisher) }.first

        // Title.
        let heading = raw.headings.first.flatMap { $0.isEmpty ? nil : $0 }
        let candidates: [String?] = [raw.meta["og:title"], raw.meta["twitter:title"], ld.headline,
                                     raw.title, heading, raw.meta["title"], raw.meta["headline"], raw.meta["dc.title"]]
        for case let candidate? in candidates {
            let cleaned = removeSiteName(HTMLText.collapse(candidate), site: result.publisher)
            if !cleaned.isEmpty {
                result.title = cleaned
                break
            }
        }

        // Byline.
        let bylineSources: [[String]] = [
            ld.authors,
            [raw.meta["author"], raw.meta["article:author"], raw.meta["byl"], raw.meta["sailthru.author"],
             raw.meta["parsely-author"], raw.meta["dc.creator"], raw.meta["dcterms.creator"]].compactMap { $0 },
            raw.strongBylines,
        ]
        for source in bylineSources {
            let names = bylineNames(source)
            if !names.isEmpty {
                result.byline = names
                break
            }
        }
        if result.byline.isEmpty {
            // Byline markup repeats (author boxes, teasers): the first one that names
            // someone is the article's.
            for candidate in raw.weakBylines {
                let names = bylineNames([candidate])
                if !names.isEmpty {
                    result.byline = names
                    break
                }
            }
        }

        // Publication date.
        let dateSources: [String?] =
            [raw.meta["article:published_time"], raw.meta["og:article:published_time"], raw.meta["article:published"],
             raw.meta["published_time"], raw.meta["og:published_time"], ld.datePublished, raw.meta["datepublished"]]
            + raw.times.prefix(1).map { Optional($0) }
            + ["date", "pubdate", "publishdate", "publish-date", "publish_date", "publication_date", "dc.date",
               "dc.date.issued", "dcterms.date", "dcterms.created", "dc.date.created", "sailthru.date",
               "parsely-pub-date", "article.published", "release_date", "displaydate"].map { raw.meta[$0] }
        for case let source? in dateSources {
            if let date = HTMLDate.normalize(source) {
                result.published = date
                break
            }
        }

        // Canonical URL.
        let urlSources = [raw.canonical, raw.meta["og:url"], ld.url, raw.meta["twitter:url"]]
        result.url = urlSources.compactMap { $0 }.first(where: isAbsoluteURL)

        // Language: primary subtag of <html lang>.
        if let lang = raw.language {
            let primary = lang.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map { $0.lowercased() } ?? ""
            let letters = primary.unicodeScalars.allSatisfy { $0.value >= 0x61 && $0.value <= 0x7A }
            if letters && (primary.count == 2 || primary.count == 3) { result.language = primary }
        }
        return result
    }

    static func isAbsoluteURL(_ string: String) -> Bool {
        let lower = string.lowercased()
        return (lower.hasPrefix("http://") || lower.hasPrefix("https://")) && !string.contains(" ") && string.count > 10
    }

    /// Separators between a headline and the site's name in `<title>`.
    static let titleSeparators = [" | ", " - ", " – ", " — ", " :: ", " · ", " « ", " » ", " • ", " / "]

    /// "Headline | Site" to "Headline": removes the segment that names the site, or a
    /// short last segment when the site is unknown.
    static func removeSiteName(_ title: String, site: String?) -> String {
        var title = title
        for _ in 0..<2 {
            guard let (separator, range) = lastSeparator(in: title) else { break }
            let head = String(title[..<range.lowerBound])
            let tail = String(title[range.upperBound...])
            _ = separator
            let headWords = head.split(separator: " ").count
            let tailWords = tail.split(separator: " ").count
            if let site, sameName(tail, site) {
                title = head
                continue
            }
            if let site, sameName(head, site), tailWords >= 2 {
                title = tail
                continue
            }
            // Unknown site: a short tail after a much longer head is the site's name.
            if site == nil && tailWords <= 3 && headWords >= 4 && headWords >= 2 * tailWords {
                title = head
                continue
            }
            break
        }
        return HTMLText.collapse(title)
    }

    private static func lastSeparator(in title: String) -> (String, Range<String.Index>)? {
        var best: (String, Range<String.Index>)?
        for separator in titleSeparators {
            if let range = lastRange(of: separator, in: title),
               best == nil || range.lowerBound > best!.1.lowerBound {
                best = (separator, range)
            }
        }
        return best
    }

    /// The last occurrence of `needle` in `haystack`, searched on UTF-8 bytes.
    static func lastRange(of needle: String, in haystack: String) -> Range<String.Index>? {
        let bytes = Array(haystack.utf8)
        let pattern = Array(needle.utf8)
        guard !pattern.isEmpty, bytes.count >= pattern.count else { return nil }
        var start = bytes.count - pattern.count
        while start >= 0 {
            if bytes[start] == pattern[0] && bytes[start..<(start + pattern.count)].elementsEqual(pattern) {
                let utf8 = haystack.utf8
                let lower = utf8.index(utf8.startIndex, offsetBy: start)
                let upper = utf8.index(lower, offsetBy: pattern.count)
                return lower..<upper
            }
            start -= 1
        }
        return nil
    }

    /// Two names of one site: equal, or one contains the other, ignoring case, spaces
    /// and punctuation ("The Moscow Times" / "themoscowtimes.com").
    static func sameName(_ a: String, _ b: String) -> Bool {
        func squeeze(_ string: String) -> String {
            var result = String(string.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil })
            for suffix in ["com", "org", "net", "couk", "co"] where result.hasSuffix(suffix) && result.count > suffix.count + 3 {
                result.removeLast(suffix.count)
                break
            }
            if result.hasPrefix("www") { result.removeFirst(3) }
            if result.hasPrefix("the") && result.count > 6 { result.removeFirst(3) }
            return result
        }
        let x = squeeze(a), y = squeeze(b)
        if x.isEmpty || y.isEmpty { return false }
        return x == y || (x.count >= 4 && y.contains(x)) || (y.count >= 4 && x.contains(y) && a.split(separator: " ").count <= 4)
    }

    /// A site name as pages state it: "https://www.site.in" gives "site.in",
    /// "Site | Slogan" gives "Site".
    static func cleanPublisher(_ string: String) -> String? {
        var name = HTMLText.collapse(string)
        let lower = name.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") {
            name = String(name.drop(while: { $0 != "/" }).drop(while: { $0 == "/" }))
            name = String(name.prefix(while: { $0 != "/" }))
            if name.lowercased().hasPrefix("www.") { name.removeFirst(4) }
        }
        for separator in [" | ", " - ", " – ", " — "] {
            if let range = name.range(of: separator), name.distance(from: name.startIndex, to: range.lowerBound) >= 2 {
                name = String(name[..<range.lowerBound])
            }
        }
        return cleanName(name)
    }

    static func cleanName(_ string: String) -> String? {
        let cleaned = HTMLText.collapse(string)
        return cleaned.isEmpty || cleaned.count > 120 ? nil : cleaned
    }

    /// Person names from byline texts: "By Jane Doe and John Roe | Reuters" gives
    /// ["Jane Doe", "John Roe"]; URLs, e-mail addresses and sentences are refused.
    static func bylineNames(_ sources: [String]) -> [String] {
        var names: [String] = []
        var seen: Set<String> = []
        for source in sources {
            var text = HTMLText.collapse(source)
            if let bar = lastRange(of: " | ", in: text) { text = String(text[..<bar.lowerBound]) }
            // "Text: Jane Doe", "Photos: …": the names follow the label.
            if let colon = text.firstIndex(of: ":"), text.distance(from: text.startIndex, to: colon) <= 16 {
                text = String(text[text.index(after: colon)...])
                text = HTMLText.collapse(text)
            }
            for prefix in ["by ", "by:", "written by ", "words by ", "von ", "par ", "por ", "di "] {
                if text.lowercased().hasPrefix(prefix) { text = String(text.dropFirst(prefix.count)) }
            }
            var parts: [String] = []
            var current = ""
            for word in text.split(separator: " ") {
                let lower = word.lowercased()
                if lower == "and" || lower == "&" || lower == "und" || lower == "et" || lower == "y" || lower == "e" {
                    parts.append(current)
                    current = ""
                    continue
                }
                for character in word {
                    if character == "," || character == ";" {
                        parts.append(current)
                        current = ""
                    } else {
                        current.append(character)
                    }
                }
                current.append(" ")
            }
            parts.append(current)
            for part in parts {
                let name = HTMLText.collapse(part)
                guard isPlausibleName(name) else { continue }
                let key = name.lowercased()
                if seen.insert(key).inserted { names.append(name) }
            }
        }
        return names
    }

    /// Words that make a byline entry a job title, not a name ("AP Auto Writer").
    static let roleWords: Set<String> = [
        "writer", "editor", "correspondent", "reporter", "staff", "contributor", "columnist", "bureau",
        "required", "wajib", "obrigatório", "obligatorio", "name",
    ]

    static func isPlausibleName(_ name: String) -> Bool {
        // Short ASCII names (nearly all bylines) are checked on bytes: the same answers
        // (among ASCII only digits are numeric and letters alphabetic, and lower-casing
        // maps no other character onto the ASCII patterns), without Foundation's search.
        isPlausibleASCIIName(name) ?? isPlausibleNameOnCharacters(name)
    }

    static func isPlausibleNameOnCharacters(_ name: String) -> Bool {
        if name.isEmpty || name.count > 60 { return false }
        let lower = name.lowercased()
        if lower.contains("http") || lower.contains("www.") || lower.contains("@") || lower.contains("/") { return false }
        let words = name.split(separator: " ")
        if words.count > 6 { return false }
        if words.contains(where: { roleWords.contains($0.lowercased().trimmingPunctuation) }) { return false }
        if name.unicodeScalars.contains(where: { $0.properties.numericType != nil }) { return false }
        guard let first = name.unicodeScalars.first, first.properties.isAlphabetic else { return false }
        return true
    }
}

extension HTMLMetadata {
    /// `isPlausibleName` for an ASCII name of at most 60 bytes; nil for any other name.
    static func isPlausibleASCIIName(_ name: String) -> Bool? {
        var bytes = Array(name.utf8)
        guard !bytes.isEmpty, bytes.count <= 60, bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
        // "\r\n" is one Character: leave such names to the general path.
        if bytes.contains(0x0D) { return nil }
        for index in bytes.indices where bytes[index] >= 0x41 && bytes[index] <= 0x5A { bytes[index] |= 0x20 }
        func contains(_ pattern: String) -> Bool {
            let pattern = Array(pattern.utf8)
            guard bytes.count >= pattern.count else { return false }
            for start in 0...(bytes.count - pattern.count) where bytes[start] == pattern[0] {
                if bytes[start..<(start + pattern.count)].elementsEqual(pattern) { return true }
            }
            return false
        }
        if contains("http") || contains("www.") || contains("@") || contains("/") { return false }
        let words = name.split(separator: " ")
        if words.count > 6 { return false }
        if words.contains(where: { roleWords.contains($0.lowercased().trimmingPunctuation) }) { return false }
        if bytes.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) { return false }
        let first = bytes[0]
        return first >= 0x61 && first <= 0x7A
    }
}

fileprivate extension String {
    /// Without leading and trailing ASCII punctuation ("(required)" → "required").
    var trimmingPunctuation: String {
        String(self.drop(while: { $0.isPunctuation }).reversed().drop(while: { $0.isPunctuation }).reversed())
    }
}

/// ISO 8601 dates and date-times as pages state them, normalised to `YYYY-MM-DD` or
/// `YYYY-MM-DDTHH:MM:SS` with the page's zone (`Z` or `±HH:MM`) when it gives one.
enum HTMLDate {
    static func normalize(_ string: String) -> String? {
        let bytes = Array(HTMLText.collapse(string).utf8)
        var index = 0
        func digits(_ count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var value = 0
            for offset in 0..<count {
                let byte = bytes[index + offset]
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            index += count
            return value
        }
        func expect(_ byte: UInt8) -> Bool {
            if index < bytes.count && bytes[index] == byte { index += 1; return true }
            return false
        }
        guard let year = digits(4), year >= 1900, year <= 2200, expect(UInt8(ascii: "-")),
              let month = digits(2), (1...12).contains(month), expect(UInt8(ascii: "-")),
              let day = digits(2), (1...31).contains(day) else { return nil }
        // Digits by hand: `String(format:)` goes through Foundation's formatter.
        func padded(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return text.utf8.count >= width ? text : String(repeating: "0", count: width - text.utf8.count) + text
        }
        let date = padded(year, 4) + "-" + padded(month, 2) + "-" + padded(day, 2)
        guard index < bytes.count, bytes[index] == UInt8(ascii: "T") || bytes[index] == UInt8(ascii: " ") else {
            return index == bytes.count ? date : nil
        }
        index += 1
        guard let hour = digits(2), hour < 24, expect(UInt8(ascii: ":")), let minute = digits(2), minute < 60 else {
            return date
        }
        var second = 0
        if expect(UInt8(ascii: ":")) {
            guard let value = digits(2), value <= 60 else { return date }
            second = value
            if expect(UInt8(ascii: ".")) || expect(UInt8(ascii: ",")) {
                while index < bytes.count && bytes[index] >= 0x30 && bytes[index] <= 0x39 { index += 1 }
            }
        }
        var zone = ""
        if index < bytes.count {
            let sign = bytes[index]
            if sign == UInt8(ascii: "Z") || sign == UInt8(ascii: "z") {
                zone = "Z"
            } else if sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
                index += 1
                if let zoneHour = digits(2), zoneHour <= 14 {
                    _ = expect(UInt8(ascii: ":"))
                    let zoneMinute = digits(2) ?? 0
                    zone = (sign == UInt8(ascii: "+") ? "+" : "-") + padded(zoneHour, 2) + ":" + padded(zoneMinute, 2)
                }
            }
        }
        return date + "T" + padded(hour, 2) + ":" + padded(minute, 2) + ":" + padded(second, 2) + zone
    }
}
