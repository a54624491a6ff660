import Foundation
import NewsCore
import NewsStore

/// The near-duplicate and story verdicts of the pipeline, around `DedupeIndex`.
///
/// Calls come in arrival order (the pipeline's turn), except `forget`, which the
/// store's completion may call at any time: hence the lock. The index is rebuilt at
/// start from the sidecar payloads (`payload(...)`, read back by `decode` and
/// `DedupeRestorer`), never from JSON.
public final class DedupeStage: @unchecked Sendable {
    private let lock = NSLock()
    private let index: DedupeIndex

    /// - Parameter expectedCount: records about to be restored (see `expectedRecords`),
    ///   so the index is sized once instead of growing and rehashing all the way.
    public init(settings: DedupeSettings = DedupeSettings(), expectedCount: Int = 0) {
        index = DedupeIndex(settings: settings, expectedCount: expectedCount)
    }

    /// A low estimate of the records in a store, from its sidecars' sizes (an entry
    /// takes 550–650 bytes), read before the store is opened: at a million records the
    /// index would otherwise grow (and rehash its key table) some thirty times during
    /// start-up.
    public static func expectedRecords(inStore directory: String) -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        var bytes = 0
        for name in names where name.hasPrefix("articles-") && name.hasSuffix(".idx") {
            let attributes = try? FileManager.default.attributesOfItem(atPath: directory + "/" + name)
            bytes += (attributes?[.size] as? Int) ?? 0
        }
        return bytes / 650
    }

    /// The day an article counts for: its publication date when known, else today.
    static func day(of fingerprint: ArticleFingerprint, ingestedAt: Date) -> Int {
        fingerprint.publishedDay.map(Int.init) ?? Int(ingestedAt.timeIntervalSince1970 / 86_400)
    }

    public func classify(_ fingerprint: ArticleFingerprint, day: Int) -> DedupeVerdict {
        lock.lock(); defer { lock.unlock() }
        return index.classify(fingerprint, day: day)
    }

    public func insert(id: RecordID, fingerprint: ArticleFingerprint, verdict: DedupeVerdict, day: Int) {
        lock.lock(); defer { lock.unlock() }
        index.insert(id: id, fingerprint: fingerprint, verdict: verdict, day: day)
    }

    /// Takes back a record whose append failed.
    func forget(_ id: RecordID) {
        lock.lock(); defer { lock.unlock() }
        index.remove(id: id)
    }

    var residentBytes: Int {
        lock.lock(); defer { lock.unlock() }
        return index.residentBytes
    }

    var count: Int {
        lock.lock(); defer { lock.unlock() }
        return index.count
    }

    // MARK: - Sidecar payload

    /// Version 1: u8 version, i32 day, u64 duplicate_of (0 = none), u64 story
    /// (0 = its own), then the fingerprint's own encoding.
    public static func payload(fingerprint: ArticleFingerprint, verdict: DedupeVerdict, day: Int) -> [UInt8] {
        var out: [UInt8] = [1]
        withUnsafeBytes(of: Int32(clamping: day).littleEndian) { out.append(contentsOf: $0) }
        withUnsafeBytes(of: (verdict.duplicateOf?.rawValue ?? 0).littleEndian) { out.append(contentsOf: $0) }
        withUnsafeBytes(of: (verdict.story?.rawValue ?? 0).littleEndian) { out.append(contentsOf: $0) }
        out.append(contentsOf: fingerprint.encoded())
        return out
    }

    /// A sidecar payload's verdict and day, its fingerprint decoded into `fingerprint`
    /// (a scratch value whose storage is reused); nil when this version does not
    /// understand the payload.
    static func decode(payload: UnsafeRawBufferPointer, into fingerprint: inout ArticleFingerprint)
        -> (verdict: DedupeVerdict, day: Int)? {
        guard payload.count > 21, payload[0] == 1 else { return nil }
        let day = Int(Int32(littleEndian: payload.loadUnaligned(fromByteOffset: 1, as: Int32.self)))
        let duplicateOf = UInt64(littleEndian: payload.loadUnaligned(fromByteOffset: 5, as: UInt64.self))
        let story = UInt64(littleEndian: payload.loadUnaligned(fromByteOffset: 13, as: UInt64.self))
        guard fingerprint.load(encoded: UnsafeRawBufferPointer(rebasing: payload[21...])) else { return nil }
        let verdict = DedupeVerdict(duplicateOf: duplicateOf == 0 ? nil : RecordID(rawValue: duplicateOf),
                                    story: story == 0 ? nil : RecordID(rawValue: story))
        return (verdict, day)
    }

    /// The payload for a record read back from JSON (a sidecar being rebuilt).
    static func payload(for record: Record) -> [UInt8] {
        let article = Article(
            format: record.format, title: record.title, text: record.text, byline: record.byline,
            publisher: record.publisher, published: record.published, language: record.language, url: record.url,
            lead: record.lead, wordCount: record.wordCount, entities: record.entities, decodedLossy: record.decodedLossy
        )
        let fingerprint = ArticleFingerprint(article: article)
        let ingested = ISO8601DateFormatter().date(from: record.ingestedAt) ?? Date()
        let verdict = DedupeVerdict(duplicateOf: record.duplicateOf.flatMap { RecordID($0) },
                                    similarity: record.similarity,
                                    story: record.story.flatMap { RecordID($0) }.flatMap { $0.description == record.id ? nil : $0 })
        return payload(fingerprint: fingerprint, verdict: verdict, day: day(of: fingerprint, ingestedAt: ingested))
    }
}
