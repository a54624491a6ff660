import Foundation
@testable import NewsDaemon
import Testing

struct RFC3339Tests {
    /// The hand-written digits equal what `String(format:)` printed before.
    @Test func matchesTheFormattedReference() {
        var state: UInt64 = 7
        for _ in 0..<2000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            // 1970 to ~2100, with a fraction.
            let interval = Double(state >> 33) / Double(1 << 31) * 4_100_000_000
            let date = Date(timeIntervalSince1970: interval)
            var seconds = time_t(interval.rounded(.down))
            var parts = tm()
            gmtime_r(&seconds, &parts)
            let base = String(format: "%04d-%02d-%02dT%02d:%02d:%02d", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                              Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
            let millis = Int(((interval - interval.rounded(.down)) * 1000).rounded(.down))
            #expect(RFC3339.string(from: date) == base + "Z")
            #expect(RFC3339.string(from: date, fractionalDigits: 3) == base + "." + String(format: "%03d", millis) + "Z")
            #expect(RFC3339.day(from: date) == String(base.prefix(10)))
        }
        #expect(RFC3339.string(from: Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
        #expect(RFC3339.string(from: Date(timeIntervalSince1970: 1_795_000_000.045), fractionalDigits: 3) == "2026-11-18T11:06:40.045Z")
    }
}
