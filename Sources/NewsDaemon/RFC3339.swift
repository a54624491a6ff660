import Foundation
import Glibc

/// RFC 3339 UTC timestamps (`2026-11-23T04:55:00Z`), without DateFormatter's cost.
/// Digits are written by hand: `String(format:)` went through Foundation's
/// formatter for every record and every log line (several per file).
public enum RFC3339 {
    public static func string(from date: Date, fractionalDigits: Int = 0) -> String {
        let interval = date.timeIntervalSince1970
        var seconds = time_t(interval.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        var out: [UInt8] = []
        out.reserveCapacity(21 + max(0, fractionalDigits))
        func digits(_ value: Int, _ width: Int) {
            var divisor = 1
            for _ in 1..<width { divisor *= 10 }
            var value = value
            // Wider values (a year past 9999) keep all their digits, as %04d did.
            while divisor * 10 <= value { divisor *= 10 }
            while divisor > 0 {
                out.append(UInt8(ascii: "0") + UInt8(value / divisor))
                value %= divisor
                divisor /= 10
            }
        }
        digits(Int(parts.tm_year) + 1900, 4); out.append(UInt8(ascii: "-"))
        digits(Int(parts.tm_mon) + 1, 2); out.append(UInt8(ascii: "-"))
        digits(Int(parts.tm_mday), 2); out.append(UInt8(ascii: "T"))
        digits(Int(parts.tm_hour), 2); out.append(UInt8(ascii: ":"))
        digits(Int(parts.tm_min), 2); out.append(UInt8(ascii: ":"))
        digits(Int(parts.tm_sec), 2)
        if fractionalDigits > 0 {
            let scale = pow(10.0, Double(fractionalDigits))
            let fraction = Int(((interval - interval.rounded(.down)) * scale).rounded(.down))
            out.append(UInt8(ascii: "."))
            digits(fraction, fractionalDigits)
        }
        out.append(UInt8(ascii: "Z"))
        return String(decoding: out, as: UTF8.self)
    }

    /// `YYYY-MM-DD` of the date in UTC (the processed/ folder name).
    public static func day(from date: Date) -> String {
        String(string(from: date).prefix(10))
    }
}
