/// Page dumps (what select-all/copy in a browser gives) to an article.
///
/// Provisional: keeps every non-empty line as a paragraph and takes the first
/// meaningful line as the title. The real cleaner (chrome removal, metadata) replaces
/// this in the article-understanding work.
public enum TextDumpCleaner {
    public static func clean(_ text: String) -> Article {
        let paragraphs = Paragraphs.split(text)
        let title = paragraphs.first(where: { Paragraphs.isMeaningful($0) }) ?? paragraphs.first ?? ""
        return Article(format: .text, title: title, text: paragraphs.joined(separator: "\n\n"))
    }
}

enum Paragraphs {
    /// Splits on line breaks, trims each line, folds inner whitespace, drops empties.
    static func split(_ text: String) -> [String] {
        var result: [String] = []
        for line in text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) {
            let folded = line.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
            if !folded.isEmpty { result.append(folded) }
        }
        return result
    }

    /// A line with at least three words of letters: not a lone menu item or number.
    static func isMeaningful(_ line: String) -> Bool {
        line.split(separator: " ").filter { $0.contains(where: \.isLetter) }.count >= 3
    }
}
