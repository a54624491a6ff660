import FuzzSupport
import NewsControl

/// One control-socket request line, decoded exactly as `ControlServer` does
/// (`ControlRequestLine.parse`), and the reply line it would send encoded.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let line = Fuzzer.input(data, size)
    switch ControlRequestLine.parse(line) {
    case .request(let request): _ = try? ControlCoding.encode(request)
    case .rejected(let reply): _ = try? ControlCoding.encode(reply)
    }
    return 0
}

@main enum FuzzControl {
    static func main() { Fuzzer.main() }
}
