"""Translations made without a native reviewer are marked so for editors: load_content records the state the files
give (machine unless `review: native`), the dashboard counts them per language, Reports > Translations to review lists
them, and an editor records a native speaker's check one translation at a time, in the object's history."""

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission, User
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from wagtail.models import Locale, ModelLogEntry, PageLogEntry

from directory.models import Country, Situation
from editorial import dashboard
from editorial.models import TranslationReview
from pages.models import GuidePage

CONTENT = Path(settings.CONTENT_DIR)
GUIDE = "guides/de/bullying-parents.md"


def state_of(obj) -> str | None:
    review = TranslationReview.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk).first()
    return review.state if review else None


def german_guide() -> GuidePage:
    english = GuidePage.objects.get(locale=Locale.get_default(), slug="bullying-parents")
    return english.get_translation(Locale.objects.get(language_code="de"))


def load(copy: Path) -> None:
    call_command("load_content", content_dir=copy, stdout=StringIO(), verbosity=0)


def add_after(path: Path, anchor: str, line: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(anchor) == 1, anchor
    path.write_text(text.replace(anchor, f"{anchor}\n{line}"), encoding="utf-8")


@pytest.fixture
def copy(tmp_path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


@pytest.fixture
def editor(client, db):
    user = User.objects.create_superuser("reviewer", "reviewer@example.org", "a-long-password-1")
    client.force_login(user)
    return client


def test_every_seed_translation_awaits_a_native_reviewer_and_english_and_country_names_do_not(content):
    german = Locale.objects.get(language_code="de")
    assert state_of(german_guide()) == TranslationReview.MACHINE
    assert state_of(Situation.objects.get(locale=german, key="sextortion")) == TranslationReview.MACHINE
    english_guide = GuidePage.objects.get(locale=Locale.get_default(), slug="bullying-parents")
    assert state_of(english_guide) is None
    assert state_of(Country.objects.get(locale=german, code="DE")) is None  # names from CLDR, not a translation
    counted = dict(dashboard.desk()["awaiting_review"])
    assert set(counted) == {code for code, _name in settings.LANGUAGES} - {settings.LANGUAGE_CODE}
    german_pages = GuidePage.objects.filter(locale=german, alias_of__isnull=True).count()
    assert counted["de"] >= german_pages + Situation.objects.filter(locale=german).count()


def test_a_translation_the_files_mark_as_checked_by_a_native_speaker_loads_as_checked(content, copy):
    add_after(copy / GUIDE, "translated_from: 29e0de38", "review: native")
    add_after(copy / "directory/translations/de.yaml", "    translated_from: e95431ad", "    review: native")
    load(copy)
    german = Locale.objects.get(language_code="de")
    assert state_of(german_guide()) == TranslationReview.NATIVE
    assert state_of(Situation.objects.get(locale=german, key="immediate_danger")) == TranslationReview.NATIVE
    assert state_of(Situation.objects.get(locale=german, key="self_harm")) == TranslationReview.MACHINE


@pytest.mark.parametrize(("file", "anchor", "line", "phrase"), [
    ("guides/en/bullying-parents.md", "last_reviewed:", "review: native", "'review' is for translations"),
    (GUIDE, "translated_from: 29e0de38", "review: yes", "'review' must be one of machine, native"),
    ("directory/translations/de.yaml", "    translated_from: e95431ad", "    review: checked", "'review' must be one of"),
])  # fmt: skip
def test_a_wrong_review_line_is_refused_with_its_file_and_line(content, copy, file, anchor, line, phrase):
    path = copy / file
    text = path.read_text(encoding="utf-8")
    if anchor == "last_reviewed:":  # the English guide's own line
        anchor = next(row for row in text.splitlines() if row.startswith("last_reviewed:"))
    add_after(path, anchor, line)
    number = path.read_text(encoding="utf-8").splitlines().index(line) + 1
    with pytest.raises(CommandError) as refused:
        call_command("load_content", content_dir=copy, check=True, stdout=StringIO())
    message = str(refused.value)
    assert phrase in message and f"{file.split('/')[-1]}:{number}" in message, message


def test_an_editor_records_a_native_review_and_it_leaves_the_report_and_the_count(editor, content):
    guide = german_guide()
    review = TranslationReview.objects.get(content_type=ContentType.objects.get_for_model(guide), object_id=guide.pk)
    before = dict(dashboard.desk()["awaiting_review"])["de"]
    home = editor.get("/admin/").content.decode()
    assert f'href="/admin/reports/translations-to-review/?language=de">de {before}</a>' in home

    listed = editor.get("/admin/reports/translations-to-review/?language=de").content.decode()
    assert guide.title in listed and f"/admin/reports/translations-to-review/{review.pk}/checked/" in listed
    assert f'href="/admin/pages/{guide.pk}/edit/"' in listed
    assert "/admin/reports/translations-to-review/?language=fr" not in listed

    response = editor.post(f"/admin/reports/translations-to-review/{review.pk}/checked/",
                           {"next": "/admin/reports/translations-to-review/?language=de"})  # fmt: skip
    assert response.status_code == 302 and response["Location"] == "/admin/reports/translations-to-review/?language=de"
    review.refresh_from_db()
    assert review.state == TranslationReview.NATIVE and review.reviewed_by.username == "reviewer"
    assert review.reviewed_at is not None
    after = editor.get("/admin/reports/translations-to-review/?language=de").content.decode()
    assert "is marked as checked by a native speaker" in after  # the message, once
    assert f"/admin/reports/translations-to-review/{review.pk}/checked/" not in after
    assert f'href="/admin/pages/{guide.pk}/edit/"' not in after
    assert dict(dashboard.desk()["awaiting_review"])["de"] == before - 1
    entry = PageLogEntry.objects.get(page=guide, action="helphub.native_review")
    assert entry.user.username == "reviewer" and entry.data == {"language": "de"}
    history = editor.get(f"/admin/pages/{guide.pk}/history/").content.decode()
    assert "Translation (de) checked by a native speaker." in history


def test_a_redirect_elsewhere_after_recording_a_review_is_refused(editor, content):
    german = Locale.objects.get(language_code="de")
    situation = Situation.objects.get(locale=german, key="sextortion")
    review = TranslationReview.objects.get(content_type=ContentType.objects.get_for_model(Situation), object_id=situation.pk)
    response = editor.post(f"/admin/reports/translations-to-review/{review.pk}/checked/", {"next": "https://evil.example/"})
    assert response["Location"] == "/admin/reports/translations-to-review/"
    assert ModelLogEntry.objects.filter(object_id=str(situation.pk), action="helphub.native_review").exists()


def test_only_someone_who_may_edit_the_translation_can_record_its_review(client, content):
    user = User.objects.create_user("reader", "reader@example.org", "a-long-password-1")
    group = Group.objects.create(name="Admin access only")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user.groups.add(group)
    client.force_login(user)
    guide = german_guide()
    review = TranslationReview.objects.get(content_type=ContentType.objects.get_for_model(guide), object_id=guide.pk)
    refused = client.post(f"/admin/reports/translations-to-review/{review.pk}/checked/")
    # Wagtail answers a refused admin action by sending the user back to the dashboard with a message.
    assert (refused.status_code, refused.get("Location")) in ((403, None), (302, "/admin/"))
    assert client.get(f"/admin/reports/translations-to-review/{review.pk}/checked/").status_code in (403, 405)
    review.refresh_from_db()
    assert review.state == TranslationReview.MACHINE


def test_loading_unchanged_files_keeps_the_review_and_a_rewritten_translation_needs_one_again(editor, content, copy):
    guide = german_guide()
    review = TranslationReview.objects.get(content_type=ContentType.objects.get_for_model(guide), object_id=guide.pk)
    editor.post(f"/admin/reports/translations-to-review/{review.pk}/checked/")
    load(copy)
    assert state_of(german_guide()) == TranslationReview.NATIVE
    path = copy / GUIDE
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Mobbing im Internet folgt Kindern", "Mobbing im Netz folgt Kindern", 1), encoding="utf-8")
    load(copy)
    assert state_of(german_guide()) == TranslationReview.MACHINE


def test_a_deleted_translation_leaves_no_review_behind(content):
    german = Locale.objects.get(language_code="de")
    situation = Situation.objects.get(locale=german, key="sextortion")
    pk = situation.pk
    situation.delete()
    assert not TranslationReview.objects.filter(content_type=ContentType.objects.get_for_model(Situation), object_id=pk).exists()
