/// Finds a table header whose key does not start with a key character, before the
/// text reaches TOMLKit.
///
/// toml++ (inside TOMLKit 0.6.0) does not check this itself: `parse_table_header`
/// calls `parse_key`, which asserts that the first character is a bare-key character
/// or a quote. In a debug build a header like `[é]`, `[!]` or a lone `[` aborts newsd;
/// in a release build the assertion becomes `__builtin_assume`, i.e. undefined
/// behaviour. Found by the config fuzzer (Tests/Fuzz, crash-554a326d).
///
/// A small lexer: it follows strings (basic, literal, multi-line), comments and the
/// brackets of array values, so only real headers are checked.
enum TOMLHeaderCheck {
    struct Problem: Equatable {
        var line: Int
        var column: Int
    }

    static func firstBadHeader(in text: String) -> Problem? {
        let bytes = Array(text.utf8)
        // toml++ skips a UTF-8 byte order mark at the start (crash-91d678cb).
        let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var index = bom
        var line = 1
        var lineStart = bom
        var arrayDepth = 0          // `[` of array values not yet closed
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
            case UInt8(ascii: "[") where atLineStart && arrayDepth == 0:
                // A table header: `[` or `[[`, blanks, then the key.
                var at = index + 1
                if at < bytes.count && bytes[at] == UInt8(ascii: "[") { at += 1 }
                while at < bytes.count && (bytes[at] == UInt8(ascii: " ") || bytes[at] == UInt8(ascii: "\t")) { at += 1 }
                if at >= bytes.count || !isKeyStart(bytes[at]) {
                    // Columns in characters, as toml++ counts them.
                    let column = String(decoding: bytes[lineStart..<min(at, bytes.count)], as: UTF8.self).count + 1
                    return Problem(line: line, column: column)
                }
                // The rest of a header line holds no values; toml++ checks it.
                while index < bytes.count && bytes[index] != 0x0A { index += 1 }
                continue
            case UInt8(ascii: "["):
                arrayDepth += 1; index += 1
            case UInt8(ascii: "]"):
                arrayDepth = max(0, arrayDepth - 1); index += 1
            default:
                index += 1
            }
            atLineStart = false
        }
        return nil
    }
}
