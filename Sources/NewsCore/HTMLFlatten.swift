extension HTMLPrefilter {
    /// Tags a flattened page keeps: the head's metadata, headings and paragraphs.
    /// None of them nests (libxml2 closes an open `<p>` or heading at the next one).
    static let flatKeptTags: Set<[UInt8]> = Set(
        ["html", "head", "body", "title", "meta", "link", "script", "p", "br", "h1", "h2", "h3", "h4", "h5", "h6"]
            .map { Array($0.utf8) })

    /// `html` without every other start and end tag (each becomes a space): the
    /// fallback for pages nested past libxml2's depth limit (`HTMLExtractor`).
    /// The text stays, in order, in paragraphs; the structure does not.
    static func withoutNesting(_ html: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(html.count)
        var index = 0
        let count = html.count
        var name: [UInt8] = []
        while index < count {
            let byte = html[index]
            guard byte == UInt8(ascii: "<") else {
                output.append(byte)
                index += 1
                continue
            }
            var nameStart = index + 1
            if nameStart < count && html[nameStart] == UInt8(ascii: "/") { nameStart += 1 }
            guard nameStart < count, htmlIsASCIILetter(html[nameStart]) else {
                output.append(byte)
                index += 1
                continue
            }
            var nameEnd = nameStart
            name.removeAll(keepingCapacity: true)
            while nameEnd < count, htmlIsASCIILetter(html[nameEnd]) || (html[nameEnd] >= 0x30 && html[nameEnd] <= 0x39) {
                name.append(htmlLowerASCII(html[nameEnd]))
                nameEnd += 1
            }
            // The tag's end: the first `>` outside a quoted attribute value.
            var end = nameEnd
            var quote: UInt8 = 0
            while end < count {
                let current = html[end]
                if quote != 0 {
                    if current == quote { quote = 0 }
                } else if current == UInt8(ascii: "\"") || current == UInt8(ascii: "'") {
                    quote = current
                } else if current == UInt8(ascii: ">") {
                    break
                }
                end += 1
            }
            let tagEnd = min(end + 1, count)
            if flatKeptTags.contains(name) {
                output.append(contentsOf: html[index..<tagEnd])
            } else {
                output.append(0x20)
            }
            index = tagEnd
        }
        return output
    }
}

@inline(__always) func htmlIsASCIILetter(_ byte: UInt8) -> Bool {
    (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
}
