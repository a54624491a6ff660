/// Saved HTML pages to an article.
///
/// Provisional: removes tags, scripts and styles and keeps the text; `<title>` is
/// the title. The real extractor (libxml2 DOM, content scoring, metadata) replaces
/// this in the article-understanding work.
public enum HTMLExtractor {
    public static func extract(_ html: String) -> Article {
        var output = ""
        var title = ""
        var index = html.startIndex
        var skipUntil: String? = nil
        var inTitle = false
        while index < html.endIndex {
            let character = html[index]
            if character == "<" {
                guard let close = html[index...].firstIndex(of: ">") else { break }
                let tag = html[html.index(after: index)..<close].lowercased()
                let name = tag.prefix(while: { $0 != " " && $0 != "/" || tag.hasPrefix("/") && $0 == "/" })
                if let end = skipUntil {
                    if tag.hasPrefix(end) { skipUntil = nil }
                } else if name == "script" || name == "style" {
                    skipUntil = "/\(name)"
                } else if name == "title" {
                    inTitle = true
                } else if name == "/title" {
                    inTitle = false
                } else if ["p", "/p", "br", "div", "/div", "h1", "h2", "h3", "li", "/li"].contains(String(name)) {
                    output.append("\n")
                }
                index = html.index(after: close)
                continue
            }
            if skipUntil == nil {
                if inTitle { title.append(character) } else { output.append(character) }
            }
            index = html.index(after: index)
        }
        let paragraphs = Paragraphs.split(output)
        let cleanTitle = title.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        return Article(
            format: .html,
            title: cleanTitle.isEmpty ? (paragraphs.first ?? "") : cleanTitle,
            text: paragraphs.joined(separator: "\n\n")
        )
    }
}
