@testable import NewsCore

/// The fingerprint as it was computed before the radix sort and the hash-table counts
/// (standard-library sort, `Set` and `Dictionary`): the reference the fast version
/// must equal value for value, since stores keep fingerprints and compare new ones
/// against them.
enum ReferenceFingerprint {
    static let stopWords: Set<UInt64> = Set(FingerprintStopWords.words.flatMap { ShingleTokenizer.words($0).map(\.hash) })

    static func isContentWord(_ word: ShingleTokenizer.Word) -> Bool {
        word.length >= 4 && !word.hasDigit && !stopWords.contains(word.hash)
    }

    static func make(text: String, title: String = "", entities: Entities = Entities(), published: String? = nil) -> ArticleFingerprint {
        var fp = ArticleFingerprint(textHash: 0, shingleCount: 0, wordCount: 0, sketch: [], leadKeys: [], positions: [], numbers: [], numberCount: 0, entities: [], terms: [], publishedDay: nil)
        let words = ShingleTokenizer.words(text)
        // Normalised text hash: word hashes in order.
        var textHash = FingerprintHash.fnvOffset
        for word in words { textHash = FingerprintHash.mix(textHash ^ word.hash) }
        fp.textHash = words.isEmpty ? 0 : textHash
        fp.wordCount = UInt32(words.count)

        // Shingles: (hash << 3 | eighth), sorted, then first occurrence of each hash kept.
        var shingles: [UInt64] = []
        let k = ArticleFingerprint.shingleLength
        let shingleTotal = words.count >= k ? words.count - k + 1 : (words.isEmpty ? 0 : 1)
        shingles.reserveCapacity(shingleTotal)
        for start in 0..<shingleTotal {
            var h: UInt64 = 0x2545_f491_4f6c_dd1d
            for offset in 0..<min(k, words.count) {
                h = FingerprintHash.mix(h ^ words[start + offset].hash)
            }
            let eighth = UInt64(start * 8 / max(shingleTotal, 1))
            shingles.append((h >> 32) << 3 | eighth)
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
        fp.leadKeys = leadKeys
        shingles.sort()
        var sketch: [UInt32] = []
        var positions: [UInt8] = []
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
        fp.sketch = sketch
        fp.positions = positions
        fp.shingleCount = distinct

        // Numbers.
        var numberKeys = words.filter(\.hasDigit).map { UInt32(truncatingIfNeeded: $0.hash >> 32) }
        numberKeys.sort()
        var uniqueNumbers: [UInt32] = []
        for key in numberKeys where uniqueNumbers.last != key { uniqueNumbers.append(key) }
        fp.numberCount = UInt32(uniqueNumbers.count)
        fp.numbers = Array(uniqueNumbers.prefix(ArticleFingerprint.maxNumbers))

        // Entities: canonical names, most mentioned first, ties by key.
        let mentions = entities.people + entities.organizations + entities.places
        var byKey: [UInt32: Int] = [:]
        for mention in mentions { byKey[FingerprintHash.key32(mention.name), default: 0] += max(mention.count, 1) }
        fp.entities = byKey.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(ArticleFingerprint.maxEntities).map(\.key)

        // Terms: content words of 4+ bytes, not numbers, not stop words, not part of an
        // entity's name (those are compared as entities): what happened, not who.
        var nameWords = Set<UInt64>()
        for mention in mentions {
            for word in ShingleTokenizer.words(mention.name) { nameWords.insert(word.hash) }
        }
        var counts: [UInt64: Int] = [:]
        for word in words where isContentWord(word) && !nameWords.contains(word.hash) {
            counts[word.hash, default: 0] += 1
        }
        for word in ShingleTokenizer.words(title) where isContentWord(word) && !nameWords.contains(word.hash) {
            counts[word.hash, default: 0] += 3
        }
        fp.terms = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(ArticleFingerprint.maxTerms).map { UInt32(truncatingIfNeeded: $0.key >> 32) }

        fp.publishedDay = published.flatMap(ArticleFingerprint.day(ofISODate:))
        return fp
    }
}
