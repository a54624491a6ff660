import Foundation

/// HTML or plain text, decided by content (an `.html` name alone proves nothing:
/// "save page as" text dumps are often named `.html`, and scrapers drop `.txt` HTML).
///
/// Works on the raw bytes of the first 4 KiB (NULs of UTF-16 skipped, ASCII
/// lower-cased): it runs for every file, so it must cost next to nothing.
public enum FormatDetector {
    static let markers: [[UInt8]] = [
        "<!doctype html", "<html", "<head", "<body", "<meta ", "<title>", "<div", "<script", "<article", "<p>", "<p ",
    ].map { Array($0.utf8) }

    public static func detect(_ bytes: [UInt8]) -> ArticleFormat {
        let prefix = min(bytes.count, 4096)
        // Most page dumps have no "<" at all in their head: text, without copying it.
        // (memchr: the generic `contains` took five instructions a byte.)
        let hasTagStart = bytes.withUnsafeBufferPointer { $0.baseAddress.map { memchr($0, 0x3C, prefix) != nil } ?? false }
        if !hasTagStart { return .text }
        let head = [UInt8](unsafeUninitializedCapacity: prefix) { out, count in
            bytes.withUnsafeBufferPointer { input in
                var j = 0
                for i in 0..<prefix {
                    let byte = input[i]
                    out[j] = byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
                    j &+= byte != 0 ? 1 : 0
                }
                count = j
            }
        }
        // A document that starts (after a BOM and white space) with a doctype or
        // <html> is HTML; otherwise two different markers must appear.
        var start = 0
        if head.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        while start < head.count, head[start] == 0x20 || head[start] == 0x0A || head[start] == 0x0D || head[start] == 0x09 {
            start += 1
        }
        let body = head[start...]
        if body.starts(with: markers[0]) || body.starts(with: markers[1]) { return .html }
        // Every marker starts with "<": look only where one is.
        var found = [Bool](repeating: false, count: markers.count)
        var hits = 0
        var index = head.firstIndex(of: 0x3C)
        while let at = index {
            for (number, marker) in markers.enumerated() where !found[number] && head[at...].starts(with: marker) {
                found[number] = true
                hits += 1
                if hits >= 2 { return .html }
            }
            index = head[(at + 1)...].firstIndex(of: 0x3C)
        }
        return .text
    }
}
