import Glibc

/// Thin, byte-exact wrappers over the system calls the store and the daemon share.
/// Paths are bytes: Linux file names need not be UTF-8.
public enum POSIX {
    /// Writes all of `bytes`, retrying short writes and EINTR. Returns the errno on failure
    /// together with how many bytes did reach the file (so a caller can cut them off).
    public static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> (written: Int, errno: Int32?) {
        var offset = 0
        while offset < bytes.count {
            let n = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return (offset, errno)
            }
            offset += n
        }
        return (offset, nil)
    }

    /// Reads from `offset` until `buffer` is full, the file ends or a read fails,
    /// retrying EINTR. Returns how many bytes were read.
    public static func readAll(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer, at offset: Int = 0) -> Int {
        var done = 0
        while done < buffer.count {
            let n = pread(fd, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            done += n
        }
        return done
    }

    /// fsync of a directory, so that entries created or renamed in it survive power loss.
    @discardableResult
    public static func syncDirectory(_ path: String) -> Int32? {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd < 0 { return errno }
        defer { close(fd) }
        return fsync(fd) == 0 ? nil : errno
    }

    /// mkdir -p; returns the errno of the first failure other than EEXIST.
    public static func makeDirectories(_ path: String, mode: mode_t = 0o755) -> Int32? {
        var current = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            current += "/" + component
            if mkdir(current, mode) != 0 && errno != EEXIST { return errno }
        }
        return nil
    }

    public static func errorMessage(_ code: Int32) -> String { String(cString: strerror(code)) }
}
