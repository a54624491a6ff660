import Glibc

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
