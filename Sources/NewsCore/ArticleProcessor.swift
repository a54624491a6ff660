import Foundation

/// The core entry point: one input file's bytes in, one `Article` out.
///
/// Synchronous, deterministic and free of I/O, so the pipeline can call it from any
/// worker and tests can call it on literals.
public struct ArticleProcessor: Sendable {
    public init() {}

    /// - Parameter name: the file's name, used only as a weak hint (never trusted).
    public func process(_ bytes: [UInt8], name: String = "") throws(ContentError) -> Article {
        if bytes.isEmpty { throw .empty }
        let format = FormatDetector.detect(bytes)
        var article: Article
        switch format {
        case .html:
            let decoded = try TextDecoder.decode(bytes, declaredCharset: HTMLCharset.declared(in: bytes))
            article = HTMLExtractor.extract(decoded.text)
            article.decodedLossy = decoded.lossy
        case .text:
            let decoded = try TextDecoder.decode(bytes)
            article = TextDumpCleaner.clean(decoded.text)
            article.decodedLossy = decoded.lossy
        }
        if article.text.isEmpty && article.title.isEmpty { throw .noText }
        if article.language == nil { article.language = LanguageDetector.detect(article.text) }
        article.entities = EntityExtractor.extract(article.text, title: article.title)
        return article
    }
}

/// The charset an HTML page declares in its first 4 KiB (`<meta charset=…>` or
/// `<meta http-equiv="Content-Type" content="…; charset=…">`).
public enum HTMLCharset {
    public static func declared(in bytes: [UInt8]) -> String? {
        let head = String(decoding: bytes.prefix(4096), as: UTF8.self).lowercased()
        guard let range = head.range(of: "charset=") else { return nil }
        let rest = head[range.upperBound...].drop(while: { $0 == "\"" || $0 == "'" || $0 == " " })
        let value = rest.prefix(while: { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        return value.isEmpty ? nil : String(value)
    }
}
