"""A visitor asks for a language in words, in any of the 25 the assistant speaks ("kan du svara på finska", "можеш
відповідати польською", "odpovídej slovensky", "بالعربي"): `named_language` (bot/actions/languages.py) finds it, and
finds none in ordinary messages about abuse or help, nor in a country's name ("I live in Poland", Czech "v Polsku").
The bot's actions are imported without Rasa, as tests/bot/test_crisis_layer.py imports its components."""

import re
import sys
from pathlib import Path

import pytest
from babel import Locale

BOT = Path(__file__).resolve().parents[2] / "bot"
sys.path.insert(0, str(BOT))

from actions.languages import (  # noqa: E402
    _NAMED,
    NAMES,
    NOT_NAMES,
    OTHER_LANGUAGES,
    _fold,
    named_language,
)

CODES = ("en", "es", "fr", "de", "it", "pl", "pt", "nl", "sv", "da", "nb", "fi", "et", "lv", "lt", "cs", "sk", "sl",
         "hr", "hu", "ro", "bg", "el", "uk", "ar")

# How a speaker of each language asks for each of the 25, in the order of CODES: a request, and the 25 names as that
# request needs them (case, preposition). Written by hand, not from NAMES.
ASKS = {
    "en": ("can you answer in {}", [
        "english", "spanish", "french", "german", "italian", "polish", "portuguese", "dutch", "swedish", "danish",
        "norwegian", "finnish", "estonian", "latvian", "lithuanian", "czech", "slovak", "slovenian", "croatian",
        "hungarian", "romanian", "bulgarian", "greek", "ukrainian", "arabic"]),
    "es": ("puedes contestar en {} por favor", [
        "inglés", "español", "francés", "alemán", "italiano", "polaco", "portugués", "holandés", "sueco", "danés",
        "noruego", "finlandés", "estonio", "letón", "lituano", "checo", "eslovaco", "esloveno", "croata", "húngaro",
        "rumano", "búlgaro", "griego", "ucraniano", "árabe"]),
    "fr": ("tu peux répondre en {} stp", [
        "anglais", "espagnol", "français", "allemand", "italien", "polonais", "portugais", "néerlandais", "suédois",
        "danois", "norvégien", "finnois", "estonien", "letton", "lituanien", "tchèque", "slovaque", "slovène", "croate",
        "hongrois", "roumain", "bulgare", "grec", "ukrainien", "arabe"]),
    "de": ("kannst du auf {} antworten", [
        "Englisch", "Spanisch", "Französisch", "Deutsch", "Italienisch", "Polnisch", "Portugiesisch", "Niederländisch",
        "Schwedisch", "Dänisch", "Norwegisch", "Finnisch", "Estnisch", "Lettisch", "Litauisch", "Tschechisch",
        "Slowakisch", "Slowenisch", "Kroatisch", "Ungarisch", "Rumänisch", "Bulgarisch", "Griechisch", "Ukrainisch",
        "Arabisch"]),
    "it": ("puoi rispondere in {}?", [
        "inglese", "spagnolo", "francese", "tedesco", "italiano", "polacco", "portoghese", "olandese", "svedese",
        "danese", "norvegese", "finlandese", "estone", "lettone", "lituano", "ceco", "slovacco", "sloveno", "croato",
        "ungherese", "rumeno", "bulgaro", "greco", "ucraino", "arabo"]),
    "pl": ("możesz pisać po {}?", [
        "angielsku", "hiszpańsku", "francusku", "niemiecku", "włosku", "polsku", "portugalsku", "niderlandzku",
        "szwedzku", "duńsku", "norwesku", "fińsku", "estońsku", "łotewsku", "litewsku", "czesku", "słowacku",
        "słoweńsku", "chorwacku", "węgiersku", "rumuńsku", "bułgarsku", "grecku", "ukraińsku", "arabsku"]),
    "pt": ("podes responder em {}?", [
        "inglês", "espanhol", "francês", "alemão", "italiano", "polaco", "português", "neerlandês", "sueco",
        "dinamarquês", "norueguês", "finlandês", "estónio", "letão", "lituano", "checo", "eslovaco", "esloveno",
        "croata", "húngaro", "romeno", "búlgaro", "grego", "ucraniano", "árabe"]),
    "nl": ("kun je in het {} antwoorden", [
        "Engels", "Spaans", "Frans", "Duits", "Italiaans", "Pools", "Portugees", "Nederlands", "Zweeds", "Deens",
        "Noors", "Fins", "Ests", "Lets", "Litouws", "Tsjechisch", "Slowaaks", "Sloveens", "Kroatisch", "Hongaars",
        "Roemeens", "Bulgaars", "Grieks", "Oekraïens", "Arabisch"]),
    "sv": ("kan du svara på {}", [
        "engelska", "spanska", "franska", "tyska", "italienska", "polska", "portugisiska", "nederländska", "svenska",
        "danska", "norska", "finska", "estniska", "lettiska", "litauiska", "tjeckiska", "slovakiska", "slovenska",
        "kroatiska", "ungerska", "rumänska", "bulgariska", "grekiska", "ukrainska", "arabiska"]),
    "da": ("kan du skrive på {}", [
        "engelsk", "spansk", "fransk", "tysk", "italiensk", "polsk", "portugisisk", "hollandsk", "svensk", "dansk",
        "norsk", "finsk", "estisk", "lettisk", "litauisk", "tjekkisk", "slovakisk", "slovensk", "kroatisk", "ungarsk",
        "rumænsk", "bulgarsk", "græsk", "ukrainsk", "arabisk"]),
    "nb": ("kan du svare på {}", [
        "engelsk", "spansk", "fransk", "tysk", "italiensk", "polsk", "portugisisk", "nederlandsk", "svensk", "dansk",
        "norsk", "finsk", "estisk", "latvisk", "litauisk", "tsjekkisk", "slovakisk", "slovensk", "kroatisk", "ungarsk",
        "rumensk", "bulgarsk", "gresk", "ukrainsk", "arabisk"]),
    "fi": ("voitko vastata {}", [
        "englanniksi", "espanjaksi", "ranskaksi", "saksaksi", "italiaksi", "puolaksi", "portugaliksi", "hollanniksi",
        "ruotsiksi", "tanskaksi", "norjaksi", "suomeksi", "viroksi", "latviaksi", "liettuaksi", "tšekiksi",
        "slovakiksi", "sloveeniksi", "kroatiaksi", "unkariksi", "romaniaksi", "bulgariaksi", "kreikaksi", "ukrainaksi",
        "arabiaksi"]),
    "et": ("kas sa saad vastata {} keeles", [
        "inglise", "hispaania", "prantsuse", "saksa", "itaalia", "poola", "portugali", "hollandi", "rootsi", "taani",
        "norra", "soome", "eesti", "läti", "leedu", "tšehhi", "slovaki", "sloveeni", "horvaadi", "ungari", "rumeenia",
        "bulgaaria", "kreeka", "ukraina", "araabia"]),
    "lv": ("vai vari atbildēt {}", [
        "angliski", "spāniski", "franciski", "vāciski", "itāliski", "poliski", "portugāliski", "holandiski",
        "zviedriski", "dāniski", "norvēģiski", "somiski", "igauniski", "latviski", "lietuviski", "čehiski",
        "slovākiski", "slovēniski", "horvātiski", "ungāriski", "rumāniski", "bulgāriski", "grieķiski", "ukrainiski",
        "arābiski"]),
    "lt": ("ar gali atsakyti {}", [
        "angliškai", "ispaniškai", "prancūziškai", "vokiškai", "itališkai", "lenkiškai", "portugališkai", "olandiškai",
        "švediškai", "daniškai", "norvegiškai", "suomiškai", "estiškai", "latviškai", "lietuviškai", "čekiškai",
        "slovakiškai", "slovėniškai", "kroatiškai", "vengriškai", "rumuniškai", "bulgariškai", "graikiškai",
        "ukrainietiškai", "arabiškai"]),
    "cs": ("můžeš odpovídat {}?", [
        "anglicky", "španělsky", "francouzsky", "německy", "italsky", "polsky", "portugalsky", "nizozemsky", "švédsky",
        "dánsky", "norsky", "finsky", "estonsky", "lotyšsky", "litevsky", "česky", "slovensky", "slovinsky",
        "chorvatsky", "maďarsky", "rumunsky", "bulharsky", "řecky", "ukrajinsky", "arabsky"]),
    "sk": ("môžeš písať po {}?", [
        "anglicky", "španielsky", "francúzsky", "nemecky", "taliansky", "poľsky", "portugalsky", "holandsky", "švédsky",
        "dánsky", "nórsky", "fínsky", "estónsky", "lotyšsky", "litovsky", "česky", "slovensky", "slovinsky",
        "chorvátsky", "maďarsky", "rumunsky", "bulharsky", "grécky", "ukrajinsky", "arabsky"]),
    "sl": ("a lahko odgovarjaš v {}", [
        "angleščini", "španščini", "francoščini", "nemščini", "italijanščini", "poljščini", "portugalščini",
        "nizozemščini", "švedščini", "danščini", "norveščini", "finščini", "estonščini", "latvijščini", "litovščini",
        "češčini", "slovaščini", "slovenščini", "hrvaščini", "madžarščini", "romunščini", "bolgarščini", "grščini",
        "ukrajinščini", "arabščini"]),
    "hr": ("možeš li pisati na {}", [
        "engleskom", "španjolskom", "francuskom", "njemačkom", "talijanskom", "poljskom", "portugalskom",
        "nizozemskom", "švedskom", "danskom", "norveškom", "finskom", "estonskom", "latvijskom", "litavskom", "češkom",
        "slovačkom", "slovenskom", "hrvatskom", "mađarskom", "rumunjskom", "bugarskom", "grčkom", "ukrajinskom",
        "arapskom"]),
    "hu": ("tudsz {} válaszolni?", [
        "angolul", "spanyolul", "franciául", "németül", "olaszul", "lengyelül", "portugálul", "hollandul", "svédül",
        "dánul", "norvégul", "finnül", "észtül", "lettül", "litvánul", "csehül", "szlovákul", "szlovénul", "horvátul",
        "magyarul", "románul", "bolgárul", "görögül", "ukránul", "arabul"]),
    "ro": ("poți să răspunzi în {}?", [
        "engleză", "spaniolă", "franceză", "germană", "italiană", "poloneză", "portugheză", "olandeză", "suedeză",
        "daneză", "norvegiană", "finlandeză", "estonă", "letonă", "lituaniană", "cehă", "slovacă", "slovenă", "croată",
        "maghiară", "română", "bulgară", "greacă", "ucraineană", "arabă"]),
    "bg": ("можеш ли да пишеш на {}?", [
        "английски", "испански", "френски", "немски", "италиански", "полски", "португалски", "нидерландски", "шведски",
        "датски", "норвежки", "фински", "естонски", "латвийски", "литовски", "чешки", "словашки", "словенски",
        "хърватски", "унгарски", "румънски", "български", "гръцки", "украински", "арабски"]),
    "el": ("μπορείς να απαντάς στα {};", [
        "αγγλικά", "ισπανικά", "γαλλικά", "γερμανικά", "ιταλικά", "πολωνικά", "πορτογαλικά", "ολλανδικά", "σουηδικά",
        "δανικά", "νορβηγικά", "φινλανδικά", "εσθονικά", "λετονικά", "λιθουανικά", "τσεχικά", "σλοβακικά",
        "σλοβενικά", "κροατικά", "ουγγρικά", "ρουμανικά", "βουλγαρικά", "ελληνικά", "ουκρανικά", "αραβικά"]),
    "uk": ("можеш відповідати {}?", [
        "англійською", "іспанською", "французькою", "німецькою", "італійською", "польською", "португальською",
        "нідерландською", "шведською", "данською", "норвезькою", "фінською", "естонською", "латиською", "литовською",
        "чеською", "словацькою", "словенською", "хорватською", "угорською", "румунською", "болгарською", "грецькою",
        "українською", "арабською"]),
    "ar": ("ممكن ترد {}؟", [
        "بالإنجليزي", "بالإسباني", "بالفرنسي", "بالألماني", "بالإيطالي", "بالبولندي", "بالبرتغالي", "بالهولندي",
        "بالسويدي", "بالدنماركي", "بالنرويجي", "بالفنلندي", "بالإستوني", "باللاتفي", "بالليتواني", "بالتشيكي",
        "بالسلوفاكي", "بالسلوفيني", "بالكرواتي", "بالمجري", "بالروماني", "بالبلغاري", "باليوناني", "بالأوكراني",
        "بالعربي"]),
}

# As people type on a phone: no accents, slang, transliteration, the Arabic article and prepositions, a language refused
# before the one wanted, a country named beside the language.
INFORMAL = [
    ("pls english", "en"), ("po polsku plz", "pl"), ("kan du skriva pa svenska", "sv"), ("mozes pisati hrvatski", "hr"),
    ("tudsz magyarul irni", "hu"), ("po anglicky prosim", "en"), ("prosim po slovensky", "sk"),
    ("na angliiski pls", "en"), ("pishi na bulgarski", "bg"), ("на бг плс", "bg"), ("пиши на англ", "en"),
    ("sta agglika pls", "en"), ("ellinika parakalo", "el"), ("στα ελληνικα", "el"), ("bel3arabi law sama7t", "ar"),
    ("عالعربي", "ar"), ("حولها عالفرنسي", "fr"), ("اللغة الانجليزية لو سمحت", "en"), ("ممكن تحكي بالطلياني", "it"),
    ("на укр мові можна?", "uk"), ("можна по-українськи?", "uk"), ("по-английски можно?", "en"),
    ("suomeks kiitti", "fi"), ("enkuks pliis", "en"), ("kieli suomi", "fi"), ("vaihda kieli englantiin", "en"),
    ("eesti keeles palun", "et"), ("kas saaks eestikeelse vestluse", "et"), ("latviski ludzu", "lv"),
    ("pārslēdz valodu uz poļu", "pl"), ("lietuviskai prasau", "lt"), ("norėčiau anglų kalba", "en"),
    ("romana pls", "ro"), ("in limba romana te rog", "ro"), ("pe engleza", "en"), ("vorbesti italiana?", "it"),
    ("cesky prosim te", "cs"), ("prepni do slovenciny", "sk"), ("a znaš slovensko", "sl"), ("po slovensko prosim", "sl"),
    ("na slovenskom molim", "sl"), ("v slovenščini prosim", "sl"), ("na engleskom molim", "en"),
    ("kan du snakke norsk", "nb"), ("på bokmål takk", "nb"), ("dansk tak", "da"), ("praat nederlands", "nl"),
    ("en castellano porfa", "es"), ("fala em portugues pfv", "pt"), ("tu peux écrire en italien", "it"),
    ("non parlo inglese, italiano", "it"), ("ne znam engleski, na hrvatskom molim", "hr"),
    ("dansk, ikke engelsk", "da"), ("ما بعرف عربي منيح، انجليزي احسن", "en"),
    ("je ne parle pas anglais, en français stp", "fr"), ("I live in Germany, answer in English", "en"),
    ("mieszkam w Anglii, ale pisz po polsku", "pl"), ("bydlím v Polsku, ale piš anglicky", "en"),
    ("asun Suomessa mutta puhu ruotsia", "sv"), ("jsem ze Slovenska, odpovídej slovensky", "sk"),
    ("živim u Njemačkoj, možeš na hrvatskom", "hr"), ("Magyarországon élek, de angolul írj", "en"),
    ("am Deutschland vorbei, auf englisch bitte", "en"), ("I'm from Italy but I speak Romanian", "ro"),
]

# Ordinary messages about abuse or help, in each language, that name no language: romance, dance, "finally", the
# Slovak police (which may name Slovak), the visitor's country, and the words that start like a language's name
# (Polish "spanie" sleeping, "połączenie" connection; Portuguese "espancar" beat up; Swedish "polisen"; Danish "nemt"
# easy; Hungarian "magyaráz" explain, "ital" drink; Croatian "greška" mistake; Lithuanian "puola" attacks...).
SLOVAK = {None, "sk"}
ORDINARY = {
    "en": ["he says it's romantic but it scares me", "we met at a dance party last summer",
           "finally I told my mom what happened", ("the Slovak police did not answer my email", SLOVAK),
           "I live in Poland with my dad", "he sent me photos and now wants money",
           "he threatens to post my pictures online", "can I report it without giving my name",
           "a boy from my school shared my video", "from another angle you can see my face",
           "I'm scared and I don't know what to do"],
    "es": ["dice que es romántico pero me da miedo", "nos conocimos en la academia de danza",
           "finalmente se lo conté a mi madre", ("la policía eslovaca no me contestó", SLOVAK),
           "vivo en Polonia con mi padre", "me mandó fotos y ahora quiere dinero",
           "me espanta pensar que lo vean todos", "me amenaza con publicar mis fotos",
           "¿puedo denunciarlo sin dar mi nombre?", "un chico de mi clase compartió mi vídeo",
           "no sé qué hacer, ayúdame por favor"],
    "fr": ["il dit que c'est romantique mais j'ai peur", "on s'est rencontrés à un cours de danse",
           "finalement j'en ai parlé à ma mère", ("la police slovaque ne m'a pas répondu", SLOVAK),
           "j'habite en Finlande avec mon père", "il m'a envoyé des photos et veut de l'argent",
           "il garde mes photos à des fins de chantage", "il menace de publier mes photos",
           "je peux porter plainte sans donner mon nom ?", "un garçon de mon collège a partagé ma vidéo",
           "je ne sais pas quoi faire, aide-moi"],
    "de": ["er sagt, das sei romantisch, aber ich habe Angst", "wir haben uns beim Tanzen kennengelernt",
           "endlich habe ich es meiner Mutter erzählt", ("die slowakische Polizei hat nicht geantwortet", SLOVAK),
           "ich wohne in Deutschland bei meinem Vater", "er hat mir Fotos geschickt und will jetzt Geld",
           "er droht, meine Bilder zu posten", "das war eine Niederlage für mich", "kann ich das anonym melden",
           "ein Junge aus meiner Schule hat mein Video geteilt", "ich weiß nicht, was ich tun soll"],
    "it": ["dice che è romantico ma ho paura", "ci siamo conosciuti a lezione di danza",
           "finalmente l'ho detto a mia madre", ("la polizia slovacca non mi ha risposto", SLOVAK),
           "abito in Italia con mio padre", "mi ha mandato foto e ora vuole soldi",
           "ha buttato la foto nel cestino ma ne ha una copia", "ero all'angolo della strada quando mi ha fermato",
           "posso denunciarlo senza dire il mio nome?", "un ragazzo della mia scuola ha condiviso il mio video",
           "non so cosa fare, aiutami"],
    "pl": ["mówi, że to romantyczne, ale się boję", "poznaliśmy się na tańcach w szkole",
           "w końcu powiedziałam mamie", ("słowacka policja mi nie odpowiedziała", SLOVAK),
           "mieszkam w Anglii z tatą", "nie mogę spać, mam problem ze spaniem, już czas do spania",
           "wysłał mi zdjęcia i teraz chce pieniędzy", "grozi, że opublikuje moje zdjęcia",
           "mam słabe połączenie z internetem", "czy mogę to zgłosić anonimowo", "nie wiem co robić, pomóż mi"],
    "pt": ["ele diz que é romântico mas tenho medo", "conhecemo-nos numa aula de dança",
           "finalmente contei à minha mãe", ("a polícia eslovaca não me respondeu", SLOVAK),
           "moro em Espanha com o meu pai", "ele me espancou e tirou fotos", "ele mandou fotos e agora quer dinheiro",
           "guardou tudo para fins de chantagem", "posso denunciar sem dar o meu nome?",
           "um rapaz da escola partilhou o meu vídeo", "não sei o que fazer, ajuda-me"],
    "nl": ["hij zegt dat het romantisch is maar ik ben bang", "we hebben elkaar ontmoet op dansles",
           "eindelijk heb ik het aan mijn moeder verteld", ("de Slowaakse politie heeft niet gereageerd", SLOVAK),
           "ik woon in Nederland bij mijn vader", "dat was een zware nederlaag voor mij",
           "hij stuurde foto's en wil nu geld", "hij dreigt mijn foto's te posten", "kan ik dit anoniem melden",
           "een jongen van school heeft mijn video gedeeld", "ik weet niet wat ik moet doen"],
    "sv": ["han säger att det är romantiskt men jag är rädd", "vi träffades på en dans i somras",
           "äntligen berättade jag för mamma", ("den slovakiska polisen svarade inte", SLOVAK),
           "jag bor i Finland med min pappa", "jag har pratat med polisen och polishuset", "det finns inget jag kan göra",
           "han skickade bilder och vill ha pengar", "han hotar att lägga ut mina bilder",
           "kan jag anmäla det anonymt", "jag vet inte vad jag ska göra"],
    "da": ["han siger det er romantisk men jeg er bange", "vi mødtes til en dans på skolen",
           "endelig fortalte jeg det til min mor", ("det slovakiske politi svarede ikke", SLOVAK),
           "jeg bor i Tyskland med min far", "det var nemt for ham at få mine billeder",
           "han sendte billeder og vil have penge", "han truer med at lægge mine billeder op",
           "kan jeg anmelde det anonymt", "en dreng fra min skole delte min video", "jeg ved ikke hvad jeg skal gøre"],
    "nb": ["han sier det er romantisk, men jeg er redd", "vi møttes på en dans i fjor",
           "endelig fortalte jeg det til mamma", ("det slovakiske politiet svarte ikke", SLOVAK),
           "jeg bor i Norge med faren min", "det fins ingen som kan hjelpe meg", "han sendte bilder og vil ha penger",
           "han truer med å legge ut bildene mine", "kan jeg melde det anonymt", "en gutt fra skolen delte videoen min",
           "jeg vet ikke hva jeg skal gjøre"],
    "fi": ["hän sanoo että se on romanttista mutta pelkään", "tapasimme tanssikurssilla",
           "lopulta kerroin äidilleni", ("Slovakian poliisi ei vastannut", SLOVAK), "asun Suomessa isän kanssa",
           "se jäi elinikäiseksi muistoksi", "tai sitten hän lähettää kuvat kaikille",
           "hän lähetti kuvia ja haluaa rahaa", "hän uhkaa julkaista kuvani", "voinko ilmoittaa nimettömänä",
           "en tiedä mitä tehdä"],
    "et": ["ta ütleb, et see on romantiline, aga ma kardan", "kohtusime tantsutunnis", "lõpuks rääkisin emale",
           ("Slovakkia politsei ei vastanud", SLOVAK), "ma elan Eestis isaga", "ta saatis pilte ja tahab nüüd raha",
           "ta ähvardab mu pildid üles panna", "kas ma saan sellest anonüümselt teatada",
           "üks poiss minu koolist jagas mu videot", "ma ei tea, mida teha", "palun aita mind"],
    "lv": ["viņš saka, ka tas ir romantiski, bet man ir bail", "mēs iepazināmies deju nodarbībā",
           "beidzot es pastāstīju mammai", ("Slovākijas policija neatbildēja", SLOVAK), "es dzīvoju Latvijā ar tēti",
           "viņš man atsūtīja bildes un grib naudu", "viņš draud publicēt manas bildes",
           "es gribu ņemt atpakaļ savas bildes", "vai es varu ziņot anonīmi", "lasu romānu par mīlestību",
           "es nezinu, ko darīt"],
    "lt": ["jis sako, kad tai romantiška, bet aš bijau", "susipažinome šokių pamokoje", "pagaliau papasakojau mamai",
           ("Slovakijos policija neatsakė", SLOVAK), "gyvenu Lietuvoje su tėčiu", "jis mane puola ir grasina",
           "jis atsiuntė nuotraukų ir nori pinigų", "jis grasina paskelbti mano nuotraukas",
           "ar galiu pranešti anonimiškai", "berniukas iš mokyklos pasidalino mano vaizdo įrašu", "nežinau, ką daryti"],
    "cs": ["říká, že je to romantické, ale bojím se", "seznámili jsme se v tanečních",
           "konečně jsem to řekla mámě", ("slovenská policie mi neodpověděla", SLOVAK), "bydlím v Polsku s tátou",
           "poslal mi fotky a teď chce peníze", "vyhrožuje, že zveřejní moje fotky", "můžu to nahlásit anonymně?",
           "kluk ze školy sdílel moje video", "byl jsem na Slovensku a v Německu", "nevím, co mám dělat"],
    "sk": ["hovorí, že je to romantické, ale bojím sa", "zoznámili sme sa na tanečnej",
           "konečne som to povedala mame", ("slovenská polícia mi neodpovedala", SLOVAK),
           ("slovenskí policajti mi nepomohli", SLOVAK), "bývam na Slovensku s otcom",
           "poslal mi fotky a teraz chce peniaze", "vyhráža sa, že zverejní moje fotky", "môžem to nahlásiť anonymne?",
           "danú vec som už nahlásila", "neviem, čo mám robiť"],
    "sl": ["pravi, da je romantično, ampak me je strah", "spoznala sva se na plesu", "končno sem povedala mami",
           ("slovaška policija ni odgovorila", SLOVAK), "živim v Sloveniji z očetom", "Polona mi je poslala sliko",
           "poslal mi je slike in zdaj hoče denar", "grozi, da bo objavil moje slike", "ali lahko prijavim anonimno",
           "Francu sem vse povedala", "ne vem, kaj naj naredim"],
    "hr": ["kaže da je to romantično, ali bojim se", "upoznali smo se na plesu", "konačno sam rekla mami",
           ("slovačka policija mi nije odgovorila", SLOVAK), "živim u Hrvatskoj s tatom",
           "to je bila greška, poslala sam mu sliku", "ja bih htjela to prijaviti", "poslao mi je slike i sad traži novac",
           "prijeti da će objaviti moje slike", "mogu li to prijaviti anonimno", "ne znam što da radim"],
    "hu": ["azt mondja, hogy romantikus, de félek", "egy táncórán ismerkedtünk meg", "végül elmondtam anyának",
           ("a szlovák rendőrség nem válaszolt", SLOVAK), "Magyarországon élek apával", "elmagyarázta, mit akar",
           "itallal kínált meg a buliban", "nemtom mit csináljak", "képeket küldött és pénzt akar",
           "azzal fenyeget, hogy kiteszi a képeimet", "bejelenthetem névtelenül?"],
    "ro": ["spune că e romantic, dar mi-e frică", "ne-am cunoscut la un curs de dans", "în sfârșit i-am spus mamei",
           ("poliția slovacă nu mi-a răspuns", SLOVAK), "locuiesc în Germania cu tatăl meu",
           "mi-a trimis poze și acum vrea bani", "amenință că îmi publică pozele", "pot să raportez anonim?",
           "un băiat de la școală mi-a distribuit videoclipul", "am citit un roman frumos", "nu știu ce să fac"],
    "bg": ["казва, че е романтично, но ме е страх", "запознахме се на танци", "накрая казах на мама",
           ("словашката полиция не ми отговори", SLOVAK), "живея в България с баща ми",
           "изпрати ми снимки и сега иска пари", "заплашва, че ще публикува снимките ми", "мога ли да съобщя анонимно",
           "едно момче от училище сподели видеото ми", "не знам какво да правя", "моля, помогни ми"],
    "el": ["λέει ότι είναι ρομαντικό αλλά φοβάμαι", "γνωριστήκαμε σε μάθημα χορού", "τελικά το είπα στη μαμά μου",
           ("η σλοβακική αστυνομία δεν απάντησε", SLOVAK), "μένω στην Ελλάδα με τον μπαμπά μου",
           "μου έστειλε φωτογραφίες και θέλει λεφτά", "απειλεί ότι θα ανεβάσει τις φωτογραφίες μου",
           "μπορώ να το καταγγείλω ανώνυμα;", "ένα αγόρι από το σχολείο μοιράστηκε το βίντεό μου",
           "πήρα δάνειο από έναν φίλο", "δεν ξέρω τι να κάνω"],
    "uk": ["він каже, що це романтично, але мені страшно", "ми познайомилися на танцях", "нарешті я розповіла мамі",
           ("словацька поліція не відповіла", SLOVAK), "я живу в Польщі з татом", "він надіслав фото і тепер хоче гроші",
           "погрожує викласти мої фото", "ми ховалися в укритті", "чи можна повідомити анонімно",
           "хлопець зі школи поширив моє відео", "не знаю, що робити"],
    "ar": ["يقول إنه رومانسي لكني خائفة", "تعرفنا في حفلة رقص", "أخيرا قلت لأمي",
           ("الشرطة السلوفاكية لم ترد", SLOVAK), "أعيش في ألمانيا مع أبي", "بعت لي صور وهلق بدو مصاري",
           "بيهددني ينشر صوري", ("ركبت العربية مع أخي", {None, "ar"}), "بقدر بلغ بدون اسمي؟", "ما بعرف شو اعمل",
           "ولد من المدرسة نشر الفيديو تبعي"],
}

# The languages of the countries HelpHub covers: a country's own name may name its language ("Suomi", "Česko"), never
# another.
COUNTRY_LANGUAGES = {
    "AT": {"de"}, "BE": {"nl", "fr", "de"}, "BG": {"bg"}, "HR": {"hr"}, "CY": {"el"}, "CZ": {"cs"}, "DK": {"da"},
    "EE": {"et"}, "FI": {"fi", "sv"}, "FR": {"fr"}, "DE": {"de"}, "GR": {"el"}, "HU": {"hu"}, "IE": {"en"},
    "IT": {"it"}, "LV": {"lv"}, "LT": {"lt"}, "LU": {"fr", "de"}, "MT": {"en"}, "NL": {"nl"}, "PL": {"pl"},
    "PT": {"pt"}, "RO": {"ro"}, "SK": {"sk"}, "SI": {"sl"}, "ES": {"es"}, "SE": {"sv"}, "GB": {"en"}, "US": {"en"},
    "CA": {"en", "fr"}, "AU": {"en"}, "NO": {"nb"}, "CH": {"de", "fr", "it"}, "UA": {"uk"},
}


@pytest.mark.parametrize("asker", list(ASKS))
def test_a_request_in_any_language_names_the_language_asked_for(asker):
    # One test per asking language over its row of 25 (625 cases in 25 tests), every miss listed at once.
    template, names = ASKS[asker]
    found = {asked: named_language(template.format(name), CODES) for asked, name in zip(CODES, names, strict=True)}
    assert {asked: code for asked, code in found.items() if code != asked} == {}


@pytest.mark.parametrize(("text", "code"), INFORMAL)
def test_requests_as_people_type_them_name_the_language(text, code):
    assert named_language(text, CODES) == code


@pytest.mark.parametrize("language", list(ORDINARY))
def test_ordinary_messages_name_no_language(language):
    cases = [case if isinstance(case, tuple) else (case, {None}) for case in ORDINARY[language]]
    assert {text: named_language(text, CODES) for text, allowed in cases
            if named_language(text, CODES) not in allowed} == {}


@pytest.mark.parametrize("code", list(COUNTRY_LANGUAGES))
def test_a_country_s_name_names_none_but_its_own_languages(code):
    names = {language: Locale.parse(language).territories[code] for language in CODES}
    assert {language: name for language, name in names.items()
            if named_language(name, CODES) not in COUNTRY_LANGUAGES[code] | {None}} == {}


def test_a_language_the_assistant_does_not_speak_is_not_chosen():
    assert named_language("po polsku", ["en", "de"]) is None
    assert named_language("po polsku albo po angielsku", ["en", "de"]) == "en"


def test_every_language_has_names_and_no_name_belongs_to_two():
    assert set(NAMES) == set(CODES)
    owners = {}
    for code, names in NAMES.items():
        for name in names:
            owners.setdefault(_fold(name.removesuffix("$")), set()).add(code)
    assert {name: codes for name, codes in owners.items() if len(codes) > 1} == {}


def test_every_exception_is_a_word_some_name_would_find():
    # An exception no name reaches is dead weight, or a misspelling of the word it should keep out.
    unreached = [word for word in NOT_NAMES if not _NAMED.match(_fold(word.removesuffix("$")))]
    assert unreached == []


def test_names_are_written_as_they_are_compared():
    # Lower case, single spaces, no punctuation but the "$" that marks a whole word.
    assert [name for names in NAMES.values() for name in names
            if name != name.lower() or re.search(r"[^\w $]|\s{2,}|^\s|\s$|\$.", name)] == []


def test_the_detector_knows_two_languages_besides_those_spoken():
    assert OTHER_LANGUAGES == ("ru", "tr")
