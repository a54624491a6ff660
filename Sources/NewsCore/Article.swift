import Foundation

/// What newsd understood of one input file: the clean article and its metadata.
///
/// Produced by `ArticleProcessor.process(_:name:)` from bytes alone; the daemon adds
/// the facts that need the outside world (id, time, hash) when it makes a `Record`.
public struct Article: Sendable, Equatable {
    public var format: ArticleFormat
    /// Headline; for page dumps without one, derived from the first sentence.
    public var title: String
    /// Clean body: paragraphs separated by one blank line, no page chrome.
    public var text: String
    public var byline: [String]
    public var publisher: String?
    /// ISO 8601 date (`2024-10-30`) or date-time; nil when unknown (never guessed).
    public var published: String?
    /// ISO 639-1 code of the body's language; nil when too little text to tell.
    public var language: String?
    /// Canonical URL when the page states one.
    public var url: String?
    /// First paragraph of `text`.
    public var lead: String
    public var wordCount: Int
    public var entities: Entities
    /// True when the bytes were not valid in any Unicode encoding and were read as
    /// Windows-1252, so some characters may be wrong.
    public var decodedLossy: Bool

    public init(
        format: ArticleFormat,
        title: String,
        text: String,
        byline: [String] = [],
        publisher: String? = nil,
        published: String? = nil,
        language: String? = nil,
        url: String? = nil,
        lead: String? = nil,
        wordCount: Int? = nil,
        entities: Entities = Entities(),
        decodedLossy: Bool = false
    ) {
        self.format = format
        self.title = title
        self.text = text
        self.byline = byline
        self.publisher = publisher
        self.published = published
        self.language = language
        self.url = url
        self.lead = lead ?? Article.firstParagraph(of: text)
        self.wordCount = wordCount ?? Article.countWords(in: text)
        self.entities = entities
        self.decodedLossy = decodedLossy
    }

    public static func firstParagraph(of text: String) -> String {
        guard let range = text.range(of: "\n\n") else { return text }
        return String(text[..<range.lowerBound])
    }

    /// Words are maximal runs of letters or digits (so "Son-hui" is two).
    public static func countWords(in text: String) -> Int {
        var copy = text
        return copy.withUTF8 { countWords(utf8: $0) }
    }

    /// `countWords(in:)` on valid UTF-8 bytes, the one word count every extractor
    /// uses: ASCII and the common scripts are decided without Unicode look-ups.
    public static func countWords(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        var inWord = false
        var index = 0
        let end = bytes.count
        while index < end {
            let byte = bytes[index]
            let isWordScalar: Bool
            if byte < 0x80 {
                // A run of ASCII: counted without branching on every byte.
                // `previous` is 1 inside a word; a word starts where a word byte follows 0.
                var previous = inWord ? 1 : 0
                var i = index
                let table = asciiWordTable
                let base = bytes.baseAddress!
                // Eight bytes at a time while they are all ASCII (see `asciiWordStarts`).
                let raw = UnsafeRawPointer(base)
                while i &+ 8 <= end {
                    let chunk = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    if chunk & 0x8080_8080_8080_8080 != 0 { break }
                    let (starts, last) = asciiWordStarts(chunk, afterWord: previous == 1)
                    count &+= starts
                    previous = last ? 1 : 0
                    i &+= 8
                }
                while i < end {
                    let c = base[i]
                    if c >= 0x80 { break }
                    let isWord = Int(table[Int(c)])
                    count &+= isWord & (previous ^ 1)
                    previous = isWord
                    i &+= 1
                }
                inWord = previous == 1
                index = i
                continue
            } else {
                let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
                var value = UInt32(byte) & (length == 4 ? 0x07 : length == 3 ? 0x0F : 0x1F)
                var offset = 1
                while offset < length && index + offset < end {
                    value = value << 6 | UInt32(bytes[index + offset] & 0x3F)
                    offset += 1
                }
                index += length
                isWordScalar = isLetterOrDigit(value)
            }
            if isWordScalar && !inWord { count += 1 }
            inWord = isWordScalar
        }
        return count
    }

    /// Words that start in eight ASCII bytes (loaded little-endian), and whether the last
    /// byte is inside a word: the high bit of each byte is set in a mask when it is a
    /// letter or digit (range tests on all bytes at once; no carry crosses a byte as
    /// every byte is below 0x80), and a word starts where a set byte follows a clear one.
    @inline(__always)
    static func asciiWordStarts(_ chunk: UInt64, afterWord: Bool) -> (starts: Int, lastInWord: Bool) {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        let folded = chunk | (0x20 &* ones)
        let letter = (folded &+ (0x80 - 0x61) &* ones) & ~(folded &+ (0x7F - 0x7A) &* ones)
        let digit = (chunk &+ (0x80 - 0x30) &* ones) & ~(chunk &+ (0x7F - 0x39) &* ones)
        let word = (letter | digit) & high
        let starts = word & ~((word << 8) | (afterWord ? 0x80 : 0))
        // One bit per byte at bit 7: the multiply adds the bytes into the top one.
        let count = Int(truncatingIfNeeded: ((starts >> 7) &* ones) >> 56)
        return (count, word >> 63 != 0)
    }

    /// 1 for ASCII letters and digits, else 0 (a raw pointer, allocated once: no
    /// retain or bounds check in the counting loop).
    nonisolated(unsafe) private static let asciiWordTable: UnsafePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 128)
        for c in 0..<128 {
            table[c] = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) ? 1 : 0
        }
        return UnsafePointer(table)
    }()

    /// `isAlphabetic || numericType != nil`, with the common ranges decided without a
    /// property look-up (curly quotes and dashes are frequent in news text).
    @inline(__always)
    static func isLetterOrDigit(_ v: UInt32) -> Bool {
        if v >= 0x2000 && v <= 0x206F { return false }  // general punctuation
        if v >= 0xC0 && v <= 0x24F { return v != 0xD7 && v != 0xF7 }  // Latin letters
        if v >= 0x410 && v <= 0x44F { return true }  // basic Cyrillic
        if (v >= 0x4E00 && v <= 0x9FFF) || (v >= 0xAC00 && v <= 0xD7A3) { return true }  // ideographs, hangul
        guard let scalar = Unicode.Scalar(v) else { return false }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}

public enum ArticleFormat: String, Sendable, Codable, CaseIterable {
    case text
    case html
}

/// Named entities found in the body, each under its canonical name.
public struct Entities: Sendable, Equatable, Codable {
    public var people: [EntityMention]
    public var organizations: [EntityMention]
    public var places: [EntityMention]

    public init(people: [EntityMention] = [], organizations: [EntityMention] = [], places: [EntityMention] = []) {
        self.people = people
        self.organizations = organizations
        self.places = places
    }

    public var isEmpty: Bool { people.isEmpty && organizations.isEmpty && places.isEmpty }
}

public struct EntityMention: Sendable, Equatable, Codable {
    /// The canonical form that joins spelling variants ("Choe Son Hui" for "Choe Son-hui").
    public var name: String
    public var count: Int

    public init(name: String, count: Int) {
        self.name = name
        self.count = count
    }
}
