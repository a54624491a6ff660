import NewsCore
@testable import NewsStore
import Testing

/// The key table holds exactly what was inserted, through growths and the split into
/// shards: each key's documents equal those of a plain dictionary of arrays.
struct DedupeKeyTableTests {
    /// Keys from a space small enough that many repeat (several postings per key), and
    /// keys never inserted, which must find nothing.
    static func check(_ table: DedupeKeyTable, postings: Int, keySpace: UInt32) {
        var reference: [UInt32: [UInt32]] = [:]
        var state: UInt64 = 11
        for document in 0..<UInt32(postings) {
            state = FingerprintHash.mix(state &+ 1)
            // Even keys only: odd ones are the absent probes below.
            let key = UInt32(truncatingIfNeeded: state % UInt64(keySpace)) &* 2
            table.insert(key, document)
            reference[key, default: []].append(document)
        }
        #expect(table.count == postings)
        var mismatches = 0
        for (key, documents) in reference {
            var found: [UInt32] = []
            let visited = table.forEach(key) { found.append($0); return true }
            if found.sorted() != documents || visited != documents.count { mismatches += 1 }
            #expect(table.mayContain(key))
        }
        #expect(mismatches == 0, "\(mismatches) of \(reference.count) keys differ")
        var absentFound = 0
        for key in stride(from: UInt32(1), to: keySpace * 2, by: 2) where table.forEach(key, { _ in true }) > 0 {
            absentFound += 1
        }
        #expect(absentFound == 0)
        // A look-up stops when the body says so.
        if let (key, documents) = reference.first(where: { $0.value.count > 2 }) {
            var calls = 0
            #expect(table.forEach(key) { _ in calls += 1; return calls < 2 } == 2)
            #expect(documents.count > 2)
        }
    }

    @Test func singleTableThroughGrowths() {
        let table = DedupeKeyTable(capacity: 16, splitSlots: 1 << 30)
        DedupeKeyTableTests.check(table, postings: 40_000, keySpace: 15_000)
    }

    @Test func splitIntoShardsAndGrowEachOfThem() {
        // Splits at 256 slots, then every shard grows several times.
        let table = DedupeKeyTable(capacity: 16, splitSlots: 256)
        DedupeKeyTableTests.check(table, postings: 60_000, keySpace: 20_000)
    }

    @Test func startsShardedWhenSizedForMany() {
        let table = DedupeKeyTable(capacity: 2_000, splitSlots: 1_000)
        DedupeKeyTableTests.check(table, postings: 30_000, keySpace: 9_000)
    }

    @Test func residentBytesCountsTheShards() {
        let table = DedupeKeyTable(capacity: 16, splitSlots: 256)
        for document in 0..<UInt32(10_000) { table.insert(document &* 2_654_435_761, document) }
        // 8-byte slots at a load of at most 0.7, at least.
        #expect(table.residentBytes >= 10_000 * 8 * 10 / 7)
        #expect(table.residentBytes <= 10_000 * 40)
    }
}

/// `DedupeIndex.index(of:)` (interpolation, then binary search) finds every id of a
/// store whose ids came in bursts, far from evenly spread, and no id it does not hold.
struct DedupeIndexLookupTests {
    @Test func findsEveryIdOfABurstyStore() {
        let index = DedupeIndex()
        var generator = RecordIDGenerator()
        var ids: [RecordID] = []
        var now: UInt64 = 1_767_225_600_000
        var state: UInt64 = 3
        let fp = ArticleFingerprint(text: "one short body that every record shares for this test of id look-ups")
        for i in 0..<3_000 {
            state = FingerprintHash.mix(state)
            // Mostly many ids in one millisecond, sometimes a jump of hours or days.
            if i % 97 == 0 { now += state % 400_000_000 } else if state % 5 == 0 { now += 1 }
            let id = generator.next(nowMilliseconds: now)
            ids.append(id)
            index.insert(id: id, fingerprint: fp, verdict: DedupeVerdict(), day: 20_000)
        }
        var misplaced = 0
        for (position, id) in ids.enumerated() where index.index(of: id) != UInt32(position) { misplaced += 1 }
        #expect(misplaced == 0)
        var found = 0
        for id in ids {
            for absent in [id.rawValue &- 1, id.rawValue &+ 1] where !ids.contains(RecordID(rawValue: absent)) {
                if index.index(of: RecordID(rawValue: absent)) != nil { found += 1 }
            }
        }
        #expect(found == 0)
        #expect(index.index(of: RecordID(rawValue: 0)) == nil)
        #expect(index.index(of: RecordID(rawValue: UInt64.max)) == nil)
    }
}
