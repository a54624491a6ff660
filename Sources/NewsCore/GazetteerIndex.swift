/// The place and organisation gazetteers as one look-up table keyed by folded phrase.
struct GazetteerIndex: Sendable {
    enum Kind: Sendable { case place, organization }

    struct Entry: Sendable {
        let canonical: String
        let kind: Kind
        /// "North Korean" for North Korea.
        let isDemonym: Bool
        /// All-capital aliases ("US", "WHO", "AP") match only capitals.
        let exactCase: Bool
    }

    /// Folded phrase ("north korea", "u.s.", "people's") → entry.
    private(set) var phrases: [String: Entry] = [:]
    /// The same, keyed by `WordSet.hash` of the phrase, for the extractor, which hashes
    /// phrases from the text's bytes without building strings. (A 64-bit collision
    /// between a text's phrase and one of a few thousand gazetteer phrases is not a
    /// practical concern; the cost would be one wrong entity.)
    private(set) var phrasesByHash: [UInt64: Entry] = [:]
    /// `WordSet.hash` of a folded first word → longest phrase (in words) that starts with it.
    private(set) var longestPhraseByFirstWord: [UInt64: Int] = [:]

    static let shared = GazetteerIndex()

    init() {
        for line in GazetteerOrganizations.table.split(separator: "\n") {
            let names = line.split(separator: "|").map { $0.trimmingSpaces() }
            guard let canonical = names.first else { continue }
            for alias in names { add(alias, Entry(canonical: canonical, kind: .organization, isDemonym: false, exactCase: Self.isAllCaps(alias))) }
        }
        for line in GazetteerPlaces.table.split(separator: "\n") {
            let halves = line.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)
            let names = halves[0].split(separator: "|").map { $0.trimmingSpaces() }
            guard let canonical = names.first else { continue }
            for alias in names { add(alias, Entry(canonical: canonical, kind: .place, isDemonym: false, exactCase: Self.isAllCaps(alias))) }
            if halves.count > 1 {
                for demonym in halves[1].split(separator: "|").map({ $0.trimmingSpaces() }) {
                    add(demonym, Entry(canonical: canonical, kind: .place, isDemonym: true, exactCase: false))
                }
            }
        }
    }

    private mutating func add(_ alias: String, _ entry: Entry) {
        // Words as the extractor's tokenizer sees them: hyphens and spaces both separate.
        let key = NameCanonicalizer.foldKey(alias)
        let words = key.split(whereSeparator: { $0 == " " || $0 == "-" })
        guard let first = words.first else { return }
        if phrases[key] == nil {
            phrases[key] = entry
            phrasesByHash[WordSet.hash(key)] = entry
        }
        let firstHash = WordSet.hash(String(first))
        longestPhraseByFirstWord[firstHash] = max(longestPhraseByFirstWord[firstHash] ?? 0, words.count)
    }

    private static func isAllCaps(_ alias: String) -> Bool {
        var letters = 0
        for scalar in alias.unicodeScalars where scalar.properties.isAlphabetic {
            if !scalar.properties.isUppercase { return false }
            letters += 1
        }
        return letters >= 2
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> String {
        var slice = self[...]
        while slice.first == " " { slice = slice.dropFirst() }
        while slice.last == " " { slice = slice.dropLast() }
        return String(slice)
    }
}
