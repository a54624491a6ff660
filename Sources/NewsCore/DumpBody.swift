/// What a line of a page dump looks like to the body finder.
enum DumpLineKind: UInt8 {
    /// Running prose: long enough, sentence-shaped, ordinary share of function words.
    case good
    /// A complete short sentence: kept when it touches prose.
    case near
    /// A few words (sub-heading, label, menu item): kept only between prose lines.
    case short
    /// Chrome: menus, link lists, share bars, captions, appeals, repeated lines.
    case bad
    /// A comment-section marker: the article does not continue past it.
    case comments
}

/// Finds the article in a page dump.
///
/// Method (jusText's line classes plus a contiguity model): classify every line by
/// length, sentence shape, stopword density, capitalisation, repetition and generic
/// chrome vocabulary; score prose positive and chrome negative. Context adjusts the
/// scores: runs of chrome cost more; prose with no prose around it, or in a
/// "headline, summary, headline, summary" pattern, counts less (teaser lists); prose
/// after a comment-section marker or an end-of-article block ("Read more about",
/// "Sign up for", "A message from") counts against; the lines right after the headline
/// (when the dump repeats its page title) count more. Then take the best-scoring
/// contiguous span after the headline (maximum subarray), trim it to prose at the
/// edges, drop a closing author bio, add a list the article announces with a colon and
/// complete sentences right after it; inside the span keep prose, the short lines that
/// sit between prose, and announced list items. Photo captions are dropped but do not
/// separate the paragraphs around them.
struct DumpBody {
    let document: DumpDocument
    private(set) var kinds: [DumpLineKind] = []
    /// Index of the line that repeats the page title (the headline), or -1.
    private(set) var anchor = -1
    /// The chosen span, inclusive; `first > last` when nothing was found.
    private(set) var first = 0
    private(set) var last = -1
    /// The lines kept as paragraphs.
    private(set) var kept: [Int] = []

    init(_ document: DumpDocument) {
        self.document = document
        let lines = document.lines
        let count = lines.count
        guard count > 0 else { return }

        // Repetition: a line that occurs twice (duplicated captions, menus, teasers) is chrome.
        var repeated = [Bool](repeating: false, count: count)
        var bits = 4
        while (1 << bits) < count * 2 { bits += 1 }
        let mask = (1 << bits) - 1
        var table = [Int32](repeating: -1, count: 1 << bits)
        for i in 0..<count {
            let hash = lines[i].hash
            var slot = Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - bits))
            while true {
                let j = Int(table[slot])
                if j < 0 { table[slot] = Int32(i); break }
                if lines[j].hash == hash && document.sameText(i, j) { repeated[i] = true; repeated[j] = true; break }
                slot = (slot + 1) & mask
            }
        }

        kinds.reserveCapacity(count)
        // Photo captions sit inside articles: they are dropped, but they do not separate
        // the paragraphs around them.
        var caption = [Bool](repeating: false, count: count)
        for i in 0..<count {
            let kind = repeated[i] ? .bad : DumpBody.classify(lines[i], in: document)
            kinds.append(kind)
            if kind == .bad && lines[i].weight < 80 && DumpBody.isCaption(lines[i], in: document) { caption[i] = true }
        }
        let kinds = self.kinds
        func isProse(_ k: Int) -> Bool { kinds[k] == .good || kinds[k] == .near }
        // Nearest non-caption line before and after each line (-1 / count when none),
        // precomputed so that long runs of captions stay linear.
        var previousLine = [Int](repeating: -1, count: count)
        var nextLine = [Int](repeating: count, count: count)
        var seen = -1
        for i in 0..<count { previousLine[i] = seen; if !caption[i] { seen = i } }
        var following = count
        for i in stride(from: count - 1, through: 0, by: -1) { nextLine[i] = following; if !caption[i] { following = i } }
        /// The nearest line before (step -1) or after (step 1) `i` that is not a caption.
        func neighbour(_ i: Int, _ step: Int, within range: ClosedRange<Int>) -> Int? {
            let k = step < 0 ? previousLine[i] : nextLine[i]
            return range.contains(k) ? k : nil
        }
        let all = 0...(count - 1)
        anchor = DumpBody.findAnchor(document)

        // Scores.
        var score = [Double](repeating: 0, count: count)
        for i in 0..<count {
            switch kinds[i] {
            case .good: score[i] = lines[i].weight
            case .near: score[i] = 1
            case .short: score[i] = -2
            case .comments: score[i] = -40
            case .bad: score[i] = caption[i] ? -4 : -4 - 0.5 * min(lines[i].weight, 20)
            }
        }
        // Prose with no prose neighbour (teasers between headlines) counts a quarter.
        for i in 0..<count where kinds[i] == .good {
            let previous = neighbour(i, -1, within: all), next = neighbour(i, 1, within: all)
            let before = previous.map(isProse) ?? false
            let after = next.map(isProse) ?? false
            if !before && !after {
                score[i] *= 0.25
            } else {
                // Prose in a sparse neighbourhood (headline, author, date, teaser, headline…)
                // is a teaser list more often than an article.
                var around = (before ? 1 : 0) + (after ? 1 : 0)
                if let p = previous, let k = neighbour(p, -1, within: all), isProse(k) { around += 1 }
                if let n = next, let k = neighbour(n, 1, within: all), isProse(k) { around += 1 }
                if around <= 1 { score[i] *= 0.3 }
            }
        }
        // Teaser lists: three or more "headline, then one paragraph" pairs in a row.
        func isHeadlineLike(_ k: Int) -> Bool {
            kinds[k] != .good && !lines[k].terminal && lines[k].weight >= 3 && lines[k].weight <= 25
        }
        var pairStart = -1, pairs = 0
        var k = 1
        while k < count {
            if kinds[k] == .good && isHeadlineLike(k - 1) {
                if pairs == 0 { pairStart = k }
                pairs += 1
                k += 2
                continue
            }
            if pairs >= 3 { for m in stride(from: pairStart, to: k, by: 2) where score[m] > 0 { score[m] *= 0.3 } }
            pairs = 0
            k += 1
        }
        if pairs >= 3 { for m in stride(from: pairStart, to: count, by: 2) where score[m] > 0 { score[m] *= 0.3 } }
        // Runs of three or more non-prose lines (menus, tag lists) cost at least 4 a line.
        var i = 0
        while i < count {
            var j = i
            while j < count && kinds[j] != .good { j += 1 }
            if j - i >= 3 { for k in i..<j { score[k] = min(score[k], -4) } }
            i = j + 1
        }
        // After a comment-section marker or an end-of-article block, prose no longer counts.
        var prose = 0.0
        for i in (anchor + 1)..<count {
            if kinds[i] == .good { prose += lines[i].weight }
            if (kinds[i] == .comments && prose >= 40) || (prose >= 100 && DumpBody.isEndOfArticle(lines[i], in: document)) {
                for k in (i + 1)..<count where score[k] > 0 { score[k] *= -0.3 }
                break
            }
        }
        // The lines right after the headline are where the article starts.
        if anchor >= 0 {
            for k in (anchor + 1)..<min(count, anchor + 21) where score[k] > 0 { score[k] *= 2.0 }
        }

        // Best-scoring contiguous span (maximum subarray), after the headline.
        var best = 0.0, current = 0.0, start = anchor + 1
        var bestStart = 0, bestEnd = -1
        for k in (anchor + 1)..<count {
            if current <= 0 { current = 0; start = k }
            current += score[k]
            if current > best { best = current; bestStart = start; bestEnd = k }
        }
        // Trim the edges to prose, and drop a closing author bio.
        while bestStart <= bestEnd && kinds[bestStart] != .good { bestStart += 1 }
        while bestEnd >= bestStart && kinds[bestEnd] != .good { bestEnd -= 1 }
        while bestEnd > bestStart && lines[bestEnd].weight < 80 && DumpBody.isAuthorBio(lines[bestEnd], in: document) {
            bestEnd -= 1
        }
        while bestEnd >= bestStart && kinds[bestEnd] != .good { bestEnd -= 1 }

        // A list the article announces with a colon ("Tour dates:") belongs to it, even
        // though its items do not look like prose.
        func isListItem(_ k: Int) -> Bool {
            kinds[k] != .comments && !caption[k] && !repeated[k] && kinds[k] != .good && lines[k].weight <= 40
                && !DumpBody.isChromeOpener(lines[k], in: document) && !DumpBody.hasChromePhrase(lines[k], in: document)
        }
        func announcesList(_ k: Int) -> Bool {
            document.lastByte(lines[k]) == 0x3A && kinds[k] != .comments && kinds[k] != .bad
                && !DumpBody.isChromeOpener(lines[k], in: document)
        }
        var listItems = [Bool](repeating: false, count: count)
        if bestStart <= bestEnd {
            // Inside the span.
            var k = bestStart
            while k <= bestEnd {
                if announcesList(k) {
                    var j = k + 1
                    while j <= bestEnd && isListItem(j) { j += 1 }
                    if j <= bestEnd && isProse(j) { for m in (k + 1)..<j { listItems[m] = true } }
                    k = j
                } else {
                    k += 1
                }
            }
            // Right after it: the introducing line, then at least two items.
            var intro = bestEnd
            if !announcesList(intro), intro + 1 < count, announcesList(intro + 1), lines[intro + 1].weight <= 30 { intro += 1 }
            if announcesList(intro) {
                var j = intro + 1
                while j < count && isListItem(j) { j += 1 }
                if j - intro - 1 >= 2 {
                    for m in (bestEnd + 1)..<j { listItems[m] = true }
                    bestEnd = j - 1
                }
            }
        }
        // Complete sentences that follow the last paragraph directly belong to it.
        if bestStart <= bestEnd {
            while bestEnd + 1 < count && kinds[bestEnd + 1] == .near && !repeated[bestEnd + 1]
                    && DumpBody.endsSentence(lines[bestEnd + 1], in: document) {
                bestEnd += 1
                listItems[bestEnd] = true
            }
        }
        first = bestStart
        last = bestEnd

        if first <= last {
            for k in first...last {
                let prevProse = neighbour(k, -1, within: first...last).map(isProse) ?? false
                let nextProse = neighbour(k, 1, within: first...last).map(isProse) ?? false
                if listItems[k] { kept.append(k); continue }
                switch kinds[k] {
                case .good: kept.append(k)
                case .near: if prevProse || nextProse { kept.append(k) }
                case .short: if prevProse && nextProse { kept.append(k) }
                case .bad, .comments: break
                }
            }
        }
    }

    /// The kept paragraphs, separated by one blank line.
    func text() -> String {
        var total = 0
        for k in kept { total += document.lines[k].byteCount + 2 }
        // Written straight into the string's storage: no byte array to fill, copy and free.
        return String(unsafeUninitializedCapacity: total) { out in
            document.bytes.withUnsafeBufferPointer { bytes in
                var o = 0
                for k in kept {
                    if o > 0 { out[o] = 0x0A; out[o + 1] = 0x0A; o += 2 }
                    let line = document.lines[k]
                    UnsafeMutableRawPointer(out.baseAddress! + o)
                        .copyMemory(from: bytes.baseAddress! + line.start, byteCount: line.byteCount)
                    o += line.byteCount
                }
                return o
            }
        }
    }

    // MARK: - Line classes

    static func classify(_ line: DumpLine, in doc: DumpDocument) -> DumpLineKind {
        let weight = line.weight
        if isCommentMarker(line, in: doc) { return .comments }
        if weight < 20 && isChromeOpener(line, in: doc) { return .bad }
        if weight < 80 && isCaption(line, in: doc) { return .bad }
        if weight < 60 && DumpVocabulary.fundPhrases.occurs(in: line, of: doc) && addressesReader(line, in: doc) { return .bad }
        if endsWithElidedTeaser(line, in: doc) { return .bad }
        if weight <= 3 { return .short }
        if weight < 30 && hasChromePhrase(line, in: doc) { return .bad }
        if line.isCJKDominant {
            if line.cjk >= 40 { return .good }
            if line.cjk >= 15 && line.terminal { return .good }
            return line.cjk < 10 ? .short : .near
        }
        let stop = line.stopwordDensity, caps = line.capitalizedRatio
        if weight >= 25 && (stop >= 0.15 || caps < 0.5) { return .good }
        if weight >= 10 && line.terminal && stop >= 0.15 && caps < 0.6 { return .good }
        if weight >= 6 && line.terminal && stop >= 0.1 { return .near }
        if caps > 0.7 && !line.terminal { return .bad }
        return weight < 6 ? .short : .near
    }

    /// "12 Comments", "Leave a reply", "… says:", "Permalink".
    static func isCommentMarker(_ line: DumpLine, in doc: DumpDocument) -> Bool {
        let n = line.wordCount
        guard n > 0 else { return false }
        if n >= 2 && DumpVocabulary.countedThings.contains(doc.word(line, 1)) && isNumber(doc, line, 0) { return true }
        if DumpVocabulary.commentOpeners.opens(line, of: doc) { return true }
        // A stamp has " at " in it, so the word "at": looked for among the hashes before
        // the bytes are walked.
        if n >= 4 && n <= 10 && doc.contains(line, word: atHash) && isCommentStamp(line, in: doc) { return true }
        if doc.lastByte(line) == 0x3A && DumpVocabulary.saidWords.contains(doc.word(line, n - 1)) { return true }
        let permalink = DumpVocabulary.permalink, comment = DumpVocabulary.comment, comments = DumpVocabulary.comments
        // Every line's every word passes here: read the hashes without bounds checks.
        let hit = doc.words.withUnsafeBufferPointer { buffer -> Int? in
            let words = buffer.baseAddress! + line.firstWord
            if words[0] == permalink { return -1 }
            var k = 1
            while k < n {
                let w = words[k]
                if w == permalink { return -1 }
                if w == comment || w == comments { return k }
                k &+= 1
            }
            return nil
        }
        guard var k = hit else { return false }
        if k < 0 { return true }
        // A "comment(s)" word: the original test, in order, from there on.
        while k < n {
            let w = doc.word(line, k)
            if w == permalink { return true }
            if (w == comment || w == comments) && isNumber(doc, line, k - 1) { return true }
            k += 1
        }
        return false
    }
    private static let atHash = DumpWord.hash("at")

    /// A comment's time stamp: a date with its year, then "at 7:07 pm" (blog comment widgets).
    static func isCommentStamp(_ line: DumpLine, in doc: DumpDocument) -> Bool {
        let b = doc.bytes
        var sawYear = false
        var i = line.start
        var digits = 0
        while i < line.end {
            let c = b[i]
            if c >= 0x30 && c <= 0x39 {
                digits += 1
            } else {
                if digits == 4 { sawYear = true }
                digits = 0
                // " at H:MM" or " at HH:MM"
                if sawYear && c == 0x20 && i + 6 < line.end && b[i + 1] == 0x61 && b[i + 2] == 0x74 && b[i + 3] == 0x20 {
                    var j = i + 4
                    var hour = 0
                    while j < line.end && b[j] >= 0x30 && b[j] <= 0x39 { hour += 1; j += 1 }
                    if (hour == 1 || hour == 2) && j + 2 < line.end && b[j] == 0x3A
                        && b[j + 1] >= 0x30 && b[j + 1] <= 0x39 && b[j + 2] >= 0x30 && b[j + 2] <= 0x39 {
                        return true
                    }
                }
            }
            i += 1
        }
        return false
    }

    /// Ends with ".", "!", "?" (possibly inside closing quotes).
    static func endsSentence(_ line: DumpLine, in doc: DumpDocument) -> Bool {
        var i = line.end - 1
        while i > line.start {
            let b = doc.bytes[i]
            if b == 0x22 || b == 0x27 { i -= 1; continue }
            // ” and ’ end in 0x9D / 0x99 after E2 80
            if (b == 0x9D || b == 0x99) && i >= line.start + 2 && doc.bytes[i - 1] == 0x80 && doc.bytes[i - 2] == 0xE2 { i -= 3; continue }
            return b == 0x2E || b == 0x21 || b == 0x3F
        }
        return false
    }

    /// The line speaks to the reader or for the publication ("you", "your", "us", "our"),
    /// as appeals do and reporting rarely does.
    static func addressesReader(_ line: DumpLine, in doc: DumpDocument) -> Bool {
        for k in 0..<line.wordCount where DumpVocabulary.appealWords.contains(doc.word(line, k)) { return true }
        return false
    }

    /// Whether word `k` of the line is all digits (checked on the bytes).
    static func isNumber(_ doc: DumpDocument, _ line: DumpLine, _ k: Int) -> Bool {
        DumpVocabulary.numbers.contains(doc.word(line, k)) || longNumber(doc, line, k)
    }
    private static func longNumber(_ doc: DumpDocument, _ line: DumpLine, _ k: Int) -> Bool {
        guard k == 0 else { return false }
        var i = line.start
        var digits = 0
        while i < line.end, doc.bytes[i] >= 0x30 && doc.bytes[i] <= 0x39 { i += 1; digits += 1 }
        return digits > 3 && (i == line.end || doc.bytes[i] == 0x20)
    }

    static func isChromeOpener(_ line: DumpLine, in doc: DumpDocument) -> Bool {
        guard line.wordCount > 0 else { return false }
        let w0 = doc.word(line, 0)
        if DumpVocabulary.chromeFirstWord.contains(w0) { return true }
        if DumpVocabulary.chromeOpeners.opens(line, of: doc) { return true }
        if DumpVocabulary.tagWords.contains(w0) {
            // "Tags:" needs its colon; "Topics" alone is a heading.
            if line.wordCount == 1 { return true }
            var i = line.start
            while i < line.end && doc.bytes[i] != 0x3A && doc.bytes[i] != 0x20 { i += 1 }
            if i < line.end && doc.bytes[i] == 0x3A { return true }
            if w0 == topicHash || w0 == topicsHash { return true }
        }
        return false
    }
    private static let topicHash = DumpWord.hash("topic")
    private static let topicsHash = DumpWord.hash("topics")

    static func hasChromePhrase(_ line: DumpLine, in doc: DumpDocument) -> Bool {
        if line.hasCopyright { return true }
        if DumpVocabulary.chromePhrases.occurs(in: line, of: doc) { return true }
        // "Read more:" / "Related:" teasers inside the article.
        if doc.contains(line, DumpVocabulary.readMore) || doc.contains(line, [DumpVocabulary.related]) {
            return containsColonAfterWord(line, in: doc)
        }
        return false
    }

    private static func containsColonAfterWord(_ line: DumpLine, in doc: DumpDocument) -> Bool {
        var i = line.start
        while i < line.end { if doc.bytes[i] == 0x3A { return true }; i += 1 }
        return false
    }

    /// Photo captions and credits: "(Photo: …)", "[AGENCY]", "Photo: …", "… / Getty Images", "©".
    static func isCaption(_ line: DumpLine, in doc: DumpDocument) -> Bool {
        if line.hasCopyright { return true }
        let n = line.wordCount
        guard n > 0 else { return false }
        let last = doc.lastByte(line)
        if last == 0x29 {  // ")" — a parenthesis that opens with a credit word
            var i = line.end - 1
            while i > line.start && doc.bytes[i] != 0x28 { i -= 1 }
            if doc.bytes[i] == 0x28, let w = firstWordHash(doc, from: i + 1, to: line.end),
               DumpVocabulary.creditWords.contains(w) {
                return true
            }
        }
        if last == 0x5D {  // "]" — an upper-case credit tag like [AGENCY]
            var i = line.end - 2
            var letters = 0
            var ok = true
            while i > line.start && doc.bytes[i] != 0x5B {
                let b = doc.bytes[i]
                if b >= 0x41 && b <= 0x5A { letters += 1 } else if !(b == 0x20 || b == 0x2F || b == 0x2E || b == 0x2D) { ok = false; break }
                i -= 1
            }
            if ok && letters >= 2 && doc.bytes[i] == 0x5B { return true }
        }
        if DumpVocabulary.creditWords.contains(doc.word(line, 0)) {
            if n >= 2 && doc.word(line, 1) == DumpVocabulary.by { return true }
            var i = line.start
            while i < line.end && isWordByte(doc.bytes[i]) { i += 1 }
            while i < line.end && doc.bytes[i] == 0x20 { i += 1 }
            if i < line.end && doc.bytes[i] == 0x3A { return true }
        }
        // Ends with an agency credit, optionally followed by ")" or ".".
        var tail = line.end
        while tail > line.start && (doc.bytes[tail - 1] == 0x29 || doc.bytes[tail - 1] == 0x2E) && line.end - tail < 2 { tail -= 1 }
        if tail > line.start && isWordByte(doc.bytes[tail - 1]),
           DumpVocabulary.creditEndLastWords.contains(doc.word(line, n - 1)) {
            for phrase in DumpVocabulary.creditEnds where doc.ends(line, with: phrase) { return true }
        }
        return false
    }

    @inline(__always)
    private static func isWordByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b >= 0x80
    }

    private static func firstWordHash(_ doc: DumpDocument, from: Int, to: Int) -> UInt64? {
        var h = DumpWord.offset
        var started = false
        var i = from
        doc.bytes.withUnsafeBufferPointer { p in
            while i < to {
                let (s, len) = dumpDecodeScalar(p, i, to)
                if DumpWord.isWordScalar(s) {
                    started = true
                    h = DumpWord.mix(h, DumpWord.lower(s))
                } else if started {
                    break
                }
                i += len
            }
        }
        return started ? h : nil
    }

    /// A teaser cut off with "[…]" or "[...]".
    static func endsWithElidedTeaser(_ line: DumpLine, in doc: DumpDocument) -> Bool {
        guard line.byteCount >= 5, doc.lastByte(line) == 0x5D else { return false }
        let b = doc.bytes
        let e = line.end
        if b[e - 2] == 0x2E && b[e - 3] == 0x2E && b[e - 4] == 0x2E && b[e - 5] == 0x5B { return true }
        if e - 5 >= line.start && b[e - 2] == 0xA6 && b[e - 3] == 0x80 && b[e - 4] == 0xE2 && b[e - 5] == 0x5B { return true }
        return false
    }

    /// Headings of the blocks that follow an article: tags, newsletter box, "Most read".
    static func isEndOfArticle(_ line: DumpLine, in doc: DumpDocument) -> Bool {
        guard line.wordCount > 0 else { return false }
        if DumpVocabulary.endOpeners.opens(line, of: doc) { return true }
        for phrase in DumpVocabulary.endWholeLines where line.wordCount == phrase.count && doc.starts(line, with: phrase) {
            return true
        }
        if DumpVocabulary.tagWords.contains(doc.word(line, 0)) {
            var i = line.start
            while i < line.end && isWordByte(doc.bytes[i]) { i += 1 }
            if i < line.end && doc.bytes[i] == 0x3A { return true }
        }
        return false
    }

    /// "Jane Doe is a reporter for …": one to four capitalised words, then "is a/an/the/our".
    static func isAuthorBio(_ line: DumpLine, in doc: DumpDocument) -> Bool {
        let n = line.wordCount
        guard n >= 4 else { return false }
        guard let firstUpper = doc.bytes.withUnsafeBufferPointer({ p -> Bool? in
            let (s, _) = dumpDecodeScalar(p, line.start, line.end)
            return DumpWord.isUpper(s)
        }), firstUpper else { return false }
        for k in 1...min(5, n - 2) where doc.word(line, k) == DumpVocabulary.isWord {
            return DumpVocabulary.bioArticles.contains(doc.word(line, k + 1)) && line.capitalized >= k - 1
                && wordsBeforeAreCapitalised(line, in: doc, count: k)
        }
        return false
    }

    private static func wordsBeforeAreCapitalised(_ line: DumpLine, in doc: DumpDocument, count: Int) -> Bool {
        // Walk the bytes: every word before "is" must start upper-case (a "(@handle)" may sit between).
        var seenWords = 0
        var i = line.start
        var result = true
        doc.bytes.withUnsafeBufferPointer { p in
            var atWordStart = true
            var afterAt = false
            while i < line.end && seenWords < count {
                let (s, len) = dumpDecodeScalar(p, i, line.end)
                if DumpWord.isWordScalar(s) {
                    if atWordStart {
                        if !DumpWord.isUpper(s) && !afterAt { result = false; return }
                        seenWords += 1
                        atWordStart = false
                    }
                } else {
                    atWordStart = true
                    afterAt = s == 0x40
                    if s == 0x27 || s == 0x2019 || s == 0x2E || s == 0x2D { atWordStart = false }
                }
                i += len
            }
        }
        return result
    }

    // MARK: - Headline anchor

    /// The first line after line 0 that repeats the page title (line 0 of a browser dump),
    /// whole or without its " - Site Name" part.
    static func findAnchor(_ doc: DumpDocument) -> Int {
        let lines = doc.lines
        guard lines.count >= 3 else { return -1 }
        let title = lines[0]
        var candidates: [(Int, Int)] = [(title.start, title.end)]
        let separators = titleSeparators(doc, title)
        if let firstSep = separators.first, let lastSep = separators.last {
            candidates.append((title.start, firstSep))
            if lastSep != firstSep { candidates.append((title.start, lastSep)) }
        }
        candidates = candidates.filter { $0.1 - $0.0 >= 15 }
        guard !candidates.isEmpty else { return -1 }
        for i in 1..<lines.count {
            let line = lines[i]
            for (s, e) in candidates where line.byteCount == e - s {
                var same = true
                for k in 0..<(e - s) where doc.bytes[s + k] != doc.bytes[line.start + k] { same = false; break }
                if same { return i }
            }
        }
        return -1
    }

    /// Byte offsets where " - ", " | ", " – ", " — ", " : ", " · " or " » " starts in the line.
    static func titleSeparators(_ doc: DumpDocument, _ line: DumpLine) -> [Int] {
        var result: [Int] = []
        let b = doc.bytes
        var i = line.start
        while i < line.end {
            if b[i] == 0x20 {
                var j = i + 1
                var isSep = false
                if j < line.end {
                    let c = b[j]
                    if c == 0x2D || c == 0x7C || c == 0x3A { j += 1; isSep = true }
                    else if c == 0xE2 && j + 2 < line.end && b[j + 1] == 0x80 && (b[j + 2] == 0x93 || b[j + 2] == 0x94) { j += 3; isSep = true }
                    else if c == 0xC2 && j + 1 < line.end && (b[j + 1] == 0xB7 || b[j + 1] == 0xBB) { j += 2; isSep = true }
                }
                if isSep && j < line.end && b[j] == 0x20 { result.append(i) }
            }
            i += 1
        }
        return result
    }
}
