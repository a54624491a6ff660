import Glibc

/// Puts back a store file that was deleted while newsd held it open.
///
/// An unlinked file lives on as long as a descriptor refers to it, so nothing is lost
/// yet: its bytes are copied from the descriptor to `PATH.restore`, fdatasync'ed,
/// renamed to `PATH` and the directory fsync'ed. The caller continues on the returned
/// descriptor (the new file, opened for appending).
enum SegmentRestorer {
    static func restore(fd: Int32, path: String, directory: String) -> Result<Int32, StoreError> {
        let temp = path + ".restore"
        let out = open(temp, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if out < 0 { return .failure(.io(operation: "open", path: temp, errno: errno)) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var offset: off_t = 0
        while true {
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, offset) }
            if n < 0 {
                if errno == EINTR { continue }
                let code = errno
                close(out); unlink(temp)
                return .failure(.io(operation: "read (restoring)", path: path, errno: code))
            }
            if n == 0 { break }
            let (_, failed) = buffer.withUnsafeBytes { POSIX.writeAll(out, UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
            if let failed {
                close(out); unlink(temp)
                return .failure(.io(operation: "write", path: temp, errno: failed))
            }
            offset += off_t(n)
        }
        if fdatasync(out) != 0 {
            let code = errno
            close(out); unlink(temp)
            return .failure(.io(operation: "fdatasync", path: temp, errno: code))
        }
        close(out)
        if rename(temp, path) != 0 {
            let code = errno
            unlink(temp)
            return .failure(.io(operation: "rename", path: path, errno: code))
        }
        if let code = POSIX.syncDirectory(directory) { return .failure(.io(operation: "fsync", path: directory, errno: code)) }
        let reopened = open(path, O_RDWR | O_APPEND | O_CLOEXEC)
        if reopened < 0 { return .failure(.io(operation: "open", path: path, errno: errno)) }
        return .success(reopened)
    }
}
