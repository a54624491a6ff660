import Testing
@testable import NewsCore

// Fixtures: a made-up article about a harbour ferry, written for these tests.

private let paragraphs = [
    "The harbour council voted on Tuesday to keep the night ferry running through the winter, reversing a plan that would have ended the service in November.",
    "Councillors said the decision followed a petition signed by more than four thousand residents, many of whom work late shifts at the hospital across the water.",
    "The ferry operator will receive an additional grant to cover fuel costs, and the timetable will be reviewed again in the spring after a passenger survey.",
    "Residents on the north shore welcomed the vote, saying the next bridge is a forty minute drive away and the bus does not run after ten in the evening.",
]

private func articleBody(_ extra: String = "") -> String {
    "<article><div class=\"article-body\">"
        + paragraphs.map { "<p>\($0)</p>" }.joined()
        + extra
        + "</div></article>"
}

private func page(head: String = "", lang: String? = nil, body: String) -> String {
    let langAttribute = lang.map { " lang=\"\($0)\"" } ?? ""
    return "<!DOCTYPE html><html\(langAttribute)><head><meta charset=\"utf-8\">\(head)</head><body>\(body)</body></html>"
}

private let navigation = """
    <nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>\
    <li><a href="/weather">Weather about the whole region and beyond</a></li></ul></nav>
    """

private func extract(_ html: String) -> Article { HTMLExtractor.extract(html) }

private func bytes(_ html: String, latin1 replacements: [Character: UInt8]) -> [UInt8] {
    var result: [UInt8] = []
    for character in html {
        if let byte = replacements[character] { result.append(byte) } else { result.append(contentsOf: character.utf8) }
    }
    return result
}

@Suite struct HTMLExtractorTests {
    // MARK: - Body

    @Test func keepsArticleParagraphsSeparatedByBlankLines() {
        let article = extract(page(body: navigation + articleBody()))
        #expect(article.text == paragraphs.joined(separator: "\n\n"))
        #expect(article.format == .html)
    }

    @Test func dropsNavAndFooter() {
        let footer = "<footer><p>Copyright 2024 Harbour Gazette. All rights reserved. Contact the newsroom for corrections and complaints about coverage.</p></footer>"
        let article = extract(page(body: navigation + articleBody() + footer))
        #expect(!article.text.contains("Weather"))
        #expect(!article.text.contains("Copyright"))
        #expect(article.text.contains("night ferry"))
    }

    @Test func dropsAside() {
        let aside = "<aside><h3>Most read</h3><p>A long aside paragraph about something else entirely, the kind of box that sits next to the story in the layout.</p></aside>"
        let article = extract(page(body: articleBody(aside)))
        #expect(!article.text.contains("aside paragraph"))
        #expect(!article.text.contains("Most read"))
        #expect(article.text.contains("north shore"))
    }

    @Test func dropsCommentSection() {
        let comments = """
            <div id="comments" class="comments-area"><h3>12 comments</h3>\
            <div class="comment"><p>I have taken that ferry every night for ten years and I am very glad the council listened to us for once.</p></div>\
            <div class="comment"><p>This is a waste of money, the grant should have gone to the schools instead of a boat that nobody uses.</p></div></div>
            """
        let article = extract(page(body: articleBody(comments)))
        #expect(!article.text.contains("ten years"))
        #expect(!article.text.contains("waste of money"))
        #expect(article.text.contains("petition"))
    }

    @Test func dropsShareButtons() {
        let share = "<div class=\"share-tools\"><span>Share this article</span><a href=\"#\">Facebook</a><a href=\"#\">Email</a></div>"
        let article = extract(page(body: articleBody(share)))
        #expect(!article.text.contains("Share this"))
        #expect(!article.text.contains("Facebook"))
    }

    @Test func dropsRelatedStories() {
        let related = """
            <div class="related-stories"><h3>Related</h3><ul>\
            <li><a href="/a">Bridge repairs delayed again as costs rise for the third time this year</a></li>\
            <li><a href="/b">Hospital night shift workers ask for better transport links to the north shore</a></li></ul></div>
            """
        let article = extract(page(body: articleBody(related)))
        #expect(!article.text.contains("Bridge repairs"))
        #expect(!article.text.contains("Related"))
    }

    @Test func dropsScriptsStylesFormsAndHiddenText() {
        let extra = """
            <script>var secret = "script text should vanish";</script><style>.x { color: red }</style>\
            <form><input value="search"><button>Search the site</button></form>\
            <div style="display: none">hidden paragraph text that no reader sees on the page at all</div>
            """
        let article = extract(page(body: articleBody(extra)))
        #expect(!article.text.contains("script text"))
        #expect(!article.text.contains("color"))
        #expect(!article.text.contains("Search the site"))
        #expect(!article.text.contains("hidden paragraph"))
    }

    @Test func keepsHeadingsListItemsAndQuotesAsParagraphs() {
        let extra = """
            <h2>What changes for passengers</h2><ul><li>Last crossing at half past midnight</li>\
            <li>Tickets stay at the current price</li></ul>\
            <blockquote>We listened to the people who use the ferry every single night of the week.</blockquote>\
            <p>The council will publish the full timetable next month on its website and at the terminal.</p>
            """
        let article = extract(page(body: articleBody(extra)))
        let parts = article.text.components(separatedBy: "\n\n")
        #expect(parts.contains("What changes for passengers"))
        #expect(parts.contains("Last crossing at half past midnight"))
        #expect(parts.contains("Tickets stay at the current price"))
        #expect(parts.contains("We listened to the people who use the ferry every single night of the week."))
    }

    @Test func leavesHeadlineOutOfBody() {
        let body = "<article><h1>Night ferry saved for the winter</h1>" + articleBody() + "</article>"
        let article = extract(page(body: body))
        #expect(!article.text.contains("Night ferry saved"))
        #expect(article.title == "Night ferry saved for the winter")
    }

    @Test func picksParagraphsOverTeaserList() {
        let teasers = (1...8).map { number in
            "<div class=\"teaser\"><h4><a href=\"/\(number)\">Other story number \(number)</a></h4>"
                + "<div>An unrelated teaser summary number \(number) that is long enough to look like a real paragraph of text.</div></div>"
        }.joined()
        let body = "<main>" + articleBody() + "</main><section>" + teasers + "</section>"
        let article = extract(page(body: body))
        #expect(article.text.contains("night ferry"))
        #expect(!article.text.contains("unrelated teaser"))
    }

    @Test func keepsTableRowsAsLines() {
        let table = "<table><tr><td>Crossing</td><td>Time</td></tr><tr><td>Last</td><td>00:30</td></tr></table>"
        let article = extract(page(body: articleBody(table)))
        #expect(article.text.contains("Crossing Time"))
        #expect(article.text.contains("Last 00:30"))
    }

    @Test func keepsJSONLDThroughScriptRemovalButNotOtherScripts() {
        let jsonLD = "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":\"Ferry kept\"}</script>"
        let tricky = "<div data-note=\"<script>not a script</script>\"></div>"
        let article = extract(page(head: jsonLD, body: tricky + articleBody()))
        #expect(article.title == "Ferry kept")
        #expect(article.text.contains("night ferry"))
    }

    @Test func skipsCommentsSVGNoscriptAndTemplates() {
        let extra = """
            <p>Tickets go on sale <!-- editor: check the date --> on Monday at the terminal and online.</p>\
            <svg viewBox="0 0 10 10"><text>svg label text</text></svg><noscript>Please enable JavaScript to see this</noscript>\
            <template><p>template paragraph that is never rendered on the page by any browser</p></template>
            """
        let article = extract(page(body: articleBody(extra)))
        #expect(article.text.contains("Tickets go on sale on Monday at the terminal and online."))
        #expect(!article.text.contains("editor"))
        #expect(!article.text.contains("svg label"))
        #expect(!article.text.contains("enable JavaScript"))
        #expect(!article.text.contains("template paragraph"))
    }

    @Test func prefilterLeavesUnterminatedScriptToParser() {
        let html = page(body: articleBody()) + "<script>var unterminated = 1;"
        let article = extract(html)
        #expect(article.text.contains("night ferry"))
        #expect(!article.text.contains("unterminated"))
    }

    @Test func keepsSpacesBetweenInlineElements() {
        let extra = "<p><b>Harbour</b> <i>council</i>\n<a href=\"/x\">minutes</a> are published weekly on the council website for all.</p>\n<div>\n<p>A second paragraph in its own box says the ferry will also carry bicycles.</p>\n</div>"
        let article = extract(page(body: articleBody(extra)))
        #expect(article.text.contains("Harbour council minutes are published weekly"))
        #expect(article.text.hasSuffix("for all.\n\nA second paragraph in its own box says the ferry will also carry bicycles."))
    }

    @Test func keepsPageMarkedAriaHiddenBehindDialog() {
        let body = "<div id=\"page\" aria-hidden=\"true\">" + navigation + articleBody() + "</div>"
            + "<div role=\"dialog\"><p>We use cookies to improve your experience on this website.</p></div>"
        let article = extract(page(body: body))
        #expect(article.text.contains("night ferry"))
        #expect(!article.text.contains("cookies"))
    }

    @Test func readsAttributesWithBracketsAndWithoutQuotes() {
        let byline = "<p class=byline data-json='{\"a\": \"b > c\"}'>By <a href=/staff/jane rel=author title=\"x > y\">Jane Doe</a></p>"
        let extra = "<p data-note=\"1 > 0\" title='quote \"inside\"' checked class=\"lead\">The timetable is posted at both piers and on the council website.</p>"
            + "<div class=share-tools data-count=3><a href=#>Facebook</a><span>Share this article with friends</span></div>"
        let article = extract(page(body: byline + articleBody(extra)))
        #expect(article.byline == ["Jane Doe"])
        #expect(article.text.contains("The timetable is posted at both piers"))
        #expect(!article.text.contains("> 0"))
        #expect(!article.text.contains("Share this article"))
    }

    @Test func countsWordsLikeArticle() {
        let body = "<article><p>Café “naïve” déjà-vu 2024, 東京 and Ελλάδα: 12.5% of 3 boats.</p>" + articleBody() + "</article>"
        let article = extract(page(body: body))
        #expect(article.wordCount == Article.countWords(in: article.text))
        #expect(article.lead == Article.firstParagraph(of: article.text))
    }

    // MARK: - Metadata

    @Test func readsOpenGraph() {
        let head = """
            <title>Night ferry saved | Harbour Gazette</title>\
            <meta property="og:title" content="Night ferry saved for the winter">\
            <meta property="og:site_name" content="Harbour Gazette">\
            <meta property="og:url" content="https://gazette.example/ferry-saved">
            """
        let article = extract(page(head: head, body: articleBody()))
        #expect(article.title == "Night ferry saved for the winter")
        #expect(article.publisher == "Harbour Gazette")
        #expect(article.url == "https://gazette.example/ferry-saved")
    }

    @Test func readsTwitterTitle() {
        let head = "<meta name=\"twitter:title\" content=\"Ferry runs all winter\"><title>Something else</title>"
        #expect(extract(page(head: head, body: articleBody())).title == "Ferry runs all winter")
    }

    @Test func removesSiteNameFromTitleElement() {
        let head = "<title>Night ferry saved for the winter | Harbour Gazette</title><meta property=\"og:site_name\" content=\"Harbour Gazette\">"
        #expect(extract(page(head: head, body: articleBody())).title == "Night ferry saved for the winter")
        let unknownSite = "<title>Night ferry saved for the winter - Gazette</title>"
        #expect(extract(page(head: unknownSite, body: articleBody())).title == "Night ferry saved for the winter")
    }

    @Test func readsMetaAuthor() {
        let head = "<meta name=\"author\" content=\"Jane Doe, John Roe\">"
        #expect(extract(page(head: head, body: articleBody())).byline == ["Jane Doe", "John Roe"])
    }

    @Test func readsRelAuthorAndBylineClass() {
        let withRel = "<p class=\"byline\">By <a rel=\"author\" href=\"/staff/jane\">Jane Doe</a></p>" + articleBody()
        #expect(extract(page(body: withRel)).byline == ["Jane Doe"])
        let withClass = "<div class=\"byline\">By Mary Major and Richard Roe</div>" + articleBody()
        #expect(extract(page(body: withClass)).byline == ["Mary Major", "Richard Roe"])
    }

    @Test func ignoresCommentAuthorsAndJobTitlesInByline() {
        let comments = "<div class=\"comments\"><div class=\"comment-author\">Angry Reader</div><p>I disagree with every word of this article and the council too.</p></div>"
        let body = "<div class=\"byline\">By Mary Major, Harbour Correspondent</div>" + articleBody(comments)
        #expect(extract(page(body: body)).byline == ["Mary Major"])
        let onlyComments = articleBody(comments)
        #expect(extract(page(body: onlyComments)).byline == [])
    }

    @Test func cleansPublisherNames() {
        let url = "<meta property=\"og:site_name\" content=\"https://www.gazette.example\">"
        #expect(extract(page(head: url, body: articleBody())).publisher == "gazette.example")
        let slogan = "<meta property=\"og:site_name\" content=\"Harbour Gazette | News you can trust\">"
        #expect(extract(page(head: slogan, body: articleBody())).publisher == "Harbour Gazette")
    }

    @Test func readsArticlePublishedTime() {
        let head = "<meta property=\"article:published_time\" content=\"2024-10-30T09:15:00+0300\">"
        #expect(extract(page(head: head, body: articleBody())).published == "2024-10-30T09:15:00+03:00")
    }

    @Test func readsTimeElementAndMetaDate() {
        let withTime = "<time datetime=\"2019-11-19\">19 Nov</time>" + articleBody()
        #expect(extract(page(body: withTime)).published == "2019-11-19")
        let withMeta = "<meta name=\"date\" content=\"2019-11-20 08:02:11Z\">"
        #expect(extract(page(head: withMeta, body: articleBody())).published == "2019-11-20T08:02:11Z")
        let notISO = "<meta name=\"date\" content=\"November 20, 2019\">"
        #expect(extract(page(head: notISO, body: articleBody())).published == nil)
    }

    @Test func readsJSONLDNewsArticleInGraph() {
        let jsonLD = """
            <script type="application/ld+json">
            {"@context": "https://schema.org", "@graph": [
              {"@type": "Organization", "@id": "https://gazette.example/#org", "name": "Harbour Gazette"},
              {"@type": "WebPage", "@id": "https://gazette.example/ferry", "name": "Ferry page"},
              {"@type": ["NewsArticle", "Article"], "headline": "Council keeps the night ferry",
               "datePublished": "2024-10-30T09:15:00Z",
               "author": [{"@type": "Person", "name": "Jane Doe"}, {"@type": "Person", "name": "John Roe"}],
               "publisher": {"@id": "https://gazette.example/#org"}}
            ]}
            </script>
            """
        let article = extract(page(head: jsonLD, body: articleBody()))
        #expect(article.title == "Council keeps the night ferry")
        #expect(article.byline == ["Jane Doe", "John Roe"])
        #expect(article.publisher == "Harbour Gazette")
        #expect(article.published == "2024-10-30T09:15:00Z")
    }

    @Test func readsJSONLDTopLevelArray() {
        let jsonLD = """
            <script type="application/ld+json">[{"@type": "BreadcrumbList"},
            {"@type": "NewsArticle", "headline": "Ferry kept", "author": "Jane Doe",
             "publisher": {"@type": "Organization", "name": "Harbour Gazette"}, "datePublished": "2024-10-30"}]</script>
            """
        let article = extract(page(head: jsonLD, body: articleBody()))
        #expect(article.byline == ["Jane Doe"])
        #expect(article.publisher == "Harbour Gazette")
        #expect(article.published == "2024-10-30")
    }

    @Test func readsCanonicalLinkBeforeOpenGraphURL() {
        let head = "<link rel=\"canonical\" href=\"https://gazette.example/a/ferry\"><meta property=\"og:url\" content=\"https://gazette.example/og\">"
        #expect(extract(page(head: head, body: articleBody())).url == "https://gazette.example/a/ferry")
    }

    @Test func readsHTMLLangPrimarySubtag() {
        #expect(extract(page(lang: "en-GB", body: articleBody())).language == "en")
        #expect(extract(page(lang: "PT_br", body: articleBody())).language == "pt")
        #expect(extract(page(body: articleBody())).language == nil)
    }

    // MARK: - Charset (through the whole processor)

    @Test func decodesMetaCharsetWindows1252() throws {
        let html = "<html><head><meta charset=\"windows-1252\"><title>Caf\u{e9} ferry</title></head><body>"
            + articleBody("<p>The caf\u{e9} on the pier will stay open late for passengers waiting for the last boat.</p>")
            + "</body></html>"
        let article = try ArticleProcessor().process(bytes(html, latin1: ["\u{e9}": 0xE9]))
        #expect(article.format == .html)
        #expect(article.text.contains("The caf\u{e9} on the pier"))
        #expect(article.title == "Caf\u{e9} ferry")
    }

    @Test func decodesHTTPEquivLatin1() throws {
        let html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"></head><body>"
            + articleBody("<p>Na\u{ef}ve hopes of a bridge were dropped years ago, the harbour master said on Tuesday.</p>")
            + "</body></html>"
        let article = try ArticleProcessor().process(bytes(html, latin1: ["\u{ef}": 0xEF]))
        #expect(article.text.contains("Na\u{ef}ve hopes"))
    }

    @Test func keepsUTF8WhenDeclaredCharsetIsWrong() throws {
        let html = "<html><head><meta charset=\"iso-8859-1\"></head><body>"
            + articleBody("<p>The caf\u{e9} on the pier will stay open late for passengers waiting for the last boat.</p>")
            + "</body></html>"
        let article = try ArticleProcessor().process(Array(html.utf8))
        #expect(article.text.contains("The caf\u{e9} on the pier"))
    }

    // MARK: - Hostile input

    @Test func survivesDeepNesting() {
        let depth = 100_000
        let html = "<html><body>" + String(repeating: "<div>", count: depth) + "deep text"
            + String(repeating: "</div>", count: depth) + articleBody() + "</body></html>"
        let article = extract(html)
        #expect(article.format == .html)
    }

    @Test func survivesEntityBombs() {
        let doctype = """
            <!DOCTYPE html [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\
            <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>
            """
        let bomb = String(repeating: "&d;", count: 10_000) + String(repeating: "&amp;&lt;&#x41;&eacute;", count: 50_000)
        let html = doctype + "<html><body><p>" + bomb + "</p>" + articleBody() + "</body></html>"
        let article = extract(html)
        // No expansion of page-defined entities: the output stays about the size of the input.
        #expect(article.text.utf8.count < html.utf8.count * 2)
    }

    @Test func survivesHugeSingleLine() {
        let line = String(repeating: "word ", count: 2_000_000)  // 10 MB, no line break
        let html = "<html><body><p>" + line + "</p></body></html>"
        let article = extract(html)
        #expect(article.wordCount > 0)
    }

    @Test func handlesEmptyAndTagOnlyInput() {
        #expect(extract("").text.isEmpty)
        #expect(extract("<!-- only a comment -->").text.isEmpty)
        #expect(extract("<html><body></body></html>").text.isEmpty)
    }
}
