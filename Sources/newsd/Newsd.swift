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
        (inbox/, store/, processed/, quarantine/, run/), created on start. \
        Exit codes: 0 clean stop, 1 start-up failure, 78 invalid configuration.
        """
    )

    @Option(name: .customLong("data-dir"), help: ArgumentHelp("Data directory (overrides paths.data_dir).", valueName: "dir"))
    var dataDir: String?

    @Option(name: .customLong("config"), help: ArgumentHelp("Configuration file (TOML; see Config/newsd.toml).", valueName: "file"))
    var configFile: String?

    @Flag(name: .customLong("once"), help: "Ingest the files in the inbox now, print a summary and exit.")
    var once = false

    @Option(name: .customLong("log-target"),
            help: ArgumentHelp("journal, console (stderr lines) or auto: journald when it is listening (default; NEWSD_LOG_TARGET overrides).", valueName: "target"))
    var logTarget: String?

    func validate() throws {
        if let logTarget, LogTarget(rawValue: logTarget) == nil {
            throw ValidationError("--log-target must be journal, console or auto")
        }
    }

    func run() async throws {
        let source = Daemon.Source(configFile: configFile, dataDirOverride: dataDir)
        let config: NewsdConfig
        do {
            config = try source.load()
        } catch {
            FileHandle.standardError.write(Data("newsd: \(error)\n".utf8))
            throw ExitCode(78)  // EX_CONFIG
        }

        let target = (logTarget.flatMap(LogTarget.init(rawValue:))
            ?? ProcessInfo.processInfo.environment["NEWSD_LOG_TARGET"].flatMap(LogTarget.init(rawValue:))
            ?? .auto).resolved()
        let settings = LogSettings(level: config.log.level.loggerLevel)
        LoggingSystem.bootstrap { label in
            target == .journal
                ? JournalLogHandler(label: label, settings: settings) as LogHandler
                : ConsoleLogHandler(label: label, settings: settings) as LogHandler
        }
        let logger = Logger(label: "newsd")

        let daemon: Daemon
        do {
            daemon = try Daemon(config: config, source: source, logSettings: settings, logger: logger)
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
        do {
            try await daemon.run()
        } catch let error as Daemon.StartError {
            logger.critical("newsd cannot start", metadata: ["reason": "\(error)"])
            throw ExitCode.failure
        }
    }
}
