import NewsCore
import Testing

struct FingerprintTests {
    static let body = """
    The regional orchestra will tour four coastal towns this summer, its director announced on Monday. Tickets for the 12 concerts go on sale next week, with a third of seats reserved for students.

    “We want people who have never heard a live symphony to walk in off the street,” said the director, Mirela Koss. The tour ends on 30 August in the harbour square.
    """

    @Test func sameBodyModuloCasePunctuationAndWhitespaceHasSameHash() {
        let a = ArticleFingerprint(text: Self.body)
        let messy = Self.body.uppercased()
            .replacingOccurrences(of: "“", with: "\"").replacingOccurrences(of: "”", with: "\"")
            .replacingOccurrences(of: " ", with: "  \n ").replacingOccurrences(of: ",", with: " ; ")
        let b = ArticleFingerprint(text: messy)
        #expect(a.textHash == b.textHash)
        #expect(a.sketch == b.sketch)
        let changed = ArticleFingerprint(text: Self.body.replacingOccurrences(of: "12 concerts", with: "13 concerts"))
        #expect(changed.textHash != a.textHash)
    }

    @Test func fingerprintIsDeterministic() {
        #expect(ArticleFingerprint(text: Self.body) == ArticleFingerprint(text: Self.body))
        #expect(FingerprintHash.hash(Array("orchestra".utf8)) == FingerprintHash.hash(Array("orchestra".utf8)))
        #expect(FingerprintHash.hash(Array("orchestra".utf8)) != FingerprintHash.hash(Array("orchestrb".utf8)))
    }

    @Test func sketchIsBottomKOfDistinctShingles() {
        let fp = ArticleFingerprint(text: Self.body)
        #expect(fp.sketch == fp.sketch.sorted())
        #expect(Set(fp.sketch).count == fp.sketch.count)
        #expect(fp.sketch.count == min(ArticleFingerprint.sketchSize, Int(fp.shingleCount)))
        #expect(fp.positions.count == fp.sketch.count)
        #expect(fp.positions.allSatisfy { $0 < 8 })
        #expect(fp.leadKeys.count == ArticleFingerprint.leadKeyCount)
    }

    @Test func numbersEntitiesTermsAndDate() {
        let entities = Entities(people: [EntityMention(name: "Mirela Koss", count: 2)], places: [EntityMention(name: "Harbour Square", count: 1)])
        let fp = ArticleFingerprint(text: Self.body, title: "Orchestra takes symphony to the coast", entities: entities, published: "2024-10-30T08:00:00Z")
        #expect(fp.numberCount == 2) // "12", "30"
        #expect(fp.entities.count == 2)
        #expect(fp.entities.first == FingerprintHash.key32("mirela koss"))
        // Terms: content words (title counts three times), entity names left out.
        let termKeys = { (word: String) in UInt32(truncatingIfNeeded: ShingleTokenizer.words(word)[0].hash >> 32) }
        #expect(fp.terms.first == termKeys("orchestra"))
        #expect(!fp.terms.contains(termKeys("koss")))
        #expect(!fp.terms.contains(termKeys("which")))
        #expect(fp.publishedDay == 20_026)
        #expect(ArticleFingerprint.day(ofISODate: "1970-01-01") == 0)
        #expect(ArticleFingerprint.day(ofISODate: "30 October 2024") == nil)
    }

    @Test func encodeDecodeRoundTrip() throws {
        let entities = Entities(people: [EntityMention(name: "Mirela Koss", count: 2)])
        for fp in [
            ArticleFingerprint(text: Self.body, title: "Orchestra tour", entities: entities, published: "2024-10-30"),
            ArticleFingerprint(text: "Short."),
            ArticleFingerprint(text: ""),
        ] {
            let bytes = fp.encoded()
            let decoded = try #require(ArticleFingerprint(encoded: bytes))
            #expect(decoded == fp)
            #expect(bytes.count < 600)
        }
    }

    @Test func loadingIntoAReusedScratchValueMatchesAFreshDecode() throws {
        // Start-up decodes every stored fingerprint into one scratch value: nothing of
        // a longer fingerprint may survive into the next, shorter one.
        let entities = Entities(people: [EntityMention(name: "Mirela Koss", count: 2)])
        let fingerprints = [
            ArticleFingerprint(text: Self.body, title: "Orchestra tour", entities: entities, published: "2024-10-30"),
            ArticleFingerprint(text: "Short."),
            ArticleFingerprint(text: ""),
            ArticleFingerprint(text: Self.body + " 12 34 56"),
        ]
        var scratch = ArticleFingerprint.empty
        for fp in fingerprints {
            let ok = fp.encoded().withUnsafeBytes { scratch.load(encoded: $0) }
            #expect(ok)
            #expect(scratch == fp)
        }
        let damaged = Array(fingerprints[0].encoded().dropLast())
        #expect(!damaged.withUnsafeBytes { scratch.load(encoded: $0) })
    }

    @Test func decodeRejectsDamagedBytes() {
        let bytes = ArticleFingerprint(text: Self.body).encoded()
        #expect(ArticleFingerprint(encoded: bytes.dropLast()) == nil)
        #expect(ArticleFingerprint(encoded: bytes + [0]) == nil)
        var wrongVersion = bytes
        wrongVersion[0] = 99
        #expect(ArticleFingerprint(encoded: wrongVersion) == nil)
        #expect(ArticleFingerprint(encoded: []) == nil)
    }

    @Test func tokenizerTreatsUnicodePunctuationAsSeparator() {
        let curly = ShingleTokenizer.words("Kim’s envoy — in Moscow…")
        let straight = ShingleTokenizer.words("Kim's envoy - in Moscow...")
        #expect(curly == straight)
        #expect(ShingleTokenizer.words("Zürich 2024").count == 2)
        #expect(ShingleTokenizer.words("Zürich 2024")[1].isAllDigits)
    }
}
