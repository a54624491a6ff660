import FuzzSupport
import NewsCore

/// Dates as pages and dumps write them. What `DateParser` returns is stored as
/// `published` and goes through the fingerprint's day arithmetic, so that runs too.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = Fuzzer.input(data, size)
    let text = String(decoding: input, as: UTF8.self)
    if let date = DateParser.parse(text) {
        _ = ArticleFingerprint.day(ofISODate: date)
    }
    return 0
}

@main enum FuzzDate {
    static func main() { Fuzzer.main() }
}
