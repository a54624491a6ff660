import Foundation
import Glibc
import Testing

/// A file that crashes the parser is set aside after the crash, so a restarted
/// daemon (systemd's Restart=on-failure) keeps running instead of crash-looping.
@Suite(.serialized)
struct CrashGuardTests {
    @Test func aFileThatCrashedTheDaemonIsQuarantinedOnRestart() throws {
        let area = try TestArea()
        let marker = "CRASH-ME-\(UUID().uuidString)"
        try area.drop("poison.txt", sampleArticle(700) + marker)
        let environment = ["NEWSD_TEST_CRASH_MARKER": marker, "SWIFT_BACKTRACE": "enable=no"]
        let crashed = try NewsdProcess(arguments: [], in: area.root, environment: environment)
        #expect(crashed.wait() != 0)
        #expect(crashed.process.terminationReason == .uncaughtSignal)
        #expect(area.files(under: area.inbox) == ["poison.txt"])

        try area.drop("good.txt", sampleArticle(701))
        let restarted = try NewsdProcess(arguments: [], in: area.root, environment: environment)
        let quarantined = restarted.waitFor("quarantined")
        #expect(quarantined.first?.fields["file"] == "poison.txt")
        #expect(quarantined.first?.fields["error"] == "processor_crash")
        restarted.waitFor("stored")
        restarted.signal(SIGTERM)
        #expect(restarted.wait() == 0)
        #expect(area.files(under: area.inbox).isEmpty)
        #expect(try area.records().map { $0["file"] as! String } == ["good.txt"])
        let reason = try JSONSerialization.jsonObject(with: Data(contentsOf: area.quarantine.appendingPathComponent("poison.txt.reason.json"))) as! [String: Any]
        #expect(reason["error"] as? String == "processor_crash")
    }
}
