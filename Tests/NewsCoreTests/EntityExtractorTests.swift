import Testing
@testable import NewsCore

// Fixtures are written for these tests; they imitate wire copy, they quote nobody.

private func count(_ name: String, in mentions: [EntityMention]) -> Int? {
    mentions.first(where: { $0.name == name })?.count
}

private let visitStory = """
Foreign Minister Choe Son-hui arrived in Moscow on Monday for talks with Russian Foreign Minister Sergei Lavrov, the Korean Central News Agency (KCNA) reported.

Lavrov said the two countries would deepen cooperation. Choe Son Hui thanked her hosts, and Choe's delegation later toured a factory outside the capital.

Officials in Seoul said the U.S. and South Korea were watching closely. Kremlin spokesman Dmitri Peskov declined to comment, while Sergey Lavrov was quoted by KCNA as praising North Korean leader Kim Jong-un.
"""

@Test func joinsHyphenatedKoreanGivenNames() {
    let entities = EntityExtractor.extract(visitStory)
    #expect(count("Choe Son Hui", in: entities.people) == 3)
    #expect(!entities.people.contains(where: { $0.name.contains("Son-hui") || $0.name.contains("Son-Hui") }))
    #expect(count("Kim Jong Un", in: entities.people) == 1)
}

@Test func joinsRussianGivenNameTransliterations() {
    let entities = EntityExtractor.extract(visitStory)
    // Sergei Lavrov + "Lavrov said" + Sergey Lavrov.
    #expect(count("Sergey Lavrov", in: entities.people) == 3)
    #expect(count("Dmitry Peskov", in: entities.people) == 1)
    #expect(!entities.people.contains(where: { $0.name.hasPrefix("Sergei") }))
}

@Test func countsSurnameOnlyMentionsAndPossessivesTowardsTheFullName() {
    let text = """
    Prime Minister Anna Kowalczyk opened the session on Monday. Kowalczyk's speech was short, and Kowalczyk later told reporters that the vote would wait.
    """
    let entities = EntityExtractor.extract(text)
    #expect(entities.people == [EntityMention(name: "Anna Kowalczyk", count: 3)])
}

@Test func resolvesAFamilyNameToTheNearestFullNameBeforeIt() {
    let text = """
    The report was written by Daniel Kim for the institute. In the capital, Kim Jong Un inspected a new factory on Friday. Kim later left for the coast, state media said.
    """
    let entities = EntityExtractor.extract(text)
    #expect(count("Daniel Kim", in: entities.people) == 1)
    #expect(count("Kim Jong Un", in: entities.people) == 2)
}

@Test func keepsNameParticlesAndMatchesTheSurnameAlone() {
    let text = "Ursula von der Leyen arrived in Brussels late. Officials said von der Leyen would speak first."
    let entities = EntityExtractor.extract(text)
    #expect(count("Ursula von der Leyen", in: entities.people) == 2)
    #expect(count("Brussels", in: entities.places) == 1)
}

@Test func keepsACommonWordAsSurnameAfterAGivenName() {
    let text = "Helen Black, the treasurer, said the accounts were in order. Black added that the audit would be published in June."
    let entities = EntityExtractor.extract(text)
    #expect(entities.people == [EntityMention(name: "Helen Black", count: 2)])
}

@Test func foldsDiacriticsInNames() {
    let text = "Émile Durand, the mayor, said the bridge would reopen in May. Durand added that repairs had cost more than planned."
    let entities = EntityExtractor.extract(text)
    #expect(entities.people == [EntityMention(name: "Emile Durand", count: 2)])
}

@Test func findsGazetteerPlacesByAliasAndDemonym() {
    let entities = EntityExtractor.extract(visitStory)
    #expect(count("Moscow", in: entities.places) == 1)
    #expect(count("Seoul", in: entities.places) == 1)
    #expect(count("United States", in: entities.places) == 1)
    #expect(count("South Korea", in: entities.places) == 1)
    // "North Korean leader" counts for North Korea; "Russian Foreign Minister" for Russia.
    #expect(count("North Korea", in: entities.places) == 1)
    #expect(count("Russia", in: entities.places) == 1)
    let dprk = EntityExtractor.extract("Diplomats from the DPRK and from N. Korea's neighbours met in Geneva on Tuesday.")
    #expect(count("North Korea", in: dprk.places) == 2)
}

@Test func findsGazetteerOrganizationsByNameAndAcronym() {
    let entities = EntityExtractor.extract(visitStory)
    #expect(count("Korean Central News Agency", in: entities.organizations) == 3)
    #expect(count("Kremlin", in: entities.organizations) == 1)
    let text = "The U.N. said on Monday that the United Nations would send observers. A UN team is expected next week."
    #expect(EntityExtractor.extract(text).organizations == [EntityMention(name: "United Nations", count: 3)])
}

@Test func acronymsMatchOnlyInCapitals() {
    // "who" and "us" are words; "WHO" and "US" are names.
    let text = "Doctors who treated us said the WHO and the US had sent help to the hospital last week."
    let entities = EntityExtractor.extract(text)
    #expect(entities.organizations == [EntityMention(name: "World Health Organization", count: 1)])
    #expect(entities.places == [EntityMention(name: "United States", count: 1)])
}

@Test func findsOrganizationsAndPlacesByTheirLastWord() {
    let text = """
    Seoul's Unification Ministry warned against the plan, and the Riverside Teachers Union called a strike. Flights from Norrland Regional Airport were cancelled.
    """
    let entities = EntityExtractor.extract(text)
    #expect(count("Unification Ministry", in: entities.organizations) == 1)
    #expect(count("Riverside Teachers Union", in: entities.organizations) == 1)
    #expect(count("Norrland Regional Airport", in: entities.places) == 1)
    #expect(count("Seoul", in: entities.places) == 1)
    #expect(entities.people.isEmpty)
}

@Test func findsPeopleAfterRolesAndInFamilyNameFirstOrder() {
    let text = """
    Chinese Foreign Minister Wang Yi met the delegation on Friday, and spokeswoman Lena Marsh later briefed reporters.
    """
    let entities = EntityExtractor.extract(text)
    #expect(count("Wang Yi", in: entities.people) == 1)
    #expect(count("Lena Marsh", in: entities.people) == 1)
    #expect(count("China", in: entities.places) == 1)
}

@Test func ignoresSentenceInitialCommonWords() {
    let text = """
    Experts say the plan is risky. Given the costs, analysts doubt it will pass. However, Maria Sanchez disagreed with them. Speculation grew on Friday. While Canada waited, Officials stayed silent.
    """
    let entities = EntityExtractor.extract(text)
    #expect(entities.people == [EntityMention(name: "Maria Sanchez", count: 1)])
    #expect(entities.places == [EntityMention(name: "Canada", count: 1)])
    #expect(entities.organizations.isEmpty)
}

@Test func skipsHeadlineCaseAndAllCapitalLines() {
    let text = """
    Latest Stories
    Tesla Unveils Cheaper Model With Longer Range In Germany
    Samsung Profits Surge As Chip Demand Returns To Korea
    BREAKING: PRESIDENT MEETS REBEL LEADER JOHN SMITH IN GENEVA
    Popular Now
    """
    #expect(EntityExtractor.extract(text).isEmpty)
}

@Test func doesNotTakeMenuLabelsForPeople() {
    let text = """
    Site Map
    Ad Choices
    Community Guidelines
    The council said the new library would open in the spring, and the mayor welcomed the plan.
    """
    #expect(EntityExtractor.extract(text).people.isEmpty)
}

@Test func doesNotTakeTeamsOrTrophiesForPeople() {
    let text = "The Harbor City Penguins beat the visitors to reach the Stanley Cup final, and Josh Ferrell scored twice."
    let entities = EntityExtractor.extract(text)
    #expect(entities.people == [EntityMention(name: "Josh Ferrell", count: 1)])
}

@Test func sortsByCountThenName() {
    let text = "Trains left Paris for Berlin on Monday. From Berlin they went on to Athens, and later back to Berlin."
    let entities = EntityExtractor.extract(text)
    #expect(entities.places.map(\.name) == ["Berlin", "Athens", "Paris"])
    #expect(entities.places.map(\.count) == [3, 1, 1])
}

@Test func findsNothingInEmptyOrLowercaseText() {
    #expect(EntityExtractor.extract("").isEmpty)
    #expect(EntityExtractor.extract("nothing here is capitalised, not even after a full stop. really.").isEmpty)
}

@Test func hyphenatedBrandsAreNoPeopleButHyphenatedNamesAre() {
    // The brand test splits only words that hold a hyphen; names without one skip it.
    let text = """
    The new phone supports fast Wi-Fi, and the company said prices would rise. Analysts at the bank were not surprised by the move.

    Former prime minister Jean-Pierre Raffarin said on Tuesday that the talks had gone well, and Maria Kowalska agreed with him.
    """
    let people = EntityExtractor.extract(text).people.map(\.name)
    #expect(people.contains("Jean-Pierre Raffarin"))
    #expect(people.contains("Maria Kowalska"))
    #expect(!people.contains(where: { $0.contains("Wi") }))
}
