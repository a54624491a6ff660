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

    struct Selection {
        var root: Int
        var blocks: [Int]
        var chars: Int
    }

    static func select(_ scan: inout HTMLScan, useClassEvidence: Bool) -> Selection {
        let elementCount = scan.elements.count
        // Chrome inherited from any ancestor.
        var inheritedChrome = [Bool](repeating: false, count: elementCount)
        for index in 0..<elementCount {
            let element = scan.elements[index]
            let own = element.tagChrome || (useClassEvidence && element.classChrome)
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

        var root = 0
        var best = -Float.infinity
        for index in 0..<elementCount where scan.elements[index].value >= best {
            // `>=`: of equal totals, the deeper element (it comes later in preorder).
            best = scan.elements[index].value
            root = index
        }

        let rootEnd = Int(scan.elements[root].end)
        var kept: [Int] = []
        for (blockIndex, block) in scan.blocks.enumerated() {
            let element = Int(block.element)
            guard element >= root && element < rootEnd else { continue }
            if !keeps(block, in: scan, root: root, useClassEvidence: useClassEvidence) { continue }
            kept.append(blockIndex)
        }
        kept = trimmed(kept, scan: scan)
        let chars = kept.reduce(0) { $0 + Int(scan.blocks[$1].chars) }
        return Selection(root: root, blocks: kept, chars: chars)
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
    static func keeps(_ block: HTMLBlock, in scan: HTMLScan, root: Int, useClassEvidence: Bool) -> Bool {
        let tag = scan.elements[Int(block.element)].tag
        if tag == .h1 { return false }
        let length = Float(block.chars)
        if Float(block.linkChars) > length * maxLinkDensity { return false }
        var element = Int(block.element)
        while element != root && element > 0 {
            let record = scan.elements[element]
            if record.tagChrome || (useClassEvidence && record.classChrome) { return false }
            if record.tag.isList || record.tag == .table {
                if record.chars > 0 && Float(record.linkChars) > Float(record.chars) * maxLinkDensity { return false }
            }
            element = Int(record.parent)
        }
        return true
    }

    /// Drops short fragments (kickers, datelines, bylines, "Advertisement", share
    /// prompts) before the first and after the last paragraph that anchors the text.
    static func trimmed(_ kept: [Int], scan: HTMLScan) -> [Int] {
        func anchors(_ index: Int) -> Bool {
            let block = scan.blocks[index]
            return block.chars >= anchorChars && block.linkChars * 4 < block.chars
        }
        guard let first = kept.firstIndex(where: anchors), let last = kept.lastIndex(where: anchors) else {
            return kept
        }
        return Array(kept[first...last])
    }
}
