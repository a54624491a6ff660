import Foundation
import TOMLKit

/// Reads `newsd.toml` into `NewsdConfig`: every key checked for name and type,
/// unknown keys refused with their line (TOMLKit reports type errors misleadingly,
/// so the checks and their wording are ours).
public enum ConfigLoader {
    public static func load(path: String) throws(ConfigError) -> NewsdConfig {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .unreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        return try parse(text, path: path)
    }

    public static func parse(_ text: String, path: String = "newsd.toml") throws(ConfigError) -> NewsdConfig {
        // Malformed TOML that toml++ asserts on instead of reporting (TOMLPrecheck).
        if let problem = TOMLPrecheck.firstProblem(in: text) {
            throw .syntax(path: path, line: problem.line, column: problem.column, reason: problem.reason)
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw .syntax(path: path, line: error.source.begin.line, column: error.source.begin.column, reason: error.description)
        } catch {
            throw .syntax(path: path, line: 0, column: 0, reason: "\(error)")
        }
        var reader = Reader(table: table, text: text, path: path)
        var config = NewsdConfig()
        try reader.section("paths") { (r: inout SectionReader) throws(ConfigError) in
            try r.string("data_dir", &config.paths.dataDir)
            try r.string("inbox", &config.paths.inbox)
            try r.string("store", &config.paths.store)
            try r.string("processed", &config.paths.processed)
            try r.string("quarantine", &config.paths.quarantine)
            try r.string("runtime_dir", &config.paths.runtimeDir)
        }
        try reader.section("ingest") { (r: inout SectionReader) throws(ConfigError) in
            try r.int("max_file_bytes", &config.ingest.maxFileBytes, range: 1...(1 << 40))
            try r.enumeration("disposition", &config.ingest.disposition)
            try r.strings("ignore", &config.ingest.ignore)
            try r.int("workers", &config.ingest.workers, range: 1...256)
            try r.int("max_queue", &config.ingest.maxQueue, range: 16...10_000_000)
        }
        try reader.section("store") { (r: inout SectionReader) throws(ConfigError) in
            try r.int("segment_bytes", &config.store.segmentBytes, range: 4096...(1 << 40))
            try r.int("min_sync_interval_us", &config.store.minSyncIntervalMicroseconds, range: 0...1_000_000)
        }
        try reader.section("log") { (r: inout SectionReader) throws(ConfigError) in
            try r.enumeration("level", &config.log.level)
        }
        try reader.finish()
        return config
    }

    struct Reader {
        let table: TOMLTable
        let text: String
        let path: String
        var seenSections: Set<String> = []

        mutating func section(_ name: String, _ body: (inout SectionReader) throws(ConfigError) -> Void) throws(ConfigError) {
            seenSections.insert(name)
            guard let value = table[name] else { return }
            guard let sub = value.table else {
                throw .invalidValue(path: path, key: name, line: SectionReader.line(of: name, in: text, section: nil), expected: "a table ([\(name)])")
            }
            var reader = SectionReader(table: sub, name: name, text: text, path: path)
            try body(&reader)
            try reader.finish()
        }

        func finish() throws(ConfigError) {
            for key in table.keys.sorted() where !seenSections.contains(key) {
                throw .unknownKey(path: path, key: key, line: SectionReader.line(of: key, in: text, section: nil))
            }
        }
    }

    struct SectionReader {
        let table: TOMLTable
        let name: String
        let text: String
        let path: String
        var seen: Set<String> = []

        private mutating func value(_ key: String) -> TOMLValueConvertible? {
            seen.insert(key)
            return table[key]
        }

        private func invalid(_ key: String, _ expected: String) -> ConfigError {
            .invalidValue(path: path, key: "\(name).\(key)", line: Self.line(of: key, in: text, section: name), expected: expected)
        }

        mutating func string(_ key: String, _ target: inout String) throws(ConfigError) {
            guard let value = value(key) else { return }
            guard let string = value.string else { throw invalid(key, "a string") }
            target = string
        }

        mutating func strings(_ key: String, _ target: inout [String]) throws(ConfigError) {
            guard let value = value(key) else { return }
            guard let array = value.array else { throw invalid(key, "an array of strings") }
            var result: [String] = []
            for element in array {
                guard let string = element.string else { throw invalid(key, "an array of strings") }
                result.append(string)
            }
            target = result
        }

        mutating func int(_ key: String, _ target: inout Int, range: ClosedRange<Int>) throws(ConfigError) {
            guard let value = value(key) else { return }
            guard let int = value.int, range.contains(int) else {
                throw invalid(key, "an integer from \(range.lowerBound) to \(range.upperBound)")
            }
            target = int
        }

        mutating func enumeration<E: RawRepresentable & CaseIterable>(_ key: String, _ target: inout E) throws(ConfigError) where E.RawValue == String {
            guard let value = value(key) else { return }
            let allowed = E.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            guard let string = value.string, let parsed = E(rawValue: string) else {
                throw invalid(key, "one of \(allowed)")
            }
            target = parsed
        }

        func finish() throws(ConfigError) {
            for key in table.keys.sorted() where !seen.contains(key) {
                throw .unknownKey(path: path, key: "\(name).\(key)", line: Self.line(of: key, in: text, section: name))
            }
        }

        /// The 1-based line where `key` is assigned (inside `[section]` when given).
        static func line(of key: String, in text: String, section: String?) -> Int? {
            var current: String? = nil
            for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = raw.trimmingCharacters(in: .whitespaces)
                if line.hasPrefix("[") {
                    current = line.trimmingCharacters(in: CharacterSet(charactersIn: "[] "))
                    if section == nil && current == key { return number + 1 }
                    continue
                }
                guard current == section else { continue }
                if line.hasPrefix(key) {
                    let rest = line.dropFirst(key.count).drop(while: { $0 == " " || $0 == "\t" })
                    if rest.hasPrefix("=") { return number + 1 }
                }
            }
            return nil
        }
    }
}
