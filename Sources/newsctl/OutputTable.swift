import NewsStore

/// An aligned table cut to the terminal width, systemctl-style: upper-case header,
/// two spaces between columns, the flexible column (the title) cut with "…".
struct Table {
    struct Column {
        var title: String
        /// Most cells a value may take (cut with "…"); nil: as wide as its widest value.
        var maxWidth: Int?
        var alignRight = false
        /// The column that gives way when the line is too wide.
        var flexible = false
    }

    var columns: [Column]
    var rows: [[String]] = []
    var styles: [Terminal.Style?] = []

    init(_ columns: [Column]) { self.columns = columns }

    mutating func add(_ cells: [String], style: Terminal.Style? = nil) {
        rows.append(cells)
        styles.append(style)
    }

    func render(terminal: Terminal, header: Bool = true) -> [String] {
        let cells = rows.map { row in
            row.enumerated().map { index, cell in
                let clean = Self.oneLine(cell)
                return columns[index].maxWidth.map { DisplayWidth.cut(clean, to: $0) } ?? clean
            }
        }
        var widths = columns.enumerated().map { index, column in
            max(header ? DisplayWidth.of(column.title) : 0, cells.map { DisplayWidth.of($0[index]) }.max() ?? 0)
        }
        if let total = terminal.width, let flexible = columns.firstIndex(where: \.flexible) {
            let others = widths.enumerated().filter { $0.offset != flexible }.reduce(0) { $0 + $1.element } + 2 * (columns.count - 1)
            widths[flexible] = max(min(widths[flexible], total - others), min(8, widths[flexible]))
        }
        func line(_ row: [String]) -> String {
            var parts: [String] = []
            for (index, cell) in row.enumerated() {
                let value = DisplayWidth.cut(cell, to: widths[index])
                let last = index == row.count - 1
                parts.append(last && !columns[index].alignRight ? value : DisplayWidth.pad(value, to: widths[index], right: columns[index].alignRight))
            }
            var text = parts.joined(separator: "  ")
            if let total = terminal.width, DisplayWidth.of(text) > total { text = DisplayWidth.cut(text, to: total) }
            return text
        }
        var lines: [String] = []
        if header { lines.append(terminal.paint(line(columns.map(\.title)), .bold)) }
        for (index, row) in cells.enumerated() { lines.append(terminal.paint(line(row), styles[index])) }
        return lines
    }

    /// Titles may hold newlines or tabs; a table cell may not.
    static func oneLine(_ text: String) -> String {
        guard text.contains(where: { $0.isNewline || $0 == "\t" }) else { return text }
        return text.split(whereSeparator: { $0.isNewline || $0 == "\t" }).joined(separator: " ")
    }
}

/// The columns every article listing shares.
enum ArticleRows {
    static func table(extra: [Table.Column] = []) -> Table {
        Table([
            Table.Column(title: "ID"),
            Table.Column(title: "DATE"),
            Table.Column(title: "PUBLISHER", maxWidth: 24),
            Table.Column(title: "LANG"),
        ] + extra + [Table.Column(title: "TITLE", flexible: true)])
    }

    static func cells(_ summary: RecordSummary, extra: [String] = []) -> [String] {
        [summary.id, String(summary.date.prefix(10)), summary.publisher ?? "-", summary.language ?? "-"] + extra
            + [summary.title.isEmpty ? "(no title)" : summary.title]
    }

    /// Copies are dimmed so the originals stand out.
    static func style(_ summary: RecordSummary) -> Terminal.Style? { summary.duplicateOf == nil ? nil : .dim }
}

/// Prose wrapped at word boundaries to a width, paragraphs kept.
enum Wrap {
    static func lines(_ text: String, width: Int, indent: String = "") -> [String] {
        let width = max(20, width - DisplayWidth.of(indent))
        var lines: [String] = []
        for (index, paragraph) in text.components(separatedBy: "\n\n").enumerated() {
            if index > 0 { lines.append("") }
            var current = ""
            var used = 0
            for word in paragraph.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }) {
                let w = DisplayWidth.of(String(word))
                if used > 0 && used + 1 + w > width {
                    lines.append(indent + current)
                    current = ""
                    used = 0
                }
                if used > 0 { current += " "; used += 1 }
                current += word
                used += w
            }
            if !current.isEmpty { lines.append(indent + current) }
        }
        return lines
    }
}
