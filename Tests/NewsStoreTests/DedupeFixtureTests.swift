import NewsCore

/// Invented articles for dedupe and story tests (never corpus text).
enum DedupeFixtures {
    static let harbour = """
    The city council of Port Almeria voted on Tuesday to close the old fishing harbour to heavy cargo traffic, ending a dispute that has divided residents for almost a decade.

    Councillors backed the plan by nineteen votes to eleven after a debate that lasted most of the afternoon. Supporters said the narrow quays were never built for container lorries and that the constant traffic had cracked the sea wall in two places.

    "We are not closing the harbour, we are giving it back to the people who fish from it," said deputy mayor Ines Caldwell, who proposed the measure. She said the freight companies would be offered berths at the new terminal on the northern shore, which opened last spring.

    Opponents warned that the decision would cost jobs in the warehouses along Canal Street. The local transport union said about two hundred workers depended on the cargo trade and asked the council to delay the closure until a retraining scheme was in place.

    The harbour master, Tomas Breuer, said the first restrictions would apply from the start of next month. Lorries heavier than twelve tonnes will need a permit, and night deliveries will stop entirely. A public meeting to explain the changes is planned for the town hall next week.

    Engineers will begin repairs to the sea wall in the autumn, once the heaviest traffic has moved away. The work is expected to take eighteen months and will be paid for partly by a regional grant.
    """

    static let library = """
    A village library in the hills above Castel Rovo has been saved from closure after volunteers raised enough money to keep it open for another three years.

    The library, housed in a former school since the nineteen fifties, was due to shut at the end of the summer when the provincial budget for rural services was cut. Within weeks a group of parents and retired teachers had organised book sales, a cycling race and a concert in the church square.

    "People here do not have a cinema or a bank any more, so the library is where the village meets," said organiser Paola Venn, a former headmistress. "Children do their homework here and older people come to read the newspapers and talk."

    The campaign also persuaded a software company in the valley to donate six computers and pay for a faster internet connection. The mayor, Gianni Ortelli, said the council would match every euro raised by the volunteers with funds from its own reserves.

    Opening hours will be extended to Saturday mornings from October, and a reading club for teenagers will start in the new year. The volunteers say their next goal is to repair the leaking roof before winter.
    """

    static let bridge = """
    Engineers have found serious corrosion in the steel cables of the Verran suspension bridge, forcing the regional authority to limit traffic to a single lane in each direction.

    The problem was discovered during a routine inspection last month, when a camera robot sent inside the main cable housings recorded rust on several strands. Further tests showed that some wires had lost a significant part of their strength.

    "There is no immediate danger to the public, but we cannot allow the bridge to carry its normal load until we understand how far the damage goes," said chief engineer Hana Lindqvist. Lorries will be diverted through the river tunnel, adding about twenty minutes to journeys.

    The bridge, which opened more than forty years ago, carries around thirty thousand vehicles a day. Business groups said the restrictions would hurt shops and delivery firms on both banks, and called for the repairs to be carried out at night.

    The authority said a full assessment would take several weeks. Replacing the cables could cost tens of millions and might require closing the bridge completely for part of next year.
    """

    /// Site chrome a cleaner might leave around a body.
    static let chromeA = """
    Share this article on Facebook Twitter Email

    Sign up to our morning newsletter and never miss a story. We respect your privacy.
    """

    static let chromeB = """
    Most read today: Weather warning for the weekend; Local team wins cup; New cafe opens downtown

    Advertise with us | Contact the newsroom | Terms of use | Cookie settings
    """

    /// A long footer shared by every article of one site: author box and comments.
    static let siteFooter = """
    About the author: Jordan Pike has written for the Evening Ledger for over fifteen years, covering local politics, transport and the environment. Jordan lives by the coast with two dogs and far too many bicycles, and answers every reader letter personally.

    Comments (3): Marta wrote: Great reporting as always, keep it up, this is why I subscribe to the paper every single year. Reply. Ben wrote: I have been saying this for years and nobody listened to me at the residents meeting. Reply. Sue wrote: Thanks for covering our town so carefully. Reply.

    Support independent local journalism. Become a member today for less than the price of a coffee a week and help us keep reporters in the courts, council chambers and schools of the county.
    """

    static func earnings(company: String, revenue: String, profit: String, change: String, eps: String, chief: String) -> String {
        """
        \(company) reported quarterly revenue of \(revenue) million dollars on Thursday, compared with analysts' expectations, and net profit of \(profit) million dollars. Revenue changed \(change) percent from a year earlier. Earnings per share were \(eps) cents. Chief executive \(chief) said the company remained confident about the full year and would update investors at its annual meeting. Shares of \(company) moved in after-hours trading following the announcement. The company will pay a quarterly dividend to shareholders of record at the end of the month.
        """
    }

    static func result(home: String, away: String, homeGoals: Int, awayGoals: Int, scorer: String, minute: Int, crowd: String) -> String {
        """
        \(home) beat \(away) \(homeGoals)-\(awayGoals) on Saturday in front of a crowd of \(crowd) at their home ground. \(scorer) scored the decisive goal in the \(minute)th minute after a corner was only half cleared. The result moves \(home) up the table, while \(away) remain in the bottom half. Both managers said they were pleased with the effort of their players. The teams meet again in the cup next month.
        """
    }

    /// Replace the `n`-th word of every `every` words (a light rewording).
    static func reword(_ text: String, every: Int, with replacement: String = "also") -> String {
        var index = 0
        return text.split(separator: " ", omittingEmptySubsequences: false).map { word -> String in
            index += 1
            return index % every == 0 ? replacement : String(word)
        }.joined(separator: " ")
    }
}
