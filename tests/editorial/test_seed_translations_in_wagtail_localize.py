"""Seed translations are wagtail-localize translations: load_content records every translated page and record with a
source, a translation and its strings, so editors carry on in wagtail-localize (progress, "Sync translated pages",
its translation editor); numbers and links reach every language through its synchronised fields; and the search and
reference indexes, updated once at the end of a load, follow what the files changed."""

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from wagtail.models import Locale, ReferenceIndex
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from directory.models import ReportingChannel, Situation
from pages.models import GuidePage

CONTENT = Path(settings.CONTENT_DIR)


def load(copy: Path) -> None:
    call_command("load_content", content_dir=copy, stdout=StringIO(), verbosity=0)


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def translation_of(instance, language: str) -> Translation:
    source = TranslationSource.objects.get_for_instance(instance)
    return Translation.objects.get(source=source, target_locale__language_code=language)


@pytest.fixture
def copy(tmp_path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


def test_every_translated_page_and_record_is_a_complete_wagtail_localize_translation(content):
    translations = Translation.objects.select_related("source", "target_locale")
    incomplete = [(t.source.object_repr, t.target_locale.language_code) for t in translations
                  if len(set(t.get_progress())) != 1]
    assert incomplete == []
    other_languages = len(settings.LANGUAGES) - 1
    guides = GuidePage.objects.filter(locale=Locale.get_default()).count()
    pages = Translation.objects.filter(source__specific_content_type=ContentType.objects.get_for_model(GuidePage))
    assert pages.count() == guides * other_languages  # every guide is translated in every language
    assert translations.count() > 2000
    assert not StringTranslation.objects.filter(has_error=True).exists()


def test_seed_translations_count_as_machine_made_until_a_native_speaker_checked_them(content, copy):
    german = Locale.objects.get(language_code="de")
    situation = Situation.objects.get(locale=Locale.get_default(), key="sextortion")
    strings = StringTranslation.objects.filter(locale=german, context__object_id=situation.translation_key)
    assert set(strings.values_list("translation_type", flat=True)) == {StringTranslation.TRANSLATION_TYPE_MACHINE}

    replace(copy / "directory/translations/de.yaml", "  sextortion:\n", "  sextortion:\n    review: native\n")
    load(copy)
    assert set(strings.values_list("translation_type", flat=True)) == {StringTranslation.TRANSLATION_TYPE_MANUAL}


def test_a_guides_translated_paragraphs_are_the_strings_of_its_english_paragraphs(content):
    english = GuidePage.objects.get(locale=Locale.get_default(), slug="sextortion-young-people")
    italian = english.get_translation(Locale.objects.get(language_code="it"))
    assert [block.id for block in italian.body] == [block.id for block in english.body]
    first = italian.body[0].value.source
    assert "Non è colpa tua" in first
    strings = StringTranslation.objects.filter(locale=italian.locale, context__object_id=english.translation_key)
    assert strings.filter(data__startswith="Non è colpa tua").exists()
    assert strings.filter(translation_of__data__startswith="It is not your fault").exists()


def test_a_changed_number_in_the_files_reaches_every_language_through_the_synchronised_fields(content, copy):
    replace(copy / "directory/channels/IT.yaml", 'phone: "19696"', 'phone: "114"')
    load(copy)
    for row in ReportingChannel.objects.filter(key="it-telefono-azzurro"):
        assert row.phone == "114", row.locale
    italian = ReportingChannel.objects.get(key="it-telefono-azzurro", locale__language_code="it")
    assert italian.description.startswith("Linea di ascolto per minori")


def test_an_editors_sync_in_wagtail_localize_brings_the_new_number_and_keeps_the_translated_words(content):
    english = ReportingChannel.objects.get(key="it-telefono-azzurro", locale=Locale.get_default())
    english.phone = "114"
    english.save_revision().publish()

    translation = translation_of(english, "it")
    translation.source.update_from_db()  # what "Sync translated pages" does, then it saves each translation
    translation.save_target(publish=True)

    italian = ReportingChannel.objects.get(key="it-telefono-azzurro", locale__language_code="it")
    assert italian.phone == "114"
    assert italian.description.startswith("Linea di ascolto per minori")
    assert italian.live


def test_an_english_paragraph_changed_in_the_cms_leaves_only_that_string_waiting_for_each_language(content):
    english = GuidePage.objects.get(locale=Locale.get_default(), slug="sextortion-young-people")
    translation = translation_of(english, "fr")
    total, done = translation.get_progress()
    assert total == done

    english.body[0].value.source = english.body[0].value.source.replace("It is not your fault.", "This is not on you.")
    english.save_revision().publish()
    translation.source.update_from_db()

    total_after, done_after = translation.get_progress()
    assert done_after == total_after - 1


def test_loading_a_changed_guide_updates_the_search_index_and_the_reference_index(content, copy):
    italian = Locale.objects.get(language_code="it")
    assert not GuidePage.objects.live().filter(locale=italian).search("zanzibarite")
    replace(copy / "guides/it/sextortion-young-people.md", "Non è colpa tua.", "Non è colpa tua, zanzibarite.")
    load(copy)
    found = GuidePage.objects.live().filter(locale=italian).search("zanzibarite")
    assert [page.slug for page in found] == ["sextortion-young-people"]

    guide = GuidePage.objects.get(locale=italian, slug="sextortion-young-people")
    help_finder_links = ReferenceIndex.get_references_for_object(guide)
    assert help_finder_links.exists()  # its links to other pages, for Wagtail's "usage" counts
