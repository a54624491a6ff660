import Glibc
import NewsStore

/// An exclusive lock on the store directory (`flock` on `store/.lock`), so two
/// daemons never write one store. Released by the kernel when the process dies.
final class StoreLock {
    private let fd: Int32

    enum Failure: Error, CustomStringConvertible {
        case busy(path: String)
        case system(path: String, errno: Int32)

        var description: String {
            switch self {
            case .busy(let path):
                return "another newsd is already using this store (\(path) is locked); stop it first or use another --data-dir"
            case .system(let path, let code):
                return "cannot lock \(path): \(POSIX.errorMessage(code))"
            }
        }
    }

    init(directory: String) throws(Failure) {
        let path = directory + "/.lock"
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        if fd < 0 { throw .system(path: path, errno: errno) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            close(fd)
            throw code == EWOULDBLOCK ? .busy(path: path) : .system(path: path, errno: code)
        }
        self.fd = fd
    }

    deinit { close(fd) }
}
