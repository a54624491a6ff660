import ArgumentParser
import Foundation
import Logging
import NewsDaemon

@main
struct Newsd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "newsd",
        abstract: "Watch a news inbox and store every article exactly once.",
        discussion: """
        With no options newsd runs on ./newsd-data under the working directory \
        (inbox/, store/, processed/, quarantine/, run/), created on start.
        """
    )

    @Option(name: .customLong("data-dir"), help: ArgumentHelp("Data directory (overrides paths.data_dir).", valueName: "dir"))
    var dataDir: String?

    @Option(name: .customLong("config"), help: ArgumentHelp("Configuration file (TOML; see Config/newsd.toml).", valueName: "file"))
    var configFile: String?

    @Flag(name: .customLong("once"), help: "Ingest the files in the inbox now, print a summary and exit.")
    var once = false

    func run() async throws {
        var config = NewsdConfig()
        if let configFile {
            do {
                config = try ConfigLoader.load(path: configFile)
            } catch {
                FileHandle.standardError.write(Data("newsd: \(error)\n".utf8))
                throw ExitCode(78)  // EX_CONFIG
            }
        }
        if let dataDir { config.paths.dataDir = dataDir }

        let level = Logger.Level(rawValue: config.log.level.rawValue) ?? .info
        LoggingSystem.bootstrap { label in ConsoleLogHandler(label: label, level: level) }
        let logger = Logger(label: "newsd")

        let daemon: Daemon
        do {
            daemon = try Daemon(config: config, logger: logger)
        } catch {
            logger.critical("newsd cannot start", metadata: ["reason": "\(error)"])
            throw ExitCode.failure
        }
        if once {
            let summary = daemon.runOnce()
            // One plain line on stdout for scripts and benchmarks (the log has it too).
            print(summary.line)
            return
        }
        try await daemon.run()
    }
}
