import Foundation
import NewsStore

/// The folders newsd uses, resolved to absolute paths from the configuration.
public struct DataLayout: Sendable, Equatable {
    public var dataDir: String
    public var inbox: String
    public var store: String
    public var processed: String
    public var quarantine: String
    public var runtimeDir: String

    public init(paths: NewsdConfig.Paths, workingDirectory: String = FileManager.default.currentDirectoryPath) {
        func absolute(_ path: String, base: String) -> String {
            let joined = path.hasPrefix("/") ? path : base + "/" + path
            return URL(fileURLWithPath: joined).standardizedFileURL.path
        }
        let data = absolute(paths.dataDir, base: workingDirectory)
        func sub(_ value: String, _ fallback: String) -> String {
            value.isEmpty ? data + "/" + fallback : absolute(value, base: workingDirectory)
        }
        dataDir = data
        inbox = sub(paths.inbox, "inbox")
        store = sub(paths.store, "store")
        processed = sub(paths.processed, "processed")
        quarantine = sub(paths.quarantine, "quarantine")
        runtimeDir = sub(paths.runtimeDir, "run")
    }

    /// Creates every folder that is missing.
    public func createDirectories() throws(IngestError) {
        for path in [inbox, store, processed, quarantine, runtimeDir] {
            if let code = POSIX.makeDirectories(path) {
                throw .setup(path: path, operation: "create directory", errno: code)
            }
        }
    }
}
