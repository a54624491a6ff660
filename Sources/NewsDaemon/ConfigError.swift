/// Why a configuration file was refused. The message names the file, the key and
/// the line, so the fix is obvious.
public enum ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case syntax(path: String, line: Int, column: Int, reason: String)
    case unknownKey(path: String, key: String, line: Int?)
    case invalidValue(path: String, key: String, line: Int?, expected: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "\(path): cannot read the configuration: \(reason)"
        case .syntax(let path, let line, let column, let reason):
            return "\(path):\(line):\(column): invalid TOML: \(reason)"
        case .unknownKey(let path, let key, let line):
            return "\(path)\(line.map { ":\($0)" } ?? ""): unknown key '\(key)' (see Config/newsd.toml for the keys newsd knows)"
        case .invalidValue(let path, let key, let line, let expected):
            return "\(path)\(line.map { ":\($0)" } ?? ""): '\(key)' must be \(expected)"
        }
    }
}
