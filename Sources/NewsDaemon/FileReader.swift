import Glibc
import NewsStore

/// Reads one inbox entry safely: never follows a symlink, never blocks on a FIFO,
/// reads only regular files with a single link (not a hard link to a file elsewhere)
/// and never more than the size cap, checked with fstat before the first read (a
/// sparse 10 GiB file costs nothing).
enum FileReader {
    enum Outcome {
        case bytes([UInt8])
        /// The entry is gone (already processed, or removed by its producer).
        case vanished
        case failed(IngestError)
    }

    static func read(_ path: [UInt8], maxBytes: Int) -> Outcome {
        let fd = BytePath.withCString(path) { open($0, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY) }
        if fd < 0 {
            switch errno {
            case ENOENT, ENOTDIR: return .vanished
            case ELOOP: return .failed(.symlink)
            case EACCES, EPERM: return .failed(.unreadable(errno: errno))
            case ENXIO: return .failed(.notRegularFile(kind: "socket"))
            default: return .failed(.unreadable(errno: errno))
            }
        }
        defer { close(fd) }
        var info = stat()
        if fstat(fd, &info) != 0 { return .failed(.readFailed(errno: errno)) }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            return .failed(.notRegularFile(kind: kind(info.st_mode)))
        }
        // Checked on the open descriptor, so a link made after the check cannot slip
        // in: `ln /etc/secret inbox/x` makes st_nlink 2.
        if info.st_nlink > 1 { return .failed(.hardLink(links: Int(info.st_nlink))) }
        let size = Int(info.st_size)
        if size > maxBytes { return .failed(.tooLarge(bytes: size, limit: maxBytes)) }

        // Read up to one byte past the cap: the file may have grown since fstat.
        var buffer = [UInt8](repeating: 0, count: min(size, maxBytes) + 1)
        var count = 0
        while true {
            if count == buffer.count {
                if count > maxBytes { return .failed(.tooLarge(bytes: count, limit: maxBytes)) }
                buffer.append(contentsOf: repeatElement(0, count: min(buffer.count, maxBytes + 1 - buffer.count)))
            }
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + count, $0.count - count) }
            if n < 0 {
                if errno == EINTR { continue }
                return .failed(.readFailed(errno: errno))
            }
            if n == 0 { break }
            count += n
        }
        if count > maxBytes { return .failed(.tooLarge(bytes: count, limit: maxBytes)) }
        buffer.removeLast(buffer.count - count)
        return .bytes(buffer)
    }

    static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFDIR: return "directory"
        case S_IFIFO: return "FIFO"
        case S_IFSOCK: return "socket"
        case S_IFCHR: return "character device"
        case S_IFBLK: return "block device"
        case S_IFLNK: return "symbolic link"
        default: return "special file"
        }
    }
}
