import Foundation
import Glibc
import NewsControl
import Testing

/// newsctl's daemon verbs against a running newsd, over the real control socket.
@Suite(.serialized)
struct ControlSocketTests {
    func newsctl(_ arguments: [String], in area: TestArea) throws -> NewsdProcess {
        let process = try NewsdProcess("newsctl", arguments: arguments, in: area.root)
        _ = process.wait()
        return process
    }

    @Test func statusReportsTheDaemonAndExitsThreeWhenItIsDown() throws {
        let area = try TestArea()
        try area.drop("a.txt", sampleArticle(600))
        let newsd = try NewsdProcess(arguments: [], in: area.root)
        newsd.waitFor("stored")
        let status = try newsctl(["status", "--json"], in: area)
        #expect(status.process.terminationStatus == 0)
        let reply = try JSONDecoder().decode(ControlReply.self, from: Data(status.stdout.utf8))
        let s = try #require(reply.status)
        #expect(s.state == "running")
        #expect(s.pid == newsd.process.processIdentifier)
        #expect(s.articles == 1)
        #expect(s.inbox == area.inbox.path)
        #expect(s.segments == 1)
        let human = try newsctl(["status"], in: area)
        #expect(human.stdout.contains("Articles: 1 stored"))

        newsd.signal(SIGTERM)
        #expect(newsd.wait() == 0)
        let down = try newsctl(["status"], in: area)
        #expect(down.process.terminationStatus == 3)
        #expect(down.log.count == 1)
        #expect(down.log.first?.hasPrefix("newsctl: newsd is not running") == true)
    }

    @Test func pausedFilesWaitInTheInboxUntilResume() throws {
        let area = try TestArea()
        let newsd = try NewsdProcess(arguments: [], in: area.root)
        newsd.waitFor("started")
        #expect(try newsctl(["pause"], in: area).process.terminationStatus == 0)
        newsd.waitFor("paused")
        try area.drop("waiting.txt", sampleArticle(601))
        let status = try newsctl(["status", "--json"], in: area)
        let reply = try JSONDecoder().decode(ControlReply.self, from: Data(status.stdout.utf8))
        #expect(reply.status?.state == "paused")
        #expect(area.files(under: area.inbox) == ["waiting.txt"])
        #expect(newsd.events("stored").isEmpty)
        #expect(try newsctl(["resume"], in: area).process.terminationStatus == 0)
        let stored = newsd.waitFor("stored")
        #expect(stored.first?.fields["file"] == "waiting.txt")
        #expect(newsd.events("control").allSatisfy { $0.fields["peer_uid"] == "\(getuid())" })
        newsd.signal(SIGTERM)
        #expect(newsd.wait() == 0)
    }

    @Test func aStaleSocketIsReplacedAndALiveOneIsNotStolen() throws {
        let area = try TestArea()
        let run = area.dataDir.appendingPathComponent("run")
        try FileManager.default.createDirectory(at: run, withIntermediateDirectories: true)
        // A socket file nobody listens on: what a killed daemon leaves behind.
        let stale = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(run.appendingPathComponent("control.sock").path.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(stale, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) } }
        close(stale)

        let newsd = try NewsdProcess(arguments: [], in: area.root)
        newsd.waitFor("started")
        #expect(try newsctl(["status"], in: area).process.terminationStatus == 0)
        var info = stat()
        stat(run.appendingPathComponent("control.sock").path, &info)
        #expect(info.st_mode & 0o777 == 0o660)

        // A second daemon with another store but the same runtime directory must not
        // take over the socket of the live one.
        let config = area.root.appendingPathComponent("second.toml")
        try Data("[paths]\ndata_dir = \"second\"\nruntime_dir = \"\(run.path)\"\n".utf8).write(to: config)
        let second = try NewsdProcess(arguments: ["--config", config.path], in: area.root)
        #expect(second.wait() == 1)
        #expect(second.log.joined().contains("another newsd is running and answering"))
        #expect(try newsctl(["status"], in: area).process.terminationStatus == 0)
        newsd.signal(SIGTERM)
        #expect(newsd.wait() == 0)
    }
}
