/// People, organisations and places in a text, under canonical names.
/// Provisional: finds nothing until the article-understanding work lands.
public enum EntityExtractor {
    public static func extract(_ text: String, title: String = "") -> Entities { Entities() }
}
