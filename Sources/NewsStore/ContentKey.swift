/// A SHA-256 digest held as four words: hashable and compact (32 bytes) for the index.
public struct ContentKey: Sendable, Hashable, CustomStringConvertible {
    public let a: UInt64, b: UInt64, c: UInt64, d: UInt64

    /// One word of the digest is already uniformly random, so only it is hashed (when
    /// the content index was a `Dictionary`, hashing all four words was 7 % of a 1M
    /// start-up's CPU samples; `ContentIndex` now places keys by that word itself).
    /// Equality compares all four.
    public func hash(into hasher: inout Hasher) { hasher.combine(a) }

    init(a: UInt64, b: UInt64, c: UInt64, d: UInt64) {
        (self.a, self.b, self.c, self.d) = (a, b, c, d)
    }

    public init<C: Collection>(digest: C) where C.Element == UInt8 {
        precondition(digest.count == 32, "a SHA-256 digest has 32 bytes")
        var words: [UInt64] = [0, 0, 0, 0]
        for (index, byte) in digest.enumerated() {
            words[index / 8] = words[index / 8] << 8 | UInt64(byte)
        }
        (a, b, c, d) = (words[0], words[1], words[2], words[3])
    }

    /// Parses 64 lowercase or uppercase hex digits.
    public init?(hex: some StringProtocol) {
        guard hex.utf8.count == 64 else { return nil }
        var words: [UInt64] = [0, 0, 0, 0]
        for (index, byte) in hex.utf8.enumerated() {
            let nibble: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            words[index / 16] = words[index / 16] << 4 | UInt64(nibble)
        }
        (a, b, c, d) = (words[0], words[1], words[2], words[3])
    }

    public var description: String {
        var out = ""
        out.reserveCapacity(64)
        for word in [a, b, c, d] {
            let digits = String(word, radix: 16)
            out += String(repeating: "0", count: 16 - digits.count) + digits
        }
        return out
    }
}
