import Glibc

/// Whether some process still has a file open for writing, asked the kernel's way:
/// a read lease (fcntl F_SETLEASE, F_RDLCK) is refused with EAGAIN while any
/// descriptor open for writing exists. The lease is dropped at once.
///
/// Leases need the file's owner or CAP_LEASE: newsd as root (tests) or as the files'
/// owner gets an answer; a newsd user reading producers' files does not (EACCES), and
/// neither do file systems without leases. Then the answer is nil and the caller falls
/// back to watching size and mtime settle.
enum WriterCheck {
    static let setLease: Int32 = 1024      // F_SETLEASE (fcntl.h, Linux)
    static let readLease: Int32 = 0        // F_RDLCK
    static let noLease: Int32 = 2          // F_UNLCK

    static func isOpenForWriting(_ path: [UInt8]) -> Bool? {
        let fd = BytePath.withCString(path) { open($0, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC) }
        if fd < 0 { return nil }
        defer { close(fd) }
        if fcntl(fd, setLease, readLease) == 0 {
            _ = fcntl(fd, setLease, noLease)
            return false
        }
        return errno == EAGAIN ? true : nil
    }
}
