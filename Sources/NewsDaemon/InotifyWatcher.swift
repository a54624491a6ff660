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
///
/// When the inbox folder itself is deleted or moved away, its watches are dropped and
/// its parent folder is watched for a folder of the inbox's name to appear (created or
/// renamed in); then the watches are set again and the inbox scanned. newsd does not
/// create the inbox again itself: a deleted inbox is the operator's doing, and a
/// folder quietly made by newsd (as root under a sandbox, with the wrong owner or
/// mode) would hide that. Only if the parent is gone too does it look again every 2 s.
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
    /// Called when the inbox goes missing or comes back (STATUS= refresh).
    private let onInboxStateChange: @Sendable () -> Void

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
    /// While the inbox is missing: the watch on its parent folder (-1 when the parent
    /// is missing too, then checked every `missingParentRetry` milliseconds).
    private var parentWatch: Int32 = -1
    private var missing = false
    private let missingParentRetry: Int32 = 2_000

    public init(
        root: String,
        logger: Logger,
        isIgnored: @escaping @Sendable ([UInt8]) -> Bool,
        onInboxStateChange: @escaping @Sendable () -> Void = {},
        onFile: @escaping @Sendable (InboxPath) -> Void
    ) {
        self.onInboxStateChange = onInboxStateChange
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

    /// True while the inbox folder does not exist (between `inbox_missing` and
    /// `inbox_restored`).
    public var isInboxMissing: Bool {
        stateLock.lock(); defer { stateLock.unlock() }
        return missing
    }

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
            let waitingForParent = isInboxMissing && parentWatch < 0
            let ready = poll(&fds, 2, waitingForParent ? missingParentRetry : -1)
            if ready == 0 && waitingForParent { watchParent(); continue }
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
        if wd == parentWatch && parentWatch >= 0 {
            if mask & Self.inIgnored != 0 { parentWatch = -1; watchParent(); return }
            if mask & Self.inIsDir != 0, mask & (Self.inCreate | Self.inMovedTo) != 0, name == rootName { inboxReappeared() }
            return
        }
        if let directory = paths[wd], directory.bytes.isEmpty,
           mask & (Self.inDeleteSelf | Self.inMoveSelf | Self.inIgnored) != 0 {
            inboxGone(moved: mask & Self.inMoveSelf != 0)
            return
        }
        if mask & Self.inIgnored != 0 {
            if let path = paths.removeValue(forKey: wd) { watches.removeValue(forKey: path) }
            return
        }
        guard let directory = paths[wd] else { return }
        if mask & (Self.inDeleteSelf | Self.inMoveSelf) != 0 { return }
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

    // MARK: - A missing inbox

    private var rootName: [UInt8] {
        let bytes = Array(root.utf8)
        let trimmed = bytes.last == UInt8(ascii: "/") ? Array(bytes.dropLast()) : bytes
        return Array(trimmed.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).last ?? [])
    }

    private var parentPath: String {
        let url = URL(fileURLWithPath: root)
        return url.deletingLastPathComponent().path
    }

    /// The inbox was deleted or moved away: drop every watch (a moved inbox would
    /// otherwise keep being watched under its new name) and wait for it to come back.
    private func inboxGone(moved: Bool) {
        for (_, wd) in watches { inotify_rm_watch(inotifyFD, wd) }
        watches.removeAll()
        paths.removeAll()
        stateLock.lock(); missing = true; stateLock.unlock()
        onInboxStateChange()
        logger.warning("The inbox folder is gone; waiting for it to be created again", metadata: [
            LogKey.event: "\(LogEvent.inboxMissing.rawValue)", LogKey.inbox: "\(root)",
            LogKey.reason: "\(moved ? "moved away (IN_MOVE_SELF)" : "deleted (IN_DELETE_SELF)")",
        ])
        watchParent()
    }

    /// Watches the inbox's parent for the inbox's name; if the inbox exists already
    /// (created again before this ran), takes it up at once.
    private func watchParent() {
        if parentWatch < 0 {
            let mask = Self.inCreate | Self.inMovedTo | Self.inOnlyDir | Self.inDeleteSelf | Self.inMoveSelf
            parentWatch = inotify_add_watch(inotifyFD, parentPath, mask)
        }
        var info = stat()
        if lstat(root, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR { inboxReappeared() }
    }

    private func inboxReappeared() {
        guard addWatch(InboxPath(bytes: [])) else { return }
        if parentWatch >= 0 {
            let wd = parentWatch
            parentWatch = -1
            inotify_rm_watch(inotifyFD, wd)
        }
        stateLock.lock(); missing = false; stateLock.unlock()
        onInboxStateChange()
        logger.notice("The inbox folder exists again; watching and scanning it", metadata: [
            LogKey.event: "\(LogEvent.inboxRestored.rawValue)", LogKey.inbox: "\(root)",
        ])
        rescanning = true
        defer { rescanning = false }
        scan(InboxPath(bytes: []))
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
        InboxScanner.scan(root: root, from: path, logger: logger, isIgnored: isIgnored, onFile: { [self] file in
            reportWhenSettled(file, seen: nil)
        }) { directory in
            if directory != path { addWatch(directory) }
        }
    }

    /// A file found by a scan (at start, after an overflow, in a new folder) may still
    /// be open by its writer: newsd started in the middle of a `cp`. Events say when a
    /// file is complete; a scan cannot. So: a file the kernel says is open for writing
    /// (`WriterCheck`) waits for its IN_CLOSE_WRITE (the watch was set before the
    /// scan) and is looked at again every second; when the kernel cannot say, a
    /// regular file modified less than `settleSeconds` ago is taken only once its size
    /// and mtime stopped changing for a second.
    static let settleSeconds: Double = 2

    private func reportWhenSettled(_ path: InboxPath, seen: (size: Int, mtime: timespec)?) {
        let absolute = BytePath.join(root, path)
        guard let info = BytePath.lstat(absolute) else { return }   // gone (taken, or deleted)
        guard (info.st_mode & S_IFMT) == S_IFREG else { onFile(path); return }
        let mtime = info.st_mtim
        let size = Int(info.st_size)
        switch WriterCheck.isOpenForWriting(absolute) {
        case .some(false):
            onFile(path)
            return
        case .some(true):
            break
        case .none:
            if let seen, seen.size == size, seen.mtime.tv_sec == mtime.tv_sec, seen.mtime.tv_nsec == mtime.tv_nsec {
                onFile(path)
                return
            }
            var now = timespec()
            clock_gettime(CLOCK_REALTIME, &now)
            let age = Double(now.tv_sec - mtime.tv_sec) + Double(now.tv_nsec - mtime.tv_nsec) / 1e9
            if seen == nil && (age >= Self.settleSeconds || age < 0) {
                onFile(path)
                return
            }
        }
        DispatchQueue.global().asyncAfter(deadline: .now() + 1) { [weak self] in
            self?.reportWhenSettled(path, seen: (size, mtime))
        }
    }

    private func rescanAll(reason: String, event: LogEvent) {
        if isInboxMissing { return }   // scanned when it reappears
        logger.warning("Rescanning the inbox", metadata: [
            LogKey.event: "\(event.rawValue)", LogKey.reason: "\(reason)", LogKey.inbox: "\(root)",
        ])
        rescanning = true
        defer { rescanning = false }
        _ = addWatch(InboxPath(bytes: []))
        scan(InboxPath(bytes: []))
    }
}
