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

    static let maxPostings = 64

    static func entityKey(_ key: UInt32) -> UInt32 { key ^ 0x5bd1_e995 }

    var residentBytes: Int {
        var bytes = stories.capacity * 48
        for story in stories.values { bytes += (story.entities.capacity + story.terms.capacity) * 4 + 64 }
        for list in postings.values { bytes += list.capacity * 4 + 32 }
        bytes += postings.capacity * 24
        return bytes
    }

    /// The open story this article belongs to, by the story's first article.
    ///
    /// Candidates come from entity postings only (a story must share entities); terms
    /// are then compared with each candidate's own list, so cost does not grow with the
    /// number of open stories that use common words.
    func match(_ fp: ArticleFingerprint, day: Int32, settings: DedupeSettings) -> UInt32? {
        var candidates: [(story: UInt32, entities: Int)] = []
        for key in StoryIndex.unique(fp.entities) {
            // Entities shared by very many open stories (a country, a ministry) are no
            // evidence of one event.
            guard let list = postings[StoryIndex.entityKey(key)], list.count <= StoryIndex.maxPostings else { continue }
            for story in list {
                if let at = candidates.firstIndex(where: { $0.story == story }) {
                    candidates[at].entities += 1
                } else {
                    candidates.append((story, 1))
                }
            }
        }
        var best: (story: UInt32, score: Double)?
        for candidate in candidates where candidate.entities >= settings.storyMinSharedEntities {
            guard let story = stories[candidate.story] else { continue }
            let dated = fp.publishedDay != nil && story.dated
            // Both dated: the dates must be close. Otherwise vocabulary alone decides,
            // against a stricter threshold (an undated article's day is only the day it
            // arrived).
            if dated, abs(fp.publishedDay! - story.day) > Int32(settings.storyWindowDays) { continue }
            let sharedTerms = StoryIndex.unique(fp.terms).filter { story.terms.contains($0) }.count
            let score = Double(sharedTerms) / Double(max(1, min(fp.terms.count, story.terms.count)))
            let threshold = dated ? settings.storyThreshold : settings.storyThresholdUndated
            guard score >= threshold else { continue }
            if best == nil || score > best!.score || (score == best!.score && candidate.story < best!.story) {
                best = (candidate.story, score)
            }
        }
        return best?.story
    }

    static func unique(_ keys: [UInt32]) -> [UInt32] {
        var result: [UInt32] = []
        for key in keys where !result.contains(key) { result.append(key) }
        return result
    }

    mutating func open(first: UInt32, fingerprint fp: ArticleFingerprint, day: Int32, settings: DedupeSettings) {
        // A story no article can join (too few entities to share) needs no state.
        guard StoryIndex.unique(fp.entities).count >= settings.storyMinSharedEntities else {
            touch(day: fp.publishedDay ?? day, settings: settings)
            return
        }
        let story = Story(first: first, day: fp.publishedDay ?? day, lastDay: fp.publishedDay ?? day,
                          dated: fp.publishedDay != nil, entities: fp.entities, terms: fp.terms)
        stories[first] = story
        for key in StoryIndex.unique(fp.entities) { postings[StoryIndex.entityKey(key), default: []].append(first) }
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
        if insertsSinceSweep >= 1024 { sweep(settings: settings) }
    }

    /// Drops stories that ended more than twice the window before the newest day.
    mutating func sweep(settings: DedupeSettings) {
        insertsSinceSweep = 0
        let horizon = newestDay - Int32(2 * settings.storyWindowDays + 1)
        let stale = stories.filter { $0.value.lastDay < horizon }
        guard !stale.isEmpty else { return }
        // One pass per affected posting list (a popular entity's list is long:
        // removing stories one at a time from it was quadratic).
        let staleFirsts = Set(stale.keys)
        var affected = Set<UInt32>()
        for (first, story) in stale {
            stories[first] = nil
            for key in StoryIndex.unique(story.entities).map(StoryIndex.entityKey) { affected.insert(key) }
        }
        for key in affected {
            postings[key]?.removeAll { staleFirsts.contains($0) }
            if postings[key]?.isEmpty == true { postings[key] = nil }
        }
        // Dictionaries keep their capacity: copy them when mostly empty.
        if stories.capacity > 64 && stories.count * 4 < stories.capacity { stories = Dictionary(uniqueKeysWithValues: stories.map { ($0.key, $0.value) }) }
        if postings.capacity > 64 && postings.count * 4 < postings.capacity { postings = Dictionary(uniqueKeysWithValues: postings.map { ($0.key, $0.value) }) }
    }

    mutating func remove(first: UInt32) {
        guard let story = stories.removeValue(forKey: first) else { return }
        for key in StoryIndex.unique(story.entities).map(StoryIndex.entityKey) {
            postings[key]?.removeAll { $0 == first }
        }
    }
}
