import Foundation
import Glibc
import Logging

/// Shared, changeable log settings: reload changes the level of every logger at once.
public final class LogSettings: @unchecked Sendable {
    private let lock = NSLock()
    private var levelValue: Logger.Level

    public init(level: Logger.Level) { levelValue = level }

    public var level: Logger.Level {
        get { lock.lock(); defer { lock.unlock() }; return levelValue }
        set { lock.lock(); levelValue = newValue; lock.unlock() }
    }
}

/// Where log events go: journald, stderr lines, or journald when it is listening.
public enum LogTarget: String, Sendable, CaseIterable {
    case journal, console, auto

    /// `auto`: journald when stderr already goes to the journal (JOURNAL_STREAM, as
    /// under systemd); stderr when it is a terminal (someone is watching); else
    /// journald if its socket accepts a connection (a missing or stale socket would
    /// swallow messages silently), else stderr.
    public func resolved(environment: [String: String] = ProcessInfo.processInfo.environment) -> LogTarget {
        switch self {
        case .journal, .console: return self
        case .auto:
            if let stream = environment["JOURNAL_STREAM"], Self.stderrIs(stream) { return .journal }
            if isatty(2) != 0 { return .console }
            return JournalLogHandler.journaldIsListening() ? .journal : .console
        }
    }

    /// JOURNAL_STREAM is "<device>:<inode>" of the journal stream systemd gave us.
    static func stderrIs(_ stream: String) -> Bool {
        let parts = stream.split(separator: ":")
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else { return false }
        var info = stat()
        guard fstat(2, &info) == 0 else { return false }
        return UInt64(info.st_dev) == device && UInt64(info.st_ino) == inode
    }
}

extension NewsdConfig.LogLevel {
    public var loggerLevel: Logger.Level {
        switch self {
        case .trace: return .trace
        case .debug: return .debug
        case .info: return .info
        case .notice: return .notice
        case .warning: return .warning
        case .error: return .error
        case .critical: return .critical
        }
    }
}
