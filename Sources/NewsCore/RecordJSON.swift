/// Writes a `Record` as one line of JSON: fixed key order, no escaped slashes, UTF-8.
///
/// Hand-written rather than `JSONEncoder`: the order of keys is part of what makes
/// the store easy to read and diff, and this is about 3× faster (SWIFT-NOTES.md).
public enum RecordJSON {
    /// The record's JSON followed by a newline. Without `storeFields`, the fields
    /// only the store can give (`id`, `ingested_at`, `duplicate_of`, `similarity`,
    /// `story`) are left out: that is what `newsctl parse` shows.
    public static func line(_ record: Record, storeFields: Bool = true) -> [UInt8] {
        var out = JSONWriter()
        out.open()
        out.key("v"); out.int(record.v)
        if storeFields { out.key("id"); out.string(record.id) }
        out.key("file"); out.string(record.file)
        out.key("sha256"); out.string(record.sha256)
        out.key("bytes"); out.int(record.bytes)
        if storeFields { out.key("ingested_at"); out.string(record.ingestedAt) }
        out.key("format"); out.string(record.format.rawValue)
        out.key("title"); out.string(record.title)
        out.key("byline"); out.strings(record.byline)
        out.key("publisher"); out.optionalString(record.publisher)
        out.key("published"); out.optionalString(record.published)
        out.key("language"); out.optionalString(record.language)
        out.key("url"); out.optionalString(record.url)
        out.key("lead"); out.string(record.lead)
        out.key("word_count"); out.int(record.wordCount)
        out.key("text"); out.string(record.text)
        out.key("entities"); out.entities(record.entities)
        if storeFields {
            out.key("duplicate_of"); out.optionalString(record.duplicateOf)
            out.key("similarity")
            if let similarity = record.similarity { out.double(similarity) } else { out.null() }
            out.key("story"); out.optionalString(record.story)
        }
        out.key("decoded_lossy"); out.bool(record.decodedLossy)
        out.close()
        out.newline()
        return out.bytes
    }
}

/// A minimal streaming JSON writer over bytes.
public struct JSONWriter {
    public private(set) var bytes: [UInt8] = []
    private var needsComma = false

    public init(capacity: Int = 4096) { bytes.reserveCapacity(capacity) }

    public mutating func newline() { bytes.append(0x0A); needsComma = false }
    public mutating func open() { separator(); bytes.append(UInt8(ascii: "{")); needsComma = false }
    public mutating func close() { bytes.append(UInt8(ascii: "}")); needsComma = true }
    mutating func openArray() { separator(); bytes.append(UInt8(ascii: "[")); needsComma = false }
    mutating func closeArray() { bytes.append(UInt8(ascii: "]")); needsComma = true }

    public mutating func key(_ key: String) {
        separator()
        appendQuoted(key)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    public mutating func string(_ value: String) { separator(); appendQuoted(value); needsComma = true }
    public mutating func optionalString(_ value: String?) { if let value { string(value) } else { null() } }
    public mutating func int(_ value: Int) { separator(); bytes.append(contentsOf: String(value).utf8); needsComma = true }
    public mutating func bool(_ value: Bool) { separator(); bytes.append(contentsOf: (value ? "true" : "false").utf8); needsComma = true }
    public mutating func null() { separator(); bytes.append(contentsOf: "null".utf8); needsComma = true }

    /// Doubles rounded to 4 decimals: similarities do not need more, and it keeps
    /// output stable across platforms' float printing.
    public mutating func double(_ value: Double) {
        separator()
        let scaled = (value * 10_000).rounded() / 10_000
        bytes.append(contentsOf: (scaled.isFinite ? "\(scaled)" : "null").utf8)
        needsComma = true
    }

    public mutating func strings(_ values: [String]) {
        openArray()
        for value in values { string(value) }
        closeArray()
    }

    mutating func entities(_ entities: Entities) {
        open()
        for (name, mentions) in [("people", entities.people), ("organizations", entities.organizations), ("places", entities.places)] {
            key(name)
            openArray()
            for mention in mentions {
                open()
                key("name"); string(mention.name)
                key("count"); int(mention.count)
                close()
            }
            closeArray()
        }
        close()
    }

    private mutating func separator() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    private mutating func appendQuoted(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\\")); bytes.append(byte)
            case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\")); bytes.append(byte)
            case 0x0A: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "t"))
            case 0..<0x20:
                bytes.append(contentsOf: Array("\\u00".utf8))
                bytes.append(Self.hex[Int(byte >> 4)])
                bytes.append(Self.hex[Int(byte & 0x0F)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
