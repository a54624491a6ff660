/// ISO 639-1 language of a text. Provisional: returns nil (unknown) until the
/// article-understanding work lands a real detector.
public enum LanguageDetector {
    public static func detect(_ text: String) -> String? { nil }
}
