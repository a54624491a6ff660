import CLinux
import Foundation
import Glibc
import Logging
import NewsControl
import NewsStore

/// The control socket: newline-delimited JSON requests from newsctl, on a thread of
/// its own (accept and read block). Mode 0660, group `newsd` when that group exists.
///
/// A socket file left by a dead daemon is replaced; a live one is never stolen:
/// binding first tries to connect, and a daemon that answers makes this start fail.
public final class ControlServer: @unchecked Sendable {
    public enum Failure: Error, CustomStringConvertible {
        case pathTooLong(String)
        case inUse(String)
        case system(operation: String, path: String, errno: Int32)

        public var description: String {
            switch self {
            case .pathTooLong(let path):
                return "the control socket path is too long for AF_UNIX (max 107 bytes): \(path)"
            case .inUse(let path):
                return "another newsd is running and answering on \(path); stop it first or use another --data-dir"
            case .system(let operation, let path, let code):
                return "cannot \(operation) \(path): \(POSIX.errorMessage(code))"
            }
        }
    }

    public typealias Handler = @Sendable (_ request: ControlRequest, _ peer: newsd_peer_cred) -> ControlReply

    public let path: String
    private let logger: Logger
    private let handler: Handler
    private var listenFD: Int32 = -1
    private var wakeFD: Int32 = -1
    private let done = DispatchSemaphore(value: 0)
    private var running = false

    public init(path: String, logger: Logger, handler: @escaping Handler) {
        self.path = path
        self.logger = logger
        self.handler = handler
    }

    /// Binds the socket (replacing a stale one) and starts serving.
    public func start() throws(Failure) {
        guard path.utf8.count < 108 else { throw .pathTooLong(path) }
        if Self.connect(path: path) >= 0 { throw .inUse(path) }
        if unlink(path) != 0 && errno != ENOENT { throw .system(operation: "remove the stale socket", path: path, errno: errno) }

        listenFD = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        if listenFD < 0 { throw .system(operation: "create a socket for", path: path, errno: errno) }
        var address = Self.address(path)
        // Bind under a restrictive umask, then set the mode explicitly: never a
        // moment where the socket is world-writable.
        let oldMask = umask(0o117)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listenFD, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        umask(oldMask)
        if bound != 0 { throw .system(operation: "bind", path: path, errno: errno) }
        chmod(path, 0o660)
        if let group = getgrnam("newsd") { chown(path, uid_t.max, group.pointee.gr_gid) }
        if listen(listenFD, 16) != 0 { throw .system(operation: "listen on", path: path, errno: errno) }
        wakeFD = newsd_eventfd(0, Int32(O_CLOEXEC | O_NONBLOCK))
        running = true
        let thread = Thread { [self] in serve() }
        thread.name = "newsd-control"
        thread.start()
    }

    public func stop() {
        guard running else { return }
        var one: UInt64 = 1
        _ = write(wakeFD, &one, 8)
        done.wait()
        close(listenFD)
        close(wakeFD)
        unlink(path)
        running = false
    }

    private func serve() {
        defer { done.signal() }
        var fds = [pollfd(fd: listenFD, events: Int16(POLLIN), revents: 0), pollfd(fd: wakeFD, events: Int16(POLLIN), revents: 0)]
        while true {
            if poll(&fds, 2, -1) < 0 { if errno == EINTR { continue }; return }
            if fds[1].revents != 0 { return }
            guard fds[0].revents != 0 else { continue }
            let client = newsd_accept4(listenFD, nil, nil, Int32(SOCK_CLOEXEC.rawValue))
            if client < 0 { continue }
            handle(client)
            close(client)
        }
    }

    /// Serves one connection: requests until EOF, each answered with one line.
    /// A slow or stuck client is dropped after 5 s of silence.
    private func handle(_ client: Int32) {
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(client, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var peer = newsd_peer_cred()
        _ = newsd_peer_credentials(client, &peer)
        var pending: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(client, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }
            pending.append(contentsOf: chunk[0..<n])
            while let newline = pending.firstIndex(of: 0x0A) {
                let line = pending[..<newline]
                let reply = answer(line, peer: peer)
                pending.removeSubrange(...newline)
                guard let bytes = try? ControlCoding.encode(reply) else { return }
                let (_, failed) = bytes.withUnsafeBytes { POSIX.writeAll(client, $0) }
                if failed != nil { return }
            }
            if pending.count > ControlCoding.maxLineBytes {
                let reply = ControlReply.failure(.badRequest, "request line longer than \(ControlCoding.maxLineBytes) bytes")
                if let bytes = try? ControlCoding.encode(reply) { _ = bytes.withUnsafeBytes { POSIX.writeAll(client, $0) } }
                return
            }
        }
    }

    private func answer(_ line: ArraySlice<UInt8>, peer: newsd_peer_cred) -> ControlReply {
        switch ControlRequestLine.parse(line) {
        case .request(let request): return handler(request, peer)
        case .rejected(let reply): return reply
        }
    }

    static func address(_ path: String) -> sockaddr_un {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
        return address
    }

    /// Connects to a control socket; returns the fd, or -1 with errno set.
    public static func connect(path: String) -> Int32 {
        guard path.utf8.count < 108 else { errno = ENAMETOOLONG; return -1 }
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        if fd < 0 { return -1 }
        var address = address(path)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        if result != 0 {
            let code = errno
            close(fd)
            errno = code
            return -1
        }
        return fd
    }
}
