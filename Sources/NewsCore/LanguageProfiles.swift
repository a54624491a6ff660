/// Function-word profiles of Latin-script languages for `LanguageDetector`: the most
/// frequent short words of each language (articles, prepositions, pronouns,
/// auxiliaries), written as literals. A word may belong to several languages.
struct LanguageProfiles: Sendable {
    static let languages = ["en", "de", "fr", "es", "it", "pt", "nl", "id", "pl", "tr", "sv", "ro"]

    static let table: [String] = [
        // en
        """
        the of and to in is that for it with as was on be by at this are from have has had not
        but or an which were been their they its said will would he she his her who also there
        about after than into more when what can could should other them these those we our you
        """,
        // de
        """
        der die das und ist nicht ein eine einen einem einer mit den dem des auf für von zu sich
        im auch als wird bei nach noch wie aus oder aber nur sind wurde werden hat haben dass zum
        zur über ich er sie es uns wir sein seine ihre ihr diese dieser durch gegen vor unter
        """,
        // fr
        """
        le la les et des est une un du pour dans que qui pas sur au aux avec ce cette sont par
        plus ont été mais ses son leur elle il nous vous être fait sa ces comme tout aussi entre
        d'un d'une l'a c'est qu'il n'est
        """,
        // es
        """
        el la los las de del y en que es por con una un para se al lo como más pero sus su le ha
        fue este esta son está también entre sobre muy hay sin ya desde cuando todo ser sido
        donde tiene han porque estos esa ese
        """,
        // it
        """
        il lo la gli le di che è e un una per con del della dei non sono da nel nella si al alla
        anche come più ma ha questo questa essere stato delle degli ai dal dalla sul sulla
        perché è ancora tra fra quando loro hanno
        """,
        // pt
        """
        o a os as de do da dos das e que em um uma para com não no na por se ao mais como mas foi
        são é seu sua ele ela também pelo pela entre está isso nos nas aos muito quando já sobre
        ser tem às até depois essa esse
        """,
        // nl
        """
        de het een en van in is dat op te zijn met voor niet aan er ook als bij door maar naar om
        wordt werd hij zij ze was heeft dit die worden uit nog hebben geen al wel meer over tot
        """,
        // id
        """
        yang dan di ini itu dengan untuk dari dalam tidak ke akan pada juga ada oleh adalah karena
        atau sudah bisa mereka kami kita saya telah lebih seperti tersebut namun saat bahwa hanya
        masih menjadi sebagai belum
        """,
        // pl
        """
        i w z na się nie że do to jest jak o co ale po przez dla tak od jego jej są być był była
        było tym także oraz który która które tego jednak przy ich już może
        """,
        // tr
        """
        ve bir bu da de için ile olarak çok daha gibi olan ne ama en ki var değil sonra kadar
        tarafından ise şu göre her olduğu yeni ilk büyük
        """,
        // sv
        """
        och i att det som en på är av för med till den har de inte om ett var jag men så från
        vid kan eller efter också sina hade
        """,
        // ro
        """
        și în de la a cu pe că nu din este care un o al mai pentru sunt fost au ce se lui
        """,
    ]

    /// Letters that only some of the languages use, and who gets a point for each.
    static let letterHints: [UInt32: [String]] = [
        0xDF: ["de"], 0xE4: ["de", "sv"], 0xF6: ["de", "tr", "sv"], 0xFC: ["de", "tr"],
        0xF1: ["es"], 0xE3: ["pt"], 0xF5: ["pt"], 0xE7: ["pt", "fr", "tr"],
        0xE8: ["fr", "it"], 0xEA: ["fr", "pt"], 0xE0: ["fr", "it", "pt"], 0xF9: ["fr", "it"],
        0xE5: ["sv"], 0x11F: ["tr"], 0x15F: ["tr", "ro"], 0x131: ["tr"],
        0x142: ["pl"], 0x105: ["pl"], 0x119: ["pl"], 0x15B: ["pl"], 0x17C: ["pl"], 0x17A: ["pl"],
        0x107: ["pl"], 0x144: ["pl"], 0x103: ["ro"], 0x219: ["ro"], 0x21B: ["ro"], 0x163: ["ro"],
    ]

    static let hashSeed: UInt64 = 0xCBF2_9CE4_8422_2325

    @inline(__always) static func step(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }

    static func hash(_ word: String) -> UInt64 {
        var h = hashSeed
        for byte in word.utf8 { h = step(h, byte) }
        return h
    }

    static let shared = LanguageProfiles()

    /// FNV-1a hash of a lower-case word → bit set of languages (a flat table: the
    /// detector looks up every word of the sample, and `Dictionary` would hash the hash).
    let words: WordMaskTable
    private let hints: [UInt32: UInt16]

    init() {
        var words: [UInt64: UInt16] = [:]
        for (language, list) in Self.table.enumerated() {
            for word in list.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
                words[Self.hash(String(word)), default: 0] |= 1 << UInt16(language)
            }
        }
        var hints: [UInt32: UInt16] = [:]
        for (letter, languages) in Self.letterHints {
            for language in languages {
                if let index = Self.languages.firstIndex(of: language) { hints[letter, default: 0] |= 1 << UInt16(index) }
            }
        }
        self.words = WordMaskTable(words)
        self.hints = hints
    }

    @inline(__always) func letterBonus(_ letter: UInt32, into hits: inout [Int]) {
        guard var bits = hints[letter] else { return }
        while bits != 0 {
            hits[bits.trailingZeroBitCount] += 1
            bits &= bits - 1
        }
    }
}

/// A fixed map from non-zero 64-bit hashes to 16-bit masks, open addressing.
struct WordMaskTable: Sendable {
    private let keys: [UInt64]
    private let masks: [UInt16]
    private let slotMask: Int

    init(_ entries: [UInt64: UInt16]) {
        var capacity = 16
        while capacity < entries.count * 4 { capacity <<= 1 }
        var keys = [UInt64](repeating: 0, count: capacity)
        var masks = [UInt16](repeating: 0, count: capacity)
        for (key, mask) in entries {
            let key = key == 0 ? 1 : key
            var index = Int(truncatingIfNeeded: key) & (capacity - 1)
            while keys[index] != 0 && keys[index] != key { index = (index + 1) & (capacity - 1) }
            keys[index] = key
            masks[index] |= mask
        }
        self.keys = keys
        self.masks = masks
        self.slotMask = capacity - 1
    }

    @inline(__always)
    subscript(_ key: UInt64) -> UInt16? {
        let key = key == 0 ? 1 : key
        var index = Int(truncatingIfNeeded: key) & slotMask
        while true {
            let slot = keys[index]
            if slot == key { return masks[index] }
            if slot == 0 { return nil }
            index = (index + 1) & slotMask
        }
    }
}
