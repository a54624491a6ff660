/// HTML or plain text, decided by content (an `.html` name alone proves nothing:
/// "save page as" text dumps are often named `.html`, and scrapers drop `.txt` HTML).
public enum FormatDetector {
    public static func detect(_ bytes: [UInt8]) -> ArticleFormat {
        // Look at the first 4 KiB, skipping a BOM, whitespace and NULs (UTF-16).
        var head: [UInt8] = []
        head.reserveCapacity(1024)
        for byte in bytes.prefix(4096) where byte != 0 {
            head.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
        }
        let text = String(decoding: head, as: UTF8.self)
        let markers = ["<!doctype html", "<html", "<head", "<body", "<meta ", "<title>", "<div", "<script", "<article", "<p>", "<p "]
        let hits = markers.reduce(0) { $0 + (text.contains($1) ? 1 : 0) }
        if text.drop(while: { $0.isWhitespace || $0 == "\u{FEFF}" }).hasPrefix("<!doctype html") { return .html }
        if text.drop(while: { $0.isWhitespace || $0 == "\u{FEFF}" }).hasPrefix("<html") { return .html }
        return hits >= 2 ? .html : .text
    }
}
