/// Finds, before the text reaches TOMLKit, the malformed TOML that toml++ (inside
/// TOMLKit 0.6.0) asserts never happens instead of reporting it:
///
/// - a table header whose key does not start with a bare-key character or a quote
///   (`[é]`, `[!]`, a lone `[`): `parse_key`'s assertion (crash-554a326d, crash-91d678cb);
/// - a `}` where an array expects a value (`a = [}]`, `a = [1, }]`): `parse_value`'s
///   assertion (crash-0ab1d8fb).
///
/// In a debug build those assertions abort newsd (at start, or on reload); in a release
/// build they become `__builtin_assume`, i.e. undefined behaviour. Found by the config
/// fuzzer (Tests/Fuzz). A small lexer: it follows strings (basic, literal, multi-line),
/// comments and the brackets of values, so valid TOML is left to TOMLKit.
enum TOMLPrecheck {
    struct Problem: Equatable {
        var line: Int
        var column: Int
        var reason: String
    }

    static let headerReason = "expected a bare or quoted key after '[' in a table header"
    static let arrayValueReason = "expected a value or ']' in an array, saw '}'"

    static func firstProblem(in text: String) -> Problem? {
        let bytes = Array(text.utf8)
        // toml++ skips a UTF-8 byte order mark at the start (crash-91d678cb).
        let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var index = bom
        var line = 1
        var lineStart = bom
        var open: [UInt8] = []      // `[` and `{` of values not yet closed
        var expectingArrayValue = false   // just after `[` or `,` of an array
        var atLineStart = true      // only blanks so far on this line

        func isKeyStart(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"),
                 UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "]"):   // `[]` toml++ reports itself
                return true
            default:
                return false
            }
        }
        func starts(_ delimiter: String, at position: Int) -> Bool {
            let d = Array(delimiter.utf8)
            return position + d.count <= bytes.count && Array(bytes[position..<(position + d.count)]) == d
        }
        /// Moves past a string that starts at `index`; counts the newlines it spans.
        func skipString() {
            let quote = bytes[index]
            let basic = quote == UInt8(ascii: "\"")
            let triple = starts(basic ? "\"\"\"" : "'''", at: index)
            index += triple ? 3 : 1
            while index < bytes.count {
                let byte = bytes[index]
                if basic && byte == UInt8(ascii: "\\") {
                    // Skip the escaped character, but not a newline (counted below).
                    index += index + 1 < bytes.count && bytes[index + 1] != 0x0A ? 2 : 1
                    continue
                }
                if byte == 0x0A {
                    if !triple { return }          // unterminated: toml++ reports it
                    line += 1; lineStart = index + 1
                }
                if byte == quote && (!triple || starts(basic ? "\"\"\"" : "'''", at: index)) {
                    index += triple ? 3 : 1
                    return
                }
                index += 1
            }
        }

        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0x0A:
                line += 1; lineStart = index + 1; atLineStart = true; index += 1
                continue
            case UInt8(ascii: " "), UInt8(ascii: "\t"), 0x0D:
                index += 1
                continue
            case UInt8(ascii: "#"):
                while index < bytes.count && bytes[index] != 0x0A { index += 1 }
                continue
            case UInt8(ascii: "\""), UInt8(ascii: "'"):
                skipString()
            case UInt8(ascii: "[") where atLineStart && open.isEmpty:
                // A table header: `[` or `[[`, blanks, then the key.
                var at = index + 1
                if at < bytes.count && bytes[at] == UInt8(ascii: "[") { at += 1 }
                while at < bytes.count && (bytes[at] == UInt8(ascii: " ") || bytes[at] == UInt8(ascii: "\t")) { at += 1 }
                if at >= bytes.count || !isKeyStart(bytes[at]) {
                    // Columns in characters, as toml++ counts them.
                    let column = String(decoding: bytes[lineStart..<min(at, bytes.count)], as: UTF8.self).count + 1
                    return Problem(line: line, column: column, reason: headerReason)
                }
                // The rest of a header line holds no values; toml++ checks it.
                while index < bytes.count && bytes[index] != 0x0A { index += 1 }
                continue
            case UInt8(ascii: "}") where expectingArrayValue:
                return Problem(line: line, column: String(decoding: bytes[lineStart..<index], as: UTF8.self).count + 1,
                               reason: arrayValueReason)
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                open.append(byte); index += 1
                atLineStart = false
                expectingArrayValue = byte == UInt8(ascii: "[")
                continue
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                if !open.isEmpty { open.removeLast() }
                index += 1
            case UInt8(ascii: ","):
                index += 1
                atLineStart = false
                expectingArrayValue = open.last == UInt8(ascii: "[")
                continue
            default:
                index += 1
            }
            atLineStart = false
            expectingArrayValue = false
        }
        return nil
    }
}
