import Foundation

/// Counters of what the pipeline did since start; read by status and the summary.
public final class IngestStats: @unchecked Sendable {
    public struct Snapshot: Sendable, Equatable {
        public var files = 0
        public var articles = 0
        public var duplicates = 0
        public var alreadyStored = 0
        public var quarantined = 0
        public var skipped = 0
        public var storeErrors = 0
        public var lastError: String?
    }

    private let lock = NSLock()
    private var value = Snapshot()

    public init() {}

    public var snapshot: Snapshot {
        lock.lock()
        defer { lock.unlock() }
        return value
    }

    func update(_ change: (inout Snapshot) -> Void) {
        lock.lock()
        change(&value)
        lock.unlock()
    }
}
