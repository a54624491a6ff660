import Testing
@testable import NewsCore

@Test(arguments: [
    ("date 2024-10-30", "2024-10-30"),
    ("2024.10.30", "2024-10-30"),
    ("2024/10/30 09:15", "2024-10-30"),
    ("Oct. 30, 2024", "2024-10-30"),
    ("Published: October 30th, 2024 at 9:15 am", "2024-10-30"),
    ("Nov 20 2019 4:29 AM EST", "2019-11-20"),
    ("Wednesday, November 20, 2019", "2019-11-20"),
    ("30 October 2024", "2024-10-30"),
    ("Wednesday 20th November 2019 9:22 am", "2019-11-20"),
    ("19 Nov, 2019", "2019-11-19"),
    ("30. Oktober 2024", "2024-10-30"),
    ("le 3 février 2023", "2023-02-03"),
    ("30 de outubro de 2024", "2024-10-30"),
    ("5 de mayo de 2021", "2021-05-05"),
    ("30 октября 2024", "2024-10-30"),
    ("30.10.2024", "2024-10-30"),
    ("11/20/2019 01:14 PM", "2019-11-20"),
    ("20/11/2019", "2019-11-20"),
    ("2024年10月30日", "2024-10-30"),
    ("2024년 10월 30일", "2024-10-30"),
    ("Sept. 13, 2023", "2023-09-13"),
])
func parsesDateForms(input: String, expected: String) {
    #expect(DateParser.parse(input) == expected)
}

@Test(arguments: [
    "on Monday",
    "Updated 2 hours ago",
    "yesterday at noon",
    "during their meeting on Oct. 19",
    "10,000 soldiers in 2024",
    "",
])
func leavesIncompleteOrRelativeDatesUnresolved(input: String) {
    #expect(DateParser.parse(input) == nil)
}

@Test func rejectsImpossibleDates() {
    #expect(DateParser.parse("2024-02-30") == nil)
    #expect(DateParser.parse("2023-13-01") == nil)
    #expect(DateParser.parse("February 29, 2023") == nil)
    #expect(DateParser.parse("February 29, 2024") == "2024-02-29")
}

@Test func returnsTheFirstDateInTheText() {
    #expect(DateParser.parse("Posted 12 March 2024, updated 14 March 2024") == "2024-03-12")
}

@Test func ignoresNumbersThatOnlyLookLikeDates() {
    #expect(DateParser.parse("Score 3-1 in 2024") == nil)
}
