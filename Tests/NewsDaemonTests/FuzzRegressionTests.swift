import Foundation
import NewsDaemon
import Testing

/// Inputs the config fuzzer (Tests/Fuzz, README "Fuzzing") crashed on, as tests of the
/// fixed behaviour: a syntax error with its line and column, not an abort.
struct ConfigFuzzRegressionTests {
    private let reason = "expected a bare or quoted key after '[' in a table header"

    /// config crash-554a326d: `[\u{FFFD}ngest]` (an invalid byte read as U+FFFD) tripped
    /// toml++'s assertion in parse_key: abort in debug builds, undefined behaviour in
    /// release. Decoded the way the fuzzer decodes its input.
    static let replacementCharacterHeader = Data(base64Encoded: "W/puZ2VzdF0Kd29ya5uNIgpib1t1cyA9Igpib1t1cwEAAAMgPSAxCg==")!

    @Test func headerStartingWithANonKeyCharacterIsASyntaxError() {
        let text = String(decoding: Self.replacementCharacterHeader, as: UTF8.self)
        #expect(throws: ConfigError.syntax(path: "newsd.toml", line: 1, column: 2, reason: reason)) {
            try ConfigLoader.parse(text)
        }
        for (header, line, column) in [("[é]", 1, 2), ("[!]", 1, 2), ("[", 1, 2), ("[[ =]]", 1, 4), ("[paths]\n\n  [ \t", 3, 6)] {
            #expect(throws: ConfigError.syntax(path: "newsd.toml", line: line, column: column, reason: reason), "\(header)") {
                try ConfigLoader.parse(header + "\n")
            }
        }
    }

    /// config crash-91d678cb: the same after a byte order mark, which toml++ skips.
    @Test func headerAfterAByteOrderMarkIsChecked() throws {
        let text = String(decoding: Data(base64Encoded: "77u/WyEgIO+7v1sgICA=")!, as: UTF8.self)
        #expect(throws: ConfigError.syntax(path: "newsd.toml", line: 1, column: 2, reason: reason)) {
            try ConfigLoader.parse(text)
        }
        #expect(try ConfigLoader.parse("\u{FEFF}[paths]\ndata_dir = \"x\"\n").paths.dataDir == "x")
    }

    static let arrayCloseBrace = """
        W3BhdGhzXQpkYXRhX2RpciA9ICIvdmFyL2xpgICAgICAgICAgICAgICAgICAgICAgICAMHiAgICAgICAgICAgICAgICAgICA
        Yi9uZXdzZCIKcXVhcmFpbmJveCA9ICJpbiIKW2luZ2VzdF0KbWF4X2ZpbGVfYnl0ZXMgPSAxMDQ4NTc2CmRpc3Bvc2l0aW9u
        ID0gImRlbGV0ZSIKZGlzcG9zaWdub3JlID0gWyIuKiIsIH19fX19fX19fX19fX19fX19fSIqLnBQYXJ0Il0Kd29ya2VycyA9
        IDIKbWF4X3F1ZXVlID0gMTAKW3N0b3JlXQpzZWdtZW50X2J5dGVzID0gMTA0ODU3NgpbbG9nXUAKbGV2ZWwgPSAiZGVidWci
        Cg==
        """
        .split(separator: "\n").joined()

    /// config crash-0ab1d8fb: `}` where an array expects a value tripped toml++'s
    /// assertion in parse_value. The fuzzer's input, then the shapes it stands for.
    @Test func closingBraceWhereAnArrayExpectsAValueIsASyntaxError() {
        let text = String(decoding: Data(base64Encoded: Self.arrayCloseBrace)!, as: UTF8.self)
        let arrayReason = "expected a value or ']' in an array, saw '}'"
        #expect(throws: ConfigError.syntax(path: "newsd.toml", line: 7, column: 23, reason: arrayReason)) {
            try ConfigLoader.parse(text)
        }
        for (toml, line, column) in [("a = [}]", 1, 6), ("a = [1, }]", 1, 9), ("a = [[}]]", 1, 7),
                                     ("a = {b = [}]}", 1, 11), ("a = [\n # c\n}]", 3, 1)] {
            #expect(throws: ConfigError.syntax(path: "newsd.toml", line: line, column: column, reason: arrayReason), "\(toml)") {
                try ConfigLoader.parse(toml + "\n")
            }
        }
        // An inline table's own `}` after a comma is TOMLKit's to report, and arrays of
        // inline tables are fine to this check.
        #expect(throws: ConfigError.unknownKey(path: "newsd.toml", key: "paths.a", line: 2)) {
            try ConfigLoader.parse("[paths]\na = [{b = 1}, {c = [2]}]\n")
        }
    }

    /// The check follows strings, comments and array values: these are headers it must
    /// leave to TOMLKit, or not headers at all.
    @Test func headerCheckLeavesValidTOMLAlone() throws {
        #expect(try ConfigLoader.parse("[ \"paths\" ]\ndata_dir = \"x\" # [é]\n").paths.dataDir == "x")
        #expect(try ConfigLoader.parse("[ingest]\nignore = [\n  \"*.part\",\n]\n").ingest.ignore == ["*.part"])
        // A multi-line string holding `[é]` is valid TOML; the key is unknown to newsd.
        #expect(throws: ConfigError.unknownKey(path: "newsd.toml", key: "paths.note", line: 2)) {
            try ConfigLoader.parse("[paths]\nnote = '''\n[é]\n'''\n")
        }
        #expect(throws: ConfigError.unknownKey(path: "newsd.toml", key: "paths.note", line: 2)) {
            try ConfigLoader.parse("[paths]\nnote = \"\"\"\\\n[!]\n\"\"\"\n")
        }
        // A nested array value starting a line is not a header (newsd refuses its type).
        #expect(throws: ConfigError.invalidValue(path: "newsd.toml", key: "ingest.ignore", line: 2, expected: "an array of strings")) {
            try ConfigLoader.parse("[ingest]\nignore = [\n[\n\"x\"]]\n")
        }
    }
}
