import ArgumentParser

@main
struct NewsCtl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "newsctl",
        abstract: "Control newsd and query its article store.",
        subcommands: [
            Status.self, Stats.self, Pause.self, Resume.self, Rescan.self, Reload.self,
            List.self, Show.self, Search.self, Duplicates.self, Stories.self, Follow.self, Export.self, Verify.self,
            Parse.self,
        ]
    )
}
