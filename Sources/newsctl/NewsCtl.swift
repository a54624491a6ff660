import ArgumentParser

@main
struct NewsCtl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "newsctl",
        abstract: "Control newsd and query its article store.",
        subcommands: [List.self, Show.self, Search.self, Duplicates.self, Stories.self, Follow.self, Export.self, Verify.self, Parse.self]
    )
}
