/// Byte-level word helpers and the generic chrome vocabulary of page dumps.
///
/// Words are compared by a fixed 64-bit FNV-1a hash of their lower-cased Unicode scalars
/// (never `Hasher`, which is seeded per process), so a line's words are hashed once and
/// every phrase test is a few integer comparisons.
enum DumpWord {
    static let offset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    @inline(__always)
    static func mix(_ hash: UInt64, _ scalar: UInt32) -> UInt64 {
        (hash ^ UInt64(scalar)) &* prime
    }

    /// Lower-cases the scripts whose case matters for our vocabulary (Latin, Greek, Cyrillic).
    @inline(__always)
    static func lower(_ s: UInt32) -> UInt32 {
        if s < 0x80 { return (s >= 0x41 && s <= 0x5A) ? s + 0x20 : s }
        if s >= 0xC0 && s <= 0xDE && s != 0xD7 { return s + 0x20 }
        if s >= 0x391 && s <= 0x3A9 { return s + 0x20 }
        if s >= 0x410 && s <= 0x42F { return s + 0x20 }
        if s >= 0x400 && s <= 0x40F { return s + 0x50 }
        return s
    }

    @inline(__always)
    static func isUpper(_ s: UInt32) -> Bool {
        if s < 0x80 { return s >= 0x41 && s <= 0x5A }
        return (s >= 0xC0 && s <= 0xDE && s != 0xD7) || (s >= 0x391 && s <= 0x3A9) || (s >= 0x400 && s <= 0x42F)
    }

    @inline(__always)
    static func isDigit(_ s: UInt32) -> Bool { s >= 0x30 && s <= 0x39 }

    /// Spaces outside ASCII that separate words like a space: no-break, the typographic
    /// spaces, zero width space, ideographic space, and a stray byte order mark.
    @inline(__always)
    static func isSpace(_ s: UInt32) -> Bool {
        s == 0xA0 || (s >= 0x2000 && s <= 0x200B) || s == 0x202F || s == 0x205F || s == 0x3000 || s == 0xFEFF
    }

    /// Scalars that make up words (Python's `\w`, approximately): letters and digits of any
    /// script, underscore; not punctuation, symbols, spaces or emoji.
    @inline(__always)
    static func isWordScalar(_ s: UInt32) -> Bool {
        if s < 0x80 {
            return (s >= 0x30 && s <= 0x39) || (s >= 0x41 && s <= 0x5A) || (s >= 0x61 && s <= 0x7A) || s == 0x5F
        }
        if s < 0xC0 { return s == 0xAA || s == 0xB5 || s == 0xBA }
        if s == 0xD7 || s == 0xF7 { return false }
        if s >= 0x2000 && s <= 0x2BFF { return false }
        if s >= 0x3000 && s <= 0x303F { return false }
        if s >= 0xFE00 && s <= 0xFE6F { return false }
        if s >= 0xFF00 && s <= 0xFF0F { return false }
        if s >= 0xFF1A && s <= 0xFF20 { return false }
        if s >= 0xFF3B && s <= 0xFF40 { return false }
        if s >= 0xFF5B && s <= 0xFF65 { return false }
        if s >= 0x1F000 { return false }
        return true
    }

    /// For each byte: its lower-case form when it is an ASCII word byte (`isWordScalar`:
    /// letters, digits, underscore), else 0. A raw pointer, allocated once and never
    /// freed, so the line scanner's inner loop reads it without retain or bounds check.
    /// (`nonisolated(unsafe)`: written once, before anyone can read it, then never again.)
    nonisolated(unsafe) static let asciiWordLower: UnsafePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        for byte in 0..<256 {
            let c = UInt8(byte)
            table[byte] = isASCIIWordByte(c) ? (c >= 0x41 && c <= 0x5A ? c | 0x20 : c) : 0
        }
        return UnsafePointer(table)
    }()

    /// `isWordScalar` for an ASCII byte.
    @inline(__always)
    static func isASCIIWordByte(_ c: UInt8) -> Bool {
        c &- 0x30 < 10 || (c | 0x20) &- 0x61 < 26 || c == 0x5F
    }

    /// Ideographs, kana and hangul: scripts written without spaces between words.
    @inline(__always)
    static func isCJK(_ s: UInt32) -> Bool {
        (s >= 0x3040 && s <= 0x30FF) || (s >= 0x3400 && s <= 0x4DBF) || (s >= 0x4E00 && s <= 0x9FFF)
            || (s >= 0xAC00 && s <= 0xD7AF) || (s >= 0xF900 && s <= 0xFAFF)
    }

    /// The hash of a word given as a `String` (used to build the tables once).
    static func hash(_ word: String) -> UInt64 {
        var h = offset
        for scalar in word.unicodeScalars { h = mix(h, lower(scalar.value)) }
        return h
    }

    static func hashes(_ phrase: String) -> [UInt64] {
        phrase.split(separator: " ").map { hash(String($0)) }
    }
}

/// Decodes one UTF-8 scalar at `i`; returns the scalar and its length (invalid bytes
/// count as U+FFFD of length 1, which never happens for text from `TextDecoder`).
@inline(__always)
func dumpDecodeScalar(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> (UInt32, Int) {
    let b0 = UInt32(p[i])
    if b0 < 0x80 { return (b0, 1) }
    if b0 >= 0xC2 && b0 < 0xE0 && i + 1 < end {
        return (((b0 & 0x1F) << 6) | (UInt32(p[i + 1]) & 0x3F), 2)
    }
    if b0 >= 0xE0 && b0 < 0xF0 && i + 2 < end {
        return (((b0 & 0x0F) << 12) | ((UInt32(p[i + 1]) & 0x3F) << 6) | (UInt32(p[i + 2]) & 0x3F), 3)
    }
    if b0 >= 0xF0 && i + 3 < end {
        let s = ((b0 & 0x07) << 18) | ((UInt32(p[i + 1]) & 0x3F) << 12)
            | ((UInt32(p[i + 2]) & 0x3F) << 6) | (UInt32(p[i + 3]) & 0x3F)
        return (s, 4)
    }
    return (0xFFFD, 1)
}

/// A fixed set of word hashes with open addressing: `Set<UInt64>` runs SipHash on every
/// look-up, which the line scanner cannot afford on every word.
struct DumpHashSet: Sendable {
    private var slots: [UInt64]
    private let shift: UInt64
    /// `slots.count - 1`, kept so a look-up does not ask the array for its count.
    private let mask: Int

    init<S: Sequence>(_ keys: S) where S.Element == UInt64 {
        let list = Array(keys)
        var bits: UInt64 = 4
        while (1 << bits) < list.count * 4 { bits += 1 }
        shift = 64 - bits
        slots = [UInt64](repeating: 0, count: 1 << Int(bits))
        mask = (1 << Int(bits)) - 1
        for key in list where key != 0 {
            var i = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
            while slots[i] != 0 && slots[i] != key { i = (i + 1) & (slots.count - 1) }
            slots[i] = key
        }
    }

    @inline(__always)
    func contains(_ key: UInt64) -> Bool {
        var i = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while true {
            let slot = slots[i]
            if slot == key { return key != 0 }
            if slot == 0 { return false }
            i = (i + 1) & mask
        }
    }
}

/// A list of phrases (word-hash sequences) with a quick filter on their first words.
struct DumpPhrases: Sendable {
    let phrases: [[UInt64]]
    let firstWords: DumpHashSet
    /// A 4096-bit filter on the first words (indexed by a hash's top 12 bits): `occurs`
    /// asks it about every word of a line, and it turns almost all of them away with one
    /// load and a bit test, where the hash set takes a multiply and a probe.
    private let firstWordFilter: [UInt64]

    init(_ list: [String]) {
        phrases = list.map(DumpWord.hashes)
        firstWords = DumpHashSet(phrases.map { $0[0] })
        var filter = [UInt64](repeating: 0, count: 64)
        for phrase in phrases { filter[Int(phrase[0] >> 58)] |= 1 << ((phrase[0] >> 52) & 63) }
        firstWordFilter = filter
    }

    /// False when no phrase starts with the word; true when one may.
    @inline(__always)
    private func mayStart(_ word: UInt64) -> Bool {
        firstWordFilter[Int(word >> 58)] >> ((word >> 52) & 63) & 1 != 0
    }

    /// True when one of the phrases occurs as consecutive words of the line.
    func occurs(in line: DumpLine, of doc: DumpDocument) -> Bool {
        let n = line.wordCount
        guard n > 0 else { return false }
        return doc.words.withUnsafeBufferPointer { w in
            let base = line.firstWord
            for k in 0..<n where mayStart(w[base + k]) && firstWords.contains(w[base + k]) {
                for phrase in phrases where phrase[0] == w[base + k] && phrase.count <= n - k {
                    var ok = true
                    var j = 1
                    while j < phrase.count { if w[base + k + j] != phrase[j] { ok = false; break }; j += 1 }
                    if ok { return true }
                }
            }
            return false
        }
    }

    /// True when the line starts with one of the phrases.
    func opens(_ line: DumpLine, of doc: DumpDocument) -> Bool {
        guard line.wordCount > 0, firstWords.contains(doc.words[line.firstWord]) else { return false }
        for phrase in phrases where doc.starts(line, with: phrase) { return true }
        return false
    }

    /// Word index (into `doc.words`) just after the first occurrence of a phrase in
    /// `words`, searching across line boundaries.
    func firstEnd(in words: Range<Int>, of doc: DumpDocument) -> Int? {
        doc.words.withUnsafeBufferPointer { w in
            for k in words where firstWords.contains(w[k]) {
                for phrase in phrases where phrase[0] == w[k] && k + phrase.count <= words.upperBound {
                    var ok = true
                    var j = 1
                    while j < phrase.count { if w[k + j] != phrase[j] { ok = false; break }; j += 1 }
                    if ok { return k + phrase.count }
                }
            }
            return nil
        }
    }
}

/// Generic vocabulary: stopwords of the languages we meet most, and the phrases that page
/// chrome is made of (share lines, comment widgets, newsletter and donation appeals,
/// related-article headings, captions' credits). Nothing here names a particular site.
enum DumpVocabulary {
    /// Function words of English, German, French, Spanish, Italian, Portuguese, Russian and
    /// Indonesian. A high share of them marks running prose in any of these languages.
    static let stopwords: DumpHashSet = {
        let text = """
        the a an and or but of to in on at for with by from as is are was were be been being it its this that \
        these those he she they we you i his her their our your not no has have had will would can could should \
        may might do does did said says than then there which who whom what when where while after before about \
        into over under more most also just so if up out one two new all some any other such only very \
        der die das und ist nicht ein eine zu den von mit sich des auf für im dem auch es an als wie bei oder aus \
        nach wird werden hat sind noch \
        le la les et est un une des du en que qui dans pour pas sur au avec il elle ne se ce sont par plus \
        el los las y es un una del que en por con para no se su al lo como más pero sus le ya o este \
        il lo gli e di che non per una con da si come anche più ma sono nel della alla \
        o os as e de do da dos das em um uma para com não no na por mais se como mas ao foi ele ela \
        и в не на что с по как это из но у к за от так же то все он она они мы вы я его ее был была были о для \
        yang dan di ke dari ini itu dengan untuk tidak ada dalam akan pada juga saya kita
        """
        return DumpHashSet(text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { DumpWord.hash(String($0)) })
    }()

    static func set(_ words: [String]) -> DumpHashSet { DumpHashSet(words.map(DumpWord.hash)) }

    // Line openers that mark chrome (share bars, comment counters, related lists…).
    static let chromeFirstWord = set([
        "share", "sharing", "tweet", "email", "print", "comment", "comments", "related", "trending", "advertisement",
        "advertising", "sponsored", "subscribe", "recommended", "anzeige", "publicité", "publicidad",
        "compartir", "partager", "teilen", "condividi", "compartilhe", "werbung",
    ])
    static let chromeOpeners = DumpPhrases([
        "read more", "see more", "see also", "more from", "don t miss", "copy link", "copy url", "filed to", "filed under", "posted in", "show more sharing", "also read", "top stories", "most read", "most popular", "popular now", "sign up", "sign in",
        "log in", "follow us", "you may also like", "lire aussi", "leia também", "leia mais", "mehr zum thema",
        "lee también", "leggi anche", "читайте также",
    ])
    static let tagWords = set(["tag", "tags", "topic", "topics", "schlagwörter", "étiquettes", "etiquetas"])

    // Comment-section markers: after these the page holds readers' words, not the article's.
    static let countedThings = set(["comment", "comments", "response", "responses", "replies", "reactions", "kommentare", "commentaires", "comentarios", "commenti", "comentários"])
    static let commentOpeners = DumpPhrases([
        "comments", "leave a comment", "leave a reply", "post a comment", "add a comment", "join the discussion",
        "show comments", "view comments", "to write comments",
    ])
    static let saidWords = set(["says", "said", "wrote"])
    static let comment = DumpWord.hash("comment")
    static let comments = DumpWord.hash("comments")
    static let numbers = DumpHashSet((0...9999).map { DumpWord.hash(String($0)) })
    // Publisher named in chrome: "A Message from X", "Support X!", "connect with the X".
    static let publisherLeads = DumpPhrases(["a message from", "support", "connect with", "subscribe to"])
    static let bylineOpeners = set(["by", "posted", "written", "words", "story", "reporting", "von", "par", "por", "di"])
    static let roleWords = set(["reporter", "correspondent", "editor", "writer", "columnist", "contributor", "journalist", "staff", "opinion", "views", "columns"])
    static let permalink = DumpWord.hash("permalink")

    // Phrases that betray chrome anywhere in a short line.
    static let chromePhrases = DumpPhrases([
        "customer service", "contact us", "telephone", "fax", "share on", "share this", "click to",
        "opens in new window", "cookie", "cookies", "privacy policy", "terms of use", "terms of service",
        "all rights reserved", "copyright", "newsletter", "newsletters", "subscribe", "subscriber", "subscribers",
        "subscription", "sign up", "log in to", "javascript", "advertisement", "click here", "see also",
        "also on", "datenschutz", "tous droits réservés", "todos los derechos",
    ])
    static let readMore = DumpWord.hashes("read more")
    static let related = DumpWord.hash("related")

    // Heads of the blocks that follow an article (tags, newsletter box, "Most read"…).
    static let endOpeners = DumpPhrases([
        "read more about", "related tags", "related topics", "sign up for", "a message from", "you may also like",
        "recommended for you", "popular now", "latest stories",
    ])
    static let endWholeLines: [[UInt64]] = ["most read", "most popular"].map(DumpWord.hashes)

    // Donation and membership appeals.
    static let fundPhrases = DumpPhrases([
        "dear readers", "support us", "support our", "support independent", "your support", "donate",
        "donation", "donations", "contribute today", "make a contribution", "become a member",
        "become a subscriber", "become a supporter",
    ])

    static let appealWords = set([
        "you", "your", "us", "our", "we", "vous", "votre", "nous", "sie", "ihre", "uns", "wir", "usted", "nos", "nosotros",
        "voi", "noi", "ci", "você", "nós", "вы", "вас", "нас", "мы",
    ])

    // Photo credits and caption markers.
    static let creditWords = set(["photo", "photos", "image", "images", "picture", "pictures", "credit", "credits", "source", "foto", "fotos", "pic", "pics"])
    /// Last words of `creditEnds`: most lines end otherwise and skip the phrase loop.
    static let creditEndLastWords = DumpHashSet(creditEnds.map { $0[$0.count - 1] })
    static let creditEnds: [[UInt64]] = [
        "getty images", "ap photo", "shutterstock", "afp", "reuters", "epa", "via ap",
    ].map(DumpWord.hashes)
    static let by = DumpWord.hash("by")
    static let isWord = DumpWord.hash("is")
    static let bioArticles = set(["a", "an", "the", "our"])
}
