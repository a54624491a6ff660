import CLibXML2

/// One block-level element of the page, in document order (preorder), with the
/// facts content scoring needs.
struct HTMLElementRecord {
    var parent: Int32
    /// One past the index of its last descendant: descendants are `index + 1 ..< end`.
    var end: Int32
    var tag: HTMLTag
    /// Chrome by element (nav, aside, footer, header, form) or role.
    var tagChrome: Bool
    /// Chrome by class or id.
    var classChrome: Bool
    /// Article-like class or id.
    var classContent: Bool
    /// Weak chrome evidence by class or id (ads, media, credits).
    var weakChrome: Bool = false
    // Aggregates over the subtree, filled by `HTMLContent`.
    var chars: Int32 = 0
    var linkChars: Int32 = 0
    var value: Float = 0
}

/// A run of text between block boundaries: one paragraph candidate.
struct HTMLBlock {
    /// Innermost block-level element holding the text.
    var element: Int32
    /// Byte range in `HTMLScan.text`.
    var start: Int32
    var end: Int32
    /// Characters (Unicode scalars) and how many of them sit inside links.
    var chars: Int32
    var linkChars: Int32
    var commas: Int32
    /// Sentence ends (`.`, `!`, `?`, `。`) in the block.
    var stops: Int32
}

/// One walk over libxml2's tree: flattens it into block elements, text blocks and a
/// single UTF-8 text buffer, and hands metadata elements to the collector.
struct HTMLScan {
    /// Deeper than this the walk stops recursing and takes the rest of the subtree as
    /// flat text (`appendFlattened`): nothing below is lost, only its structure.
    /// libxml2 stops at 256 levels itself (see `HTMLExtractor.parseOptions`); this
    /// keeps the walk's stack bounded whatever the parser does.
    static let maxDepth = 256
    /// The deepest level the walk reached (see `HTMLExtractor.flatFallbackDepth`).
    private(set) var deepest = 0

    var elements: [HTMLElementRecord] = []
    var blocks: [HTMLBlock] = []
    var text: [UInt8] = []
    var metadata = HTMLMetadataCollector()

    private var blockStart = 0
    private var blockChars: Int32 = 0
    private var blockLinkChars: Int32 = 0
    private var blockCommas: Int32 = 0
    private var blockStops: Int32 = 0
    private var pendingSpace = false
    private var linkDepth = 0
    /// Inside a comment section or a form (their author names are not the byline).
    private var commentDepth = 0
    private var formDepth = 0
    private var currentElement: Int32 = -1
    private var scratch: [UInt8] = []
    /// Verdicts on class/id values already judged on this page, by a hash of the value.
    private var evidenceCache: [UInt64: HTMLClassEvidence] = [:]

    init() {
        text.reserveCapacity(16 * 1024)
        scratch.reserveCapacity(96)
    }

    mutating func scan(_ document: htmlDocPtr) {
        elements.reserveCapacity(1024)
        blocks.reserveCapacity(512)
        // A synthetic root so every block has an element.
        elements.append(HTMLElementRecord(parent: -1, end: 1, tag: .html, tagChrome: false, classChrome: false, classContent: false))
        currentElement = 0
        var child = document.pointee.children
        while let node = child {
            if node.pointee.type == XML_ELEMENT_NODE { visitElement(node, depth: 0) }
            child = node.pointee.next
        }
        flush()
        elements[0].end = Int32(elements.count)
    }

    // MARK: - Walk

    private mutating func walkChildren(_ node: xmlNodePtr, depth: Int) {
        if depth > deepest { deepest = depth }
        guard depth < HTMLScan.maxDepth else {
            appendFlattened(node)
            return
        }
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { appendText(UnsafePointer(content)) }
            case XML_ELEMENT_NODE:
                visitElement(current, depth: depth + 1)
            default:
                break
            }
            child = current.pointee.next
        }
    }

    private mutating func visitElement(_ node: xmlNodePtr, depth: Int) {
        guard let name = node.pointee.name else { return }
        let tag = HTMLTag.classify(UnsafePointer(name))
        switch tag {
        case .head:
            walkHead(node, depth: depth)
            return
        case .meta, .link, .title, .script:
            metadata.collect(node, tag: tag)
            return
        case .br:
            flush()
            return
        case .img:
            return
        default:
            if tag.isDropped { return }
        }

        // Attributes.
        var evidence = HTMLClassEvidence(rawValue: 0)
        var hidden = false
        var roleChrome = false
        var relAuthor = false
        var itemAuthor = false
        var datetime: UnsafePointer<UInt8>? = nil
        var commentMarked = false
        var ariaHidden = false
        var pubdateHint = false
        var attribute = node.pointee.properties
        while let current = attribute {
            attribute = current.pointee.next
            guard let attributeName = current.pointee.name,
                  let valueNode = current.pointee.children, let rawValue = valueNode.pointee.content else {
                if let attributeName = current.pointee.name, htmlBytesEqual(attributeName, "hidden") { hidden = true }
                if let attributeName = current.pointee.name, htmlBytesEqual(attributeName, "pubdate") { pubdateHint = true }
                continue
            }
            let value = UnsafePointer(rawValue)
            let key = UnsafePointer(attributeName)
            switch key[0] {
            case UInt8(ascii: "c"):
                if htmlBytesEqual(key, "class") {
                    let verdict = judge(value)
                    evidence.formUnion(verdict)
                    if verdict.contains(.chrome) && htmlContainsBytes(value, "comment") { commentMarked = true }
                }
            case UInt8(ascii: "i"):
                if htmlBytesEqual(key, "id") {
                    let verdict = judge(value)
                    evidence.formUnion(verdict)
                    if verdict.contains(.chrome) && htmlContainsBytes(value, "comment") { commentMarked = true }
                } else if htmlBytesEqual(key, "itemprop") {
                    if htmlContainsBytes(value, "author") { itemAuthor = true }
                    if htmlContainsBytes(value, "datePublished") { pubdateHint = true }
                }
            case UInt8(ascii: "s"):
                if htmlBytesEqual(key, "style") && styleHides(value) { hidden = true }
            case UInt8(ascii: "h"):
                if htmlBytesEqual(key, "hidden") { hidden = true }
            case UInt8(ascii: "a"):
                if htmlBytesEqual(key, "aria-hidden") && htmlBytesEqual(value, "true") && tag != .a {
                    // Decorative inline bits go; a hidden block is only weak evidence
                    // (pages saved with a dialog open mark the whole page aria-hidden).
                    if tag.isBlock { ariaHidden = true } else { hidden = true }
                }
            case UInt8(ascii: "r"):
                if htmlBytesEqual(key, "role") {
                    if htmlBytesEqual(value, "navigation") || htmlBytesEqual(value, "complementary")
                        || htmlBytesEqual(value, "contentinfo") || htmlBytesEqual(value, "banner")
                        || htmlBytesEqual(value, "menu") || htmlBytesEqual(value, "menubar") || htmlBytesEqual(value, "dialog")
                        || htmlBytesEqual(value, "alert") {
                        roleChrome = true
                    }
                } else if htmlBytesEqual(key, "rel") {
                    if htmlContainsBytes(value, "author") { relAuthor = true }
                }
            case UInt8(ascii: "d"):
                if htmlBytesEqual(key, "datetime") { datetime = value }
            case UInt8(ascii: "l"):
                if tag == .html && htmlBytesEqual(key, "lang") { metadata.setLanguage(value) }
            case UInt8(ascii: "x"):
                if tag == .html && htmlBytesEqual(key, "xml:lang") { metadata.setLanguage(value) }
            default:
                break
            }
        }
        if hidden || evidence.contains(.hidden) { return }
        if ariaHidden { evidence.formUnion(.weakChrome) }
        if tag == .body || tag == .html { evidence = HTMLClassEvidence(rawValue: 0) }
        if tag == .time, let datetime { metadata.addTime(datetime, preferred: pubdateHint) }

        let textBefore = text.count
        let opensComments = tag == .form || (evidence.contains(.chrome) && commentMarked)
        if opensComments { if tag == .form { formDepth += 1 } else { commentDepth += 1 } }
        defer { if opensComments { if tag == .form { formDepth -= 1 } else { commentDepth -= 1 } } }
        let isBlock = tag.isBlock || (evidence.rawValue & HTMLClassEvidence.anyChromeMask != 0 && tag != .a)
        if isBlock {
            flush()
            let index = Int32(elements.count)
            elements.append(HTMLElementRecord(
                parent: currentElement, end: index + 1, tag: tag,
                tagChrome: tag.isChrome || roleChrome,
                classChrome: evidence.contains(.chrome),
                classContent: evidence.contains(.content),
                weakChrome: evidence.contains(.weakChrome)))
            let saved = currentElement
            currentElement = index
            walkChildren(node, depth: depth)
            flush()
            currentElement = saved
            elements[Int(index)].end = Int32(elements.count)
        } else if tag == .a {
            linkDepth += 1
            walkChildren(node, depth: depth)
            linkDepth -= 1
        } else if tag == .td || tag == .th {
            pendingSpace = true
            walkChildren(node, depth: depth)
            pendingSpace = true
        } else {
            walkChildren(node, depth: depth)
        }

        let weakByline = evidence.contains(.byline) && !evidence.contains(.content) && commentDepth == 0 && formDepth == 0
        if relAuthor || itemAuthor || weakByline {
            metadata.addBylineCandidate(text[textBefore...], strong: relAuthor || itemAuthor)
        }
        if tag == .h1 { metadata.addHeading(text[textBefore...]) }
    }

    /// The text below `root`, walked without recursion (libxml2's nodes know their
    /// parent): block elements and `<br>` end a block, dropped elements (scripts,
    /// forms, media) are skipped, everything else is taken as text of the element
    /// the walk stopped in. Attributes are not read down here (no class evidence, no
    /// `hidden`): real pages never get this deep, hostile ones only keep their text.
    private mutating func appendFlattened(_ root: xmlNodePtr) {
        func opens(_ node: xmlNodePtr) -> HTMLTag? {
            guard node.pointee.type == XML_ELEMENT_NODE, let name = node.pointee.name else { return nil }
            return HTMLTag.classify(UnsafePointer(name))
        }
        var current = root.pointee.children
        while let node = current {
            var descend = false
            switch node.pointee.type {
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = node.pointee.content { appendText(UnsafePointer(content)) }
            case XML_ELEMENT_NODE:
                if let tag = opens(node) {
                    if tag.isBlock || tag == .br { flush() }
                    descend = !(tag.isDropped || tag == .head || tag == .title || tag == .meta || tag == .link)
                }
            default:
                break
            }
            if descend, let child = node.pointee.children {
                current = child
                continue
            }
            // Leave this node, and its ancestors up to the first with a next sibling.
            current = nil
            var leaving: xmlNodePtr? = node
            while let left = leaving, left != root {
                if let tag = opens(left), tag.isBlock { flush() }
                if let next = left.pointee.next {
                    current = next
                    break
                }
                leaving = left.pointee.parent
            }
        }
    }

    /// `<head>`: metadata only, no text.
    private mutating func walkHead(_ node: xmlNodePtr, depth: Int) {
        guard depth < HTMLScan.maxDepth else { return }
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE, let name = current.pointee.name {
                let tag = HTMLTag.classify(UnsafePointer(name))
                switch tag {
                case .meta, .link, .title, .script: metadata.collect(current, tag: tag)
                case .noscript, .style, .template: break
                default: walkHead(current, depth: depth + 1)
                }
            }
            child = current.pointee.next
        }
    }

    /// `HTMLClassEvidence.judge`, remembered per distinct value (pages repeat their
    /// class names many times).
    private mutating func judge(_ value: UnsafePointer<UInt8>) -> HTMLClassEvidence {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var length = 0
        while value[length] != 0 {
            hash = (hash ^ UInt64(value[length])) &* 0x0100_0000_01b3
            length += 1
        }
        if length == 0 { return HTMLClassEvidence(rawValue: 0) }
        if let known = evidenceCache[hash] { return known }
        let verdict = HTMLClassEvidence.judge(value, scratch: &scratch)
        evidenceCache[hash] = verdict
        return verdict
    }

    // MARK: - Text

    private mutating func appendText(_ pointer: UnsafePointer<UInt8>) {
        var index = 0
        while true {
            let byte = pointer[index]
            if byte == 0 { break }
            if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C {
                pendingSpace = true
                index += 1
                continue
            }
            if byte == 0xC2 && pointer[index + 1] == 0xA0 {
                pendingSpace = true
                index += 2
                continue
            }
            // Zero-width space and BOM carry no text.
            if byte == 0xE2 && pointer[index + 1] == 0x80 && pointer[index + 2] == 0x8B {
                index += 3
                continue
            }
            if byte == 0xEF && pointer[index + 1] == 0xBB && pointer[index + 2] == 0xBF {
                index += 3
                continue
            }
            if pendingSpace {
                if text.count > blockStart { text.append(0x20) }
                pendingSpace = false
            }
            text.append(byte)
            if byte & 0xC0 != 0x80 {
                blockChars += 1
                if linkDepth > 0 { blockLinkChars += 1 }
            }
            switch byte {
            case UInt8(ascii: ","): blockCommas += 1
            case UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"): blockStops += 1
            default: break
            }
            index += 1
        }
    }

    /// Ends the current block, if it holds any text.
    private mutating func flush() {
        pendingSpace = false
        if text.count > blockStart {
            blocks.append(HTMLBlock(
                element: currentElement, start: Int32(blockStart), end: Int32(text.count),
                chars: blockChars, linkChars: blockLinkChars, commas: blockCommas, stops: blockStops))
        }
        blockStart = text.count
        blockChars = 0
        blockLinkChars = 0
        blockCommas = 0
        blockStops = 0
    }

    private func styleHides(_ value: UnsafePointer<UInt8>) -> Bool {
        // "display:none" or "visibility:hidden", any spacing or case.
        var compact: [UInt8] = []
        var index = 0
        while value[index] != 0 && compact.count < 256 {
            var byte = value[index]
            if byte >= 0x41 && byte <= 0x5A { byte += 0x20 }
            if byte != 0x20 && byte != 0x09 { compact.append(byte) }
            index += 1
        }
        return compact.withUnsafeBufferPointer { buffer in
            htmlContainsSequence(buffer, "display:none") || htmlContainsSequence(buffer, "visibility:hidden")
        }
    }
}

// MARK: - Byte helpers

/// Whether a NUL-terminated byte string equals `literal` exactly.
@inline(__always)
func htmlBytesEqual(_ pointer: UnsafePointer<UInt8>, _ literal: StaticString) -> Bool {
    let bytes = literal.utf8Start
    let count = literal.utf8CodeUnitCount
    for index in 0..<count where pointer[index] != bytes[index] { return false }
    return pointer[count] == 0
}

/// Whether a NUL-terminated byte string contains `literal`, ignoring ASCII case.
func htmlContainsBytes(_ pointer: UnsafePointer<UInt8>, _ literal: StaticString) -> Bool {
    let bytes = literal.utf8Start
    let count = literal.utf8CodeUnitCount
    var start = 0
    while pointer[start] != 0 {
        var offset = 0
        while offset < count {
            let byte = pointer[start + offset]
            if byte == 0 { return false }
            if htmlLowerASCII(byte) != htmlLowerASCII(bytes[offset]) { break }
            offset += 1
        }
        if offset == count { return true }
        start += 1
    }
    return false
}

func htmlContainsSequence(_ buffer: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Bool {
    let bytes = literal.utf8Start
    let count = literal.utf8CodeUnitCount
    guard buffer.count >= count else { return false }
    for start in 0...(buffer.count - count) {
        var offset = 0
        while offset < count && buffer[start + offset] == bytes[offset] { offset += 1 }
        if offset == count { return true }
    }
    return false
}

@inline(__always)
func htmlLowerASCII(_ byte: UInt8) -> UInt8 {
    byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
}

/// A NUL-terminated libxml2 string as a Swift `String`.
func htmlCString(_ pointer: UnsafePointer<UInt8>) -> String {
    String(cString: pointer)
}
