import Foundation
import Glibc
import Testing

/// SIGKILL at random moments while files keep arriving: afterwards every distinct
/// content has exactly one record, the inbox is empty, and every input is in processed/.
@Suite(.serialized)
struct CrashSafetyTests {
    @Test func killNineDuringIngestLosesNothingAndRecordsNothingTwice() throws {
        let area = try TestArea()
        let fileCount = 2_000
        let minimumKills = 20
        // 1,900 distinct articles and 100 byte-for-byte copies of some of them.
        var contents: [String: String] = [:]
        for index in 0..<fileCount {
            let seed = index < 1_900 ? index : (index * 37) % 1_900
            contents[String(format: "f%04d.txt", index)] = sampleArticle(10_000 + seed)
        }
        let names = contents.keys.sorted()
        let frozen = contents
        var generator = SystemRandomNumberGenerator()

        // Files arrive three ways: written in place, renamed in, and inside new folders.
        let dropper = Thread {
            for (position, name) in names.enumerated() {
                let content = frozen[name]!
                switch position % 3 {
                case 0: try? area.drop(name, content)
                case 1: try? area.dropByRename(name, content)
                default: try? area.drop("dir\(position / 150)/\(name)", content)
                }
                if position % 50 == 0 { usleep(3_000) }
            }
        }
        dropper.start()

        var kills = 0
        while kills < minimumKills || !dropper.isFinished {
            let newsd = try NewsdProcess(arguments: [], in: area.root)
            newsd.waitFor("started", timeout: 30)
            usleep(UInt32.random(in: 5_000...60_000, using: &generator))
            newsd.signal(SIGKILL)
            _ = newsd.wait()
            kills += 1
        }

        // A last, clean run over whatever is left.
        let final = try NewsdProcess(arguments: ["--once"], in: area.root)
        #expect(final.wait() == 0)

        let records = try area.records()
        let distinct = Set(contents.values).count
        let hashes = records.map { $0["sha256"] as! String }
        #expect(records.count == distinct, "one record per distinct content")
        #expect(Set(hashes).count == hashes.count, "no content recorded twice")
        let ids = records.map { $0["id"] as! String }
        #expect(ids == ids.sorted() && Set(ids).count == ids.count, "ids unique and in file order")
        #expect(area.files(under: area.inbox).isEmpty, "inbox empty")
        let processedNames = Set(area.files(under: area.processed).map { ($0 as NSString).lastPathComponent })
        #expect(processedNames == Set(names), "every input is in processed/")
        #expect(area.files(under: area.processed).count == fileCount)
        #expect(kills >= minimumKills)
        print("crash test: \(kills) SIGKILLs, \(records.count) records for \(distinct) distinct contents, \(fileCount) inputs processed")
    }
}
