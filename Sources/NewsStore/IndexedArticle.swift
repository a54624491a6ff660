/// What verifying a candidate reads of one indexed article, in one 64-byte record: the
/// records sit in a 2 MiB-aligned mapping, so each is one cache line and a candidate
/// costs one memory access (five, when root, count, range, numbers and samples were
/// separate arrays: at a million articles each was a miss).
struct IndexedArticle {
    /// The first-seen article of its copy group (`DedupeIndex.removed` once forgotten).
    var root: UInt32
    /// Distinct shingles in the body.
    var count: UInt32
    /// The sketch's range: the largest kept hash (`UInt32.max` when the sketch holds
    /// every shingle).
    var tau: UInt32
    /// The 3 smallest number hashes (`UInt32.max` when absent).
    var numbers: Numbers
    /// The 20 smallest shingle hashes, quantised to 13 bits of the range, with 3 bits of
    /// position (`DedupeIndex.noSample` when absent).
    var samples: Samples

    typealias Numbers = (UInt32, UInt32, UInt32)
    typealias Samples = (UInt16, UInt16, UInt16, UInt16, UInt16, UInt16, UInt16, UInt16, UInt16, UInt16,
                         UInt16, UInt16, UInt16, UInt16, UInt16, UInt16, UInt16, UInt16, UInt16, UInt16)

    /// Fills numbers and samples slot by slot, in place: `insert` runs once per article
    /// (a million times in a start-up rebuild), so no array is built per record.
    init(root: UInt32, count: UInt32, tau: UInt32, number: (Int) -> UInt32, sample: (Int) -> UInt16) {
        // The tuples fix how many samples and numbers a record holds; `compare` reads
        // `verifySamples` of them through a pointer (checked in debug builds and tests).
        assert(MemoryLayout<Samples>.size == DedupeIndex.verifySamples * MemoryLayout<UInt16>.size
               && MemoryLayout<Numbers>.size == DedupeIndex.numberSamples * MemoryLayout<UInt32>.size)
        self.root = root
        self.count = count
        self.tau = tau
        numbers = (number(0), number(1), number(2))
        samples = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &samples) { bytes in
            let slots = bytes.bindMemory(to: UInt16.self)
            for slot in slots.indices { slots[slot] = sample(slot) }
        }
    }

    /// The samples of the record at `record`, read in place.
    @inline(__always)
    static func samples(at record: UnsafePointer<IndexedArticle>) -> UnsafePointer<UInt16> {
        UnsafeRawPointer(record).advanced(by: MemoryLayout<IndexedArticle>.offset(of: \.samples)!)
            .assumingMemoryBound(to: UInt16.self)
    }
}
