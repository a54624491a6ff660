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
    static func judge(_ value: UnsafePointer<UInt8>, scratch: inout [UInt8]) -> HTMLClassEvidence {
        var result: HTMLClassEvidence = []
        var anyChrome = false
        var anyWeak = false
        var anyPureContent = false
        var index = 0
        while true {
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
        var verdict: HTMLClassEvidence = []
        if token.count == 0 { return verdict }
        if contains(token, chromeIndex) { verdict.insert(.chrome) }
        if !verdict.contains(.chrome) && hasWord(token, chromeWords) { verdict.insert(.chrome) }
        if contains(token, weakIndex) || hasWord(token, weakWords) { verdict.insert(.weakChrome) }
        // Embedded posts and media quoted by the article ("social-media-embed").
        if contains(token, embedIndex) { verdict.remove([.chrome, .weakChrome]) }
        if contains(token, contentIndex) { verdict.insert(.content) }
        if contains(token, bylineIndex) { verdict.insert(.byline) }
        if equals(token, "hidden") || equals(token, "sr-only") || equals(token, "visually-hidden")
            || equals(token, "screen-reader-text") || equals(token, "d-none") || equals(token, "hide") {
            verdict.insert(.hidden)
        }
        return verdict
    }

    private static func equals(_ token: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        guard token.count == word.utf8CodeUnitCount else { return false }
        let pointer = word.utf8Start
        for index in 0..<token.count where token[index] != pointer[index] { return false }
        return true
    }

    /// Patterns in one flat byte array, grouped by their first byte, so a token
    /// position is only compared with the patterns that can start there.
    struct PatternIndex {
        var bytes: [UInt8] = []
        /// Per pattern: offset in `bytes` and length.
        var offsets: [Int32] = []
        var lengths: [Int32] = []
        /// Per first byte: range of pattern numbers.
        var bucketStart = [Int32](repeating: 0, count: 257)

        init(_ patterns: [[UInt8]]) {
            let sorted = patterns.filter { !$0.isEmpty }.sorted { $0[0] < $1[0] }
            for pattern in sorted {
                offsets.append(Int32(bytes.count))
                lengths.append(Int32(pattern.count))
                bytes.append(contentsOf: pattern)
            }
            var number = 0
            for byte in 0...256 {
                while number < sorted.count && Int(sorted[number][0]) < byte { number += 1 }
                bucketStart[byte] = Int32(number)
            }
        }
    }

    private static let chromeIndex = PatternIndex(chromeSubstrings)
    private static let weakIndex = PatternIndex(weakSubstrings)
    private static let contentIndex = PatternIndex(contentSubstrings)
    private static let bylineIndex = PatternIndex(bylineSubstrings)
    private static let embedIndex = PatternIndex(["embed", "tweet", "instagram-media"].map { Array($0.utf8) })

    private static func contains(_ token: UnsafeBufferPointer<UInt8>, _ index: PatternIndex) -> Bool {
        index.bytes.withUnsafeBufferPointer { bytes in
            index.offsets.withUnsafeBufferPointer { offsets in
                index.lengths.withUnsafeBufferPointer { lengths in
                    index.bucketStart.withUnsafeBufferPointer { buckets in
                        for start in 0..<token.count {
                            let first = Int(token[start])
                            var number = Int(buckets[first])
                            let last = Int(buckets[first + 1])
                            let room = token.count - start
                            while number < last {
                                let length = Int(lengths[number])
                                if length <= room {
                                    let offset = Int(offsets[number])
                                    var matched = 1
                                    while matched < length && token[start + matched] == bytes[offset + matched] { matched += 1 }
                                    if matched == length { return true }
                                }
                                number += 1
                            }
                        }
                        return false
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
