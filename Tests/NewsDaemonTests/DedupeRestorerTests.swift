import Foundation
import NewsCore
@testable import NewsDaemon
@testable import NewsStore
import Testing

/// Start-up's rebuild of the dedupe index from sidecar images, against the index the
/// running daemon built article by article.
struct DedupeRestorerTests {
    /// Articles from a small vocabulary, every seventh a lightly edited copy of an
    /// earlier one, so the index holds copy groups and stories as well as originals.
    private static func texts(count: Int) -> [String] {
        let vocabulary = ["harbour", "council", "budget", "ferry", "strike", "minister", "tariff", "orchard", "glacier",
                          "festival", "verdict", "reservoir", "pipeline", "election", "museum", "drought", "vaccine",
                          "stadium", "refinery", "bridge", "archive", "lawsuit", "quarry", "satellite"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var texts: [String] = []
        for n in 0..<count {
            if n % 7 == 6 {
                var words = texts[next(n)].split(separator: " ").map(String.init)
                words[next(words.count)] = vocabulary[next(vocabulary.count)]
                texts.append(words.joined(separator: " "))
            } else {
                texts.append((0..<60).map { _ in vocabulary[next(vocabulary.count)] }.joined(separator: " ") + " item \(n).")
            }
        }
        return texts
    }

    @Test func restoredIndexGivesTheVerdictsOfTheLiveOneAcrossChunksAndSegments() throws {
        // More entries than two chunks, in two images (segments), with one payload this
        // version cannot read in between: it is counted and skipped, the rest kept in order.
        let count = 2 * DedupeRestorer.chunkSize + 300
        let texts = Self.texts(count: count)
        let live = DedupeStage()
        var generator = RecordIDGenerator()
        var entries: [SidecarEntry] = []
        var offset = 0
        for (n, text) in texts.enumerated() {
            let fp = ArticleFingerprint(text: text)
            let verdict = live.classify(fp, day: 20_000)
            let id = generator.next(nowMilliseconds: 1_767_225_600_000)
            live.insert(id: id, fingerprint: fp, verdict: verdict, day: 20_000)
            entries.append(SidecarEntry(offset: offset, lineLength: 100, id: id, content: ContentKey(digest: [UInt8](repeating: UInt8(n % 251), count: 32)),
                                        fileHash: UInt64(n), payload: DedupeStage.payload(fingerprint: fp, verdict: verdict, day: 20_000)))
            offset += 100
            if n == 3000 {
                entries.append(SidecarEntry(offset: offset, lineLength: 100, id: generator.next(nowMilliseconds: 1_767_225_600_000),
                                            content: ContentKey(digest: [UInt8](repeating: 0, count: 32)), fileHash: 0, payload: [9, 9, 9]))
                offset += 100
            }
        }
        let restored = DedupeStage(expectedCount: count)
        let restorer = DedupeRestorer(stage: restored)
        let split = 2500
        restorer.add(try #require(SidecarImage(bytes: SidecarFile.encode(Array(entries[..<split])))))
        restorer.add(try #require(SidecarImage(bytes: SidecarFile.encode(Array(entries[split...])))))
        restorer.finish()
        #expect(restorer.unreadable == 1)
        #expect(restored.count == count)

        // Probes: copies of stored articles from every chunk, and new articles (stored
        // ones with their words reversed: other shingles, same vocabulary).
        let copies = stride(from: 5, to: count, by: 97).map { texts[$0] + " one more sentence." }
        let fresh = stride(from: 11, to: count, by: 211).map { texts[$0].split(separator: " ").reversed().joined(separator: " ") }
        let probes = copies + fresh
        var linked = 0
        for probe in probes {
            let fp = ArticleFingerprint(text: probe)
            let expected = live.classify(fp, day: 20_000)
            #expect(restored.classify(fp, day: 20_000) == expected)
            if expected.duplicateOf != nil { linked += 1 }
        }
        #expect(linked >= probes.count / 2, "the probes must exercise duplicate links, not only misses")
    }
}
