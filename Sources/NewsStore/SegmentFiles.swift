import Glibc

/// Naming and listing of the store's segment files: `articles-000001.jsonl`, …
public enum SegmentFiles {
    public static let prefix = "articles-"
    public static let suffix = ".jsonl"

    public static func name(_ number: Int) -> String {
        let digits = String(number)
        return prefix + String(repeating: "0", count: max(0, 6 - digits.count)) + digits + suffix
    }

    public static func number(ofName name: String) -> Int? {
        guard name.hasPrefix(prefix), name.hasSuffix(suffix) else { return nil }
        let digits = name.dropFirst(prefix.count).dropLast(suffix.count)
        guard digits.count >= 6, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) else { return nil }
        return Int(digits)
    }

    /// Segment numbers present in `directory`, ascending.
    public static func list(in directory: String) throws(StoreError) -> [Int] {
        guard let dir = opendir(directory) else {
            throw .io(operation: "opendir", path: directory, errno: errno)
        }
        defer { closedir(dir) }
        var numbers: [Int] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if let number = number(ofName: name) { numbers.append(number) }
        }
        return numbers.sorted()
    }
}
