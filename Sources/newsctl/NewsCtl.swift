import ArgumentParser

@main
struct NewsCtl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "newsctl",
        abstract: "Control newsd and query its article store.",
        discussion: """
        Daemon verbs (status … reload) talk to newsd's control socket; store verbs \
        (list … verify) read the store directly and work while newsd is down. \
        Both find newsd's files from --data-dir, --config or ./newsd-data.

        \(ExitStatus.help)
        """,
        subcommands: [
            Status.self, Stats.self, Pause.self, Resume.self, Rescan.self, Reload.self,
            List.self, Show.self, Search.self, Duplicates.self, Stories.self, Follow.self, Export.self, Verify.self,
            Parse.self,
        ]
    )
}
