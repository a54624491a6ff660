/// Record ids: unique, stable, and sortable by arrival.
///
/// 64 bits: milliseconds since the Unix epoch in the top 48, a sequence number in the
/// low 16, shown as 13 Crockford base-32 characters (fixed width, so text order is
/// arrival order). The generator never goes backwards, even if the clock does or the
/// daemon restarts: it starts above the largest id already in the store.
public struct RecordID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let rawValue: UInt64

    public init(rawValue: UInt64) { self.rawValue = rawValue }

    public init?(_ text: some StringProtocol) {
        guard text.utf8.count == 13 else { return nil }
        var value: UInt64 = 0
        // 13 × 5 = 65 bits: the first digit may carry only 4.
        guard let first = text.utf8.first.flatMap(RecordID.digitValue), first < 16 else { return nil }
        for byte in text.utf8 {
            guard let digit = RecordID.digitValue(byte) else { return nil }
            value = value << 5 | UInt64(digit)
        }
        self.rawValue = value
    }

    public var milliseconds: UInt64 { rawValue >> 16 }

    public var description: String {
        var chars = [UInt8](repeating: 0, count: 13)
        var value = rawValue
        for index in stride(from: 12, through: 0, by: -1) {
            chars[index] = RecordID.alphabet[Int(value & 31)]
            value >>= 5
        }
        return String(decoding: chars, as: UTF8.self)
    }

    public static func < (lhs: RecordID, rhs: RecordID) -> Bool { lhs.rawValue < rhs.rawValue }

    static let alphabet: [UInt8] = Array("0123456789abcdefghjkmnpqrstvwxyz".utf8)

    static func digitValue(_ byte: UInt8) -> UInt8? {
        let lower = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
        switch lower {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return lower - UInt8(ascii: "0")
        case UInt8(ascii: "o"): return 0
        case UInt8(ascii: "i"), UInt8(ascii: "l"): return 1
        default:
            guard let index = alphabet.firstIndex(of: lower) else { return nil }
            return UInt8(index)
        }
    }
}

/// Hands out increasing `RecordID`s. Not thread-safe: the store calls it under its lock.
public struct RecordIDGenerator: Sendable {
    private var last: UInt64

    /// - Parameter after: the largest id already stored, if any.
    public init(after last: RecordID? = nil) { self.last = last?.rawValue ?? 0 }

    public mutating func next(nowMilliseconds: UInt64) -> RecordID {
        let candidate = nowMilliseconds << 16
        last = candidate > last ? candidate : last + 1
        return RecordID(rawValue: last)
    }
}
