import CLibXML2

/// Saved HTML pages to an article: the main content without page chrome, and the
/// metadata the page states about itself.
///
/// Parses with libxml2's HTML parser (recovering, no network), flattens the tree into
/// text blocks in one walk
/// (`HTMLScan`), picks the article's container by content scoring (`HTMLContent`) and
/// resolves metadata (`HTMLMetadata`). Pure: no files, clocks or logging.
public enum HTMLExtractor {
    /// libxml2 takes the length as a C `int`.
    static let maxBytes = Int(Int32.max)

    /// No XML_PARSE_HUGE: libxml2 keeps its nesting limit (256 levels). Without it,
    /// every end tag that matches no open element searches the whole open-element
    /// stack, so 100,000 `<div>` followed by 100,000 `</span>` take minutes (quadratic);
    /// with the limit that search is at most 256 deep. Where the limit stops the
    /// parse, the rest of the page would be lost: see `flatFallbackDepth`.
    static let parseOptions: Int32 = Int32(bitPattern:
        HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_COMPACT.rawValue)

    /// A tree this deep has (almost surely) hit libxml2's limit, which stops the
    /// parse there: the page is parsed again without its nesting tags
    /// (`HTMLPrefilter.withoutNesting`), so an article after or inside 100,000
    /// nested tags is still found. Real pages stay far below (tens of levels).
    static let flatFallbackDepth = 200

    /// Extracts from decoded text (the page's own charset declaration is ignored:
    /// the text is already Unicode).
    public static func extract(_ html: String) -> Article {
        var html = html
        return html.withUTF8 { extract(utf8: $0) }
    }

    /// Extracts from UTF-8 bytes.
    public static func extract(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Article {
        guard bytes.baseAddress != nil, bytes.count > 0, bytes.count < maxBytes else {
            return Article(format: .html, title: "", text: "")
        }
        let filtered = HTMLPrefilter.stripped(bytes)
        guard !filtered.isEmpty else { return Article(format: .html, title: "", text: "") }
        guard var scan = parseAndScan(filtered) else { return Article(format: .html, title: "", text: "") }
        if scan.deepest >= flatFallbackDepth, let flat = parseAndScan(HTMLPrefilter.withoutNesting(filtered)) {
            scan = flat
        }
        return article(from: &scan)
    }

    /// libxml2's tree of `html`, walked once; nil when libxml2 returns no document.
    static func parseAndScan(_ html: [UInt8]) -> HTMLScan? {
        guard !html.isEmpty else { return nil }
        let document = html.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                htmlReadMemory(pointer, Int32(buffer.count), nil, "UTF-8", parseOptions)
            }
        }
        guard let document else { return nil }
        defer { xmlFreeDoc(document) }
        var scan = HTMLScan()
        scan.scan(document)
        return scan
    }

    static func article(from scan: inout HTMLScan) -> Article {
        var selection = HTMLContent.select(&scan, useClassEvidence: true)
        if selection.chars < 250 {
            // Class names can mislead (a page wrapper called "has-sidebar"): try
            // without them and keep the fuller result.
            let retry = HTMLContent.select(&scan, useClassEvidence: false)
            if retry.chars > selection.chars * 2 { selection = retry }
        }

        var body: [UInt8] = []
        body.reserveCapacity(selection.chars + selection.blocks.count * 2 + 16)
        for blockIndex in selection.blocks {
            let block = scan.blocks[blockIndex]
            if !body.isEmpty { body.append(0x0A); body.append(0x0A) }
            body.append(contentsOf: scan.text[Int(block.start)..<Int(block.end)])
        }
        let text = String(decoding: body, as: UTF8.self)
        let wordCount = body.withUnsafeBufferPointer { HTMLText.countWords($0) }

        let metadata = HTMLMetadata.resolve(scan.metadata)
        var title = metadata.title
        if title.isEmpty, let first = selection.blocks.first {
            let block = scan.blocks[first]
            title = String(decoding: scan.text[Int(block.start)..<Int(block.end)].prefix(200), as: UTF8.self)
        }
        return Article(
            format: .html,
            title: title,
            text: text,
            byline: metadata.byline,
            publisher: metadata.publisher,
            published: metadata.published,
            language: metadata.language,
            url: metadata.url,
            wordCount: wordCount
        )
    }
}
