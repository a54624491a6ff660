import Foundation
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

    /// `auto` picks journald only when its socket accepts a connection: a missing or
    /// stale socket (journald not running) would swallow messages silently.
    public func resolved() -> LogTarget {
        switch self {
        case .journal, .console: return self
        case .auto: return JournalLogHandler.journaldIsListening() ? .journal : .console
        }
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
