import FuzzSupport
import NewsCore
import NewsStore

/// What recovery and readers take back from disk: a segment line (`RecordLine.keyFields`,
/// the per-line step of the recovery scan; `RecordLine.decode`, used by readers and the
/// verifier; a record once written must read back as the same line), and the same
/// bytes as sidecar entries after the sidecar header (`SidecarFile.entries`).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let line = Fuzzer.input(data, size)
    _ = RecordLine.keyFields(line)
    if let record = try? RecordLine.decode(line) {
        // Not `reread == record`: the writer keeps 4 decimals of `similarity`, so a
        // hand-made line need not survive; a line the store wrote must.
        let written = RecordJSON.line(record)
        let reread = try? RecordLine.decode(written.dropLast())
        precondition(reread.map { RecordJSON.line($0) } == written,
                     "a written record reads back differently: \(String(decoding: written, as: UTF8.self))")
    }
    let sidecar = Array("NWSIDX01".utf8) + Array(line)
    _ = sidecar.withUnsafeBytes { SidecarFile.entries(in: $0) }
    return 0
}

@main enum FuzzStoreLine {
    static func main() { Fuzzer.main() }
}
