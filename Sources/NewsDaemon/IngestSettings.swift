/// The ingest settings that may change while running (on reload).
public struct IngestSettings: Sendable, Equatable {
    public var maxFileBytes: Int
    public var disposition: NewsdConfig.Disposition
    public var ignore: IgnoreRules

    public init(_ config: NewsdConfig) {
        maxFileBytes = config.ingest.maxFileBytes
        disposition = config.ingest.disposition
        ignore = IgnoreRules(patterns: config.ingest.ignore)
    }

    public static func == (lhs: IngestSettings, rhs: IngestSettings) -> Bool {
        lhs.maxFileBytes == rhs.maxFileBytes && lhs.disposition == rhs.disposition && lhs.ignore.patterns == rhs.ignore.patterns
    }
}
