import FuzzSupport
import NewsDaemon

/// `newsd.toml` as `ConfigLoader` reads it (TOMLKit, then our key and type checks).
/// A config error is a valid outcome; a trap or a memory error is not.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = Fuzzer.input(data, size)
    let text = String(decoding: input, as: UTF8.self)
    do {
        _ = try ConfigLoader.parse(text, path: "fuzz.toml")
    } catch {
        _ = error.description
    }
    return 0
}

@main enum FuzzConfig {
    static func main() { Fuzzer.main() }
}
