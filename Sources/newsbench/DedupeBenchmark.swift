import ArgumentParser
import Foundation
import NewsCore
import NewsStore

/// Threshold overrides for tuning runs.
struct DedupeSettingsOptions: ParsableArguments {
    @Option(help: "Override DedupeSettings.similarityThreshold.")
    var similarity: Double?
    @Option(help: "Override DedupeSettings.containmentThreshold.")
    var containment: Double?
    @Option(help: "Override DedupeSettings.minLeadMatch.")
    var lead: Double?
    @Option(help: "Override DedupeSettings.minHalfMatch.")
    var half: Double?
    @Option(help: "Override DedupeSettings.storyThreshold.")
    var story: Double?
    @Option(help: "Override DedupeSettings.storyThresholdUndated.")
    var storyUndated: Double?

    var settings: DedupeSettings {
        var s = DedupeSettings()
        if let similarity { s.similarityThreshold = similarity }
        if let containment { s.containmentThreshold = containment }
        if let lead { s.minLeadMatch = lead }
        if let half { s.minHalfMatch = half }
        if let story { s.storyThreshold = story }
        if let storyUndated { s.storyThresholdUndated = storyUndated }
        return s
    }
}

/// `newsbench dedupe`: near-duplicate and story quality on labelled corpora, and the
/// index's cost at scale.
struct DedupeBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dedupe",
        abstract: "Near-duplicate detection and story grouping: evaluation and scale benchmark.",
        subcommands: [Eval.self, BBC.self, Scale.self]
    )

    /// Files of DIR in name order → JSONL verdicts for `dedupe-score`.
    struct Eval: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run DIR's files in name order through processor, fingerprint and index; write verdicts as JSONL."
        )

        @Argument(help: "Folder of input files (e.g. ../shared/corpus/syndicated/inbox).")
        var directory: String

        @Option(name: .customLong("store-out"), help: "Write {id,file,duplicate_of,similarity,story} lines here.")
        var storeOut: String?

        @Flag(help: "Print each duplicate and story link with titles.")
        var verbose = false

        @OptionGroup var tuning: DedupeSettingsOptions

        @Option(help: "Explain the comparison of two files of DIR: A,B (B is indexed, A compared to it).")
        var explain: String?

        func run() throws {
            if let explain {
                let names = explain.split(separator: ",").map(String.init)
                var pair = DedupeEvalRun(settings: tuning.settings)
                pair.run(directory: directory, files: [names[1]])
                let data = FileManager.default.contents(atPath: directory + "/" + names[0]) ?? Data()
                let fp = ArticleFingerprint(article: try ArticleProcessor().process(Array(data), name: names[0]))
                print(pair.index.explain(fp, against: pair.records[0].id))
                return
            }
            var run = DedupeEvalRun(settings: tuning.settings)
            let files = try DedupeEvalRun.files(in: directory)
            let clock = ContinuousClock()
            let elapsed = clock.measure { run.run(directory: directory, files: files) }
            if let storeOut { try Data(run.jsonLines().utf8).write(to: URL(fileURLWithPath: storeOut)) }
            let duplicates = run.records.filter { $0.verdict.duplicateOf != nil }.count
            let stories = Set(run.records.map { $0.verdict.storyID(for: $0.id) }).count
            print("dedupe eval: \(run.records.count) records, \(duplicates) duplicates, \(stories) stories, \(run.failures.count) failed; \(String(format: "%.2f", seconds(elapsed))) s")
            for failure in run.failures { print("  failed \(failure.file): \(failure.reason)") }
            if verbose {
                let byID = Dictionary(uniqueKeysWithValues: run.records.map { ($0.id, $0) })
                for record in run.records {
                    if let original = record.verdict.duplicateOf, let first = byID[original] {
                        print(String(format: "  dup %@ -> %@ (%.3f)", record.file, first.file, record.verdict.similarity ?? 0))
                    } else if let story = record.verdict.story, let first = byID[story] {
                        print("  story \(record.file) -> \(first.file): \(record.title.prefix(60)) | \(first.title.prefix(60))")
                    }
                }
            }
        }
    }

    /// How many of the BBC near-duplicate pairs end up linked.
    struct BBC: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the BBC corpus through the index and report which near-duplicate pairs are linked."
        )

        @Argument(help: "The BBC corpus folder (../shared/corpus/bbc) with near-duplicate-pairs.tsv.")
        var directory: String

        @Flag(help: "List every pair outside the identical and headline-only ones.")
        var verbose = false

        @OptionGroup var tuning: DedupeSettingsOptions

        func run() throws {
            let pairs = try BBCPairs(path: directory + "/near-duplicate-pairs.tsv").pairs
            let files = try DedupeEvalRun.files(in: directory).filter { $0.hasSuffix(".txt") }
            var run = DedupeEvalRun(settings: tuning.settings)
            let clock = ContinuousClock()
            let elapsed = clock.measure { run.run(directory: directory, files: files) }
            let cluster = run.clusters()
            let similarity = Dictionary(uniqueKeysWithValues: run.records.map { ($0.file, $0.verdict.similarity) })

            func lines(_ id: String) -> [Substring] {
                let text = (try? String(contentsOfFile: directory + "/" + id + ".txt", encoding: .utf8))
                    ?? String(decoding: FileManager.default.contents(atPath: directory + "/" + id + ".txt") ?? Data(), as: UTF8.self)
                return text.split(separator: "\n", omittingEmptySubsequences: true).map { $0.trimmingCharacters(in: .whitespaces)[...] }
            }
            var identical = (total: 0, linked: 0)
            var headline = (total: 0, linked: 0)
            var rest: [(pair: BBCPairs.Pair, linked: Bool, similarity: Double?)] = []
            var pairFiles = Set<String>()
            for pair in pairs {
                let a = pair.a + ".txt", b = pair.b + ".txt"
                pairFiles.insert(a); pairFiles.insert(b)
                let linked = cluster[a] != nil && cluster[a] == cluster[b]
                let la = lines(pair.a), lb = lines(pair.b)
                if pair.jaccard >= 1.0 || la == lb {
                    identical.total += 1
                    if linked { identical.linked += 1 }
                } else if la.dropFirst() == lb.dropFirst() {
                    headline.total += 1
                    if linked { headline.linked += 1 }
                } else {
                    let later = a < b ? b : a
                    rest.append((pair, linked, similarity[later] ?? nil))
                }
            }
            // Links outside the listed pairs (possible false positives, or unlisted copies).
            let listed = Set(pairs.map { [$0.a + ".txt", $0.b + ".txt"].sorted().joined(separator: " ") })
            var members: [RecordID: [String]] = [:]
            for record in run.records { members[cluster[record.file]!, default: []].append(record.file) }
            var unlisted: [String] = []
            for group in members.values where group.count > 1 {
                for i in 0..<group.count { for j in (i + 1)..<group.count {
                    let key = [group[i], group[j]].sorted().joined(separator: " ")
                    if !listed.contains(key) { unlisted.append(key) }
                } }
            }
            print("dedupe bbc: \(run.records.count) articles in \(String(format: "%.2f", seconds(elapsed))) s, \(run.failures.count) failed")
            print("  identical pairs linked:        \(identical.linked) / \(identical.total)")
            print("  headline-only pairs linked:    \(headline.linked) / \(headline.total)")
            print("  other pairs linked:            \(rest.filter(\.linked).count) / \(rest.count)")
            for band in [(0.9, 1.01), (0.8, 0.9), (0.7, 0.8), (0.5, 0.7)] {
                let inBand = rest.filter { $0.pair.jaccard >= band.0 && $0.pair.jaccard < band.1 }
                print(String(format: "    Jaccard %.1f-%.1f: %d / %d", band.0, min(band.1, 1.0), inBand.filter(\.linked).count, inBand.count))
            }
            print("  linked pairs not in the list:  \(unlisted.count)")
            if verbose {
                for item in rest {
                    print(String(format: "    %.4f %@ %@ %@ %@", item.pair.jaccard, item.pair.a, item.pair.b,
                                 item.linked ? "linked" : "-", item.similarity.map { String(format: "%.3f", $0) } ?? ""))
                }
                for key in unlisted.sorted() { print("    unlisted link: \(key)") }
            }
        }
    }

    /// Synthetic stores from the BBC corpus: cost per article, memory, rebuild time.
    struct Scale: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build synthetic stores (BBC articles with word-level edits) and time classify+insert and rebuild."
        )

        @Argument(help: "The BBC corpus folder (../shared/corpus/bbc).")
        var directory: String

        @Option(help: "Store sizes.")
        var sizes: [Int] = [10_000, 100_000, 1_000_000]

        @Option(help: "Share of articles that are light-edit copies of an earlier one.")
        var copyRate: Double = 0.1

        @Option(help: "Articles arriving per day: the store grows at this rate, so a bigger store spans more days (stories stay open a few days).")
        var perDay: Int = 2000

        @Option(help: ArgumentHelp(
            "Articles per news cycle: within one, articles retell the same 2,225 BBC stories; each new cycle rewrites one word in four of every story, so stories of different cycles share no 4-word phrase. 0: the stories are reused unchanged across the whole store.",
            discussion: "With 0, every source is retold ~450 times in a 1M store, each retelling sharing a few phrases with every other: the partial overlaps per article grow with the store instead of with the daily rate."))
        var cycle: Int = 10_000

        @Option(help: "Builds per size, medians reported (default: 5 up to 60k articles, fewer above, 1 from 300k).")
        var runs: Int?

        func run() throws {
            var generator = try SyntheticArticles(directory: directory)
            generator.cycleLength = cycle
            print("dedupe scale: \(generator.sourceCount) BBC sources, vocabulary \(generator.vocabulary.count) words, copy rate \(copyRate), \(perDay) articles/day, "
                  + (cycle > 0 ? "news cycles of \(cycle) articles" : "sources reused across the whole store"))
            print("      size | classify+insert µs/article (all / last 10%) | index B/article | dups found | rebuild s (µs/article)")
            for size in sizes {
                try measure(size: size, generator: generator)
            }
        }

        func measure(size: Int, generator: SyntheticArticles) throws {
            // Several builds of a small store, their medians reported: a 10k build is
            // ~20 ms of index work, and single runs moved between 1.9 and 2.4 µs/article.
            let runs = self.runs ?? min(5, max(1, 300_000 / size))
            var timings: [(total: Duration, tail: Duration, classify: Duration)] = []
            var index = DedupeIndex()
            var sidecar: [UInt8] = []
            var offsets: [Int] = [0]
            var verdicts: [DedupeVerdict] = []
            verdicts.reserveCapacity(size)
            var ids = RecordIDGenerator()
            var idList: [RecordID] = []
            idList.reserveCapacity(size)
            let clock = ContinuousClock()
            var duplicates = 0
            var copiesMade = 0
            let tailStart = size - size / 10
            // Classify's work for originals and for copies (a copy's probes meet its group).
            var workByKind = [(postings: 0, candidates: 0), (postings: 0, candidates: 0)]
            let baseDay = 12_000
            for _ in 0..<runs {
                // Each run builds the same store from scratch; the last one is kept.
                index = DedupeIndex()
                (sidecar, offsets, verdicts, idList, ids) = ([], [0], [], [], RecordIDGenerator())
                (duplicates, copiesMade, workByKind) = (0, 0, [(0, 0), (0, 0)])
                var total = Duration.zero
                var classifyTime = Duration.zero
                var tail = Duration.zero
                for i in 0..<size {
                    let article = generator.article(i, copyRate: copyRate)
                    if article.isCopy { copiesMade += 1 }
                    // As in the daemon, the fingerprint is fresh when the index sees it.
                    let fp = ArticleFingerprint(text: article.text, title: article.title)
                    let day = baseDay + i / perDay
                    let id = ids.next(nowMilliseconds: 1_767_225_600_000)
                    let before = index.work
                    let start = clock.now
                    let verdict = index.classify(fp, day: day)
                    classifyTime += clock.now - start
                    let after = index.work
                    workByKind[article.isCopy ? 1 : 0].postings += after.postingsVisited - before.postingsVisited
                    workByKind[article.isCopy ? 1 : 0].candidates += after.candidatesCompared - before.candidatesCompared
                    index.insert(id: id, fingerprint: fp, verdict: verdict, day: day)
                    let spent = clock.now - start
                    total += spent
                    if i >= tailStart { tail += spent }
                    if verdict.duplicateOf != nil { duplicates += 1 }
                    sidecar.append(contentsOf: fp.encoded())
                    offsets.append(sidecar.count)
                    verdicts.append(verdict)
                    idList.append(id)
                }
                timings.append((total, tail, classifyTime))
            }
            func median(_ values: [Duration]) -> Duration { values.sorted()[values.count / 2] }
            let total = median(timings.map(\.total))
            let tail = median(timings.map(\.tail))
            let classifyTime = median(timings.map(\.classify))
            let resident = index.residentBytes
            // Decoding alone, to see what the rebuild below spends on it.
            // (Into one reused scratch value, as the daemon's restorer decodes.)
            var decoded = 0
            var scratch = ArticleFingerprint.empty
            let decodeOnly = clock.measure {
                sidecar.withUnsafeBytes { bytes in
                    for i in 0..<size where scratch.load(encoded: UnsafeRawBufferPointer(rebasing: bytes[offsets[i]..<offsets[i + 1]])) {
                        decoded += 1
                    }
                }
            }
            // Rebuild from the sidecar bytes, as the daemon does at start (there on a
            // thread of its own, while the store's thread reads the sidecars).
            let rebuilt = DedupeIndex(expectedCount: size)
            var decodeFailures = 0
            let rebuild = clock.measure {
                sidecar.withUnsafeBytes { bytes in
                    for i in 0..<size {
                        guard scratch.load(encoded: UnsafeRawBufferPointer(rebasing: bytes[offsets[i]..<offsets[i + 1]])) else {
                            decodeFailures += 1
                            continue
                        }
                        rebuilt.insert(id: idList[i], fingerprint: scratch, verdict: verdicts[i], day: baseDay + i / perDay)
                    }
                }
            }
            print(String(format: "%10d | %8.2f / %8.2f | %6.1f (rebuilt %6.1f) | %d of %d copies made | %.2f (%.2f), sidecar %.0f B/article%@",
                         size, seconds(total) * 1e6 / Double(size), seconds(tail) * 1e6 / Double(size - tailStart),
                         Double(resident) / Double(size), Double(rebuilt.residentBytes) / Double(size),
                         duplicates, copiesMade, seconds(rebuild), seconds(rebuild) * 1e6 / Double(size),
                         Double(sidecar.count) / Double(size), decodeFailures > 0 ? " DECODE FAILURES \(decodeFailures)" : ""))
            if runs > 1 {
                print("           median of \(runs) builds; all: " + timings.map { String(format: "%.2f", seconds($0.total) * 1e6 / Double(size)) }.joined(separator: " ")
                      + ", last 10%: " + timings.map { String(format: "%.2f", seconds($0.tail) * 1e6 / Double(size - tailStart)) }.joined(separator: " "))
            }
            print(String(format: "           rebuild: decoding alone %.2f s of it (%d fingerprints)", seconds(decodeOnly), decoded))
            print("           classify alone \(String(format: "%.2f", seconds(classifyTime) * 1e6 / Double(size))) µs/article; memory by part: "
                  + index.residentBreakdown.map { "\($0.part) \(String(format: "%.1f", Double($0.bytes) / Double(size))) B" }.joined(separator: ", ")
                  + String(format: "; %.2f postings per article", Double(index.postingCount) / Double(size)))
            let work = index.work
            print(String(format: "           per classify: %.1f postings visited, %.1f candidates compared (originals %.1f, %.1f; copies %.1f, %.1f)",
                         Double(work.postingsVisited) / Double(max(work.classified, 1)),
                         Double(work.candidatesCompared) / Double(max(work.classified, 1)),
                         Double(workByKind[0].postings) / Double(max(size - copiesMade, 1)),
                         Double(workByKind[0].candidates) / Double(max(size - copiesMade, 1)),
                         Double(workByKind[1].postings) / Double(max(copiesMade, 1)),
                         Double(workByKind[1].candidates) / Double(max(copiesMade, 1))))
        }
    }
}

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

/// Deterministic synthetic articles: a BBC article with half of its words replaced by
/// random corpus words and a 40-word passage of another article spliced in; a share of
/// them are instead light-edit copies (3% of words replaced, a passage dropped) of an
/// earlier synthetic article.
///
/// News cycles (`cycleLength` articles each): the BBC articles are the stories of the
/// first cycle; every later cycle rewrites one word in every four of each story (the
/// position and the words drawn per story and cycle), so its retellings share 4-word
/// phrases with each other but none with those of other cycles, as a news feed's
/// articles overlap with those of the same days. Without cycles (0), 2,225 stories are
/// retold across the whole store: ~450 times each at 1M.
struct SyntheticArticles {
    var sources: [[Substring]] = []
    var vocabulary: [Substring] = []
    var sourceCount: Int { sources.count }
    var cycleLength = 0

    init(directory: String) throws {
        var seen = Set<Substring>()
        for file in try DedupeEvalRun.files(in: directory) where file.hasSuffix(".txt") {
            guard let data = FileManager.default.contents(atPath: directory + "/" + file) else { continue }
            let text = String(decoding: data, as: UTF8.self)
            let words = text.split(whereSeparator: SyntheticArticles.separatesWords)
            if words.count < 20 { continue }
            sources.append(words)
            for word in words where seen.insert(word).inserted { vocabulary.append(word) }
        }
        vocabulary.sort()
    }

    /// Splits as `ShingleTokenizer` does (words are runs of ASCII letters and digits and
    /// of other non-punctuation characters), so a replaced word is a fingerprint word.
    /// Split at spaces, "Kim's", "long-term" or "2.5" were one word here and two in the
    /// fingerprint: a rewrite of one word in four then left 4-word shingles untouched
    /// around them, shared by the retellings of every cycle, and at 1M originals met
    /// 1.1 older postings per verdict where at 100k they met 0.4.
    static func separatesWords(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first else { return true }
        switch scalar.value {
        case 0..<0x80: return !(character.isASCII && (character.isLetter || character.isNumber))
        case 0xA0...0xBF, 0x2000...0x20CF: return true
        default: return false
        }
    }

    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9e37_79b9_7f4a_7c15
            return FingerprintHash.mix(state)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }
    }

    func words(_ i: Int, copyRate: Double, depth: Int = 0) -> (words: [Substring], isCopy: Bool) {
        var random = Random(state: UInt64(i) &* 0x2545_f491_4f6c_dd1d)
        if i > 0, depth < 8, random.chance(copyRate) {
            let original = random.below(i)
            var words = self.words(original, copyRate: copyRate, depth: depth + 1).words
            for k in words.indices where random.chance(0.03) { words[k] = vocabulary[random.below(vocabulary.count)] }
            if words.count > 120 {
                let start = 20 + random.below(words.count - 60)
                words.removeSubrange(start..<min(words.count, start + 25))
            }
            return (words, true)
        }
        let cycle = cycleLength > 0 ? i / cycleLength : 0
        var words = story(random.below(sources.count), cycle: cycle)
        for k in words.indices where random.chance(0.5) { words[k] = vocabulary[random.below(vocabulary.count)] }
        let other = story(random.below(sources.count), cycle: cycle)
        let from = random.below(max(1, other.count - 40))
        words.insert(contentsOf: other[from..<min(other.count, from + 40)], at: random.below(words.count))
        return (words, false)
    }

    /// Source `index` as told in news cycle `cycle`.
    func story(_ index: Int, cycle: Int) -> [Substring] {
        var words = sources[index]
        guard cycle > 0 else { return words }
        var random = Random(state: UInt64(index) &* 0x9e37_79b9 &+ UInt64(cycle) &* 0x1000_0000_01b3)
        let phase = random.below(4)
        for k in stride(from: phase, to: words.count, by: 4) { words[k] = vocabulary[random.below(vocabulary.count)] }
        return words
    }

    func article(_ i: Int, copyRate: Double) -> (title: String, text: String, isCopy: Bool) {
        let generated = words(i, copyRate: copyRate)
        return (generated.words.prefix(8).joined(separator: " "), generated.words.joined(separator: " "), generated.isCopy)
    }
}
