import CSystemd
import Foundation
import Glibc
import Logging

/// A swift-log handler that writes structured entries to journald through
/// `sd_journal_sendv` (the variadic `sd_journal_send` cannot be called from Swift).
///
/// Fields: MESSAGE, PRIORITY, SYSLOG_IDENTIFIER=newsd, CODE_FILE/LINE/FUNC, a fixed
/// MESSAGE_ID per event kind, and each metadata key as NEWSD_<KEY>. If journald
/// refuses an entry (it went away), the line goes to stderr instead: nothing is lost.
public struct JournalLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    private let settings: LogSettings
    private let fallback: ConsoleLogHandler

    public init(label: String, settings: LogSettings) {
        self.settings = settings
        self.fallback = ConsoleLogHandler(label: label, settings: settings)
    }

    public var logLevel: Logger.Level {
        get { settings.level }
        set { settings.level = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(level: Logger.Level, message: Logger.Message, metadata explicit: Logger.Metadata?,
                    source: String, file: String, function: String, line: UInt) {
        var merged = metadata
        if let explicit { merged.merge(explicit) { _, new in new } }
        var fields = [
            "MESSAGE=" + message.description,
            "PRIORITY=\(Self.priority(level))",
            "SYSLOG_IDENTIFIER=newsd",
            "CODE_FILE=" + file,
            "CODE_LINE=\(line)",
            "CODE_FUNC=" + function,
        ]
        if case .string(let event)? = merged[LogKey.event], let id = MessageID.forEvent(event) {
            fields.append("MESSAGE_ID=" + id)
        }
        for (key, value) in merged {
            fields.append(Self.fieldName(key) + "=" + "\(value)")
        }
        if Self.send(fields) < 0 {
            fallback.log(level: level, message: message, metadata: explicit, source: source, file: file, function: function, line: line)
        }
    }

    /// `article_id` → `NEWSD_ARTICLE_ID`: journald accepts only [A-Z0-9_] names.
    static func fieldName(_ key: String) -> String {
        var name = "NEWSD_"
        for scalar in key.unicodeScalars {
            switch scalar {
            case "a"..."z": name.unicodeScalars.append(Unicode.Scalar(scalar.value - 32)!)
            case "A"..."Z", "0"..."9": name.unicodeScalars.append(scalar)
            default: name += "_"
            }
        }
        return name
    }

    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: return 7
        case .info: return 6
        case .notice: return 5
        case .warning: return 4
        case .error: return 3
        case .critical: return 2
        }
    }

    /// Sends one entry; returns sd_journal_sendv's result (negative errno on failure).
    static func send(_ fields: [String]) -> Int32 {
        var buffers = fields.map { Array($0.utf8) }
        var vectors: [iovec] = []
        vectors.reserveCapacity(buffers.count)
        return buffers.withUnsafeMutableBufferPointer { all -> Int32 in
            for index in all.indices {
                all[index].withUnsafeMutableBytes { raw in
                    vectors.append(iovec(iov_base: raw.baseAddress, iov_len: raw.count))
                }
            }
            return vectors.withUnsafeBufferPointer { sd_journal_sendv($0.baseAddress, Int32($0.count)) }
        }
    }
}
