import Foundation
import Glibc

/// RFC 3339 UTC timestamps (`2026-11-23T04:55:00Z`), without DateFormatter's cost.
public enum RFC3339 {
    public static func string(from date: Date, fractionalDigits: Int = 0) -> String {
        let interval = date.timeIntervalSince1970
        var seconds = time_t(interval.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        var out = String(format: "%04d-%02d-%02dT%02d:%02d:%02d",
                         Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
                         Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
        if fractionalDigits > 0 {
            let scale = pow(10.0, Double(fractionalDigits))
            let fraction = Int(((interval - interval.rounded(.down)) * scale).rounded(.down))
            out += "." + String(format: "%0\(fractionalDigits)d", fraction)
        }
        return out + "Z"
    }

    /// `YYYY-MM-DD` of the date in UTC (the processed/ folder name).
    public static func day(from date: Date) -> String {
        String(string(from: date).prefix(10))
    }
}
