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

    static let hashes: Set<UInt64> = Set(words.flatMap { ShingleTokenizer.words($0).map(\.hash) })
}
