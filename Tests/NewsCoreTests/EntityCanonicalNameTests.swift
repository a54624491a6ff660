import Testing
@testable import NewsCore

@Test(arguments: [
    ("Choe Son-hui", "Choe Son Hui"),
    ("choe son hui", "Choe Son Hui"),
    ("Kim Jong-un", "Kim Jong Un"),
    ("KIM JONG UN", "Kim Jong Un"),
    ("Koo Byoung-sam", "Koo Byoung Sam"),
    ("Sergei Lavrov", "Sergey Lavrov"),
    ("Sergi Lavrov", "Sergey Lavrov"),
    ("Serguei Lavrov", "Sergey Lavrov"),
    ("sergey lavrov", "Sergey Lavrov"),
    ("Aleksandr Matsegora", "Alexander Matsegora"),
    ("Dmitri Peskov", "Dmitry Peskov"),
    ("Yuri Gagarin", "Yury Gagarin"),
    ("Alexei Navalny", "Alexey Navalny"),
    ("Volodymyr Zelenskyy", "Volodymyr Zelensky"),
    ("José Martí", "Jose Marti"),
])
func canonicalisesPersonNames(_ pair: (String, String)) {
    #expect(EntityExtractor.canonicalPerson(pair.0) == pair.1)
}

@Test func keepsHyphensInNamesThatAreNotKorean() {
    #expect(EntityExtractor.canonicalPerson("Jean-Pierre Raffarin") == "Jean-Pierre Raffarin")
    #expect(EntityExtractor.canonicalPerson("Pierre-luc Dubois") == "Pierre-Luc Dubois")
    #expect(EntityExtractor.canonicalPerson("Bashar al-Assad") == "Bashar al-Assad")
}

@Test func keepsMixedCaseAndLowerCaseParticles() {
    #expect(EntityExtractor.canonicalPerson("Ronald McDonald") == "Ronald McDonald")
    #expect(EntityExtractor.canonicalPerson("ursula von der leyen") == "Ursula von der Leyen")
}

@Test func doesNotMapAGivenNameStandingAlone() {
    // "Sergei" alone is not a full name: it stays as written.
    #expect(EntityExtractor.canonicalPerson("Sergei") == "Sergei")
}

@Test func extractedNamesEqualCanonicalisedQueries() {
    let text = "Russian Foreign Minister Sergi Lavrov met Choe Son-hui in Pyongyang on Thursday."
    let names = Set(EntityExtractor.extract(text).people.map(\.name))
    #expect(names.contains(EntityExtractor.canonicalPerson("Sergei Lavrov")))
    #expect(names.contains(EntityExtractor.canonicalPerson("Choe Son Hui")))
}

@Test func canonicalisesOrganizationAndPlaceAliases() {
    #expect(EntityExtractor.canonicalOrganization("U.N.") == "United Nations")
    #expect(EntityExtractor.canonicalOrganization("KCNA") == "Korean Central News Agency")
    #expect(EntityExtractor.canonicalOrganization("The Riverside Teachers Union") == "Riverside Teachers Union")
    #expect(EntityExtractor.canonicalPlace("DPRK") == "North Korea")
    #expect(EntityExtractor.canonicalPlace("Kiev") == "Kyiv")
    #expect(EntityExtractor.canonicalPlace("São Paulo") == "Sao Paulo")
}

@Test func canonicalisingTwiceChangesNothing() {
    for name in ["Choe Son-hui", "sergi lavrov", "Pierre-luc Dubois", "ursula von der leyen", "Aleksandr Matsegora", "KIM JONG UN", "Émile Durand"] {
        let once = EntityExtractor.canonicalPerson(name)
        #expect(EntityExtractor.canonicalPerson(once) == once)
    }
}

@Test func givesTheFamilyNameOfCanonicalNames() {
    #expect(EntityExtractor.familyName(ofCanonical: "Sergey Lavrov") == "lavrov")
    #expect(EntityExtractor.familyName(ofCanonical: "Choe Son Hui") == "choe")
    #expect(EntityExtractor.familyName(ofCanonical: "Wang Yi") == "wang")
    #expect(EntityExtractor.familyName(ofCanonical: "Daniel Kim") == "kim")
    #expect(EntityExtractor.familyName(ofCanonical: "Kim Kardashian") == "kardashian")
}
