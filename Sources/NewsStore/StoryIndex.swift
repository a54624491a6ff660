import NewsCore

/// Open stories (active within the story window) and their key vocabulary.
///
/// A story keeps its first article's entity and term keys (stable, so verdicts do not
/// depend on what joined later) and the dates it spans. Stories older than the window
/// (relative to the newest day seen) are dropped, so memory is bounded by the articles
/// of the last few days, not by the store.
struct StoryIndex {
    struct Story {
        var first: UInt32
        var day: Int32
        var lastDay: Int32
        var dated: Bool
        var entities: [UInt32]
        var terms: [UInt32]
    }

    private(set) var stories: [UInt32: Story] = [:]
    private var postings: [UInt32: [UInt32]] = [:]
    private var newestDay: Int32 = .min
    private var insertsSinceSweep = 0

    static func entityKey(_ key: UInt32) -> UInt32 { key ^ 0x5bd1_e995 }
    static func termKey(_ key: UInt32) -> UInt32 { key ^ 0x1b87_3593 }

    var residentBytes: Int {
        var bytes = stories.capacity * 48
        for story in stories.values { bytes += (story.entities.capacity + story.terms.capacity) * 4 + 64 }
        for list in postings.values { bytes += list.capacity * 4 + 32 }
        bytes += postings.capacity * 24
        return bytes
    }

    /// The open story this article belongs to, by the story's first article.
    func match(_ fp: ArticleFingerprint, day: Int32, settings: DedupeSettings) -> UInt32? {
        var shared: [UInt32: (entities: Int, terms: Int)] = [:]
        for key in Set(fp.entities) {
            for story in postings[StoryIndex.entityKey(key)] ?? [] { shared[story, default: (0, 0)].entities += 1 }
        }
        for key in Set(fp.terms) {
            for story in postings[StoryIndex.termKey(key)] ?? [] { shared[story, default: (0, 0)].terms += 1 }
        }
        var best: (story: UInt32, score: Double)?
        for (first, counts) in shared.sorted(by: { $0.key < $1.key }) {
            guard counts.entities >= settings.storyMinSharedEntities, let story = stories[first] else { continue }
            let dated = fp.publishedDay != nil && story.dated
            let window = Int32(settings.storyWindowDays)
            // Both dated: the dates must be close. Otherwise vocabulary alone decides,
            // against a stricter threshold (an undated article's day is only the day it
            // arrived).
            if dated, abs(fp.publishedDay! - story.day) > window { continue }
            let smaller = Double(max(1, min(fp.entities.count + fp.terms.count, story.entities.count + story.terms.count)))
            let score = Double(counts.entities + counts.terms) / smaller
            let threshold = dated ? settings.storyThreshold : settings.storyThresholdUndated
            guard score >= threshold else { continue }
            if best == nil || score > best!.score { best = (first, score) }
        }
        return best?.story
    }

    mutating func open(first: UInt32, fingerprint fp: ArticleFingerprint, day: Int32, settings: DedupeSettings) {
        let story = Story(first: first, day: fp.publishedDay ?? day, lastDay: fp.publishedDay ?? day,
                          dated: fp.publishedDay != nil, entities: fp.entities, terms: fp.terms)
        stories[first] = story
        for key in Set(fp.entities) { postings[StoryIndex.entityKey(key), default: []].append(first) }
        for key in Set(fp.terms) { postings[StoryIndex.termKey(key), default: []].append(first) }
        touch(day: story.lastDay, settings: settings)
    }

    mutating func extend(_ first: UInt32, fingerprint fp: ArticleFingerprint, day: Int32, settings: DedupeSettings) {
        let d = fp.publishedDay ?? day
        if var story = stories[first] {
            story.lastDay = max(story.lastDay, d)
            stories[first] = story
        }
        touch(day: d, settings: settings)
    }

    private mutating func touch(day: Int32, settings: DedupeSettings) {
        newestDay = max(newestDay, day)
        insertsSinceSweep += 1
        if insertsSinceSweep >= 4096 { sweep(settings: settings) }
    }

    /// Drops stories that ended more than twice the window before the newest day.
    mutating func sweep(settings: DedupeSettings) {
        insertsSinceSweep = 0
        let horizon = newestDay - Int32(2 * settings.storyWindowDays + 1)
        let stale = stories.filter { $0.value.lastDay < horizon }
        guard !stale.isEmpty else { return }
        for (first, story) in stale {
            stories[first] = nil
            for key in Set(story.entities.map(StoryIndex.entityKey) + story.terms.map(StoryIndex.termKey)) {
                postings[key]?.removeAll { $0 == first }
                if postings[key]?.isEmpty == true { postings[key] = nil }
            }
        }
    }

    mutating func remove(first: UInt32) {
        guard let story = stories.removeValue(forKey: first) else { return }
        for key in Set(story.entities.map(StoryIndex.entityKey) + story.terms.map(StoryIndex.termKey)) {
            postings[key]?.removeAll { $0 == first }
        }
    }
}
