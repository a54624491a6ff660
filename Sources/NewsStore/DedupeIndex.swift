import CLinux
import NewsCore

/// The in-memory near-duplicate and story index.
///
/// Not thread-safe: the pipeline calls `classify` then `insert` for one article at a
/// time, in arrival order. Deterministic: verdicts depend only on the fingerprints and
/// the order they arrive in (no random seeds, no dictionary-order effects).
///
/// ## How a copy is found
/// Every article is indexed under the `indexKeys` smallest hashes of its bottom-k
/// shingle sketch and its 2 lead keys (postings in one compact multimap). A new article
/// probes with its `probeKeys` smallest hashes and lead keys, so an older article whose
/// few smallest shingles appear among the new one's smallest is a candidate: this
/// finds copies that are mostly contained in a longer text, not only look-alikes.
/// Each candidate is verified against the `verifySamples` smallest shingle hashes kept
/// per article (13-bit, scaled to the article's own range, with 3 bits of position):
/// below the smaller of the two sketches' ranges both shingle sets are known exactly,
/// giving Jaccard and containment estimates, where in the shorter body the matches
/// fall, and (from 3 kept number hashes) whether the numbers agree.
///
/// ## Memory per article (resident)
/// id 8 + story 4 + an `IndexedArticle` of 64 (root 4, shingle count 4, sketch range 4,
/// numbers 4×3, samples 2×20) = 76 bytes, plus ≤ 6 postings (4 sketch keys, 2 lead keys) × 8 bytes at
/// a table load of 0.5–0.7 (≈ 70–96 bytes, fewer for copies, which add only keys
/// their group lacks, and for boilerplate keys, which stop being indexed), plus
/// open stories (only those of the last 2 × window days). `residentBytes` adds up the
/// actual capacities.
public final class DedupeIndex {
    public static let indexKeys = 4
    public static let probeKeys = 24
    /// Candidates verified per article, those sharing the most probe keys first.
    public static let maxCandidates = 8
    public static let verifySamples = 20
    public static let numberSamples = 3
    static let removed = UInt32.max
    static let noSample: UInt16 = 0xFFFF
    static let maxQuantum: UInt64 = 8190

    public let settings: DedupeSettings

    // Per article, in arrival order; huge-page backed (they are read at random).
    private var ids = HugePageArray<UInt64>()
    private var idsSorted = true
    private var storyOf = HugePageArray<UInt32>()
    private var articles = HugePageArray<IndexedArticle>()
    private let table: DedupeKeyTable
    private var stories = StoryIndex()

    /// Work done by `classify` so far, for benchmarks: what makes a verdict cost more
    /// as the index grows.
    public struct Work: Sendable {
        public var classified = 0
        public var postingsVisited = 0
        public var candidatesCompared = 0
    }
    public private(set) var work = Work()

    public init(settings: DedupeSettings = DedupeSettings(), expectedCount: Int = 0) {
        self.settings = settings
        if expectedCount > 0 {
            ids.reserveCapacity(expectedCount)
            storyOf.reserveCapacity(expectedCount)
            articles.reserveCapacity(expectedCount)
            // Copies add few keys: ~3 postings an article, more grow the table.
            table = DedupeKeyTable(capacity: expectedCount * 3)
        } else {
            table = DedupeKeyTable()
        }
    }

    /// Articles inserted (removed ones included).
    public var count: Int { ids.count }

    /// Postings in the key table (an article adds up to 6: fewer for copies and
    /// boilerplate keys).
    public var postingCount: Int { table.count }

    /// Honest estimate of the index's memory: capacities of all its arrays and tables.
    public var residentBytes: Int {
        ids.residentBytes + storyOf.residentBytes + articles.residentBytes + table.residentBytes + stories.residentBytes
    }

    /// `residentBytes` by part: per-article arrays, key table, open stories.
    public var residentBreakdown: [(part: String, bytes: Int)] {
        let arrays = ids.residentBytes + storyOf.residentBytes + articles.residentBytes
        return [("articles", arrays), ("keys", table.residentBytes), ("stories", stories.residentBytes)]
    }

    // MARK: - Classify

    /// Decides whether the article copies one already indexed (its group's first-seen
    /// article) and which story it belongs to. Does not change the index.
    /// - Parameter day: days since 1970-01-01 of the article's date: published when
    ///   known, else ingestion.
    public func classify(_ fp: ArticleFingerprint, day: Int) -> DedupeVerdict {
        var verdict = DedupeVerdict()
        if let match = bestCopy(of: fp) {
            let root = Int(articles[Int(match.document)].root)
            verdict.duplicateOf = RecordID(rawValue: ids[root])
            verdict.similarity = match.similarity
            verdict.story = RecordID(rawValue: ids[Int(storyOf[root])])
            return verdict
        }
        if let first = stories.match(fp, day: Int32(clamping: day), settings: settings) {
            verdict.story = RecordID(rawValue: ids[Int(first)])
        }
        return verdict
    }

    /// Adds an article with the verdict it was recorded with (from `classify`, or read
    /// back from the store when rebuilding at start).
    public func insert(id: RecordID, fingerprint fp: ArticleFingerprint, verdict: DedupeVerdict, day: Int) {
        // The key slots read below, requested together (at start-up nothing has
        // fetched them yet: this is most of the rebuild's memory traffic).
        for key in fp.sketch.prefix(DedupeIndex.indexKeys) { table.prefetchSlot(key); table.prefetchFilter(key) }
        for key in fp.leadKeys { table.prefetchSlot(key); table.prefetchFilter(key) }
        let index = UInt32(ids.count)
        if let last = ids.last, last >= id.rawValue { idsSorted = false }
        ids.append(id.rawValue)
        // Verdicts read back from the store name the article itself as its story's
        // first article when it started one: only earlier articles count.
        var root = index
        if let original = verdict.duplicateOf, let found = self.index(of: original), found < index,
           articles[Int(found)].root != DedupeIndex.removed {
            root = articles[Int(found)].root
        }
        var story = index
        if root != index {
            story = storyOf[Int(root)]
        } else if let first = verdict.story, let found = self.index(of: first), found < index,
                  articles[Int(found)].root != DedupeIndex.removed {
            story = storyOf[Int(found)]
        }
        storyOf.append(story)
        let complete = fp.sketch.count <= DedupeIndex.verifySamples && Int(fp.shingleCount) <= fp.sketch.count
        let tau = complete ? UInt32.max : fp.sketch[min(DedupeIndex.verifySamples, fp.sketch.count) - 1]
        articles.append(IndexedArticle(
            root: root, count: fp.shingleCount, tau: tau,
            number: { $0 < fp.numbers.count ? fp.numbers[$0] : UInt32.max },
            sample: { $0 < fp.sketch.count ? DedupeIndex.quantise(fp.sketch[$0], tau) << 3 | UInt16(fp.positions[$0] & 7) : DedupeIndex.noSample }))

        // Index keys: skip boilerplate keys and keys the group already has.
        // (No array is built for the keys, and the roots are read through one buffer:
        // at start-up this runs a million times on the rebuild's critical path.)
        let sketchKeys = min(DedupeIndex.indexKeys, fp.sketch.count)
        let maxPostings = settings.maxPostingsPerKey
        for slot in 0..<(sketchKeys + fp.leadKeys.count) {
            let key = slot < sketchKeys ? fp.sketch[slot] : fp.leadKeys[slot - sketchKeys]
            var postings = 0
            var groupHasIt = false
            articles.withUnsafeBufferPointer { articles in
                table.forEach(key) { document in
                    postings += 1
                    if articles[Int(document)].root == root { groupHasIt = true }
                    return postings <= maxPostings && !groupHasIt
                }
            }
            if postings <= maxPostings && !groupHasIt { table.insert(key, index) }
        }

        let d = Int32(clamping: day)
        if story == index {
            stories.open(first: index, fingerprint: fp, day: d, settings: settings)
        } else {
            stories.extend(story, fingerprint: fp, day: d, settings: settings)
        }
    }

    /// Forgets an article (its record could not be appended). Its postings stay in the
    /// table but are skipped; copies of it already inserted keep their verdicts.
    public func remove(id: RecordID) {
        guard let found = index(of: id) else { return }
        articles[Int(found)].root = DedupeIndex.removed
        if storyOf[Int(found)] == found { stories.remove(first: found) }
    }

    func index(of id: RecordID) -> UInt32? {
        if idsSorted {
            var low = 0
            var high = ids.count
            // Ids grow with arrival time, so interpolating finds one in a step or two where
            // a binary search took ~20 dependent reads, most from memory at a million
            // articles. A few steps at most (bursts skew it), then binary search.
            var steps = 0
            while steps < 3, high - low > 16 {
                steps += 1
                let first = ids[low], last = ids[high - 1]
                guard id.rawValue > first, id.rawValue <= last else { break }
                let fraction = Double(id.rawValue - first) / Double(last - first)
                let guess = min(high - 1, low + Int(fraction * Double(high - 1 - low)))
                let value = ids[guess]
                if value == id.rawValue { return UInt32(guess) }
                if value < id.rawValue { low = guess + 1 } else { high = guess }
            }
            while low < high {
                let mid = (low + high) / 2
                if ids[mid] < id.rawValue { low = mid + 1 } else { high = mid }
            }
            return low < ids.count && ids[low] == id.rawValue ? UInt32(low) : nil
        }
        return ids.withUnsafeBufferPointer { $0.lastIndex(of: id.rawValue) }.map { UInt32($0) }
    }

    // MARK: - Verification

    @inline(__always)
    static func quantise(_ value: UInt32, _ tau: UInt32) -> UInt16 {
        if tau == UInt32.max { return UInt16(min(UInt64(value) >> 19, maxQuantum)) }
        // ⌊value × 8190 / tau⌋ in doubles, which pipeline where a 64-bit integer division
        // does not (it was most of `compare`). Exact: both operands are below 2^53 and
        // IEEE division rounds correctly, so a quotient just under an integer k (by at
        // least 1/tau) stays under it, and an integer quotient comes out whole.
        let quotient = Double(value) * Double(maxQuantum) / Double(max(tau, 1))
        return UInt16(min(quotient, Double(maxQuantum)))
    }

    struct Comparison {
        var jaccard: Double
        var containment: Double
        var smallerSamples: Int
        var headRatio: Double?
        var tailRatio: Double?
        /// Match ratio in the first quarter of the shorter and of the longer body.
        var smallerLead: Double?
        var largerLead: Double?
        var numberRatio: Double?
    }

    private func bestCopy(of fp: ArticleFingerprint) -> (document: UInt32, similarity: Double)? {
        guard !fp.sketch.isEmpty, !ids.isEmpty else { return nil }
        var candidates: [(document: UInt32, hits: Int)] = []
        var postings: [UInt32] = []
        // Probe with the query's `probeKeys` smallest shingles (an older article's
        // smallest keys rank there whenever it is at least ~1/6 contained in the query)
        // and its lead keys: few random memory accesses per article at any index size.
        let probes = min(fp.sketch.count, DedupeIndex.probeKeys)
        // The table's filter turns most probe keys away (they are in no older article);
        // the slots of the others are all requested before the first is read, so their
        // memory latencies overlap instead of adding up once the table outgrows the cache.
        let probeCount = probes + fp.leadKeys.count
        for slot in 0..<probeCount { table.prefetchFilter(slot < probes ? fp.sketch[slot] : fp.leadKeys[slot - probes]) }
        var passing: [UInt32] = []
        passing.reserveCapacity(probeCount)
        let indexKeys = min(DedupeIndex.indexKeys, fp.sketch.count)
        for slot in 0..<probeCount {
            let key = slot < probes ? fp.sketch[slot] : fp.leadKeys[slot - probes]
            if table.mayContain(key) {
                table.prefetchSlot(key)
                passing.append(key)
            } else if slot < indexKeys || slot >= probes {
                // `insert` writes this new key's slot right after: fetch it while the
                // candidates are verified.
                table.prefetchSlot(key)
            }
        }
        for key in passing {
            postings.removeAll(keepingCapacity: true)
            let seen = table.forEach(key) { document in
                postings.append(document)
                return postings.count <= settings.maxPostingsPerKey
            }
            work.postingsVisited += seen
            if seen > settings.maxPostingsPerKey { continue }
            // `insert` reads these documents' roots next (the first probe keys are its
            // index keys): ask for them now.
            for document in postings { newsd_prefetch(articles.base + Int(document)) }
            for document in postings {
                if let at = candidates.firstIndex(where: { $0.document == document }) {
                    candidates[at].hits += 1
                } else {
                    candidates.append((document, 1))
                }
            }
        }
        // Verify the candidates that share the most probe keys, at most
        // `maxCandidates`: a copy shares many of them, an article that only quotes the
        // same passage few; bounding the comparisons keeps the cost per article flat as
        // partial overlaps accumulate in a growing store. Ties: the oldest first.
        if candidates.count > DedupeIndex.maxCandidates {
            candidates.sort { $0.hits != $1.hits ? $0.hits > $1.hits : $0.document < $1.document }
            candidates.removeLast(candidates.count - DedupeIndex.maxCandidates)
        }
        work.classified += 1
        work.candidatesCompared += candidates.count
        // Usually already requested with the roots above; one line per candidate.
        for candidate in candidates { newsd_prefetch(articles.base + Int(candidate.document)) }
        var best: (document: UInt32, similarity: Double, root: UInt32)?
        for (document, _) in candidates where articles[Int(document)].root != DedupeIndex.removed {
            let comparison = compare(fp, document)
            guard let similarity = accept(comparison, fp, document) else { continue }
            let root = articles[Int(document)].root
            if best == nil || similarity > best!.similarity || (similarity == best!.similarity && root < best!.root) {
                best = (document, similarity, root)
            }
        }
        return best.map { ($0.document, $0.similarity) }
    }

    /// Why `fp` is or is not a copy of the indexed article `id` (for evaluation tools).
    public func explain(_ fp: ArticleFingerprint, against id: RecordID) -> String {
        guard let document = index(of: id) else { return "not indexed" }
        let c = compare(fp, document)
        func f(_ v: Double?) -> String { v.map { String(format: "%.2f", $0) } ?? "-" }
        var candidate = false
        for key in fp.sketch {
            table.forEach(key) { if $0 == document { candidate = true }; return !candidate }
        }
        return "J \(f(c.jaccard)) contain \(f(c.containment)) (n \(c.smallerSamples)) head \(f(c.headRatio)) tail \(f(c.tailRatio)) "
            + "lead small \(f(c.smallerLead)) large \(f(c.largerLead)) numbers \(f(c.numberRatio)) sizes \(fp.shingleCount)/\(articles[Int(document)].count) "
            + "candidate \(candidate) accept \(accept(c, fp, document).map { String($0) } ?? "no")"
    }

    func compare(_ fp: ArticleFingerprint, _ document: UInt32) -> Comparison {
        let record = UnsafePointer(articles.base + Int(document))
        let samples = IndexedArticle.samples(at: record)
        let tauC = record.pointee.tau
        let tauQ = Int(fp.shingleCount) > fp.sketch.count ? fp.sketch.last! : UInt32.max
        let tau = min(tauQ, tauC)
        let qTau = tau == tauC ? UInt16(DedupeIndex.maxQuantum) : DedupeIndex.quantise(tau, tauC)
        let queryIsSmaller = fp.shingleCount <= record.pointee.count

        var head = (total: 0, matched: 0)
        var tail = (total: 0, matched: 0)
        var leadQ = (total: 0, matched: 0)
        var leadC = (total: 0, matched: 0)
        var nQ = 0
        var nC = 0
        var matched = 0
        var j = 0
        // Two-pointer merge of the query's quantised values (≤ tau) with the samples.
        var i = 0
        // The query's value is quantised once per step of `i`, not once per iteration.
        var quantisedAt = -1
        var quantised: UInt16? = nil
        while i < fp.sketch.count || j < DedupeIndex.verifySamples {
            if quantisedAt != i {
                quantisedAt = i
                quantised = i < fp.sketch.count && fp.sketch[i] <= tau ? DedupeIndex.quantise(fp.sketch[i], tauC) : nil
            }
            let qValue = quantised
            let sample = j < DedupeIndex.verifySamples ? samples[j] : DedupeIndex.noSample
            let cValue: UInt16? = sample != DedupeIndex.noSample && (sample >> 3) <= qTau ? sample >> 3 : nil
            if qValue == nil && cValue == nil { break }
            if let q = qValue, let c = cValue, q == c {
                nQ += 1; nC += 1; matched += 1
                let position = queryIsSmaller ? fp.positions[i] : UInt8(sample & 7)
                if position < 4 { head.total += 1; head.matched += 1 } else { tail.total += 1; tail.matched += 1 }
                if fp.positions[i] < 2 { leadQ.total += 1; leadQ.matched += 1 }
                if sample & 7 < 2 { leadC.total += 1; leadC.matched += 1 }
                i += 1; j += 1
            } else if let q = qValue, cValue == nil || q < cValue! {
                nQ += 1
                if fp.positions[i] < 2 { leadQ.total += 1 }
                if queryIsSmaller { if fp.positions[i] < 4 { head.total += 1 } else { tail.total += 1 } }
                i += 1
            } else {
                nC += 1
                if sample & 7 < 2 { leadC.total += 1 }
                if !queryIsSmaller { if sample & 7 < 4 { head.total += 1 } else { tail.total += 1 } }
                j += 1
            }
        }
        func ratio(_ counts: (total: Int, matched: Int)) -> Double? {
            counts.total >= 2 ? Double(counts.matched) / Double(counts.total) : nil
        }
        let union = nQ + nC - matched
        let jaccard = union > 0 ? Double(matched) / Double(union) : 0
        let smallerSamples = queryIsSmaller ? nQ : nC
        let containment = smallerSamples > 0 ? Double(matched) / Double(smallerSamples) : 0

        // Numbers: both bottom-k samples are exact below the smaller range. (Counted in
        // place: this runs for every candidate, and arrays here were most of its cost.)
        var numberRatio: Double?
        let (c0, c1, c2) = record.pointee.numbers
        let cKnown = (c0 != .max ? 1 : 0) + (c1 != .max ? 1 : 0) + (c2 != .max ? 1 : 0)
        if !fp.numbers.isEmpty, cKnown > 0 {
            let cRange = cKnown == DedupeIndex.numberSamples ? c2 : UInt32.max
            let qRange = Int(fp.numberCount) > fp.numbers.count ? fp.numbers.last! : UInt32.max
            let range = min(cRange, qRange)
            var qIn = 0
            for q in fp.numbers where q <= range { qIn += 1 }
            var cIn = 0
            var shared = 0
            func tally(_ c: UInt32) {
                guard c != .max, c <= range else { return }
                cIn += 1
                if fp.numbers.contains(c) { shared += 1 }
            }
            tally(c0); tally(c1); tally(c2)
            let smaller = min(qIn, cIn)
            if smaller > 0, max(Int(fp.numberCount), cKnown) >= 3 { numberRatio = Double(shared) / Double(smaller) }
        }
        return Comparison(
            jaccard: jaccard, containment: containment, smallerSamples: smallerSamples,
            headRatio: head.total >= 3 ? Double(head.matched) / Double(head.total) : nil,
            tailRatio: tail.total >= 3 ? Double(tail.matched) / Double(tail.total) : nil,
            smallerLead: ratio(queryIsSmaller ? leadQ : leadC),
            largerLead: ratio(queryIsSmaller ? leadC : leadQ),
            numberRatio: numberRatio
        )
    }

    private func accept(_ c: Comparison, _ fp: ArticleFingerprint, _ document: UInt32) -> Double? {
        let smallerCount = Int(min(fp.shingleCount, articles[Int(document)].count))
        let byJaccard = c.jaccard >= settings.similarityThreshold
        let byContainment = c.containment >= settings.containmentThreshold
            && smallerCount >= settings.minContainedShingles && c.smallerSamples >= 4
        guard byJaccard || byContainment else { return nil }
        if let head = c.headRatio, head < settings.minHalfMatch { return nil }
        if let tail = c.tailRatio, tail < settings.minHalfMatch { return nil }
        if let numbers = c.numberRatio, numbers < settings.minNumberMatch { return nil }
        // A copy shares the article's beginning: two different articles that kept the
        // same comment thread or footer match only further down, in both bodies.
        let smallLead = c.smallerLead ?? 1, largeLead = c.largerLead ?? 1
        if max(smallLead, largeLead) < settings.minLeadMatch { return nil }
        // Linked by containment only: the shorter body must be found from the start of
        // the longer one (a teaser), not as a block inside it (an appeal, a bio).
        if !byJaccard, largeLead < settings.minLeadMatch { return nil }
        let similarity = max(c.jaccard, byContainment ? c.containment : 0)
        return (min(similarity, 1) * 1000).rounded() / 1000
    }
}
