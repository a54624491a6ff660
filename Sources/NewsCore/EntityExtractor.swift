/// People, organisations and places in a text, under canonical names.
///
/// Method: the body is cut into words (`EntityTokenizer`); runs of capitalised words
/// (with joining hyphens, "of"/"for" and name particles inside) are candidate names.
/// Lines in headline case or in capitals (menus, "Popular Now" lists, shouted
/// sub-heads) are skipped. Each run is segmented:
/// - the longest gazetteer phrase wins (places with demonyms, organisations);
///   demonyms count as the country ("North Korean troops" → North Korea);
/// - a run ending in an organisation word ("Ministry", "Agency", "Times") is an
///   organisation, one ending in a place word ("Airport", "Cosmodrome") or starting
///   with one ("San", "Fort") a place;
/// - after a role ("Foreign Minister", "spokeswoman", "Mr.") comes a person;
/// - two to four capitalised words are a person when the first is a known given
///   name, the shape is Korean or Chinese family-name-first, a role precedes or a
///   speech verb follows ("… said"); in English prose (not on a short label line)
///   also two or three words that are not common English words and never appear in
///   lower case in the text.
/// Sentence-initial common words ("Experts", "Given", "While") are never a name's
/// start. Single words count towards a person named in full in the same text whose
/// family name they are ("Lavrov said", "Choe's visit"): the nearest full name before
/// them, else the first after. Otherwise a single word counts only after a role or
/// before a speech verb ("President Putin" → "Putin"). All-capital acronyms outside
/// the gazetteer count as organisations when they appear at least twice.
///
/// Names are canonical (`NameCanonicalizer`): the same in every article, so
/// `canonicalPerson(_:)` of what a user types finds them. Lists are sorted by count
/// (descending), then name.
///
/// `title` is not scanned: entities are those of the body. (A body that repeats the
/// headline on its first line has it skipped as a headline-case line.)
public enum EntityExtractor {
    /// At most this many bytes of the text are scanned.
    public static let maxScannedBytes = 64 * 1024

    public static func extract(_ text: String, title: String = "") -> Entities {
        var text = text
        return text.withUTF8 { buffer in
            let bytes = UnsafeBufferPointer(rebasing: buffer.prefix(maxScannedBytes))
            var scan = EntityScan(bytes: bytes)
            return scan.run()
        }
    }

    /// The canonical form of a person's name as the extractor stores it, for a name a
    /// user types: `canonicalPerson("Sergei Lavrov") == "Sergey Lavrov"`,
    /// `canonicalPerson("choe son-hui") == "Choe Son Hui"`.
    public static func canonicalPerson(_ name: String) -> String {
        NameCanonicalizer.canonicalPerson(name)
    }

    /// The family name of a canonical person's name, for matching a surname a user types
    /// alone: "Lavrov" for "Sergey Lavrov", "Choe" for "Choe Son Hui" (Korean and
    /// Chinese names put it first). Lower case, diacritics folded.
    public static func familyName(ofCanonical name: String) -> String {
        NameCanonicalizer.surnameKey(ofCanonical: name)
    }

    /// The canonical form of an organisation's name: the gazetteer's name for a known
    /// alias (`"U.N."` → `"United Nations"`), otherwise the name with diacritics folded
    /// and a leading "The" removed.
    public static func canonicalOrganization(_ name: String) -> String {
        canonicalGazetteerName(name, kind: .organization)
    }

    /// The canonical form of a place's name: the gazetteer's name for a known alias or
    /// demonym (`"DPRK"` → `"North Korea"`), otherwise the name with diacritics folded.
    public static func canonicalPlace(_ name: String) -> String {
        canonicalGazetteerName(name, kind: .place)
    }

    private static func canonicalGazetteerName(_ name: String, kind: GazetteerIndex.Kind) -> String {
        var words = name.split(separator: " ").map(String.init)
        if words.count > 1, words[0].lowercased() == "the" { words.removeFirst() }
        let folded = NameCanonicalizer.foldDiacritics(words.joined(separator: " "))
        let key = folded.lowercased()
        for candidate in [key, "the " + key] {
            if let entry = GazetteerIndex.shared.phrases[candidate], entry.kind == kind { return entry.canonical }
        }
        return folded
    }
}

/// One extraction over one text.
struct EntityScan {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let gazetteer = GazetteerIndex.shared
    private var tokens: [EntityToken] = []
    private var skippedLine: [Bool] = []
    /// Lines of a few capitalised words and nothing else: menu items, labels, bylines.
    private var labelLine: [Bool] = []
    /// Folded forms built so far: token index → index into `keyStrings`, -1 when not
    /// built. (Integers, not `String?`: most tokens never need their string, and an
    /// array of optional strings costs a release per token when the scan ends.)
    private var keySlots: [Int32] = []
    private var keyStrings: [String] = []
    /// `WordSet` hash of every token's folded lower-case form: word lists are looked up
    /// by hash, so most tokens never become a `String`.
    private var keyHashes: [UInt64] = []
    private var lowercaseSeen = HashSet64()
    /// Not English prose: people need a cue (see `looksLikeEnglishProse`).
    private var strict = false

    private var people: [String: Int] = [:]
    private var organizations: [String: Int] = [:]
    private var places: [String: Int] = [:]
    private var acronyms: [String: Int] = [:]
    /// Full-name mentions in order: (token index, canonical name, family-name key).
    private var fullNames: [(index: Int, name: String, surname: String)] = []
    /// Hashes of the family-name keys of the full names met so far.
    private var surnamesSoFar = HashSet64()
    /// Canonical names of the spellings met so far ("Sergei Lavrov" → "Sergey Lavrov").
    private var canonicalBySpelling: [String: (canonical: String, surname: String)] = [:]
    /// Single-word mentions to resolve once all full names are known.
    private var singles: [(index: Int, word: String, cued: Bool)] = []

    static let maxRunWords = 24

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    mutating func run() -> Entities {
        let tokenized = EntityTokenizer.tokenize(bytes)
        let tokens = tokenized.tokens
        self.tokens = tokens
        keySlots = Array(repeating: -1, count: tokens.count)
        keyHashes = tokenized.keyHashes
        hashKeys()
        markSkippedLines(endsWithStop: tokenized.endsWithStop)
        collectLowercaseWords()
        strict = !looksLikeEnglishProse()

        var i = 0
        while i < tokens.count {
            guard startsRun(i) else { i += 1; continue }
            let end = runEnd(from: i)
            // A run this long is a list or shouting, not a name: skip it (and keep the
            // work linear).
            if end - i <= Self.maxRunWords { segmentRun(i, end) }
            i = end
        }
        resolveSingles()
        for (acronym, count) in acronyms where count >= 2 {
            organizations[acronym, default: 0] += count
        }
        return Entities(people: sorted(people), organizations: sorted(organizations), places: sorted(places))
    }

    private func sorted(_ counts: [String: Int]) -> [EntityMention] {
        counts.map { EntityMention(name: $0.key, count: $0.value) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.name < $1.name }
    }

    // MARK: Lines

    /// Marks lines in headline case or in capitals: page chrome and sub-heads, not prose.
    /// Headline case: at least three capitalised words of five letters or more, at most
    /// one such word in lower case, and not a long sentence ending in a full stop.
    private mutating func markSkippedLines(endsWithStop: [Bool]) {
        let lineCount = endsWithStop.count
        var capitalised = Array(repeating: 0, count: lineCount)
        var lowercase = Array(repeating: 0, count: lineCount)
        var allCaps = Array(repeating: 0, count: lineCount)
        var letterWords = Array(repeating: 0, count: lineCount)
        var anyLowercase = Array(repeating: false, count: lineCount)
        for token in tokens where !token.flags.has(.digit) && !token.flags.has(.hyphenBefore) {
            letterWords[token.line] += 1
            if !token.flags.has(.capitalized) && !token.flags.has(.allCaps) { anyLowercase[token.line] = true }
            if token.flags.has(.allCaps) && !token.flags.has(.abbreviation) { allCaps[token.line] += 1 }
            guard token.end - token.start > 4 else { continue }
            if token.flags.has(.capitalized) { capitalised[token.line] += 1 } else { lowercase[token.line] += 1 }
        }
        // "Site Map", "Ad Choices", "Daniel Kim": a short line of capitalised words only.
        labelLine = (0..<lineCount).map { line in
            !anyLowercase[line] && letterWords[line] <= 5 && !endsWithStop[line]
        }
        skippedLine = (0..<lineCount).map { line in
            if allCaps[line] >= 1 && allCaps[line] * 10 >= letterWords[line] * 6 { return true }
            guard capitalised[line] >= 3, lowercase[line] <= 1 else { return false }
            return !(endsWithStop[line] && letterWords[line] >= 8)
        }
    }

    /// English prose, where a capitalised word inside a sentence is probably a name.
    /// Elsewhere (German capitalises every noun; other languages have other function
    /// words) people need a cue: a known given name, a family-name-first shape, a role.
    private func looksLikeEnglishProse() -> Bool {
        guard seenInLowercase("the"),
              ["of", "and", "to", "in", "a", "is", "was", "that", "said"].contains(where: { seenInLowercase($0) }) else { return false }
        var words = 0
        var capitalisedInside = 0
        for token in tokens where !token.flags.has(.digit) && !token.flags.has(.hyphenBefore) && !skippedLine[token.line] {
            words += 1
            if token.flags.has(.capitalized) && !token.flags.has(.sentenceStart) { capitalisedInside += 1 }
        }
        return capitalisedInside * 4 <= words
    }

    /// The folded form's hash of the tokens the tokenizer could not hash from their
    /// bytes (a scalar `ScalarFold` does not cover), through `key(_:)`.
    private mutating func hashKeys() {
        for index in keyHashes.indices where keyHashes[index] == 0 {
            keyHashes[index] = WordSet.hash(key(index))
        }
    }

    /// Continues an FNV-1a hash (`WordSet.step`) over the folded form of `token`, from
    /// its bytes: ASCII lower-cased, other scalars through `ScalarFold`; nil when a
    /// scalar is not one `ScalarFold` covers (the caller folds the word as a string).
    /// Static, on the bytes alone: a method would hand the whole scan (a dozen arrays,
    /// retained) to every call from the mutating loops.
    private static func hashFolded(_ bytes: UnsafeBufferPointer<UInt8>, _ token: EntityToken, from hash: UInt64) -> UInt64? {
        var h = hash
        var i = token.start
        while i < token.end {
            let c = bytes[i]
            if c < 0x80 {
                h = WordSet.step(h, c >= 0x41 && c <= 0x5A ? c | 0x20 : c)
                i += 1
                continue
            }
            let (scalar, length) = dumpDecodeScalar(bytes, i, token.end)
            guard let next = ScalarFold.step(h, scalar) else { return nil }
            h = next
            i += length
        }
        return h
    }

    /// Hashes of the words written in lower case somewhere in the text.
    private mutating func collectLowercaseWords() {
        lowercaseSeen = HashSet64(capacity: tokens.count)
        for index in tokens.indices {
            let token = tokens[index]
            if token.flags.has(.capitalized) || token.flags.has(.digit) || token.flags.has(.allCaps) { continue }
            guard token.end - token.start <= 24 else { continue }
            lowercaseSeen.insert(keyHashes[index])
        }
    }

    private func seenInLowercase(_ word: String) -> Bool {
        lowercaseSeen.contains(WordSet.hash(word))
    }

    /// Whether the folded form of token `index` is written in lower case somewhere.
    private func seenInLowercase(index: Int) -> Bool {
        lowercaseSeen.contains(keyHashes[index])
    }

    /// Hashes of the joiners the run logic compares against.
    private static let ofHash = WordSet.hash("of")
    private static let theHash = WordSet.hash("the")

    // MARK: Token helpers

    private func text(_ index: Int) -> String {
        let token = tokens[index]
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[token.start..<token.end]), as: UTF8.self)
    }

    /// Folded lower-case form of a token (cached).
    private mutating func key(_ index: Int) -> String {
        let slot = keySlots[index]
        if slot >= 0 { return keyStrings[Int(slot)] }
        let token = tokens[index]
        let value: String
        if token.flags.has(.nonASCII) {
            value = NameCanonicalizer.foldKey(text(index))
        } else {
            let bytes = self.bytes
            value = String(unsafeUninitializedCapacity: token.end - token.start) { buffer in
                for k in token.start..<token.end {
                    let c = bytes[k]
                    buffer[k - token.start] = c >= 0x41 && c <= 0x5A ? c | 0x20 : c
                }
                return token.end - token.start
            }
        }
        keySlots[index] = Int32(keyStrings.count)
        keyStrings.append(value)
        return value
    }

    /// `WordSet` hash of the folded form of a token.
    @inline(__always)
    private func keyHash(_ index: Int) -> UInt64 { keyHashes[index] }

    private func isWord(_ index: Int) -> Bool { !tokens[index].flags.has(.digit) }
    private func isCapital(_ index: Int) -> Bool {
        let flags = tokens[index].flags
        return (flags.has(.capitalized) || flags.has(.allCaps)) && !flags.has(.digit)
    }

    private func startsRun(_ index: Int) -> Bool {
        isCapital(index) && !skippedLine[tokens[index].line] && !tokens[index].flags.has(.hyphenBefore)
    }

    // MARK: Runs

    /// End (exclusive) of the run of name words that starts at `start`.
    private mutating func runEnd(from start: Int) -> Int {
        var i = start + 1
        while i < tokens.count {
            let token = tokens[i]
            guard !token.flags.has(.breakBefore), token.line == tokens[start].line, isWord(i) else { break }
            if token.flags.has(.hyphenBefore) { i += 1; continue }
            if tokens[i - 1].flags.has(.possessive) && !isCapital(i) { break }
            if isCapital(i) { i += 1; continue }
            // Lower-case joiners between two capitalised words: "of", "of the", or up to
            // three name particles ("von der").
            let word = keyHash(i)
            var next = i + 1
            if word == Self.ofHash {
                if next < tokens.count, keyHash(next) == Self.theHash, !tokens[next].flags.has(.breakBefore) { next += 1 }
            } else if EntityLexicon.nameParticles.contains(hash: word) {
                while next < tokens.count, next - i < 3, !isCapital(next), !tokens[next].flags.has(.breakBefore),
                      EntityLexicon.nameParticles.contains(hash: keyHash(next)) {
                    next += 1
                }
            } else if !EntityLexicon.connectors.contains(hash: word) {
                break
            }
            guard next < tokens.count, isCapital(next), !tokens[next].flags.has(.breakBefore),
                  tokens[next].line == tokens[start].line else { break }
            i = next + 1
        }
        return i
    }

    private mutating func isLeadingJunk(_ index: Int) -> Bool {
        let token = tokens[index]
        let hash = keyHash(index)
        if !isCapital(index) { return true }
        // "WHO", "US": capitals make a word a name.
        if token.flags.has(.allCaps) { return false }
        if EntityLexicon.stopwords.contains(hash: hash) { return true }
        if token.flags.has(.sentenceStart) {
            // "Black added …" after "Helen Black": the family name of someone named before.
            if surnamesSoFar.contains(hash) { return false }
            if EntityLexicon.commonWords.contains(hash: hash) || seenInLowercase(index: index) { return true }
            // "Fully unlocked …", "Reportedly …": an adverb opening the sentence.
            if token.flags.has(.nonASCII) || token.end - token.start >= 5 {
                let word = key(index)
                if word.hasSuffix("ly"), word.utf8.count >= 5, !EntityLexicon.firstNames.contains(hash: hash) { return true }
            }
        }
        return false
    }

    private mutating func segmentRun(_ runStart: Int, _ runEnd: Int) {
        var i = runStart
        while i < runEnd && isLeadingJunk(i) {
            // "North" of "North Korea" opening a sentence is not junk.
            if let match = gazetteerMatch(at: i, limit: runEnd), match.length >= 2 { break }
            i += 1
        }
        while i < runEnd {
            // Sub-run: up to and including the next possessive word.
            var subEnd = i
            while subEnd < runEnd {
                subEnd += 1
                if tokens[subEnd - 1].flags.has(.possessive) || tokens[subEnd - 1].flags.has(.apostropheAfter) { break }
            }
            let match = gazetteerMatch(at: i, limit: runEnd)
            if let match, match.length >= subEnd - i {
                record(match.entry, at: i)
                i += match.length
                continue
            }
            if let kind = suffixKind(i, subEnd) {
                recordName(i, subEnd, as: kind)
                i = subEnd
                continue
            }
            if let match {
                record(match.entry, at: i)
                i += match.length
                // A lower-case tail after a gazetteer word ("North Korean-provided").
                while i < subEnd && !isCapital(i) { i += 1 }
                continue
            }
            var j = i + 1
            while j < subEnd && gazetteerMatch(at: j, limit: runEnd) == nil { j += 1 }
            classifyFreeSpan(i, j, runStart: runStart, runEnd: runEnd)
            i = j
        }
    }

    // MARK: Gazetteer

    private mutating func gazetteerMatch(at start: Int, limit: Int) -> (entry: GazetteerIndex.Entry, length: Int)? {
        guard isCapital(start) else { return nil }
        guard let longest = gazetteer.longestPhraseByFirstWord[keyHash(start)] else { return nil }
        // A given name before a surname is a person, not a place: "Jordan Peterson".
        if EntityLexicon.firstNames.contains(hash: keyHash(start)), start + 1 < limit, isCapital(start + 1),
           !tokens[start + 1].flags.has(.hyphenBefore),
           gazetteer.longestPhraseByFirstWord[keyHash(start + 1)] == nil {
            return nil
        }
        // Hashes of the phrases of 1, 2, … words from `start`, as `WordSet.hash` of
        // the folded phrase ("north korea", "people's republic"), built word by word.
        var phrase = WordSet.seed
        var candidates: [(hash: UInt64, length: Int)] = []
        var k = start
        while k < limit && candidates.count < longest {
            if k > start {
                let previous = tokens[k - 1].flags
                if previous.contains(.possessive) {
                    phrase = WordSet.step(WordSet.step(phrase, UInt8(ascii: "'")), UInt8(ascii: "s"))
                } else if previous.contains(.apostropheAfter) {
                    phrase = WordSet.step(phrase, UInt8(ascii: "'"))
                }
                phrase = WordSet.step(phrase, tokens[k].flags.has(.hyphenBefore) ? UInt8(ascii: "-") : 0x20)
            }
            phrase = hashFoldedWord(k, into: phrase)
            candidates.append((WordSet.finish(phrase), k - start + 1))
            k += 1
        }
        for (hash, length) in candidates.reversed() {
            guard let entry = gazetteer.phrasesByHash[hash] else { continue }
            if entry.exactCase && !(start..<(start + length)).allSatisfy({ tokens[$0].flags.has(.allCaps) || key($0).count == 1 }) {
                continue
            }
            return (entry, length)
        }
        return nil
    }

    /// Continues an FNV-1a hash over the folded form of token `index`.
    private mutating func hashFoldedWord(_ index: Int, into hash: UInt64) -> UInt64 {
        if let h = Self.hashFolded(bytes, tokens[index], from: hash) { return h }
        var h = hash
        for byte in key(index).utf8 { h = WordSet.step(h, byte) }
        return h
    }

    private mutating func record(_ entry: GazetteerIndex.Entry, at index: Int) {
        switch entry.kind {
        case .place: places[entry.canonical, default: 0] += 1
        case .organization: organizations[entry.canonical, default: 0] += 1
        }
    }

    // MARK: Organisation and place names by their last word

    private mutating func suffixKind(_ start: Int, _ end: Int) -> GazetteerIndex.Kind? {
        var last = end - 1
        while last > start && !isCapital(last) { last -= 1 }
        guard last > start else { return nil }
        let word = keyHash(last)
        if EntityLexicon.orgSuffixes.contains(hash: word) { return .organization }
        if EntityLexicon.placeSuffixes.contains(hash: word) { return .place }
        // "University of …", "Ministry of …".
        if end - start >= 3, EntityLexicon.orgHeads.contains(hash: keyHash(start)), EntityLexicon.connectors.contains(hash: keyHash(start + 1)) {
            return .organization
        }
        return nil
    }

    private mutating func recordName(_ start: Int, _ end: Int, as kind: GazetteerIndex.Kind) {
        var start = start
        while start < end && (keyHash(start) == Self.theHash || !isCapital(start)) { start += 1 }
        var last = end - 1
        while last > start && !isCapital(last) && !tokens[last].flags.has(.hyphenBefore) { last -= 1 }
        guard last > start else { return }
        var name = ""
        for index in start...last {
            if index > start { name += tokens[index].flags.has(.hyphenBefore) ? "-" : " " }
            name += text(index)
            if index < last, tokens[index].flags.has(.possessive) { name += "'s" }
        }
        name = NameCanonicalizer.foldDiacritics(name)
        switch kind {
        case .organization: organizations[name, default: 0] += 1
        case .place: places[name, default: 0] += 1
        }
    }

    // MARK: People

    /// A span with no gazetteer word in it.
    private mutating func classifyFreeSpan(_ start: Int, _ end: Int, runStart: Int, runEnd: Int) {
        var start = start
        while start < end && isLeadingJunk(start) { start += 1 }
        guard start < end else { return }

        // After the last role word comes the person: "Foreign Minister Choe Son Hui".
        var roleIndex: Int?
        for index in stride(from: end - 1, through: start, by: -1) where isCapital(index) {
            if EntityLexicon.titleHeads.contains(hash: keyHash(index)) { roleIndex = index; break }
        }
        if let roleIndex {
            if roleIndex - start >= 2, let kind = suffixKind(start, roleIndex) { recordName(start, roleIndex, as: kind) }
            var nameStart = roleIndex + 1
            var joined = false
            // "Adviser for Strategic Communications John Kirby": keep what follows a joiner.
            for index in nameStart..<end where !isCapital(index) && !tokens[index].flags.has(.hyphenBefore)
                && !EntityLexicon.nameParticles.contains(hash: keyHash(index)) {
                nameStart = index + 1
                joined = true
            }
            while nameStart < end, isCommonWord(nameStart) { nameStart += 1 }
            // "Lord of the Rings" is no role in front of a name.
            if nameStart < end { considerPerson(nameStart, end, cued: !joined, runStart: runStart, runEnd: runEnd) }
            return
        }

        // Split at "of"/"for" joiners; each piece on its own.
        var pieceStart = start
        for index in start...end {
            if index == end || (!isCapital(index) && EntityLexicon.connectors.contains(hash: keyHash(index)) && !tokens[index].flags.has(.hyphenBefore)) {
                if pieceStart < index {
                    let cuedBefore = pieceStart == start ? roleCueBefore(runStart) : false
                    considerPerson(pieceStart, index, cued: cuedBefore, runStart: runStart, runEnd: runEnd)
                }
                pieceStart = index + 1
                if index + 1 < end, keyHash(index + 1) == Self.theHash { pieceStart += 1 }
            }
        }
    }

    private mutating func isCommonWord(_ index: Int) -> Bool {
        let word = keyHash(index)
        return EntityLexicon.commonWords.contains(hash: word) || EntityLexicon.titleHeads.contains(hash: word)
    }

    /// A lower-case role word right before the run: "spokeswoman Maria Zakharova".
    private mutating func roleCueBefore(_ runStart: Int) -> Bool {
        guard runStart > 0, !tokens[runStart].flags.has(.breakBefore) else { return false }
        let previous = runStart - 1
        return !isCapital(previous) && EntityLexicon.roleCues.contains(hash: keyHash(previous))
    }

    /// A speech verb right after the run: "Lavrov said".
    private mutating func speechVerbAfter(_ end: Int) -> Bool {
        guard end < tokens.count, !tokens[end].flags.has(.breakBefore) else { return false }
        return EntityLexicon.speechVerbs.contains(hash: keyHash(end))
    }

    private mutating func considerPerson(_ start: Int, _ end: Int, cued: Bool, runStart: Int, runEnd: Int) {
        var end = end
        // Trailing common words ("Daniel Kim Views") and lower-case tails that are not
        // name syllables; a common word right after a given name is a surname ("Gordon Brown").
        while end > start {
            let last = end - 1
            if isCapital(last) {
                guard last > start, isCommonWord(last), !(last - 1 == start && EntityLexicon.firstNames.contains(hash: keyHash(start))) else { break }
            } else if tokens[last].flags.has(.hyphenBefore) {
                break
            }
            end -= 1
        }
        guard start < end else { return }
        let cued = cued || (end == runEnd && speechVerbAfter(end))
        let count = end - start
        if count == 1 {
            guard !tokens[start].flags.has(.allCaps) else {
                // An acronym outside the gazetteer: an organisation if it recurs.
                let word = text(start)
                if word.utf8.count >= 2, word.utf8.count <= 8, !EntityLexicon.acronymStoplist.contains(word) {
                    acronyms[word, default: 0] += 1
                }
                return
            }
            guard !isCommonWord(start) || surnamesSoFar.contains(keyHash(start)), !tokens[start].flags.has(.abbreviation) else { return }
            // A lone word is a name only if the text never writes it in lower case and it
            // is not a CamelCase brand ("TimeWarner").
            let word = text(start)
            let cuedName = cued && !seenInLowercase(index: start) && !Self.hasInnerCapital(word)
            singles.append((start, word, cuedName))
            return
        }
        guard count <= 5 else { return }
        // Word lists are checked on the tokens' hashes; the strings are built only for a
        // span that passes them.
        var wordCount = 0
        for index in start..<end {
            let token = tokens[index]
            if token.flags.has(.allCaps) || token.flags.has(.abbreviation) && key(index).count > 2 { return }
            if !(token.flags.has(.hyphenBefore) && index > start) { wordCount += 1 }
        }
        // Hyphenated words alone ("Spider-Man", "Oscar-Nominated") are not full names.
        guard wordCount >= 2 else { return }
        let first = keyHash(start)
        // "Strategic Communications John Kirby": the name starts at the given name.
        if wordCount >= 3, wordCount == count, !isGivenName(start), !EntityLexicon.givenNameVariants.contains(hash: first),
           let given = (start + 1..<end - 1).first(where: { isGivenName($0) }) {
            considerPerson(given, end, cued: cued, runStart: runStart, runEnd: runEnd)
            return
        }
        // Family name first: Korean surname + two syllables, or a Chinese surname + one word.
        let familyFirst: Bool
        if EntityLexicon.koreanSurnames.contains(hash: first), count == 3, (start + 1..<end).allSatisfy({ keyByteCount($0) <= 6 }) {
            familyFirst = true
        } else if count == 2, wordCount == 2,
                  EntityLexicon.chineseSurnames.contains(hash: first) || EntityLexicon.koreanSurnames.contains(hash: first),
                  !isGivenName(start), !isGivenName(start + 1) {
            familyFirst = true
        } else {
            familyFirst = false
        }
        let knownGivenName = isGivenName(start) || EntityLexicon.givenNameVariants.contains(hash: first)
        // Every word must look like part of a name.
        for index in start..<end {
            let word = keyHash(index)
            if EntityLexicon.stopwords.contains(hash: word) || EntityLexicon.monthsAndDays.contains(hash: word) { return }
            if EntityLexicon.orgSuffixes.contains(hash: word) || EntityLexicon.placeSuffixes.contains(hash: word) { return }
            if EntityLexicon.nameParticles.contains(hash: word) && !isCapital(index) { continue }
            if tokens[index].flags.has(.hyphenBefore) { continue }
            if EntityLexicon.commonWords.contains(hash: word) {
                // "Gordon Brown", "Mark Rose": after a given name a common word is a surname.
                let exempt = knownGivenName || (index > start && familyFirst)
                if !exempt { return }
            }
        }
        if EntityLexicon.notSurnames.contains(hash: keyHash(end - 1)) { return }
        var words: [String] = []
        for index in start..<end {
            if tokens[index].flags.has(.hyphenBefore), let last = words.popLast() {
                words.append(last + "-" + text(index))
            } else {
                words.append(text(index))
            }
        }
        // Brands and gadgets: "AirPods", "iPhone", "Wi-Fi", "T-Mobile".
        for word in words {
            if Self.hasInnerCapital(word) { return }
            guard word.utf8.contains(UInt8(ascii: "-")) else { continue }  // one part: nothing to test
            let parts = word.split(separator: "-")
            if parts.count > 1, parts.contains(where: { $0.count < 2 }) || parts.allSatisfy({ $0.count <= 2 }) { return }
        }
        // "El Paso", "San Ysidro", "Fort Worth": places by their first word.
        if EntityLexicon.placePrefixes.contains(hash: first) {
            if !strict { places[NameCanonicalizer.foldDiacritics(words.joined(separator: " ")), default: 0] += 1 }
            return
        }
        // "Liberal Democrat spokeswoman …": a capitalised affiliation before a role.
        if !cued, end < tokens.count, !tokens[end].flags.has(.breakBefore), !isCapital(end),
           EntityLexicon.roleCues.contains(hash: keyHash(end)) {
            return
        }
        if !knownGivenName && !familyFirst {
            // Without a given name, no word of it may appear in lower case in the text,
            // and no lower-case hyphen tails ("Non-governmental").
            for index in start..<end {
                if !isCapital(index) && !EntityLexicon.nameParticles.contains(hash: keyHash(index)) { return }
                if !cued && seenInLowercase(index: index) { return }
            }
        }
        let sentenceInitialJunk = tokens[start].flags.has(.sentenceStart) && seenInLowercase(index: start) && !knownGivenName
        guard !sentenceInitialJunk else { return }
        // Without a cue, only a name in running English prose counts (not a menu label).
        guard knownGivenName || familyFirst || cued || (count <= 3 && !strict && !labelLine[tokens[start].line]) else { return }
        addPerson(words, at: start)
    }

    private func isGivenName(_ index: Int) -> Bool {
        EntityLexicon.firstNames.contains(hash: keyHash(index))
    }

    /// Length in bytes of the folded form of token `index`.
    private mutating func keyByteCount(_ index: Int) -> Int {
        let token = tokens[index]
        return token.flags.has(.nonASCII) ? key(index).utf8.count : token.end - token.start
    }

    /// "TimeWarner", "iPhone": an upper-case letter after the first, not after "Mc"/"Mac"/"O'".
    static func hasInnerCapital(_ word: String) -> Bool {
        var previous: UInt8 = 0
        var position = 0
        for byte in word.utf8 {
            defer { previous = byte; position += 1 }
            guard position > 0, byte >= 0x41, byte <= 0x5A else { continue }
            if previous == UInt8(ascii: "'") || previous == UInt8(ascii: "-") { continue }
            if word.hasPrefix("Mc") && position == 2 || word.hasPrefix("Mac") && position == 3 { continue }
            return true
        }
        return false
    }

    private mutating func addPerson(_ words: [String], at index: Int) {
        // The same name recurs in a text: canonicalise each spelling once.
        let spelling = words.joined(separator: " ")
        let canonical: String
        let surname: String
        if let cached = canonicalBySpelling[spelling] {
            (canonical, surname) = cached
        } else {
            canonical = NameCanonicalizer.canonicalPerson(words: words)
            surname = canonical.isEmpty ? "" : NameCanonicalizer.surnameKey(ofCanonical: canonical)
            canonicalBySpelling[spelling] = (canonical, surname)
        }
        guard !canonical.isEmpty else { return }
        people[canonical, default: 0] += 1
        fullNames.append((index, canonical, surname))
        surnamesSoFar.insert(WordSet.hash(surname))
    }

    /// Single words: the nearest full name before them with that family name (else the
    /// first one after); otherwise a person of one word when a role or a speech verb
    /// marks it.
    private mutating func resolveSingles() {
        var bySurname: [String: [(index: Int, name: String)]] = [:]
        for entry in fullNames { bySurname[entry.surname, default: []].append((entry.index, entry.name)) }
        var surnameOfWord: [String: String] = [:]
        for single in singles {
            let surname: String
            if let known = surnameOfWord[single.word] {
                surname = known
            } else {
                surname = NameCanonicalizer.surnameKey(ofWord: single.word)
                surnameOfWord[single.word] = surname
            }
            if let candidates = bySurname[surname] {
                let before = candidates.last(where: { $0.index < single.index })
                let chosen = before ?? candidates[0]
                people[chosen.name, default: 0] += 1
            } else if single.cued {
                people[NameCanonicalizer.canonicalPerson(words: [single.word]), default: 0] += 1
            }
        }
    }
}
