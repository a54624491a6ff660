import Crypto
import NewsStore

/// SHA-256 of a file's bytes, as the store's content key.
public enum ContentHash {
    public static func of(_ bytes: [UInt8]) -> ContentKey {
        ContentKey(digest: Array(SHA256.hash(data: bytes)))
    }
}
