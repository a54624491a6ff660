import FuzzSupport
import NewsCore
import NewsStore

/// What recovery and readers take back from disk: a segment line (`RecordLine.keyFields`,
/// the per-line step of the recovery scan; `RecordLine.decode`, used by readers and the
/// verifier; a decoded record must survive being written and read again), and the same
/// bytes as sidecar entries after the sidecar header (`SidecarFile.entries`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let line = Fuzzer.input(data, size)
    _ = RecordLine.keyFields(line)
    if let record = try? RecordLine.decode(line) {
        let written = RecordJSON.line(record).dropLast()
        let reread = try? RecordLine.decode(written)
        precondition(reread == record, "record changed through RecordJSON.line: \(String(decoding: written, as: UTF8.self))")
    }
    let sidecar = Array("NWSIDX01".utf8) + Array(line)
    _ = sidecar.withUnsafeBytes { SidecarFile.entries(in: $0) }
    return 0
}

@main enum FuzzStoreLine {
    static func main() { Fuzzer.main() }
}
