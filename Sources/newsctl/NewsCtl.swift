import ArgumentParser

@main
struct NewsCtl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "newsctl",
        abstract: "Control newsd and query its article store.",
        subcommands: [Parse.self]
    )
}
