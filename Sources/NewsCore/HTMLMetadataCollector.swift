import CLibXML2

/// Raw metadata met during the tree walk: `<meta>` values by key, canonical link,
/// `<title>`, JSON-LD blocks, `<time datetime>`, byline candidates, `<h1>` text and
/// `<html lang>`. `HTMLMetadata.resolve` turns it into article fields.
struct HTMLMetadataCollector {
    /// `<meta>` content by lowercased name/property/itemprop; the first value wins.
    var meta: [String: String] = [:]
    var canonical: String?
    var title: String?
    var jsonLD: [String] = []
    /// `<time datetime>` values; the preferred ones (pubdate, itemprop=datePublished) first.
    var times: [String] = []
    private var preferredTimes = 0
    /// Byline texts from rel=author, itemprop=author (strong) and byline/author classes.
    var strongBylines: [String] = []
    var weakBylines: [String] = []
    var headings: [String] = []
    var language: String?

    static let maxJSONLDBytes = 512 * 1024
    static let maxCandidates = 8

    /// The `<meta>` keys any resolver uses; others are not kept.
    static let metaKeys: Set<String> = [
        "og:title", "twitter:title", "og:site_name", "og:url", "twitter:url",
        "article:published_time", "og:article:published_time", "article:published", "published_time",
        "datepublished", "date", "pubdate", "publishdate", "publish-date", "publish_date", "publication_date",
        "dc.date", "dc.date.issued", "dcterms.date", "dcterms.created", "dc.date.created", "sailthru.date",
        "parsely-pub-date", "article.published", "og:published_time", "release_date", "displaydate",
        "author", "article:author", "byl", "sailthru.author", "parsely-author", "dc.creator", "dcterms.creator",
        "twitter:creator", "application-name", "title", "headline", "dc.title",
    ]

    mutating func collect(_ node: xmlNodePtr, tag: HTMLTag) {
        switch tag {
        case .meta: collectMeta(node)
        case .link: collectLink(node)
        case .title:
            if title == nil { title = Self.textContent(node, limit: 2048) }
        case .script:
            if let type = Self.attribute(node, "type"), htmlContainsBytes(type, "ld+json"), jsonLD.count < 16 {
                let content = Self.textContent(node, limit: Self.maxJSONLDBytes, collapse: false)
                if !content.isEmpty { jsonLD.append(content) }
            }
        default:
            break
        }
    }

    mutating func setLanguage(_ value: UnsafePointer<UInt8>) {
        if language == nil { language = htmlCString(value) }
    }

    mutating func addTime(_ value: UnsafePointer<UInt8>, preferred: Bool) {
        guard times.count < Self.maxCandidates else { return }
        let string = htmlCString(value)
        if preferred {
            times.insert(string, at: preferredTimes)
            preferredTimes += 1
        } else {
            times.append(string)
        }
    }

    mutating func addBylineCandidate(_ bytes: ArraySlice<UInt8>, strong: Bool) {
        guard bytes.count > 0, bytes.count < 300 else { return }
        let string = HTMLText.collapse(String(decoding: bytes, as: UTF8.self))
        if string.isEmpty { return }
        if strong {
            if strongBylines.count < Self.maxCandidates { strongBylines.append(string) }
        } else if weakBylines.count < Self.maxCandidates {
            weakBylines.append(string)
        }
    }

    mutating func addHeading(_ bytes: ArraySlice<UInt8>) {
        guard headings.count < 4, bytes.count > 0, bytes.count < 2000 else { return }
        headings.append(HTMLText.collapse(String(decoding: bytes, as: UTF8.self)))
    }

    private mutating func collectMeta(_ node: xmlNodePtr) {
        var key: UnsafePointer<UInt8>? = nil
        var content: UnsafePointer<UInt8>? = nil
        var attribute = node.pointee.properties
        while let current = attribute {
            attribute = current.pointee.next
            guard let name = current.pointee.name, let value = current.pointee.children?.pointee.content else { continue }
            let attributeName = UnsafePointer(name)
            if htmlBytesEqual(attributeName, "content") {
                content = UnsafePointer(value)
            } else if key == nil && (htmlBytesEqual(attributeName, "property") || htmlBytesEqual(attributeName, "name")
                                     || htmlBytesEqual(attributeName, "itemprop")) {
                key = UnsafePointer(value)
            }
        }
        guard let key, let content else { return }
        var keyBytes: [UInt8] = []
        var offset = 0
        while key[offset] != 0 && offset < 64 {
            let byte = key[offset]
            if byte != 0x20 && byte != 0x09 && byte != 0x0A { keyBytes.append(htmlLowerASCII(byte)) }
            offset += 1
        }
        let name = String(decoding: keyBytes, as: UTF8.self)
        guard Self.metaKeys.contains(name), meta[name] == nil else { return }
        let value = HTMLText.collapse(htmlCString(content))
        if !value.isEmpty { meta[name] = value }
    }

    private mutating func collectLink(_ node: xmlNodePtr) {
        guard canonical == nil, let rel = Self.attribute(node, "rel"), htmlContainsBytes(rel, "canonical"),
              let href = Self.attribute(node, "href") else { return }
        let value = HTMLText.collapse(htmlCString(href))
        if !value.isEmpty { canonical = value }
    }

    static func attribute(_ node: xmlNodePtr, _ wanted: StaticString) -> UnsafePointer<UInt8>? {
        var attribute = node.pointee.properties
        while let current = attribute {
            attribute = current.pointee.next
            if let name = current.pointee.name, htmlBytesEqual(UnsafePointer(name), wanted),
               let value = current.pointee.children?.pointee.content {
                return UnsafePointer(value)
            }
        }
        return nil
    }

    /// Text of a node's descendants, at most `limit` bytes (iterative: no deep recursion).
    static func textContent(_ node: xmlNodePtr, limit: Int, collapse: Bool = true) -> String {
        var bytes: [UInt8] = []
        var stack: [xmlNodePtr] = []
        var child = node.pointee.children
        outer: while true {
            while let current = child {
                if current.pointee.type == XML_TEXT_NODE || current.pointee.type == XML_CDATA_SECTION_NODE,
                   let content = current.pointee.content {
                    var index = 0
                    while content[index] != 0 {
                        if bytes.count >= limit { break outer }
                        bytes.append(content[index])
                        index += 1
                    }
                } else if current.pointee.type == XML_ELEMENT_NODE, current.pointee.children != nil, stack.count < 64 {
                    stack.append(current)
                    child = current.pointee.children
                    continue
                }
                child = current.pointee.next
            }
            guard let parent = stack.popLast() else { break }
            child = parent.pointee.next
        }
        let string = String(decoding: bytes, as: UTF8.self)
        return collapse ? HTMLText.collapse(string) : string
    }
}

enum HTMLText {
    /// Words as `Article` counts them.
    static func countWords(_ bytes: UnsafeBufferPointer<UInt8>) -> Int { Article.countWords(utf8: bytes) }

    /// Folds runs of whitespace (ASCII, no-break space, zero-width space, BOM) to one
    /// space and trims; works on UTF-8 bytes.
    static func collapse(_ string: String) -> String {
        var string = string
        return string.withUTF8 { collapse($0) }
    }

    static func collapse(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var pendingSpace = false
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            var skip = 0
            if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C {
                skip = 1
            } else if byte == 0xC2 && index + 1 < count && bytes[index + 1] == 0xA0 {
                skip = 2
            } else if byte == 0xE2 && index + 2 < count && bytes[index + 1] == 0x80
                        && (bytes[index + 2] == 0x8B || bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9) {
                skip = 3
            } else if byte == 0xEF && index + 2 < count && bytes[index + 1] == 0xBB && bytes[index + 2] == 0xBF {
                skip = 3
            }
            if skip > 0 {
                pendingSpace = true
                index += skip
                continue
            }
            if pendingSpace && !result.isEmpty { result.append(0x20) }
            pendingSpace = false
            result.append(byte)
            index += 1
        }
        return String(decoding: result, as: UTF8.self)
    }
}
