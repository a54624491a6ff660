import NewsCore
import NewsStore
import Testing

struct StoryIndexTests {
    typealias F = DedupeFixtures

    static let summitEntities = Entities(
        people: [EntityMention(name: "Ines Caldwell", count: 3), EntityMention(name: "Tomas Breuer", count: 2)],
        organizations: [EntityMention(name: "Port Almeria Council", count: 2)],
        places: [EntityMention(name: "Port Almeria", count: 4)]
    )

    /// A second, independently written report of the harbour vote.
    static let harbourOtherOutlet = """
    Heavy lorries will no longer be allowed into Port Almeria's historic fishing harbour after councillors approved a closure plan by nineteen votes to eleven.

    Deputy mayor Ines Caldwell argued that the quays and the sea wall were being damaged by freight traffic. Harbour master Tomas Breuer confirmed that permits will be required for lorries over twelve tonnes from next month, and that the cargo companies can move to the northern terminal.

    Warehouse workers on Canal Street fear for their jobs, and their union has asked the council for a retraining scheme before the harbour closure takes effect.
    """

    private func add(_ index: DedupeIndex, _ generator: inout RecordIDGenerator, _ text: String, title: String,
                     entities: Entities, published: String?, day: Int) -> (RecordID, DedupeVerdict) {
        let fp = ArticleFingerprint(text: text, title: title, entities: entities, published: published)
        let verdict = index.classify(fp, day: day)
        let id = generator.next(nowMilliseconds: 1_767_225_600_000)
        index.insert(id: id, fingerprint: fp, verdict: verdict, day: day)
        return (id, verdict)
    }

    @Test func groupsReportsOfOneEventAcrossOutlets() {
        let index = DedupeIndex()
        var generator = RecordIDGenerator()
        let (first, v1) = add(index, &generator, F.harbour, title: "Port Almeria closes fishing harbour to cargo lorries",
                              entities: Self.summitEntities, published: "2025-03-04", day: 20_151)
        let (_, v2) = add(index, &generator, Self.harbourOtherOutlet, title: "Lorries banned from Port Almeria harbour after council vote",
                          entities: Self.summitEntities, published: "2025-03-05", day: 20_152)
        #expect(v1.story == nil)
        #expect(v2.duplicateOf == nil)
        #expect(v2.story == first)
    }

    @Test func sameActorsMonthsApartStartNewStory() {
        let index = DedupeIndex()
        var generator = RecordIDGenerator()
        _ = add(index, &generator, F.harbour, title: "Port Almeria closes fishing harbour to cargo lorries",
                entities: Self.summitEntities, published: "2025-03-04", day: 20_151)
        let (_, later) = add(index, &generator, Self.harbourOtherOutlet, title: "Lorries banned from Port Almeria harbour after council vote",
                             entities: Self.summitEntities, published: "2025-09-20", day: 20_351)
        #expect(later.story == nil)
    }

    @Test func unrelatedEventStartsOwnStory() {
        let index = DedupeIndex()
        var generator = RecordIDGenerator()
        _ = add(index, &generator, F.harbour, title: "Port Almeria closes fishing harbour to cargo lorries",
                entities: Self.summitEntities, published: "2025-03-04", day: 20_151)
        let (_, bridge) = add(index, &generator, F.bridge, title: "Verran bridge cables corroded",
                              entities: Entities(people: [EntityMention(name: "Hana Lindqvist", count: 1)], places: [EntityMention(name: "Verran", count: 2)]),
                              published: "2025-03-04", day: 20_151)
        #expect(bridge.story == nil)
    }

    @Test func duplicateJoinsItsOriginalsStory() {
        let index = DedupeIndex()
        var generator = RecordIDGenerator()
        let (first, _) = add(index, &generator, F.harbour, title: "A", entities: Self.summitEntities, published: nil, day: 20_151)
        let (_, copy) = add(index, &generator, F.harbour + "\n\n" + F.chromeA, title: "B", entities: Self.summitEntities, published: nil, day: 20_300)
        #expect(copy.duplicateOf == first)
        #expect(copy.story == first)
    }
}
