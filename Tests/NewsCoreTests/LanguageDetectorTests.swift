import Testing
@testable import NewsCore

/// Short sentences written for these tests, one per language the detector must know.
private let samples: [(language: String, text: String)] = [
    ("en", "The minister said on Tuesday that the talks with the delegation would continue, and that both sides have agreed to meet again in the spring."),
    ("de", "Der Minister sagte am Dienstag, dass die Gespräche mit der Delegation fortgesetzt werden und dass beide Seiten sich im Frühjahr wieder treffen wollen."),
    ("fr", "Le ministre a déclaré mardi que les discussions avec la délégation vont continuer et que les deux parties se retrouveront au printemps pour un nouveau sommet."),
    ("es", "El ministro dijo el martes que las conversaciones con la delegación van a continuar y que las dos partes se reunirán de nuevo en la primavera."),
    ("it", "Il ministro ha detto martedì che i colloqui con la delegazione continueranno e che le due parti si incontreranno di nuovo in primavera per un vertice."),
    ("pt", "O ministro disse na terça-feira que as conversas com a delegação vão continuar e que os dois lados se encontrarão novamente na primavera para uma nova cúpula."),
    ("nl", "De minister zei dinsdag dat de gesprekken met de delegatie worden voortgezet en dat beide partijen elkaar in het voorjaar weer zullen ontmoeten."),
    ("id", "Menteri mengatakan pada hari Selasa bahwa pembicaraan dengan delegasi akan terus dilanjutkan dan kedua pihak akan bertemu lagi pada musim semi yang akan datang."),
    ("pl", "Minister powiedział we wtorek, że rozmowy z delegacją będą kontynuowane i że obie strony spotkają się ponownie na wiosnę, aby omówić dalszą współpracę."),
    ("tr", "Bakan salı günü yaptığı açıklamada heyetle yapılan görüşmelerin devam edeceğini ve iki tarafın bahar aylarında yeniden bir araya geleceğini söyledi. Bu görüşme için çok önemli bir adım olarak görülüyor."),
    ("ru", "Министр заявил во вторник, что переговоры с делегацией будут продолжены и что обе стороны снова встретятся весной."),
    ("uk", "Міністр заявив у вівторок, що переговори з делегацією будуть продовжені і що обидві сторони знову зустрінуться навесні."),
    ("ja", "大臣は火曜日、代表団との協議を続けると述べ、双方は春に再び会うことで合意したと語った。"),
    ("ko", "장관은 화요일 대표단과의 회담이 계속될 것이며 양측이 봄에 다시 만나기로 합의했다고 말했다."),
    ("zh", "部长星期二表示，与代表团的会谈将继续进行，双方同意在春天再次会面。"),
    ("ar", "قال الوزير يوم الثلاثاء إن المحادثات مع الوفد ستستمر وإن الجانبين اتفقا على الاجتماع مرة أخرى في الربيع."),
]

@Test(arguments: samples)
func detectsLanguageOfSample(_ sample: (language: String, text: String)) {
    #expect(LanguageDetector.detect(sample.text) == sample.language)
}

@Test func returnsNilForTooLittleText() {
    #expect(LanguageDetector.detect("") == nil)
    #expect(LanguageDetector.detect("Hello there") == nil)
    #expect(LanguageDetector.detect("2024-10-30 12:00 — 42 / 17 · 3.5%") == nil)
}

@Test func returnsNilForLatinTextWithoutFunctionWords() {
    // Letters enough, but a list of names tells no language.
    #expect(LanguageDetector.detect("Pyongyang Moscow Vladivostok Khabarovsk Seoul Busan Incheon Tokyo Osaka Kyoto") == nil)
}

@Test func readsOnlyTheStartOfLongTexts() {
    let english = String(repeating: "The talks will continue and both sides have agreed to meet. ", count: 60)
    let german = String(repeating: "Die Gespräche werden fortgesetzt und beide Seiten wollen sich treffen. ", count: 200)
    #expect(LanguageDetector.detect(english + german) == "en")
}

@Test func tellsJapaneseFromChineseByKana() {
    // Kanji with a little kana is Japanese; the same characters without kana are not.
    #expect(LanguageDetector.detect("東京都は新型の交通計画を発表しました。市民の意見を聞く予定です。") == "ja")
    #expect(LanguageDetector.detect("东京都发表了新的交通计划，并将听取市民的意见和建议。") == "zh")
}

@Test func doesNotCutMultiByteCharactersAtTheSampleEnd() {
    // A Cyrillic text longer than the sample must still be Russian, whatever byte the
    // sample ends on.
    let text = String(repeating: "Министр заявил, что переговоры будут продолжены. ", count: 80)
    #expect(text.utf8.count > LanguageDetector.sampleBytes)
    #expect(LanguageDetector.detect(text) == "ru")
    #expect(LanguageDetector.detect("x" + text) == "ru")
}
