import CLinux
import Foundation
import Glibc
import Logging
import NewsStore

/// Watches the inbox and every folder below it with inotify, on a thread of its own.
///
/// Reports a file when it is complete: IN_CLOSE_WRITE (written in place) or
/// IN_MOVED_TO (renamed in). A new folder gets its watch first and is scanned right
/// after, so files that were in it before the watch existed are not missed.
/// IN_Q_OVERFLOW (events were lost) and ENOSPC from inotify_add_watch (watch limit
/// reached) make it rescan the whole inbox. The thread sleeps in poll(2) on the
/// inotify fd and an eventfd used to wake it: no timers, no CPU while idle.
public final class InotifyWatcher: @unchecked Sendable {
    // inotify(7) masks, spelled out: Glibc's imports of them vary between versions.
    static let inCloseWrite: UInt32 = 0x0000_0008
    static let inMovedFrom: UInt32 = 0x0000_0040
    static let inMovedTo: UInt32 = 0x0000_0080
    static let inCreate: UInt32 = 0x0000_0100
    static let inDeleteSelf: UInt32 = 0x0000_0400
    static let inMoveSelf: UInt32 = 0x0000_0800
    static let inQOverflow: UInt32 = 0x0000_4000
    static let inIgnored: UInt32 = 0x0000_8000
    static let inOnlyDir: UInt32 = 0x0100_0000
    static let inDontFollow: UInt32 = 0x0200_0000
    static let inExclUnlink: UInt32 = 0x0400_0000
    static let inIsDir: UInt32 = 0x4000_0000
    static let watchMask = inCloseWrite | inMovedTo | inMovedFrom | inCreate | inDeleteSelf | inMoveSelf
        | inOnlyDir | inDontFollow | inExclUnlink

    private let root: String
    private let logger: Logger
    private let onFile: @Sendable (InboxPath) -> Void
    private let isIgnored: @Sendable ([UInt8]) -> Bool

    private var inotifyFD: Int32 = -1
    private var wakeFD: Int32 = -1
    private var thread: Thread?
    private let stateLock = NSLock()
    private var stopRequested = false
    private var rescanRequested: String?
    private let stoppedSignal = DispatchSemaphore(value: 0)

    // Owned by the watcher thread (and by `start` before the thread runs).
    private var paths: [Int32: InboxPath] = [:]
    private var rescanning = false
    private var watches: [InboxPath: Int32] = [:]

    public init(
        root: String,
        logger: Logger,
        isIgnored: @escaping @Sendable ([UInt8]) -> Bool,
        onFile: @escaping @Sendable (InboxPath) -> Void
    ) {
        self.root = root
        self.logger = logger
        self.isIgnored = isIgnored
        self.onFile = onFile
    }

    /// Sets the watches, scans the inbox (the backlog), and starts the thread.
    /// When it returns, every file already present has been reported.
    public func start() throws(IngestError) {
        inotifyFD = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
        if inotifyFD < 0 { throw .setup(path: root, operation: "initialise inotify for", errno: errno) }
        wakeFD = newsd_eventfd(0, Int32(O_CLOEXEC | O_NONBLOCK))
        if wakeFD < 0 { throw .setup(path: root, operation: "create an eventfd for", errno: errno) }
        guard addWatch(InboxPath(bytes: [])) else {
            throw .setup(path: root, operation: "watch", errno: errno)
        }
        scan(InboxPath(bytes: []))
        let thread = Thread { [self] in self.run() }
        thread.name = "newsd-inotify"
        self.thread = thread
        thread.start()
    }

    /// Asks the thread to walk the whole inbox again (after an overflow, or on request).
    public func requestRescan(reason: String) {
        stateLock.lock()
        rescanRequested = reason
        stateLock.unlock()
        wake()
    }

    public func stop() {
        stateLock.lock()
        stopRequested = true
        stateLock.unlock()
        wake()
        if thread != nil { stoppedSignal.wait() }
        if inotifyFD >= 0 { close(inotifyFD); inotifyFD = -1 }
        if wakeFD >= 0 { close(wakeFD); wakeFD = -1 }
    }

    public var watchCount: Int { watches.count }

    private func wake() {
        var one: UInt64 = 1
        _ = write(wakeFD, &one, 8)
    }

    // MARK: - Thread

    private func run() {
        defer { stoppedSignal.signal() }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var fds = [pollfd(fd: inotifyFD, events: Int16(POLLIN), revents: 0), pollfd(fd: wakeFD, events: Int16(POLLIN), revents: 0)]
        while true {
            let ready = poll(&fds, 2, -1)
            if ready < 0 && errno != EINTR {
                logger.critical("poll on inotify failed", metadata: [LogKey.reason: "\(POSIX.errorMessage(errno))"])
                return
            }
            if fds[1].revents != 0 {
                var value: UInt64 = 0
                _ = read(wakeFD, &value, 8)
            }
            stateLock.lock()
            let stop = stopRequested
            let rescan = rescanRequested
            rescanRequested = nil
            stateLock.unlock()
            if stop { return }
            if fds[0].revents != 0 { drain(&buffer) }
            var pending = rescan
            if pending == nil {
                stateLock.lock()
                pending = rescanRequested
                rescanRequested = nil
                stateLock.unlock()
            }
            if let pending { rescanAll(reason: pending, event: .rescan) }
        }
    }

    private func drain(_ buffer: inout [UInt8]) {
        while true {
            let count = buffer.withUnsafeMutableBytes { read(inotifyFD, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                return   // EAGAIN: drained
            }
            if count == 0 { return }
            var overflow = false
            buffer.withUnsafeBytes { raw in
                var offset = 0
                while offset + 16 <= count {
                    let wd = raw.loadUnaligned(fromByteOffset: offset, as: Int32.self)
                    let mask = raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
                    let length = Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                    var name: [UInt8] = []
                    if length > 0 {
                        let bytes = raw[(offset + 16)..<(offset + 16 + length)]
                        name = Array(bytes.prefix(while: { $0 != 0 }))
                    }
                    offset += 16 + length
                    if mask & Self.inQOverflow != 0 { overflow = true; continue }
                    handle(wd: wd, mask: mask, name: name)
                }
            }
            if overflow {
                rescanAll(reason: "inotify queue overflowed (IN_Q_OVERFLOW); events were lost", event: .overflowRescan)
            }
        }
    }

    private func handle(wd: Int32, mask: UInt32, name: [UInt8]) {
        if mask & Self.inIgnored != 0 {
            if let path = paths.removeValue(forKey: wd) { watches.removeValue(forKey: path) }
            return
        }
        guard let directory = paths[wd] else { return }
        if mask & (Self.inDeleteSelf | Self.inMoveSelf) != 0 {
            if directory.bytes.isEmpty {
                logger.error("The inbox itself was removed or moved; newsd stops watching it", metadata: [
                    LogKey.event: "\(LogEvent.watchFailed.rawValue)", LogKey.inbox: "\(root)",
                ])
            }
            return
        }
        guard !name.isEmpty else { return }
        let path = directory.appending(name)
        if mask & Self.inIsDir != 0 {
            if mask & (Self.inCreate | Self.inMovedTo) != 0 {
                if isIgnored(name) { return }
                if addWatch(path) { scan(path) }
            } else if mask & Self.inMovedFrom != 0 {
                removeWatches(under: path)
            }
            return
        }
        if mask & (Self.inCloseWrite | Self.inMovedTo) != 0 {
            onFile(path)
        } else if mask & Self.inCreate != 0, let info = BytePath.lstat(BytePath.join(root, path)) {
            // A regular file just created is still being written: its IN_CLOSE_WRITE
            // follows. Symlinks, FIFOs, sockets and hard links (`ln`) are complete
            // when created and never get one, so they are taken now (and quarantined
            // by FileReader: only single-link regular files are read).
            if (info.st_mode & S_IFMT) != S_IFREG || info.st_nlink > 1 { onFile(path) }
        }
    }

    // MARK: - Watches and scans

    /// Adds a watch for a folder; false (with a warning) when that is impossible.
    @discardableResult
    private func addWatch(_ path: InboxPath) -> Bool {
        let absolute = BytePath.join(root, path)
        let wd = BytePath.withCString(absolute) { inotify_add_watch(inotifyFD, $0, Self.watchMask) }
        if wd < 0 {
            let code = errno
            if code == ENOENT || code == ENOTDIR { return false }
            logger.warning("Cannot watch a folder of the inbox; files in it are picked up only by rescans", metadata: [
                LogKey.event: "\(LogEvent.watchFailed.rawValue)",
                LogKey.path: "\(path)",
                LogKey.reason: "\(POSIX.errorMessage(code))\(code == ENOSPC ? " (raise fs.inotify.max_user_watches)" : "")",
            ])
            // Out of watches: events below this folder will be missed, so walk the
            // inbox once more now (not from inside a rescan: that would never end).
            if code == ENOSPC && !rescanning {
                stateLock.lock()
                if rescanRequested == nil { rescanRequested = "inotify_add_watch failed with ENOSPC (watch limit reached)" }
                stateLock.unlock()
            }
            return false
        }
        if let old = watches[path], old != wd { paths.removeValue(forKey: old) }
        paths[wd] = path
        watches[path] = wd
        return true
    }

    private func removeWatches(under path: InboxPath) {
        let prefix = path.bytes + [UInt8(ascii: "/")]
        for (watched, wd) in watches where watched == path || watched.bytes.starts(with: prefix) {
            inotify_rm_watch(inotifyFD, wd)
            watches.removeValue(forKey: watched)
            paths.removeValue(forKey: wd)
        }
    }

    /// Reports every file below `path`, adding watches to folders before listing them.
    private func scan(_ path: InboxPath) {
        InboxScanner.scan(root: root, from: path, logger: logger, isIgnored: isIgnored, onFile: onFile) { directory in
            if directory != path { addWatch(directory) }
        }
    }

    private func rescanAll(reason: String, event: LogEvent) {
        logger.warning("Rescanning the inbox", metadata: [
            LogKey.event: "\(event.rawValue)", LogKey.reason: "\(reason)", LogKey.inbox: "\(root)",
        ])
        rescanning = true
        defer { rescanning = false }
        _ = addWatch(InboxPath(bytes: []))
        scan(InboxPath(bytes: []))
    }
}
