import ArgumentParser
import Foundation
import Glibc

/// `newsbench idle`: what newsd costs while nothing arrives. A daemon that polls
/// (timers, sleep loops) shows CPU time and context switches here.
struct IdleBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "idle",
        abstract: "Start newsd on an empty inbox, wait for READY=1, then measure CPU time, wake-ups and memory over N seconds."
    )

    @Option(help: "Seconds to watch the idle daemon.")
    var seconds = 60

    @Option(help: "Work folder (an empty data dir is created inside).")
    var work = "/tmp/newsd-idle-bench"

    @Option(name: .customLong("watchdog-usec"), help: "Also set WATCHDOG_USEC (as systemd's WatchdogSec= does); the pings are then the only expected wake-ups.")
    var watchdogUsec: Int?

    func run() throws {
        report(machineLine())
        try? FileManager.default.removeItem(atPath: work)
        try FileManager.default.createDirectory(atPath: work + "/data/inbox", withIntermediateDirectories: true)
        var environment: [String: String] = [:]
        if let watchdogUsec {
            // sd_watchdog_enabled() checks WATCHDOG_PID against getpid(): it must be
            // newsd's, so the variable is set without a PID (then any process counts).
            environment["WATCHDOG_USEC"] = "\(watchdogUsec)"
        }
        let daemon = try BenchDaemon(newsd: siblingNewsd(), dataDir: work + "/data", work: work, environment: environment) { _ in }
        // Let start-up's last work (status message, trimmed heap) settle first.
        usleep(500_000)
        let before = ProcFigures(pid: daemon.pid)
        Thread.sleep(forTimeInterval: Double(seconds))
        let after = ProcFigures(pid: daemon.pid)
        daemon.stop()
        try? FileManager.default.removeItem(atPath: work)
        report(String(format: "idle %d s: CPU %.3f s (utime+stime), %d context switches over its %d threads; VmRSS %.1f MiB, VmHWM %.1f MiB",
                     seconds, after.cpuSeconds - before.cpuSeconds, after.switches(since: before),
                     after.threads, Double(after.rssKiB) / 1024, Double(after.hwmKiB) / 1024))
    }
}
