import Foundation

/// Title, byline, publisher and date of a page dump, read from the lines around the body
/// that `DumpBody` found: the header (headline, byline, date line) above it, and the
/// trailer (signature, e-mail, author bio, "Source:" line, footer) below it.
struct DumpMetadata {
    var title = ""
    var byline: [String] = []
    var publisher: String?
    var published: String?

    init(_ doc: DumpDocument, body: DumpBody, text: String) {
        let count = doc.lines.count
        guard count > 0 else { return }
        let bodyFirst = body.first <= body.last ? body.first : count
        let bodyLast = body.first <= body.last ? body.last : count - 1
        let headerStart = max(0, bodyFirst - 20)
        let trailerEnd = min(count, bodyLast + 16)

        // Byline candidates above the body.
        var bylineLine = -1
        for i in stride(from: bodyFirst - 1, through: headerStart, by: -1) {
            let line = doc.lines[i]
            guard line.byteCount < 160, line.wordCount >= 1 else { continue }
            if DumpVocabulary.bylineOpeners.contains(doc.word(line, 0)), let names = DumpMetadata.namesAfterBy(doc.string(i)) {
                byline = names
                bylineLine = i
                if doc.has(0x40, in: line), let domain = DumpMetadata.emailDomain(doc.string(i)) { publisher = domain }
                break
            }
            if line.wordCount <= 5, doc.has(0x40, in: line), let name = DumpMetadata.nameWithHandle(doc.string(i)) {
                byline = [name]
                bylineLine = i
                break
            }
            if DumpVocabulary.roleWords.contains(doc.word(line, line.wordCount - 1)), let name = DumpMetadata.nameWithRole(doc.string(i)) {
                byline = [name]
                bylineLine = i
                break
            }
        }

        // Title: the line repeating the page title, else the headline-like line over the byline
        // or nearest above the body, else derived from the first sentence.
        if body.anchor >= 0 {
            title = doc.string(body.anchor)
        } else {
            var candidate = -1
            if bylineLine > 0, DumpMetadata.isHeadline(doc, bylineLine - 1) { candidate = bylineLine - 1 }
            if candidate < 0 {
                for i in stride(from: bodyFirst - 1, through: max(0, bodyFirst - 12), by: -1) where i != bylineLine {
                    if DumpMetadata.isHeadline(doc, i) { candidate = i; break }
                }
            }
            if candidate >= 0 {
                title = doc.string(candidate)
                // "Jane Doe Views"-style line right under the headline: a name and one label.
                if byline.isEmpty, candidate + 1 < bodyFirst, let name = DumpMetadata.nameWithLabel(doc.string(candidate + 1)) {
                    byline = [name]
                }
            } else {
                title = DumpMetadata.derivedTitle(text)
            }
        }

        // Trailer: signature with e-mail, author bio, "Source:" line.
        var source: String?
        var bioPublisher: String?
        var signatureDomain: String?
        if bodyLast + 1 < trailerEnd {
            for i in (bodyLast + 1)..<trailerEnd {
                let line = doc.lines[i]
                guard line.byteCount < 600 else { continue }
                if line.wordCount >= 2, line.wordCount <= 4, i + 1 < count, doc.has(0x40, in: doc.lines[i + 1]),
                   let name = DumpMetadata.plainName(doc.string(i)) {
                    if let domain = DumpMetadata.emailDomain(doc.string(i + 1)) {
                        if byline.isEmpty || byline.first.map({ name.hasPrefix($0) || $0.hasPrefix(name) }) == true {
                            byline = [name]
                        }
                        signatureDomain = domain
                    }
                }
                if DumpBody.isAuthorBio(line, in: doc), let (name, org) = DumpMetadata.bio(doc.string(i)) {
                    if byline.isEmpty { byline = [name] }
                    if bioPublisher == nil { bioPublisher = org }
                }
                if source == nil, DumpMetadata.sourceWords.contains(doc.word(line, 0)), let name = DumpMetadata.sourceLine(doc.string(i)) {
                    source = name
                }
                if byline.isEmpty, line.wordCount <= 12, DumpVocabulary.bylineOpeners.contains(doc.word(line, 0)),
                   let names = DumpMetadata.namesAfterBy(doc.string(i)) {
                    byline = names
                    if publisher == nil, let domain = DumpMetadata.emailDomain(doc.string(i)) { signatureDomain = domain }
                }
            }
        }
        if source == nil {
            for i in headerStart..<bodyFirst where doc.lines[i].wordCount > 0 && DumpMetadata.sourceWords.contains(doc.word(doc.lines[i], 0)) {
                if let name = DumpMetadata.sourceLine(doc.string(i)) { source = name; break }
            }
        }
        if let source, !byline.contains(source) { byline.append(source) }

        // Publisher, most explicit statement first.
        if publisher == nil { publisher = DumpMetadata.titleSuffix(doc, body) }
        if publisher == nil { publisher = DumpMetadata.copyrightHolder(doc, from: bodyLast + 1) }
        if publisher == nil { publisher = signatureDomain }
        if publisher == nil { publisher = DumpMetadata.namedInChrome(doc, body: body) }
        if publisher == nil { publisher = bioPublisher }
        if publisher == nil { publisher = source }

        // Date: nearest to the headline first, then the top of the page, then under the body.
        for i in stride(from: bodyFirst - 1, through: headerStart, by: -1) where doc.lines[i].byteCount < 300 && doc.hasDigit(doc.lines[i]) {
            if let date = DateParser.parse(doc.string(i)) { published = date; break }
        }
        if published == nil, headerStart > 0, DumpMetadata.isTopLine(doc), doc.hasDigit(doc.lines[0]) {
            published = DateParser.parse(doc.string(0))
        }
        if published == nil, bodyLast + 1 < count {
            for i in (bodyLast + 1)..<min(count, bodyLast + 6) where doc.lines[i].byteCount < 300 && doc.hasDigit(doc.lines[i]) {
                if let date = DateParser.parse(doc.string(i)) { published = date; break }
            }
        }
    }

    static let sourceWords = DumpVocabulary.set(["source", "sources", "quelle", "fuente", "fonte", "источник"])

    private static func isTopLine(_ doc: DumpDocument) -> Bool { doc.lines[0].byteCount < 300 }

    // MARK: - Headline

    /// A headline: 3–30 words, starts upper-case, no full stop at the end, not chrome,
    /// not a caption ("Sentence. Photographer / Agency"), not a date or byline line.
    static func isHeadline(_ doc: DumpDocument, _ i: Int) -> Bool {
        let line = doc.lines[i]
        guard line.wordCount >= 3, line.wordCount <= 30, !line.isCJKDominant || line.cjk >= 6 else {
            return line.isCJKDominant && line.cjk >= 6 && line.cjk <= 80
        }
        let last = doc.lastByte(line)
        if last == 0x2E || last == 0x2C || last == 0x3A || last == 0x3B { return false }
        if DumpBody.isChromeOpener(line, in: doc) || DumpBody.isCaption(line, in: doc) || DumpBody.hasChromePhrase(line, in: doc) {
            return false
        }
        if DumpBody.isCommentMarker(line, in: doc) || DumpBody.endsWithElidedTeaser(line, in: doc) { return false }
        let s = doc.string(i)
        guard let first = s.unicodeScalars.first, DumpWord.isUpper(first.value) || DumpWord.isDigit(first.value) || !first.properties.isLowercase
        else { return false }
        if DumpVocabulary.bylineOpeners.contains(doc.word(line, 0)) && namesAfterBy(s) != nil { return false }
        if DumpVocabulary.roleWords.contains(doc.word(line, line.wordCount - 1)) && nameWithRole(s) != nil { return false }
        if line.wordCount < 14 && doc.hasDigit(line) && DateParser.parse(s) != nil { return false }
        if hasInnerSentenceBreak(s) { return false }
        if line.wordCount <= 4 && nameWithLabel(s) != nil { return false }  // "Jane Doe Views"
        if doc.has(0x40, in: line) || doc.firstByte(line) == 0x28 { return false }  // "@handle", "(Photo / Agency)"
        return true
    }

    /// ". X" inside the line after a word of two or more lower-case letters: two sentences,
    /// as in a caption followed by its credit. "U.N. Sanctions" is not one.
    static func hasInnerSentenceBreak(_ s: String) -> Bool {
        let scalars = Array(s.unicodeScalars)
        guard scalars.count > 4 else { return false }
        for i in 2..<(scalars.count - 2) where scalars[i] == "." && scalars[i + 1] == " " {
            let next = scalars[i + 2].value
            guard DumpWord.isUpper(next) || next == 0x201C || next == 0x22 else { continue }
            var lower = 0
            var k = i - 1
            while k >= 0, DumpWord.isWordScalar(scalars[k].value) {
                if scalars[k].properties.isLowercase { lower += 1 }
                k -= 1
            }
            if lower >= 2 { return true }
        }
        return false
    }

    /// A title made from the body's first sentence, shortened at a clause break when long.
    static func derivedTitle(_ text: String) -> String {
        let paragraph = Article.firstParagraph(of: text)
        let sentence = firstSentence(paragraph)
        let words = sentence.split(separator: " ")
        if words.count <= 16 { return trimEnd(sentence) }
        // Cut at a clause break: punctuation after word 6, else before a conjunction after word 8.
        var taken: [Substring] = []
        for (index, word) in words.enumerated() {
            if index >= 8 && index <= 20 && clauseWords.contains(word.lowercased()) { return trimEnd(taken.joined(separator: " ")) }
            taken.append(word)
            if index >= 5 && index < 16, let last = word.last, last == "," || last == ";" || last == ":" {
                return trimEnd(taken.joined(separator: " "))
            }
            if index == 20 { break }
        }
        return trimEnd(words.prefix(14).joined(separator: " ")) + "…"
    }

    private static let clauseWords: Set<String> = [
        "after", "before", "because", "while", "when", "since", "although", "though", "which", "following", "amid", "as", "but", "and",
    ]

    private static func trimEnd(_ s: String) -> String {
        var out = Substring(s)
        while let last = out.last, last == "." || last == "," || last == ";" || last == ":" || last == " " { out = out.dropLast() }
        return String(out)
    }

    /// Up to the first ". ", "! " or "? " that is not after an abbreviation (U.S., Mr., St.).
    static func firstSentence(_ paragraph: String) -> String {
        let scalars = Array(paragraph.unicodeScalars)
        var i = 0
        while i + 1 < scalars.count {
            let c = scalars[i]
            if (c == "." || c == "!" || c == "?") && scalars[i + 1] == " " {
                var k = i - 1
                var letters = 0
                while k >= 0, DumpWord.isWordScalar(scalars[k].value) { letters += 1; k -= 1 }
                let abbreviation = c == "." && (letters <= 1 || (letters <= 3 && k >= 0 && scalars[k] == ".")
                    || (letters <= 3 && DumpWord.isUpper(scalars[i - letters].value) && letters == 2))
                if !abbreviation {
                    var out = String.UnicodeScalarView()
                    out.append(contentsOf: scalars[0..<i])
                    return String(out)
                }
            }
            i += 1
        }
        return paragraph
    }

    // MARK: - Bylines

    private static let bylineOpeners = ["by ", "posted by ", "written by ", "words by ", "story by ", "reporting by ", "von ", "par ", "por ", "di "]
    private static let roles: Set<String> = [
        "reporter", "correspondent", "editor", "writer", "columnist", "contributor", "journalist", "staff",
        "staff writer", "senior reporter", "staff reporter", "news editor", "senior editor", "senior writer",
        "associate editor", "contributing writer", "political correspondent", "opinion", "views", "columns",
    ]
    private static let weekdays: Set<String> = [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today", "yesterday",
    ]
    private static let nameParticles: Set<String> = ["de", "da", "van", "von", "der", "al", "bin", "el", "la", "le", "du", "dos", "del"]

    /// "By Jane Doe", "BY JANE DOE [mail]", "By A, B and C", "Posted by Jane Doe on …".
    static func namesAfterBy(_ s: String) -> [String]? {
        let lower = s.lowercased()
        var rest: Substring?
        for opener in bylineOpeners where lower.hasPrefix(opener) {
            rest = s.dropFirst(opener.count)
            break
        }
        guard var text = rest else { return nil }
        // Cut at the first thing that is not part of the names.
        let stops: [String] = [" [", " (", " |", " - ", " – ", " — ", " on ", " at ", " in ", " Updated", " Published", " published", " updated", "@", "/", " ·", " •", "  "]
        // Byte-wise searches: Foundation's `range(of:)` and `replacingOccurrences` go
        // through CFString on Linux and cost more than the rest of the cleaner.
        for stop in stops {
            if let r = ByteSearch.firstRange(of: stop, in: text) { text = text[..<r.lowerBound] }
        }
        if let r = text.firstIndex(where: { $0.isNumber }) { text = text[..<r] }
        var joined = String(text)
        for conjunction in [" and ", " & ", " und ", " et ", " y ", " e "] {
            joined = ByteSearch.replacingAll(conjunction, with: ",", in: joined)
        }
        let pieces = joined.split(separator: ",")
        var names: [String] = []
        for piece in pieces {
            let name = piece.trimmingCharacters(in: .whitespaces)
            if name.isEmpty { continue }
            guard looksLikeName(name, maxWords: 5, minWords: 1), !weekdays.contains(name.lowercased()) else { break }
            names.append(normalisedName(name))
        }
        return names.isEmpty ? nil : names
    }

    /// "Jane Doe | Reporter", "Jane Doe, Staff Writer", "Jane Doe - Correspondent".
    static func nameWithRole(_ s: String) -> String? {
        for separator in [" | ", ", ", " - ", " – ", " — "] {
            guard let r = s.range(of: separator) else { continue }
            let name = String(s[..<r.lowerBound]).trimmingCharacters(in: .whitespaces)
            let role = s[r.upperBound...].trimmingCharacters(in: .whitespaces).lowercased()
            if roles.contains(role), looksLikeName(name, maxWords: 4, minWords: 2) { return normalisedName(name) }
        }
        return nil
    }

    /// "Jane Doe @janedoe": a name followed by its social-media handle.
    static func nameWithHandle(_ s: String) -> String? {
        guard let at = s.firstIndex(of: "@"), at > s.startIndex else { return nil }
        let before = s[..<at].trimmingCharacters(in: .whitespaces)
        let handle = s[s.index(after: at)...]
        guard !handle.isEmpty, handle.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return nil }
        return looksLikeName(before, maxWords: 4, minWords: 2) ? normalisedName(before) : nil
    }

    /// "Jane Doe Views": two or three capitalised words followed by one label word.
    static func nameWithLabel(_ s: String) -> String? {
        let words = s.split(separator: " ")
        guard words.count >= 2, words.count <= 4 else { return nil }
        if let label = words.last?.lowercased(), roles.contains(label) {
            let name = words.dropLast().joined(separator: " ")
            return looksLikeName(name, maxWords: 3, minWords: 2) ? normalisedName(name) : nil
        }
        return looksLikeName(s, maxWords: 3, minWords: 2) ? normalisedName(s) : nil
    }

    /// A line that is just a name (2–4 capitalised words), as in a signature.
    static func plainName(_ s: String) -> String? {
        looksLikeName(s, maxWords: 4, minWords: 2) ? normalisedName(s) : nil
    }

    static func looksLikeName(_ s: String, maxWords: Int, minWords: Int) -> Bool {
        let words = s.split(separator: " ")
        guard words.count >= minWords, words.count <= maxWords, s.count <= 60 else { return false }
        for word in words {
            let lower = word.lowercased()
            if nameParticles.contains(lower) { continue }
            guard let first = word.unicodeScalars.first, DumpWord.isUpper(first.value) else { return false }
            for scalar in word.unicodeScalars {
                let v = scalar.value
                let ok = DumpWord.isWordScalar(v) && !DumpWord.isDigit(v) || v == 0x2E || v == 0x2D || v == 0x27 || v == 0x2019
                if !ok { return false }
            }
            if DumpVocabulary.stopwords.contains(DumpWord.hash(lower)) && words.count > 1 && lower.count > 1 { return false }
        }
        return true
    }

    /// "MICHAEL LEE" → "Michael Lee"; single all-capital words (agency names) stay.
    static func normalisedName(_ s: String) -> String {
        var words = s.split(separator: " ")
        // "Jane Doe Staff Writer", "Jane Doe November" (a date cut at its digits)
        while words.count > 2, let last = words.last?.lowercased(),
              roles.contains(last) || DateParser.monthNumber(last) != nil || last == "staff" || last == "senior" {
            words.removeLast()
        }
        let allCaps = words.joined().unicodeScalars.allSatisfy { !$0.properties.isLowercase }
        guard allCaps, words.count >= 2 else { return words.joined(separator: " ") }
        return words.map { word -> String in
            let lower = word.lowercased()
            return lower.prefix(1).uppercased() + lower.dropFirst()
        }.joined(separator: " ")
    }

    /// "Jane Doe is a reporter for The Daily Example." → ("Jane Doe", "The Daily Example").
    static func bio(_ s: String) -> (String, String?)? {
        guard let r = s.range(of: " is ") else { return nil }
        var name = String(s[..<r.lowerBound])
        if let handle = name.range(of: " (@") { name = String(name[..<handle.lowerBound]) }
        guard looksLikeName(name, maxWords: 4, minWords: 2) else { return nil }
        var org: String?
        let rest = s[r.upperBound...]
        for marker in [" for ", " at ", " with "] {
            if let m = rest.range(of: marker) {
                let run = capitalisedRun(rest[m.upperBound...])
                if !run.isEmpty { org = run; break }
            }
        }
        return (normalisedName(name), org)
    }

    /// "Source: Example News" (also Quelle, Fuente, Fonte).
    static func sourceLine(_ s: String) -> String? {
        let lower = s.lowercased()
        for opener in ["source:", "source :", "sources:", "quelle:", "fuente:", "fonte:", "источник:"] where lower.hasPrefix(opener) {
            let rest = s.dropFirst(opener.count).trimmingCharacters(in: .whitespaces)
            var name = Substring(rest)
            if let cut = name.firstIndex(where: { $0 == "," || $0 == "|" || $0 == "(" || $0 == ";" }) { name = name[..<cut] }
            let trimmed = name.trimmingCharacters(in: CharacterSet(charactersIn: " .")).trimmingCharacters(in: .whitespaces)
            if !trimmed.isEmpty, trimmed.split(separator: " ").count <= 6 { return trimmed }
        }
        return nil
    }

    // MARK: - Publisher

    /// The domain of the first e-mail address in the line, without "www.".
    static func emailDomain(_ s: String) -> String? {
        guard let at = s.firstIndex(of: "@") else { return nil }
        let before = s[..<at]
        guard let local = before.last, local.isLetter || local.isNumber || local == "." || local == "_" || local == "-" else { return nil }
        var domain = ""
        for c in s[s.index(after: at)...] {
            if c.isLetter || c.isNumber || c == "." || c == "-" { domain.append(c) } else { break }
        }
        while domain.hasSuffix(".") { domain.removeLast() }
        guard domain.contains("."), let tld = domain.split(separator: ".").last, tld.count >= 2,
              tld.allSatisfy(\.isLetter) else { return nil }
        if domain.lowercased().hasPrefix("www.") { domain.removeFirst(4) }
        return domain.lowercased()
    }

    /// "Headline - Site Name" on the first line, when the dump repeats the headline below it.
    static func titleSuffix(_ doc: DumpDocument, _ body: DumpBody) -> String? {
        guard body.anchor > 0 else { return nil }
        let title = doc.lines[0]
        let separators = DumpBody.titleSeparators(doc, title)
        guard let last = separators.last else { return nil }
        let anchorLength = doc.lines[body.anchor].byteCount
        guard last - title.start == anchorLength || separators.first.map({ $0 - title.start == anchorLength }) == true else { return nil }
        var start = last + 1
        while start < title.end && doc.bytes[start] != 0x20 { start += 1 }
        guard start + 1 < title.end else { return nil }
        let suffix = String(decoding: doc.bytes[(start + 1)..<title.end], as: UTF8.self).trimmingCharacters(in: .whitespaces)
        let words = suffix.split(separator: " ").count
        return (words >= 1 && words <= 6 && !suffix.isEmpty) ? suffix : nil
    }

    /// "© 2019 Example News. All rights reserved." / "Copyright © Example Media Ltd".
    static func copyrightHolder(_ doc: DumpDocument, from start: Int) -> String? {
        guard start < doc.lines.count else { return nil }
        for i in stride(from: doc.lines.count - 1, through: start, by: -1) {
            let line = doc.lines[i]
            guard line.byteCount < 300 else { continue }
            var hasMark = line.hasCopyright
            if !hasMark, line.wordCount > 0, doc.word(line, 0) == copyrightHash { hasMark = true }
            guard hasMark else { continue }
            let full = doc.string(i)
            var s = Substring(full)
            // Start at the mark, then drop the marks and years in front of the holder.
            if let mark = full.firstIndex(of: "©") {
                s = full[mark...]
            } else if let r = full.range(of: "copyright", options: .caseInsensitive) {
                s = full[r.lowerBound...]
            }
            // Only a "c" or "C" lower-cases to a string that starts with "c": test that byte
            // before lower-casing the rest of the line (once per character dropped).
            func opensWithCopyright(_ s: Substring) -> Bool {
                guard let byte = s.utf8.first, byte | 0x20 == UInt8(ascii: "c") else { return false }
                return s.lowercased().hasPrefix("copyright")
            }
            while let first = s.first, !first.isLetter || opensWithCopyright(s) || s.hasPrefix("(c)") || s.hasPrefix("(C)") {
                if opensWithCopyright(s) { s = s.dropFirst(9) } else { s = s.dropFirst() }
            }
            var words = capitalisedRun(s, allowLowerLinks: false).split(separator: " ")
            // "X All Rights Reserved", "X 2019"
            if let cut = words.firstIndex(where: { $0.lowercased() == "all" }) { words = Array(words[..<cut]) }
            while let last = words.last, last.allSatisfy(\.isNumber) { words.removeLast() }
            let run = words.joined(separator: " ")
            if !run.isEmpty, !(words.count == 1 && DumpVocabulary.stopwords.contains(DumpWord.hash(run.lowercased()))) { return run }
        }
        return nil
    }
    private static let copyrightHash = DumpWord.hash("copyright")

    /// A publisher named in chrome: "A Message from X", "Support X!", "connect with the X",
    /// "Subscribe to X" (searched on word hashes, across line wraps, outside the body).
    static func namedInChrome(_ doc: DumpDocument, body: DumpBody) -> String? {
        let count = doc.lines.count
        var ranges: [Range<Int>] = []
        if body.first <= body.last {
            ranges.append(0..<body.first)
            ranges.append((body.last + 1)..<count)
        } else {
            ranges.append(0..<count)
        }
        for range in ranges where !range.isEmpty {
            let firstWord = doc.lines[range.lowerBound].firstWord
            let lastLine = doc.lines[range.upperBound - 1]
            var words = firstWord..<(lastLine.firstWord + lastLine.wordCount)
            while !words.isEmpty, let end = DumpVocabulary.publisherLeads.firstEnd(in: words, of: doc) {
                words = end..<words.upperBound
                guard end < doc.words.count else { break }
                let start = Int(doc.wordStarts[end])
                var stop = min(doc.bytes.count, start + 120)
                if let newline = doc.bytes[start..<stop].firstIndex(of: 0x0A) { stop = newline }
                let text = String(decoding: doc.bytes[start..<stop], as: UTF8.self).replacingOccurrences(of: "\n", with: " ")
                var rest = Substring(text)
                if rest.hasPrefix("the ") { rest = rest.dropFirst(4) }
                let run = capitalisedRun(rest, allowLowerLinks: false)
                if run.split(separator: " ").count >= 2 || (run.count >= 4 && run.first?.isUppercase == true && run.dropFirst().contains(where: \.isUppercase)) {
                    return run
                }
            }
        }
        return nil
    }

    /// The run of capitalised words at the start of `s` ("The Moscow Times!" → "The Moscow Times").
    static func capitalisedRun(_ s: Substring, allowLowerLinks: Bool = true) -> String {
        var words: [Substring] = []
        for raw in s.split(separator: " ", omittingEmptySubsequences: true) {
            var word = raw
            var endsHere = false
            while let last = word.last, !(last.isLetter || last.isNumber) {
                if last == "." || last == "," || last == "!" || last == "?" || last == ":" || last == ";" || last == ")" || last == "|" { endsHere = true }
                word = word.dropLast()
            }
            guard let first = word.first else { break }
            if first.isUppercase || (first.isNumber && !words.isEmpty) {
                words.append(word)
            } else if allowLowerLinks, !words.isEmpty, ["of", "and", "&", "de", "for", "the"].contains(word.lowercased()), !endsHere {
                words.append(word)
            } else {
                break
            }
            if endsHere || words.count >= 6 { break }
        }
        while let last = words.last, ["of", "and", "&", "de", "for", "the"].contains(last.lowercased()) { words.removeLast() }
        return words.joined(separator: " ")
    }
}
