import Foundation

/// The control protocol between newsd and newsctl: newline-delimited JSON over the
/// Unix socket `<runtime_dir>/control.sock`. One request line, one reply line; a
/// connection may carry several. Documented in README ("Control protocol").
public enum ControlVerb: String, Codable, Sendable, CaseIterable {
    case status, stats, pause, resume, rescan, reload
}

public struct ControlRequest: Codable, Sendable, Equatable {
    public var verb: ControlVerb
    public init(verb: ControlVerb) { self.verb = verb }
}

public struct ControlReply: Codable, Sendable, Equatable {
    public var ok: Bool
    public var status: DaemonStatus?
    public var reload: ReloadResult?
    public var message: String?
    public var error: ControlFailure?

    public init(ok: Bool, status: DaemonStatus? = nil, reload: ReloadResult? = nil, message: String? = nil, error: ControlFailure? = nil) {
        self.ok = ok
        self.status = status
        self.reload = reload
        self.message = message
        self.error = error
    }

    public static func failure(_ id: ControlErrorID, _ message: String) -> ControlReply {
        ControlReply(ok: false, error: ControlFailure(id: id, message: message))
    }
}

/// Stable error ids: newsctl maps each to a sentence and an exit code.
public enum ControlErrorID: String, Codable, Sendable {
    case badRequest = "bad_request"
    case unknownVerb = "unknown_verb"
    case reloadRefused = "reload_refused"
    case reloadInvalid = "reload_invalid"
    case internalError = "internal"
}

public struct ControlFailure: Codable, Sendable, Equatable {
    public var id: ControlErrorID
    public var message: String
    public init(id: ControlErrorID, message: String) {
        self.id = id
        self.message = message
    }
}

public struct ReloadResult: Codable, Sendable, Equatable {
    /// One line per setting that changed: "ingest.workers: 4 → 8".
    public var changes: [String]
    public init(changes: [String]) { self.changes = changes }
}

public struct DaemonStatus: Codable, Sendable, Equatable {
    public var state: String            // "running", "paused" or "stalled" (the store cannot write)
    public var pid: Int32
    public var version: String
    public var uptimeSeconds: Double
    public var configFile: String?
    public var inbox: String
    public var store: String
    public var queueDepth: Int
    public var filesPerSecondLastMinute: Double
    public var articles: Int            // records in the store
    public var ingestedSinceStart: Int
    public var duplicates: Int
    public var quarantined: Int
    public var storeBytes: Int
    public var segments: Int
    public var indexBytes: Int
    public var lastError: String?
    /// Why intake is stalled ("store not writable: write …: No space left on device
    /// (errno 28)"), nil when the store writes.
    public var storeStalled: String?
    /// True while the inbox folder does not exist (newsd waits for it to reappear).
    public var inboxMissing: Bool?

    public init(state: String, pid: Int32, version: String, uptimeSeconds: Double, configFile: String?, inbox: String,
                store: String, queueDepth: Int, filesPerSecondLastMinute: Double, articles: Int, ingestedSinceStart: Int,
                duplicates: Int, quarantined: Int, storeBytes: Int, segments: Int, indexBytes: Int, lastError: String?,
                storeStalled: String? = nil, inboxMissing: Bool? = nil) {
        self.state = state
        self.pid = pid
        self.version = version
        self.uptimeSeconds = uptimeSeconds
        self.configFile = configFile
        self.inbox = inbox
        self.store = store
        self.queueDepth = queueDepth
        self.filesPerSecondLastMinute = filesPerSecondLastMinute
        self.articles = articles
        self.ingestedSinceStart = ingestedSinceStart
        self.duplicates = duplicates
        self.quarantined = quarantined
        self.storeBytes = storeBytes
        self.segments = segments
        self.indexBytes = indexBytes
        self.lastError = lastError
        self.storeStalled = storeStalled
        self.inboxMissing = inboxMissing
    }

    enum CodingKeys: String, CodingKey {
        case state, pid, version
        case uptimeSeconds = "uptime_seconds"
        case configFile = "config_file"
        case inbox, store
        case queueDepth = "queue_depth"
        case filesPerSecondLastMinute = "files_per_second_last_minute"
        case articles
        case ingestedSinceStart = "ingested_since_start"
        case duplicates, quarantined
        case storeBytes = "store_bytes"
        case segments
        case indexBytes = "index_bytes"
        case lastError = "last_error"
        case storeStalled = "store_stalled"
        case inboxMissing = "inbox_missing"
    }
}

/// Encoding of protocol lines: compact JSON with sorted keys, then a newline.
public enum ControlCoding {
    public static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(value)) + [0x0A]
    }

    public static func decode<T: Decodable>(_ type: T.Type, from line: some Collection<UInt8>) throws -> T {
        try JSONDecoder().decode(type, from: Data(line))
    }

    /// Longest request or reply line accepted (bytes).
    public static let maxLineBytes = 1 << 20
}

public enum NewsdVersion {
    public static let string = "0.1.0"
}
