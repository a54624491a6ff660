/// Metadata keys of newsd's log events, in one place. The journald handler turns
/// each into a `NEWSD_<UPPERCASE>` field; the console handler prints `key=value`.
public enum LogKey {
    /// Kind of event (see `LogEvent`): what a test or an operator filters on.
    public static let event = "event"
    public static let articleID = "article_id"
    public static let file = "file"
    public static let sha256 = "sha256"
    public static let duplicateOf = "duplicate_of"
    public static let story = "story"
    public static let error = "error"
    public static let reason = "reason"
    public static let path = "path"
    public static let destination = "destination"
    public static let segment = "segment"
    public static let offset = "offset"
    public static let bytes = "bytes"
    public static let records = "records"
    public static let files = "files"
    public static let duplicates = "duplicates"
    public static let quarantined = "quarantined"
    public static let seconds = "seconds"
    public static let rate = "articles_per_second"
    public static let inbox = "inbox"
    public static let store = "store"
    public static let queued = "queued"
    public static let attempts = "attempts"
    public static let lastSegment = "last_segment"
}

/// The kinds of event newsd reports; each gets a fixed MESSAGE_ID in journald.
public enum LogEvent: String, Sendable, CaseIterable {
    case started
    case stored
    case duplicate
    case alreadyStored = "already_stored"
    case quarantined
    case skipped
    case storeRecovered = "store_recovered"
    case tornTail = "torn_tail"
    case corruptLine = "corrupt_line"
    case overflowRescan = "overflow_rescan"
    case rescan
    case storeError = "store_error"
    case storeStalled = "store_stalled"
    case storeResumed = "store_resumed"
    case segmentRestored = "segment_restored"
    case segmentMissing = "segment_missing"
    case inboxMissing = "inbox_missing"
    case inboxRestored = "inbox_restored"
    case disposeFailed = "dispose_failed"
    case watchFailed = "watch_failed"
    case summary
    case reloaded
    case reloadFailed = "reload_failed"
    case paused
    case resumed
    case control
    case stopping
    case stopped
}
