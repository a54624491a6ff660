/// Thresholds of near-duplicate detection and story grouping.
///
/// Defaults were chosen on the labelled `syndicated/` set (852 BBC articles re-published
/// in other sites' page chrome, with headline rewrites, dropped sentences/paragraphs,
/// rewording, teaser cut-offs and update lines) and checked on the BBC near-duplicate
/// pairs; see `newsbench dedupe eval`. Similarities are over word 4-shingles of the
/// clean body, estimated from bottom-k sketches.
public struct DedupeSettings: Sendable, Equatable {
    /// Jaccard similarity at or above which two bodies are copies. In the labelled set,
    /// copies with rewording sit at 0.3–0.6 and all others above; different articles
    /// about one event mostly below 0.4 (a few BBC follow-ups reach 0.6, which we accept
    /// as copies). Estimates come from ~20 samples (±0.1), so 0.4 keeps true 0.2–0.3
    /// pairs out: on syndicated/, 0.5 gave recall 0.925, 0.4 0.946–0.962, 0.35 0.960
    /// but with more links between different BBC articles of one story.
    public var similarityThreshold: Double = 0.4
    /// Share of the SHORTER body found in the longer one at or above which it is a copy
    /// (teaser cut-offs, dropped paragraphs, a body that kept extra chrome).
    public var containmentThreshold: Double = 0.65
    /// Containment alone links only bodies with at least this many shingles (≈ words):
    /// a two-line stub is contained in too many articles.
    public var minContainedShingles: Int = 40
    /// Each half (beginning, end) of the shorter body must be matched at least this
    /// much: a copy matches all along, while two different articles that kept the same
    /// comment thread or footer match only at one end.
    public var minHalfMatch: Double = 0.25
    /// The first quarter of at least one body must be matched at least this much (and of
    /// the longer one, when linked by containment alone): copies share their beginning,
    /// different articles that kept the same chrome share only what follows it.
    public var minLeadMatch: Double = 0.3
    /// Of the number tokens both bodies could share, at least this share must match:
    /// results and earnings items built on one template differ in their numbers.
    public var minNumberMatch: Double = 0.5
    /// An index key shared by more than this many different articles is treated as
    /// boilerplate (a chrome line, a stock phrase) and neither indexed nor probed.
    public var maxPostingsPerKey: Int = 16

    /// Articles join a story only if their dates are at most this many days apart
    /// (when both dates are known) and the story was active within this window.
    public var storyWindowDays: Int = 4
    /// Canonical entities (people, organisations, places) an article must share with a
    /// story's first article.
    public var storyMinSharedEntities: Int = 2
    /// Story similarity (shared top terms, entity names excluded, over the smaller term
    /// list) at or above which an article joins a story when both dates are known.
    public var storyThreshold: Double = 0.25
    /// The same when one of the dates is unknown (vocabulary alone must decide). On the
    /// seeds (all about the same people), 000/003 (one visit) score between 0.3 and 0.4
    /// and the other visits below 0.3: a thin margin, see the report.
    public var storyThresholdUndated: Double = 0.3

    public init() {}
}
