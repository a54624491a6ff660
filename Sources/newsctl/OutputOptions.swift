import ArgumentParser
import Foundation

/// `--json`, shared by every verb.
struct OutputOptions: ParsableArguments {
    @Flag(name: .customLong("json"), help: "Print JSON: one object per line for listings.")
    var json = false
}

/// The exit statuses newsctl uses, for help texts and scripts.
enum ExitStatus {
    static let usage: Int32 = 2
    static let daemonNotRunning: Int32 = 3

    static let help = """
    Exit status: 0 success; 1 failure (unreadable store, unknown id, problems found); \
    2 usage error; 3 newsd not running (daemon verbs).
    """

    /// Text for store verbs' help: where the store is found.
    static let storeHelp = """
    Reads the store directly: works while newsd is stopped, and is safe while it \
    writes (a line being written is not read). The store is found like newsd finds it: \
    --config FILE, then --data-dir DIR, else ./newsd-data.
    """
}

extension NewsCtl {
    /// Runs the command ArgumentParser picks, with usage errors exiting 2 (not
    /// ArgumentParser's 64) and failures (`CtlFailure`) as one line on stderr, exit 1.
    static func main() {
        let command: ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            finish(error)
        }
        do {
            if let asyncCommand = command as? AsyncParsableCommand {
                try runBlocking(asyncCommand)
            } else {
                var command = command
                try command.run()
            }
        } catch {
            finish(error)
        }
    }

    private static func finish(_ error: Error) -> Never {
        if let failure = error as? CtlFailure {
            Out.error(failure.description)
            Foundation.exit(1)
        }
        if let failure = error as? ValidationError {
            FileHandle.standardError.write(Data("newsctl: \(failure.message)\n".utf8))
            Foundation.exit(ExitStatus.usage)
        }
        let code = exitCode(for: error)
        if code == .validationFailure {
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(ExitStatus.usage)
        }
        exit(withError: error)
    }

    /// Daemon verbs may be async; the root is not, so wait for them here.
    private static func runBlocking(_ command: AsyncParsableCommand) throws {
        final class Box: @unchecked Sendable {
            var command: AsyncParsableCommand
            var error: Error?
            init(_ command: AsyncParsableCommand) { self.command = command }
        }
        let box = Box(command)
        let done = DispatchSemaphore(value: 0)
        Task {
            do { try await box.command.run() } catch { box.error = error }
            done.signal()
        }
        done.wait()
        if let error = box.error { throw error }
    }
}
