import FuzzSupport
import NewsCore

/// Saved HTML pages, down the path `ArticleProcessor` takes for `.html`: the declared
/// charset, decoding, the libxml2-based extractor, entities and the dedupe fingerprint.
/// The raw bytes also go to the extractor undecoded (possibly invalid UTF-8).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = Fuzzer.input(data, size)
    _ = HTMLExtractor.extract(utf8: input)
    let bytes = Array(input)
    guard let decoded = try? TextDecoder.decode(bytes, declaredCharset: HTMLCharset.declared(in: bytes)) else { return 0 }
    var article = HTMLExtractor.extract(decoded.text)
    article.entities = EntityExtractor.extract(article.text, title: article.title)
    _ = ArticleFingerprint(article: article)
    return 0
}

@main enum FuzzHTML {
    static func main() { Fuzzer.main() }
}
