import Foundation

/// Removes what the extractor never reads before libxml2 sees the page: the bodies
/// of `<script>` (except JSON-LD), `<style>`, `<svg>`, `<noscript>` and `<template>`
/// elements, and comments. On news pages
/// these are about half of the bytes, and the parser would otherwise copy all of
/// them into the tree only for the extractor to skip them.
///
/// The scan follows the HTML tokenizer far enough to be safe: it jumps from `<` to
/// `<` with `memchr`, steps over start tags with their quoted attribute values (a
/// `<script` inside an attribute is not a script), and ends a script or style body
/// at the first `</script` / `</style`, as HTML parsers do. Anything it cannot
/// close (an unterminated comment or script) is left for libxml2 as it is.
enum HTMLPrefilter {
    static func stripped(_ input: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        guard let base = input.baseAddress else { return [] }
        let count = input.count
        var output: [UInt8] = []
        output.reserveCapacity(count / 2 + 1024)
        var copied = 0      // input[..<copied] has been handled
        var position = 0

        @inline(__always) func byte(_ index: Int) -> UInt8 { index < count ? base[index] : 0 }
        @inline(__always) func lower(_ index: Int) -> UInt8 { htmlLowerASCII(byte(index)) }
        func find(_ target: UInt8, from start: Int) -> Int? {
            guard start < count else { return nil }
            guard let found = memchr(base + start, Int32(target), count - start) else { return nil }
            return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
        func flush(upTo end: Int) {
            if end > copied { output.append(contentsOf: UnsafeBufferPointer(start: base + copied, count: end - copied)) }
            copied = end
        }
        func matches(_ literal: StaticString, at index: Int) -> Bool {
            let bytes = literal.utf8Start
            for offset in 0..<literal.utf8CodeUnitCount where lower(index + offset) != bytes[offset] { return false }
            return true
        }
        /// The index of the next `</NAME` (case-insensitive) from `start`.
        func findEndTag(_ name: StaticString, from start: Int) -> Int? {
            var cursor = start
            while let open = find(UInt8(ascii: "<"), from: cursor) {
                if byte(open + 1) == UInt8(ascii: "/") && matches(name, at: open + 2) { return open }
                cursor = open + 1
            }
            return nil
        }
        /// From just after a tag name to just after its `>`, honouring quotes.
        func endOfTag(from start: Int) -> Int? {
            var cursor = start
            while cursor < count {
                let current = base[cursor]
                if current == UInt8(ascii: ">") { return cursor + 1 }
                if current == UInt8(ascii: "\"") || current == UInt8(ascii: "'") {
                    // Only a quote that opens an attribute value (after `=`) is a quote.
                    var back = cursor - 1
                    while back > start && (base[back] == 0x20 || base[back] == 0x0A || base[back] == 0x09 || base[back] == 0x0D) { back -= 1 }
                    if base[back] == UInt8(ascii: "=") {
                        guard let close = find(current, from: cursor + 1) else { return nil }
                        cursor = close + 1
                        continue
                    }
                }
                cursor += 1
            }
            return nil
        }

        // Whitespace-only text between two tags, one of which breaks paragraphs anyway,
        // is dropped: pretty-printed pages hold nearly one such text node per tag.
        var lastTagEnd = -1
        var lastTagBreaks = false
        func dropGap(before open: Int, breaks: Bool) {
            guard lastTagEnd >= copied, lastTagEnd < open, breaks || lastTagBreaks else { return }
            var cursor = lastTagEnd
            while cursor < open {
                let current = base[cursor]
                if current != 0x20 && current != 0x0A && current != 0x09 && current != 0x0D { return }
                cursor += 1
            }
            flush(upTo: lastTagEnd)
            copied = open
        }
        func tagBreaks(nameStart: Int, nameEnd: Int) -> Bool {
            HTMLTag.classify(bytes: base + nameStart, length: nameEnd - nameStart).whitespaceAroundIsInsignificant
        }

        /// Copies a start tag's attributes in `start..<end` (`end` is its `>`), keeping
        /// only those the extractor reads: libxml2 builds three allocations for each
        /// attribute, and pages carry many (data-*, src, srcset, onclick, …).
        var kept: [(Int, Int)] = []
        kept.reserveCapacity(16)
        func rewriteAttributes(from start: Int, to end: Int, keepHref: Bool) {
            var cursor = start
            kept.removeAll(keepingCapacity: true)
            var dropped = false
            while cursor < end {
                let current = base[cursor]
                if current == 0x20 || current == 0x0A || current == 0x09 || current == 0x0D || current == 0x0C
                    || current == UInt8(ascii: "/") {
                    cursor += 1
                    continue
                }
                let attributeStart = cursor
                while cursor < end {
                    let byte = base[cursor]
                    if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C
                        || byte == UInt8(ascii: "=") { break }
                    cursor += 1
                }
                let nameEnd = cursor
                var probe = cursor
                while probe < end && (base[probe] == 0x20 || base[probe] == 0x0A || base[probe] == 0x09 || base[probe] == 0x0D) {
                    probe += 1
                }
                if probe < end && base[probe] == UInt8(ascii: "=") {
                    cursor = probe + 1
                    while cursor < end && (base[cursor] == 0x20 || base[cursor] == 0x0A || base[cursor] == 0x09 || base[cursor] == 0x0D) {
                        cursor += 1
                    }
                    if cursor < end && (base[cursor] == UInt8(ascii: "\"") || base[cursor] == UInt8(ascii: "'")) {
                        let quote = base[cursor]
                        var close = cursor + 1
                        while close < end && base[close] != quote { close += 1 }
                        cursor = min(close + 1, end)
                    } else {
                        while cursor < end {
                            let byte = base[cursor]
                            if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C { break }
                            cursor += 1
                        }
                    }
                }
                if isKeptAttribute(base + attributeStart, length: nameEnd - attributeStart, keepHref: keepHref) {
                    kept.append((attributeStart, cursor))
                } else {
                    dropped = true
                }
            }
            guard dropped else { return }
            flush(upTo: start)
            for (from, to) in kept {
                output.append(0x20)
                output.append(contentsOf: UnsafeBufferPointer(start: base + from, count: to - from))
            }
            if base[end - 1] == UInt8(ascii: "/") { output.append(UInt8(ascii: "/")) }
            copied = end
        }

        while let open = find(UInt8(ascii: "<"), from: position) {
            let next = byte(open + 1)
            if next == UInt8(ascii: "/") {
                // End tag.
                var nameEnd = open + 2
                while nameEnd < count, (base[nameEnd] | 0x20) >= UInt8(ascii: "a"), (base[nameEnd] | 0x20) <= UInt8(ascii: "z")
                        || (base[nameEnd] >= UInt8(ascii: "0") && base[nameEnd] <= UInt8(ascii: "9")) {
                    nameEnd += 1
                }
                if nameEnd > open + 2, let close = find(UInt8(ascii: ">"), from: nameEnd) {
                    let breaks = tagBreaks(nameStart: open + 2, nameEnd: nameEnd)
                    dropGap(before: open, breaks: breaks)
                    lastTagEnd = close + 1
                    lastTagBreaks = breaks
                    position = close + 1
                    continue
                }
                position = open + 1
                continue
            }
            if next == UInt8(ascii: "!") && byte(open + 2) == UInt8(ascii: "-") && byte(open + 3) == UInt8(ascii: "-") {
                // Comment: `<!-->`, `<!--->` and `<!-- … -->`.
                var end: Int?
                if byte(open + 4) == UInt8(ascii: ">") {
                    end = open + 5
                } else if byte(open + 4) == UInt8(ascii: "-") && byte(open + 5) == UInt8(ascii: ">") {
                    end = open + 6
                } else {
                    var cursor = open + 4
                    while let dash = find(UInt8(ascii: ">"), from: cursor) {
                        if byte(dash - 1) == UInt8(ascii: "-") && byte(dash - 2) == UInt8(ascii: "-") && dash - 2 >= open + 4 {
                            end = dash + 1
                            break
                        }
                        cursor = dash + 1
                    }
                }
                guard let end else { break }
                flush(upTo: open)
                copied = end
                position = end
                continue
            }
            if next == UInt8(ascii: "!") && (byte(open + 2) | 0x20) >= UInt8(ascii: "a") && (byte(open + 2) | 0x20) <= UInt8(ascii: "z") {
                // Markup declarations. HTML has no DTD: an internal subset
                // (`<!DOCTYPE html [ <!ENTITY …> ]>`, the "billion laughs" of XML) is
                // never expanded, and without this its declarations would end up as
                // text. The subset goes; `<!ENTITY …>` and the like outside a
                // doctype are bogus comments, as browsers read them.
                guard let close = find(UInt8(ascii: ">"), from: open + 2) else { break }
                var end = close + 1
                if matches("doctype", at: open + 2) {
                    guard let bracket = find(UInt8(ascii: "["), from: open + 2), bracket < close else {
                        position = end
                        continue
                    }
                    var cursor = bracket + 1
                    var subsetEnd: Int?
                    while let square = find(UInt8(ascii: "]"), from: cursor) {
                        var after = square + 1
                        while after < count && (byte(after) == 0x20 || byte(after) == 0x0A || byte(after) == 0x0D || byte(after) == 0x09) { after += 1 }
                        if byte(after) == UInt8(ascii: ">") { subsetEnd = after + 1; break }
                        cursor = square + 1
                    }
                    guard let subsetEnd else { break }
                    flush(upTo: bracket)
                    output.append(UInt8(ascii: ">"))
                    end = subsetEnd
                } else {
                    flush(upTo: open)
                }
                copied = end
                position = end
                continue
            }
            let isLetter = (next | 0x20) >= UInt8(ascii: "a") && (next | 0x20) <= UInt8(ascii: "z")
            guard isLetter else {
                position = open + 1
                continue
            }
            // Start tag: name, then attributes up to `>`.
            var nameEnd = open + 1
            while nameEnd < count {
                let current = base[nameEnd]
                if current == 0x20 || current == 0x0A || current == 0x09 || current == 0x0D || current == 0x0C
                    || current == UInt8(ascii: ">") || current == UInt8(ascii: "/") { break }
                nameEnd += 1
            }
            guard let tagEnd = endOfTag(from: nameEnd) else { break }
            let nameLength = nameEnd - open - 1
            let breaks = tagBreaks(nameStart: open + 1, nameEnd: nameEnd)
            dropGap(before: open, breaks: breaks)
            lastTagEnd = tagEnd
            lastTagBreaks = breaks
            if tagEnd - 1 > nameEnd {
                rewriteAttributes(from: nameEnd, to: tagEnd - 1, keepHref: nameLength == 4 && matches("link", at: open + 1))
            }
            var bodyEndTag: StaticString? = nil
            if nameLength == 6 && matches("script", at: open + 1) {
                let attributes = UnsafeBufferPointer(start: base + nameEnd, count: tagEnd - nameEnd)
                if !containsSequenceIgnoringCase(attributes, "ld+json") { bodyEndTag = "script" }
            } else if nameLength == 5 && matches("style", at: open + 1) {
                bodyEndTag = "style"
            } else if nameLength == 3 && matches("svg", at: open + 1) {
                bodyEndTag = "svg"
            } else if nameLength == 8 && matches("noscript", at: open + 1) {
                bodyEndTag = "noscript"
            } else if nameLength == 8 && matches("template", at: open + 1) {
                bodyEndTag = "template"
            }
            if let name = bodyEndTag, base[tagEnd - 2] != UInt8(ascii: "/") {
                guard let close = findEndTag(name, from: tagEnd) else { break }
                flush(upTo: tagEnd)
                copied = close
                position = close
                continue
            }
            position = tagEnd
        }
        flush(upTo: count)
        return output
    }

    /// The attributes `HTMLScan` and the metadata collector read.
    static func isKeptAttribute(_ name: UnsafePointer<UInt8>, length: Int, keepHref: Bool) -> Bool {
        func named(_ literal: StaticString) -> Bool {
            guard literal.utf8CodeUnitCount == length else { return false }
            let bytes = literal.utf8Start
            for index in 0..<length where htmlLowerASCII(name[index]) != bytes[index] { return false }
            return true
        }
        switch length {
        case 2: return named("id")
        case 3: return named("rel")
        case 4: return named("role") || named("lang") || named("name") || named("type") || (keepHref && named("href"))
        case 5: return named("class") || named("style")
        case 6: return named("hidden")
        case 7: return named("content") || named("charset") || named("pubdate")
        case 8: return named("datetime") || named("itemprop") || named("property") || named("xml:lang")
        case 10: return named("http-equiv")
        case 11: return named("aria-hidden")
        default: return false
        }
    }

    private static func containsSequenceIgnoringCase(_ buffer: UnsafeBufferPointer<UInt8>, _ literal: StaticString) -> Bool {
        let bytes = literal.utf8Start
        let length = literal.utf8CodeUnitCount
        guard buffer.count >= length else { return false }
        for start in 0...(buffer.count - length) {
            var offset = 0
            while offset < length && htmlLowerASCII(buffer[start + offset]) == bytes[offset] { offset += 1 }
            if offset == length { return true }
        }
        return false
    }
}
