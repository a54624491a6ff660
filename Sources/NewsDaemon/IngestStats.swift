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
        /// Set while the store cannot write (intake paused): the store's error.
        public var storeStalled: String?
    }

    private let lock = NSLock()
    private var value = Snapshot()
    /// Files finished per second over the last minute: 60 one-second buckets.
    private var buckets = [Int](repeating: 0, count: 60)
    private var bucketSecond = [Int](repeating: 0, count: 60)
    /// Called after each change (the service notifier's STATUS= refresh).
    var onChange: (@Sendable () -> Void)?

    public init() {}

    /// Average files/s over the last 60 seconds.
    public var filesPerSecondLastMinute: Double {
        let now = Int(Date().timeIntervalSince1970)
        lock.lock()
        defer { lock.unlock() }
        var total = 0
        for index in 0..<60 where now - bucketSecond[index] < 60 { total += buckets[index] }
        return Double(total) / 60
    }

    func countFile() {
        let now = Int(Date().timeIntervalSince1970)
        lock.lock()
        let index = now % 60
        if bucketSecond[index] != now {
            bucketSecond[index] = now
            buckets[index] = 0
        }
        buckets[index] += 1
        lock.unlock()
    }

    public var snapshot: Snapshot {
        lock.lock()
        defer { lock.unlock() }
        return value
    }

    func update(_ change: (inout Snapshot) -> Void) {
        lock.lock()
        let before = value.files
        change(&value)
        let counted = value.files - before
        lock.unlock()
        for _ in 0..<max(0, counted) { countFile() }
        onChange?()
    }
}
