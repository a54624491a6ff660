import Foundation
import Testing

struct NewsCtlHelpTests {
    /// The root help, pinned: a change to a verb's one-line summary shows up here.
    @Test func rootHelpReadsAsPinned() throws {
        let directory = FileManager.default.temporaryDirectory
        let run = try CtlRun(["--help"], in: directory, environment: ["COLUMNS": "80"])
        #expect(run.status == 0)
        let expected = """
OVERVIEW: Control newsd and query its article store.

Daemon verbs (status … reload) talk to newsd's control socket; store verbs
(list … verify) read the store directly and work while newsd is down. Both find
newsd's files from --data-dir, --config or ./newsd-data.

Exit status: 0 success; 1 failure (unreadable store, unknown id, problems
found); 2 usage error; 3 newsd not running (daemon verbs).

USAGE: newsctl <subcommand>

OPTIONS:
  -h, --help              Show help information.

SUBCOMMANDS:
  status                  Show the running daemon's state and counts (exit 3
                          when it is not running).
  stats                   Counters for monitoring (use --json).
  pause                   Stop taking files from the inbox (they wait there;
                          nothing is lost).
  resume                  Take files from the inbox again.
  rescan                  Walk the whole inbox again.
  reload                  Re-read the configuration; returns when it is applied
                          and says what changed.
  list                    List articles in the store, newest first.
  show                    Show one article: metadata, story, copies, entities
                          and the body.
  search                  Find articles with all the words in title or body.
  duplicates              Show the copies of an article, or the most-copied
                          articles.
  stories                 Show story clusters: articles about the same event.
  follow                  Print the last articles, then each new one as it is
                          stored.
  export                  Write the matching records to stdout as JSON lines,
                          oldest first.
  verify                  Check the store: every line a valid record, ids
                          unique and in order.
  parse                   Print the record newsd would store for each file (no
                          daemon, no store).

  See 'newsctl help <subcommand>' for detailed help.

"""
        #expect(run.stdout.split(separator: "\n", omittingEmptySubsequences: false) == expected.split(separator: "\n", omittingEmptySubsequences: false))
    }

    @Test func everyStoreVerbDocumentsExitStatusAndJSON() throws {
        let directory = FileManager.default.temporaryDirectory
        for verb in ["list", "show", "search", "duplicates", "stories", "follow", "export", "verify"] {
            let run = try CtlRun([verb, "--help"], in: directory, environment: ["COLUMNS": "80"])
            #expect(run.status == 0, "\(verb)")
            #expect(run.stdout.contains("Exit status: 0 success; 1 failure"), "\(verb)")
            #expect(run.stdout.contains("--json"), "\(verb)")
        }
    }

    @Test func usageErrorsExitTwo() throws {
        let directory = FileManager.default.temporaryDirectory
        let unknownOption = try CtlRun(["list", "--no-such-option"], in: directory)
        #expect(unknownOption.status == 2)
        #expect(unknownOption.stderr.contains("Unknown option '--no-such-option'"))
        let badValue = try CtlRun(["list", "-n", "many"], in: directory)
        #expect(badValue.status == 2)
        let unknownVerb = try CtlRun(["frobnicate"], in: directory)
        #expect(unknownVerb.status == 2)
    }
}
