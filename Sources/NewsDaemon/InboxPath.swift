import CLinux
import Glibc

/// A path relative to the inbox, as raw bytes (Linux names need not be UTF-8).
public struct InboxPath: Sendable, Hashable, CustomStringConvertible {
    public let bytes: [UInt8]

    public init(bytes: [UInt8]) { self.bytes = bytes }
    public init(_ string: String) { self.bytes = Array(string.utf8) }

    public func appending(_ name: [UInt8]) -> InboxPath {
        bytes.isEmpty ? InboxPath(bytes: name) : InboxPath(bytes: bytes + [UInt8(ascii: "/")] + name)
    }

    /// The last component.
    public var name: [UInt8] {
        guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return bytes }
        return Array(bytes[(slash + 1)...])
    }

    /// Readable form for logs and records; invalid UTF-8 shows as U+FFFD.
    public var description: String { String(decoding: bytes, as: UTF8.self) }
}

/// Byte-exact file system calls on absolute paths built from a base and bytes.
enum BytePath {
    static func join(_ base: String, _ relative: InboxPath) -> [UInt8] {
        relative.bytes.isEmpty ? Array(base.utf8) : Array(base.utf8) + [UInt8(ascii: "/")] + relative.bytes
    }

    static func withCString<R>(_ path: [UInt8], _ body: (UnsafePointer<CChar>) -> R) -> R {
        (path + [0]).withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) }
        }
    }

    static func lstat(_ path: [UInt8]) -> stat? {
        var info = stat()
        let ok = withCString(path) { Glibc.lstat($0, &info) } == 0
        return ok ? info : nil
    }

    static func rename(_ from: [UInt8], _ to: [UInt8]) -> Int32? {
        let result = withCString(from) { f in withCString(to) { t in Glibc.rename(f, t) } }
        return result == 0 ? nil : errno
    }

    /// rename(2) that refuses to replace an existing target.
    static func renameNoReplace(_ from: [UInt8], _ to: [UInt8]) -> Int32? {
        let result = withCString(from) { f in withCString(to) { t in newsd_rename_noreplace(f, t) } }
        return result == 0 ? nil : errno
    }

    static func unlink(_ path: [UInt8]) -> Int32? {
        withCString(path) { Glibc.unlink($0) } == 0 ? nil : errno
    }

    static func mkdirs(_ path: [UInt8]) -> Int32? {
        var current: [UInt8] = []
        for component in path.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true) {
            current += [UInt8(ascii: "/")] + component
            let result = withCString(current) { Glibc.mkdir($0, 0o755) }
            if result != 0 && errno != EEXIST { return errno }
        }
        return nil
    }

    /// Entries of a directory (without . and ..), with whether each is a directory.
    static func list(_ path: [UInt8]) -> (entries: [(name: [UInt8], isDirectory: Bool)], errno: Int32?) {
        guard let dir = withCString(path, { opendir($0) }) else { return ([], errno) }
        defer { closedir(dir) }
        var entries: [(name: [UInt8], isDirectory: Bool)] = []
        while let entry = readdir(dir) {
            let name: [UInt8] = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: UInt8.self, capacity: 256) { pointer in
                    Array(UnsafeBufferPointer(start: pointer, count: strlen(UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))))
                }
            }
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            var isDirectory = Int32(entry.pointee.d_type) == Int32(DT_DIR)
            if Int32(entry.pointee.d_type) == Int32(DT_UNKNOWN), let info = lstat(path + [UInt8(ascii: "/")] + name) {
                isDirectory = (info.st_mode & S_IFMT) == S_IFDIR
            }
            entries.append((name, isDirectory))
        }
        return (entries, nil)
    }
}
