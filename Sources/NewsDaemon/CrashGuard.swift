import CLinux
import Foundation
import Glibc
import NewsStore

/// Keeps one bad file from crashing the daemon over and over.
///
/// A file that makes the parser trap would, under `Restart=on-failure`, crash newsd
/// again on every restart. Each worker registers the file it works on; a fatal
/// signal handler (C, async-signal-safe) appends the crashing worker's file to
/// `<runtime_dir>/crash-suspects`; at the next start those files are quarantined
/// with the reason `processor_crash` before anything else is read.
final class CrashGuard: @unchecked Sendable {
    let suspectsPath: String
    private var fd: Int32 = -1

    init(runtimeDir: String) {
        suspectsPath = runtimeDir + "/crash-suspects"
    }

    /// The files a previous run crashed on (inbox-relative), then forgets them.
    func takeSuspects() -> [InboxPath] {
        guard let data = FileManager.default.contents(atPath: suspectsPath), !data.isEmpty else { return [] }
        let paths = data.split(separator: 0).map { InboxPath(bytes: Array($0)) }
        return Array(Set(paths)).sorted { $0.bytes.lexicographicallyPrecedes($1.bytes) }
    }

    /// Empties the suspects file once they are dealt with.
    func clearSuspects() { truncate(suspectsPath, 0) }

    func install(slots: Int) {
        fd = open(suspectsPath, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        if fd >= 0 { newsd_crashguard_install(fd, Int32(slots)) }
    }

    func enter(slot: Int, path: InboxPath) {
        guard fd >= 0 else { return }
        BytePath.withCString(path.bytes) { newsd_crashguard_enter(Int32(slot), $0) }
    }

    func leave(slot: Int) {
        guard fd >= 0 else { return }
        newsd_crashguard_leave(Int32(slot))
    }
}
