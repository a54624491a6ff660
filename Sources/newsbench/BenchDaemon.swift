import ArgumentParser
import Foundation
import Glibc

/// CLOCK_MONOTONIC in nanoseconds: the one clock the benchmarks compare instants on.
func monotonicNanos() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
}

/// The `newsd` executable next to this `newsbench` (same build, same configuration).
func siblingNewsd() -> String {
    URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        .deletingLastPathComponent().appendingPathComponent("newsd").path
}

/// A datagram socket that receives sd_notify messages, as systemd's would.
final class NotifySocket: @unchecked Sendable {
    let path: String
    private let fd: Int32

    init(path: String) {
        self.path = path
        unlink(path)
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        // A bounded wait, so a daemon that died before READY=1 is noticed.
        var timeout = timeval(tv_sec: 1, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit {
        close(fd)
        unlink(path)
    }

    /// Waits for a message containing the line `state` while `alive()` holds.
    func wait(for state: String, alive: () -> Bool) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while alive() {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n > 0, String(decoding: buffer[0..<n], as: UTF8.self).split(separator: "\n").contains(Substring(state)) {
                return true
            }
        }
        return false
    }

    /// Receives and drops messages while `alive()` holds. newsd keeps sending STATUS=
    /// after READY=1, and a datagram socket nobody reads fills up (10 messages) and
    /// then blocks the sender, as a service manager never would.
    func drain(alive: () -> Bool) {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while alive() {
            _ = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        }
    }
}

/// The real `newsd` daemon run by a benchmark: started with a notify socket and the
/// console log target, its stderr read line by line on a thread of its own. Each
/// file's final event (`stored`, `duplicate`, `already_stored` — all logged after
/// the record's fdatasync and the input's move — or `quarantined`/`skipped`) is
/// reported with the CLOCK_MONOTONIC instant its line was read.
final class BenchDaemon: @unchecked Sendable {
    struct Done {
        let file: Substring
        let event: Substring
        let nanos: UInt64
    }

    let process = Process()
    private let notify: NotifySocket
    private let errors = Pipe()
    private let reader: Thread
    private let onDone: @Sendable (Done) -> Void
    private let exited = DispatchSemaphore(value: 0)
    private let drained = DispatchSemaphore(value: 0)

    static let finalEvents: Set<Substring> = ["stored", "duplicate", "already_stored", "quarantined", "skipped"]

    init(newsd: String, dataDir: String, work: String, environment extra: [String: String] = [:],
         onDone: @escaping @Sendable (Done) -> Void) throws {
        notify = NotifySocket(path: work + "/notify.sock")
        self.onDone = onDone
        process.executableURL = URL(fileURLWithPath: newsd)
        process.arguments = ["--data-dir", dataDir, "--log-target", "console"]
        var environment = ProcessInfo.processInfo.environment
        environment["NOTIFY_SOCKET"] = notify.path
        environment.removeValue(forKey: "WATCHDOG_USEC")
        environment.removeValue(forKey: "WATCHDOG_PID")
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        let handle = errors.fileHandleForReading.fileDescriptor
        let exited = self.exited
        reader = Thread {
            BenchDaemon.readLines(fd: handle, onDone: onDone)
            exited.signal()
        }
        reader.name = "newsbench-stderr"
        try process.run()
        reader.start()
        guard notify.wait(for: "READY=1", alive: { process.isRunning }) else {
            throw ValidationError("newsd exited (status \(process.terminationStatus)) before READY=1")
        }
        let notify = self.notify
        let child = process
        let drained = self.drained
        let drainer = Thread {
            notify.drain { child.isRunning }
            drained.signal()
        }
        drainer.name = "newsbench-notify"
        drainer.start()
    }

    var pid: Int32 { process.processIdentifier }

    /// SIGTERM, then waits for the exit and for the last log line.
    func stop() {
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        exited.wait()
        drained.wait()
    }

    private static func readLines(fd: Int32, onDone: (Done) -> Void) {
        var pending: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }
            let now = monotonicNanos()
            pending.append(contentsOf: buffer[0..<n])
            var start = 0
            while let newline = pending[start...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[start..<newline], as: UTF8.self)
                start = newline + 1
                if let event = field("event", in: line), finalEvents.contains(event), let file = field("file", in: line) {
                    onDone(Done(file: file, event: event, nanos: now))
                }
            }
            pending.removeFirst(start)
        }
    }

    /// The unquoted value of ` key=value` in a console log line (bench file names
    /// never need quotes).
    static func field(_ key: String, in line: String) -> Substring? {
        guard let range = line.range(of: " " + key + "=") else { return nil }
        let rest = line[range.upperBound...]
        return rest[..<(rest.firstIndex(of: " ") ?? rest.endIndex)]
    }
}

/// Counts files whose final event arrived; `wait` blocks until `expected` are done.
final class DoneCounter: @unchecked Sendable {
    private let condition = NSCondition()
    private var files = Set<Substring>()
    private(set) var events: [Substring: Int] = [:]
    private(set) var lastNanos: UInt64 = 0

    func record(_ done: BenchDaemon.Done) {
        condition.lock()
        if files.insert(done.file).inserted {
            events[done.event, default: 0] += 1
            lastNanos = done.nanos
        }
        condition.broadcast()
        condition.unlock()
    }

    /// False when `timeout` seconds pass first.
    func wait(for expected: Int, timeout: Double) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        condition.lock()
        defer { condition.unlock() }
        while files.count < expected {
            if !condition.wait(until: deadline) { return files.count >= expected }
        }
        return true
    }

    var count: Int {
        condition.lock()
        defer { condition.unlock() }
        return files.count
    }
}

/// Figures of a process from /proc: CPU time (utime + stime) and memory.
struct ProcFigures {
    let cpuSeconds: Double
    let rssKiB: Int
    let hwmKiB: Int
    /// Voluntary + involuntary context switches per thread (task id): each is a wake-up.
    let taskSwitches: [String: Int]
    let threads: Int

    init(pid: Int32) {
        let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
        // Fields after the command name (which may hold spaces) start at field 3.
        let fields = stat[(stat.lastIndex(of: ")").map { stat.index($0, offsetBy: 2) } ?? stat.endIndex)...].split(separator: " ")
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        let utime = fields.count > 12 ? Double(fields[11]) ?? 0 : 0
        let stime = fields.count > 12 ? Double(fields[12]) ?? 0 : 0
        cpuSeconds = (utime + stime) / ticks
        let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
        func kib(_ key: String) -> Int {
            let line = status.split(separator: "\n").first { $0.hasPrefix(key + ":") } ?? ""
            return Int(line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first ?? "0") ?? 0
        }
        rssKiB = kib("VmRSS")
        hwmKiB = kib("VmHWM")
        threads = kib("Threads")
        var switches: [String: Int] = [:]
        for task in (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? [] {
            let taskStatus = (try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/status", encoding: .utf8)) ?? ""
            for line in taskStatus.split(separator: "\n") where line.contains("ctxt_switches:") {
                switches[task, default: 0] += Int(line.split(separator: "\t").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "0") ?? 0
            }
        }
        taskSwitches = switches
    }
}

extension ProcFigures {
    /// Context switches since `earlier`, over the threads alive at both moments.
    func switches(since earlier: ProcFigures) -> Int {
        taskSwitches.reduce(0) { sum, task in sum + (earlier.taskSwitches[task.key].map { task.value - $0 } ?? 0) }
    }
}

/// Prints a line and flushes it: each figure shows as soon as it is known, also when
/// stdout is a file (long runs).
func report(_ line: String) {
    print(line)
    fflush(nil)
}

/// The machine a figure was measured on, printed with every benchmark.
func machineLine() -> String {
    let load = ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "?").split(separator: " ").prefix(3).joined(separator: " ")
    let cpu = ((try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? "").split(separator: "\n")
        .first { $0.hasPrefix("model name") }.map { String($0.split(separator: ":").last ?? "").trimmingCharacters(in: .whitespaces) } ?? "?"
    return "machine: \(ProcessInfo.processInfo.activeProcessorCount) cores (\(cpu)), load average \(load)"
}
