import Foundation
import Glibc

/// What stdout is: its width (for cutting tables and wrapping text) and whether to colour.
///
/// Width: `COLUMNS` when set, else the terminal's (TIOCGWINSZ), else none (output
/// to a pipe or file is not cut). Colour only on a terminal, never with `NO_COLOR`
/// set (https://no-color.org) or `TERM=dumb`.
struct Terminal: Sendable {
    var width: Int?
    var colour: Bool

    static let current: Terminal = {
        let environment = ProcessInfo.processInfo.environment
        let tty = isatty(STDOUT_FILENO) == 1
        var width: Int?
        if let columns = environment["COLUMNS"].flatMap({ Int($0) }), columns > 0 {
            width = columns
        } else if tty {
            var size = winsize()
            if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { width = Int(size.ws_col) }
        }
        let noColour = !(environment["NO_COLOR"] ?? "").isEmpty || environment["TERM"] == "dumb"
        return Terminal(width: width, colour: tty && !noColour)
    }()

    /// Width for wrapped prose: the terminal's, 80 when unknown, at most 100 for reading.
    var textWidth: Int { min(width ?? 80, 100) }

    enum Style: String {
        case bold = "1"
        case dim = "2"
        case red = "31"
        case green = "32"
        case yellow = "33"
        case blue = "34"
        case cyan = "36"
    }

    func paint(_ text: String, _ style: Style?) -> String {
        guard colour, let style, !text.isEmpty else { return text }
        return "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m"
    }
}

/// Writes to stdout with write(2): unbuffered, so `follow` shows lines at once.
enum Out {
    static func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(STDOUT_FILENO, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    exit(errno == EPIPE ? 0 : 1)  // reader went away (`| head`)
                }
                offset += n
            }
        }
    }

    static func line(_ text: String) { write(Array((text + "\n").utf8)) }

    static func lines(_ lines: [String]) {
        guard !lines.isEmpty else { return }
        write(Array((lines.joined(separator: "\n") + "\n").utf8))
    }

    /// One JSON object per line.
    static func json(_ object: [UInt8]) {
        write(object + [0x0A])
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data("newsctl: \(text)\n".utf8))
    }
}

/// Display width of text in terminal cells (wide East Asian characters count 2).
enum DisplayWidth {
    static func of(_ text: String) -> Int { text.reduce(0) { $0 + of($1) } }

    static func of(_ character: Character) -> Int {
        guard let scalar = character.unicodeScalars.first else { return 0 }
        let v = scalar.value
        if v < 0x20 || (0x7F..<0xA0).contains(v) { return 0 }
        if (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F64F).contains(v) || (0x1F900...0x1F9FF).contains(v)
            || (0x20000...0x3FFFD).contains(v) {
            return 2
        }
        return 1
    }

    /// `text` cut to `width` cells, ending in "…" when cut.
    static func cut(_ text: String, to width: Int) -> String {
        guard width > 0 else { return "" }
        if of(text) <= width { return text }
        var result = ""
        var used = 0
        for character in text {
            let w = of(character)
            if used + w > width - 1 { break }
            result.append(character)
            used += w
        }
        return result + "…"
    }

    static func pad(_ text: String, to width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - of(text)))
        return right ? fill + text : text + fill
    }
}
