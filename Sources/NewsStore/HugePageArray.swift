import CLinux

/// A growable array of plain values in its own memory mapping, backed by huge pages
/// from its first touch (see `newsd_map_huge`): the dedupe index's per-article arrays
/// and key table are read at random, and past the cache each read with 4 KiB pages
/// also missed the TLB. A Swift array cannot be advised before it is filled (its
/// storage comes from malloc, and growth copies into storage nobody advised).
///
/// Not thread-safe, no copy-on-write: the owner (a `DedupeIndex`) holds it as a
/// reference and is itself used from one thread at a time.
final class HugePageArray<Element: BitwiseCopyable> {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private(set) var capacity: Int
    private var mappedBytes: Int
    /// When the kernel gives no mapping (it does not, short of address space), a
    /// plain allocation; freed accordingly.
    private var isMapped: Bool

    init(capacity: Int = 0) {
        (base, mappedBytes, isMapped, self.capacity) = HugePageArray.allocate(max(capacity, 1))
    }

    /// `count` zero values (all bits clear): a fresh mapping already reads as zeros, so
    /// no page is touched until used.
    convenience init(zeros count: Int) {
        self.init(capacity: count)
        if !isMapped { UnsafeMutableRawPointer(base).initializeMemory(as: UInt8.self, repeating: 0, count: count * MemoryLayout<Element>.stride) }
        self.count = count
    }

    deinit { HugePageArray.free(base, mappedBytes, isMapped) }

    private static func allocate(_ capacity: Int) -> (UnsafeMutablePointer<Element>, Int, Bool, Int) {
        let page = 4096
        let bytes = (capacity * MemoryLayout<Element>.stride + page - 1) / page * page
        if let mapped = newsd_map_huge(bytes) {
            return (mapped.bindMemory(to: Element.self, capacity: bytes / MemoryLayout<Element>.stride), bytes, true,
                    bytes / MemoryLayout<Element>.stride)
        }
        return (UnsafeMutablePointer<Element>.allocate(capacity: capacity), capacity * MemoryLayout<Element>.stride, false, capacity)
    }

    private static func free(_ base: UnsafeMutablePointer<Element>, _ bytes: Int, _ isMapped: Bool) {
        if isMapped { newsd_unmap(base, bytes) } else { base.deallocate() }
    }

    /// Bytes in memory: the pages holding the elements. The mapping starts on a 2 MiB
    /// boundary, so its whole 2 MiB blocks are backed by huge pages and the rest (its
    /// tail) by 4 KiB pages. The part past the elements was never touched, so the kernel
    /// gave it no memory: doubling the capacity costs address space, not RAM.
    var residentBytes: Int {
        guard isMapped else { return capacity * MemoryLayout<Element>.stride }
        let huge = 2 << 20
        let used = count * MemoryLayout<Element>.stride
        let hugeEnd = mappedBytes / huge * huge
        if used <= hugeEnd { return (used + huge - 1) / huge * huge }
        return hugeEnd + (used - hugeEnd + 4095) / 4096 * 4096
    }

    var isEmpty: Bool { count == 0 }
    var last: Element? { count > 0 ? base[count - 1] : nil }

    subscript(index: Int) -> Element {
        get {
            precondition(index >= 0 && index < count, "HugePageArray index out of range")
            return base[index]
        }
        set {
            precondition(index >= 0 && index < count, "HugePageArray index out of range")
            base[index] = newValue
        }
    }

    func append(_ value: Element) {
        // Doubling: untouched capacity costs no memory (see `residentBytes`), and each
        // growth copies everything, so fewer growths is less copying.
        if count == capacity { reserveCapacity(max(1024, count * 2)) }
        (base + count).initialize(to: value)
        count += 1
    }

    /// Room for `minimum` elements. A mapping grows by moving its pages into a bigger
    /// one (no copy: at a million articles a copy also faulted in the whole new half
    /// at once, and fresh memory is what costs most there); otherwise by a copy.
    func reserveCapacity(_ minimum: Int) {
        guard minimum > capacity else { return }
        if isMapped {
            let bytes = (minimum * MemoryLayout<Element>.stride + 4095) / 4096 * 4096
            if let moved = newsd_remap_huge(base, mappedBytes, bytes) {
                base = moved.bindMemory(to: Element.self, capacity: bytes / MemoryLayout<Element>.stride)
                mappedBytes = bytes
                capacity = bytes / MemoryLayout<Element>.stride
                return
            }
        }
        let (newBase, newBytes, newMapped, newCapacity) = HugePageArray.allocate(minimum)
        newBase.update(from: base, count: count)
        HugePageArray.free(base, mappedBytes, isMapped)
        (base, mappedBytes, isMapped, capacity) = (newBase, newBytes, newMapped, newCapacity)
    }

    func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: base, count: count))
    }

    func withUnsafeMutableBufferPointer<R>(_ body: (UnsafeMutableBufferPointer<Element>) throws -> R) rethrows -> R {
        try body(UnsafeMutableBufferPointer(start: base, count: count))
    }
}
