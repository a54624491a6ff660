import Foundation

/// The article facts of a page's JSON-LD blocks: the first object typed as an article
/// (`NewsArticle`, `Article`, `BlogPosting`, …), found at the top level, in arrays or
/// in `@graph`; `@id` references (publisher, author) are followed within the page.
struct HTMLJSONLD {
    var headline: String?
    var authors: [String] = []
    var publisher: String?
    var datePublished: String?
    var url: String?

    static let articleTypes: Set<String> = [
        "newsarticle", "article", "blogposting", "reportagenews", "analysisnewsarticle", "opinionnewsarticle",
        "backgroundnewsarticle", "reviewnewsarticle", "livebloposting", "liveblogposting", "report",
        "scholarlyarticle", "techarticle", "socialmediaposting", "posting", "askpublicnewsarticle",
    ]

    static func parse(_ scripts: [String]) -> HTMLJSONLD {
        var objects: [[String: Any]] = []
        for script in scripts {
            guard let value = decode(script) else { continue }
            flatten(value, into: &objects, depth: 0)
        }
        var byID: [String: [String: Any]] = [:]
        for object in objects {
            if let id = object["@id"] as? String, byID[id] == nil { byID[id] = object }
        }
        var result = HTMLJSONLD()
        guard let article = objects.first(where: { isArticle($0) }) else { return result }
        result.headline = (article["headline"] as? String) ?? (article["name"] as? String)
        result.datePublished = article["datePublished"] as? String ?? article["dateCreated"] as? String
        result.url = article["url"] as? String
        result.authors = names(article["author"], byID: byID) + names(article["creator"], byID: byID)
        result.publisher = names(article["publisher"], byID: byID).first
        return result
    }

    private static func decode(_ script: String) -> Any? {
        var bytes = Array(script.utf8)
        func trim() {
            var start = 0, end = bytes.count
            while start < end && isSpace(bytes[start]) { start += 1 }
            while end > start && isSpace(bytes[end - 1]) { end -= 1 }
            if start > 0 || end < bytes.count { bytes = Array(bytes[start..<end]) }
        }
        trim()
        // Some pages wrap the block in comment or CDATA markers.
        for marker in ["<!--", "//<![CDATA[", "<![CDATA["] where bytes.starts(with: marker.utf8) {
            bytes.removeFirst(marker.utf8.count)
            trim()
        }
        for marker in ["-->", "//]]>", "]]>"] where bytes.count >= marker.utf8.count && bytes.suffix(marker.utf8.count).elementsEqual(marker.utf8) {
            bytes.removeLast(marker.utf8.count)
            trim()
        }
        if let value = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) {
            return value
        }
        // Raw line breaks and tabs inside strings are a common fault.
        for index in bytes.indices where bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 {
            bytes[index] = 0x20
        }
        return try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == 0x0C
    }

    private static func flatten(_ value: Any, into objects: inout [[String: Any]], depth: Int) {
        guard depth < 6 else { return }
        if let array = value as? [Any] {
            for item in array { flatten(item, into: &objects, depth: depth + 1) }
        } else if let object = value as? [String: Any] {
            objects.append(object)
            if let graph = object["@graph"] { flatten(graph, into: &objects, depth: depth + 1) }
            if let main = object["mainEntity"] as? [String: Any] { flatten(main, into: &objects, depth: depth + 1) }
        }
    }

    private static func isArticle(_ object: [String: Any]) -> Bool {
        if let type = object["@type"] as? String { return articleTypes.contains(type.lowercased()) }
        if let types = object["@type"] as? [Any] {
            return types.contains { ($0 as? String).map { articleTypes.contains($0.lowercased()) } ?? false }
        }
        return false
    }

    /// Names from a string, `{"name": …}`, an `@id` reference, or an array of those.
    private static func names(_ value: Any?, byID: [String: [String: Any]]) -> [String] {
        guard let value else { return [] }
        if let string = value as? String { return [string] }
        if let array = value as? [Any] { return array.prefix(20).flatMap { names($0, byID: byID) } }
        if let object = value as? [String: Any] {
            if let name = object["name"] as? String { return [name] }
            if let name = (object["name"] as? [Any])?.first as? String { return [name] }
            if let id = object["@id"] as? String, let target = byID[id], let name = target["name"] as? String {
                return [name]
            }
        }
        return []
    }
}
