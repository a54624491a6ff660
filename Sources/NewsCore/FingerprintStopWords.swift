/// Function words (4+ letters) that never make a story's top terms.
enum FingerprintStopWords {
    static let words: [String] = [
        "about", "above", "after", "again", "against", "also", "although", "among", "another", "around",
        "because", "been", "before", "being", "below", "between", "both", "came", "come", "could",
        "days", "does", "doing", "down", "during", "each", "even", "ever", "every", "first", "from",
        "further", "gave", "give", "going", "good", "have", "having", "here", "into", "just", "know",
        "last", "like", "made", "make", "many", "more", "most", "much", "must", "need", "never", "news",
        "next", "only", "other", "over", "part", "said", "same", "says", "should", "since", "some",
        "such", "take", "than", "that", "their", "them", "then", "there", "these", "they", "thing",
        "think", "this", "those", "though", "three", "through", "time", "told", "under", "until",
        "very", "want", "were", "what", "when", "where", "whether", "which", "while", "will", "with",
        "within", "without", "would", "year", "years", "your", "week", "people", "still", "back",
        "already", "added", "according", "however", "well", "new", "way", "former", "take", "taken",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "today", "yesterday", "tomorrow", "report", "reported", "reports",
        "including", "world", "country", "government", "official", "officials", "statement",
    ]

    /// The words' hashes in an open-addressing table on their top bits (at most a
    /// quarter full): asked for every content-length word of every article, where a
    /// `Set` spent a SipHash per word.
    private static let tableBits = 10
    static let table: [UInt64] = {
        var table = [UInt64](repeating: 0, count: 1 << tableBits)
        for hash in words.flatMap({ ShingleTokenizer.words($0).map(\.hash) }) where !contains(hash, in: table) {
            var slot = Int(truncatingIfNeeded: hash >> UInt64(64 - tableBits))
            while table[slot] != 0 { slot = (slot + 1) & (table.count - 1) }
            table[slot] = hash
        }
        return table
    }()

    /// Whether `hash` (a `ShingleTokenizer.Word.hash`) is a stop word's. (A word whose
    /// hash is 0 would read as absent; 0 is one value in 2^64.)
    @inline(__always)
    static func contains(_ hash: UInt64) -> Bool { contains(hash, in: table) }

    @inline(__always)
    private static func contains(_ hash: UInt64, in table: [UInt64]) -> Bool {
        var slot = Int(truncatingIfNeeded: hash >> UInt64(64 - tableBits))
        while true {
            let stored = table[slot]
            if stored == hash { return hash != 0 }
            if stored == 0 { return false }
            slot = (slot + 1) & (table.count - 1)
        }
    }
}
