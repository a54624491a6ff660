/// Occurrence counts of 64-bit hash keys, for a fingerprint's top terms and entities:
/// open addressing on the key's own top bits (the keys are already uniform hashes),
/// no per-key allocation and no `Hasher` (SipHash per look-up was most of the terms'
/// cost). Not for adversarial keys: they come from `FingerprintHash`.
struct HashCounts {
    private var keys: [UInt64]
    /// 0 marks an empty slot: every stored key has a count of at least 1.
    private var counts: [Int]
    private var shift: UInt64
    private(set) var count = 0

    init(expected: Int = 16) {
        var bits = 4
        while (1 << bits) < expected * 2 { bits += 1 }
        keys = [UInt64](repeating: 0, count: 1 << bits)
        counts = [Int](repeating: 0, count: 1 << bits)
        shift = UInt64(64 - bits)
    }

    /// Adds `amount` (≥ 1) to `key`'s count.
    mutating func add(_ key: UInt64, _ amount: Int) {
        if (count + 1) * 2 > keys.count { grow() }
        let mask = keys.count - 1
        var slot = Int(truncatingIfNeeded: key >> shift)
        while counts[slot] != 0 {
            if keys[slot] == key {
                counts[slot] += amount
                return
            }
            slot = (slot + 1) & mask
        }
        keys[slot] = key
        counts[slot] = amount
        count += 1
    }

    /// The `limit` keys with the highest counts, highest first; equal counts by key,
    /// smallest first (the same order as sorting all pairs by that rule).
    func top(_ limit: Int) -> [UInt64] {
        var best: [(count: Int, key: UInt64)] = []
        best.reserveCapacity(limit + 1)
        for slot in counts.indices where counts[slot] != 0 {
            let entry = (count: counts[slot], key: keys[slot])
            if best.count == limit, let last = best.last, !HashCounts.precedes(entry, last) { continue }
            var at = best.count
            while at > 0 && HashCounts.precedes(entry, best[at - 1]) { at -= 1 }
            best.insert(entry, at: at)
            if best.count > limit { best.removeLast() }
        }
        return best.map(\.key)
    }

    @inline(__always)
    private static func precedes(_ a: (count: Int, key: UInt64), _ b: (count: Int, key: UInt64)) -> Bool {
        a.count != b.count ? a.count > b.count : a.key < b.key
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldCounts = counts
        let bits = 64 - Int(shift) + 1
        keys = [UInt64](repeating: 0, count: 1 << bits)
        counts = [Int](repeating: 0, count: 1 << bits)
        shift = UInt64(64 - bits)
        count = 0
        for slot in oldCounts.indices where oldCounts[slot] != 0 { add(oldKeys[slot], oldCounts[slot]) }
    }
}
