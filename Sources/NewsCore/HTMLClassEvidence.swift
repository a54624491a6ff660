/// What an element's `class` and `id` say about it: page chrome (comments, sharing,
/// related links, navigation, ads) or article body.
///
/// Each whitespace-separated token is judged on its own: a token is chrome when it
/// names chrome and nothing article-like ("article-share" is chrome, "content" is not);
/// an element is chrome when one of its tokens is chrome and none is purely
/// article-like ("content has-sidebar" stays content).
struct HTMLClassEvidence: OptionSet {
    let rawValue: UInt8
    static let chrome = HTMLClassEvidence(rawValue: 1)
    static let content = HTMLClassEvidence(rawValue: 2)
    static let byline = HTMLClassEvidence(rawValue: 4)
    static let hidden = HTMLClassEvidence(rawValue: 8)
    static let weakChrome = HTMLClassEvidence(rawValue: 16)
    static let anyChromeMask: UInt8 = 1 | 16

    /// Chrome words matched anywhere inside a token ("relatedStories", "c-comments").
    static let chromeSubstrings: [[UInt8]] = [
        "comment", "disqus", "share", "sharing", "social", "related", "recommend", "promo", "sidebar",
        "footer", "newsletter", "subscri", "signup", "breadcrumb", "masthead", "outbrain", "taboola",
        "popular", "trending", "mostread", "most-read", "toolbar", "cookie", "consent", "pagination", "pager",
        "navbar", "navigation", "menu", "read-more", "readmore", "more-stories", "morestories", "follow",
        "login", "modal", "popup", "taglist", "tag-list", "tags", "keywords", "playlist",
        "donate", "feedback", "survey", "byline", "dateline", "timestamp",
    ].map { Array($0.utf8) }

    /// Chrome words that must be a whole dash/underscore-separated word ("nav").
    static let chromeWords: [[UInt8]] = [
        "nav", "tag", "foot", "aside", "links", "sns", "tools", "utility",
    ].map { Array($0.utf8) }

    /// Words that usually mark chrome (ads, media, credits) but also appear in the
    /// names of wrappers around the article ("article-ad-wrapper"): weaker evidence.
    static let weakSubstrings: [[UInt8]] = [
        "banner", "advert", "sponsor", "widget", "author", "caption", "credit", "print", "rss", "skip",
        "overlay", "tooltip", "teaser", "headline", "article-title", "entry-title", "post-title",
        "article-header", "kicker", "adslot", "ad-slot", "ad-container", "ad-wrap", "dfp", "gpt-ad",
        "gallery", "slideshow", "video", "player", "meta", "contact", "disclaimer", "copyright", "hidden",
        "nocontent", "no-content", "email", "audio", "podcast", "partner", "branding", "logo", "header",
    ].map { Array($0.utf8) }

    static let weakWords: [[UInt8]] = [
        "ad", "ads", "date", "time", "extra", "hide", "top", "bottom", "bar", "icon", "icons", "button", "btn",
    ].map { Array($0.utf8) }

    /// Article words matched anywhere inside a token.
    static let contentSubstrings: [[UInt8]] = [
        "article", "content", "story", "entry", "post", "body", "main", "text", "column",
        "blog", "prose", "richtext", "rich-text", "paragraph",
    ].map { Array($0.utf8) }

    static let bylineSubstrings: [[UInt8]] = ["byline", "author"].map { Array($0.utf8) }

    /// Judges one attribute value (class or id) given as raw bytes.
    static let maxJudgedBytes = 192

    static func judge(_ value: UnsafePointer<UInt8>, scratch: inout [UInt8]) -> HTMLClassEvidence {
        var result = HTMLClassEvidence(rawValue: 0)
        var anyChrome = false
        var anyWeak = false
        var anyPureContent = false
        var index = 0
        // Utility-class soups ("flex items-center px-4 …") can run to hundreds of
        // bytes; the words that matter come first.
        while index < maxJudgedBytes {
            // Next token.
            while value[index] == 0x20 || value[index] == 0x09 || value[index] == 0x0A || value[index] == 0x0D {
                index += 1
            }
            if value[index] == 0 { break }
            scratch.removeAll(keepingCapacity: true)
            while value[index] != 0 && value[index] != 0x20 && value[index] != 0x09 && value[index] != 0x0A
                && value[index] != 0x0D {
                var byte = value[index]
                if byte >= 0x41 && byte <= 0x5A { byte += 0x20 }
                scratch.append(byte)
                index += 1
                if scratch.count > 80 { break }
            }
            while value[index] != 0 && value[index] != 0x20 && value[index] != 0x09 { index += 1 }
            let verdict = scratch.withUnsafeBufferPointer { judgeToken($0) }
            if verdict.contains(.chrome) { anyChrome = true }
            if verdict.contains(.weakChrome) && !verdict.contains(.content) { anyWeak = true }
            if verdict.contains(.content) && !verdict.contains(.chrome) && !verdict.contains(.weakChrome) {
                anyPureContent = true
            }
            if verdict.contains(.byline) { result.insert(.byline) }
            if verdict.contains(.hidden) { result.insert(.hidden) }
        }
        if anyChrome && !anyPureContent {
            result.insert(.chrome)
        } else if anyWeak && !anyPureContent {
            result.insert(.weakChrome)
        }
        if anyPureContent { result.insert(.content) }
        return result
    }

    private static func judgeToken(_ token: UnsafeBufferPointer<UInt8>) -> HTMLClassEvidence {
        if token.count == 0 { return [] }
        var found = matches(token)
        if found & chromeBit == 0 && hasWord(token, chromeWords) { found |= chromeBit }
        if found & weakBit == 0 && hasWord(token, weakWords) { found |= weakBit }
        // Embedded posts and media quoted by the article ("social-media-embed").
        if found & embedBit != 0 { found &= ~(chromeBit | weakBit) }
        var verdict = HTMLClassEvidence(rawValue: 0)
        if found & chromeBit != 0 { verdict.formUnion(.chrome) }
        if found & weakBit != 0 { verdict.formUnion(.weakChrome) }
        if found & contentBit != 0 { verdict.formUnion(.content) }
        if found & bylineBit != 0 { verdict.formUnion(.byline) }
        if equals(token, "hidden") || equals(token, "sr-only") || equals(token, "visually-hidden")
            || equals(token, "screen-reader-text") || equals(token, "d-none") || equals(token, "hide") {
            verdict.formUnion(.hidden)
        }
        return verdict
    }

    private static func equals(_ token: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        guard token.count == word.utf8CodeUnitCount else { return false }
        let pointer = word.utf8Start
        for index in 0..<token.count where token[index] != pointer[index] { return false }
        return true
    }

    /// Pattern categories, as bits of a match mask.
    static let chromeBit: UInt8 = 1, weakBit: UInt8 = 2, contentBit: UInt8 = 4, bylineBit: UInt8 = 8, embedBit: UInt8 = 16

    /// All substring patterns in one flat byte array, grouped by their first byte, with
    /// a bitmap of the two-byte prefixes that start any pattern: most token positions
    /// are rejected by one bit test.
    struct PatternIndex {
        var bytes: [UInt8] = []
        /// Per pattern: offset in `bytes`, length and category bits.
        var offsets: [Int32] = []
        var lengths: [Int32] = []
        var categories: [UInt8] = []
        /// Per first byte: range of pattern numbers.
        var bucketStart = [Int32](repeating: 0, count: 257)
        /// 65,536 bits, one per two-byte prefix.
        var prefixes = [UInt64](repeating: 0, count: 1024)

        init(_ lists: [([[UInt8]], UInt8)]) {
            var all: [([UInt8], UInt8)] = []
            for (patterns, category) in lists { for pattern in patterns where pattern.count >= 2 { all.append((pattern, category)) } }
            all.sort { $0.0[0] < $1.0[0] }
            for (pattern, category) in all {
                offsets.append(Int32(bytes.count))
                lengths.append(Int32(pattern.count))
                categories.append(category)
                bytes.append(contentsOf: pattern)
                let prefix = Int(pattern[0]) << 8 | Int(pattern[1])
                prefixes[prefix >> 6] |= 1 << UInt64(prefix & 63)
            }
            var number = 0
            for byte in 0...256 {
                while number < all.count && Int(all[number].0[0]) < byte { number += 1 }
                bucketStart[byte] = Int32(number)
            }
        }
    }

    private static let index = PatternIndex([
        (chromeSubstrings, chromeBit), (weakSubstrings, weakBit), (contentSubstrings, contentBit),
        (bylineSubstrings, bylineBit), (["embed", "tweet", "instagram-media"].map { Array($0.utf8) }, embedBit),
    ])

    /// The categories of all patterns found in `token`.
    private static func matches(_ token: UnsafeBufferPointer<UInt8>) -> UInt8 {
        guard token.count >= 2 else { return 0 }
        return index.bytes.withUnsafeBufferPointer { bytes in
            index.offsets.withUnsafeBufferPointer { offsets in
                index.lengths.withUnsafeBufferPointer { lengths in
                    index.categories.withUnsafeBufferPointer { categories in
                        index.bucketStart.withUnsafeBufferPointer { buckets in
                            index.prefixes.withUnsafeBufferPointer { prefixes in
                                var found: UInt8 = 0
                                for start in 0..<(token.count - 1) {
                                    let prefix = Int(token[start]) << 8 | Int(token[start + 1])
                                    if prefixes[prefix >> 6] & (1 << UInt64(prefix & 63)) == 0 { continue }
                                    let first = Int(token[start])
                                    var number = Int(buckets[first])
                                    let last = Int(buckets[first + 1])
                                    let room = token.count - start
                                    while number < last {
                                        let length = Int(lengths[number])
                                        if length <= room && categories[number] & found == 0 {
                                            let offset = Int(offsets[number])
                                            var matched = 1
                                            while matched < length && token[start + matched] == bytes[offset + matched] { matched += 1 }
                                            if matched == length { found |= categories[number] }
                                        }
                                        number += 1
                                    }
                                }
                                return found
                            }
                        }
                    }
                }
            }
        }
    }

    /// Whole words separated by `-`, `_`, `:` or `.`.
    private static func hasWord(_ token: UnsafeBufferPointer<UInt8>, _ words: [[UInt8]]) -> Bool {
        var start = 0
        while start < token.count {
            var end = start
            while end < token.count && !isSeparator(token[end]) { end += 1 }
            let length = end - start
            if length > 0 {
                for word in words where word.count == length {
                    var same = true
                    for offset in 0..<length where token[start + offset] != word[offset] { same = false; break }
                    if same { return true }
                }
            }
            start = end + 1
        }
        return false
    }

    private static func isSeparator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: ".")
            || (byte >= 0x30 && byte <= 0x39)
    }
}
