import Foundation
import Glibc
import NewsCore

/// Checks a store without changing it: every line is a record of a known schema
/// version, ids are valid, unique and strictly increasing across segments, and
/// `duplicate_of` / `story` point at earlier records (`duplicate_of` never at a copy);
/// each segment's sidecar (`articles-NNNNNN.idx`) agrees with the lines it covers.
public enum StoreVerifier {
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        public var segment: String
        public var offset: Int
        public var message: String

        public var description: String { "\(segment):\(offset): \(message)" }
    }

    public struct Report: Sendable {
        public var segments = 0
        public var records = 0
        public var bytes = 0
        public var copies = 0
        public var storyRecords = 0
        /// Problems found, at most `maxProblems` kept; `problemCount` counts all.
        public var problems: [Problem] = []
        public var problemCount = 0
        /// A partial line at the end of the last segment: a write in progress, or a
        /// torn tail newsd cuts on its next start. Not a problem.
        public var partialTail: (segment: String, offset: Int, bytes: Int)?
        /// Sidecars read and compared with their segments; segments without one.
        public var sidecarsChecked = 0
        public var sidecarsMissing = 0
        /// Lines not (yet) in their sidecar: it is a cache written after each batch
        /// and completed by newsd at start, so this is not a problem.
        public var linesBeyondSidecars = 0

        public var ok: Bool { problemCount == 0 }
    }

    public static let maxProblems = 1000

    public static func verify(directory: String) throws(StoreReadError) -> Report {
        var report = Report()
        let numbers: [Int]
        do {
            numbers = try SegmentFiles.list(in: directory)
        } catch {
            var info = stat()
            if stat(directory, &info) != 0 && errno == ENOENT { throw .missingStore(path: directory) }
            throw .io(operation: "opendir", path: directory, errno: error.errnoValue)
        }
        var seen = Set<UInt64>()
        var copies = Set<UInt64>()
        var previous: RecordID?
        let decoder = JSONDecoder()

        func problem(_ segment: String, _ offset: Int, _ message: String) {
            report.problemCount += 1
            if report.problems.count < maxProblems { report.problems.append(Problem(segment: segment, offset: offset, message: message)) }
        }

        for (position, number) in numbers.enumerated() {
            let name = SegmentFiles.name(number)
            let path = directory + "/" + name
            // newsd numbers segments 1, 2, 3, … without gaps: a gap is a deleted segment.
            let expected = position == 0 ? 1 : numbers[position - 1] + 1
            if number > expected {
                let first = SegmentFiles.name(expected), last = SegmentFiles.name(number - 1)
                problem(name, 0, "segment\(number - expected > 1 ? "s \(first) to \(last) are" : " \(first) is") missing (deleted?): its records are lost")
            }
            report.segments += 1
            let sidecarName = SidecarFile.name(number)
            let sidecar = SidecarFile.read(path: directory + "/" + sidecarName)
            if sidecar == nil { report.sidecarsMissing += 1 } else { report.sidecarsChecked += 1 }
            var entries = (sidecar ?? [])[...]
            var sidecarBroken = false
            let result: SegmentScanner.Result
            do {
                result = try SegmentScanner.scan(path: path) { offset, line in
                    // The sidecar entry for this line, if the sidecar reaches it.
                    var entry: SidecarEntry?
                    if sidecar != nil && !sidecarBroken {
                        if let next = entries.first {
                            entries = entries.dropFirst()
                            if next.offset != offset || next.lineLength != line.count + 1 {
                                problem(sidecarName, offset, "sidecar entry for offset \(next.offset) (\(next.lineLength) bytes) does not match the line at \(offset) (\(line.count + 1) bytes) of \(name)")
                                sidecarBroken = true
                            } else {
                                entry = next
                            }
                        } else {
                            report.linesBeyondSidecars += 1
                        }
                    }
                    let record: Record
                    do {
                        record = try decoder.decode(Record.self, from: Data(buffer: line))
                    } catch {
                        // Say what is wrong in the words of the schema when we can.
                        if case .failure(let invalid) = RecordLine.keyFields(line) {
                            problem(name, offset, invalid.description)
                        } else {
                            problem(name, offset, "not a valid record: \(RecordLine.describe(error))")
                        }
                        return
                    }
                    guard record.v == Record.schemaVersion else {
                        problem(name, offset, "unknown schema version \(record.v) (this newsctl knows \(Record.schemaVersion))")
                        return
                    }
                    guard let id = RecordID(record.id), id.description == record.id else {
                        problem(name, offset, "invalid id \(record.id.debugDescription)")
                        return
                    }
                    report.records += 1
                    if let entry, entry.id != id || Optional(entry.content) != ContentKey(hex: record.sha256) || entry.fileHash != FileHash.of(record.file) {
                        problem(sidecarName, offset, "sidecar entry for \(name) offset \(offset) says id \(entry.id), the line is \(id)\(entry.id == id ? " (hash of content or file differs)" : "")")
                        sidecarBroken = true
                    }
                    if !seen.insert(id.rawValue).inserted {
                        problem(name, offset, "duplicate id \(id)")
                    } else if let previous, id <= previous {
                        problem(name, offset, "id \(id) is not after the previous id \(previous)")
                    }
                    if previous.map({ id > $0 }) ?? true { previous = id }
                    if let original = record.duplicateOf {
                        report.copies += 1
                        copies.insert(id.rawValue)
                        if let originalID = RecordID(original), seen.contains(originalID.rawValue), originalID < id {
                            if copies.contains(originalID.rawValue) {
                                problem(name, offset, "duplicate_of \(original) is itself a copy (duplicate_of must name the first-seen article)")
                            }
                        } else {
                            problem(name, offset, "duplicate_of \(original) is not an earlier record")
                        }
                        if record.similarity == nil {
                            problem(name, offset, "duplicate_of without similarity")
                        }
                    }
                    if let story = record.story {
                        report.storyRecords += 1
                        if let storyID = RecordID(story), storyID == id || (storyID < id && seen.contains(storyID.rawValue)) {
                            // fine
                        } else {
                            problem(name, offset, "story \(story) is not this or an earlier record")
                        }
                    }
                }
            } catch {
                throw .io(operation: "read", path: path, errno: error.errnoValue)
            }
            report.bytes += result.size
            if !sidecarBroken, let extra = entries.first {
                problem(sidecarName, extra.offset, "sidecar has \(entries.count) entr\(entries.count == 1 ? "y" : "ies") beyond the whole lines of \(name)")
            }
            if result.completeBytes < result.size {
                if position == numbers.count - 1 {
                    report.partialTail = (name, result.completeBytes, result.size - result.completeBytes)
                } else {
                    problem(name, result.completeBytes, "segment ends without a newline (\(result.size - result.completeBytes) bytes)")
                }
            }
        }
        return report
    }
}
