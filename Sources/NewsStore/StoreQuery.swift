import Foundation
import Glibc
import NewsCore

/// Queries over the store for `newsctl`, read-only and without decoding every line:
/// ids give arrival order (binary search for `since`/`until`, newest from the end),
/// a byte search finds candidate lines, `RecordFields` reads only the fields needed,
/// and whole records are decoded only for what is shown.
public struct StoreQuery: Sendable {
    public let reader: StoreReader

    public init(directory: String) throws(StoreReadError) {
        reader = try StoreReader(directory: directory)
    }

    public init(reader: StoreReader) { self.reader = reader }

    /// Where a line is: enough to read it again.
    public struct Place: Sendable, Hashable {
        public var segment: Int
        public var offset: Int
    }

    // MARK: - Ranges by arrival

    /// The first place whose id is at least `id`.
    func start(atOrAfter id: RecordID) throws -> Place {
        let segments = reader.segments
        var index = 0
        for (position, segment) in segments.enumerated().reversed() {
            if let first = try reader.firstID(of: segment), first <= id { index = position; break }
        }
        guard index < segments.count else { return Place(segment: 0, offset: 0) }
        return Place(segment: index, offset: try reader.firstOffset(atOrAfter: id, in: segments[index]))
    }

    /// Lines matching `filter`, oldest first. `body` returns false to stop.
    public func forEachMatching(_ filter: RecordFilter, _ body: (Place, RecordFields) throws -> Bool) throws {
        let begin = try filter.since.map(start(atOrAfter:)) ?? Place(segment: 0, offset: 0)
        let segments = reader.segments
        guard begin.segment < segments.count else { return }
        for index in begin.segment..<segments.count {
            var stop = false
            try reader.forEachLine(in: segments[index], from: index == begin.segment ? begin.offset : 0) { offset, line in
                guard let fields = RecordFields(line) else { return true }
                if let until = filter.until, let id = fields.id, id > until { stop = true; return false }
                guard filter.matches(fields) else { return true }
                if try !body(Place(segment: index, offset: offset), fields) { stop = true; return false }
                return true
            }
            if stop { return }
        }
    }

    /// Lines matching `filter`, newest first. `body` returns false to stop.
    public func forEachMatchingReversed(_ filter: RecordFilter, _ body: (Place, RecordFields) throws -> Bool) throws {
        let segments = reader.segments
        var end: Place? = nil
        if let until = filter.until, until.rawValue < UInt64.max {
            end = try start(atOrAfter: RecordID(rawValue: until.rawValue + 1))
        }
        var index = end?.segment ?? segments.count - 1
        while index >= 0 {
            var stop = false
            let before = end.flatMap { $0.segment == index ? $0.offset : nil }
            try reader.forEachLineReversed(in: segments[index], before: before) { offset, line in
                guard let fields = RecordFields(line) else { return true }
                if let since = filter.since, let id = fields.id, id < since { stop = true; return false }
                guard filter.matches(fields) else { return true }
                if try !body(Place(segment: index, offset: offset), fields) { stop = true; return false }
                return true
            }
            if stop { return }
            index -= 1
        }
    }

    /// The newest `limit` records matching `filter` (0: all), newest first.
    public func list(_ filter: RecordFilter, limit: Int) throws -> [RecordSummary] {
        var result: [RecordSummary] = []
        try forEachMatchingReversed(filter) { _, fields in
            if let summary = RecordSummary(fields) { result.append(summary) }
            return limit <= 0 || result.count < limit
        }
        return result
    }

    // MARK: - Single records

    public func line(for id: RecordID) throws -> [UInt8]? { try reader.line(for: id) }

    public func record(_ id: RecordID) throws -> Record? {
        guard let line = try reader.line(for: id) else { return nil }
        return try RecordLine.decode(line)
    }

    public func line(at place: Place) throws -> [UInt8]? {
        try reader.line(in: reader.segments[place.segment], at: place.offset)
    }

    public func summary(at place: Place) throws -> RecordSummary? {
        guard let line = try line(at: place) else { return nil }
        return line.withUnsafeBufferPointer { RecordFields($0).flatMap(RecordSummary.init) }
    }

    public func summary(of id: RecordID) throws -> RecordSummary? {
        guard let line = try reader.line(for: id) else { return nil }
        return line.withUnsafeBufferPointer { RecordFields($0).flatMap(RecordSummary.init) }
    }

    /// Every line containing `needle` byte for byte (e.g. `"story":"ID"`), oldest first.
    public func forEachLine(containing needle: String, _ body: (Place, RecordFields) throws -> Void) throws {
        guard let pattern = FoldedNeedle(exact: needle) else { return }
        for (index, segment) in reader.segments.enumerated() {
            try reader.forEachLine(in: segment) { offset, line in
                guard pattern.occurs(in: line), let fields = RecordFields(line) else { return true }
                try body(Place(segment: index, offset: offset), fields)
                return true
            }
        }
    }

    // MARK: - Search

    public struct SearchQuery: Sendable {
        public var words: [SearchWord]
        /// Canonical names (see `EntityExtractor.canonical…`).
        public var people: [String]
        public var organizations: [String]
        public var places: [String]

        public init(words: [SearchWord], people: [String] = [], organizations: [String] = [], places: [String] = []) {
            self.words = words
            self.people = people
            self.organizations = organizations
            self.places = places
        }

        public var isEmpty: Bool { words.isEmpty && people.isEmpty && organizations.isEmpty && places.isEmpty }
    }

    public struct SearchHit: Sendable {
        public var score: Int
        public var summary: RecordSummary
    }

    /// Records with every word in title or body and every named entity; ranked by
    /// score (a title hit counts 5, each body hit 1 up to 10 per word, each entity
    /// mention up to 10), newest first among equals. `limit` 0: all.
    public func search(_ query: SearchQuery, filter: RecordFilter, limit: Int) throws -> (hits: [SearchHit], total: Int) {
        struct Candidate { var score: Int; var id: UInt64; var place: Place }
        // One quick test on raw bytes rules most lines out: the longest entity name
        // (rarer than words), else the longest ASCII word.
        let entityNeedles = (query.people + query.organizations + query.places).compactMap { SearchWord($0).anchor }
        let wordNeedles = query.words.compactMap(\.anchor)
        let prefilter = entityNeedles.max { $0.bytes.count < $1.bytes.count } ?? wordNeedles.max { $0.bytes.count < $1.bytes.count }
        var candidates: [Candidate] = []
        func consider(_ place: Place, _ line: UnsafeBufferPointer<UInt8>) {
            guard let fields = RecordFields(line), filter.matches(fields), let id = fields.id else { return }
            var score = 0
            let title = fields.stringBytes(.title) ?? UnsafeBufferPointer(start: nil, count: 0)
            let text = fields.stringBytes(.text) ?? UnsafeBufferPointer(start: nil, count: 0)
            for word in query.words {
                let inTitle = word.count(in: title)
                let inText = word.count(in: text)
                if inTitle + inText == 0 { return }
                score += (inTitle > 0 ? 5 : 0) + min(inText, 10)
            }
            if !query.people.isEmpty || !query.organizations.isEmpty || !query.places.isEmpty {
                guard let raw = fields.raw(.entities),
                      let entities = try? JSONDecoder().decode(Entities.self, from: Data(buffer: raw)) else { return }
                for (wanted, mentions) in [(query.people, entities.people), (query.organizations, entities.organizations), (query.places, entities.places)] {
                    for name in wanted {
                        let key = name.lowercased()
                        guard let mention = mentions.first(where: { $0.name.lowercased() == key }) else { return }
                        score += min(mention.count, 10)
                    }
                }
            }
            candidates.append(Candidate(score: score, id: id.rawValue, place: place))
        }
        if let prefilter {
            // Search whole chunks; look at a line only where the bytes occur.
            try forEachMatchingChunks(filter) { segment, offset, chunk in
                guard let base = chunk.baseAddress else { return }
                var position = 0
                while position < chunk.count, let hit = prefilter.firstIndex(in: base, range: position..<chunk.count) {
                    let start = hit == position ? position : (lastNewline(base + position, hit - position).map { base.distance(to: $0) + 1 } ?? position)
                    let newline = memchr(base + hit, 0x0A, chunk.count - hit)!
                    let end = base.distance(to: newline.assumingMemoryBound(to: UInt8.self))
                    consider(Place(segment: segment, offset: offset + start), UnsafeBufferPointer(start: base + start, count: end - start))
                    position = end + 1
                }
            }
        } else {
            try forEachMatchingLines(filter) { place, line in consider(place, line) }
        }
        candidates.sort { $0.score != $1.score ? $0.score > $1.score : $0.id > $1.id }
        let shown = limit > 0 ? candidates.prefix(limit) : candidates[...]
        var hits: [SearchHit] = []
        for candidate in shown {
            if let summary = try summary(at: candidate.place) { hits.append(SearchHit(score: candidate.score, summary: summary)) }
        }
        return (hits, candidates.count)
    }

    /// Runs of whole lines in the arrival range of `filter`, oldest first.
    func forEachMatchingChunks(_ filter: RecordFilter, _ body: (_ segment: Int, _ offset: Int, UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        try forEachSegmentRange(filter) { index, from, limit in
            try reader.forEachChunk(in: reader.segments[index], from: from, upTo: limit) { offset, bytes in
                try body(index, offset, bytes)
                return true
            }
        }
    }

    /// Raw lines in the arrival range of `filter`, oldest first (other conditions unchecked).
    func forEachMatchingLines(_ filter: RecordFilter, _ body: (Place, UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        try forEachSegmentRange(filter) { index, from, limit in
            try reader.forEachLine(in: reader.segments[index], from: from, upTo: limit) { offset, line in
                try body(Place(segment: index, offset: offset), line)
                return true
            }
        }
    }

    /// Each segment the arrival range of `filter` covers, oldest first: its index, the
    /// offset to start at, and the offset to stop at (nil: the segment's end).
    private func forEachSegmentRange(_ filter: RecordFilter, _ body: (_ segment: Int, _ from: Int, _ limit: Int?) throws -> Void) throws {
        let begin = try filter.since.map(start(atOrAfter:)) ?? Place(segment: 0, offset: 0)
        let end = try filter.until.map { until in
            until.rawValue < UInt64.max ? try start(atOrAfter: RecordID(rawValue: until.rawValue + 1)) : Place(segment: Int.max, offset: 0)
        }
        let segments = reader.segments
        guard begin.segment < segments.count else { return }
        for index in begin.segment..<segments.count {
            if let end, index > end.segment { return }
            try body(index, index == begin.segment ? begin.offset : 0, end.flatMap { $0.segment == index ? $0.offset : nil })
        }
    }

    // MARK: - Duplicates

    public struct Copies: Sendable {
        /// The first-seen article (nil when it is not in the store).
        public var original: RecordSummary?
        public var originalID: String
        /// Later copies, oldest first.
        public var copies: [RecordSummary]
    }

    /// The article `id` belongs to (itself, or what it copies) and all its copies.
    public func copies(of id: RecordID) throws -> Copies? {
        guard let summary = try summary(of: id) else { return nil }
        let originalID = summary.duplicateOf ?? summary.id
        let original = summary.duplicateOf == nil ? summary : try RecordID(originalID).flatMap { try self.summary(of: $0) }
        var copies: [RecordSummary] = []
        try forEachLine(containing: "\"duplicate_of\":\"\(originalID)\"") { _, fields in
            if fields.string(.duplicateOf) == originalID, let copy = RecordSummary(fields) { copies.append(copy) }
        }
        return Copies(original: original, originalID: originalID, copies: copies)
    }

    public struct CopyCount: Sendable {
        public var originalID: String
        public var original: RecordSummary?
        public var count: Int
        public var lastCopy: String
    }

    /// Articles with the most copies, most first (newest last copy first among equals).
    public func mostCopied(limit: Int) throws -> (top: [CopyCount], originals: Int, copies: Int) {
        var counts: [String: (count: Int, last: String)] = [:]
        var total = 0
        try forEachLine(containing: "\"duplicate_of\":\"") { _, fields in
            guard let original = fields.string(.duplicateOf), let id = fields.string(.id) else { return }
            counts[original, default: (0, "")].count += 1
            counts[original]!.last = max(counts[original]!.last, id)
            total += 1
        }
        let sorted = counts.sorted { $0.value.count != $1.value.count ? $0.value.count > $1.value.count : $0.value.last > $1.value.last }
        var top: [CopyCount] = []
        for (id, value) in limit > 0 ? Array(sorted.prefix(limit)) : sorted {
            let original = try RecordID(id).flatMap { try summary(of: $0) }
            top.append(CopyCount(originalID: id, original: original, count: value.count, lastCopy: value.last))
        }
        return (top, counts.count, total)
    }

    // MARK: - Stories

    public struct Story: Sendable {
        public var id: String
        /// The story's first article, whose title represents it.
        public var first: RecordSummary?
        public var articles: [RecordSummary]
        /// Earliest and latest date of its articles (published when known, else arrival).
        public var firstDate: String
        public var lastDate: String
        public var size: Int { articles.count }
    }

    /// Story clusters with at least `minSize` articles, the most recently active first.
    public func stories(filter: RecordFilter, minSize: Int, limit: Int) throws -> [Story] {
        var groups: [String: [RecordSummary]] = [:]
        try forEachMatchingLinesWithField("\"story\":\"", filter) { fields in
            guard let story = fields.string(.story), let summary = RecordSummary(fields) else { return }
            groups[story, default: []].append(summary)
        }
        var stories: [Story] = []
        for (id, articles) in groups {
            let story = try makeStory(id: id, articles: articles)
            if story.size >= minSize { stories.append(story) }
        }
        stories.sort { ($0.articles.last?.id ?? "") > ($1.articles.last?.id ?? "") }
        return limit > 0 ? Array(stories.prefix(limit)) : stories
    }

    /// One story by its id, or by the id of any of its articles.
    public func story(containing id: RecordID) throws -> Story? {
        guard let summary = try summary(of: id) else { return nil }
        let storyID = summary.story ?? summary.id
        var articles: [RecordSummary] = []
        try forEachLine(containing: "\"story\":\"\(storyID)\"") { _, fields in
            if fields.string(.story) == storyID, let member = RecordSummary(fields) { articles.append(member) }
        }
        if articles.isEmpty { articles = [summary] }
        return try makeStory(id: storyID, articles: articles)
    }

    private func makeStory(id: String, articles: [RecordSummary]) throws -> Story {
        var articles = articles
        var first = articles.first(where: { $0.id == id })
        if first == nil, let found = try RecordID(id).flatMap({ try summary(of: $0) }) {
            // The first article may have been stored before it had a story.
            first = found
            articles.insert(found, at: 0)
        }
        let dates = articles.map { String($0.date.prefix(10)) }.sorted()
        return Story(id: id, first: first, articles: articles, firstDate: dates.first ?? "", lastDate: dates.last ?? "")
    }

    private func forEachMatchingLinesWithField(_ needle: String, _ filter: RecordFilter, _ body: (RecordFields) throws -> Void) throws {
        guard let pattern = FoldedNeedle(exact: needle) else { return }
        try forEachMatchingLines(filter) { _, line in
            guard pattern.occurs(in: line), let fields = RecordFields(line), filter.matches(fields) else { return }
            try body(fields)
        }
    }
}
