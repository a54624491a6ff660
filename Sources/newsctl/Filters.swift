import ArgumentParser
import Foundation
import NewsStore

/// Filters shared by `list`, `search`, `follow` and `export`.
struct FilterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Only articles that arrived at or after TIME.", valueName: "time"))
    var since: String?

    @Option(help: ArgumentHelp("Only articles that arrived at or before TIME.", valueName: "time"))
    var until: String?

    @Option(help: ArgumentHelp("Only this publisher (case-insensitive, part of the name is enough).", valueName: "name"))
    var publisher: String?

    @Option(help: ArgumentHelp("Only this language (ISO 639-1 code, e.g. en).", valueName: "code"))
    var language: String?

    @Flag(inversion: .prefixedNo, help: "Only copies of an earlier article (--duplicates), or none (--no-duplicates).")
    var duplicates: Bool?

    static let timeHelp = """
    TIME is arrival in the store, in UTC unless it has an offset: 2024-10-30, \
    "2024-10-30 14:05", 2024-10-30T14:05:00+02:00, @EPOCH-SECONDS, now, today, \
    yesterday, or an age such as 90s, 30m, 2h, 3d, 1w (that long before now).
    """

    func filter(now: Date = Date()) throws -> RecordFilter {
        let since = try self.since.map { try TimeSpec.parse($0, now: now, option: "--since") }
        let until = try self.until.map { try TimeSpec.parse($0, now: now, option: "--until") }
        if let language, !(language.count == 2 && language.allSatisfy(\.isLetter)) {
            throw ValidationError("--language takes an ISO 639-1 code such as en or de, not '\(language)'")
        }
        return RecordFilter(since: since, until: until, publisher: publisher, language: language, duplicates: duplicates)
    }
}

/// Times as people type them on the command line.
enum TimeSpec {
    static func parse(_ text: String, now: Date, option: String) throws -> Date {
        let value = text.trimmingCharacters(in: .whitespaces).lowercased()
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        switch value {
        case "now": return now
        case "today": return utc.startOfDay(for: now)
        case "yesterday": return utc.startOfDay(for: now).addingTimeInterval(-86_400)
        default: break
        }
        if value.hasPrefix("@"), let seconds = Double(value.dropFirst()) {
            return Date(timeIntervalSince1970: seconds)
        }
        // An age: digits and a unit.
        if let unit = value.last, "smhdw".contains(unit), let amount = Double(value.dropLast()), amount >= 0 {
            let seconds: Double = ["s": 1, "m": 60, "h": 3_600, "d": 86_400, "w": 604_800][unit]!
            return now.addingTimeInterval(-amount * seconds)
        }
        // Dates and times.
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime]
        if let date = iso.date(from: text.replacingOccurrences(of: " ", with: "T")) { return date }
        iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = iso.date(from: text.replacingOccurrences(of: " ", with: "T")) { return date }
        let formats = ["yyyy-MM-dd", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"]
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        for format in formats {
            formatter.dateFormat = format
            if let date = formatter.date(from: text.trimmingCharacters(in: .whitespaces)) { return date }
        }
        throw ValidationError("\(option): cannot read '\(text)' as a time (try 2024-10-30, \"2024-10-30 14:05\", 2h or 3d)")
    }
}
