/// Page dumps (what select-all/copy in a browser gives) to an article.
///
/// Pure: text in, `Article` out. `DumpDocument` splits and measures the lines on UTF-8
/// bytes, `DumpBody` keeps the contiguous article and drops the chrome around and inside
/// it, `DumpMetadata` reads title, byline, publisher and date from the lines around it.
public enum TextDumpCleaner {
    public static func clean(_ text: String) -> Article {
        let document = DumpDocument(text)
        let body = DumpBody(document)
        var bodyText = body.text()
        if bodyText.isEmpty {
            // Nothing looked like prose (a very short note): keep every line rather than nothing.
            bodyText = Paragraphs.split(text).joined(separator: "\n\n")
        }
        let metadata = DumpMetadata(document, body: body, text: bodyText)
        return Article(
            format: .text,
            title: metadata.title,
            text: bodyText,
            byline: metadata.byline,
            publisher: metadata.publisher,
            published: metadata.published,
            lead: Paragraphs.lead(of: bodyText),
            wordCount: Article.countWords(in: bodyText)
        )
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

    /// The first paragraph (up to the first blank line), found on the UTF-8 bytes.
    static func lead(of text: String) -> String {
        var copy = text
        // Offsets on the contiguous bytes: stepping a `String.Index` costs more per byte.
        let end: Int? = copy.withUTF8 { bytes in
            var previousNewline = false
            for offset in bytes.indices {
                if bytes[offset] == 0x0A {
                    if previousNewline { return offset - 1 }
                    previousNewline = true
                } else {
                    previousNewline = false
                }
            }
            return nil
        }
        guard let end else { return text }
        return String(text[..<text.utf8.index(text.utf8.startIndex, offsetBy: end)])
    }
}
