@testable import NewsStore
import Testing

/// The floating-point quantiser equals the integer division it replaced, value for value.
struct DedupeQuantiseTests {
    static func integer(_ value: UInt32, _ tau: UInt32) -> UInt16 {
        if tau == UInt32.max { return UInt16(min(UInt64(value) >> 19, DedupeIndex.maxQuantum)) }
        return UInt16(min(UInt64(value) * DedupeIndex.maxQuantum / max(UInt64(tau), 1), DedupeIndex.maxQuantum))
    }

    @Test func quantiseEqualsIntegerDivision() {
        var state: UInt64 = 5
        func next() -> UInt32 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt32(truncatingIfNeeded: state >> 32)
        }
        let edges: [UInt32] = [0, 1, 2, 3, 7, 8190, 8191, 65_535, 1 << 20, UInt32.max - 2, UInt32.max - 1, UInt32.max]
        for tau in edges {
            for value in edges { #expect(DedupeIndex.quantise(value, tau) == Self.integer(value, tau), "\(value) \(tau)") }
        }
        for _ in 0..<200_000 {
            let tau = next() >> (next() % 32)
            let value = tau == 0 ? 0 : next() % tau &+ (next() % 4 == 0 ? 0 : 1)
            // Exact multiples of tau / 8190 are where a rounding error would show.
            let multiple = UInt32(truncatingIfNeeded: UInt64(tau) * UInt64(next() % 8191) / 8190)
            #expect(DedupeIndex.quantise(value, tau) == Self.integer(value, tau), "\(value) \(tau)")
            #expect(DedupeIndex.quantise(multiple, tau) == Self.integer(multiple, tau), "\(multiple) \(tau)")
        }
    }
}
