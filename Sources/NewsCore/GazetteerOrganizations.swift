/// Major international organisations, state bodies, news agencies and outlets that
/// the news names by acronym or by a fixed name. Facts, written as literals.
///
/// One entry per line: `Canonical|alias|alias`. The canonical name is the form a
/// reader searches for: the full name, except where the acronym is the household
/// name (NATO, IAEA, FBI, AFP, TASS, …). Aliases in all capitals match only capitals.
enum GazetteerOrganizations {
    static let table = """
    United Nations|UN|U.N.|United Nations Organization
    UN Security Council|United Nations Security Council|U.N. Security Council|UNSC
    UN General Assembly|United Nations General Assembly|U.N. General Assembly|UNGA
    UN Human Rights Council|United Nations Human Rights Council|U.N. Human Rights Council
    UNESCO
    UNICEF
    UNHCR
    World Food Programme|WFP|World Food Program
    NATO|North Atlantic Treaty Organization|North Atlantic Treaty Organisation
    European Union|EU|E.U.
    European Commission
    European Parliament
    European Council
    European Central Bank|ECB
    IAEA|International Atomic Energy Agency
    World Health Organization|WHO|World Health Organisation
    International Monetary Fund|IMF
    World Bank
    World Trade Organization|WTO|World Trade Organisation
    OPEC
    ASEAN|Association of Southeast Asian Nations
    African Union
    Arab League
    OSCE|Organization for Security and Co-operation in Europe
    OECD
    Interpol
    Europol
    International Committee of the Red Cross|ICRC|Red Cross
    International Criminal Court|ICC
    International Court of Justice|ICJ
    Amnesty International
    Human Rights Watch
    Greenpeace
    Shanghai Cooperation Organisation|SCO|Shanghai Cooperation Organization
    BRICS
    Federal Reserve
    FBI|Federal Bureau of Investigation
    CIA|Central Intelligence Agency
    NSA|National Security Agency
    Pentagon
    White House
    Kremlin
    State Department|US State Department|U.S. State Department
    Congress|US Congress|U.S. Congress
    Supreme Court
    KGB
    FSB|Federal Security Service
    GRU
    Wagner Group
    Korean Central News Agency|KCNA
    Korean Central Television|KCTV
    Rodong Sinmun
    Workers' Party of Korea|WPK|Korean Workers' Party
    Korean People's Army|KPA
    Yonhap|Yonhap News Agency|Yonhap News
    Korea JoongAng Daily|JoongAng Daily
    Korea Herald
    Korea Times
    Chosun Ilbo
    Dong-A Ilbo|Donga Ilbo
    NK News
    National Intelligence Service|NIS
    AFP|Agence France-Presse|Agence France Presse
    Associated Press|AP
    Reuters
    Bloomberg
    BBC
    CNN
    TASS
    RIA Novosti
    Interfax
    Sputnik
    Xinhua
    Kyodo|Kyodo News
    NHK
    Al Jazeera
    New York Times|The New York Times|NYT
    Washington Post|The Washington Post
    Wall Street Journal|The Wall Street Journal|WSJ
    Financial Times|FT
    The Guardian
    The Economist
    Fox News
    NBC|NBC News
    CBS|CBS News
    NPR
    Deutsche Welle|DW
    Le Monde
    Der Spiegel|Spiegel
    Politico
    Axios
    Moscow Times|The Moscow Times
    Kyiv Independent
    Communist Party of China|CPC|Chinese Communist Party|CCP
    People's Liberation Army|PLA
    United Russia
    Democratic Party
    Republican Party|GOP
    Labour Party|Labour
    Liberal Democrats|Lib Dems|Liberal Democrat Party|Lib Dem|Liberal Democrat
    Scottish National Party|SNP
    UK Independence Party|UKIP
    Plaid Cymru
    Reform UK
    Conservative Party|Conservatives|Tories|Tory Party
    House of Commons
    House of Lords
    Downing Street
    Bundestag
    Duma|State Duma
    Knesset
    National Assembly
    Hamas
    Hezbollah
    Taliban
    Islamic State|ISIS|ISIL
    Google
    Apple
    Amazon
    Netflix
    Meta|Meta Platforms
    Uber
    Spotify
    Disney|Walt Disney
    Nike
    Walmart
    SpaceX
    Starbucks
    Microsoft
    Samsung|Samsung Electronics
    Hyundai
    Toyota
    Tesla
    Huawei
    Alibaba
    Tencent
    Nvidia
    Intel
    IBM
    OpenAI
    Facebook
    Twitter
    YouTube
    TikTok
    Gazprom
    Rosneft
    Boeing
    Airbus
    Volkswagen
    Sony
    """
}
