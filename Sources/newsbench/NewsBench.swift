import ArgumentParser

@main
struct NewsBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "newsbench",
        abstract: "Benchmarks and quality drivers for newsd (use a release build).",
        subcommands: [ExtractBenchmark.self, DedupeBenchmark.self, QueryBenchmark.self, StartupBenchmark.self,
                      PipelineBenchmark.self, LatencyBenchmark.self, IdleBenchmark.self]
    )
}
