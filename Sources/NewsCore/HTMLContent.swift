/// Main-content selection over a scanned page.
///
/// Every text block gets a value: long, sentence-like, link-poor text counts for it;
/// link lists, short fragments and text inside chrome (nav, aside, footer, comments,
/// sharing, related links) count against it. Values add up the element tree, and the
/// element with the highest total is the article's container: it takes in every
/// paragraph of the article and stops where the chrome around it outweighs what it
/// would gain. Inside that container, chrome subtrees, link lists, link-dense blocks
/// and the headline are left out, and short fragments before the first and after
/// the last real paragraph are trimmed.
enum HTMLContent {
    /// Blocks shorter than this (in characters) count against their container.
    static let shortBlock: Float = 40
    /// A block whose share of link text is above this is navigation.
    static let maxLinkDensity: Float = 0.5
    /// A paragraph that anchors the article: at least this many characters, few links.
    static let anchorChars: Int32 = 60
    /// An element marked as chrome that holds this share of the page's paragraph
    /// value is a page wrapper, not chrome.
    static let maxChromeShare: Float = 0.75
    /// How much of a block's value reaches its container and each container above it.
    static let scoreDividers: [Float] = [1, 2, 6, 9, 12]
    /// Siblings of the best container scoring at least this share of it join it.
    static let siblingShare: Float = 0.2
    /// The same for weak evidence (ad, media and credit names).
    static let maxWeakChromeShare: Float = 0.2

    struct Selection {
        var root: Int
        var blocks: [Int]
        var chars: Int
    }

    static func select(_ scan: inout HTMLScan, useClassEvidence: Bool) -> Selection {
        let elementCount = scan.elements.count
        // What each subtree would be worth if nothing were chrome: an element named
        // like chrome that holds most of the page's text is a page wrapper
        // (`<form>` around an ASP.NET page, "page has-sidebar"), not chrome.
        var unmarked = [Float](repeating: 0, count: elementCount)
        for block in scan.blocks {
            let element = Int(block.element)
            unmarked[element] += max(0, blockValue(block, tag: scan.elements[element].tag, chrome: false))
        }
        if elementCount > 1 {
            for index in stride(from: elementCount - 1, through: 1, by: -1) {
                unmarked[Int(scan.elements[index].parent)] += unmarked[index]
            }
        }
        let wrapperShare = unmarked[0] * maxChromeShare
        let weakWrapperShare = unmarked[0] * maxWeakChromeShare
        var ownChrome = [Bool](repeating: false, count: elementCount)
        var inheritedChrome = [Bool](repeating: false, count: elementCount)
        for index in 0..<elementCount {
            let element = scan.elements[index]
            let marked = element.tagChrome || (useClassEvidence && element.classChrome)
            let weak = useClassEvidence && element.weakChrome
            let own = (marked && (unmarked[index] < wrapperShare || unmarked[index] == 0))
                || (weak && (unmarked[index] < weakWrapperShare || unmarked[index] == 0))
            ownChrome[index] = own
            inheritedChrome[index] = own || (element.parent >= 0 && inheritedChrome[Int(element.parent)])
            scan.elements[index].value = 0
            scan.elements[index].chars = 0
            scan.elements[index].linkChars = 0
        }

        for block in scan.blocks {
            let element = Int(block.element)
            let value = blockValue(block, tag: scan.elements[element].tag, chrome: inheritedChrome[element])
            scan.elements[element].value += value
            scan.elements[element].chars += block.chars
            scan.elements[element].linkChars += block.linkChars
        }
        if elementCount > 1 {
            for index in stride(from: elementCount - 1, through: 1, by: -1) {
                let parent = Int(scan.elements[index].parent)
                scan.elements[parent].value += scan.elements[index].value
                scan.elements[parent].chars += scan.elements[index].chars
                scan.elements[parent].linkChars += scan.elements[index].linkChars
            }
        }

        // Candidate scores: each positive block feeds the containers above it, less
        // the further up, so the container whose own paragraphs carry the most text
        // wins (teaser lists spread the same text over many small containers).
        var candidate = [Float](repeating: 0, count: elementCount)
        for block in scan.blocks {
            let element = Int(block.element)
            if inheritedChrome[element] { continue }
            let value = blockValue(block, tag: scan.elements[element].tag, chrome: false)
            guard value > 0 else { continue }
            var container = containerOf(element, in: scan)
            for divider in scoreDividers {
                candidate[container] += value / divider
                if container == 0 { break }
                container = containerOf(Int(scan.elements[container].parent), in: scan)
            }
        }
        var core = 0
        var best: Float = 0
        for index in 0..<elementCount {
            let element = scan.elements[index]
            if inheritedChrome[index] {
                candidate[index] = 0
                continue
            }
            if element.chars > 0 {
                candidate[index] *= 1 - Float(element.linkChars) / Float(element.chars)
            }
            if candidate[index] > best {
                best = candidate[index]
                core = index
            }
        }
        // A parent that scores higher than its best child is the better container.
        var climbing = core
        while climbing > 0 {
            let parent = Int(scan.elements[climbing].parent)
            if candidate[parent] < best / 3 { break }
            if candidate[parent] > candidate[core] {
                core = parent
                break
            }
            climbing = parent
        }

        // Then up the tree while each step gains more article than chrome: takes in
        // sibling groups of paragraphs, stops at the first level that costs more.
        while core > 0 {
            let parent = Int(scan.elements[core].parent)
            if scan.elements[parent].value < scan.elements[core].value { break }
            core = parent
        }
        let tops = [core]

        var kept: [Int] = []
        var top = 0
        for (blockIndex, block) in scan.blocks.enumerated() {
            let element = Int(block.element)
            while top < tops.count && element >= Int(scan.elements[tops[top]].end) { top += 1 }
            guard top < tops.count, element >= tops[top] else { continue }
            if !keeps(block, in: scan, root: tops[top], chrome: ownChrome) { continue }
            kept.append(blockIndex)
        }
        kept = trimmed(kept, scan: scan)
        let chars = kept.reduce(0) { $0 + Int(scan.blocks[$1].chars) }
        return Selection(root: core, blocks: kept, chars: chars)
    }

    /// Nearest element at or above `element` that holds paragraphs rather than being
    /// one (skips p, headings, lists, quotes, tables, figures).
    static func containerOf(_ element: Int, in scan: HTMLScan) -> Int {
        var current = element
        while current > 0 && scan.elements[current].tag.isTextStructure {
            current = Int(scan.elements[current].parent)
        }
        return max(current, 0)
    }

    /// Prose paragraphs may carry many links (hover cards, linked names) and still be
    /// prose; other blocks with that much link text are navigation.
    static func linkDensityLimit(_ block: HTMLBlock, tag: HTMLTag) -> Float {
        tag == .p && block.chars >= 150 && block.stops >= 2 ? 0.8 : maxLinkDensity
    }

    static func isLinkHeavy(_ block: HTMLBlock, scan: HTMLScan) -> Bool {
        let tag = scan.elements[Int(block.element)].tag
        return Float(block.linkChars) > Float(block.chars) * linkDensityLimit(block, tag: tag)
    }

    static func blockValue(_ block: HTMLBlock, tag: HTMLTag, chrome: Bool) -> Float {
        let length = Float(block.chars)
        if length == 0 { return 0 }
        if chrome { return -length }
        let density = Float(block.linkChars) / length
        if density > maxLinkDensity { return -length }
        let base = length - shortBlock
        if base <= 0 { return base * 0.5 }
        var value = base * (1 - 1.5 * density)
        if tag == .p || block.stops > 1 { value *= 1.5 }
        return value
    }

    /// Whether a block inside the chosen container belongs to the article.
    static func keeps(_ block: HTMLBlock, in scan: HTMLScan, root: Int, chrome: [Bool]) -> Bool {
        let tag = scan.elements[Int(block.element)].tag
        if tag == .h1 || tag == .figcaption { return false }
        let length = Float(block.chars)
        if Float(block.linkChars) > length * linkDensityLimit(block, tag: tag) { return false }
        if block.chars <= 24 && isBoilerplate(scan.text[Int(block.start)..<Int(block.end)]) { return false }
        var element = Int(block.element)
        while element != root && element > 0 {
            let record = scan.elements[element]
            if chrome[element] || record.tag == .figure || record.tag == .figcaption { return false }
            if record.tag.isList || record.tag == .table {
                if record.chars > 0 && Float(record.linkChars) > Float(record.chars) * maxLinkDensity { return false }
            }
            element = Int(record.parent)
        }
        return true
    }

    /// Labels that stand alone between paragraphs: ad slots and share prompts.
    static let boilerplate: Set<String> = [
        "advertisement", "advert", "ad", "ads", "sponsored", "sponsored content", "anzeige", "werbung",
        "publicidad", "publicité", "pubblicità", "reklama", "share", "share this", "share this article",
        "share this story", "share on facebook", "share on twitter", "tweet", "email", "print",
        "read more", "continue reading", "see also", "related", "related articles", "related stories",
        "recommended", "loading", "loading...", "click here", "scroll to continue", "story continues below",
        "article continues below", "continue reading below", "skip advert", "close", "comments",
    ]

    static func isBoilerplate(_ bytes: ArraySlice<UInt8>) -> Bool {
        var lowered: [UInt8] = []
        lowered.reserveCapacity(bytes.count)
        for byte in bytes { lowered.append(htmlLowerASCII(byte)) }
        while let last = lowered.last, last == UInt8(ascii: ":") || last == UInt8(ascii: " ") { lowered.removeLast() }
        return boilerplate.contains(String(decoding: lowered, as: UTF8.self))
    }

    /// Drops short fragments (kickers, datelines, bylines, "Advertisement", share
    /// prompts) before the first and after the last paragraph that anchors the text.
    static func trimmed(_ kept: [Int], scan: HTMLScan) -> [Int] {
        func anchors(_ index: Int) -> Bool {
            let block = scan.blocks[index]
            let tag = scan.elements[Int(block.element)].tag
            return block.chars >= anchorChars && Float(block.linkChars) <= Float(block.chars) * linkDensityLimit(block, tag: tag)
        }
        guard let first = kept.firstIndex(where: anchors), let last = kept.lastIndex(where: anchors) else {
            return kept
        }
        // Fragments in the same container as the paragraphs next to them stay (a
        // list of dates, a closing line); those in other containers go.
        let firstContainer = containerOf(Int(scan.blocks[kept[first]].element), in: scan)
        let lastContainer = containerOf(Int(scan.blocks[kept[last]].element), in: scan)
        var start = first
        while start > 0 && containerOf(Int(scan.blocks[kept[start - 1]].element), in: scan) == firstContainer
            && !isLinkHeavy(scan.blocks[kept[start - 1]], scan: scan) {
            start -= 1
        }
        var end = last
        while end + 1 < kept.count && containerOf(Int(scan.blocks[kept[end + 1]].element), in: scan) == lastContainer
            && !isLinkHeavy(scan.blocks[kept[end + 1]], scan: scan) {
            end += 1
        }
        return Array(kept[start...end])
    }
}
