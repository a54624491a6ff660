import ArgumentParser
import Foundation
import Glibc

/// The BBC articles the end-to-end benchmarks feed to newsd: the originals, then as
/// many word-edited variants as asked for (about 2 % of the words of original
/// `i % count` replaced by other corpus words, seeded by `i`), so every file is
/// distinct and a realistic near-duplicate of its original.
struct BenchArticles {
    struct Source {
        let category: String
        let title: String
        let paragraphs: [String]
    }

    let sources: [Source]
    private let vocabulary: [Substring]

    init(corpus: String) throws {
        var sources: [Source] = []
        var seen = Set<Substring>()
        var vocabulary: [Substring] = []
        for category in try FileManager.default.contentsOfDirectory(atPath: corpus).sorted() {
            let folder = corpus + "/" + category
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            for name in try FileManager.default.contentsOfDirectory(atPath: folder).sorted() where name.hasSuffix(".txt") {
                let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name)), as: UTF8.self)
                let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                guard let title = lines.first, lines.count > 1 else { continue }
                sources.append(Source(category: category, title: title, paragraphs: Array(lines.dropFirst())))
                for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) where seen.insert(word).inserted {
                    vocabulary.append(word)
                }
            }
        }
        guard !sources.isEmpty else { throw ValidationError("no articles under \(corpus)") }
        self.sources = sources
        self.vocabulary = vocabulary.sorted()
    }

    /// Article `i`: original `i` for the first `sources.count`, else an edited variant.
    func article(_ i: Int) -> Source {
        let source = sources[i % sources.count]
        if i < sources.count { return source }
        var random = SplitMix(seed: UInt64(i))
        func edit(_ line: String) -> String {
            var words = line.split(separator: " ", omittingEmptySubsequences: false)
            for k in words.indices where random.next() % 50 == 0 {
                words[k] = vocabulary[Int(random.next() % UInt64(vocabulary.count))]
            }
            return words.joined(separator: " ")
        }
        return Source(category: source.category, title: edit(source.title), paragraphs: source.paragraphs.map(edit))
    }
}

/// How the benchmark files look: a page dump (a browser's "save as text", with the
/// site's chrome around the article) or a saved HTML page.
enum BenchFormat: String, ExpressibleByArgument, CaseIterable {
    case text, html

    var fileExtension: String { self == .text ? "txt" : "html" }
}

/// Renders a BBC article as a 2005 BBC News page would have shown it: navigation,
/// headline, byline and date, the body, share buttons, related stories (titles of
/// other articles), newsletter and footer. The chrome varies with `i`, so the
/// cleaner and the extractor have real work to do on every file.
struct PageRenderer {
    let articles: BenchArticles

    private static let reporters = ["Tim Weber", "Jorn Madslien", "Nick Assinder", "Jo Twist", "Darren Waters",
                                    "Mark Ward", "Clare Matheson", "Andrew Walker", "Ben Dirs", "Tom Fordyce"]
    private static let months = ["January", "February", "March", "April", "May", "June", "July", "August",
                                 "September", "October", "November", "December"]
    private static let sections = ["Home", "UK", "World", "Business", "Politics", "Technology", "Science",
                                   "Health", "Education", "Entertainment", "Sport"]

    func render(_ i: Int, as format: BenchFormat) -> String {
        let article = articles.article(i)
        var random = SplitMix(seed: UInt64(i) &+ 7)
        let reporter = Self.reporters[Int(random.next() % UInt64(Self.reporters.count))]
        let day = 1 + Int(random.next() % 28)
        let month = 1 + Int(random.next() % 12)
        let hour = Int(random.next() % 24)
        let minute = Int(random.next() % 60)
        let related = (0..<3).map { _ in articles.sources[Int(random.next() % UInt64(articles.sources.count))].title }
        let section = article.category.prefix(1).uppercased() + article.category.dropFirst()
        let date = (day, month, hour, minute)
        switch format {
        case .text: return dump(article, i: i, reporter: reporter, date: date, related: related, section: section)
        case .html: return html(article, i: i, reporter: reporter, date: date, related: related, section: section)
        }
    }

    private func dump(_ article: BenchArticles.Source, i: Int, reporter: String, date: (Int, Int, Int, Int),
                      related: [String], section: String) -> String {
        var lines: [String] = []
        lines.append("\(article.title) - BBC News")
        lines.append("Skip to content")
        lines.append("Accessibility help")
        lines.append(contentsOf: Self.sections)
        lines.append("More")
        lines.append(section)
        lines.append("")
        lines.append(article.title)
        lines.append("By \(reporter)")
        lines.append("BBC News")
        lines.append(String(format: "Published: %04d/%02d/%02d %02d:%02d:00 GMT", 2005, date.1, date.0, date.2, date.3))
        lines.append("Share")
        lines.append("")
        for paragraph in article.paragraphs {
            lines.append(paragraph)
            lines.append("")
        }
        lines.append("Share this story")
        lines.append("Facebook Twitter Email")
        lines.append("Related stories")
        lines.append(contentsOf: related)
        lines.append("Top stories")
        lines.append("Most read")
        lines.append("Get the BBC News daily email newsletter")
        lines.append("Sign up")
        lines.append("Terms of Use  About the BBC  Privacy Policy  Cookies  Contact the BBC")
        lines.append("Copyright © 2005 BBC. The BBC is not responsible for the content of external sites.")
        return lines.joined(separator: "\n") + "\n"
    }

    private func html(_ article: BenchArticles.Source, i: Int, reporter: String, date: (Int, Int, Int, Int),
                      related: [String], section: String) -> String {
        // One pass over the bytes: Foundation's replacingOccurrences made 100k pages take minutes.
        func escape(_ text: String) -> String {
            var out: [UInt8] = []
            out.reserveCapacity(text.utf8.count + 16)
            for byte in text.utf8 {
                switch byte {
                case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
                case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
                default: out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
        let title = escape(article.title)
        let iso = String(format: "2005-%02d-%02dT%02d:%02d:00Z", date.1, date.0, date.2, date.3)
        let url = "https://news.bbc.co.uk/2/hi/\(article.category)/\(4_000_000 + i).stm"
        var out = """
        <!DOCTYPE html>
        <html lang="en-GB">
        <head>
        <meta charset="utf-8">
        <title>\(title) - BBC News</title>
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="description" content="\(escape(String(article.paragraphs[0].prefix(160))))">
        <meta property="og:title" content="\(title)">
        <meta property="og:type" content="article">
        <meta property="og:site_name" content="BBC News">
        <meta property="og:url" content="\(url)">
        <meta name="author" content="\(reporter)">
        <meta property="article:published_time" content="\(iso)">
        <link rel="canonical" href="\(url)">
        <link rel="stylesheet" href="/css/news.css">
        <script>window.bbcpage = {section: "\(section)", id: \(i)}; (function(){var s=document.createElement('script');s.src='/js/orb.js';document.head.appendChild(s);})();</script>
        </head>
        <body class="news">
        <header class="orb-banner"><a class="skip" href="#main">Skip to content</a><a href="/accessibility">Accessibility help</a>
        <nav class="navigation"><ul>
        """
        for name in Self.sections { out += "<li><a href=\"/news/\(name.lowercased())\">\(name)</a></li>" }
        out += """
        </ul></nav></header>
        <main id="main"><div class="container">
        <article class="story-body">
        <h1 class="story-headline">\(title)</h1>
        <div class="byline"><span class="byline__name">By \(reporter)</span><span class="byline__title">BBC News</span></div>
        <time datetime="\(iso)">\(date.0) \(Self.months[date.1 - 1]) 2005</time>
        <ul class="share-tools"><li><a href="#">Share</a></li><li><a href="#">Facebook</a></li><li><a href="#">Twitter</a></li></ul>

        """
        for paragraph in article.paragraphs { out += "<p>\(escape(paragraph))</p>\n" }
        out += "</article>\n<aside class=\"related-stories\"><h2>Related stories</h2><ul>"
        for (n, other) in related.enumerated() {
            out += "<li><a href=\"/news/related-\(i)-\(n)\">\(escape(other))</a></li>"
        }
        out += """
        </ul></aside>
        <div class="most-read"><h2>Most read</h2><ol><li><a href="/news/1">\(escape(related[0]))</a></li><li><a href="/news/2">\(escape(related[1]))</a></li></ol></div>
        </div></main>
        <div class="newsletter"><p>Get the BBC News daily email newsletter</p><a href="/newsletter">Sign up</a></div>
        <footer class="orb-footer"><ul><li><a href="/terms">Terms of Use</a></li><li><a href="/about">About the BBC</a></li><li><a href="/privacy">Privacy Policy</a></li><li><a href="/cookies">Cookies</a></li></ul>
        <p>Copyright &copy; 2005 BBC. The BBC is not responsible for the content of external sites.</p></footer>
        <script src="/js/analytics.js"></script>
        </body>
        </html>

        """
        return out
    }
}

/// Writes `count` rendered files into `directory` (000000.txt, …) unless it already
/// holds them from an earlier run with the same arguments.
func writeBenchCorpus(_ renderer: PageRenderer, count: Int, format: BenchFormat, into directory: String) throws -> [String] {
    let names = (0..<count).map { String(format: "%06d.%@", $0, format.fileExtension) }
    let stamp = directory + "/.complete"
    if FileManager.default.fileExists(atPath: stamp) { return names }
    try? FileManager.default.removeItem(atPath: directory)
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    for (i, name) in names.enumerated() {
        let bytes = Array(renderer.render(i, as: format).utf8)
        let fd = open(directory + "/" + name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ValidationError("cannot create \(directory)/\(name): errno \(errno)") }
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        close(fd)
        guard written == bytes.count else { throw ValidationError("short write to \(directory)/\(name)") }
    }
    _ = FileManager.default.createFile(atPath: stamp, contents: nil)
    return names
}
