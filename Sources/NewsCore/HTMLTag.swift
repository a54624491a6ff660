/// The HTML elements the extractor tells apart, and how each one shapes the text.
///
/// Names are matched on libxml2's lowercased element names, packed into a `UInt64`
/// (first eight bytes), so classifying a node costs one dictionary lookup.
enum HTMLTag: UInt8 {
    case other
    /// Unknown element whose name has a dash (custom elements): treated as a block.
    case custom
    // Inline.
    case a, span, br, img
    // Blocks.
    case div, p, h1, h2, h3, h4, h5, h6, li, ul, ol, dl, dt, dd, blockquote, pre
    case table, tr, td, th, tbody, thead, tfoot, caption
    case section, article, main, header, footer, nav, aside, figure, figcaption
    case form, address, center, details, summary, hr, body, html, fieldset, menu
    // Never text.
    case script, style, noscript, template, svg, math, canvas, iframe, object, embed
    case video, audio, select, button, input, textarea, option, map, source, picture, label
    case head, title, meta, link, time

    /// Starts and ends a paragraph of its own. Table cells do not: a table row is one
    /// paragraph, its cells separated by spaces.
    var isBlock: Bool {
        switch self {
        case .div, .p, .h1, .h2, .h3, .h4, .h5, .h6, .li, .ul, .ol, .dl, .dt, .dd, .blockquote, .pre,
             .table, .tr, .tbody, .thead, .tfoot, .caption,
             .section, .article, .main, .header, .footer, .nav, .aside, .figure, .figcaption,
             .form, .address, .center, .details, .summary, .hr, .body, .html, .fieldset, .menu, .custom:
            return true
        default:
            return false
        }
    }

    /// Holds no article text (scripts, media, form controls).
    var isDropped: Bool {
        switch self {
        case .script, .style, .noscript, .template, .svg, .math, .canvas, .iframe, .object, .embed,
             .video, .audio, .select, .button, .input, .textarea, .option, .map, .source, .picture,
             .head, .title, .meta, .link:
            return true
        default:
            return false
        }
    }

    /// Page chrome by its very element: navigation, asides, page headers and footers.
    var isChrome: Bool {
        switch self {
        case .nav, .aside, .footer, .header, .menu: return true
        default: return false
        }
    }

    /// Structures text inside a container rather than holding paragraphs itself.
    var isTextStructure: Bool {
        switch self {
        case .p, .h1, .h2, .h3, .h4, .h5, .h6, .li, .ul, .ol, .dl, .dt, .dd, .blockquote, .pre,
             .figure, .figcaption, .table, .tr, .tbody, .thead, .tfoot, .caption, .address, .hr,
             .details, .summary, .span, .other, .a, .time, .label:
            return true
        default:
            return false
        }
    }

    var isHeading: Bool {
        switch self {
        case .h1, .h2, .h3, .h4, .h5, .h6: return true
        default: return false
        }
    }

    var isList: Bool { self == .ul || self == .ol || self == .dl || self == .menu }

    private static let byName: [UInt64: HTMLTag] = {
        var table: [UInt64: HTMLTag] = [:]
        let names: [(String, HTMLTag)] = [
            ("a", .a), ("span", .span), ("br", .br), ("img", .img),
            ("div", .div), ("p", .p), ("h1", .h1), ("h2", .h2), ("h3", .h3), ("h4", .h4), ("h5", .h5), ("h6", .h6),
            ("li", .li), ("ul", .ul), ("ol", .ol), ("dl", .dl), ("dt", .dt), ("dd", .dd),
            ("blockquote", .blockquote), ("pre", .pre),
            ("table", .table), ("tr", .tr), ("td", .td), ("th", .th), ("tbody", .tbody), ("thead", .thead),
            ("tfoot", .tfoot), ("caption", .caption),
            ("section", .section), ("article", .article), ("main", .main), ("header", .header),
            ("footer", .footer), ("nav", .nav), ("aside", .aside), ("figure", .figure), ("figcaption", .figcaption),
            ("form", .form), ("address", .address), ("center", .center), ("details", .details),
            ("summary", .summary), ("hr", .hr), ("body", .body), ("html", .html), ("fieldset", .fieldset),
            ("menu", .menu),
            ("script", .script), ("style", .style), ("noscript", .noscript), ("template", .template),
            ("svg", .svg), ("math", .math), ("canvas", .canvas), ("iframe", .iframe), ("object", .object),
            ("embed", .embed), ("video", .video), ("audio", .audio), ("select", .select), ("button", .button),
            ("input", .input), ("textarea", .textarea), ("option", .option), ("map", .map), ("source", .source),
            ("picture", .picture), ("label", .label), ("head", .head), ("title", .title), ("meta", .meta),
            ("link", .link), ("time", .time),
        ]
        for (name, tag) in names {
            let bytes = Array(name.utf8)
            table[pack(bytes.count, { bytes[$0] })] = tag
        }
        return table
    }()

    private static func pack(_ count: Int, _ byte: (Int) -> UInt8) -> UInt64 {
        var key: UInt64 = 0
        for index in 0..<min(count, 8) { key |= UInt64(byte(index)) << (8 * UInt64(index)) }
        return key
    }

    /// Classifies a name given as `length` bytes of any case (the prefilter's view).
    static func classify(bytes name: UnsafePointer<UInt8>, length: Int) -> HTMLTag {
        var key: UInt64 = 0
        for index in 0..<min(length, 8) { key |= UInt64(htmlLowerASCII(name[index])) << (8 * UInt64(index)) }
        if let tag = byName[key], length <= 8 || tag == .blockquote || tag == .figcaption { return tag }
        return .other
    }

    /// Whitespace next to this tag never separates words in the extracted text: the
    /// tag breaks the paragraph, holds no text, or (cells) adds its own space.
    var whitespaceAroundIsInsignificant: Bool {
        switch self {
        case .br, .td, .th, .head, .title, .meta, .link, .script, .style, .noscript, .template, .svg:
            return true
        default:
            return isBlock
        }
    }

    /// Classifies a NUL-terminated element name.
    static func classify(_ name: UnsafePointer<UInt8>) -> HTMLTag {
        var key: UInt64 = 0
        var length = 0
        var hasDash = false
        while name[length] != 0 {
            let byte = name[length]
            if byte == UInt8(ascii: "-") { hasDash = true }
            if length < 8 { key |= UInt64(byte) << (8 * UInt64(length)) }
            length += 1
            if length > 64 { break }
        }
        if let tag = byName[key] {
            // Names longer than 8 bytes only match the long names they start like.
            if length <= 8 || tag == .blockquote || tag == .figcaption { return tag }
        }
        return hasDash ? .custom : .other
    }
}
