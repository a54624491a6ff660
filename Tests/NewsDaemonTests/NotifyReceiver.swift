import Foundation
import Glibc

/// Plays the service manager's side of sd_notify for tests: a datagram socket whose
/// path goes into the child's NOTIFY_SOCKET; every message is kept with its time.
final class NotifyReceiver: @unchecked Sendable {
    struct Message {
        let time: Date
        let fields: [String: String]
        let raw: String
    }

    let path: String
    private let fd: Int32
    private let condition = NSCondition()
    private var messages: [Message] = []
    private var stopped = false

    init(directory: URL) throws {
        path = directory.appendingPathComponent("notify.sock").path
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard result == 0 else { throw POSIXError(.EADDRINUSE) }
        var timeout = timeval(tv_sec: 0, tv_usec: 200_000)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        Thread.detachNewThread { [self] in receive() }
    }

    deinit {
        condition.lock(); stopped = true; condition.unlock()
        close(fd)
    }

    private func receive() {
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            condition.lock()
            if stopped { condition.unlock(); return }
            condition.unlock()
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { continue }
            let raw = String(decoding: buffer[0..<n], as: UTF8.self)
            var fields: [String: String] = [:]
            for line in raw.split(separator: "\n") {
                if let equals = line.firstIndex(of: "=") {
                    fields[String(line[..<equals])] = String(line[line.index(after: equals)...])
                }
            }
            condition.lock()
            messages.append(Message(time: Date(), fields: fields, raw: raw))
            condition.broadcast()
            condition.unlock()
        }
    }

    var all: [Message] {
        condition.lock(); defer { condition.unlock() }
        return messages
    }

    /// Waits for a message matching `predicate` after index `from`; returns its index.
    @discardableResult
    func waitFor(from: Int = 0, timeout: Double = 20, _ predicate: (Message) -> Bool) -> Int? {
        let deadline = Date().addingTimeInterval(timeout)
        condition.lock()
        defer { condition.unlock() }
        while true {
            if from < messages.count, let index = messages[from...].firstIndex(where: predicate) { return index }
            if !condition.wait(until: deadline) { return nil }
        }
    }
}
