import Foundation
import Glibc
import Testing

/// sd_notify as systemd sees it, with the test as the service manager.
@Suite(.serialized)
struct ServiceNotifyTests {
    @Test func readyComesAfterRecoveryAndStatusFollowsTheCounts() throws {
        let area = try TestArea()
        try area.drop("backlog.txt", sampleArticle(300))
        let receiver = try NotifyReceiver(directory: area.root)
        let newsd = try NewsdProcess(arguments: [], in: area.root, environment: ["NOTIFY_SOCKET": receiver.path])
        let ready = try #require(receiver.waitFor { $0.fields["READY"] == "1" })
        // READY=1 only once the store was recovered and the watches were set: both
        // events carry a time (ms) no later than READY's arrival.
        let readyTime = receiver.all[ready].time
        for kind in ["store_recovered", "started"] {
            let event = try #require(newsd.waitFor(kind).first)
            let stamp = try #require(ISO8601DateFormatter.withFractions.date(from: String(event.line.prefix(24))))
            #expect(stamp <= readyTime.addingTimeInterval(0.001), "\(kind) logged before READY=1")
        }
        #expect(receiver.all[ready].fields["STATUS"]?.contains("watching \(area.inbox.path)") == true)

        newsd.waitFor("stored")
        try area.drop("new.txt", sampleArticle(301))
        newsd.waitFor("stored", count: 2)
        let two = receiver.waitFor(from: ready) { $0.fields["STATUS"]?.hasPrefix("2 articles") == true }
        #expect(two != nil, "STATUS reached \"2 articles\": \(receiver.all.map(\.raw))")

        newsd.signal(SIGTERM)
        #expect(newsd.wait() == 0)
        #expect(receiver.waitFor(from: ready) { $0.fields["STOPPING"] == "1" } != nil)
    }

    @Test func watchdogKeepsPingingDuringALargeFileAndAReload() throws {
        let area = try TestArea()
        let config = area.root.appendingPathComponent("newsd.toml")
        try Data("[log]\nlevel = \"info\"\n".utf8).write(to: config)
        let receiver = try NotifyReceiver(directory: area.root)
        let newsd = try NewsdProcess(arguments: ["--config", config.path], in: area.root,
                                     environment: ["NOTIFY_SOCKET": receiver.path, "WATCHDOG_USEC": "1000000"])
        let ready = try #require(receiver.waitFor { $0.fields["READY"] == "1" })

        // A ~20 MiB page dump: long enough to occupy a worker for a while.
        var big = ""
        var seed = 0
        while big.utf8.count < 19 << 20 { big += sampleArticle(seed); seed += 1 }
        let started = Date()
        try area.drop("big.txt", big)
        newsd.waitFor("stored", timeout: 120)
        let bigDone = Date()

        // A reload while pings continue: RELOADING=1 … READY=1 around it.
        try Data("[log]\nlevel = \"debug\"\n".utf8).write(to: config)
        let before = receiver.all.count
        let reload = try NewsdProcess("newsctl", arguments: ["reload"], in: area.root)
        #expect(reload.wait() == 0)
        #expect(reload.stdout.contains("log.level: info → debug"))
        let reloading = try #require(receiver.waitFor(from: before) { $0.fields["RELOADING"] == "1" })
        #expect(receiver.all[reloading].fields["MONOTONIC_USEC"] != nil)
        #expect(receiver.waitFor(from: reloading) { $0.fields["READY"] == "1" } != nil)

        newsd.signal(SIGTERM)
        #expect(newsd.wait() == 0)
        let pings = receiver.all.filter { $0.fields["WATCHDOG"] == "1" && $0.time >= started && $0.time <= bigDone }.map(\.time)
        #expect(pings.count >= 2 || bigDone.timeIntervalSince(started) < 1.5, "pings while the large file was processed")
        let gaps = zip(pings.dropFirst(), pings).map { $0.timeIntervalSince($1) }
        // Pings every 500 ms (half of WATCHDOG_USEC); systemd would fire after 1 s
        // without one. (The other core may be busy: the bound is the deadline itself.)
        #expect((gaps.max() ?? 0) < 1.0, "largest gap between pings: \(gaps.max() ?? 0) s")
        _ = ready
    }

    @Test func reloadRefusesPathChangesAndKeepsRunningOnABadFile() throws {
        let area = try TestArea()
        let config = area.root.appendingPathComponent("newsd.toml")
        try Data("[ingest]\nmax_file_bytes = 1000000\n".utf8).write(to: config)
        let receiver = try NotifyReceiver(directory: area.root)
        let newsd = try NewsdProcess(arguments: ["--config", config.path], in: area.root, environment: ["NOTIFY_SOCKET": receiver.path])
        #expect(receiver.waitFor { $0.fields["READY"] == "1" } != nil)

        try Data("[paths]\ninbox = \"/elsewhere\"\n[ingest]\nmax_file_bytes = 5\n".utf8).write(to: config)
        let refused = try NewsdProcess("newsctl", arguments: ["reload", "--config", config.path], in: area.root)
        #expect(refused.wait() == 1)
        #expect(refused.log.joined().contains("paths.inbox"))

        try Data("[ingest\nbroken".utf8).write(to: config)
        let invalid = try NewsdProcess("newsctl", arguments: ["reload", "--socket", area.dataDir.path + "/run/control.sock"], in: area.root)
        #expect(invalid.wait() == 1)
        #expect(invalid.log.joined().contains("invalid TOML"))
        newsd.waitFor("reload_failed", count: 2)

        // The old limit (1,000,000 bytes) still holds: a 10 KB file is stored, not quarantined.
        try area.drop("ok.txt", sampleArticle(400) + String(repeating: "More words here. ", count: 500))
        newsd.waitFor("stored")
        newsd.signal(SIGTERM)
        #expect(newsd.wait() == 0)
    }
}

extension ISO8601DateFormatter {
    static var withFractions: ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }
}
