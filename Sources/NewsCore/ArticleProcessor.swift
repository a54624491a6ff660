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
        let head = bytes.prefix(4096)
        let needle = Array("charset=".utf8)
        var index = head.startIndex
        while let at = head[index...].firstIndex(where: { $0 == UInt8(ascii: "c") || $0 == UInt8(ascii: "C") }) {
            if at + needle.count <= head.endIndex,
               zip(head[at..<(at + needle.count)], needle).allSatisfy({ ($0 | 0x20) == $1 || $0 == $1 }) {
                var value = head[(at + needle.count)...].drop(while: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") || $0 == 0x20 })
                value = value.prefix(while: { byte in
                    (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A) || byte == 0x2D || byte == 0x5F
                })
                return value.isEmpty ? nil : String(decoding: value, as: UTF8.self).lowercased()
            }
            index = at + 1
        }
        return nil
    }
}
