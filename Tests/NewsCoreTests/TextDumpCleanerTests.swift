import Foundation
import Testing
@testable import NewsCore

// MARK: - Body: chrome removal

@Test func keepsEveryArticleParagraphInOrder() {
    let article = TextDumpCleaner.clean(TextDumpFixtures.dump())
    #expect(article.text == TextDumpFixtures.body)
}

@Test func separatesParagraphsWithOneBlankLine() {
    let dump = TextDumpFixtures.menu + "\n" + TextDumpFixtures.paragraphs.joined(separator: "\n") + "\n" + TextDumpFixtures.shareLine
    let article = TextDumpCleaner.clean(dump)
    #expect(article.text == TextDumpFixtures.paragraphs.joined(separator: "\n\n"))
    #expect(article.lead == TextDumpFixtures.paragraphs[0])
}

@Test func dropsNavigationMenu() {
    let article = TextDumpCleaner.clean(TextDumpFixtures.dump())
    #expect(!article.text.contains("Skip to content"))
    #expect(!article.text.contains("Weather"))
}

@Test func dropsPopularNowList() {
    let article = TextDumpCleaner.clean(TextDumpFixtures.dump())
    #expect(!article.text.contains("Popular Now"))
    #expect(!article.text.contains("Ferry timetable"))
}

@Test func dropsShareLines() {
    let article = TextDumpCleaner.clean(TextDumpFixtures.dump())
    #expect(!article.text.contains("Share"))
    #expect(!article.text.contains("Twitter"))
}

@Test func dropsCommentWidget() {
    let article = TextDumpCleaner.clean(TextDumpFixtures.dump(after: TextDumpFixtures.commentWidget))
    #expect(!article.text.contains("Comments0"))
    #expect(!article.text.contains("log in"))
}

@Test func dropsReaderCommentsAfterTheArticle() {
    let comments = """
    3 responses to “Port Vellan closes northern pier”

    harbourwatcher says:
    March 12, 2024 at 9:14 am
    About time too, the pier has been falling apart for years and everyone in the town knew it, so the council should have acted long before the storms made the decision for them.

    margo_b says:
    March 12, 2024 at 10:02 am
    I hope the market in the square works out, because the traders have had a very difficult year already and many of them will not survive another bad summer without the visitors.
    """
    let article = TextDumpCleaner.clean(TextDumpFixtures.dump(after: comments))
    #expect(article.text == TextDumpFixtures.body)
}

@Test func dropsBlogCommentsWithTimeStamps() {
    let comments = """
    Gwen Harlow
    March 12, 2024 at 7:07 pm
    Thank you for writing about the pier, my grandfather fished from it every morning for forty years and we will all miss the market while the repairs go on.
    Tomas Ferreira
    March 12, 2024 at 8:15 pm
    Thanks for reading, Gwen, and for sharing that memory with us; we will follow the repairs closely and report on the reopening when it comes.
    """
    let article = TextDumpCleaner.clean(TextDumpFixtures.dump(after: "").replacingOccurrences(of: TextDumpFixtures.shareLine, with: comments))
    #expect(article.text == TextDumpFixtures.body)
}

@Test func survivesLinesWithoutWords() {
    let dump = "•\n—\n\n...\n" + TextDumpFixtures.menu + "\n|\n" + TextDumpFixtures.body + "\n\n•\n© \n#\nBy\n"
    let article = TextDumpCleaner.clean(dump)
    #expect(article.text == TextDumpFixtures.body)
}

@Test func dropsDonationAppeal() {
    let article = TextDumpCleaner.clean(TextDumpFixtures.dump(after: TextDumpFixtures.donationAppeal))
    #expect(!article.text.contains("Dear readers"))
    #expect(!article.text.contains("support us"))
    #expect(article.text == TextDumpFixtures.body)
}

@Test func dropsNewsletterBox() {
    let dump = TextDumpFixtures.menu + "\n\nPier closes for repairs\n\n" + TextDumpFixtures.body
        + "\n\nRead more about: Port Vellan, Harbour\n\n" + TextDumpFixtures.newsletter
    let article = TextDumpCleaner.clean(dump)
    #expect(!article.text.contains("newsletter"))
    #expect(!article.text.contains("Read more about"))
}

@Test func dropsSeeAlsoTeaserInsideTheArticle() {
    var lines = TextDumpFixtures.paragraphs
    lines.insert("See also  Storm damage closes coastal road for a week", at: 2)
    let dump = TextDumpFixtures.menu + "\n\n" + lines.joined(separator: "\n\n") + "\n\n" + TextDumpFixtures.shareLine
    let article = TextDumpCleaner.clean(dump)
    #expect(!article.text.contains("See also"))
    #expect(article.text == TextDumpFixtures.body)
}

@Test func dropsTeaserListOfHeadlinesAndSummaries() {
    let teasers = """
    More from the Ledger

    Ferry timetable changes announced for the winter season
    The operator says the last evening crossing will leave half an hour earlier from November, because fewer passengers travel after dark in the colder months.
    Council approves new cycle lanes along the seafront
    Work on the first section between the station and the lighthouse will begin in the spring and should be finished before the summer visitors arrive.
    Lighthouse museum reopens after two years of restoration
    Volunteers have repainted the lamp room and rebuilt the spiral stairs, and the museum will open every weekend with free entry for children under twelve.
    School choir wins regional competition
    The children sang three songs in four languages and were praised by the judges for a performance that they said was both brave and beautifully prepared.
    """
    let article = TextDumpCleaner.clean(TextDumpFixtures.dump(after: "").replacingOccurrences(of: TextDumpFixtures.popularNow, with: teasers))
    #expect(article.text == TextDumpFixtures.body)
}

@Test func dropsPhotoCaptionWithCredit() {
    var lines = TextDumpFixtures.paragraphs
    lines.insert("Workers inspect the supports of the northern pier in Port Vellan on Monday. (Photo: Harbour Authority)", at: 1)
    lines.insert("Fishing boats moored in the southern basin, where temporary berths are being installed [HARBOR LEDGER]", at: 3)
    let article = TextDumpCleaner.clean(TextDumpFixtures.menu + "\n\n" + lines.joined(separator: "\n\n"))
    #expect(!article.text.contains("(Photo:"))
    #expect(!article.text.contains("[HARBOR LEDGER]"))
    #expect(article.text == TextDumpFixtures.body)
}

@Test func dropsRepeatedCaption() {
    let caption = "The chief engineer of the harbour authority speaks to reporters about the repairs to the northern pier during a briefing held in the harbour office on Tuesday morning"
    var lines = TextDumpFixtures.paragraphs
    lines.insert(caption, at: 0)
    lines.insert(caption, at: 0)
    let article = TextDumpCleaner.clean(TextDumpFixtures.menu + "\n\n" + lines.joined(separator: "\n\n"))
    #expect(!article.text.contains("speaks to reporters"))
}

@Test func dropsElidedTeaserThatRepeatsTheLead() {
    let teaser = TextDumpFixtures.paragraphs[0] + " Officials expect the work to take at least four months, and they have asked […]"
    let dump = "Uncategorized\n\nPort Vellan closes northern pier\n\n" + teaser + "\n\n" + TextDumpFixtures.body
    let article = TextDumpCleaner.clean(dump)
    #expect(!article.text.contains("[…]"))
    #expect(article.text == TextDumpFixtures.body)
}

@Test func dropsClosingAuthorBio() {
    let bio = "Tomas Ferreira is a reporter for The Harbor Ledger who covers the coast, its ports and the people who work in them."
    let article = TextDumpCleaner.clean(TextDumpFixtures.dump(after: "") .replacingOccurrences(of: TextDumpFixtures.shareLine, with: bio))
    #expect(!article.text.contains("is a reporter for"))
}

@Test func keepsShortSubheadingBetweenParagraphs() {
    var lines = TextDumpFixtures.paragraphs
    lines.insert("What happens next", at: 3)
    let article = TextDumpCleaner.clean(TextDumpFixtures.menu + "\n\n" + lines.joined(separator: "\n\n") + "\n\n" + TextDumpFixtures.shareLine)
    #expect(article.text == lines.joined(separator: "\n\n"))
}

@Test func keepsAPlainArticleWhole() {
    let plain = "Pier closes for repairs\n\n" + TextDumpFixtures.body
    let article = TextDumpCleaner.clean(plain)
    #expect(article.text == TextDumpFixtures.body)
    #expect(article.title == "Pier closes for repairs")
}

@Test func keepsSomethingForAShortNote() {
    let article = TextDumpCleaner.clean("Meeting moved to Thursday\nSee you there")
    #expect(!article.text.isEmpty)
}

@Test func handlesEmptyAndBlankInput() {
    #expect(TextDumpCleaner.clean("").text.isEmpty)
    #expect(TextDumpCleaner.clean(" \n\r\n\t \n").text.isEmpty)
}

@Test func foldsWhitespaceAndCarriageReturns() {
    let dump = TextDumpFixtures.paragraphs.map { $0.replacingOccurrences(of: " the ", with: "  the\u{00A0}") }.joined(separator: "\r\n\r\n")
    let article = TextDumpCleaner.clean(dump)
    #expect(article.text == TextDumpFixtures.body.replacingOccurrences(of: " the ", with: " the "))
    #expect(!article.text.contains("\r"))
}

@Test func countsWordsLikeArticle() {
    let article = TextDumpCleaner.clean(TextDumpFixtures.dump())
    #expect(article.wordCount == Article.countWords(in: article.text))
}

// MARK: - Title

@Test func takesHeadlineAboveTheByline() {
    let article = TextDumpCleaner.clean(TextDumpFixtures.dump())
    #expect(article.title == "Port Vellan closes northern pier for four months of repairs")
}

@Test func takesHeadlineThatRepeatsThePageTitle() {
    let dump = "Port Vellan closes northern pier for repairs - The Harbor Ledger\n" + TextDumpFixtures.menu
        + "\nPort Vellan closes northern pier for repairs\n\n" + TextDumpFixtures.body
    let article = TextDumpCleaner.clean(dump)
    #expect(article.title == "Port Vellan closes northern pier for repairs")
    #expect(article.publisher == "The Harbor Ledger")
}

@Test func skipsNameLineWhenLookingForTheHeadline() {
    let dump = TextDumpFixtures.menu + "\n\nPort Vellan closes northern pier for four months\n\nTomas Ferreira Views\n\n" + TextDumpFixtures.body
    let article = TextDumpCleaner.clean(dump)
    #expect(article.title == "Port Vellan closes northern pier for four months")
    #expect(article.byline == ["Tomas Ferreira"])
}

@Test func skipsCaptionWhenLookingForTheHeadline() {
    let dump = "Pier to close for repairs\n\nBy Reuters\nThe northern pier of Port Vellan. Anna Keller / Harbour Photos\n\n" + TextDumpFixtures.body
    let article = TextDumpCleaner.clean(dump)
    #expect(article.title == "Pier to close for repairs")
    #expect(article.byline == ["Reuters"])
}

@Test func derivesTitleFromFirstSentenceWhenDumpHasNone() {
    let article = TextDumpCleaner.clean(TextDumpFixtures.paragraphs.joined(separator: "\n"))
    #expect(article.title == "The harbour authority of Port Vellan said on Tuesday that it would close the old northern pier for repairs")
}

@Test func derivedTitleStopsAtFirstSentence() {
    let text = "Storms damaged the pier. " + TextDumpFixtures.paragraphs[1] + "\n" + TextDumpFixtures.paragraphs[3]
    let article = TextDumpCleaner.clean(text)
    #expect(article.title == "Storms damaged the pier")
}

// MARK: - Byline

@Test func readsByLine() {
    #expect(TextDumpCleaner.clean(TextDumpFixtures.dump()).byline == ["Tomas Ferreira"])
}

@Test func readsCapitalisedByLineWithEmail() {
    let dump = TextDumpFixtures.dump(byline: "BY TOMAS FERREIRA [ferreira.tomas@harborledger.example]")
    let article = TextDumpCleaner.clean(dump)
    #expect(article.byline == ["Tomas Ferreira"])
    #expect(article.publisher == "harborledger.example")
}

@Test func readsSeveralAuthors() {
    let article = TextDumpCleaner.clean(TextDumpFixtures.dump(byline: "By Tomas Ferreira, Ilse Marrow and Jon Beck"))
    #expect(article.byline == ["Tomas Ferreira", "Ilse Marrow", "Jon Beck"])
}

@Test func readsNameWithRole() {
    let article = TextDumpCleaner.clean(TextDumpFixtures.dump(byline: "Tomas Ferreira | Reporter"))
    #expect(article.byline == ["Tomas Ferreira"])
}

@Test func readsNameWithSocialHandle() {
    let article = TextDumpCleaner.clean(TextDumpFixtures.dump(byline: "Tomas Ferreira @tferreira"))
    #expect(article.byline == ["Tomas Ferreira"])
}

@Test func leavesWeekdaysAndRolesOutOfBylineNames() {
    #expect(TextDumpCleaner.clean(TextDumpFixtures.dump(byline: "By Tomas Ferreira, Wednesday, 13 March 2024")).byline == ["Tomas Ferreira"])
    #expect(TextDumpCleaner.clean(TextDumpFixtures.dump(byline: "By Tomas Ferreira Staff Writer")).byline == ["Tomas Ferreira"])
}

@Test func readsSignatureWithEmailUnderTheArticle() {
    let dump = "Pier closes for four months of repairs\n\n" + TextDumpFixtures.body + "\n\nTomas Ferreira\nnews@harborledger.example\n\nComments0\n"
    let article = TextDumpCleaner.clean(dump)
    #expect(article.byline == ["Tomas Ferreira"])
    #expect(article.publisher == "harborledger.example")
}

@Test func readsAuthorBioAndSourceLine() {
    let dump = TextDumpFixtures.paragraphs.joined(separator: "\n") + "\nSource: Coastal Wire\n"
        + "Tomas Ferreira is a journalist for The Harbor Ledger. He has covered ports and shipping along the coast for many years."
    let article = TextDumpCleaner.clean(dump)
    #expect(article.byline == ["Tomas Ferreira", "Coastal Wire"])
    #expect(article.publisher == "The Harbor Ledger")
    #expect(!article.text.contains("Source:"))
}

@Test func leavesBylineEmptyWhenNoneIsGiven() {
    let dump = "Uncategorized\n\nPort Vellan closes northern pier for four months\n\n" + TextDumpFixtures.body + "\n\n" + TextDumpFixtures.shareLine
    let article = TextDumpCleaner.clean(dump)
    #expect(article.byline.isEmpty)
    #expect(article.publisher == nil)
    #expect(article.published == nil)
}

// MARK: - Publisher

@Test func readsPublisherFromSourceLineWhenNothingElseNamesIt() {
    let dump = "Pier closes for repairs\n\n" + TextDumpFixtures.body + "\n\nSource: Coastal Wire\n"
    #expect(TextDumpCleaner.clean(dump).publisher == "Coastal Wire")
}

@Test func readsPublisherFromCommentWidget() {
    let article = TextDumpCleaner.clean(TextDumpFixtures.dump(after: TextDumpFixtures.commentWidget))
    #expect(article.publisher == "Harbor Ledger")
}

@Test func readsPublisherFromDonationAppeal() {
    let article = TextDumpCleaner.clean(TextDumpFixtures.dump(after: TextDumpFixtures.donationAppeal))
    #expect(article.publisher == "The Coastal Courier")
}

@Test func readsPublisherFromCopyrightLine() {
    let article = TextDumpCleaner.clean(TextDumpFixtures.dump(after: "Terms of Use\nContact\n© 2024 Harbor Ledger Media. All rights reserved."))
    #expect(article.publisher == "Harbor Ledger Media")
}

@Test func readsCopyrightHolderWithoutYearsOrRightsNotice() {
    let footer = "About us | Advertise | Privacy policy\nCopyright © 2000—2024 Harbor Ledger Media All Rights Reserved"
    #expect(TextDumpCleaner.clean(TextDumpFixtures.dump(after: footer)).publisher == "Harbor Ledger Media")
}

@Test func skipsParenthesisedPhotoCreditWhenLookingForTheHeadline() {
    let dump = TextDumpFixtures.menu + "\n\nPier closes for four months of repairs\n(Anna Keller / Harbour Photos)\n\n" + TextDumpFixtures.body
    #expect(TextDumpCleaner.clean(dump).title == "Pier closes for four months of repairs")
}

// MARK: - Date

@Test func readsDateLineAboveTheArticle() {
    #expect(TextDumpCleaner.clean(TextDumpFixtures.dump()).published == "2024-03-12")
}

@Test func readsDateFromDateMarkerLine() {
    let dump = " date 2024-10-30 Support The Coastal Courier!\nContribute today\n\nPier closes\n\n" + TextDumpFixtures.body
    let article = TextDumpCleaner.clean(dump)
    #expect(article.published == "2024-10-30")
    #expect(article.publisher == "The Coastal Courier")
}

@Test func leavesRelativeWeekdayUnresolved() {
    let article = TextDumpCleaner.clean(TextDumpFixtures.dump(dateLine: "Updated on Monday"))
    #expect(article.published == nil)
}

@Test func ignoresDatesInsideTheArticle() {
    var lines = TextDumpFixtures.paragraphs
    lines[2] = "The pier was first opened on 4 June 1934, when the harbour still handled coal and timber, and it was last rebuilt after a fire in the spring of 1961 by the town's own carpenters."
    let dump = "Uncategorized\n\nPier closes for repairs\n\n" + lines.joined(separator: "\n\n")
    #expect(TextDumpCleaner.clean(dump).published == nil)
}

// MARK: - Fixtures

/// Page dumps written for the tests, in the shape of real browser "select all, copy"
/// output: menus, headline, byline, article, then teaser lists, appeals and widgets.
/// All text is invented for these tests.
enum TextDumpFixtures {
    static let paragraphs = [
        "The harbour authority of Port Vellan said on Tuesday that it would close the old northern pier for repairs after inspectors found that several of its wooden supports had been weakened by a winter of unusually strong storms.",
        "Officials expect the work to take at least four months, and they have asked the fishing cooperatives that use the pier to move their boats to the southern basin, where temporary moorings are being installed this week.",
        "“We would rather lose a season of convenience than risk an accident,” the authority’s chief engineer, Ilse Marrow, told reporters at a briefing in the harbour office. “The pier has served the town for ninety years, and we want it to serve for ninety more.”",
        "Local traders, who depend on the weekend fish market that is held on the pier, said they were worried about the loss of visitors, although the town council has offered to move the market to the square next to the station.",
        "The repairs will be paid for from a regional fund for coastal infrastructure, which was set up after the floods of the previous decade and which has already financed new sea walls in two neighbouring villages.",
    ]

    static var body: String { paragraphs.joined(separator: "\n\n") }

    static let menu = """
    Skip to content
    Home
    News
    Region
    Business
    Sport
    Culture
    Opinion
    Weather
    """

    static let popularNow = """
    Popular Now

      • 1
        Ferry timetable changes announced for the winter season

        REGION

      • 2
        Council approves new cycle lanes along the seafront

        REGION

      • 3
        Lighthouse museum reopens after two years of restoration

        CULTURE
    """

    static let shareLine = """
    Share this article:
    Share on Facebook
    Facebook
    Tweet about this on Twitter
    Twitter
    """

    static let commentWidget = """
    Comments0

    Log in to your social account to connect
    with the Harbor Ledger
    To write comments, please log in to one of the accounts.
    """

    static let donationAppeal = """
    A Message from The Coastal Courier:

    Dear readers,

    Independent local reporting costs money, and advertising alone no longer pays for it. We rely on readers like you to keep our newsroom open and our journalists on the story.

    Your support, no matter how small, makes a real difference. If you can, please support us monthly from just a few pounds, and help keep local news free for everyone who needs it.

    Once
    Monthly
    Continue
    """

    static let newsletter = """
    Sign up for our free weekly newsletter

    Our weekly newsletter brings you a hand-picked selection of stories, features and analysis from the whole coast every Friday morning, straight to your inbox.
    Subscribers agree to the Privacy Policy
    """

    /// A complete dump: menu, headline, byline, date, article, share bar, popular list.
    static func dump(headline: String = "Port Vellan closes northern pier for four months of repairs",
                     byline: String = "By Tomas Ferreira",
                     dateLine: String? = "Published 12 March 2024",
                     after: String = "") -> String {
        var parts = [menu, "", headline, "", byline]
        if let dateLine { parts.append(dateLine) }
        parts.append("")
        parts.append(body)
        parts.append("")
        parts.append(shareLine)
        parts.append("")
        parts.append(popularNow)
        if !after.isEmpty { parts.append(""); parts.append(after) }
        return parts.joined(separator: "\n")
    }
}
