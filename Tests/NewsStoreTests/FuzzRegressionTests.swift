import Foundation
import NewsStore
import Testing

/// Inputs the fuzzers in Tests/Fuzz crashed on (README, "Fuzzing"), kept as tests of
/// the fixed behaviour. Each is embedded as the exact bytes libFuzzer saved.
@Suite struct FuzzRegressionTests {
    private static let sidecarHeader = Array("NWSIDX01".utf8)

    private static func entries(_ afterHeader: [UInt8]) -> [SidecarEntry]? {
        (sidecarHeader + afterHeader).withUnsafeBytes { SidecarFile.entries(in: $0) }
    }

    /// One well-formed entry: offset 0, a 10-byte line, id 1, no payload.
    private static let goodEntry: [UInt8] = {
        var out: [UInt8] = []
        func put<T: FixedWidthInteger>(_ value: T) { withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) } }
        put(UInt32(60)); put(UInt64(0)); put(UInt32(10)); put(UInt64(1))
        out.append(contentsOf: [UInt8](repeating: 0xAB, count: 32))
        put(UInt64(7))
        return out
    }()

    /// store-line crash-408f3381: an entry whose offset is 0x9b00000000000001 trapped in
    /// `Int(UInt64)` while reading a damaged sidecar, so newsd died at every start.
    /// Now the entry is malformed and reading stops before it.
    static let offsetPastIntMax = Data(base64Encoded:
        "QAAAAAEAAAAAAACbQUFBQUFBQUFBQUFBQUFBQUFBQQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAEFBQUFBQUFBQUFBQUFBQUFBQ0FBcnJheUFBQUFBQQBBQUFhYmNk")!

    @Test func sidecarEntryWithOffsetPastIntMaxEndsTheEntries() throws {
        #expect(Self.entries(Array(Self.offsetPastIntMax)) == [])
        let kept = try #require(Self.entries(Self.goodEntry + Array(Self.offsetPastIntMax)))
        #expect(kept.count == 1)
        #expect(kept.first?.offset == 0 && kept.first?.lineLength == 10 && kept.first?.fileHash == 7)
    }
}
