import Glibc
import NewsCore
import NewsStore

/// Why a file could not be ingested, or the daemon could not set up. The `code` is
/// stable (it goes into `NAME.reason.json` and journald's NEWSD_ERROR); the
/// description is a sentence for people.
public enum IngestError: Error, Sendable, CustomStringConvertible {
    case symlink
    case unreadable(errno: Int32)
    case notRegularFile(kind: String)
    /// A regular file with more than one link: `ln` can put any file of the file
    /// system that the producer can see into the inbox, and newsd may be able to read
    /// more than the producer can (see README "Hostile input").
    case hardLink(links: Int)
    case tooLarge(bytes: Int, limit: Int)
    case readFailed(errno: Int32)
    case content(ContentError)
    case store(StoreError)
    case setup(path: String, operation: String, errno: Int32)
    /// newsd died of a fatal signal while working on this file (see CrashGuard).
    case processorCrash

    public var code: String {
        switch self {
        case .symlink: return "symlink"
        case .unreadable: return "unreadable"
        case .notRegularFile: return "not_regular_file"
        case .hardLink: return "hard_link"
        case .tooLarge: return "too_large"
        case .readFailed: return "read_failed"
        case .content(let error): return error.code
        case .store(let error): return error.code
        case .setup: return "setup"
        case .processorCrash: return "processor_crash"
        }
    }

    public var description: String {
        switch self {
        case .symlink:
            return "the file is a symbolic link; newsd reads only regular files dropped into the inbox"
        case .unreadable(let code):
            return "the file cannot be opened: \(POSIX.errorMessage(code)) (check its permissions)"
        case .notRegularFile(let kind):
            return "the entry is a \(kind), not a regular file"
        case .hardLink(let links):
            return "the file has \(links) hard links; newsd reads only files with one (move or copy files into the inbox, do not link them)"
        case .tooLarge(let bytes, let limit):
            return "the file has \(bytes) bytes, more than ingest.max_file_bytes = \(limit)"
        case .readFailed(let code):
            return "reading the file failed: \(POSIX.errorMessage(code))"
        case .content(let error):
            return error.description
        case .store(let error):
            return "the store could not take the record: \(error)"
        case .processorCrash:
            return "newsd crashed while processing this file; it was set aside so the daemon keeps running (please report it with the file)"
        case .setup(let path, let operation, let code):
            return "cannot \(operation) \(path): \(POSIX.errorMessage(code))"
        }
    }
}
