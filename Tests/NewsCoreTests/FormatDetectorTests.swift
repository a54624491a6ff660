@testable import NewsCore
import Testing

struct FormatDetectorTests {
    @Test(arguments: [
        ("<!DOCTYPE html><html><body><p>x</p></body></html>", ArticleFormat.html),
        ("\u{FEFF}  \n<html lang=\"en\"><head><title>T</title></head>", .html),
        ("Some text\n<div class=\"a\">and</div> a <p>paragraph</p>", .html),
        ("Plain page dump\n\nHeadline\n\nBody text mentioning <html> once.", .text),
        ("Menu Home News\n\nA story about a <b>bold</b> claim.", .text),
    ])
    func detectsFormatFromContent(_ input: String, _ expected: ArticleFormat) {
        #expect(FormatDetector.detect(Array(input.utf8)) == expected)
    }

    @Test func seesHTMLInUTF16() {
        let html = "<html><body><p>Hello</p></body></html>"
        let le: [UInt8] = [0xFF, 0xFE] + html.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(FormatDetector.detect(le) == .html)
    }
}
