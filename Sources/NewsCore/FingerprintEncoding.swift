/// The sidecar form of a fingerprint: little-endian, length-prefixed, versioned.
///
/// ```
/// u8  version (1)
/// u64 textHash, u32 shingleCount, u32 wordCount, u32 numberCount
/// i32 publishedDay (Int32.min = unknown)
/// u8 n, n × u32 sketch, n × u8 positions
/// u8 n, n × u32 leadKeys
/// u8 n, n × u32 numbers
/// u8 n, n × u32 entities
/// u8 n, n × u32 terms
/// ```
/// A typical article takes 24 + 1 + 64×5 + 1 + 4×(numbers + entities + terms) ≈ 460 bytes.
extension ArticleFingerprint {
    public func encoded() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(29 + sketch.count * 5 + 3 + (numbers.count + entities.count + terms.count) * 4)
        out.append(ArticleFingerprint.formatVersion)
        func put64(_ v: UInt64) { for shift in stride(from: 0, to: 64, by: 8) { out.append(UInt8(truncatingIfNeeded: v >> UInt64(shift))) } }
        func put32(_ v: UInt32) { for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8(truncatingIfNeeded: v >> UInt32(shift))) } }
        put64(textHash)
        put32(shingleCount)
        put32(wordCount)
        put32(numberCount)
        put32(UInt32(bitPattern: publishedDay ?? Int32.min))
        out.append(UInt8(sketch.count))
        for v in sketch { put32(v) }
        out.append(contentsOf: positions)
        for list in [leadKeys, numbers, entities, terms] {
            out.append(UInt8(list.count))
            for v in list { put32(v) }
        }
        return out
    }

    public init?(encoded bytes: some Collection<UInt8>) {
        var decoded = ArticleFingerprint.empty
        let ok = bytes.withContiguousStorageIfAvailable { decoded.load(encoded: UnsafeRawBufferPointer($0)) }
            ?? Array(bytes).withUnsafeBytes { decoded.load(encoded: $0) }
        guard ok else { return nil }
        self = decoded
    }

    /// A fingerprint with nothing in it: the scratch value `load(encoded:)` fills.
    public static var empty: ArticleFingerprint {
        ArticleFingerprint(textHash: 0, shingleCount: 0, wordCount: 0, sketch: [], leadKeys: [], positions: [], numbers: [],
                           numberCount: 0, entities: [], terms: [], publishedDay: nil)
    }

    /// Replaces this fingerprint with the one encoded in `b`, reusing its arrays'
    /// storage: start-up decodes a million fingerprints into one scratch value, so
    /// decoding allocates nothing (six arrays per record otherwise, a malloc and a free
    /// each). False, leaving this value half-written, when `b` is not a fingerprint
    /// this version reads.
    public mutating func load(encoded b: UnsafeRawBufferPointer) -> Bool {
        let n = b.count
        var at = 0
        func load32(_ p: Int) -> UInt32 {
            UInt32(littleEndian: b.loadUnaligned(fromByteOffset: p, as: UInt32.self))
        }
        func get32() -> UInt32? {
            guard at + 4 <= n else { return nil }
            defer { at += 4 }
            return load32(at)
        }
        func list(_ values: inout [UInt32], max: Int) -> Bool {
            guard at < n else { return false }
            let count = Int(b[at])
            at += 1
            guard count <= max, at + count * 4 <= n else { return false }
            values.removeAll(keepingCapacity: true)
            values.reserveCapacity(count)
            for k in 0..<count { values.append(load32(at + k * 4)) }
            at += count * 4
            return true
        }
        guard n > 0, b[0] == ArticleFingerprint.formatVersion else { return false }
        at = 1
        guard let low = get32(), let high = get32(), let shingles = get32(), let words = get32(),
              let numberTotal = get32(), let day = get32(),
              list(&sketch, max: ArticleFingerprint.sketchSize),
              at + sketch.count <= n
        else { return false }
        positions.removeAll(keepingCapacity: true)
        positions.reserveCapacity(sketch.count)
        for k in 0..<sketch.count {
            let position = b[at + k]
            guard position < 8 else { return false }
            positions.append(position)
        }
        at += sketch.count
        guard list(&leadKeys, max: ArticleFingerprint.leadKeyCount),
              list(&numbers, max: ArticleFingerprint.maxNumbers),
              list(&entities, max: ArticleFingerprint.maxEntities),
              list(&terms, max: ArticleFingerprint.maxTerms),
              at == n
        else { return false }
        textHash = UInt64(high) << 32 | UInt64(low)
        shingleCount = shingles
        wordCount = words
        numberCount = numberTotal
        let published = Int32(bitPattern: day)
        publishedDay = published == Int32.min ? nil : published
        return true
    }
}
