import Foundation
import NewsCore
import NewsStore

/// One file through the article processor, the fingerprint and the index, as the
/// daemon does it.
struct DedupeEvalRecord {
    var id: RecordID
    var file: String
    var verdict: DedupeVerdict
    var title: String
}

/// Runs files in name order through `ArticleProcessor`, `ArticleFingerprint` and a
/// `DedupeIndex`, with ids from `RecordIDGenerator` at a fixed clock (deterministic).
struct DedupeEvalRun {
    /// 2026-01-01T00:00:00Z: the "ingestion" time of every file.
    static let clockMilliseconds: UInt64 = 1_767_225_600_000
    var records: [DedupeEvalRecord] = []
    var failures: [(file: String, reason: String)] = []
    let index: DedupeIndex

    init(settings: DedupeSettings = DedupeSettings()) {
        index = DedupeIndex(settings: settings)
    }

    static func files(in directory: String) throws -> [String] {
        let fm = FileManager.default
        var result: [String] = []
        guard let walker = fm.enumerator(atPath: directory) else { return [] }
        for case let path as String in walker {
            var isDirectory: ObjCBool = false
            if fm.fileExists(atPath: directory + "/" + path, isDirectory: &isDirectory), !isDirectory.boolValue {
                result.append(path)
            }
        }
        return result.sorted()
    }

    mutating func run(directory: String, files: [String]) {
        let processor = ArticleProcessor()
        var generator = RecordIDGenerator()
        let ingestionDay = Int(DedupeEvalRun.clockMilliseconds / 86_400_000)
        for file in files {
            guard let data = FileManager.default.contents(atPath: directory + "/" + file) else {
                failures.append((file, "unreadable"))
                continue
            }
            let article: Article
            do {
                article = try processor.process(Array(data), name: file)
            } catch {
                failures.append((file, "\(error)"))
                continue
            }
            let fingerprint = ArticleFingerprint(article: article)
            let day = fingerprint.publishedDay.map(Int.init) ?? ingestionDay
            let verdict = index.classify(fingerprint, day: day)
            let id = generator.next(nowMilliseconds: DedupeEvalRun.clockMilliseconds)
            index.insert(id: id, fingerprint: fingerprint, verdict: verdict, day: day)
            records.append(DedupeEvalRecord(id: id, file: file, verdict: verdict, title: article.title))
        }
    }

    func jsonLines() -> String {
        var out = JSONWriter()
        for record in records {
            out.open()
            out.key("id"); out.string(record.id.description)
            out.key("file"); out.string(record.file)
            out.key("duplicate_of"); out.optionalString(record.verdict.duplicateOf?.description)
            out.key("similarity")
            if let similarity = record.verdict.similarity { out.double(similarity) } else { out.null() }
            out.key("story"); out.string(record.verdict.storyID(for: record.id).description)
            out.close()
            out.newline()
        }
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// Cluster (first-seen id) of every file, through duplicate_of.
    func clusters() -> [String: RecordID] {
        var root: [RecordID: RecordID] = [:]
        var result: [String: RecordID] = [:]
        for record in records {
            let r = record.verdict.duplicateOf.map { root[$0] ?? $0 } ?? record.id
            root[record.id] = r
            result[record.file] = r
        }
        return result
    }
}

/// The BBC near-duplicate pairs file: `jaccard<TAB>id_a<TAB>id_b`, ids `topic/NNN`.
struct BBCPairs {
    struct Pair {
        var jaccard: Double
        var a: String
        var b: String
    }

    var pairs: [Pair] = []

    init(path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        for line in text.split(separator: "\n").dropFirst() {
            let cols = line.split(separator: "\t")
            guard cols.count >= 3, let j = Double(cols[0]) else { continue }
            pairs.append(Pair(jaccard: j, a: String(cols[1]), b: String(cols[2])))
        }
    }
}
