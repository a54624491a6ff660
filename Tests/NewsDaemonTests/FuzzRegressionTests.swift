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
