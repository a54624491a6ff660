/// Why bytes could not become an article. Each case carries what a user needs to act.
public enum ContentError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file holds no bytes at all.
    case empty
    /// The bytes look like a binary file (NUL bytes or control characters outside a
    /// UTF-16 text), not an article.
    case binary(nulBytes: Int)
    /// Decoding worked but nothing readable was left (only whitespace or markup).
    case noText

    /// Stable identifier used in reason files and logs.
    public var code: String {
        switch self {
        case .empty: return "empty"
        case .binary: return "binary"
        case .noText: return "no_text"
        }
    }

    public var description: String {
        switch self {
        case .empty:
            return "the file is empty"
        case .binary(let nulBytes):
            return "the file looks binary (\(nulBytes) NUL bytes), not a text or HTML article"
        case .noText:
            return "the file has no readable text"
        }
    }
}
