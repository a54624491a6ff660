import Foundation
import NewsCore

/// Parsing of store lines.
public enum RecordLine {
    public struct KeyFields: Sendable {
        public var id: RecordID
        public var content: ContentKey
        public var fileHash: UInt64
    }

    public struct Invalid: Error, Sendable, CustomStringConvertible {
        public var description: String
    }

    private struct Keys: Decodable {
        let v: Int
        let id: String
        let sha256: String
        let file: String
    }

    /// The fields recovery needs, after checking the line is a JSON object of schema v1.
    public static func keyFields(_ line: UnsafeBufferPointer<UInt8>) -> Result<KeyFields, Invalid> {
        let keys: Keys
        do {
            keys = try JSONDecoder().decode(Keys.self, from: Data(buffer: line))
        } catch {
            return .failure(Invalid(description: "not a valid record: \(describe(error))"))
        }
        guard keys.v == Record.schemaVersion else {
            return .failure(Invalid(description: "unknown schema version \(keys.v)"))
        }
        guard let id = RecordID(keys.id) else {
            return .failure(Invalid(description: "invalid id \(keys.id.debugDescription)"))
        }
        guard let content = ContentKey(hex: keys.sha256) else {
            return .failure(Invalid(description: "invalid sha256"))
        }
        return .success(KeyFields(id: id, content: content, fileHash: FileHash.of(keys.file)))
    }

    /// A whole record.
    public static func decode(_ line: some Collection<UInt8>) throws -> Record {
        try JSONDecoder().decode(Record.self, from: Data(line))
    }

    static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context): return context.debugDescription
        case DecodingError.keyNotFound(let key, _): return "missing \"\(key.stringValue)\""
        case DecodingError.typeMismatch(_, let context): return "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        default: return "\(error)"
        }
    }
}

/// FNV-1a 64 of a record's `file`: fixed (not per-process seeded like `Hasher`).
public enum FileHash {
    public static func of(_ file: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in file.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}
