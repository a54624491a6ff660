import Glibc

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

/// The system calls the writer makes that tests replace to inject failures (a full
/// disk, EIO from fdatasync, a directory that refuses new segments) without a mount.
struct StoreFileOperations: Sendable {
    var write: @Sendable (Int32, UnsafeRawBufferPointer) -> (written: Int, errno: Int32?)
    var sync: @Sendable (Int32) -> Int32?
    var open: @Sendable (String, Int32) -> (fd: Int32, errno: Int32)

    static let system = StoreFileOperations(
        write: { POSIX.writeAll($0, $1) },
        sync: { fdatasync($0) == 0 ? nil : errno },
        open: { path, flags in
            let fd = Glibc.open(path, flags, 0o644)
            return (fd, fd < 0 ? errno : 0)
        }
    )
}
