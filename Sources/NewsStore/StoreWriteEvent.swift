/// What the store's writer reports about its own health, on its commit thread. The
/// daemon turns these into log events, `newsctl status` and sd_notify STATUS=.
public enum StoreWriteEvent: Sendable {
    /// Appending failed (disk full, read-only, I/O error): the batch waits in memory
    /// and is retried with back-off; nothing was acknowledged. Reported again when
    /// the error changes.
    case stalled(StoreError)
    /// The batch that was failing is durable now, after this many attempts.
    case recovered(attempts: Int)
    /// The open segment (or its sidecar) had been deleted; its content was copied
    /// back from the open descriptor and renamed into place.
    case restored(file: String, bytes: Int)
}
