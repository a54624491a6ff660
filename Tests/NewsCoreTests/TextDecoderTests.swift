import Foundation
@testable import NewsCore
import Testing

struct TextDecoderTests {
    @Test func readsUTF8WithAndWithoutBOM() throws {
        let text = "Choe Son Hui – Moscow “talks”"
        #expect(try TextDecoder.decode(Array(text.utf8)) == DecodedText(text: text, encoding: "utf-8", lossy: false))
        #expect(try TextDecoder.decode([0xEF, 0xBB, 0xBF] + Array(text.utf8)).text == text)
    }

    @Test func readsUTF16WithBOMInBothByteOrders() throws {
        let text = "Pyongyang – Москва"
        let le: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let be: [UInt8] = [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(try TextDecoder.decode(le) == DecodedText(text: text, encoding: "utf-16le", lossy: false))
        #expect(try TextDecoder.decode(be) == DecodedText(text: text, encoding: "utf-16be", lossy: false))
    }

    @Test func recognisesUTF16WithoutBOM() throws {
        let text = "A plain English sentence of some length, saved as UTF-16."
        let le: [UInt8] = text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(try TextDecoder.decode(le).text == text)
    }

    @Test func fallsBackToWindows1252AndSaysSo() throws {
        // 0x93/0x94 are curly quotes, 0xE9 is é in Windows-1252; invalid as UTF-8.
        let bytes: [UInt8] = Array("caf".utf8) + [0xE9, 0x20, 0x93] + Array("hi".utf8) + [0x94]
        #expect(try TextDecoder.decode(bytes) == DecodedText(text: "café “hi”", encoding: "windows-1252", lossy: true))
    }

    @Test func countsControlBytesAtEveryPositionOfTheWordScan() {
        // The scan reads eight bytes at a time: put NULs and other controls at every
        // offset, among bytes on both sides of 0x20 and 0x80, and compare with a plain count.
        var generator = SystemRandomNumberGenerator()
        for length in [0, 1, 7, 8, 9, 15, 16, 17, 63, 64, 65, 1000] {
            var bytes = (0..<length).map { _ in UInt8.random(in: 0x20...0x7E, using: &generator) }
            for index in stride(from: 0, to: length, by: 3) {
                bytes[index] = [0x00, 0x01, 0x0A, 0x09, 0x1F, 0x1B, 0x80, 0xFF, 0x20, 0x7F][index % 10]
            }
            let expectedNul = bytes.filter { $0 == 0 }.count
            let expectedOther = bytes.filter { $0 != 0 && $0 < 0x20 && ![0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B].contains($0) }.count
            let counted = TextDecoder.countControls(bytes)
            #expect(counted.nul == expectedNul, "length \(length)")
            #expect(counted.other == expectedOther, "length \(length)")
        }
    }

    @Test func refusesEmptyAndBinaryInput() {
        #expect(throws: ContentError.empty) { try TextDecoder.decode([]) }
        var binary: [UInt8] = []
        for n in 0..<4096 { binary.append(UInt8(truncatingIfNeeded: n &* 2654435761 >> 13)) }
        #expect(throws: ContentError.self) { try TextDecoder.decode(binary) }
    }

    @Test func dropsStrayNULsAndMarksTheTextLossy() throws {
        var bytes = Array(String(repeating: "A long enough line of text. ", count: 20).utf8)
        bytes.insert(0, at: 100)
        let decoded = try TextDecoder.decode(bytes)
        #expect(decoded.lossy)
        #expect(!decoded.text.contains("\u{0}"))
    }
}

struct RecordJSONTests {
    @Test func lineIsOneJSONObjectThatRoundTrips() throws {
        var article = Article(format: .html, title: "Title \"quoted\" / slash", text: "Line one\n\nLine\ttwo \u{1}")
        article.byline = ["A. Writer"]
        article.entities = Entities(people: [EntityMention(name: "Choe Son Hui", count: 2)])
        let record = Record(id: "038g6kmr96000", file: "sub/ä b.txt", sha256: String(repeating: "a", count: 64), bytes: 12,
                            ingestedAt: "2026-11-23T04:00:00Z", article: article, duplicateOf: "038g6kmr90000", similarity: 0.91234)
        let line = RecordJSON.line(record)
        #expect(line.last == 0x0A)
        #expect(line.dropLast().contains(0x0A) == false)
        let text = String(decoding: line, as: UTF8.self)
        #expect(text.hasPrefix("{\"v\":1,\"id\":\"038g6kmr96000\",\"file\":"))
        #expect(text.contains("/ slash"))   // no escaped slashes
        var decoded = try JSONDecoder().decode(Record.self, from: Data(line))
        #expect(decoded.similarity == 0.9123)
        decoded.similarity = record.similarity
        #expect(decoded == record)
    }
}

struct HTMLCharsetTests {
    @Test(arguments: [
        ("<meta charset=\"Windows-1252\">", "windows-1252"),
        ("<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; CHARSET=iso-8859-1\">", "iso-8859-1"),
        ("<meta charset=utf-8 />", "utf-8"),
        ("<p>no declaration, but a cat and a chart</p>", nil),
    ] as [(String, String?)])
    func findsTheDeclaredCharset(_ html: String, _ expected: String?) {
        #expect(HTMLCharset.declared(in: Array(html.utf8)) == expected)
    }
}
