import Glibc

/// One segment's sidecar as start-up reads it: the file's bytes held once, each entry
/// read in place.
///
/// As `[SidecarEntry]`, every entry carried its own payload array: at a million records
/// that was a million mallocs on the store's thread and as many frees on the thread that
/// consumed them (contending for malloc's arena), about a third of a 1M start's CPU
/// samples (`perf`). An image is one buffer per segment, handed on whole.
///
/// A sidecar read from disk is mapped, not copied (`SidecarFile.readImage`): a 45 MB
/// sidecar read into a new buffer is 45 MB of pages the kernel must zero and the copy
/// must write, and on this project's VM memory untouched for a while costs 1–3 ms per
/// MB at first touch. In a 1M start timed right after the store was built, zeroing
/// pages and copying from the page cache were a fifth of all samples (`perf`).
public final class SidecarImage: @unchecked Sendable {
    /// One entry, read in place. `payload` points into the image: valid only inside the
    /// closure that received it.
    public struct Item {
        public var offset: Int
        public var lineLength: Int
        public var id: RecordID
        public var content: ContentKey
        public var fileHash: UInt64
        public var payload: UnsafeRawBufferPointer
    }

    /// Where the bytes are, and who gives them back when the image goes.
    enum Storage {
        /// Allocated; deallocated.
        case owned(UnsafeMutableRawBufferPointer)
        /// A read-only mapping of the sidecar file; unmapped.
        case mapped(UnsafeMutableRawPointer, length: Int)
    }

    private let storage: Storage
    private let raw: UnsafeRawBufferPointer
    /// Where each entry starts (its length word), in file order.
    private let starts: [Int]

    /// Entries in the image.
    public var count: Int { starts.count }

    /// The segment bytes the entries cover: where the last entry's line ends.
    var covered: Int {
        guard let last = starts.last else { return 0 }
        let item = SidecarFile.item(at: last, in: raw)
        return item.offset + item.lineLength
    }

    /// An image of `storage`, which it now owns (and releases when it goes); entries up
    /// to the first incomplete or malformed one. Nil, the storage released, when the
    /// bytes do not start with the sidecar header.
    init?(storage: Storage) {
        switch storage {
        case .owned(let buffer): raw = UnsafeRawBufferPointer(buffer)
        case .mapped(let base, let length): raw = UnsafeRawBufferPointer(start: base, count: length)
        }
        self.storage = storage
        guard let starts = SidecarFile.entryStarts(in: raw) else {
            Self.release(storage)
            return nil
        }
        self.starts = starts
    }

    /// An image of a copy of `bytes`.
    convenience init?(bytes: [UInt8]) {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 16)
        bytes.withUnsafeBytes { buffer.copyMemory(from: $0) }
        self.init(storage: .owned(buffer))
    }

    /// An image with no entries.
    convenience init() {
        self.init(bytes: SidecarFile.magic)!
    }

    deinit {
        Self.release(storage)
    }

    private static func release(_ storage: Storage) {
        switch storage {
        case .owned(let buffer): buffer.deallocate()
        case .mapped(let base, let length): munmap(base, length)
        }
    }

    /// Calls `body` with the entries in `range`, in order.
    public func forEach(in range: Range<Int>, _ body: (Item) throws -> Void) rethrows {
        let raw = self.raw
        for index in range { try body(SidecarFile.item(at: starts[index], in: raw)) }
    }

    /// Calls `body` with every entry, in order.
    public func forEach(_ body: (Item) throws -> Void) rethrows {
        try forEach(in: 0..<count, body)
    }

    /// The entries as values (payloads copied): for recovery's rare rebuild path and tests.
    public var entries: [SidecarEntry] {
        starts.map { SidecarEntry(SidecarFile.item(at: $0, in: raw)) }
    }
}
