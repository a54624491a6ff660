import ArgumentParser

@main
struct NewsCtl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "newsctl",
        abstract: "Control newsd and query its article store.",
        subcommands: [Status.self, Stats.self, Pause.self, Resume.self, Rescan.self, Reload.self, Parse.self]
    )
}
