"""Country codes and names from the Unicode CLDR (through Babel), so no list of countries is typed by hand."""

import difflib
import unicodedata
from functools import cache

from babel import Locale as BabelLocale


@cache
def _codes() -> frozenset[str]:
    return frozenset(code for code in BabelLocale.parse("en").territories if len(code) == 2 and code.isalpha())


def is_country_code(code: str) -> bool:
    return code in _codes() and code not in {"ZZ", "EU", "EZ", "UN", "QO", "XA", "XB"}


@cache
def country_name(code: str, language: str) -> str:
    """The country's name in `language`, from the CLDR."""
    try:
        return BabelLocale.parse(language).territories.get(code, code)
    except (ValueError, LookupError):
        return BabelLocale.parse("en").territories.get(code, code)


def all_countries(language: str) -> list[tuple[str, str]]:
    """Every ISO country as (code, name), sorted by name in `language`."""
    names = ((code, country_name(code, language)) for code in _codes() if is_country_code(code))
    return sorted(names, key=lambda c: normalize_name(c[1]))


# Names people write that the CLDR does not list as a country's name: informal names, abbreviations, the parts of the
# United Kingdom, and the inflected forms of names in languages that decline them (Polish "w Polsce", "z Polski";
# Ukrainian "в Польщі"; Finnish "Saksassa"; Estonian "Eestis"; Hungarian "Angliában"; Lithuanian "Lietuvoje"; Czech "ve
# Skotsku"; Slovak "v Anglicku"; Slovenian "na Hrvaškem"; Croatian "u Hrvatskoj"; Greek "στην Αγγλία"; Arabic
# "ببريطانيا"), which visitors write when asked where they are, and Russian names (Bulgarian "Германия" is Russian
# too), for the countries HelpHub covers, the parts of the United Kingdom and a few neighbours (some Norwegian,
# Estonian, Latvian and Bulgarian forms here date from before those languages were in MATCH_LANGUAGES). A form of a
# covered country is left out when `match_country`, which forgives it small misspellings, already reads it as a name it
# knows ("Magyarországon" as "Magyarország"); forms of the neighbours are not forgiven and must be here. Every official name in its dictionary form otherwise comes from the CLDR.
# Inflected forms are stored without their preposition ("polsce", not "w polsce"), since `match_country` finds a name
# inside a sentence, unless the bare form is an ordinary word (Croatian "u SAD-u": "sad" is "now"); no form here may be
# an ordinary word ("na", "w", "z") or another country's name, nor so close to an ordinary word that the forgiveness of
# misspellings reads one as the other (tests/directory/test_country_names.py checks that every form here still names its
# own country, and that ordinary answers in each language name none).
ALIASES = {
    "AT": ["austrii", "austrię", "австрії", "itävallassa", "austrijoje", "austrijos", "ausztriában", "ausztriából",
           "австрии"],
    "AU": ["australii", "австралії", "австралии", "australijoje", "australijos", "ausztráliában", "ausztráliából"],
    "BE": ["belgii", "бельгії", "belgiassa", "belgiasta", "belgijoje", "belgiumban", "belgiumból", "в белгия",
           "бельгии"],
    "BG": ["bułgarii", "болгарії", "bulgariassa", "bulgariasta", "bulgaariast", "bulgarijos", "bugarskoj",
           "bulgáriában", "bulgáriából", "българия", "болгарии"],
    "CA": ["kanady", "kanadzie", "kanadę", "канади", "канаді", "kanadassa", "kanadasta", "kanados", "kanadában",
           "kanadából", "канаде"],
    "CH": ["szwajcarii", "szwajcarię", "швейцарії", "sveitsissä", "sveitsistä", "šveice", "šveicarijoje", "švici",
           "švice", "švicarskoj", "svájcban", "svájcból", "швейцарии"],
    "CY": ["cypru", "cyprze", "кіпру", "кіпрі", "kyproksella", "kyprokselta", "kyproksessa", "kyproksesta", "kypru",
           "küproselt", "küprosest", "kipre", "kipro", "cipra", "ciprusról", "кипър", "кипр", "кипре"],
    "CZ": ["czech republic", "republica checa", "república tcheca", "repubblica ceca", "republique tcheque",
           "tschechische republik", "tsjechische republiek", "czech", "czechach", "republika czeska",
           "republice czeskiej", "republiki czeskiej", "чехії", "tšekissä", "tšekin tasavallassa", "tšehhi", "tšehhis",
           "tšehhist", "čehijas", "čekijoje", "čekijos", "česku", "české republice", "české republiky", "češkem",
           "češke", "чехия", "чехии"],
    "DE": ["niemiec", "niemczech", "німеччини", "німеччині", "saksassa", "saksasta", "saksamaa", "saksamaal",
           "saksamaalt", "vokietijoje", "vokietijos", "njemačkoj", "nemačkoj", "nemačke", "германия", "германии"],
    "DK": ["danii", "данії", "tanskassa", "taanis", "danijoje", "danijos", "v dánsku", "danskem", "iz danske",
           "dániában", "dániából", "в дания", "дания", "بالدنمارك"],
    "EE": ["estonii", "естонії", "virossa", "virosta", "eesti", "eestis", "eestist", "igaunija", "igaunijas",
           "estijoje", "эстония", "эстонии", "viroon"],
    "ES": ["hiszpanii", "hiszpanię", "іспанії", "espanjassa", "espanjasta", "hispaanias", "hispaaniast", "ispanijoje",
           "ispanijos", "в испания", "в испании"],
    "FI": ["finlandii", "finlandię", "фінляндії", "suomessa", "suomesta", "soome", "soomes", "soomest", "suomijoje",
           "suomijos", "ve finsku", "fínsku", "finskem", "iz finske", "финландия", "финляндии"],
    "FR": ["francji", "francję", "франції", "ranskassa", "prantsusmaa", "prantsusmaal", "prantsusmaalt", "prancūzijoje",
           "во франции", "в франции", "în franța", "din franța"],
    "GB": ["uk", "u k", "britain", "great britain", "gran bretana", "grande bretagne", "grossbritannien",
           "groot brittannie", "england", "inglaterra", "angleterre", "inghilterra", "engeland", "anglia", "anglii",
           "anglię", "scotland", "escocia", "ecosse", "schottland", "scozia", "schotland", "szkocja", "szkocji",
           "szkocję", "wales", "pays de galles", "galles", "walia", "walii", "walię", "northern ireland",
           "irlanda del norte", "irlande du nord", "nordirland", "irlanda del nord", "irlanda do norte",
           "noord ierland", "irlandia północna", "irlandii północnej", "wielkiej brytanii", "wielką brytanię",
           "brytania", "brytanii", "zjednoczone królestwo", "zjednoczonym królestwie", "zjednoczonego królestwa",
           "великій британії", "великої британії", "британії", "англії", "skottland", "nord-irland", "britanniassa",
           "britanniasta", "isossa-britanniassa", "isosta-britanniasta", "britannia", "englanti", "englannissa",
           "englannista", "skotlanti", "skotlannissa", "skotlannista", "walesissa", "walesista", "pohjois-irlanti",
           "pohjois-irlannissa", "pohjois-irlannista", "suurbritannia", "suurbritannias", "suurbritanniast",
           "ühendkuningriik", "ühendkuningriigis", "inglismaa", "inglismaal", "inglismaalt", "walesis", "walesist",
           "põhja-iirimaa", "põhja-iirimaal", "põhja-iirimaalt", "šotimaal", "lielbritānija", "lielbritānijas",
           "apvienotā karaliste", "apvienotajā karalistē", "anglijas", "skotija", "skotijas", "velsa", "velsas",
           "ziemeļīrija", "ziemeļīrijas", "didžiojoje britanijoje", "didžiosios britanijos", "britanijoje", "anglijoje",
           "anglijos", "škotijoje", "škotijos", "šiaurės airija", "šiaurės airijoje", "šiaurės airijos", "velse",
           "velké británie", "skotsko", "skotsku", "severní irsko", "severním irsku", "severního irska",
           "veľkej británie", "anglicku", "severné írsko", "severnom írsku", "severného írska", "veliki britaniji",
           "velike britanije", "škotskem", "severna irska", "severnem irskem", "severne irske", "velikoj britaniji",
           "engleska", "engleskoj", "engleske", "škotskoj", "sjeverna irska", "sjevernoj irskoj", "sjeverne irske",
           "nagy-britanniában", "nagy-britanniából", "angliában", "angliából", "skóciában", "skóciából", "walesből",
           "észak-írország", "észak-írországban", "észak-írországból", "walesben", "marea britanie", "țara galilor",
           "irlanda de nord", "în scoția", "великобритания", "обединеното кралство", "англия", "шотландия", "уелс",
           "северна ирландия", "великобритании", "англии", "шотландии", "уэльс", "уэльсе", "северной ирландии",
           "англія", "шотландія", "шотландії", "уельс", "уельсі", "північна ірландія", "північній ірландії",
           "північної ірландії", "сполученому королівстві", "βρετανία", "μεγάλη βρετανία", "αγγλία", "σκωτία", "ουαλία",
           "βόρεια ιρλανδία", "بريطانيا", "إنجلترا", "انكلترا", "اسكتلندا", "ويلز", "أيرلندا الشمالية", "ببريطانيا",
           "en gales", "de gales"],
    "GR": ["grecji", "grecję", "греції", "i hellas", "fra hellas", "kreikassa", "kreikasta", "kreeka", "kreekas",
           "kreekast", "grieķijas", "graikijoje", "graikijos", "řecku", "řecka", "v grécku", "vo grécku", "grčije",
           "v grciji", "grčkoj", "grčke", "гърция", "греция", "греции"],
    "HR": ["chorwacji", "chorwację", "хорватії", "kroatiassa", "kroatiasta", "horvaatia", "horvaatias", "horvaatiast",
           "horvātija", "horvātijas", "kroatijoje", "kroatijos", "hrvaškem", "hrvatskoj", "хърватия", "хорватии"],
    "HU": ["węgier", "węgrzech", "угорщини", "угорщині", "unkarissa", "unkarista", "ungarist", "vengrijoje",
           "vengrijos", "madžarskem", "унгария", "венгрия", "венгрии", "في المجر", "بالمجر", "i ungern"],
    "IE": ["irlandii", "irlandię", "ірландії", "irlannissa", "irlannista", "iirimaa", "iirimaal", "iirimaalt", "īrijas",
           "īrija", "airijoje", "irsku", "irskem", "irske", "ирландия", "ирландии", "írországban", "írországból"],
    "IT": ["włoch", "włoszech", "італії", "italiassa", "italiasta", "itaaliast", "italijoje", "italijos", "itálii",
           "италия", "в италии"],
    "LT": ["litwy", "litwie", "litwę", "литви", "литві", "liettuassa", "liettuasta", "leedu", "leedust", "lietuvoje",
           "lietuvos", "litvě", "litvy", "litvi", "litvániában", "litvániából", "литве"],
    "LU": ["luksemburga", "luksemburgu", "люксембургу", "люксембурзі", "luxemburgissa", "luxemburgista"],
    "LV": ["łotwy", "łotwie", "łotwę", "латвії", "latviassa", "latviasta", "lätis", "latvijoje", "latvijos", "латвия",
           "латвии", "lätist"],
    "MT": ["malty", "malcie", "мальти", "мальті", "maltoje", "na malti", "máltáról", "мальте", "à malte", "na maltě",
           "maltalla"],
    "NL": ["holland", "holanda", "hollande", "olanda", "holandii", "holandię", "niderlandów", "niderlandach",
           "нідерландів", "нідерландах", "голландії", "alankomaissa", "alankomaista", "hollannissa", "hollannista",
           "hollanti", "hollandist", "madalmaad", "madalmaades", "madalmaadest", "nyderlanduose", "olandijoje",
           "olandijos", "холандия", "нидерланды", "голландия", "голландии", "ολλανδία"],
    "NO": ["norwegii", "norwegię", "норвегії", "norjassa", "norjasta", "norrast", "norvegijoje", "norvegijos", "norsku",
           "norveškem", "norveškoj", "norvégiában", "norvégiából", "норвегии", "norras"],
    "PL": ["polski", "polsce", "polskę", "польщі", "puolassa", "poola", "poolas", "poolast", "lenkijoje", "lenkijos",
           "v polsku", "полша", "польша", "в польше", "puolasta", "puolaan", "polijas"],
    "PT": ["portugalii", "portugalię", "португалії", "португалии"],
    "RO": ["rumunii", "rumunię", "румунії", "romaniassa", "romaniasta", "rumeenias", "rumeeniast", "rumunijoje",
           "rumunijos", "romániában", "romániából", "румъния", "румыния", "румынии"],
    "SE": ["szwecji", "szwecję", "швеції", "ruotsissa", "ruotsista", "rootsis", "rootsist", "zviedrija", "zviedrijas",
           "švedijoje", "švedijos", "švedskem", "швеция", "швеции", "en suède"],
    "SI": ["słowenii", "słowenię", "словенії", "sloveniassa", "sloveniasta", "sloveeniast", "slovėnijoje", "slovėnijos",
           "словении"],
    "SK": ["słowacji", "słowację", "словаччини", "словаччині", "slovakiassa", "slovakiasta", "slovakkiast",
           "slovakijoje", "slovakijos", "slovaškem", "slovačkoj", "словакия", "словакии"],
    "UA": ["ukrainy", "ukrainie", "україни", "україні", "ukrainassa", "ukrainasta", "ukrainos", "ukrajnában",
           "ukrajnából"],
    "US": ["i usa", "the usa", "den usa", "negli usa", "w usa", "v usa", "ve usa", "z usa", "ze usa", "u s a", "the us",
           "in us", "america", "eeuu", "ee uu", "eua", "etats unis", "amerika",
           "united states of america", "w stanach", "ze stanów", "do stanów", "stanach zjednoczonych",
           "stanów zjednoczonych", "ameryka", "ameryce", "ameryki", "сша", "америці", "америки", "сполучених штатах",
           "сполучених штатів", "the states", "yhdysvalloissa", "yhdysvalloista", "amerikassa", "amerikasta",
           "jenkeissä", "jenkeistä", "ameerikast", "asv", "amerikoje", "amerikos", "spojených státech",
           "spojených států", "spojených štátoch", "spojených štátov", "v zda", "iz zda", "sjedinjenim državama",
           "sjedinjenih država", "u sad u", "iz sad a", "amerikában", "amerikából", "statele unite", "сащ",
           "съединени щати", "съединените щати", "αμερική", "ηπα", "أمريكا", "أميركا", "بأمريكا"],
    "AE": ["uae", "emirates"],
    "TR": ["tyrkia", "turkissa", "türgi", "turkijos", "turskoj", "turske", "турция", "турции"],
    "RU": ["venäjällä", "venäjältä", "venemaal", "venemaalt", "krievijas", "rusijoje", "rusijos", "rusiji", "rusije",
           "в русия", "россия", "россии", "росії"],
    "RS": ["serbiassa", "serbiasta", "srbsku", "srbska", "srbiji", "srbije", "szerbiában", "szerbiából", "в сърбия"],
    "BY": ["baltarusijoje", "valko-venäjällä"],
    "SY": ["sirijoje"],
    "BA": ["bosni", "bosne"],
    "IS": ["исландия", "исландии", "på island", "auf island", "islannissa", "islannista"],
    "IN": ["en inde"],
    "CN": ["i kina", "in cina"],
    "ML": ["au mali", "in mali"],
    "OM": ["in oman"],
}
# Names that are also ordinary words, understood only when they are the whole answer: "us" ("can you help us"), Polish
# "stany" ("states": "mam stany lękowe", I have anxiety states), the United States as Croatians ("SAD": "sad" is "now"),
# Slovenians ("ZDA": Czech "zda", whether), Romanians ("SUA": "sua", his or her) and Lithuanians ("JAV": Slovak "jav", a
# phenomenon) write it. Inside a sentence they need their preposition or article, as ALIASES gives them ("the us", "w
# stanach"). CLDR names that are ordinary words are in ORDINARY_WORDS below.
WHOLE_ANSWER_ALIASES = {
    "US": ["us", "stany", "sad", "zda", "sua", "jav"],
}
# The countries HelpHub's directory covers (content/directory/countries.yaml; tests/directory/test_country_names.py
# keeps the two the same). Only their names and aliases are forgiven a misspelling: forgiving every CLDR name of 25
# languages read ordinary words as countries ("zabija", kills, as Lithuanian "Zambija"; "w klubie" as Czech "Kolumbie").
COVERED = frozenset({"AT", "AU", "BE", "BG", "CA", "CH", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GB", "GR",
                     "HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "NO", "PL", "PT", "RO", "SE", "SI", "SK", "UA",
                     "US"})
# The languages whose country names are understood, whatever language the visitor reads the site in: the assistant's 25.
MATCH_LANGUAGES = ("en", "es", "fr", "de", "it", "pl", "pt", "nl", "sv", "da", "nb", "fi", "et", "lv", "lt", "cs", "sk",
                   "sl", "hr", "hu", "ro", "bg", "el", "uk", "ar")
# CLDR names (as normalize_name writes them) that are ordinary words in one of those languages: never read, but those of
# covered countries as the whole answer, like WHOLE_ANSWER_ALIASES; inside a sentence only with a preposition, where
# ALIASES gives one ("en inde", "i kina", "i ungern"). Found by bot/drafts/names/ordinary_words.py and wordfreq_scan.py,
# which look for every CLDR name of every language above in the assistant's training data of all 25 and in wordfreq's
# lists of frequent words, then chosen by hand: a name that is also an adjective or the language of the same country
# stays ("polska", "italien").
ORDINARY_WORDS = {
    "man": "IM: Norwegian 'Man'; English, German, Swedish, Danish, Norwegian 'man' (one, a man)",
    "tai": "TH: Estonian 'Tai'; Finnish 'tai' (or), Lithuanian 'tai' (this), Latvian 'tai' (that)",
    "oma": "OM: Portuguese 'Omã'; Finnish, Estonian 'oma' (own), German, Dutch 'Oma' (grandmother)",
    "oman": "OM: Finnish 'oman' (own's)",
    "omaan": "OM: Estonian 'Omaan'; Finnish 'omaan' (into one's own)",
    "omana": "OM: Latvian 'Omāna'; Finnish 'omana' (as one's own)",
    "suuria": "SY: Estonian 'Süüria'; Finnish 'suuria' (big)",
    "cada": "TD: Latvian 'Čada'; Spanish, Portuguese 'cada' (each)",
    "cad": "TD: Czech, Slovak, Slovenian, Croatian 'Čad'; Romanian 'cad' (I fall)",
    "czad": "TD: Polish 'Czad'; Polish 'czad' (fumes)",
    "csad": "TD: Hungarian 'Csád'; Czech 'ČSAD' (the coach company)",
    "мали": "ML: Bulgarian 'Мали'; Ukrainian 'мали' (had)",
    "mali": "ML: Slovak, Croatian, Slovenian 'mali' (small)",
    "того": "TG: Ukrainian and Bulgarian 'Того'; Ukrainian 'того' (that)",
    "inde": "IN: French 'Inde'; Danish 'inde' (inside), Slovak 'inde' (elsewhere)",
    "indie": "IN: Czech, Polish 'Indie'; English 'indie'",
    "kina": "CN: Scandinavian, Croatian, Hungarian, Latvian 'Kina'; Polish, Czech, Slovak 'kina' (of the cinema)",
    "cina": "CN: Italian 'Cina', Czech 'Čína'; Romanian 'cina' (dinner), Latvian 'cīņa' (struggle)",
    "island": "IS: Germanic and Slavic 'Island'; English 'island'",
    "ira": "IR: Portuguese 'Irã'; Spanish, Italian 'ira' (anger), French 'ira' (will go)",
    "gana": "GH: Portuguese, Croatian, Slovenian, Lithuanian, Latvian 'Gana'; Spanish 'gana' (wins), Lithuanian, "
            "Latvian 'gana' (enough)",
    "cile": "CL: Croatian, Slovak, Slovenian 'Čile'; Czech 'cíle' (goals)",
    "chili": "CL: French, Dutch 'Chili'; 'chili' (the pepper)",
    "komory": "KM: Czech, Slovak 'Komory'; 'komory' (rooms, chambers)",
    "gabona": "GA: Latvian 'Gabona'; Hungarian 'gabona' (grain)",
    "peruu": "PE: Estonian 'Peruu'; Finnish 'peruu' (is called off)",
    "kena": "KE: Czech, Slovak 'Keňa'; Estonian 'kena' (nice)",
    "reunion": "RE: 'Réunion'; French 'réunion', Spanish 'reunión' (meeting)",
    "reuniao": "RE: Portuguese 'Reunião' (meeting)",
    "riunione": "RE: Italian 'Riunione' (meeting)",
    "ascension": "AC: 'Ascension'; English, French 'ascension'",
    "salvador": "SV: 'Salvador'; Portuguese, Spanish 'salvador' (saviour), the Brazilian city",
    "servia": "RS: Portuguese 'Sérvia'; Spanish 'servía' (served)",
    "servie": "RS: Dutch 'Servië'; French 'servie' (served)",
    "maurice": "MU: French 'Maurice'; the first name",
    "dominique": "DM: French 'Dominique'; the first name",
    "grenade": "GD: French 'Grenade'; English 'grenade', French 'Grenade' (Granada, Spain)",
    "granada": "GD: Spanish, Portuguese 'Granada'; Granada, Spain",
    "jersey": "JE: 'Jersey'; 'jersey' (a sweater), New Jersey (the United States)",
    "norfolk": "NF: 'Norfolk'; the English county (the United Kingdom)",
    "columbia": "CO: Romanian 'Columbia'; British Columbia (Canada), Columbia in the United States",
    "bermuda": "BM: 'Bermuda'; Portuguese 'bermuda' (shorts)",
    "usa": "US: Swedish, Danish, Norwegian 'USA'; Spanish, Italian, Portuguese 'usa' (uses), Romanian 'ușa' (the door: "
           "'e la ușa mea', he is at my door)",
    "بليز": "BZ: Arabic 'بليز'; Arabic 'بليز' (please)",
    # Names of covered countries that are ordinary words elsewhere: their sentence forms are in ALIASES.
    "norra": "NO: Estonian 'Norra'; Swedish 'norra' (northern)",
    "lati": "LV: Estonian 'Läti'; Italian 'lati' (sides)",
    "ungern": "HU: Swedish 'Ungern'; German 'ungern' (reluctantly), one letter from Danish 'ungerne' (the kids)",
    "malte": "MT: French 'Malte'; German 'malte' (painted), Danish, Norwegian 'malte' (painted)",
    "viro": "EE: Finnish 'Viro'; Portuguese 'viro' (I turn)",
    "puola": "PL: Finnish 'Puola'; Lithuanian 'puola' (attacks)",
    "franta": "FR: Romanian 'Franța'; Czech 'Franta' (the first name)",
    "suede": "SE: French 'Suède'; English 'suede'",
}
# Words that the forgiveness of misspellings would read as a covered country's name but are ordinary words (found by
# bot/drafts/names/scan_messages.py in the training and held-out data of the 25 languages). Never read as a misspelling.
NOT_MISSPELLINGS = frozenset({
    "alamaissa",  # Finnish: feeling low (Alankomaissa, in the Netherlands)
    "amanha",  # Portuguese amanhã: tomorrow (Alemanha)
    "cansada",  # Spanish, Portuguese: tired (Canada)
    "espalha",  # Portuguese: spreads (Espanha)
    "gales",  # Lithuanian galės: will be able (Italian Galles; Spanish "en Gales" is in ALIASES)
    "grija",  # Romanian grijă: care (Slovenian Grčija)
    "kuros",  # Latvian: which (Estonian Küpros)
    "letnika",  # Slovenian: year-old (Letonia)
    "matkalla",  # Finnish: on the way (Maltalla)
    "poklone",  # Croatian: presents (French Pologne)
    "policija", "policja",  # police (Latvian Polija)
    "puolesta",  # Finnish: on behalf of (Puolasta)
    "schelden",  # Dutch: to call names (German Schweden)
    "sisse",  # Estonian: into (French Suisse)
    "somessa", "somesta", "someen",  # Finnish: on, from, to social media (Suomessa)
    "spannen",  # Dutch: to plot (German Spanien)
    "ubrania",  # Polish: clothes (Ucrania)
    "ungar", "ungarna",  # Swedish: kids (Ungarn)
    "vacia",  # Spanish vacía: empty (Latvian Vācija)
})
# A misspelling is forgiven in a word (or two or three) of at least this many letters, an Arabic article not counted.
MIN_MISSPELT = 5
MISSPELLING_CUTOFF = 0.85


# Letters that NFKD does not decompose into a base letter and an accent, written as people type them without the
# accent: "Łotwa" is typed "lotwa", "Færøerne" "faeroerne".
_PLAIN_LETTERS = str.maketrans({"ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ß": "ss", "ı": "i"})


def normalize_name(text: str) -> str:
    """A name as it is matched and sorted: lower case, no accents, words separated by single spaces ('Österreich!'
    -> 'osterreich', 'Łotwa' -> 'lotwa'), so what people type without accents still matches and accented letters
    sort with their base letter (Österreich with O, Łotwa with L), as readers expect."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    plain = plain.translate(_PLAIN_LETTERS)
    return " ".join("".join(ch if ch.isalnum() else " " for ch in plain).split())


@cache
def _name_index(languages: tuple[str, ...]) -> dict[str, str]:
    """Every CLDR name in `languages` and every alias, but ORDINARY_WORDS, as normalized name -> code."""
    index = {}
    for language in languages:
        for code, name in all_countries(language):
            index.setdefault(normalize_name(name), code)
    for code, names in ALIASES.items():
        for name in names:
            index.setdefault(normalize_name(name), code)
    for word in ORDINARY_WORDS:
        index.pop(word, None)
    return index


@cache
def _whole_answer_index(languages: tuple[str, ...]) -> dict[str, str]:
    index = {normalize_name(name): code for code, names in WHOLE_ANSWER_ALIASES.items() for name in names}
    for language in languages:
        for code, name in all_countries(language):
            if normalize_name(name) in ORDINARY_WORDS and code in COVERED:
                index.setdefault(normalize_name(name), code)
    return index


@cache
def _longest_name(languages: tuple[str, ...]) -> int:
    return max(len(name.split()) for name in _name_index(languages))


# The article (al-) and the prefixes (bi-, li-, wa-, fa-, ka-: in, for, and, so, like) that Arabic writes joined to the
# word they belong to: "بالسويد" is "in Sweden". Only a form at least three letters long is left.
_ARABIC_ARTICLE = "ال"
_ARABIC_BEFORE_ARTICLE = ("وبال", "فبال", "بال", "وال", "فال", "كال", "عال", "لل")
_ARABIC_PREFIXES = ("وب", "فب", "ب", "و", "ف", "ل", "ك")


def _without_arabic_prefix(word: str) -> str:
    for prefix in _ARABIC_BEFORE_ARTICLE:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            return _ARABIC_ARTICLE + word[len(prefix):]
    for prefix in _ARABIC_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            return word[len(prefix):]
    return word


def _letters(name: str) -> int:
    """How many letters a name has for the forgiveness of misspellings: an Arabic article does not count."""
    return len(name) - len(_ARABIC_ARTICLE) if name.startswith(_ARABIC_ARTICLE) else len(name)


@cache
def _forgiven_names(languages: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """The names of the covered countries that a misspelling may stand for, by first letter: a misspelt word keeps its
    first letter ("portugual"), an ordinary word one letter from a name often does not ("z Gdańska", "Danska";
    Ukrainian "окраїні", outskirts, "україні")."""
    by_letter = {}
    for name, code in _name_index(languages).items():
        if code in COVERED and _letters(name) >= MIN_MISSPELT:
            by_letter.setdefault(name[0], []).append(name)
    return {letter: tuple(names) for letter, names in by_letter.items()}


def _runs(words: list[str], longest: int) -> set[str]:
    return {" ".join(words[i:i + n]) for n in range(1, longest + 1) for i in range(len(words) - n + 1)}


def match_country(text: str, languages: tuple[str, ...] = MATCH_LANGUAGES) -> str | None:
    """The ISO code of the country `text` names, in any of `languages`, or None.

    Understands a bare name ("alemania"), a name inside a sentence ("i live in the uk"), missing accents, Arabic
    prefixes ("بالسويد") and small misspellings of the covered countries' names ("portugual"). The longest name found
    wins, so "Papua New Guinea" is not read as "Guinea".
    """
    query = normalize_name(text)
    if not query:
        return None
    languages = tuple(dict.fromkeys(languages))
    index = _name_index(languages)
    if query in index:
        return index[query]
    whole = _whole_answer_index(languages)
    if query in whole:
        return whole[query]
    words = query.split()
    bare = [_without_arabic_prefix(word) for word in words]
    runs = _runs(words, _longest_name(languages)) | (_runs(bare, _longest_name(languages)) if bare != words else set())
    found = [run for run in runs if run in index]
    if found:
        return index[max(found, key=len)]
    forgiven = _forgiven_names(languages)
    best = None
    for candidate in _runs(words, 3) | _runs(bare, 3):
        if _letters(candidate) < MIN_MISSPELT or candidate in NOT_MISSPELLINGS or candidate in ORDINARY_WORDS:
            continue
        for name in forgiven.get(candidate[0], ()):
            ratio = _misspelling(candidate, name)
            if ratio and (best is None or (ratio, len(name)) > best[:2]):
                best = (ratio, len(name), name)
    return index[best[2]] if best else None


def _misspelling(candidate: str, name: str) -> float:
    """How close `candidate` is to `name` (difflib's ratio) if it may be a misspelling of it, else 0: as many words,
    each with the same first letter, each short word (under four letters: "the", "w") the same, each longer one
    close."""
    if candidate.count(" ") != name.count(" "):
        return 0.0
    pairs = list(zip(candidate.split(), name.split(), strict=True))
    for typed, word in pairs:
        if typed[0] != word[0] or ((len(typed) < 4 or len(word) < 4) and typed != word):
            return 0.0
    ratios = [_ratio(typed, word) for typed, word in pairs]
    if min(ratios) < MISSPELLING_CUTOFF:
        return 0.0
    return _ratio(candidate, name)


def _ratio(a: str, b: str) -> float:
    if a == b:
        return 1.0
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < MISSPELLING_CUTOFF or matcher.quick_ratio() < MISSPELLING_CUTOFF:
        return 0.0
    return matcher.ratio()
