import ArgumentParser
import Foundation
import NewsControl

extension NewsCtl {
    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the running daemon's state and counts (exit 3 when it is not running).", discussion: ExitStatus.help)
        @OptionGroup var options: DaemonOptions

        func run() throws {
            try runVerb(.status, options) { reply in
                guard let s = reply.status else { return "" }
                return StatusFormat.text(s)
            }
        }
    }

    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Counters for monitoring (use --json).", discussion: ExitStatus.help)
        @OptionGroup var options: DaemonOptions

        func run() throws {
            try runVerb(.stats, options) { reply in reply.status.map(StatusFormat.text) ?? "" }
        }
    }

    struct Pause: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop taking files from the inbox (they wait there; nothing is lost).")
        @OptionGroup var options: DaemonOptions
        func run() throws { try runVerb(.pause, options) { $0.message ?? "paused" } }
    }

    struct Resume: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Take files from the inbox again.")
        @OptionGroup var options: DaemonOptions
        func run() throws { try runVerb(.resume, options) { $0.message ?? "resumed" } }
    }

    struct Rescan: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Walk the whole inbox again.")
        @OptionGroup var options: DaemonOptions
        func run() throws { try runVerb(.rescan, options) { $0.message ?? "rescan queued" } }
    }

    struct Reload: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-read the configuration; returns when it is applied and says what changed.",
            discussion: "Settings that need a restart (paths, workers, segment size) are refused and the running configuration stays."
        )
        @OptionGroup var options: DaemonOptions
        func run() throws {
            try runVerb(.reload, options) { reply in
                let changes = reply.reload?.changes ?? []
                return changes.isEmpty ? "reloaded: nothing changed" : "reloaded:\n" + changes.map { "  " + $0 }.joined(separator: "\n")
            }
        }
    }
}

private func runVerb(_ verb: ControlVerb, _ options: DaemonOptions, human: (ControlReply) -> String) throws {
    do {
        let reply = try DaemonClient.send(verb, options: options)
        try DaemonClient.finish(reply, options: options, human: human)
    } catch let error as CLIError {
        FileHandle.standardError.write(Data("newsctl: \(error.message)\n".utf8))
        throw ExitCode(error.code)
    }
}

enum StatusFormat {
    static func text(_ s: DaemonStatus) -> String {
        func bytes(_ n: Int) -> String {
            let units = ["B", "KiB", "MiB", "GiB", "TiB"]
            var value = Double(n)
            var unit = 0
            while value >= 1024 && unit < units.count - 1 { value /= 1024; unit += 1 }
            return unit == 0 ? "\(n) B" : String(format: "%.1f %@", value, units[unit])
        }
        func duration(_ seconds: Double) -> String {
            let total = Int(seconds)
            let (d, h, m, sec) = (total / 86400, total / 3600 % 24, total / 60 % 60, total % 60)
            return d > 0 ? "\(d)d \(h)h \(m)min" : h > 0 ? "\(h)h \(m)min" : m > 0 ? "\(m)min \(sec)s" : "\(sec)s"
        }
        let rows: [(String, String)] = [
            ("State", s.storeStalled.map { "stalled: " + $0 } ?? s.state),
            ("PID", "\(s.pid)"),
            ("Uptime", duration(s.uptimeSeconds)),
            ("Version", s.version),
            ("Config", s.configFile ?? "(built-in defaults)"),
            ("Inbox", s.inboxMissing == true ? s.inbox + " (missing: waiting for it to be created again)" : s.inbox),
            ("Queue", "\(s.queueDepth) files"),
            ("Rate", String(format: "%.2f files/s over the last minute", s.filesPerSecondLastMinute)),
            ("Articles", "\(s.articles) stored (\(s.ingestedSinceStart) since start)"),
            ("Duplicates", "\(s.duplicates) since start"),
            ("Quarantined", "\(s.quarantined) since start"),
            ("Store", "\(s.store): \(bytes(s.storeBytes)) in \(s.segments) segment\(s.segments == 1 ? "" : "s")"),
            ("Index", bytes(s.indexBytes)),
            ("Last error", s.lastError ?? "none"),
        ]
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { String(repeating: " ", count: width - $0.0.count) + $0.0 + ": " + $0.1 }.joined(separator: "\n")
    }
}
