/// Places every reader knows: countries (with short forms and demonyms), regions in the
/// news, capitals and major cities. Facts, written as literals.
///
/// One entry per line: `Canonical|alias|alias;demonym|demonym`. The canonical name is
/// also an alias. Aliases written in capitals with dots or in all capitals ("U.S.",
/// "UK", "DPRK") match only when the text writes them in capitals.
///
/// Demonyms ("North Korean", "Russian") count as a mention of the country: in news
/// prose "North Korean troops" and "Russian officials" say the story is about that
/// country, and story grouping wants that signal. A demonym that starts an
/// organisation's name ("Russian Foreign Ministry") is part of the organisation instead.
enum GazetteerPlaces {
    static let table = """
    Afghanistan;Afghan|Afghans
    Albania;Albanian
    Algeria;Algerian
    Andorra
    Angola;Angolan
    Argentina;Argentine|Argentinian
    Armenia;Armenian
    Australia;Australian
    Austria;Austrian
    Azerbaijan;Azerbaijani|Azeri
    Bahamas|The Bahamas
    Bahrain;Bahraini
    Bangladesh;Bangladeshi
    Barbados
    Belarus;Belarusian
    Belgium;Belgian
    Belize
    Benin
    Bhutan
    Bolivia;Bolivian
    Bosnia and Herzegovina|Bosnia;Bosnian
    Botswana
    Brazil;Brazilian
    Brunei
    Bulgaria;Bulgarian
    Burkina Faso
    Burundi
    Cambodia;Cambodian
    Cameroon;Cameroonian
    Canada;Canadian
    Cape Verde
    Central African Republic
    Chad;Chadian
    Chile;Chilean
    China|PRC|People's Republic of China|Mainland China;Chinese
    Colombia;Colombian
    Comoros
    Democratic Republic of the Congo|DRC|DR Congo
    Republic of the Congo|Congo
    Costa Rica;Costa Rican
    Croatia;Croatian
    Cuba;Cuban
    Cyprus;Cypriot
    Czech Republic|Czechia;Czech
    Denmark;Danish
    Djibouti
    Dominican Republic
    Ecuador;Ecuadorian
    Egypt;Egyptian
    El Salvador;Salvadoran
    Equatorial Guinea
    Eritrea;Eritrean
    Estonia;Estonian
    Eswatini|Swaziland
    Ethiopia;Ethiopian
    Fiji
    Finland;Finnish
    France;French
    Gabon
    Gambia
    Georgia;Georgian
    Germany;German
    Ghana;Ghanaian
    Greece;Greek
    Guatemala;Guatemalan
    Guinea
    Guyana
    Haiti;Haitian
    Honduras;Honduran
    Hungary;Hungarian
    Iceland;Icelandic
    India;Indian
    Indonesia;Indonesian
    Iran;Iranian
    Iraq;Iraqi
    Ireland|Republic of Ireland;Irish
    Israel;Israeli
    Italy;Italian
    Ivory Coast|Côte d'Ivoire|Cote d'Ivoire;Ivorian
    Jamaica;Jamaican
    Japan;Japanese
    Jordan;Jordanian
    Kazakhstan;Kazakh
    Kenya;Kenyan
    Kosovo
    Kuwait;Kuwaiti
    Kyrgyzstan;Kyrgyz
    Laos;Lao|Laotian
    Latvia;Latvian
    Lebanon;Lebanese
    Lesotho
    Liberia;Liberian
    Libya;Libyan
    Liechtenstein
    Lithuania;Lithuanian
    Luxembourg
    Madagascar
    Malawi
    Malaysia;Malaysian
    Maldives
    Mali;Malian
    Malta;Maltese
    Mauritania
    Mauritius
    Mexico;Mexican
    Moldova;Moldovan
    Monaco
    Mongolia;Mongolian
    Montenegro
    Morocco;Moroccan
    Mozambique
    Myanmar|Burma;Burmese
    Namibia
    Nepal;Nepalese|Nepali
    Netherlands|The Netherlands|Holland;Dutch
    New Zealand
    Nicaragua;Nicaraguan
    Niger
    Nigeria;Nigerian
    North Korea|DPRK|D.P.R.K.|N. Korea|N.Korea|Democratic People's Republic of Korea;North Korean|North Koreans
    North Macedonia|Macedonia
    Norway;Norwegian
    Oman;Omani
    Pakistan;Pakistani
    Palestine|Palestinian Territories;Palestinian|Palestinians
    Panama;Panamanian
    Papua New Guinea
    Paraguay;Paraguayan
    Peru;Peruvian
    Philippines|The Philippines;Filipino|Philippine
    Poland;Polish
    Portugal;Portuguese
    Qatar;Qatari
    Romania;Romanian
    Russia|Russian Federation;Russian|Russians
    Rwanda;Rwandan
    Saudi Arabia;Saudi
    Senegal;Senegalese
    Serbia;Serbian
    Sierra Leone
    Singapore;Singaporean
    Slovakia;Slovak
    Slovenia;Slovenian
    Somalia;Somali
    South Africa;South African
    South Korea|ROK|Republic of Korea|S. Korea;South Korean|South Koreans
    South Sudan
    Spain;Spanish
    Sri Lanka;Sri Lankan
    Sudan;Sudanese
    Suriname
    Sweden;Swedish
    Switzerland;Swiss
    Syria;Syrian
    Taiwan;Taiwanese
    Tajikistan;Tajik
    Tanzania;Tanzanian
    Thailand;Thai
    Togo
    Tunisia;Tunisian
    Turkey|Türkiye|Turkiye;Turkish
    Turkmenistan;Turkmen
    Uganda;Ugandan
    Ukraine;Ukrainian|Ukrainians
    United Arab Emirates|UAE|U.A.E.;Emirati
    United Kingdom|UK|U.K.|Britain|Great Britain;British
    United States|US|U.S.|USA|U.S.A.|United States of America|America;American|Americans
    Uruguay;Uruguayan
    Uzbekistan;Uzbek
    Venezuela;Venezuelan
    Vietnam|Viet Nam;Vietnamese
    Yemen;Yemeni
    Zambia;Zambian
    Zimbabwe;Zimbabwean
    Soviet Union|USSR|U.S.S.R.;Soviet
    Europe;European|Europeans
    Asia;Asian
    Africa;African
    Latin America;Latin American
    North America
    South America
    Middle East
    Far East
    Korean Peninsula
    Korea;Korean|Koreans
    Arctic
    Antarctica
    Gaza|Gaza Strip
    West Bank
    Crimea;Crimean
    Donbas|Donbass
    Kursk
    Kashmir
    Tibet;Tibetan
    Xinjiang
    Hong Kong
    Macau|Macao
    Siberia;Siberian
    Chechnya;Chechen
    Scotland;Scottish
    England
    Wales;Welsh
    Northern Ireland
    Catalonia;Catalan
    Baltic Sea
    Black Sea
    South China Sea
    Sea of Japan|East Sea
    Yellow Sea
    Pacific|Pacific Ocean
    Atlantic|Atlantic Ocean
    Indian Ocean
    Mediterranean|Mediterranean Sea
    Red Sea
    Persian Gulf
    Taiwan Strait
    Demilitarized Zone|DMZ
    Pyongyang
    Seoul
    Busan|Pusan
    Incheon
    Kaesong
    Wonsan
    Vladivostok
    Khabarovsk
    Moscow
    St. Petersburg|Saint Petersburg|St Petersburg
    Kaliningrad
    Novosibirsk
    Yekaterinburg
    Kazan
    Belgorod
    Rostov|Rostov-on-Don
    Kyiv|Kiev
    Kharkiv|Kharkov
    Odesa|Odessa
    Lviv
    Dnipro
    Mariupol
    Zaporizhzhia
    Kherson
    Donetsk
    Luhansk
    Bakhmut
    Sevastopol
    Minsk
    Tokyo
    Osaka
    Kyoto
    Hiroshima
    Beijing|Peking
    Shanghai
    Shenzhen
    Guangzhou
    Wuhan
    Taipei
    New Delhi|Delhi
    Mumbai|Bombay
    Kolkata|Calcutta
    Bangalore|Bengaluru
    Islamabad
    Karachi
    Lahore
    Kabul
    Tehran
    Baghdad
    Damascus
    Beirut
    Jerusalem
    Tel Aviv
    Amman
    Riyadh
    Jeddah
    Doha
    Dubai
    Abu Dhabi
    Ankara
    Istanbul
    Cairo
    Tripoli
    Tunis
    Algiers
    Rabat
    Casablanca
    Khartoum
    Addis Ababa
    Nairobi
    Lagos
    Abuja
    Johannesburg
    Cape Town
    Pretoria
    Kinshasa
    Dakar
    Accra
    London
    Manchester
    Birmingham
    Edinburgh
    Glasgow
    Dublin
    Paris
    Marseille
    Lyon
    Berlin
    Munich
    Frankfurt
    Hamburg
    Cologne
    Vienna
    Zurich
    Geneva
    Bern
    Brussels
    Amsterdam
    The Hague|Hague
    Rotterdam
    Luxembourg City
    Copenhagen
    Oslo
    Stockholm
    Helsinki
    Reykjavik
    Tallinn
    Riga
    Vilnius
    Warsaw
    Krakow|Kraków
    Prague
    Bratislava
    Budapest
    Bucharest
    Sofia
    Belgrade
    Zagreb
    Ljubljana
    Sarajevo
    Athens
    Rome
    Milan
    Naples
    Venice
    Florence
    Turin
    Madrid
    Barcelona
    Seville
    Valencia
    Lisbon
    Porto
    Tbilisi
    Yerevan
    Baku
    Astana
    Almaty
    Tashkent
    Bishkek
    Dushanbe
    Ashgabat
    Ulaanbaatar|Ulan Bator
    Hanoi
    Ho Chi Minh City|Saigon
    Bangkok
    Phnom Penh
    Vientiane
    Yangon|Rangoon
    Naypyidaw
    Kuala Lumpur
    Jakarta
    Bali
    Manila
    Dhaka
    Kathmandu
    Colombo
    Canberra
    Sydney
    Melbourne
    Brisbane
    Perth
    Wellington
    Auckland
    Ottawa
    Toronto
    Montreal
    Vancouver
    Washington|Washington D.C.|Washington, D.C.
    New York|New York City|NYC
    Los Angeles|L.A.
    Chicago
    Houston
    San Francisco
    Seattle
    Boston
    Miami
    Atlanta
    Dallas
    Philadelphia
    Las Vegas
    Detroit
    Denver
    Phoenix
    San Diego
    Silicon Valley
    Mexico City
    Havana
    Caracas
    Bogota|Bogotá
    Lima
    Quito
    Santiago
    Buenos Aires
    Montevideo
    Brasilia|Brasília
    Rio de Janeiro|Rio
    Sao Paulo|São Paulo
    Alabama
    Alaska
    Arizona
    Arkansas
    California;Californian
    Colorado
    Connecticut
    Delaware
    Florida
    Hawaii
    Idaho
    Illinois
    Indiana
    Iowa
    Kansas
    Kentucky
    Louisiana
    Maine
    Maryland
    Massachusetts
    Michigan
    Minnesota
    Mississippi
    Missouri
    Montana
    Nebraska
    Nevada
    New Hampshire
    New Jersey
    New Mexico
    North Carolina
    North Dakota
    Ohio
    Oklahoma
    Oregon
    Pennsylvania
    Rhode Island
    South Carolina
    South Dakota
    Tennessee
    Texas;Texan
    Utah
    Vermont
    Virginia
    West Virginia
    Wisconsin
    Wyoming
    Guam
    Puerto Rico
    Greenland
    """
}
