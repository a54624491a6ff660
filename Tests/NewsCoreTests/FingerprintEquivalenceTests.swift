import Foundation
@testable import NewsCore
import Testing

/// The fast fingerprint (radix sort, open-addressing counts) must equal the reference
/// (standard-library sort, `Set`, `Dictionary`) on every input: stores keep
/// fingerprints, and a new one is compared with those of earlier versions.
struct FingerprintEquivalenceTests {
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9e37_79b9_7f4a_7c15
            return FingerprintHash.mix(state)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    /// Function words, content words, numbers, non-ASCII names and Unicode punctuation,
    /// with repeats, so shingles, numbers and terms all have duplicates and ties.
    static let vocabulary = [
        "the", "a", "of", "and", "said", "that", "with", "from", "which", "would", "people", "government",
        "harbour", "orchestra", "tickets", "concert", "council", "budget", "river", "bridge", "storm",
        "minister", "Koss", "Mirela", "Zürich", "São", "Paulo", "naïve", "café", "Ōsaka", "Kim’s", "Kim's",
        "12", "2024", "3.5", "£40m", "7-1", "—", "…", "«", "»", "“quoted”", "don't", "Choe", "Son-hui",
        "earnings", "quarter", "match", "goal", "striker", "season", "league", "shares", "percent",
    ]

    static func text(_ random: inout Random, words: Int) -> String {
        var out: [String] = []
        out.reserveCapacity(words)
        for _ in 0..<words {
            // Now and then a repeated passage, as pages repeat a pull quote.
            if out.count > 20, random.below(40) == 0 {
                let from = random.below(out.count - 10)
                out.append(contentsOf: out[from..<(from + 8)])
            }
            out.append(vocabulary[random.below(vocabulary.count)])
            if random.below(12) == 0 { out.append(random.below(2) == 0 ? "\n\n" : ",") }
        }
        return out.joined(separator: " ")
    }

    static func entities(_ random: inout Random) -> Entities {
        func mentions() -> [EntityMention] {
            (0..<random.below(6)).map { _ in
                EntityMention(name: vocabulary[random.below(vocabulary.count)] + " " + vocabulary[random.below(vocabulary.count)],
                              count: random.below(5))
            }
        }
        return Entities(people: mentions(), organizations: mentions(), places: mentions())
    }

    @Test func fastFingerprintEqualsTheReferenceOnGeneratedTexts() {
        var random = Random(state: 42)
        // Sizes across the sort's small-input path (< 64 shingles) and its radix passes.
        let sizes = [0, 1, 2, 3, 4, 5, 8, 30, 63, 64, 66, 67, 70, 200, 500, 1500, 6000]
        var compared = 0
        for size in sizes {
            for _ in 0..<12 {
                let text = Self.text(&random, words: size)
                let title = Self.text(&random, words: random.below(12))
                let entities = Self.entities(&random)
                let published = random.below(2) == 0 ? "2024-0\(1 + random.below(9))-1\(random.below(10))" : nil
                let fast = ArticleFingerprint(text: text, title: title, entities: entities, published: published)
                let reference = ReferenceFingerprint.make(text: text, title: title, entities: entities, published: published)
                #expect(fast == reference, "\(size) words: \(text.prefix(80))")
                compared += 1
            }
        }
        #expect(compared == sizes.count * 12)
    }

    /// Set NEWSD_FINGERPRINT_CORPUS to a folder of page dumps or HTML pages to compare
    /// on real articles (their extracted bodies, titles and entities).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["NEWSD_FINGERPRINT_CORPUS"] != nil))
    func fastFingerprintEqualsTheReferenceOnACorpus() throws {
        let folder = ProcessInfo.processInfo.environment["NEWSD_FINGERPRINT_CORPUS"]!
        let processor = ArticleProcessor()
        var compared = 0
        var stack = [folder]
        while let directory = stack.popLast() {
            for name in try FileManager.default.contentsOfDirectory(atPath: directory).sorted() {
                let path = directory + "/" + name
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { continue }
                if isDirectory.boolValue { stack.append(path); continue }
                guard name.hasSuffix(".txt") || name.hasSuffix(".html"), let data = FileManager.default.contents(atPath: path),
                      let article = try? processor.process(Array(data), name: name) else { continue }
                let fast = ArticleFingerprint(article: article)
                let reference = ReferenceFingerprint.make(text: article.text, title: article.title, entities: article.entities,
                                                          published: article.published)
                #expect(fast == reference, "\(path)")
                compared += 1
            }
        }
        print("fingerprint equivalence: \(compared) corpus articles compared")
        #expect(compared > 0)
    }
}
