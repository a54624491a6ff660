import FuzzSupport
import NewsCore

/// Plain-text dumps, down the path `ArticleProcessor` takes for `.text`: charset
/// decoding, the dump cleaner, language detection, entities and the dedupe fingerprint.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = Fuzzer.input(data, size)
    guard let decoded = try? TextDecoder.decode(Array(input)) else { return 0 }
    var article = TextDumpCleaner.clean(decoded.text)
    if article.language == nil { article.language = LanguageDetector.detect(article.text) }
    article.entities = EntityExtractor.extract(article.text, title: article.title)
    _ = ArticleFingerprint(article: article)
    return 0
}

@main enum FuzzText {
    static func main() { Fuzzer.main() }
}
