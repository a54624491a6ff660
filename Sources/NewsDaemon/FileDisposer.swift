import Foundation
import Glibc
import NewsCore
import NewsStore

/// Moves inputs out of the inbox: to `processed/YYYY-MM-DD/` (or deletes them) once
/// their record is durable, or to `quarantine/` with a `NAME.reason.json`.
/// Never overwrites: a name already taken gets a numeric suffix (`a.1.txt`), and no
/// name passes NAME_MAX (`DispositionName`).
struct FileDisposer: Sendable {
    let layout: DataLayout

    enum Failure: Error {
        case errno(operation: String, path: String, code: Int32)

        var message: String {
            switch self {
            case .errno(let operation, let path, let code):
                return "\(operation) \(path): \(POSIX.errorMessage(code))"
            }
        }
    }

    /// Moves (or deletes) a processed input. Returns where it went (nil when deleted).
    func finish(_ path: InboxPath, disposition: NewsdConfig.Disposition, now: Date) throws(Failure) -> String? {
        let source = BytePath.join(layout.inbox, path)
        switch disposition {
        case .delete:
            if let code = BytePath.unlink(source), code != ENOENT {
                throw .errno(operation: "unlink", path: path.description, code: code)
            }
            return nil
        case .move:
            let day = RFC3339.day(from: now)
            let target = InboxPath(bytes: Array(day.utf8)).appending(path.bytes)
            return try move(source, toBase: layout.processed, relative: target).description
        }
    }

    /// Quarantines an input with its reason file. Returns the quarantined name.
    func quarantine(_ path: InboxPath, error: IngestError, sha256: String?, now: Date) throws(Failure) -> String {
        let source = BytePath.join(layout.inbox, path)
        let placed = try move(
            source, toBase: layout.quarantine, relative: InboxPath(bytes: path.name),
            reserve: DispositionName.quarantineReserve)
        var json = JSONWriter(capacity: 512)
        json.open()
        json.key("error"); json.string(error.code)
        json.key("message"); json.string(error.description)
        json.key("time"); json.string(RFC3339.string(from: now))
        json.key("sha256"); json.optionalString(sha256)
        json.key("file"); json.string(path.description)
        json.close()
        json.newline()
        // From the name's bytes, not its readable form: names need not be UTF-8.
        let reason = BytePath.join(layout.quarantine, placed) + Array(".reason.json".utf8)
        try writeAtomically(json.bytes, to: reason)
        return placed.description
    }

    /// Renames `source` to `base/relative`, creating folders and choosing a free name
    /// that leaves `reserve` bytes under NAME_MAX (see `DispositionName`).
    /// Returns the name used, relative to `base`.
    private func move(_ source: [UInt8], toBase base: String, relative: InboxPath, reserve: Int = 0) throws(Failure) -> InboxPath {
        let target = BytePath.join(base, relative)
        // The folder is made only when the rename says it is missing: checking first cost
        // a mkdir per path component for every file (the day's folder exists for all
        // but its first).
        var madeFolders = false
        var attempt = 0
        while true {
            let candidate = DispositionName.candidate(relative, attempt: attempt, reserve: reserve)
            let destination = BytePath.join(base, candidate)
            guard let code = BytePath.renameNoReplace(source, destination) else {
                return candidate
            }
            switch code {
            case ENOENT where !madeFolders && BytePath.lstat(source) != nil:
                madeFolders = true
                try makeFolders(of: target)
            case EEXIST:
                attempt += 1
            case EINVAL, ENOSYS:
                // File systems without RENAME_NOREPLACE: check, then rename.
                if BytePath.lstat(destination) != nil { attempt += 1; continue }
                if let code = BytePath.rename(source, destination) {
                    if code == ENOENT && !madeFolders && BytePath.lstat(source) != nil {
                        madeFolders = true
                        try makeFolders(of: target)
                        continue
                    }
                    throw .errno(operation: "rename", path: candidate.description, code: code)
                }
                return candidate
            default:
                throw .errno(operation: "rename", path: candidate.description, code: code)
            }
        }
    }

    private func makeFolders(of path: [UInt8]) throws(Failure) {
        guard let slash = path.lastIndex(of: UInt8(ascii: "/")) else { return }
        if let code = BytePath.mkdirs(Array(path[..<slash])) {
            throw .errno(operation: "mkdir", path: String(decoding: path[..<slash], as: UTF8.self), code: code)
        }
    }

    private func writeAtomically(_ bytes: [UInt8], to path: [UInt8]) throws(Failure) {
        let temp = path + Array(".tmp".utf8)
        let fd = BytePath.withCString(temp) { open($0, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644) }
        if fd < 0 { throw .errno(operation: "open", path: String(decoding: temp, as: UTF8.self), code: errno) }
        let (_, writeErrno) = bytes.withUnsafeBytes { POSIX.writeAll(fd, $0) }
        close(fd)
        if let writeErrno {
            _ = BytePath.unlink(temp)
            throw .errno(operation: "write", path: String(decoding: temp, as: UTF8.self), code: writeErrno)
        }
        if let code = BytePath.rename(temp, path) {
            throw .errno(operation: "rename", path: String(decoding: path, as: UTF8.self), code: code)
        }
    }
}
