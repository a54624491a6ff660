import CSystemd
import Foundation
import Glibc

/// Talks to the service manager through sd_notify: READY=1, STATUS=, WATCHDOG=1,
/// RELOADING=1, STOPPING=1. Does nothing when NOTIFY_SOCKET is unset.
///
/// Watchdog pings come from a thread of their own at half of WATCHDOG_USEC, so a
/// long file or a reload never delays them; only a stopped or hung process does.
/// STATUS= is sent when the counts change, at most every 250 ms: no timer while idle.
public final class ServiceNotifier: @unchecked Sendable {
    public let enabled: Bool
    private let condition = NSCondition()
    private var statusDirty = false
    private var stopped = false
    private var statusProvider: (@Sendable () -> String)?
    private var lastStatus = ""
    private var threads: [Thread] = []
    private let exited = DispatchGroup()

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        enabled = environment["NOTIFY_SOCKET"].map { !$0.isEmpty } ?? false
    }

    /// Sends a raw notification ("READY=1\nSTATUS=…").
    @discardableResult
    public func notify(_ state: String) -> Bool {
        guard enabled else { return false }
        return sd_notify(0, state) > 0
    }

    /// Starts the watchdog pinger (if the manager asked for one) and the status sender.
    public func start(status: @escaping @Sendable () -> String) {
        guard enabled else { return }
        statusProvider = status
        var usec: UInt64 = 0
        if sd_watchdog_enabled(0, &usec) > 0, usec > 0 {
            let interval = Double(usec) / 2 / 1_000_000
            spawn("newsd-watchdog") { [self] in
                condition.lock()
                while !stopped {
                    condition.unlock()
                    notify("WATCHDOG=1")
                    condition.lock()
                    _ = condition.wait(until: Date().addingTimeInterval(interval))
                }
                condition.unlock()
            }
        }
        spawn("newsd-status") { [self] in
            condition.lock()
            while !stopped {
                while !statusDirty && !stopped { condition.wait() }
                if stopped { break }
                statusDirty = false
                condition.unlock()
                sendStatus()
                // Coalesce bursts: at most four STATUS messages a second.
                usleep(250_000)
                condition.lock()
            }
            condition.unlock()
        }
    }

    /// Marks the status as changed; the sender thread picks it up.
    public func statusChanged() {
        guard enabled else { return }
        condition.lock()
        statusDirty = true
        condition.signal()
        condition.unlock()
    }

    public func sendStatus() {
        guard let statusProvider else { return }
        let status = statusProvider()
        condition.lock()
        let changed = status != lastStatus
        lastStatus = status
        condition.unlock()
        if changed { notify("STATUS=" + status) }
    }

    public func ready() { notify("READY=1") }

    /// RELOADING=1 with the monotonic time systemd wants (systemd ≥ 253 checks it).
    public func reloading() {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let usec = UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
        notify("RELOADING=1\nMONOTONIC_USEC=\(usec)")
    }

    public func stopping() { notify("STOPPING=1") }

    public func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
        exited.wait()
    }

    private func spawn(_ name: String, _ body: @escaping @Sendable () -> Void) {
        exited.enter()
        let thread = Thread { [exited] in
            body()
            exited.leave()
        }
        thread.name = name
        threads.append(thread)
        thread.start()
    }
}
