/// Fixed, seedless hash functions for fingerprints.
///
/// `Hasher` is seeded randomly per process, so fingerprints built on it would change
/// between runs; these are plain FNV-1a plus the SplitMix64 finaliser, identical on
/// every machine and in every process.
public enum FingerprintHash {
    static let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let fnvPrime: UInt64 = 0x0000_0100_0000_01b3

    /// SplitMix64's finaliser: a bijection on 64 bits with good avalanche.
    @inline(__always)
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// FNV-1a over bytes, finalised with `mix`.
    public static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var h = fnvOffset
        for byte in bytes { h = (h ^ UInt64(byte)) &* fnvPrime }
        return mix(h)
    }

    /// A 32-bit key for a string after ASCII lower-casing (entity names, terms).
    public static func key32(_ text: String) -> UInt32 {
        var h = fnvOffset
        for byte in text.utf8 {
            let lower = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
            h = (h ^ UInt64(lower)) &* fnvPrime
        }
        return UInt32(truncatingIfNeeded: mix(h) >> 32)
    }
}
