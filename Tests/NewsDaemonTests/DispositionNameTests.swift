import Testing
@testable import NewsDaemon

/// Names in processed/ and quarantine/ never pass NAME_MAX (255 bytes), whatever the
/// producer chose, and never split a UTF-8 character.
struct DispositionNameTests {
    private func name(_ path: InboxPath) -> String { String(decoding: path.name, as: UTF8.self) }

    @Test func suffixGoesBeforeTheExtension() {
        #expect(DispositionName.candidate(InboxPath("a.txt"), attempt: 0) == InboxPath("a.txt"))
        #expect(DispositionName.candidate(InboxPath("a.txt"), attempt: 1) == InboxPath("a.txt").suffixedForTest("a.1.txt"))
        #expect(name(DispositionName.candidate(InboxPath("README"), attempt: 2)) == "README.2")
        #expect(name(DispositionName.candidate(InboxPath(".x"), attempt: 1)) == ".x.1")
        #expect(DispositionName.candidate(InboxPath("2026-11-23/d/a.txt"), attempt: 3) == InboxPath("2026-11-23/d/a.3.txt"))
    }

    @Test func aFullLengthNameIsShortenedForItsSuffix() {
        let long = String(repeating: "n", count: 251) + ".txt"
        let path = InboxPath("2026-11-23/" + long)
        #expect(DispositionName.candidate(path, attempt: 0) == path)
        let first = DispositionName.candidate(path, attempt: 1)
        #expect(first.name.count == 255)
        #expect(name(first) == String(repeating: "n", count: 249) + ".1.txt")
        #expect(first.bytes.starts(with: Array("2026-11-23/".utf8)))
        #expect(DispositionName.candidate(path, attempt: 1234).name.count == 255)
    }

    @Test func aQuarantinedNameLeavesRoomForItsReasonFile() {
        let long = InboxPath(String(repeating: "q", count: 251) + ".txt")
        let reserve = DispositionName.quarantineReserve
        let first = DispositionName.candidate(long, attempt: 0, reserve: reserve)
        #expect(first.name.count + ".reason.json.tmp".utf8.count == 255)
        #expect(name(first).hasSuffix(".txt"))
        let again = DispositionName.candidate(long, attempt: 1, reserve: reserve)
        #expect(again.name.count + reserve <= 255)
        #expect(name(again).hasSuffix(".1.txt"))
    }

    @Test func aLongExtensionShortensTheWholeName() {
        let path = InboxPath("a." + String(repeating: "e", count: 253))
        let candidate = DispositionName.candidate(path, attempt: 7)
        #expect(candidate.name.count == 255)
        #expect(name(candidate).hasSuffix(".7"))
    }

    @Test func shorteningNeverSplitsAUTF8Character() {
        // "é" is two bytes: 127 of them and ".txt" make 258 bytes.
        let path = InboxPath(String(repeating: "é", count: 127) + ".txt")
        let candidate = DispositionName.candidate(path, attempt: 1)
        #expect(candidate.name.count <= 255)
        #expect(String(validating: candidate.name, as: UTF8.self) != nil)
        #expect(name(candidate).hasSuffix(".1.txt"))
    }

    @Test func invalidUTF8BytesAreKept() {
        let bytes: [UInt8] = Array("bad-".utf8) + [0xFF, 0xFE] + Array(".txt".utf8)
        let candidate = DispositionName.candidate(InboxPath(bytes: bytes), attempt: 1)
        #expect(candidate.bytes == Array("bad-".utf8) + [0xFF, 0xFE] + Array(".1.txt".utf8))
    }
}

private extension InboxPath {
    /// The same folder with another last component.
    func suffixedForTest(_ name: String) -> InboxPath {
        InboxPath(bytes: Array(bytes.dropLast(self.name.count)) + Array(name.utf8))
    }
}
