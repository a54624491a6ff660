/// One line of the store: an article plus the facts of its arrival.
///
/// Schema version 1 (`"v": 1`), documented field by field in README.md and in
/// `Config/record.schema.json`. Records are immutable once written.
public struct Record: Sendable, Equatable, Codable {
    public static let schemaVersion = 1

    public var v: Int
    /// Unique, stable, and sortable by arrival (see `RecordID`).
    public var id: String
    /// Path relative to the inbox, as the file arrived.
    public var file: String
    /// SHA-256 of the file's bytes, lowercase hex.
    public var sha256: String
    public var bytes: Int
    /// RFC 3339 UTC time the record was made.
    public var ingestedAt: String
    public var format: ArticleFormat
    public var title: String
    public var byline: [String]
    public var publisher: String?
    public var published: String?
    public var language: String?
    public var url: String?
    public var lead: String
    public var wordCount: Int
    public var text: String
    public var entities: Entities
    /// Id of the first-seen article this one copies (never a chain), or nil.
    public var duplicateOf: String?
    /// Similarity (0–1) to `duplicateOf`; nil when not a duplicate.
    public var similarity: Double?
    /// Story cluster id, or nil when not assigned.
    public var story: String?
    public var decodedLossy: Bool

    enum CodingKeys: String, CodingKey {
        case v, id, file, sha256, bytes
        case ingestedAt = "ingested_at"
        case format, title, byline, publisher, published, language, url, lead
        case wordCount = "word_count"
        case text, entities
        case duplicateOf = "duplicate_of"
        case similarity, story
        case decodedLossy = "decoded_lossy"
    }

    public init(
        id: String,
        file: String,
        sha256: String,
        bytes: Int,
        ingestedAt: String,
        article: Article,
        duplicateOf: String? = nil,
        similarity: Double? = nil,
        story: String? = nil
    ) {
        self.v = Record.schemaVersion
        self.id = id
        self.file = file
        self.sha256 = sha256
        self.bytes = bytes
        self.ingestedAt = ingestedAt
        self.format = article.format
        self.title = article.title
        self.byline = article.byline
        self.publisher = article.publisher
        self.published = article.published
        self.language = article.language
        self.url = article.url
        self.lead = article.lead
        self.wordCount = article.wordCount
        self.text = article.text
        self.entities = article.entities
        self.duplicateOf = duplicateOf
        self.similarity = similarity
        self.story = story
        self.decodedLossy = article.decodedLossy
    }
}
