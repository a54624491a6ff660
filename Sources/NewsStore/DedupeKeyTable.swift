import CLinux

/// A compact multimap from 32-bit keys to 32-bit document indexes: open-addressing
/// tables of `UInt64` slots (`key << 32 | index + 1`, 0 = empty), linear probing.
///
/// 8 bytes per posting at a load of 0.5–0.7 (11.4–16 bytes per posting: a table grows
/// by 40 %, not doubles, thanks to multiply-shift range reduction); no per-key
/// allocation, unlike `[UInt32: [UInt32]]` (~60 bytes per key). The load is kept low
/// because a look-up scans the whole run of occupied slots around its key: at 0.9 a
/// miss reads ~50 slots (several cache lines, from memory once the table outgrows the
/// cache), at 0.7 about 6 (one or two lines) — which is what keeps the cost per
/// article flat as the store grows.
///
/// ## Shards
/// Past `defaultSplitSlots` the table is 16 shards (by the top bits of the key's mix), whose
/// sizes step by 1.4^(1/16): they reach their load limit one after the other, so each
/// growth moves a sixteenth of the postings, evenly spread over the store's growth,
/// instead of all of them at once. That is not only a smaller pause: on this class of
/// machine (a VM) memory fresh from the kernel cost 1.1–3.0 ms/MB at first touch, and
/// memory the process freed a moment earlier 0.05 ms/MB; one table growing by 40 %
/// always needed fresh memory, while a shard's growth mostly reuses what the previous
/// shard's growth freed. Measured with `newsbench dedupe scale`: the last tenth of a
/// 1M-article build went from 6.4 to ~3 µs/article.
///
/// ## Filter
/// In front of each shard, a blocked Bloom filter of its keys (two bits in one 64-bit
/// word per key, 6.4 bits per slot: ~3 % false positives at the table's load). Most
/// keys a new article probes are in no older article (its shingles are mostly its
/// own); the filter, a tenth of the table's size, stays in the last-level cache once
/// the table no longer does, and answers those probes without a trip to memory. Its
/// word comes from the same bits of the mix as the slot (both are monotone in them), so
/// a growth reading the old slots in order writes the new slots and filter words in
/// order too, instead of at random.
final class DedupeKeyTable {
    /// One open-addressing table and its filter, as raw pointers into `memory` (the hot
    /// loops must not retain and release array references).
    private struct Shard {
        var slots: UnsafeMutablePointer<UInt64>
        var size: Int
        var filter: UnsafeMutablePointer<UInt64>
        var filterWords: Int
        var count = 0
        /// `count` at which the shard grows: a load of 0.7.
        var limit: Int
    }

    static let shardCount = 16
    /// A single table up to this many slots (4 MiB): below it, growths are cheap (the
    /// table is in the cache) and one table's load cycle keeps memory lowest.
    static let defaultSplitSlots = 1 << 19
    private let splitSlots: Int
    /// Growth factor of a table, and the ratio of the shards' sizes from one to the next.
    static let growth = 1.4
    static let stagger = 1.021_247 // 1.4^(1/16)

    private var shards: UnsafeMutablePointer<Shard>
    private var activeShards = 1
    /// The mappings behind the shards' pointers: shard i's slots at 2i, its filter at 2i+1.
    private var memory: [HugePageArray<UInt64>] = []
    private(set) var count = 0

    /// - Parameter splitSlots: the single table's largest size (tests make it small).
    init(capacity: Int = 1024, splitSlots: Int = DedupeKeyTable.defaultSplitSlots) {
        self.splitSlots = splitSlots
        shards = .allocate(capacity: DedupeKeyTable.shardCount)
        let slots = max(16, capacity * 5 / 3)
        if slots <= splitSlots {
            shards.initialize(to: makeShard(size: slots, owner: 0))
        } else {
            activeShards = 0
            split(totalSlots: slots, from: nil)
        }
    }

    deinit {
        shards.deinitialize(count: activeShards)
        shards.deallocate()
    }

    var residentBytes: Int { memory.reduce(0) { $0 + $1.residentBytes } }

    /// A shard of `size` slots whose mappings go to `memory[2 * owner]` and `[2 * owner + 1]`.
    private func makeShard(size: Int, owner: Int) -> Shard {
        let slots = HugePageArray<UInt64>(zeros: size)
        let filter = HugePageArray<UInt64>(zeros: max(1, size / 10))
        if memory.count <= 2 * owner { memory.append(contentsOf: [slots, filter]) } else {
            memory[2 * owner] = slots
            memory[2 * owner + 1] = filter
        }
        return Shard(slots: slots.base, size: size, filter: filter.base, filterWords: filter.count,
                     limit: size * 7 / 10)
    }

    /// The shard of `key` and the 32 bits of its mix that place it in that shard: the
    /// mix's top 32 bits times the number of shards; the whole part picks the shard and
    /// the fraction is the position in it (monotone, so growth streams).
    @inline(__always)
    private func locate(_ key: UInt32) -> (shard: Int, position: UInt64) {
        let scaled = ((UInt64(key) &* 0x9e37_79b9_7f4a_7c15) >> 32) &* UInt64(activeShards)
        return (Int(truncatingIfNeeded: scaled >> 32), scaled & 0xFFFF_FFFF)
    }

    @inline(__always)
    private static func slot(_ position: UInt64, _ shard: Shard) -> Int {
        Int(truncatingIfNeeded: (position &* UInt64(shard.size)) >> 32)
    }

    @inline(__always)
    private static func filterWord(_ position: UInt64, _ shard: Shard) -> Int {
        Int(truncatingIfNeeded: (position &* UInt64(shard.filterWords)) >> 32)
    }

    @inline(__always)
    private static func filterBits(_ key: UInt32) -> UInt64 {
        (1 as UInt64) << (UInt64(key) & 63) | (1 as UInt64) << ((UInt64(key) >> 6) & 63)
    }

    /// False when no posting has `key`; true when one may (or does).
    @inline(__always)
    func mayContain(_ key: UInt32) -> Bool {
        let (s, position) = locate(key)
        let bits = DedupeKeyTable.filterBits(key)
        return shards[s].filter[DedupeKeyTable.filterWord(position, shards[s])] & bits == bits
    }

    /// Asks the CPU to fetch the filter word `mayContain(key)` reads.
    @inline(__always)
    func prefetchFilter(_ key: UInt32) {
        let (s, position) = locate(key)
        newsd_prefetch(shards[s].filter + DedupeKeyTable.filterWord(position, shards[s]))
    }

    /// Asks the CPU to fetch the first slot `key` would read (see `newsd_prefetch`).
    @inline(__always)
    func prefetchSlot(_ key: UInt32) {
        let (s, position) = locate(key)
        newsd_prefetch(shards[s].slots + DedupeKeyTable.slot(position, shards[s]))
    }

    /// Calls `body` with each document indexed under `key` while it returns true (in no
    /// particular order: growth re-places a key's postings). Returns the number of
    /// postings visited.
    @discardableResult
    func forEach(_ key: UInt32, _ body: (UInt32) -> Bool) -> Int {
        let (s, position) = locate(key)
        let shard = shards[s]
        let bits = DedupeKeyTable.filterBits(key)
        guard shard.filter[DedupeKeyTable.filterWord(position, shard)] & bits == bits else { return 0 }
        var slot = DedupeKeyTable.slot(position, shard)
        var visited = 0
        while true {
            let value = shard.slots[slot]
            if value == 0 { return visited }
            if UInt32(truncatingIfNeeded: value >> 32) == key {
                visited += 1
                if !body(UInt32(truncatingIfNeeded: value) &- 1) { return visited }
            }
            slot += 1
            if slot == shard.size { slot = 0 }
        }
    }

    func insert(_ key: UInt32, _ document: UInt32) {
        var (s, position) = locate(key)
        if shards[s].count >= shards[s].limit {
            grow(s)
            (s, position) = locate(key)
        }
        DedupeKeyTable.place(UInt64(key) << 32 | UInt64(document &+ 1), position, in: &shards[s])
        count += 1
    }

    @inline(__always)
    private static func place(_ value: UInt64, _ position: UInt64, in shard: inout Shard) {
        var slot = slot(position, shard)
        while shard.slots[slot] != 0 {
            slot += 1
            if slot == shard.size { slot = 0 }
        }
        shard.slots[slot] = value
        shard.filter[filterWord(position, shard)] |= filterBits(UInt32(truncatingIfNeeded: value >> 32))
        shard.count += 1
    }

    /// Re-places every posting of `old` (read in slot order) into the current shards.
    private func replace(_ old: Shard) {
        for i in 0..<old.size {
            let value = old.slots[i]
            if value == 0 { continue }
            let (s, position) = locate(UInt32(truncatingIfNeeded: value >> 32))
            DedupeKeyTable.place(value, position, in: &shards[s])
        }
    }

    private func grow(_ s: Int) {
        let old = shards[s]
        let size = Int(Double(old.size) * DedupeKeyTable.growth)
        if activeShards == 1 && size > splitSlots {
            split(totalSlots: size, from: old)
            return
        }
        let owners = (memory[2 * s], memory[2 * s + 1]) // keeps the old shard mapped while it is read
        shards[s] = makeShard(size: size, owner: s)
        replace(old)
        withExtendedLifetime(owners) {}
    }

    /// Becomes `shardCount` shards of `totalSlots` in all, sized in steps of `stagger`
    /// (so they fill up one after the other), holding the postings of `old`.
    private func split(totalSlots: Int, from old: Shard?) {
        let owners = memory
        memory = []
        if activeShards > 0 { shards.deinitialize(count: activeShards) }
        // The sizes' mean is ~1.19 × the smallest (the mean of 1.4^x over [0, 1)).
        var size = Double(totalSlots) / Double(DedupeKeyTable.shardCount) / 1.19
        for i in 0..<DedupeKeyTable.shardCount {
            (shards + i).initialize(to: makeShard(size: Int(size), owner: i))
            size *= DedupeKeyTable.stagger
        }
        activeShards = DedupeKeyTable.shardCount
        if let old { replace(old) }
        withExtendedLifetime(owners) {}
    }
}
