import Glibc

/// Which names wait in the inbox untouched: dotfiles and temporary names of
/// downloaders and editors (`ingest.ignore`, shell patterns matched on the name).
public struct IgnoreRules: Sendable {
    public let patterns: [String]

    public init(patterns: [String]) { self.patterns = patterns }

    public func ignores(_ name: [UInt8]) -> Bool {
        BytePath.withCString(name) { cName in
            patterns.contains { fnmatch($0, cName, FNM_PERIOD) == 0 }
        }
    }
}
