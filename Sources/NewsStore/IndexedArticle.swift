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
    var numbers: (UInt32, UInt32, UInt32)
    /// The 20 smallest shingle hashes, quantised to 13 bits of the range, with 3 bits of
    /// position (`DedupeIndex.noSample` when absent).
    var samples: (UInt16, UInt16, UInt16, UInt16, UInt16, UInt16, UInt16, UInt16, UInt16, UInt16,
                  UInt16, UInt16, UInt16, UInt16, UInt16, UInt16, UInt16, UInt16, UInt16, UInt16)

    static let sampleCount = 20
    static let numberCount = 3

    init(root: UInt32, count: UInt32, tau: UInt32, numbers: [UInt32], samples: [UInt16]) {
        precondition(numbers.count == IndexedArticle.numberCount && samples.count == IndexedArticle.sampleCount)
        self.root = root
        self.count = count
        self.tau = tau
        self.numbers = (numbers[0], numbers[1], numbers[2])
        self.samples = (samples[0], samples[1], samples[2], samples[3], samples[4], samples[5], samples[6], samples[7],
                        samples[8], samples[9], samples[10], samples[11], samples[12], samples[13], samples[14],
                        samples[15], samples[16], samples[17], samples[18], samples[19])
    }

    /// The samples of the record at `record`, read in place.
    @inline(__always)
    static func samples(at record: UnsafePointer<IndexedArticle>) -> UnsafePointer<UInt16> {
        UnsafeRawPointer(record).advanced(by: MemoryLayout<IndexedArticle>.offset(of: \.samples)!)
            .assumingMemoryBound(to: UInt16.self)
    }

    var numberList: [UInt32] { [numbers.0, numbers.1, numbers.2] }
}
