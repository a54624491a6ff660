/// Bytes to text: UTF-8 (with or without BOM), UTF-16 with a BOM, UTF-16 without a
/// BOM when the NUL pattern leaves no doubt, else Windows-1252 marked lossy.
public struct DecodedText: Sendable, Equatable {
    public var text: String
    /// Name of the encoding used, e.g. "utf-8", "utf-16le", "windows-1252".
    public var encoding: String
    /// True when the text may not be what the author wrote: the bytes were not valid
    /// in the encoding chosen, or NUL bytes had to be dropped.
    public var lossy: Bool
}

public enum TextDecoder {
    /// How many NUL bytes per million a text may carry before it is called binary.
    /// Stray NULs happen in scraped text (and are dropped); binaries have far more.
    static let maxNulPerMillion = 10_000
    /// Control characters (other than tab, newlines, form feed, escape) per million.
    static let maxControlPerMillion = 50_000

    /// Decodes `bytes`; `declaredCharset` (from an HTML `<meta charset>`) is honoured
    /// when the bytes are not valid UTF-8.
    public static func decode(_ bytes: [UInt8], declaredCharset: String? = nil) throws(ContentError) -> DecodedText {
        if bytes.isEmpty { throw .empty }

        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            return decodeUTF8(bytes.dropFirst(3))
        }
        if bytes.starts(with: [0xFF, 0xFE]) {
            return decodeUTF16(bytes.dropFirst(2), littleEndian: true, encoding: "utf-16le")
        }
        if bytes.starts(with: [0xFE, 0xFF]) {
            return decodeUTF16(bytes.dropFirst(2), littleEndian: false, encoding: "utf-16be")
        }

        let (nulCount, controlCount) = countControls(bytes)
        if nulCount > 0, let littleEndian = utf16WithoutBOM(bytes) {
            return decodeUTF16(bytes[...], littleEndian: littleEndian, encoding: littleEndian ? "utf-16le" : "utf-16be")
        }
        if nulCount * 1_000_000 / bytes.count > maxNulPerMillion || controlCount * 1_000_000 / bytes.count > maxControlPerMillion {
            throw .binary(nulBytes: nulCount)
        }
        let withoutNul = nulCount > 0 ? bytes.filter { $0 != 0 } : bytes
        if let text = String(validating: withoutNul, as: UTF8.self) {
            return DecodedText(text: text, encoding: "utf-8", lossy: nulCount > 0)
        }
        if let charset = declaredCharset.map(normalizedCharset), charset == "windows-1252" {
            return DecodedText(text: decodeWindows1252(withoutNul), encoding: charset, lossy: nulCount > 0)
        }
        return DecodedText(text: decodeWindows1252(withoutNul), encoding: "windows-1252", lossy: true)
    }

    /// Maps the labels browsers treat as Windows-1252 to one name.
    static func normalizedCharset(_ label: String) -> String {
        let lower = label.lowercased().trimmingCharacters(in: " \t\"'")
        switch lower {
        case "iso-8859-1", "latin1", "latin-1", "l1", "cp1252", "windows-1252", "us-ascii", "ascii", "iso8859-1":
            return "windows-1252"
        case "utf8": return "utf-8"
        default: return lower
        }
    }

    private static func decodeUTF8(_ bytes: ArraySlice<UInt8>) -> DecodedText {
        if let text = String(validating: bytes, as: UTF8.self) {
            return DecodedText(text: text, encoding: "utf-8", lossy: false)
        }
        // A BOM promised UTF-8; keep what is valid and replace the rest.
        return DecodedText(text: String(decoding: bytes, as: UTF8.self), encoding: "utf-8", lossy: true)
    }

    private static func decodeUTF16(_ bytes: ArraySlice<UInt8>, littleEndian: Bool, encoding: String) -> DecodedText {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            let a = UInt16(bytes[index]), b = UInt16(bytes[index + 1])
            units.append(littleEndian ? (b << 8 | a) : (a << 8 | b))
            index += 2
        }
        var lossy = bytes.count % 2 != 0
        var text = ""
        text.reserveCapacity(units.count)
        var iterator = units.makeIterator()
        var decoder = UTF16()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar.value != 0 { text.unicodeScalars.append(scalar) } else { lossy = true }
            case .error:
                lossy = true
                text.unicodeScalars.append("\u{FFFD}")
            case .emptyInput:
                break loop
            }
        }
        return DecodedText(text: text, encoding: encoding, lossy: lossy)
    }

    /// UTF-16 without a BOM: one byte of each pair is mostly NUL (ASCII-range text)
    /// and the other almost never is. Returns the byte order, or nil if not UTF-16.
    static func utf16WithoutBOM(_ bytes: [UInt8]) -> Bool? {
        let sample = bytes.prefix(64 * 1024)
        guard sample.count >= 8 else { return nil }
        var evenNul = 0, oddNul = 0
        for (offset, byte) in sample.enumerated() where byte == 0 {
            if offset % 2 == 0 { evenNul += 1 } else { oddNul += 1 }
        }
        let pairs = sample.count / 2
        if oddNul * 10 >= pairs * 6 && evenNul * 100 <= pairs { return true }
        if evenNul * 10 >= pairs * 6 && oddNul * 100 <= pairs { return false }
        return nil
    }

    /// NUL bytes, and other control bytes that text does not use (all but tab,
    /// line feed, vertical tab, form feed, carriage return and escape), in one pass.
    static func countControls(_ bytes: [UInt8]) -> (nul: Int, other: Int) {
        // Bit n set: byte n (< 0x20) is a control character text does not use.
        let unusual: UInt32 = ~(1 << 0x09 | 1 << 0x0A | 1 << 0x0B | 1 << 0x0C | 1 << 0x0D | 1 << 0x1B | 1 << 0x00)
        var nul = 0
        var other = 0
        bytes.withUnsafeBufferPointer { buffer in
            let count = buffer.count
            let base = UnsafeRawPointer(buffer.baseAddress!)
            var i = 0
            // Eight bytes at a time: only words holding a byte below 0x20 (a line feed,
            // in most text, every few words) are looked at byte by byte.
            while i + 8 <= count {
                let word = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                // High bit of each byte below 0x20 (exact for bytes below 0x80; bytes at or
                // above 0x80 may set it too, which only costs a look).
                let low = (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080
                if low != 0 {
                    for k in i..<(i + 8) {
                        let byte = buffer[k]
                        guard byte < 0x20 else { continue }
                        if byte == 0 { nul += 1 } else if unusual & (1 << UInt32(byte)) != 0 { other += 1 }
                    }
                }
                i += 8
            }
            while i < count {
                let byte = buffer[i]
                if byte < 0x20 {
                    if byte == 0 { nul += 1 } else if unusual & (1 << UInt32(byte)) != 0 { other += 1 }
                }
                i += 1
            }
        }
        return (nul, other)
    }

    /// Windows-1252: Latin-1 except 0x80–0x9F, where it has typographic characters.
    static func decodeWindows1252<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        var text = ""
        text.reserveCapacity(bytes.count)
        for byte in bytes {
            if byte >= 0x80 && byte <= 0x9F {
                text.unicodeScalars.append(Unicode.Scalar(windows1252High[Int(byte - 0x80)]) ?? "\u{FFFD}")
            } else {
                text.unicodeScalars.append(Unicode.Scalar(byte))
            }
        }
        return text
    }

    /// 0x80…0x9F of Windows-1252; the five undefined positions keep their C1 code.
    private static let windows1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        let scalars = Set(set.unicodeScalars)
        var view = Substring(self)
        while let first = view.unicodeScalars.first, scalars.contains(first) { view = view.dropFirst() }
        while let last = view.unicodeScalars.last, scalars.contains(last) { view = view.dropLast() }
        return String(view)
    }
}
