/// What the dedupe index says about one article.
public struct DedupeVerdict: Sendable, Equatable {
    /// The first-seen article of the copy group (never a chain), or nil.
    public var duplicateOf: RecordID?
    /// Similarity (0–1) to `duplicateOf`; nil when not a duplicate.
    public var similarity: Double?
    /// The story's first article; nil means this article starts its own story (its
    /// own id becomes the story id when it is inserted).
    public var story: RecordID?

    public init(duplicateOf: RecordID? = nil, similarity: Double? = nil, story: RecordID? = nil) {
        self.duplicateOf = duplicateOf
        self.similarity = similarity
        self.story = story
    }

    /// The story id to record for an article with id `id`.
    public func storyID(for id: RecordID) -> RecordID { story ?? id }
}
