import Foundation
import NewsDaemon
import Testing

struct ConfigLoaderTests {
    @Test func emptyFileGivesTheDefaults() throws {
        #expect(try ConfigLoader.parse("") == NewsdConfig())
    }

    @Test func shippedConfigFileListsTheDefaults() throws {
        // Config/newsd.toml has every key commented out: it must parse to the defaults,
        // and uncommenting every key must parse too (so the documented keys are real).
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Config/newsd.toml").standardizedFileURL
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(try ConfigLoader.parse(text) == NewsdConfig())
        let uncommented = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            line.hasPrefix("#") && line.dropFirst().first?.isLetter == true && line.contains(" = ") ? String(line.dropFirst()) : String(line)
        }.joined(separator: "\n")
        #expect(try ConfigLoader.parse(uncommented) == NewsdConfig())
    }

    @Test func readsEverySection() throws {
        let config = try ConfigLoader.parse("""
        [paths]
        data_dir = "/srv/news"
        inbox = "/srv/drop"
        [ingest]
        max_file_bytes = 1000
        disposition = "delete"
        ignore = ["*.partial"]
        workers = 2
        max_queue = 500
        [store]
        segment_bytes = 65536
        min_sync_interval_us = 500
        [log]
        level = "debug"
        """)
        #expect(config.paths.dataDir == "/srv/news")
        #expect(config.paths.inbox == "/srv/drop")
        #expect(config.ingest.maxFileBytes == 1000)
        #expect(config.ingest.disposition == .delete)
        #expect(config.ingest.ignore == ["*.partial"])
        #expect(config.ingest.workers == 2)
        #expect(config.ingest.maxQueue == 500)
        #expect(config.store.segmentBytes == 65536)
        #expect(config.store.minSyncIntervalMicroseconds == 500)
        #expect(config.log.level == .debug)
        let layout = DataLayout(paths: config.paths, workingDirectory: "/tmp")
        #expect(layout.inbox == "/srv/drop")
        #expect(layout.store == "/srv/news/store")
    }

    @Test func unknownKeyIsNamedWithItsLine() {
        #expect(throws: ConfigError.unknownKey(path: "newsd.toml", key: "ingest.wokers", line: 3)) {
            try ConfigLoader.parse("[ingest]\nworkers = 2\nwokers = 3\n")
        }
        #expect(throws: ConfigError.unknownKey(path: "newsd.toml", key: "storage", line: 1)) {
            try ConfigLoader.parse("[storage]\nx = 1\n")
        }
    }

    @Test func wrongTypeSaysWhatIsExpected() {
        #expect(throws: ConfigError.invalidValue(path: "newsd.toml", key: "ingest.workers", line: 2, expected: "an integer from 1 to 256")) {
            try ConfigLoader.parse("[ingest]\nworkers = \"four\"\n")
        }
        #expect(throws: ConfigError.invalidValue(path: "newsd.toml", key: "ingest.disposition", line: 2, expected: "one of \"move\", \"delete\"")) {
            try ConfigLoader.parse("[ingest]\ndisposition = \"archive\"\n")
        }
    }

    @Test func syntaxErrorCarriesLineAndColumn() {
        do {
            _ = try ConfigLoader.parse("[ingest]\nworkers = = 2\n")
            Issue.record("expected a syntax error")
        } catch {
            guard case .syntax(_, let line, _, _) = error else {
                Issue.record("expected .syntax, got \(error)")
                return
            }
            #expect(line == 2)
        }
    }
}
