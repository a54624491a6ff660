import Glibc

/// What can go wrong with the store; each case says where and why.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    /// A system call on a store file failed.
    case io(operation: String, path: String, errno: Int32)
    /// The store is shutting down and takes no more records.
    case closed

    public var code: String {
        switch self {
        case .io(_, _, let errno) where errno == ENOSPC || errno == EDQUOT: return "store_full"
        case .io: return "store_io"
        case .closed: return "store_closed"
        }
    }

    public var description: String {
        switch self {
        case .io(let operation, let path, let errno):
            return "\(operation) \(path): \(String(cString: strerror(errno))) (errno \(errno))"
        case .closed:
            return "the store is closed"
        }
    }
}
