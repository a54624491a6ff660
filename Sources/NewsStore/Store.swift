import Foundation
import Glibc
import NewsCore

/// The append-only article log: `articles-NNNNNN.jsonl` segments in one directory.
///
/// `open` recovers the store (cuts a torn tail, reports corrupt lines, rebuilds the
/// content index); `append` returns only once the record is durable. Safe to call
/// from many threads: appends are group-committed.
public final class Store: @unchecked Sendable {
    public struct Options: Sendable {
        public var directory: String
        /// A segment is closed and a new one started when the next batch would pass this.
        public var segmentBytes: Int
        /// Under sustained load, at most one fdatasync per this many seconds: lines that
        /// arrive meanwhile share the next one (PostgreSQL's `commit_delay` idea). A
        /// line arriving after a quiet spell is synced at once; 0 syncs back to back.
        public var minSyncInterval: Double

        public init(directory: String, segmentBytes: Int = 256 << 20, minSyncInterval: Double = 0.002) {
            self.directory = directory
            self.segmentBytes = segmentBytes
            self.minSyncInterval = minSyncInterval
        }
    }

    /// What recovery found, reported to the caller (who decides how to log it).
    public enum RecoveryEvent: Sendable, Equatable {
        /// The last segment ended in a partial line (power loss mid-write); cut off.
        case tornTail(segment: String, offset: Int, bytesCut: Int)
        /// A complete line that is not a valid record; skipped, left in place.
        case corruptLine(segment: String, offset: Int, reason: String)
        /// Segments are numbered without gaps: these are missing (deleted), and their
        /// records with them. Reported once per gap; `first` and `last` may be equal.
        case missingSegments(first: String, last: String)
    }

    public struct Summary: Sendable {
        public var records: Int
        public var segments: Int
        public var bytes: Int
        public var lastID: RecordID?
    }

    /// What the index keeps per distinct content: the first record's id, and a hash
    /// of its `file`, to tell a re-found input (crash between append and move) from
    /// a copy dropped under another name.
    public struct Entry: Sendable, Equatable {
        public var id: RecordID
        public var fileHash: UInt64

        public init(id: RecordID, fileHash: UInt64) {
            self.id = id
            self.fileHash = fileHash
        }
    }

    public let options: Options
    private let lock = NSLock()
    private var index = ContentIndex()
    private var generator: RecordIDGenerator
    private var summary: Summary
    private var segmentSizes: [Int: Int]
    private let writer: GroupCommitWriter
    private let writeObserver: WriteObserverBox

    /// Opens (creating if needed) and recovers the store.
    ///
    /// Recovery reads each segment's sidecar and checks it against the segment; only
    /// lines the sidecar does not cover (a crash between the two writes, a missing or
    /// stale sidecar) are parsed as JSON, and their `payload` is made again by
    /// `payload(record)`. `onEntries` sees each segment's sidecar entries, segment by
    /// segment in file order, so the caller can rebuild its own indexes (it may keep the
    /// image and read it on another thread).
    public init(
        options: Options,
        payload: (Record) -> [UInt8] = { _ in [] },
        onEntries: (SidecarImage) -> Void = { _ in },
        onRecovery: (RecoveryEvent) -> Void = { _ in }
    ) throws(StoreError) {
        self.options = options
        if let code = POSIX.makeDirectories(options.directory) {
            throw .io(operation: "mkdir", path: options.directory, errno: code)
        }
        var index = ContentIndex()
        var lastID: RecordID?
        var records = 0
        var sizes: [Int: Int] = [:]
        let numbers = try SegmentFiles.list(in: options.directory)
        for (position, number) in numbers.enumerated() {
            let expected = position == 0 ? 1 : numbers[position - 1] + 1
            if number > expected {
                onRecovery(.missingSegments(first: SegmentFiles.name(expected), last: SegmentFiles.name(number - 1)))
            }
        }
        for (position, number) in numbers.enumerated() {
            let name = SegmentFiles.name(number)
            let path = options.directory + "/" + name
            let sidecarPath = options.directory + "/" + SidecarFile.name(number)
            var size = Self.fileSize(path)
            var image = Self.trustedImage(sidecarPath: sidecarPath, segmentPath: path, segmentSize: size)
            let covered = image.covered
            if covered < size || !FileManager.default.fileExists(atPath: sidecarPath) {
                // The rare path: lines the sidecar lacks are parsed, and the sidecar is
                // written again from what the image had and what the parse found.
                var entries = image.entries
                let result = try SegmentScanner.scan(path: path, from: covered) { offset, line in
                    do {
                        let record = try RecordLine.decode(line)
                        guard record.v == Record.schemaVersion, let id = RecordID(record.id),
                              let content = ContentKey(hex: record.sha256) else {
                            onRecovery(.corruptLine(segment: name, offset: offset, reason: "not a valid version-1 record"))
                            return
                        }
                        entries.append(SidecarEntry(offset: offset, lineLength: line.count + 1, id: id, content: content,
                                                    fileHash: FileHash.of(record.file), payload: payload(record)))
                    } catch {
                        onRecovery(.corruptLine(segment: name, offset: offset, reason: "not a valid record: \(RecordLine.describe(error))"))
                    }
                }
                if result.completeBytes < result.size {
                    // Only the last segment can legitimately end mid-line (a crash during
                    // its last write); the same in an older one is corruption, left as is.
                    if position == numbers.count - 1 {
                        if truncate(path, off_t(result.completeBytes)) != 0 {
                            throw .io(operation: "truncate", path: path, errno: errno)
                        }
                        onRecovery(.tornTail(segment: name, offset: result.completeBytes, bytesCut: result.size - result.completeBytes))
                        size = result.completeBytes
                    } else {
                        onRecovery(.corruptLine(segment: name, offset: result.completeBytes, reason: "segment ends without a newline"))
                    }
                }
                let bytes = SidecarFile.encode(entries)
                try SidecarFile.rewrite(path: sidecarPath, bytes: bytes)
                image = SidecarImage(bytes: bytes) ?? SidecarImage()
            }
            if position == 0 && numbers.count > 1 {
                // Segments are closed at the same size, so the first one tells roughly
                // how many records follow: the index is sized once, not rehashed on the way.
                index.reserveCapacity(image.count * numbers.count)
            }
            image.forEach { entry in
                index.insertIfAbsent(entry.content, Entry(id: entry.id, fileHash: entry.fileHash))
                if lastID.map({ entry.id > $0 }) ?? true { lastID = entry.id }
            }
            onEntries(image)
            records += image.count
            sizes[number] = size
        }
        let current = numbers.last ?? 1
        let currentSize = sizes[current] ?? 0
        sizes[current] = currentSize
        self.index = index
        self.generator = RecordIDGenerator(after: lastID)
        self.summary = Summary(records: records, segments: sizes.count, bytes: sizes.values.reduce(0, +), lastID: lastID)
        self.segmentSizes = sizes

        let box = WeakStoreBox()
        let observer = WriteObserverBox()
        self.writeObserver = observer
        self.writer = try GroupCommitWriter(
            directory: options.directory,
            segmentNumber: current,
            segmentSize: currentSize,
            segmentBytes: options.segmentBytes,
            minSyncInterval: options.minSyncInterval,
            onSegmentChange: { segment, size in box.store?.segmentWritten(segment, size: size) },
            onStateChange: { event in observer.report(event) }
        )
        box.store = self
        writer.start()
    }

    /// The sidecar entries that can be believed without reading the segment: a gapless
    /// run of lines from offset 0 that fits in the segment. A sidecar older than its
    /// segment while claiming to cover all of it means the segment was changed after
    /// it was written: then nothing is believed and the segment is parsed again.
    static func trustedImage(sidecarPath: String, segmentPath: String, segmentSize: Int) -> SidecarImage {
        guard let image = SidecarFile.readImage(path: sidecarPath) else { return SidecarImage() }
        var expected = 0
        var gapless = true
        image.forEach { entry in
            guard gapless, entry.offset == expected, entry.lineLength > 0, entry.offset + entry.lineLength <= segmentSize
            else { gapless = false; return }
            expected += entry.lineLength
        }
        if !gapless { return SidecarImage() }
        if expected == segmentSize,
           let segmentTime = SidecarFile.modificationTime(segmentPath),
           let sidecarTime = SidecarFile.modificationTime(sidecarPath),
           (segmentTime.tv_sec, segmentTime.tv_nsec) > (sidecarTime.tv_sec, sidecarTime.tv_nsec) {
            return SidecarImage()
        }
        return image
    }

    static func fileSize(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }

    /// The record already stored with these exact bytes, if any.
    public func lookup(_ key: ContentKey) -> Entry? {
        lock.lock()
        defer { lock.unlock() }
        return index[key]
    }

    /// Appends the record `make` builds for the id it is given. `completion` runs once
    /// the line is durable (written and fdatasync'ed), on the store's commit thread:
    /// keep it short and hand real work elsewhere. Ids are handed out in file order;
    /// the content index knows the record before `completion` runs.
    public func append(
        content: ContentKey,
        now: Date = Date(),
        payload: [UInt8] = [],
        _ make: (RecordID) -> Record,
        completion: @escaping @Sendable (Result<Record, StoreError>) -> Void
    ) throws(StoreError) {
        lock.lock()
        defer { lock.unlock() }
        let id = generator.next(nowMilliseconds: UInt64(max(0, now.timeIntervalSince1970 * 1000)))
        let record = make(id)
        let fileHash = FileHash.of(record.file)
        let facts = GroupCommitWriter.SidecarFacts(id: id, content: content, fileHash: fileHash, payload: payload)
        try writer.enqueue(RecordJSON.line(record), facts: facts) { [self] error in
            if let error {
                completion(.failure(error))
                return
            }
            lock.lock()
            index.insertIfAbsent(content, Entry(id: id, fileHash: fileHash))
            summary.records += 1
            summary.lastID = id
            lock.unlock()
            completion(.success(record))
        }
    }

    /// Appends and waits until the record is durable.
    @discardableResult
    public func append(content: ContentKey, now: Date = Date(), _ make: (RecordID) -> Record) throws(StoreError) -> Record {
        let done = DispatchSemaphore(value: 0)
        let box = ResultBox()
        try append(content: content, now: now, make) { result in
            box.result = result
            done.signal()
        }
        done.wait()
        return try box.result!.get()
    }

    /// Estimated resident bytes of the content index (entries plus table overhead).
    public var indexBytes: Int {
        lock.lock()
        defer { lock.unlock() }
        return index.capacity * ContentIndex.slotBytes
    }

    public var currentSummary: Summary {
        lock.lock()
        defer { lock.unlock() }
        return summary
    }

    /// Finishes queued writes and closes the current segment. Lines that cannot be
    /// written (the store is stalled) fail with the last error instead of waiting.
    public func close() { writer.close() }

    /// Shutdown while the store may be stalled: a batch that cannot be written fails
    /// now (its inputs stay in the inbox) instead of being retried.
    public func abandonRetries() { writer.abandonRetries() }

    /// Receives the writer's health events (stalled, recovered, restored) on the
    /// store's commit thread; set once, before files are appended.
    public func observeWrites(_ observer: @escaping @Sendable (StoreWriteEvent) -> Void) {
        writeObserver.set(observer)
    }

    private func segmentWritten(_ segment: Int, size: Int) {
        lock.lock()
        segmentSizes[segment] = size
        summary.segments = segmentSizes.count
        summary.bytes = segmentSizes.values.reduce(0, +)
        lock.unlock()
    }
}

private final class WriteObserverBox: @unchecked Sendable {
    private let lock = NSLock()
    private var observer: (@Sendable (StoreWriteEvent) -> Void)?

    func set(_ observer: @escaping @Sendable (StoreWriteEvent) -> Void) {
        lock.lock(); self.observer = observer; lock.unlock()
    }

    func report(_ event: StoreWriteEvent) {
        lock.lock(); let observer = self.observer; lock.unlock()
        observer?(event)
    }
}

private final class WeakStoreBox: @unchecked Sendable {
    weak var store: Store?
}

private final class ResultBox: @unchecked Sendable {
    var result: Result<Record, StoreError>?
}
