import ArgumentParser
import Foundation
import NewsDaemon
import NewsStore

/// Where newsd keeps its data, found the way `newsd` was started: `--config FILE`
/// (its `[paths]`), then `--data-dir DIR` on top, else the embedded default
/// `./newsd-data` under the working directory.
struct Locations: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: ArgumentHelp("Data directory newsd runs on (default: ./newsd-data).", valueName: "dir"))
    var dataDir: String?

    @Option(name: .customLong("config"), help: ArgumentHelp("newsd's configuration file; its [paths] are used.", valueName: "file"))
    var configFile: String?

    /// The resolved folders; a configuration that does not load is a failure (exit 1).
    func layout() throws -> DataLayout {
        // The same resolution newsd makes at start (and on reload).
        let source = Daemon.Source(configFile: configFile, dataDirOverride: dataDir)
        do {
            return DataLayout(paths: try source.load().paths, workingDirectory: source.workingDirectory)
        } catch {
            throw CtlFailure("\(error)")
        }
    }

    /// The store folder (segments `articles-NNNNNN.jsonl`).
    func storeDirectory() throws -> String { try layout().store }
}

/// A failure to report in one line on stderr, exit status 1.
struct CtlFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension Locations {
    /// The store, opened for queries; a missing or unreadable store is a failure (exit 1).
    func query() throws -> StoreQuery {
        let directory = try storeDirectory()
        do {
            return try StoreQuery(directory: directory)
        } catch {
            throw CtlFailure(error.description)
        }
    }
}

/// Store errors as one line for the user.
func failing<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as StoreReadError {
        throw CtlFailure(error.description)
    } catch let error as StoreError {
        throw CtlFailure(error.description)
    }
}
