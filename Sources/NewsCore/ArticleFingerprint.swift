/// What dedupe and story grouping need to know about one article, computed once from
/// its CLEAN body (never the raw file) and kept as a few hundred bytes in the store's
/// sidecar, so the index can be rebuilt at start without re-parsing articles.
///
/// - `textHash`: the body's words, lower-cased, punctuation and whitespace dropped:
///   the same article in different chrome gets the same hash.
/// - `sketch`: a bottom-k sketch (the `sketchSize` smallest distinct 32-bit hashes) of
///   the body's word 4-shingles. Both sets are known exactly below the smaller of two
///   sketches' largest values, which gives unbiased estimates of Jaccard similarity AND
///   of containment in either direction (a truncated copy is contained in the original),
///   unlike a MinHash, which only estimates Jaccard.
/// - `positions`: where each sketch shingle first occurs, in eighths of the body, so an
///   index can tell a copy (matches all along) from a shared tail of site chrome.
/// - `numbers`: hashes of number tokens; wire templates (results, earnings) differ there.
/// - `entities`, `terms`: canonical entity names and top content words, for stories.
public struct ArticleFingerprint: Sendable, Equatable {
    public static let sketchSize = 64
    public static let shingleLength = 4
    public static let maxNumbers = 32
    public static let maxEntities = 12
    public static let maxTerms = 12
    /// Lead keys are taken over the first this many shingles (≈ the first paragraph).
    public static let leadShingles = 48
    public static let leadKeyCount = 2
    static let formatVersion: UInt8 = 1

    public var textHash: UInt64
    /// Distinct shingles in the body.
    public var shingleCount: UInt32
    /// Words in the body.
    public var wordCount: UInt32
    /// Ascending.
    public var sketch: [UInt32]
    /// The shingles that are smallest under `leadKeyCount` fixed hash functions among the
    /// body's first `leadShingles`: a copy cut off after its first paragraphs still
    /// shares them with the original, whatever else it lacks.
    public var leadKeys: [UInt32]
    /// Parallel to `sketch`: 0–7, the eighth of the body where the shingle first occurs.
    public var positions: [UInt8]
    /// Ascending, distinct; the `maxNumbers` smallest.
    public var numbers: [UInt32]
    /// Distinct number tokens in the body.
    public var numberCount: UInt32
    /// Canonical entity names' keys, most mentioned first.
    public var entities: [UInt32]
    /// Top content words (title counts three times), most frequent first.
    public var terms: [UInt32]
    /// Days since 1970-01-01 of `article.published`, when the article states a date.
    public var publishedDay: Int32?

    public init(
        textHash: UInt64, shingleCount: UInt32, wordCount: UInt32, sketch: [UInt32], leadKeys: [UInt32], positions: [UInt8],
        numbers: [UInt32], numberCount: UInt32, entities: [UInt32], terms: [UInt32], publishedDay: Int32?
    ) {
        self.textHash = textHash
        self.shingleCount = shingleCount
        self.wordCount = wordCount
        self.sketch = sketch
        self.leadKeys = leadKeys
        self.positions = positions
        self.numbers = numbers
        self.numberCount = numberCount
        self.entities = entities
        self.terms = terms
        self.publishedDay = publishedDay
    }

    public init(article: Article) {
        self.init(text: article.text, title: article.title, entities: article.entities, published: article.published)
    }

    public init(text: String, title: String = "", entities: Entities = Entities(), published: String? = nil) {
        let words = ShingleTokenizer.words(text)
        // Normalised text hash: word hashes in order.
        var textHash = FingerprintHash.fnvOffset
        for word in words { textHash = FingerprintHash.mix(textHash ^ word.hash) }
        self.textHash = words.isEmpty ? 0 : textHash
        self.wordCount = UInt32(words.count)

        // Shingles: (hash << 3 | eighth), sorted, then first occurrence of each hash kept.
        let k = ArticleFingerprint.shingleLength
        let shingleTotal = words.count >= k ? words.count - k + 1 : (words.isEmpty ? 0 : 1)
        var shingles = [UInt64](repeating: 0, count: shingleTotal)
        words.withUnsafeBufferPointer { words in
            shingles.withUnsafeMutableBufferPointer { shingles in
                let width = min(k, words.count)
                // The eighth of the body, `start * 8 / shingleTotal`, without a division per shingle.
                var eighth: UInt64 = 0
                var nextEighthAt = shingleTotal   // (eighth + 1) * shingleTotal, compared with start * 8
                for start in 0..<shingleTotal {
                    while start &* 8 >= nextEighthAt {
                        eighth += 1
                        nextEighthAt &+= shingleTotal
                    }
                    var h: UInt64 = 0x2545_f491_4f6c_dd1d
                    for offset in 0..<width {
                        h = FingerprintHash.mix(h ^ words[start &+ offset].hash)
                    }
                    shingles[start] = (h >> 32) << 3 | eighth
                }
            }
        }
        var leadKeys: [UInt32] = []
        for function in 0..<ArticleFingerprint.leadKeyCount {
            var best: (rank: UInt64, key: UInt32)?
            for value in shingles.prefix(ArticleFingerprint.leadShingles) {
                let key = UInt32(truncatingIfNeeded: value >> 3)
                let rank = FingerprintHash.mix(UInt64(key) ^ (0x6a09_e667_f3bc_c909 &* UInt64(function + 1)))
                if best == nil || rank < best!.rank { best = (rank, key) }
            }
            if let best { leadKeys.append(best.key) }
        }
        self.leadKeys = leadKeys
        RadixSort.sort(&shingles, bits: 35)
        var sketch: [UInt32] = []
        var positions: [UInt8] = []
        sketch.reserveCapacity(min(shingleTotal, ArticleFingerprint.sketchSize))
        positions.reserveCapacity(min(shingleTotal, ArticleFingerprint.sketchSize))
        var distinct: UInt32 = 0
        var previous: UInt64 = .max
        for value in shingles {
            let hash = value >> 3
            if hash == previous { continue }
            previous = hash
            distinct += 1
            if sketch.count < ArticleFingerprint.sketchSize {
                sketch.append(UInt32(hash))
                positions.append(UInt8(value & 7))
            }
        }
        self.sketch = sketch
        self.positions = positions
        self.shingleCount = distinct

        // Numbers.
        var numberKeys: [UInt64] = []
        for word in words where word.hasDigit { numberKeys.append(word.hash >> 32) }
        RadixSort.sort(&numberKeys, bits: 32)
        var uniqueNumbers: [UInt32] = []
        for key in numberKeys where uniqueNumbers.last != UInt32(key) { uniqueNumbers.append(UInt32(key)) }
        self.numberCount = UInt32(uniqueNumbers.count)
        self.numbers = Array(uniqueNumbers.prefix(ArticleFingerprint.maxNumbers))

        // Entities: canonical names, most mentioned first, ties by key.
        let mentions = entities.people + entities.organizations + entities.places
        var byKey = HashCounts(expected: mentions.count)
        for mention in mentions { byKey.add(UInt64(FingerprintHash.key32(mention.name)), max(mention.count, 1)) }
        self.entities = byKey.top(ArticleFingerprint.maxEntities).map { UInt32(truncatingIfNeeded: $0) }

        // Terms: content words of 4+ bytes, not numbers, not stop words, not part of an
        // entity's name (those are compared as entities): what happened, not who.
        var nameWords: [UInt64] = []
        for mention in mentions {
            for word in ShingleTokenizer.words(mention.name) { nameWords.append(word.hash) }
        }
        RadixSort.sort(&nameWords, bits: 64)
        let names = nameWords   // a constant: a captured `var` costs an exclusivity check per look-up
        func isNameWord(_ hash: UInt64) -> Bool {
            var low = 0
            var high = names.count
            while low < high {
                let middle = (low + high) / 2
                if names[middle] < hash { low = middle + 1 } else { high = middle }
            }
            return low < names.count && names[low] == hash
        }
        var counts = HashCounts(expected: words.count / 2)
        for word in words where ArticleFingerprint.isContentWord(word) && !isNameWord(word.hash) {
            counts.add(word.hash, 1)
        }
        for word in ShingleTokenizer.words(title) where ArticleFingerprint.isContentWord(word) && !isNameWord(word.hash) {
            counts.add(word.hash, 3)
        }
        self.terms = counts.top(ArticleFingerprint.maxTerms).map { UInt32(truncatingIfNeeded: $0 >> 32) }

        self.publishedDay = published.flatMap(ArticleFingerprint.day(ofISODate:))
    }

    static func isContentWord(_ word: ShingleTokenizer.Word) -> Bool {
        word.length >= 4 && !word.hasDigit && !FingerprintStopWords.contains(word.hash)
    }

    /// Days since 1970-01-01 of an ISO 8601 date or date-time's date part.
    public static func day(ofISODate text: String) -> Int32? {
        let bytes = Array(text.utf8.prefix(10))
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              (1...12).contains(month), (1...31).contains(day) else { return nil }
        return Int32(daysFromCivil(year: year, month: month, day: day))
    }

    /// Howard Hinnant's days_from_civil.
    public static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
