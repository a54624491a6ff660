import ArgumentParser
import Foundation
import Glibc
import NewsControl
import NewsDaemon

/// How newsctl finds the daemon: `--socket PATH`, else the runtime directory of the
/// data layout (`--config`/`--data-dir`, or the embedded default:
/// `./newsd-data/run/control.sock`).
struct DaemonOptions: ParsableArguments {
    @Option(name: .customLong("socket"), help: ArgumentHelp("Control socket of the daemon.", valueName: "path"))
    var socket: String?

    @OptionGroup var locations: Locations
    @OptionGroup var output: OutputOptions

    var json: Bool { output.json }

    func socketPath() throws -> String {
        if let socket { return socket }
        do {
            return try locations.layout().runtimeDir + "/control.sock"
        } catch {
            throw CLIError(message: "\(error)", code: 1)
        }
    }
}

/// An error newsctl reports as one line on stderr with a documented exit code.
struct CLIError: Error, CustomStringConvertible {
    var message: String
    var code: Int32
    var description: String { message }

    /// Exit codes: 0 ok, 1 failure, 2 usage, 3 daemon not running.
    static let daemonNotRunning: Int32 = 3
}

enum DaemonClient {
    /// Sends one request and returns the reply; exit code 3 when no daemon answers.
    static func send(_ verb: ControlVerb, options: DaemonOptions, timeout: Int = 60) throws -> ControlReply {
        let path = try options.socketPath()
        let fd = ControlServer.connect(path: path)
        if fd < 0 {
            let code = errno
            throw CLIError(message: "newsd is not running (nothing answers on \(path): \(String(cString: strerror(code))))",
                           code: CLIError.daemonNotRunning)
        }
        defer { close(fd) }
        var time = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        let request = try ControlCoding.encode(ControlRequest(verb: verb))
        let written = request.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard written == request.count else {
            throw CLIError(message: "cannot send to newsd on \(path): \(String(cString: strerror(errno)))", code: 1)
        }
        var reply: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while !reply.contains(0x0A) {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { throw CLIError(message: "newsd closed the connection without a reply", code: 1) }
            reply.append(contentsOf: chunk[0..<n])
        }
        let line = reply[..<reply.firstIndex(of: 0x0A)!]
        do {
            return try ControlCoding.decode(ControlReply.self, from: line)
        } catch {
            throw CLIError(message: "newsd sent a reply newsctl does not understand: \(error)", code: 1)
        }
    }

    /// Prints the reply (JSON or human) and maps failures to exit codes.
    static func finish(_ reply: ControlReply, options: DaemonOptions, human: (ControlReply) -> String) throws {
        if options.json {
            FileHandle.standardOutput.write(Data(try ControlCoding.encode(reply)))
        } else if reply.ok {
            print(human(reply))
        }
        if !reply.ok, let error = reply.error {
            if !options.json { FileHandle.standardError.write(Data("newsctl: \(error.message)\n".utf8)) }
            throw ExitCode(1)
        }
    }
}
