import Foundation
import Logging

/// Readable log lines on stderr, one per event:
/// `2026-11-23T04:55:00.123Z info Article stored event=stored article_id=… file="a b.txt"`.
/// Used when journald is not there (and always with `--log-target console`).
public struct ConsoleLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    private let settings: LogSettings

    public init(label: String, settings: LogSettings) {
        self.settings = settings
    }

    public var logLevel: Logger.Level {
        get { settings.level }
        set { settings.level = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(
        level: Logger.Level,
        message: Logger.Message,
        metadata explicit: Logger.Metadata?,
        source: String,
        file: String,
        function: String,
        line: UInt
    ) {
        var merged = metadata
        if let explicit { merged.merge(explicit) { _, new in new } }
        var out = Self.timestamp() + " " + level.rawValue + " " + message.description
        for key in merged.keys.sorted() {
            out += " " + key + "=" + Self.quote("\(merged[key]!)")
        }
        out += "\n"
        FileHandle.standardError.write(Data(out.utf8))
    }

    /// Values with spaces, quotes, `=` or control characters are quoted and escaped,
    /// so that one event is always one line.
    static func quote(_ value: String) -> String {
        let needsQuotes = value.isEmpty || value.unicodeScalars.contains {
            $0 == " " || $0 == "\"" || $0 == "=" || $0 == "\\" || $0.value < 0x20 || $0.value == 0x7F
        }
        guard needsQuotes else { return value }
        var out = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += String(format: "\\x%02x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    static func timestamp(_ date: Date = Date()) -> String {
        RFC3339.string(from: date, fractionalDigits: 3)
    }
}
