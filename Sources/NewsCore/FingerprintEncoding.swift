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
        // Start-up decodes one fingerprint per stored article: read the payload in place
        // (no copy) with unchecked little-endian loads.
        let decoded = bytes.withContiguousStorageIfAvailable { ArticleFingerprint.decode($0) }
            ?? Array(bytes).withUnsafeBufferPointer { ArticleFingerprint.decode($0) }
        guard let decoded else { return nil }
        self = decoded
    }

    private static func decode(_ b: UnsafeBufferPointer<UInt8>) -> ArticleFingerprint? {
        let n = b.count
        var at = 0
        func load32(_ p: Int) -> UInt32 {
            UInt32(b[p]) | UInt32(b[p + 1]) << 8 | UInt32(b[p + 2]) << 16 | UInt32(b[p + 3]) << 24
        }
        func get32() -> UInt32? {
            guard at + 4 <= n else { return nil }
            defer { at += 4 }
            return load32(at)
        }
        func list(max: Int) -> [UInt32]? {
            guard at < n else { return nil }
            let count = Int(b[at])
            at += 1
            guard count <= max, at + count * 4 <= n else { return nil }
            let start = at
            at += count * 4
            return [UInt32](unsafeUninitializedCapacity: count) { out, initialized in
                for k in 0..<count { out[k] = load32(start + k * 4) }
                initialized = count
            }
        }
        guard n > 0, b[0] == ArticleFingerprint.formatVersion else { return nil }
        at = 1
        guard let low = get32(), let high = get32(), let shingleCount = get32(), let wordCount = get32(),
              let numberCount = get32(), let day = get32(),
              let sketch = list(max: ArticleFingerprint.sketchSize),
              at + sketch.count <= n
        else { return nil }
        let positions = Array(b[at..<(at + sketch.count)])
        at += sketch.count
        guard positions.allSatisfy({ $0 < 8 }),
              let leadKeys = list(max: ArticleFingerprint.leadKeyCount),
              let numbers = list(max: ArticleFingerprint.maxNumbers),
              let entities = list(max: ArticleFingerprint.maxEntities),
              let terms = list(max: ArticleFingerprint.maxTerms),
              at == n
        else { return nil }
        let published = Int32(bitPattern: day)
        return ArticleFingerprint(
            textHash: UInt64(high) << 32 | UInt64(low), shingleCount: shingleCount, wordCount: wordCount, sketch: sketch,
            leadKeys: leadKeys, positions: positions, numbers: numbers, numberCount: numberCount, entities: entities,
            terms: terms, publishedDay: published == Int32.min ? nil : published
        )
    }
}
