/// Splits clean text into words on UTF-8 bytes (no `String` work: ~30× faster).
///
/// A word is a run of ASCII letters and digits and of non-ASCII characters, ASCII
/// lower-cased; everything else separates words, including the Unicode punctuation
/// that sites swap freely (curly quotes, dashes, ellipsis, no-break space, «»), so
/// "Kim’s" and "Kim's" give the same words. Digits are kept: numbers make wire items
/// about different companies or matches differ.
public struct ShingleTokenizer {
    public struct Word: Equatable {
        /// Hash of the lower-cased bytes.
        public var hash: UInt64
        public var hasDigit: Bool
        public var isAllDigits: Bool
        /// Byte length.
        public var length: Int
    }

    public static func words(_ text: String) -> [Word] {
        var text = text
        return text.withUTF8 { words($0) }
    }

    public static func words(_ bytes: UnsafeBufferPointer<UInt8>) -> [Word] {
        var result: [Word] = []
        result.reserveCapacity(bytes.count / 5)
        var h = FingerprintHash.fnvOffset
        var length = 0
        var digits = 0
        var index = 0
        let count = bytes.count

        @inline(__always) func flush() {
            if length > 0 {
                result.append(Word(hash: FingerprintHash.mix(h), hasDigit: digits > 0, isAllDigits: digits == length, length: length))
            }
            h = FingerprintHash.fnvOffset
            length = 0
            digits = 0
        }

        while index < count {
            let byte = bytes[index]
            if byte < 0x80 {
                var b = byte
                if b >= 0x41 && b <= 0x5A { b |= 0x20 }
                let isLetter = b >= 0x61 && b <= 0x7A
                let isDigit = b >= 0x30 && b <= 0x39
                if isLetter || isDigit {
                    h = (h ^ UInt64(b)) &* FingerprintHash.fnvPrime
                    length += 1
                    if isDigit { digits += 1 }
                } else {
                    flush()
                }
                index += 1
                continue
            }
            // Punctuation outside ASCII: U+00A0–U+00BF (C2 A0–BF), U+2000–U+206F (E2 80–81 xx),
            // currency U+20A0–U+20CF (E2 82 xx).
            if byte == 0xC2, index + 1 < count, bytes[index + 1] >= 0xA0, bytes[index + 1] <= 0xBF {
                flush()
                index += 2
                continue
            }
            if byte == 0xE2, index + 2 < count, bytes[index + 1] >= 0x80, bytes[index + 1] <= 0x82 {
                flush()
                index += 3
                continue
            }
            h = (h ^ UInt64(byte)) &* FingerprintHash.fnvPrime
            length += 1
            index += 1
        }
        flush()
        return result
    }
}
