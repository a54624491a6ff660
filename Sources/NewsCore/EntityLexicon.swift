/// Word lists the entity extractor reasons with. Generic facts about English news
/// prose and personal names, written as literals; every list is lower case and folded
/// (no diacritics).
enum EntityLexicon {
    /// Words that head a role in front of a name: "Foreign Minister Choe Son Hui",
    /// "Mr. Smith", "Supreme Leader Kim Jong Un".
    static let titleHeads = WordSet(titleHeadWords)
    private static let titleHeadWords: Set<String> = words("""
    president minister chairman chairwoman chairperson leader secretary spokesman spokeswoman
    spokesperson ambassador envoy mr mr. mrs mrs. ms ms. dr dr. prof prof. professor senator sen
    sen. rep rep. representative governor gov gov. king queen prince princess pope chancellor
    premier mayor judge justice director commander colonel col. captain capt. lieutenant lt.
    sergeant sgt. gen. admiral marshal ceo chair adviser advisor lord lady sir dame sheikh
    emir sultan counselor councillor councilor lawmaker legislator deputy vice-chairman
    vice-president vice-minister commissioner inspector superintendent officer agent
    analyst researcher correspondent reporter editor columnist author coach manager founder
    cardinal bishop archbishop rabbi imam reverend rev. father saint
    """)

    /// Lower-case role words that introduce a name: "spokeswoman Maria Zakharova",
    /// "counterpart Sergei Lavrov", "leader Kim Jong Un".
    static let roleCues = WordSet(titleHeadWords.union(words("""
    counterpart official officials diplomat spokesman spokeswoman leader chief head premier
    minister president analyst expert professor lawyer attorney activist dictator ruler
    strongman rival successor predecessor son daughter wife husband brother sister mother
    father uncle aunt cousin widow colleague aide candidate nominee host anchor star player
    striker midfielder defender goalkeeper singer actor actress rapper artist novelist poet
    businessman businesswoman billionaire tycoon founder journalist photographer
    """)))

    /// Given names with spelling variants ("sergei", "sergey"): known given names too.
    static let givenNameVariants = WordSet(Set(NameCanonicalizer.givenNameVariants.keys))

    /// Verbs that follow a speaking person: "Lavrov said".
    static let speechVerbs = WordSet(words("""
    said says told added stated noted wrote explained asked replied tweeted posted recalled
    insisted stressed emphasized emphasised argued warned claimed announced declared urged
    """))

    /// Last words of organisation names.
    static let orgSuffixes = WordSet(words("""
    ministry agency party council committee commission union bank inc inc. corp corp.
    corporation ltd ltd. llc plc group university college institute institution news times
    daily post journal herald tribune gazette press television radio broadcasting network
    service services office department bureau embassy consulate court parliament assembly
    congress senate army navy forces guard police foundation association federation league
    organization organisation authority administration company co co. holdings motors
    airlines airways technologies systems fund trust board club fc society center centre
    museum school academy church movement alliance coalition command corps brigade regiment
    studios media magazine review observer telegraph chronicle reporter exchange reserve
    secretariat cabinet directorate inspectorate ilbo sinmun inquiry bros brothers organizations
    organisations associations house communications productions publishing entertainment
    pictures records brewing industries partners ventures labs software solutions
    pharmaceuticals
    """))

    /// Words that head an "X of Y" organisation name: "University of North Korean Studies".
    static let orgHeads = WordSet(words("""
    university ministry department bank institute council court office academy church bureau
    commission committee agency organization organisation federation association league museum
    school college society board party union embassy government chamber house
    """))

    /// Last words of place names that are not in the gazetteer: "Vostochny Cosmodrome".
    static let placeSuffixes = WordSet(words("""
    airport cosmodrome square station bridge palace stadium island islands mountain mountains
    river lake sea ocean peninsula province prefecture region oblast county district valley
    strait gulf bay desert street avenue city town village port harbor harbour canal pavilion
    arena hall theatre theater camp base road
    """))

    /// First words of place names that are not in the gazetteer: "El Paso", "San Ysidro".
    static let placePrefixes = WordSet(words("""
    san santa santo sao los las el fort port mount lake cape saint st. ft. mt. bay
    """))

    /// Lower-case name particles that may sit inside a name: "Ludwig van Beethoven".
    static let nameParticles = WordSet(words("""
    van von de der den du da di la le bin ibn al el dos das del
    """))

    /// Lower-case words that may join two capitalised parts of one name:
    /// "University of North Korean Studies", "Republic of Korea".
    static let connectors = WordSet(words("of for"))

    /// Abbreviations whose full stop does not end a sentence.
    static let abbreviations = WordSet(words("""
    mr mrs ms dr prof gen sen rep gov lt col sgt capt st jr sr mt ft rev jan feb mar apr jun jul
    aug sep sept oct nov dec no vs etc inc corp ltd co dept univ approx
    """))

    static let monthsAndDays = WordSet(monthAndDayList)
    private static let monthAndDayList: Set<String> = words("""
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    """)

    /// Function words: never part of a name at its start.
    static let stopwords = WordSet(stopwordList)
    private static let stopwordList: Set<String> = words("""
    a an the and or but if then so as at by for from in into of on onto to with without within
    about above after against along amid among around before behind below beneath beside
    between beyond during except inside near off out outside over past since through
    throughout toward towards under until up upon via while whereas although though because
    unless whether when whenever where wherever which who whom whose what whatever why how
    i me my mine we us our ours you your yours he him his she her hers it its they them their
    theirs this that these those there here all any both each either every few many more most
    much neither no none nor not only other others same several some such than too very can
    could may might must shall should will would do does did done be is am are was were been
    being have has had having get got let also just still yet even ever never now once again
    already soon later today tomorrow yesterday meanwhile however therefore moreover instead
    perhaps maybe indeed thus hence yes okay ok oh please thanks thank hey hi hello wow don't
    can't won't isn't aren't wasn't didn't doesn't it's i'm we're they're you're that's there's
    here's what's let's
    """)

    /// Frequent English words that are not names when they open a sentence or a page line
    /// ("Experts predict", "Popular Now", "Read more"), and that a name candidate may not
    /// contain unless another cue says it is a name.
    static let commonWords = WordSet(stopwordList.union(monthAndDayList).union(words("""
    new old good bad big small great little long short high low last first next second third
    early late latest recent major minor main top best better worst full free real true false
    public private local national international global foreign domestic military political
    economic social official general special senior junior former current future former
    north south east west northern southern eastern western central upper lower left right
    read more see watch listen share follow subscribe sign log login logout register join
    contact support donate contribute comment comments reply replies print email tweet like
    home news world business sport sports politics opinion video videos photo photos image
    images gallery live latest popular trending related recommended must-reads editor editors
    picks story stories article articles page pages menu search close open skip main content
    privacy policy terms cookies cookie settings advertisement advertising sponsored copyright
    rights reserved all about us help faq feedback newsletter newsletters podcast podcasts
    update updated updates breaking exclusive analysis feature features review reviews report
    reports experts expert officials official analysts analyst sources source people person
    government state states city country countries nation nations region world war peace
    talks talk meeting meetings visit visits summit deal deals trade market markets economy
    troops soldiers army forces force weapons missile missiles nuclear military defense
    defence security foreign affairs interior justice finance health education energy
    environment science technology culture arts travel food style life lifestyle weather
    speculation experts given despite according following meanwhile earlier later dear
    readers reader subscribers subscriber once monthly annual continue remind ready not
    views view day week month year years days weeks months hours hour minutes minute time
    times morning evening night afternoon today tonight yesterday tomorrow now then
    he she it they we you i his her their our your its one two three four five six seven
    eight nine ten hundred thousand million billion percent per cent number numbers
    mr mrs ms dr president minister chairman leader secretary spokesman prime chief head
    deputy vice king queen prince princess pope supreme acting interim
    standards board policy uncategorized social lock icon
    red blue green black white gold silver grey gray brown orange yellow purple pink
    """)))

    /// Last words of capitalised phrases that name things, not people: "Stanley Cup",
    /// "Blue Jackets", "Red Wings".
    static let notSurnames = WordSet(words("""
    cup trophy prize prix award finals final semifinal semifinals tournament tour design designs
    protection closure services box slam globe globes utd road awards open championship championships series games olympics
    festival day week war wars act bill treaty accord agreement plan program programme project
    initiative doctrine law code index awards jackets wings sox jays leafs penguins islanders
    rangers devils bruins flyers kings sharks stars lightning panthers hurricanes capitals
    canadiens senators sabres predators avalanche jets oilers flames canucks ducks coyotes
    golden knights blues wild kraken lakers celtics warriors bulls knicks nets heat spurs
    yankees mets dodgers giants cubs cardinals braves astros patriots cowboys packers eagles
    steelers chiefs raiders united city rovers wanderers athletic hotspur albion
    """))

    /// Common given names, Western and international (folded, lower case). A capitalised
    /// pair that starts with one of these is taken for a person's name.
    static let firstNames = WordSet(words("""
    aaron abdul abdullah abraham adam adrian ahmed ahmad akira alan albert alberto alejandro
    alex alexander alexandra alexandre alexei alexey ali alice alicia alison amanda amber amelia
    amy ana anatoly andrea andreas andrei andrew andrey andy angela angelina angelo ann anna
    anne annie anthony antonio antony anton arnold arthur ashley aung barack barbara barry
    beatrice ben benjamin benedict bernard betty bill billy bob bobby boris brad bradley brandon
    brenda brian bruce bryan carl carla carlos carmen carol caroline catherine charles charlie
    charlotte chris christian christina christine christopher chuck claire claudia colin
    connor craig cristina cynthia dan daniel daniela danielle darya dave david dean deborah
    denis dennis diana diane dmitri dmitry dominic donald donna doris dorothy douglas dylan
    earl ed eddie edward elena eli elijah elizabeth ella ellen elon emily emma emmanuel eric
    erik ethan eugene eva evan evgeny fatima felix fernando fiona francis francisco frank
    franz fred frederick gabriel gary gavin george georgy gerald gerhard gina giorgia giuseppe
    gloria gordon grace greg gregory guy hamid hans harold harry hassan heather heinz helen
    henry herbert hillary hiroshi howard hugh hugo ian igor ilya ibrahim irene isaac isabel
    isabella ivan jack jacob jacqueline jake james jamie jan jane janet jason javier jean jeff
    jeffrey jennifer jeremy jerome jerry jesse jessica jim jimmy joan joe joel johann john
    johnny jonathan jorge jose joseph josh joshua joyce juan judith julia julian julie justin
    kamala karen karl kate katherine kathleen kathryn katie keith kelly ken kenneth kevin
    khalid kim kirill kristin kurt kyle larry laura lauren lawrence leah leo leon leonid
    leonardo liam linda lisa liz lucas lucy luis luke lyudmila mahmoud marco marcus margaret
    maria marie marina mario mark martha martin mary matt matthew maurice max maxim megan
    melania melissa michael michel michelle miguel mike mikhail mohammed muhammad mohamed
    mohammad nancy naomi narendra natalie natalya nathan neil nicholas nick nicola nicolas
    nicole nikita nikolai nikolay noah norman olaf oleg olga olivia omar oscar pablo pamela
    patricia patrick paul paula pedro peter philip philippe pierre pyotr rachel rafael ralph
    ramzan randy raymond rebecca recep richard rick rishi rob robert roberto robin roger ron
    ronald rosa ross roy ruth ryan sally sam samantha samuel sandra sara sarah scott sean
    sebastian sergei sergey sergio shinzo sophie stanley stephanie stephen steve steven
    susan svetlana tamara tatiana tatyana ted teresa terry theresa thomas tim timothy tina
    todd tom tony tyler ursula valentina valery vanessa vasily victor victoria viktor vincent
    virginia vitaly vladimir volodymyr walter wayne william xavier yaroslav yevgeny yuri
    yury yulia zachary zoe fumio shigeru yoshihide
    """))

    /// Korean family names in the romanisations the press uses. A name that starts with
    /// one of these and continues with one or two syllables ("Choe Son Hui",
    /// "Kim Jong-un") is Korean-order: family name first.
    static let koreanSurnames = WordSet(words("""
    kim lee yi ri rhee park pak choi choe jung jeong chung kang cho jo yoon yun jang chang
    lim im han oh seo suh shin sin kwon hwang ahn an song yoo yu ryu hong jeon jun chun ko
    koh moon mun yang son bae baek paek heo hur nam noh roh ha kwak sung cha joo ju woo min
    na jin ji chae won bang kong hyun hyon ham byun pyon yeom ryom yeo chu do seok sun ma
    gil yeon wi pyo myung ki ban ra wang geum ok yook maeng je mo tak kook kye thae hyeon
    koo ku
    """))

    /// Chinese family names; "Xi Jinping", "Wang Yi" are family-name first.
    static let chineseSurnames = WordSet(words("""
    xi wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin gao luo
    zheng liang xie song tang han feng deng cao peng zeng xiao tian dong pan yuan cai jiang
    yu du ye cheng wei su lu ding ren shen yao jin qin fu bai
    """))

    /// All-capital words that are not organisations.
    static let acronymStoplist = WordSet(Set("""
    TV OK CEO CFO CTO COO GDP EV EVS SUV AM PM AI PR ID PC IT UTC GMT EST EDT PST PDT CET USD
    EUR GBP JPY KRW RUB COVID HIV AIDS DNA RNA FAQ PDF URL HTML RSS VIP MP MPS NGO DIY LOL II
    III IV VI VII VIII IX XI XII XX BY BREAKING UPDATE UPDATED LIVE NEW NEWS VIDEO WATCH READ
    MORE AND THE OF IN ON TO FOR A AN AT BC AD CCTV GPS ICBM ICBMS SLBM DIY AKA FYI ASAP NB
    PS RIP TBA TBD USB WIFI KM KG MM CM HQ EU UN US UK UV LED LCD CD DVD MP3 SMS
    """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)))

    static func words(_ list: String) -> Set<String> {
        Set(list.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))
    }
}

/// A set of short words, looked up by a fixed 64-bit FNV-1a hash of their UTF-8 in an
/// open-addressing table: no per-process seeding and no `Hasher` set-up per look-up.
struct WordSet: Sendable {
    private let slots: [UInt64]
    private let mask: Int

    init(_ words: Set<String>) {
        var capacity = 16
        while capacity < words.count * 4 { capacity <<= 1 }
        var slots = [UInt64](repeating: 0, count: capacity)
        for word in words {
            let hash = WordSet.hash(word)
            var index = Int(truncatingIfNeeded: hash) & (capacity - 1)
            while slots[index] != 0 && slots[index] != hash { index = (index + 1) & (capacity - 1) }
            slots[index] = hash
        }
        self.slots = slots
        self.mask = capacity - 1
    }

    @inline(__always) static func hash(_ word: String) -> UInt64 {
        var word = word
        return word.withUTF8 { bytes in
            var h = seed
            for byte in bytes { h = step(h, byte) }
            return finish(h)
        }
    }

    /// FNV-1a in three steps, for hashing bytes that are not a `String` yet: `hash(w)`
    /// is `finish` of `step` over `w.utf8` from `seed`.
    static let seed: UInt64 = 0xCBF2_9CE4_8422_2325
    @inline(__always) static func step(_ h: UInt64, _ byte: UInt8) -> UInt64 { (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
    /// 0 marks an empty slot.
    @inline(__always) static func finish(_ h: UInt64) -> UInt64 { h == 0 ? 1 : h }

    func contains(_ word: String) -> Bool { contains(hash: WordSet.hash(word)) }

    @inline(__always) func contains(hash: UInt64) -> Bool {
        var index = Int(truncatingIfNeeded: hash) & mask
        while true {
            let slot = slots[index]
            if slot == hash { return true }
            if slot == 0 { return false }
            index = (index + 1) & mask
        }
    }
}

/// A growable set of non-zero 64-bit hashes with open addressing; cheaper than
/// `Set<UInt64>` for the per-text "seen in lower case" table.
struct HashSet64 {
    private var slots: [UInt64]
    private var mask: Int
    private var count = 0

    init(capacity: Int = 8) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
        mask = size - 1
    }

    mutating func insert(_ value: UInt64) {
        let value = value == 0 ? 1 : value
        if (count + 1) * 2 > slots.count { grow() }
        var index = Int(truncatingIfNeeded: value) & mask
        while true {
            let slot = slots[index]
            if slot == value { return }
            if slot == 0 { slots[index] = value; count += 1; return }
            index = (index + 1) & mask
        }
    }

    func contains(_ value: UInt64) -> Bool {
        let value = value == 0 ? 1 : value
        var index = Int(truncatingIfNeeded: value) & mask
        while true {
            let slot = slots[index]
            if slot == value { return true }
            if slot == 0 { return false }
            index = (index + 1) & mask
        }
    }

    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: 0, count: old.count * 2)
        mask = slots.count - 1
        count = 0
        for value in old where value != 0 { insert(value) }
    }
}
