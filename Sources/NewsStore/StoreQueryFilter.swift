import Foundation
import NewsCore

/// Filters shared by `list`, `search`, `follow` and `export`.
public struct RecordFilter: Sendable, Equatable {
    /// Arrived at or after (inclusive), by record id.
    public var since: RecordID?
    /// Arrived at or before (inclusive), by record id.
    public var until: RecordID?
    /// Case-insensitive substring of the publisher.
    public var publisher: String?
    /// ISO 639-1 code, exact.
    public var language: String?
    /// nil: all; true: only copies of an earlier article; false: no copies.
    public var duplicates: Bool?

    public init(since: Date? = nil, until: Date? = nil, publisher: String? = nil, language: String? = nil, duplicates: Bool? = nil) {
        self.since = since.map { RecordID.first(at: $0) }
        self.until = until.map { RecordID.last(at: $0) }
        self.publisher = publisher
        self.language = language?.lowercased()
        self.duplicates = duplicates
    }

    public var hasFieldConditions: Bool { publisher != nil || language != nil || duplicates != nil }

    /// Whether the line passes (its id is checked against since/until too).
    public func matches(_ fields: RecordFields) -> Bool {
        if since != nil || until != nil {
            guard let id = fields.id else { return false }
            if let since, id < since { return false }
            if let until, id > until { return false }
        }
        if let publisher {
            guard let value = fields.string(.publisher), value.range(of: publisher, options: [.caseInsensitive, .diacriticInsensitive]) != nil else { return false }
        }
        if let language {
            guard let value = fields.stringBytes(.language), value.elementsEqual(language.utf8) else { return false }
        }
        if let duplicates {
            if duplicates == fields.isNull(.duplicateOf) { return false }
        }
        return true
    }
}

extension RecordID {
    /// The smallest id made at this instant.
    public static func first(at date: Date) -> RecordID {
        let ms = UInt64(max(0, (date.timeIntervalSince1970 * 1000).rounded(.down)))
        return RecordID(rawValue: ms << 16)
    }

    /// The largest id made at this instant.
    public static func last(at date: Date) -> RecordID {
        let ms = UInt64(max(0, (date.timeIntervalSince1970 * 1000).rounded(.down)))
        return RecordID(rawValue: ms << 16 | 0xFFFF)
    }

    public var date: Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }
}

/// What listings show of a record: the small fields, unescaped, no body.
public struct RecordSummary: Sendable, Equatable {
    public var id: String
    public var ingestedAt: String
    public var published: String?
    public var publisher: String?
    public var language: String?
    public var title: String
    public var file: String
    public var wordCount: Int
    public var duplicateOf: String?
    public var similarity: Double?
    public var story: String?

    public init(id: String, ingestedAt: String, published: String?, publisher: String?, language: String?, title: String,
                file: String, wordCount: Int, duplicateOf: String?, similarity: Double?, story: String?) {
        self.id = id
        self.ingestedAt = ingestedAt
        self.published = published
        self.publisher = publisher
        self.language = language
        self.title = title
        self.file = file
        self.wordCount = wordCount
        self.duplicateOf = duplicateOf
        self.similarity = similarity
        self.story = story
    }

    public init?(_ fields: RecordFields) {
        guard let id = fields.string(.id) else { return nil }
        self.id = id
        ingestedAt = fields.string(.ingestedAt) ?? ""
        published = fields.string(.published)
        publisher = fields.string(.publisher)
        language = fields.string(.language)
        title = fields.string(.title) ?? ""
        file = fields.string(.file) ?? ""
        wordCount = fields.int(.wordCount) ?? 0
        duplicateOf = fields.string(.duplicateOf)
        similarity = fields.double(.similarity)
        story = fields.string(.story)
    }

    public init(_ record: Record) {
        id = record.id
        ingestedAt = record.ingestedAt
        published = record.published
        publisher = record.publisher
        language = record.language
        title = record.title
        file = record.file
        wordCount = record.wordCount
        duplicateOf = record.duplicateOf
        similarity = record.similarity
        story = record.story
    }

    /// The date people care about: published when known, else arrival (both as stored).
    public var date: String { published ?? ingestedAt }

    /// One JSON object (no newline), keys in a fixed order.
    public func json(extra: (inout JSONWriter) -> Void = { _ in }) -> [UInt8] {
        var out = JSONWriter(capacity: 512)
        out.open()
        out.key("id"); out.string(id)
        out.key("ingested_at"); out.string(ingestedAt)
        out.key("published"); out.optionalString(published)
        out.key("publisher"); out.optionalString(publisher)
        out.key("language"); out.optionalString(language)
        out.key("title"); out.string(title)
        out.key("file"); out.string(file)
        out.key("word_count"); out.int(wordCount)
        out.key("duplicate_of"); out.optionalString(duplicateOf)
        out.key("similarity")
        if let similarity { out.double(similarity) } else { out.null() }
        out.key("story"); out.optionalString(story)
        extra(&out)
        out.close()
        return out.bytes
    }
}
