import Foundation

/// newsd's configuration: one struct per section of `newsd.toml`, defaults in code.
/// `Config/newsd.toml` lists every key with its default; keep the two in step.
public struct NewsdConfig: Sendable, Equatable {
    public var paths = Paths()
    public var ingest = Ingest()
    public var store = StoreSection()
    public var log = Log()

    public init() {}

    public struct Paths: Sendable, Equatable {
        /// Root of the embedded layout; relative paths are taken from the working directory.
        public var dataDir = "newsd-data"
        /// Each of these defaults to a folder of that name under `dataDir` when empty.
        public var inbox = ""
        public var store = ""
        public var processed = ""
        public var quarantine = ""
        /// Control socket and other runtime files (default `<data_dir>/run`).
        public var runtimeDir = ""
    }

    public struct Ingest: Sendable, Equatable {
        /// Larger files are quarantined unread.
        public var maxFileBytes = 20 << 20
        public var disposition = Disposition.move
        /// Shell patterns (fnmatch) on a file's name; matching files wait in the inbox
        /// until renamed. Directories whose names match are not entered.
        public var ignore = [".*", "*.part", "*.tmp", "*.crdownload", "*~"]
        /// Files processed at once. Default: the CPUs newsd may run on (at most 16).
        /// More workers than cores made things slower, not faster: on 2 cores, 2,225
        /// HTML pages took 0.50–0.55 s with 2 workers, 0.63–0.67 s with 4 and 0.76–0.86 s
        /// with 8 (more CPU too: threads contending for the allocator and the turn gate).
        public var workers = Ingest.defaultWorkers

        public static var defaultWorkers: Int { max(1, min(ProcessInfo.processInfo.activeProcessorCount, 16)) }
        /// Paths waiting for a worker; past it, events are dropped and a rescan is
        /// scheduled for when the queue drains, so nothing is lost.
        public var maxQueue = 100_000
    }

    public enum Disposition: String, Sendable, Equatable, CaseIterable {
        /// Move the input to `processed/YYYY-MM-DD/` once its record is durable.
        case move
        /// Delete the input once its record is durable.
        case delete
    }

    public struct StoreSection: Sendable, Equatable {
        public var segmentBytes = 256 << 20
        /// Under sustained load, at most one fdatasync per this many microseconds
        /// (lines arriving meanwhile share it); 0 syncs back to back.
        public var minSyncIntervalMicroseconds = 2000
    }

    public struct Log: Sendable, Equatable {
        public var level = LogLevel.info
    }

    public enum LogLevel: String, Sendable, Equatable, CaseIterable {
        case trace, debug, info, notice, warning, error, critical
    }
}
