"""The language a message is written in, so a visitor is answered in the language they write, not only the page's.

Lingua (lingua-language-detector) carries its language models inside its package: nothing is downloaded at run
time and nothing leaves the machine. Its low-accuracy mode (trigrams) is used: about 80 MB for the languages below,
under a millisecond a message, and reliable on sentences; on a word or two it is not, so short messages never
switch the language.
"""

import re
import unicodedata
from functools import lru_cache

# Languages told apart besides those the assistant speaks (the languages of the countries HelpHub covers): others often
# spoken by families there. A message in one of them is answered in English, with a line in the visitor's language
# where the directory knows one.
OTHER_LANGUAGES = ("ru", "tr")
# The detector's codes that the directory writes differently (a country's default_language).
DIRECTORY_CODE = {"nb": "no"}
# A message is long enough to tell its language when it has this many letters and at least three words...
MIN_LETTERS = 15
MIN_WORDS = 3
# ...and the detector is at least this sure (measured on the held-out messages: docs/assistant.md).
MIN_CONFIDENCE = 0.75
MIN_CONFIDENCE_NOT_SPOKEN = 0.95
# ...and gives the conversation's language at most this chance.
MAX_CURRENT = 0.02
# How people name each language, in any of the 25 ("en ingles", "auf englisch", "po angielsku", "kan du svara på
# finska", "можеш відповідати польською", "بالعربي"), as named_language() reads a message: lower case, without accents
# (NFKD, and ł→l ø→o æ→ae œ→oe đ→d ß→ss, dotless i→i), so "włoski" is written "wloski" or "włoski" alike. Each entry is
# matched at the start of a word and is the start of that word ("polsk" finds "polski", "polsku"); an entry ending in
# "$" is a whole word ("suomi$" finds "suomi", not "suomessa"); an entry of several words is that phrase ("po polsku"),
# and is how a form that is also a country's name is still read where it names the language (Czech "v Polsku" is in
# Poland, Polish "po polsku" in Polish). Arabic joins the article and prepositions to the word (ال بال لل عال ب ل و),
# which named_language() lets come before any entry. An entry must not start an ordinary word in any of the 25 languages
# that a visitor would write about abuse or help (not "roman": romantic, novel; not "dans", "fin", "spani": Polish
# "spanie" is sleeping; not "sloven": Slovak "slovensky" is Slovak, Slovenian "slovensko" Slovenian), and no entry may
# be in two languages' lists (tests/bot/test_language_names.py checks both).
NAMES = {
    "en": ("english", "engl", "ingl", "angl", "angiel", "engels", "angolul", "angolra$", "angol$", "enkku", "enkuks",
           "αγγλικ", "αγλικ", "agglik", "aglik", "английск", "англійськ", "англ$", "انجليز", "انكليز", "انقليز",
           "انغليز", "انجلش", "انقلش", "نكليز"),
    "es": ("spanish", "spanisch", "spansk", "spaniol", "spanjol", "spanelsk", "spanelstin", "spanielsk", "spanielcin",
           "spanscin", "spaniski", "spanu$", "spanyol", "espanol", "espanh", "espanj", "espanyol", "espag", "spagn",
           "hiszpan", "spaans", "castellan", "hispaania keel", "ispanisk", "ispanu$", "ispanik", "ισπανικ", "испанск",
           "іспанськ", "اسباني"),
    "fr": ("french", "frances$", "francesa", "franceses$", "francese", "francesi$", "francais", "franzos", "fransk",
           "frans$", "francusk", "po francusku", "francouzsk", "francouzstin", "francuzsk", "francuzstin", "francosk",
           "francoscin", "franciaul", "franciara", "francia nyelv", "francez", "frantuz", "franciski$", "francu val",
           "uz francu", "prancuz", "prantsuse", "ranskaks", "ranskaa$", "ranska$", "ranskaan$", "ranskan kiel",
           "gallik", "galik", "γαλλικ", "γαλικ", "френск", "французск", "французьк", "frensk", "فرنسي", "فرنساوي"),
    "de": ("german", "deutsch", "alema", "allemand", "tedesc", "niemieck", "duits", "tysk", "saksaks", "saksaa$",
           "saksa$", "saksaan$", "saksan kiel", "vacisk", "vacu$", "vokisk", "vokiec", "nemeck", "nemcin", "nemsk",
           "nemscin", "njemack", "nemack", "nemetul", "nemetre$", "nemet$", "nemtest", "γερμανικ", "немск", "немецк",
           "німецьк", "الماني"),
    "it": ("italia", "italie", "en italien", "italsk", "italst", "italijan", "italisk", "italu$", "italik", "wlosk",
           "talijan", "taliansk", "taliancin", "olasz", "itaalia keel", "ιταλικ", "итальянск", "италианск", "італійськ",
           "ايطالي", "طلياني", "طليان"),
    "pl": ("polish$", "polsk", "po polsku", "polnisch", "polonais", "polonez", "polones", "polonik", "polaco", "polaca",
           "polacc", "pools$", "poljsk", "poljscin", "polstin", "poliski$", "polu val", "uz polu", "lengyel", "lenkisk",
           "lenku$", "poola keel", "puolaks", "puolaa$", "puolaan$", "puolan kiel", "πολωνικ", "полск", "польск",
           "польськ", "بولندي", "بولاندي"),
    "pt": ("portug", "po portugalsku", "portugalu val", "portugalu kalb", "portogh", "portogalik", "πορτογαλικ",
           "португалск", "португальск", "португальськ", "برتغالي"),
    "nl": ("dutch", "nederland", "neerland", "niederland", "holand", "holland", "holend", "olandes", "olandez",
           "olandisk", "olandu$", "olandik", "ollandik", "vlaams", "flemish", "hollanniks", "hollantia$", "hollanti$",
           "hollantiin$", "hollannin kiel", "nizozem", "nyderland", "niderland", "ολλανδικ", "ολανδικ", "нидерландск",
           "холандск", "голландск", "голландськ", "голандськ", "нідерландськ", "هولندي"),
    "sv": ("swedish", "suec", "suedois", "suedez", "schwedisch", "svedes", "szwedz", "zweeds", "svensk", "ruotsiks",
           "ruotsia$", "ruotsi$", "ruotsiin$", "ruotsin kiel", "rootsi keel", "zviedrisk", "zviedru$", "svedisk",
           "svedu$", "svedsk", "svedstin", "svedcin", "svedscin", "svedul", "svedre$", "souidik", "σουηδικ", "шведск",
           "шведськ", "سويدي"),
    "da": ("danish", "danisch", "en danes", "danesa", "dinamarques", "danois", "danese", "danez", "dunsk", "deens",
           "dansk", "danscin", "danstin", "dancina$", "dancinu$", "dancine$", "danciny$", "danisk", "danu val",
           "danu kalb", "uz danu", "tanskaks", "tanskaa$", "tanska$", "tanskaan$", "tanskan kiel", "taani keel",
           "danul", "danra$", "danik", "δανικ", "датск", "данськ", "датськ", "دنماركي", "دانماركي", "دانمركي"),
    "nb": ("norwegian", "norwegisch", "norwesk", "norueg", "norvegien", "norveges", "norvegian", "norvegisk",
           "norvegu$", "norvesk", "norvescin", "norveg$", "norvegul", "norvegre$", "noors", "norsk", "norstin",
           "norcin", "bokmal", "nynorsk", "norjaks", "norjaa$", "norja$", "norjaan$", "norjan kiel", "norra keel",
           "norvigik", "νορβηγικ", "норвежк", "норвежск", "норвезьк", "نرويجي"),
    "fi": ("finnish", "finnisch", "finnois", "finlandais", "finlandes", "finlandez", "finlandik", "finsk", "po finsku",
           "finstin", "fincin", "finscin", "het fins$", "finnul", "finnre$", "suomeks", "suomea$", "suomi$", "suomeen$",
           "suomen kiel", "soome keel", "somisk", "somu$", "suomisk", "suomiu$", "φινλανδικ", "финск", "фінськ",
           "فنلندي"),
    "et": ("estonian", "estonio", "estoniano", "estone", "estonien", "estnisch", "estnisk", "estisch", "estisk",
           "ests$", "estonsk", "po estonsku", "estonstin", "estoncin", "estonscin", "esztul", "esztre$", "eszt$",
           "estona$", "eesti$", "eesti keel", "eestikeel", "viroks", "viroa$", "viroon$", "viron kiel", "igaunisk",
           "igaunu$", "estu kalb", "esthonik", "estonik", "εσθονικ", "естонск", "естонськ", "эстонск", "استوني"),
    "lv": ("latvian", "leton", "letton", "lettisch", "lettisk", "letao", "het lets$", "lotewsk", "latvisk", "latviesu",
           "latviu$", "latviaks", "latviaa$", "latvian kiel", "lati keel", "lotyssk", "lotystin", "latvijsk",
           "latvijscin", "lettul", "λετονικ", "латвийск", "латишк", "латиськ", "латышск", "لاتفي"),
    "lt": ("lithuanian", "lituan", "litauisch", "litauisk", "litewsk", "litouws", "liettuaks", "liettuaa$", "liettua$",
           "liettuan kiel", "leedu keel", "lietuvisk", "lietuviesu", "lietuviu", "litevsk", "litevstin", "litovsk",
           "litovcin", "litovscin", "litavsk", "litvan", "lithouanik", "λιθουανικ", "литовск", "литовськ", "ليتواني"),
    "cs": ("czech", "checo", "tcheco", "tchec", "tcheq", "tschechisch", "ceco", "tsjechisch", "czesk", "tjeckisk",
           "tjekkisk", "tsjekkisk", "tsekiks", "tsekkia$", "tsekki$", "tsekin kiel", "tsehhi keel", "cehisk", "cehu$",
           "cekisk", "ceku$", "cesk", "cestin", "cescin", "csehul", "csehre$", "cseh$", "ceha$", "tsexik", "tsehik",
           "tsechik", "τσεχικ", "чешк", "чешск", "чеськ", "تشيكي"),
    "sk": ("slovak", "eslovac", "slovaq", "slowak", "slovacc", "slowaak", "slowack", "slovensky", "slovenstin",
           "slovencin", "slovask", "slovascin", "slovack", "szlovak", "slovaca$", "slovacest", "σλοβακικ", "словашк",
           "словацк", "словацьк", "سلوفاكي"),
    "sl": ("slovenian", "slovene", "esloven", "slowenisch", "sloveno", "sloveens", "slowensk", "slovensk$",
           "pa slovenska", "sloveeniks", "sloveenin kiel", "sloveeni$", "slovenisk", "slovenu$", "slovinsk",
           "slovinstin", "slovincin", "po slovensko", "govori slovensko", "govoris slovensko", "pisi slovensko",
           "znas slovensko", "odgovori slovensko", "odgovarjaj slovensko", "slovenscin", "slovenski jez", "slovenskog",
           "na slovenskom", "slovenack", "szloven", "slovena$", "slovenik", "σλοβενικ", "словенск", "словенськ",
           "سلوفيني", "سلوفاني"),
    "hr": ("croat", "kroat", "chorwack", "chorvatsk", "chorvatstin", "chorvatcin", "hrvask", "hrvascin", "hrvat",
           "horvatul", "horvatra$", "horvat$", "horvatisk", "horvatu$", "horvaadi", "κροατικ", "хърватск", "хорватск",
           "хорватськ", "كرواتي"),
    "hu": ("hungarian", "hungaro", "hongrois", "ungarisch", "ungheres", "hongaars", "wegiersk", "ungersk", "ungarsk",
           "unkariks", "unkaria$", "unkari$", "unkariin$", "unkarin kiel", "ungari keel", "ungarisk", "ungaru$",
           "vengrisk", "vengru$", "madarsk", "madarstin", "madarcin", "madzarsk", "madzarscin", "magyar", "maghiar",
           "ungurest", "ouggrik", "oungrik", "ουγγρικ", "унгарск", "венгерск", "угорськ", "مجري$", "مجرية", "مجريه",
           "هنغاري"),
    "ro": ("romanian", "rumano", "roumain", "rumanisch", "rumeno", "romeno", "roemeens", "rumunsk", "po rumunsku",
           "rumunjsk", "romunsk", "romunscin", "rumunstin", "rumuncin", "rumansk", "rumaensk", "rumensk", "romaniaks",
           "romaniaa$", "romanian kiel", "rumeenia keel", "rumanisk", "rumanu$", "rumunisk", "rumunu$", "romanul",
           "romanra$", "romanest", "romanesc", "romaneasc", "romana$", "limba romana", "moldoven", "roumanik",
           "ρουμανικ", "румънск", "румынск", "румунськ", "روماني"),
    "bg": ("bulgarian", "bulgaro", "bulgare", "bulgarisch", "bulgaars", "bulgarsk", "bulgarisk", "bulgariaks",
           "bulgariaa$", "bulgarian kiel", "bulgaaria keel", "bulgaru$", "bulharsk", "bulharstin", "bulharcin",
           "bolgar", "bugarsk", "bulgara$", "balgarsk", "bylgarsk", "voulgarik", "βουλγαρικ", "българск", "бг$",
           "болгарск", "болгарськ", "بلغاري"),
    "el": ("greek", "griego", "grec$", "grecq", "greco", "grego$", "griechisch", "grieks", "greck", "po grecku",
           "grekisk", "graesk", "gresk$", "kreikaks", "kreikkaa$", "kreikka$", "kreikkaan$", "kreikan kiel",
           "kreeka keel", "griekisk", "grieku$", "graikisk", "graiku$", "recky", "rectin", "grecky", "grectin", "grsk",
           "grscin", "grck", "gorog", "greaca$", "greceste", "ellinik", "ellhnik", "ελληνικ", "ελινικ", "гръцк",
           "греческ", "грецьк", "يوناني"),
    "uk": ("ukrainian", "ucranian", "ucraino", "ukrainien", "ukrainisch", "oekraiens", "ukrainsk", "ukrainaks",
           "ukrainaa$", "ukrainan kiel", "ukraina keel", "ukrainisk", "ukrainu$", "ukrainietisk", "ukrainieciu",
           "ukrajinsk", "ukrajinstin", "ukrajincin", "ukrajinscin", "ukran", "ucrainean", "oukranik", "ουκρανικ",
           "украинск", "українськ", "укр$", "اوكراني"),
    "ar": ("arab", "arapsk", "araabia keel", "aravik", "3arab", "bel3arab", "bil3arab", "αραβικ", "арабск", "арабськ",
           "عربي", "عربى"),
}
# Words that start with an entry above but name a country, not its language ("Deutschland", Czech "v Polsku",
# Croatian "u Hrvatskoj", Finnish "Suomessa"), or are ordinary words: a visitor who says where they live is not
# asking for a language. An entry ending in "$" is that word only; any other is the start of words.
NOT_NAMES = (
    # Countries in English, Spanish, French, Italian, Portuguese, German, Dutch and the Nordic languages
    "england", "angleterre", "inglaterra", "germany", "germania", "germaniei", "deutschland", "alemania", "alemanha",
    "duitsland", "tyskland", "espanha", "espagne", "spagna", "espanjassa", "espanjasta", "italia$", "italie$",
    "italien$", "italiens$", "italias$", "italiei", "italiai", "italiaban", "italiassa", "italiasta", "portugal$",
    "portugals$", "portugala$", "portugalia", "portugalii", "portugaliei", "portugalissa", "portugalista",
    "portugalis$", "portugale$", "portugales$", "portugalu$", "portugalij", "nederland$", "nederlandene",
    "nederlanderna", "niederlande$", "niederlanden$", "holland$", "hollandia", "hollanda", "holanda", "hollande$",
    "suecia", "noruega", "letonia$", "letonij", "letonya", "lettonie", "lettonia", "lituania$", "lituanie$",
    "lituaniei", "litvania", "litvanij", "litvanya", "arabia$", "arabias$", "arabiassa", "arabiei", "arabii$", "arabij",
    "arabien", "arabie$", "arabemirat", "arabistan", "croatia$", "croatie", "kroatien", "kroatie$", "kroatia$",
    "kroatiassa", "kroatiasta", "kroatij", "czechy$", "czechach", "czechia", "tchequie", "tchequia", "slovakia",
    "slovakiet", "slovakien", "slovakkia$", "slovakij", "slovakya", "slovaquie", "slowakei", "slowakije", "slovacchia",
    "eslovenia", "englannissa", "englannista",
    # Countries in Polish, Czech, Slovak, Slovenian, Croatian, Lithuanian and Latvian, in the cases people write
    # (a Czech or Slovak nominative in -sko is also a Slovenian adverb, "po švedsko": it is left to the language)
    "hiszpani", "anglia", "anglii$", "anglie", "anglij", "anglicko$", "anglicku", "anglicka$", "engleska$", "engleskoj",
    "englesku$", "engleske$", "polsko$", "polsku$", "polskem", "poljska$", "poljskoj", "poljsku$", "poljske$",
    "poljskem", "holandia", "holandii", "holandij", "holandsko$", "holandsku", "holandska$", "holande$", "holandi$",
    "portugalsku", "portugalska$", "portugalske$", "portugalskem", "spanelsko$", "spanelsku", "spanelska$",
    "spanelskem", "spanielsko$", "spanielsku", "spanielska$", "spanjolska", "spanjolskoj", "spanjolsku", "spanjolske$",
    "francuzsko$", "francuzsku", "francuzska$", "francuska$", "francuskoj", "francusku$", "francuske$", "nemecko$",
    "nemecku", "nemecka$", "nemeckem", "njemacka", "njemackoj", "njemacku", "njemacke$", "nemacka", "nemackoj",
    "nemacku", "nemacke$", "taliansko$", "taliansku", "talianska$", "nizozemi$", "nizozemsku", "nizozemska$",
    "nizozemskoj", "nizozemske$", "nizozemskem", "nyderlandai", "nyderlanduose", "niderlande$", "niderlandes$",
    "niderlandi$", "svedska", "svedskoj", "svedsku", "svedske$", "svedskem", "danskoj", "dansku$", "danskem", "norsko$",
    "norsku$", "norveska", "norveskoj", "norvesku", "norveske$", "norveskem", "finsku$", "finskoj", "finskem",
    "estonsku$", "estonska$", "lotyssko$", "lotyssku", "lotysska", "ceska$", "ceskoj", "cesku$", "ceske$", "ceskem",
    "slovacka", "slovackoj", "slovacku", "slovacke$", "slovacko$", "slovaska", "slovaskem", "slovaske$", "slovinsko$",
    "slovinsku$", "slovinska$", "chorvatsko$", "chorvatsku", "chorvatska", "hrvaska", "hrvaskem", "hrvaske$",
    "hrvatska", "hrvatskoj", "hrvatsku", "hrvatske$", "madarsko$", "madarsku", "madarska", "madarskoj", "madarske$",
    "madarskem", "madzarska", "madzarskem", "madzarske$", "rumunsko$", "rumunsku$", "rumunska$", "rumunjska",
    "rumunjskoj", "rumunjsku", "rumunjske$", "bulharsko$", "bulharsku", "bulharska", "bolgarij", "bugarska",
    "bugarskoj", "bugarsku", "bugarske$", "grecko$", "grecku$", "grecka$", "grcka", "grckoj", "grcku", "grcke$",
    "prancuzij",
    # Countries in Hungarian (-ország and its cases)
    "spanyolorszag", "olaszorszag", "lengyelorszag", "magyarorszag", "gorogorszag", "szlovakia", "szlovenia",
    # Ordinary words: English angle, angler, Swedish änglar (angels), Danish and Norwegian engle, engler (angels),
    # French englober, engloutir, Romanian îngloba, Hungarian magyaráz (explain), Lithuanian anglis (coal), Danish
    # græskar (pumpkin), Italian cestino (basket) and romanesco, Turkish araba (car), engelsiz
    "angle$", "angles$", "angled$", "angler", "angling$", "anglar", "engle$", "englen$", "englene$", "engler$",
    "englund", "englob", "englout", "englewood", "inglewood", "inglob", "magyaraz", "anglis$", "angliu$", "angli$",
    "anglimi$", "inglid$", "ingli$", "inglit$", "graeskar", "cestino$", "cestini$", "romanesco$", "arable", "arabil",
    "arabol$", "arabad", "arabay", "arabas", "arabal", "arabam", "araban", "arabulucu", "engelsiz",
    # Countries in Arabic: the language is the adjective in -ي, the country ends in -يا
    "المانيا", "اسبانيا", "ايطاليا", "رومانيا", "سلوفاكيا", "سلوفينيا", "كرواتيا", "ليتوانيا", "لاتفيا", "استونيا",
    "اوكرانيا", "هنغاريا", "تشيكيا", "بلغاريا",
)
# Letters NFKD does not take apart, as people type them without the accent ("łotewski" is typed "lotewski").
_PLAIN_LETTERS = str.maketrans({"ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "đ": "d", "ß": "ss", "ı": "i"})


def _fold(text: str) -> str:
    plain = "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))
    return plain.translate(_PLAIN_LETTERS)


def _entries(names) -> dict[str, bool]:
    """Each entry, folded, and whether it is a whole word."""
    return {_fold(name.removesuffix("$")): name.endswith("$") for name in names}


_CODE = {entry: code for code, names in NAMES.items() for entry in _entries(names)}
_WHOLE = {entry for names in NAMES.values() for entry, whole in _entries(names).items() if whole}
_NOT_NAMES = _entries(NOT_NAMES)
# Arabic's article and prepositions joined to the word: "بالعربي", "الانجليزية", "للالماني", "عالفرنسي", "وبالعربي".
_ARABIC_PREFIX = "(?:[وف]?(?:بال|عال|لل|ال|ب|ل))?"
_NAMED = re.compile(r"\b" + _ARABIC_PREFIX + "(" + "|".join(
    re.escape(entry) + (r"\b" if entry in _WHOLE else "") for entry in sorted(_CODE, key=len, reverse=True)) + ")")
_WORD_REST = re.compile(r"\w*")
# A language named just after a negation is the one the visitor does not want ("non parlo inglese, italiano", "ne znam
# engleski, na hrvatskom", "dansk, ikke engelsk"): another language named in the message comes first.
_NEGATIONS = frozenset({
    "not", "no", "t", "dont", "cant", "never", "non", "nn", "nao", "ni", "pas", "ne", "nicht", "kein", "keine", "niet",
    "geen", "nie", "inte", "ikke", "ei", "mitte", "nav", "nem", "nu", "neznam", "nerazumijem", "nerozumim",
    "nerozumiem", "neumim", "neviem", "nemoku", "nesuprantu", "nesaprotu", "не", "ні", "δεν", "οχι", "μη", "ما", "مش",
    "مو", "لا",
})
_NEGATION_WINDOW = 3
_CLAUSE_END = re.compile(r"[,.;:!?،؟\n]")
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


@lru_cache(maxsize=4)
def _detector(languages: tuple[str, ...]):
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    wanted = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in languages]
    return LanguageDetectorBuilder.from_languages(*wanted).with_low_accuracy_mode().with_preloaded_language_models().build()


def confidences(text: str, spoken) -> dict[str, float]:
    """How likely `text` is in each language the detector knows; empty when it is too short to tell."""
    if not isinstance(text, str) or text.startswith("/"):
        return {}  # a button's payload
    if len(_LETTER.findall(text)) < MIN_LETTERS or len(text.split()) < MIN_WORDS:
        return {}
    languages = tuple(sorted(set(spoken) | set(OTHER_LANGUAGES)))
    return {c.language.iso_code_639_1.name.lower(): c.value
            for c in _detector(languages).compute_language_confidence_values(text)}


def written_in(text: str, current: str, spoken) -> str:
    """The language of `text` when it is clearly not `current` (the language of the conversation so far), else
    `current`. The conversation's language is the prior: one message switches it only when the detector is sure
    and gives the current language almost no chance, so a visitor writing the page's language is never switched
    by a misreading (measured: docs/assistant.md). A language the assistant does not speak needs more certainty.
    """
    ranked = confidences(text, spoken)
    if not ranked:
        return current
    best = max(ranked, key=ranked.get)
    if best == current or ranked.get(current, 0.0) > MAX_CURRENT:
        return current
    needed = MIN_CONFIDENCE if best in spoken else MIN_CONFIDENCE_NOT_SPOKEN
    return best if ranked[best] >= needed else current


def named_language(text: str, spoken) -> str | None:
    """The language the assistant speaks that `text` names ("can you answer in english", "po niemiecku", "kan du
    svara på finska"): the first one named, unless a negation comes just before it (in the same clause, after any
    other name) and another is named. A word that names a country ("I live in Germany", "v Polsku") names none."""
    plain = _fold(text)
    negated, after = None, 0
    for found in _NAMED.finditer(plain):
        entry = found.group(1)
        if " " not in entry:
            word = entry + _WORD_REST.match(plain, found.end()).group()
            if any(word == name if whole else word.startswith(name) for name, whole in _NOT_NAMES.items()):
                continue
        code = _CODE[entry]
        if code not in spoken:
            continue
        clause = _CLAUSE_END.split(plain[after:found.start()])[-1]
        after = found.end()
        if _NEGATIONS.isdisjoint(re.findall(r"\w+", clause)[-_NEGATION_WINDOW:]):
            return code
        negated = negated or code
    return negated
