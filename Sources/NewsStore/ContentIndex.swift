/// The store's content index: the SHA-256 of an input's bytes → the first record made
/// from those bytes (`Store.Entry`). Exact: the whole digest is kept and compared.
///
/// An open-addressing table with linear probing, 48-byte slots, at most 80 % full. It
/// replaced a Swift `Dictionary`, which at a million records took 96 MB (2^21 buckets
/// of 48 bytes, half of them empty), hashed every key with SipHash, and cost a fresh
/// 96 MB of pages at each start (on this project's VM, 1–3 ms per MB when that memory
/// has lain unused for a while). A digest is already uniformly random, so a slot is
/// found from its first word by multiply-shift, with no hashing; the table can be any
/// size, so it is sized to the records instead of to a power of two.
struct ContentIndex {
    private struct Slot {
        var key: ContentKey
        var entry: Store.Entry
    }

    /// The all-zero digest marks an empty slot. No input has it (finding one would be
    /// a SHA-256 preimage), but a damaged sidecar could claim it: such a key is kept aside.
    private static let emptyKey = ContentKey(a: 0, b: 0, c: 0, d: 0)
    private static let maxLoad = 0.8

    private var slots: [Slot] = []
    private var zeroKeyEntry: Store.Entry?
    private(set) var count = 0

    /// Slots in the table (for the resident-size estimate).
    var capacity: Int { slots.count }
    static var slotBytes: Int { MemoryLayout<Slot>.stride }

    /// Makes room for `records` entries in all, so they go in without a resize.
    mutating func reserveCapacity(_ records: Int) {
        let needed = Int((Double(records) / Self.maxLoad).rounded(.up)) + 1
        if needed > slots.count { resize(to: needed) }
    }

    subscript(key: ContentKey) -> Store.Entry? {
        if key == Self.emptyKey { return zeroKeyEntry }
        guard !slots.isEmpty else { return nil }
        return slots.withUnsafeBufferPointer { slots in
            var slot = Self.home(of: key, in: slots.count)
            while true {
                let here = slots[slot]
                if here.key == key { return here.entry }
                if here.key == Self.emptyKey { return nil }
                slot = slot + 1 == slots.count ? 0 : slot + 1
            }
        }
    }

    /// Adds `entry` for `key` unless the key is already there (the first record wins).
    mutating func insertIfAbsent(_ key: ContentKey, _ entry: Store.Entry) {
        if key == Self.emptyKey {
            if zeroKeyEntry == nil { zeroKeyEntry = entry }
            return
        }
        if Double(count + 1) > Double(slots.count) * Self.maxLoad { resize(to: max(1024, slots.count * 2)) }
        if Self.place(key, entry, in: &slots) { count += 1 }
    }

    /// Puts `key` in its probe run; false when it is there already.
    private static func place(_ key: ContentKey, _ entry: Store.Entry, in slots: inout [Slot]) -> Bool {
        slots.withUnsafeMutableBufferPointer { slots in
            var slot = home(of: key, in: slots.count)
            while true {
                if slots[slot].key == key { return false }
                if slots[slot].key == emptyKey {
                    slots[slot] = Slot(key: key, entry: entry)
                    return true
                }
                slot = slot + 1 == slots.count ? 0 : slot + 1
            }
        }
    }

    private mutating func resize(to size: Int) {
        let old = slots
        slots = Array(repeating: Slot(key: Self.emptyKey, entry: Store.Entry(id: RecordID(rawValue: 0), fileHash: 0)), count: size)
        for slot in old where slot.key != Self.emptyKey { _ = Self.place(slot.key, slot.entry, in: &slots) }
    }

    /// The slot where `key`'s probe run starts: its first word scaled to the table.
    @inline(__always)
    private static func home(of key: ContentKey, in size: Int) -> Int {
        Int(truncatingIfNeeded: key.a.multipliedFullWidth(by: UInt64(size)).high)
    }
}
