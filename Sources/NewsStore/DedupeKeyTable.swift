import CLinux

/// A compact multimap from 32-bit keys to 32-bit document indexes: one open-addressing
/// table of `UInt64` slots (`key << 32 | index + 1`, 0 = empty), linear probing.
///
/// 8 bytes per posting at a load of 0.5–0.7 (11.4–16 bytes per posting: the table grows
/// by 40 %, not doubles, thanks to multiply-shift range reduction); no per-key
/// allocation, unlike `[UInt32: [UInt32]]` (~60 bytes per key). The load is kept low
/// because a look-up scans the whole run of occupied slots around its key: at 0.9 a
/// miss reads ~50 slots (several cache lines, from memory once the table outgrows the
/// cache), at 0.7 about 6 (one or two lines) — which is what keeps the cost per
/// article flat as the store grows.
///
/// In front of it, a blocked Bloom filter of the keys held (two bits in one 64-bit
/// word per key, 4–8 bits per slot: 2–7 % false positives at the table's load). Most
/// keys a new article probes are in no older article (its shingles are mostly its
/// own); the filter, at most an eighth of the table's size, stays in the last-level cache
/// once the table no longer does, and answers those probes without a trip to memory.
struct DedupeKeyTable {
    /// Huge-page backed: probes land at random (see `HugePageArray`).
    private(set) var slots: HugePageArray<UInt64>
    private(set) var count = 0
    private var size: Int
    private var filter: HugePageArray<UInt64>
    private var filterShift: UInt64

    init(capacity: Int = 1024) {
        size = max(16, capacity * 5 / 3)
        slots = HugePageArray(zeros: size)
        (filter, filterShift) = DedupeKeyTable.makeFilter(slots: size)
    }

    var residentBytes: Int { slots.residentBytes + filter.residentBytes }

    /// A filter of 4–8 bits per slot: the power of two of 64-bit words at or below 8.
    private static func makeFilter(slots: Int) -> (HugePageArray<UInt64>, UInt64) {
        var bits = 0
        while (2 << bits) <= max(1, slots / 8) { bits += 1 }
        return (HugePageArray(zeros: 1 << bits), UInt64(64 - bits))
    }

    /// The filter word for `key` and the two bits `key` sets in it.
    @inline(__always)
    private func filterPosition(_ key: UInt32) -> (word: Int, bits: UInt64) {
        let mixed = UInt64(key) &* 0xff51_afd7_ed55_8ccd
        let word = filterShift >= 64 ? 0 : Int(truncatingIfNeeded: mixed >> filterShift)
        let bits = (1 as UInt64) << (UInt64(key) & 63) | (1 as UInt64) << ((UInt64(key) >> 6) & 63)
        return (word, bits)
    }

    /// False when no posting has `key`; true when one may (or does).
    @inline(__always)
    func mayContain(_ key: UInt32) -> Bool {
        let (word, bits) = filterPosition(key)
        return filter.base[word] & bits == bits
    }

    /// Asks the CPU to fetch the filter word `mayContain(key)` reads.
    @inline(__always)
    func prefetchFilter(_ key: UInt32) {
        newsd_prefetch(filter.base + filterPosition(key).word)
    }


    @inline(__always)
    private static func start(_ key: UInt32, _ size: Int) -> Int {
        let mixed = (UInt64(key) &* 0x9e37_79b9_7f4a_7c15) >> 32
        return Int(truncatingIfNeeded: (mixed &* UInt64(size)) >> 32)
    }

    /// Asks the CPU to fetch the first slot `key` would read (see `newsd_prefetch`).
    @inline(__always)
    func prefetchSlot(_ key: UInt32) {
        newsd_prefetch(slots.base + DedupeKeyTable.start(key, size))
    }

    /// Calls `body` with each document indexed under `key`, in insertion order, while it
    /// returns true. Returns the number of postings visited.
    @discardableResult
    func forEach(_ key: UInt32, _ body: (UInt32) -> Bool) -> Int {
        guard mayContain(key) else { return 0 }
        let size = self.size
        var slot = DedupeKeyTable.start(key, size)
        var visited = 0
        return slots.withUnsafeBufferPointer { buffer in
            while true {
                let value = buffer[slot]
                if value == 0 { return visited }
                if UInt32(truncatingIfNeeded: value >> 32) == key {
                    visited += 1
                    if !body(UInt32(truncatingIfNeeded: value) &- 1) { return visited }
                }
                slot += 1
                if slot == size { slot = 0 }
            }
        }
    }

    mutating func insert(_ key: UInt32, _ document: UInt32) {
        if (count + 1) * 10 > slots.count * 7 { grow() }
        place(UInt64(key) << 32 | UInt64(document &+ 1))
        let (word, bits) = filterPosition(key)
        filter.base[word] |= bits
        count += 1
    }

    private mutating func place(_ value: UInt64) {
        let size = self.size
        var slot = DedupeKeyTable.start(UInt32(truncatingIfNeeded: value >> 32), size)
        slots.withUnsafeMutableBufferPointer { buffer in
            while buffer[slot] != 0 {
                slot += 1
                if slot == size { slot = 0 }
            }
            buffer[slot] = value
        }
    }

    private mutating func grow() {
        let old = slots
        size = old.count + old.count * 2 / 5
        slots = HugePageArray(zeros: size)
        (filter, filterShift) = DedupeKeyTable.makeFilter(slots: size)
        // Re-insert in the old probe order per key would scramble insertion order within
        // a key; order within a key does not matter to callers (they take the oldest
        // root by index, not by position).
        old.withUnsafeBufferPointer { old in
            for value in old where value != 0 {
                place(value)
                let (word, bits) = filterPosition(UInt32(truncatingIfNeeded: value >> 32))
                filter.base[word] |= bits
            }
        }
    }
}
