import NewsCore
@testable import NewsStore
import Testing

/// The store's content index against a Swift `Dictionary` doing the same: first entry
/// per key wins, every key found, absent keys not, through growths and a presized start.
struct ContentIndexTests {
    /// Keys from a counter through SplitMix64's finaliser: fixed, well spread.
    private struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 1
            return FingerprintHash.mix(state)
        }
        mutating func key() -> ContentKey { ContentKey(a: next(), b: next(), c: next(), d: next()) }
    }

    private func check(presized: Int?) {
        var generator = Generator(state: 7)
        var index = ContentIndex()
        if let presized { index.reserveCapacity(presized) }
        var reference: [ContentKey: Store.Entry] = [:]
        var keys: [ContentKey] = []
        for n in 0..<20_000 {
            // Every fifth insert repeats an earlier key with another entry: the first stays.
            let key = n % 5 == 4 ? keys[Int(generator.next() % UInt64(keys.count))] : generator.key()
            if n % 5 != 4 { keys.append(key) }
            let entry = Store.Entry(id: RecordID(rawValue: UInt64(n + 1)), fileHash: generator.next())
            index.insertIfAbsent(key, entry)
            if reference[key] == nil { reference[key] = entry }
        }
        #expect(index.count == reference.count)
        var mismatches = 0
        for (key, entry) in reference where index[key] != entry { mismatches += 1 }
        #expect(mismatches == 0)
        // Keys that share the first word (the slot) but differ later are different keys.
        let first = keys[0]
        #expect(index[ContentKey(a: first.a, b: first.b, c: first.c, d: first.d ^ 1)] == nil)
        var absent = 0
        for _ in 0..<5_000 where index[generator.key()] != nil { absent += 1 }
        #expect(absent == 0)
        #expect(Double(index.count) <= Double(index.capacity) * 0.8)
    }

    @Test func matchesADictionaryThroughGrowth() { check(presized: nil) }

    @Test func matchesADictionaryWhenPresized() { check(presized: 16_000) }

    @Test func theAllZeroDigestIsKeptAsideNotTakenForAnEmptySlot() {
        var index = ContentIndex()
        let zero = ContentKey(a: 0, b: 0, c: 0, d: 0)
        #expect(index[zero] == nil)
        index.insertIfAbsent(zero, Store.Entry(id: RecordID(rawValue: 5), fileHash: 1))
        index.insertIfAbsent(zero, Store.Entry(id: RecordID(rawValue: 6), fileHash: 2))
        #expect(index[zero] == Store.Entry(id: RecordID(rawValue: 5), fileHash: 1))
        #expect(index[ContentKey(a: 0, b: 0, c: 0, d: 1)] == nil)
    }
}
