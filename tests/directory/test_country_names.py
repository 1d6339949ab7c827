"""The chatbot asks "which country are you in?" and reads the answer with `match_country`: visitors answer in
sentences, with inflected and informal names, and often without accents. These tests need no database."""

import pytest

from directory.countries import ALIASES, all_countries, match_country, normalize_name


@pytest.mark.parametrize(("text", "code"), [
    ("jestem w polsce", "PL"), ("Jestem z Polski", "PL"), ("mieszkam w Polsce", "PL"), ("polska", "PL"),
    ("mieszkam w niemczech", "DE"), ("jestem z Niemiec", "DE"),
    ("we Francji", "FR"), ("mieszkam w Hiszpanii", "ES"), ("jestem we Włoszech", "IT"), ("z Włoch", "IT"),
    ("w Wielkiej Brytanii", "GB"), ("mieszkam w Anglii", "GB"), ("anglia", "GB"), ("szkocja", "GB"),
    ("jestem w Szkocji", "GB"), ("w Walii", "GB"), ("w Irlandii Północnej", "GB"), ("w Irlandii", "IE"),
    ("w Holandii", "NL"), ("w Belgii", "BE"), ("w czechach", "CZ"), ("jestem z Czech", "CZ"),
    ("na Słowacji", "SK"), ("na węgrzech", "HU"), ("z Węgier", "HU"), ("w Austrii", "AT"), ("w Szwecji", "SE"),
    ("w Norwegii", "NO"), ("w Danii", "DK"), ("w Finlandii", "FI"), ("na Litwie", "LT"), ("z Litwy", "LT"),
    ("na Łotwie", "LV"), ("w Estonii", "EE"), ("w Rumunii", "RO"), ("w Bułgarii", "BG"), ("w Grecji", "GR"),
    ("na Ukrainie", "UA"), ("w Ukrainie", "UA"), ("jestem z Ukrainy", "UA"), ("w Portugalii", "PT"),
    ("w Szwajcarii", "CH"), ("w Chorwacji", "HR"), ("w Słowenii", "SI"), ("na Malcie", "MT"), ("na Cyprze", "CY"),
    ("w Luksemburgu", "LU"), ("w Kanadzie", "CA"), ("w Australii", "AU"),
    ("w stanach", "US"), ("jestem ze Stanów", "US"), ("stany", "US"), ("mieszkam w Stanach Zjednoczonych", "US"),
    ("w Ameryce", "US"),
])
def test_polish_visitors_name_their_country_as_they_write_it(text, code):
    assert match_country(text) == code


@pytest.mark.parametrize(("text", "code"), [
    ("jestem w wloszech", "IT"), ("wlochy", "IT"), ("mieszkam na lotwie", "LV"), ("lotwa", "LV"),
    ("na wegrzech", "HU"), ("na slowacji", "SK"), ("w slowenii", "SI"), ("w bulgarii", "BG"),
    ("mieszkam w wielkiej brytanii", "GB"), ("Ich wohne in Osterreich", "AT"), ("je suis en norvege", "NO"),
])
def test_names_typed_without_diacritics_are_understood(text, code):
    assert match_country(text) == code


@pytest.mark.parametrize(("text", "code"), [
    ("sono in germania", "DE"), ("vivo in inghilterra", "GB"), ("nel regno unito", "GB"), ("abito in olanda", "NL"),
    ("in scozia", "GB"), ("negli stati uniti", "US"), ("in svizzera", "CH"), ("in repubblica ceca", "CZ"),
])
def test_italian_visitors_name_their_country_as_they_write_it(text, code):
    assert match_country(text) == code


@pytest.mark.parametrize(("text", "code"), [
    ("moro na alemanha", "DE"), ("estou em inglaterra", "GB"), ("na holanda", "NL"), ("no reino unido", "GB"),
    ("nos estados unidos", "US"), ("na escócia", "GB"), ("moro na suíça", "CH"), ("na irlanda do norte", "GB"),
])
def test_portuguese_visitors_name_their_country_as_they_write_it(text, code):
    assert match_country(text) == code


@pytest.mark.parametrize(("text", "code"), [
    ("ik woon in duitsland", "DE"), ("in engeland", "GB"), ("in belgie", "BE"), ("ik woon in België", "BE"),
    ("in schotland", "GB"), ("in nederland", "NL"), ("in amerika", "US"), ("in noord-ierland", "GB"),
])
def test_dutch_visitors_name_their_country_as_they_write_it(text, code):
    assert match_country(text) == code


@pytest.mark.parametrize(("text", "code"), [
    ("vivo en inglaterra", "GB"), ("en escocia", "GB"), ("vivo en holanda", "NL"), ("estoy en EE. UU.", "US"),
    ("en república checa", "CZ"),
])
def test_spanish_visitors_name_their_country_as_they_write_it(text, code):
    assert match_country(text) == code


@pytest.mark.parametrize(("text", "code"), [
    ("j'habite en angleterre", "GB"), ("en écosse", "GB"), ("au pays de galles", "GB"), ("en hollande", "NL"),
    ("aux états-unis", "US"),
])
def test_french_visitors_name_their_country_as_they_write_it(text, code):
    assert match_country(text) == code


@pytest.mark.parametrize(("text", "code"), [
    ("ich wohne in england", "GB"), ("in schottland", "GB"), ("in holland", "NL"), ("in der Schweiz", "CH"),
    ("in den USA", "US"), ("in amerika", "US"),
])
def test_german_visitors_name_their_country_as_they_write_it(text, code):
    assert match_country(text) == code


@pytest.mark.parametrize(("text", "code"), [
    ("I live in England", "GB"), ("i'm in scotland", "GB"), ("in wales", "GB"), ("im in the us", "US"),
    ("us", "US"), ("Northern Ireland", "GB"),
])
def test_english_visitors_name_their_country_as_they_write_it(text, code):
    assert match_country(text) == code


@pytest.mark.parametrize(("text", "code"), [
    ("я в Польщі", "PL"), ("живу в Німеччині", "DE"), ("я з України", "UA"), ("у Великій Британії", "GB"),
    ("в Чехії", "CZ"), ("в Угорщині", "HU"),
])
def test_ukrainian_visitors_name_their_country_as_they_write_it(text, code):
    assert match_country(text) == code


@pytest.mark.parametrize("text", [
    "nie wiem", "w domu", "no se", "narnia", "jestem w szkole", "danie", "w dobrym stanie", "mam stany lękowe",
    "can you help us", "tell us what to do", "na", "w", "z", "non lo so", "não sei", "weet ik niet", "je ne sais pas",
    "weiß nicht", "i don't know",
])
def test_words_that_name_no_country_give_none(text):
    assert match_country(text) is None


@pytest.mark.parametrize(("text", "plain"), [
    ("Łotwa", "lotwa"), ("Włochy", "wlochy"), ("Færøerne", "faeroerne"), ("Đakovo", "dakovo"), ("Straße", "strasse"),
    ("Diyarbakır", "diyarbakir"), ("Österreich!", "osterreich"),
])
def test_letters_without_a_decomposition_are_written_as_their_base_letter(text, plain):
    assert normalize_name(text) == plain


@pytest.mark.parametrize(("language", "name", "after", "before"), [
    ("pl", "Łotwa", "Litwa", "Macedonia Północna"), ("pl", "Słowacja", "Singapur", "Somalia"),
    ("de", "Österreich", "Oman", "Pakistan"), ("fr", "Équateur", "Émirats arabes unis", "Espagne"),
])
def test_pickers_list_a_country_with_its_base_letter_not_after_z(language, name, after, before):
    names = [country for _code, country in all_countries(language)]
    assert names.index(after) < names.index(name) < names.index(before)


@pytest.mark.parametrize(("code", "name"), [(code, name) for code, names in ALIASES.items() for name in names])
def test_every_alias_names_its_own_country_and_no_other(code, name):
    assert match_country(name) == code
