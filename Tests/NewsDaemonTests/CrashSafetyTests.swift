import Foundation
import Glibc
import Testing

/// SIGKILL at random moments while files keep arriving (issue #7's scale: 100 kills
/// during a 10,000-file ingest): afterwards every distinct content has exactly one
/// record, the inbox is empty, every input is in processed/, and `newsctl verify`
/// passes on the store.
@Suite(.serialized)
struct CrashSafetyTests {
    @Test func killNineDuringIngestLosesNothingAndRecordsNothingTwice() throws {
        let area = try TestArea()
        let testBegan = Date()
        let fileCount = 10_000
        let cycles = 100
        let perCycle = fileCount / cycles
        // 9,500 distinct articles and 500 byte-for-byte copies of some of them.
        let distinctCount = 9_500
        let contents: [String] = (0..<fileCount).map { index in
            sampleArticle(10_000 + (index < distinctCount ? index : (index * 37) % distinctCount))
        }
        let names = (0..<fileCount).map { String(format: "f%05d.txt", $0) }
        var generator = SystemRandomNumberGenerator()
        let began = Date()

        /// Files arrive three ways: written in place (cp), renamed in (mv), and inside
        /// a new folder. Each cycle drops half of its files while newsd is down and half
        /// while it runs, so kills land during start-up recovery, the backlog scan and
        /// live ingestion.
        @Sendable func drop(_ range: Range<Int>) {
            for index in range {
                let name = names[index]
                switch index % 3 {
                case 0: try? area.drop(name, contents[index])
                case 1: try? area.dropByRename(name, contents[index])
                default: try? area.drop("dir\(index / 150)/\(name)", contents[index])
                }
            }
        }

        var kills = 0
        var killedBeforeStarted = 0
        for cycle in 0..<cycles {
            let first = cycle * perCycle
            drop(first..<(first + perCycle / 2))
            let newsd = try NewsdProcess(arguments: [], in: area.root)
            let live = Thread { drop((first + perCycle / 2)..<(first + perCycle)) }
            if cycle % 10 == 9 {
                // Sometimes during start-up: store recovery, crash-suspect handling, the scan.
                usleep(UInt32.random(in: 1_000...30_000, using: &generator))
                live.start()
                killedBeforeStarted += newsd.events("started").isEmpty ? 1 : 0
            } else {
                newsd.waitFor("started", timeout: 60)
                live.start()
                usleep(UInt32.random(in: 5_000...80_000, using: &generator))
            }
            newsd.signal(SIGKILL)
            _ = newsd.wait()
            while !live.isFinished { usleep(1_000) }
            kills += 1
        }

        // A last, clean run over whatever is left.
        let final = try NewsdProcess(arguments: ["--once"], in: area.root)
        #expect(final.wait() == 0)
        let seconds = Date().timeIntervalSince(began)
        let preparing = began.timeIntervalSince(testBegan)

        let records = try area.records()
        let distinct = Set(contents).count
        let hashes = records.map { $0["sha256"] as! String }
        #expect(records.count == distinct, "one record per distinct content")
        #expect(Set(hashes).count == hashes.count, "no content recorded twice")
        let ids = records.map { $0["id"] as! String }
        #expect(ids == ids.sorted() && Set(ids).count == ids.count, "ids unique and in file order")
        #expect(area.files(under: area.inbox).isEmpty, "inbox empty")
        let processed = area.files(under: area.processed)
        let processedNames = Set(processed.map { ($0 as NSString).lastPathComponent })
        #expect(processedNames == Set(names), "every input is in processed/")
        #expect(processed.count == fileCount)
        #expect(kills == cycles)
        let verify = try CtlRun(["verify"], in: area.root)
        #expect(verify.status == 0, "newsctl verify: \(verify.stdout)\(verify.stderr)")
        let checking = Date().timeIntervalSince(began) - seconds
        print(String(format: "crash test: %d SIGKILLs (%d before READY), %d inputs (cp, mv, new folders; %d byte-identical copies), %d records for %d distinct contents, %d in processed/, inbox empty, newsctl verify exit %d; kill cycles + final run %.1f s (inputs made in %.1f s, checked in %.1f s)",
                     kills, killedBeforeStarted, fileCount, fileCount - distinctCount, records.count, distinct, processed.count, verify.status, seconds, preparing, checking))
    }
}
