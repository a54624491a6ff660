import Glibc

/// Reads a segment file line by line, in chunks, without loading it whole.
struct SegmentScanner {
    /// Outcome of a scan: where the last complete line ends and what follows it.
    struct Result {
        /// Offset just past the last newline: everything before it is whole lines.
        var completeBytes: Int
        /// Size of the file when read; `size - completeBytes` bytes are a torn tail.
        var size: Int
    }

    static let chunkSize = 4 << 20

    /// Calls `line(offset, bytes)` for each newline-terminated line (without the newline).
    static func scan(
        path: String,
        from start: Int = 0,
        line: (_ offset: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Void
    ) throws(StoreError) -> Result {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 { throw .io(operation: "open", path: path, errno: errno) }
        defer { close(fd) }
        if start > 0 && lseek(fd, off_t(start), SEEK_SET) < 0 { throw .io(operation: "seek", path: path, errno: errno) }

        var carry: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var fileOffset = start      // offset of chunk[0] in the file
        var carryOffset = 0         // offset of carry[0] in the file
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, chunkSize) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .io(operation: "read", path: path, errno: errno)
            }
            if n == 0 { break }
            chunk.withUnsafeBufferPointer { buffer in
                var start = 0
                var index = 0
                while index < n {
                    if buffer[index] == 0x0A {
                        if carry.isEmpty {
                            line(fileOffset + start, UnsafeBufferPointer(rebasing: buffer[start..<index]))
                        } else {
                            carry.append(contentsOf: buffer[start..<index])
                            carry.withUnsafeBufferPointer { line(carryOffset, $0) }
                            carry.removeAll(keepingCapacity: true)
                        }
                        start = index + 1
                    }
                    index += 1
                }
                if start < n {
                    if carry.isEmpty { carryOffset = fileOffset + start }
                    carry.append(contentsOf: buffer[start..<n])
                }
            }
            fileOffset += n
        }
        return Result(completeBytes: fileOffset - carry.count, size: fileOffset)
    }
}
