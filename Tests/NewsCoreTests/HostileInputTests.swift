import Foundation
import Testing
@testable import NewsCore

// Hostile inputs of issue #7 that reach the pure core: absurd nesting, one enormous
// line, entity definitions that would expand exponentially, NULs and odd encodings.
// Fixtures are generated here. These tests assert results, not speed: the time and
// memory of the same inputs against the real daemon are printed by
// Tests/e2e/hostile-input.sh.

private let sentence = "The harbour council voted on Tuesday to keep the night ferry running through the winter months."

private func paragraph(_ n: Int) -> String {
    "<p>" + Array(repeating: sentence, count: 3).joined(separator: " ") + " Paragraph \(n).</p>"
}

private let articleHTML = "<article><h1>Night ferry stays</h1>" + (1...5).map(paragraph).joined() + "</article>"

struct HostileInputTests {
    @Test func hundredThousandNestedTagsBeforeTheArticleDoNotHideIt() throws {
        let html = "<!doctype html><html><head><title>Night ferry stays</title></head><body>"
            + String(repeating: "<div>", count: 100_000) + "x" + String(repeating: "</div>", count: 100_000)
            + articleHTML + "</body></html>"
        let article = try ArticleProcessor().process(Array(html.utf8))
        #expect(article.format == .html)
        #expect(article.text.contains("night ferry running"))
        #expect(article.text.contains("Paragraph 5."))
    }

    @Test func hundredThousandNestedTagsAroundTheArticleKeepItsText() throws {
        let html = "<!doctype html><html><head><title>Night ferry stays</title></head><body>"
            + String(repeating: "<div><span>", count: 50_000) + (1...5).map(paragraph).joined()
            + String(repeating: "</span></div>", count: 50_000) + "</body></html>"
        let article = try ArticleProcessor().process(Array(html.utf8))
        #expect(article.text.contains("night ferry running"))
        #expect(article.title == "Night ferry stays")
    }

    @Test func nestedTagsClosedByWrongEndTagsKeepTheArticle() throws {
        // Each `</span>` matches no open element; libxml2 looks for it through the
        // whole stack of open elements, which its depth limit keeps at 256.
        let html = "<!doctype html><html><head><title>Night ferry stays</title></head><body>"
            + String(repeating: "<div>", count: 100_000) + String(repeating: "</span>", count: 100_000)
            + articleHTML + "</body></html>"
        let article = try ArticleProcessor().process(Array(html.utf8))
        #expect(article.text.contains("Paragraph 5."))
    }

    @Test func flatteningKeepsParagraphsAndDropsNesting() {
        let html = Array("<html><head><title>T</title></head><body><div class=\"a>b\"><span>One</span><p>Two</p></div></body></html>".utf8)
        let flat = String(decoding: HTMLPrefilter.withoutNesting(html), as: UTF8.self)
        #expect(flat == "<html><head><title>T</title></head><body>  One <p>Two</p> </body></html>")
    }

    @Test func unclosedNestedTagsDoNotCrash() throws {
        // 100,000 opening tags and no closing ones: libxml2 stops nesting at 256
        // levels; the walk has its own cap (HTMLScan.maxDepth).
        let html = "<html><body>" + String(repeating: "<div><b><i>", count: 34_000) + paragraph(1)
        let article = try ArticleProcessor().process(Array(html.utf8))
        #expect(article.format == .html)
    }

    @Test func entityDefinitionsAreNotExpanded() throws {
        var entities = ["<!ENTITY lol0 \"lollollollollollollollollollol\">"]
        for level in 1..<10 {
            entities.append("<!ENTITY lol\(level) \"" + String(repeating: "&lol\(level - 1);", count: 10) + "\">")
        }
        let html = "<?xml version=\"1.0\"?>\n<!DOCTYPE html [\n" + entities.joined(separator: "\n") + "\n]>\n"
            + "<html><head><title>Laughs</title></head><body>"
            + String(repeating: "<p>&lol9;</p>", count: 100) + articleHTML + "</body></html>"
        let article = try ArticleProcessor().process(Array(html.utf8))
        // Expanded, &lol9; alone would be 3 GB of "lol".
        #expect(article.text.utf8.count < 20_000)
        #expect(article.text.contains("night ferry running"))
        #expect(!article.text.contains("lollollollollol"))
    }

    @Test func aHugeSingleLineDumpIsKeptAsOneParagraph() throws {
        // 5 MB of prose without one newline (a 50 MB line goes through the real
        // daemon in the e2e script).
        var line = ""
        line.reserveCapacity(5_100_000)
        var n = 0
        while line.utf8.count < 5_000_000 {
            line += sentence.replacingOccurrences(of: "Tuesday", with: "day \(n)") + " "
            n += 1
        }
        let article = try ArticleProcessor().process(Array(line.utf8))
        #expect(article.format == .text)
        #expect(article.text.utf8.count > 4_000_000)
        #expect(!article.title.isEmpty)
        #expect(article.wordCount > 500_000)
    }

    @Test func aHugeSingleLineOfHTMLTextIsExtracted() throws {
        let body = String(repeating: sentence + " ", count: 40_000)   // 3.9 MB in one <p>
        let html = "<!doctype html><html><head><title>Ferry</title></head><body><article><p>" + body + "</p></article></body></html>"
        let article = try ArticleProcessor().process(Array(html.utf8))
        #expect(article.text.utf8.count > 3_000_000)
    }
}
