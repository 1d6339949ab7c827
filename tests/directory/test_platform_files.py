"""The platform directory's seed files (content/directory/platforms/, researched for the platform issue and not yet
loaded into the CMS) stay well-formed and sourced: every link https, every answer with the page it was seen on."""

from pathlib import Path

import pytest
import yaml
from django.conf import settings

PLATFORMS = Path(settings.SITE_DIR).parent / "content" / "directory" / "platforms"
HARMS = {"nude_shared", "threat", "adult_sexual_contact", "csam", "fake_job"}
FILES = sorted(PLATFORMS.glob("*.yaml"))


def links(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from links(item)
    elif isinstance(value, list):
        for item in value:
            yield from links(item)
    elif isinstance(value, str) and value.startswith(("http:", "https:", "www.")):
        yield value


def test_the_apps_young_people_use_most_are_all_researched():
    assert {path.stem for path in FILES} >= {
        "instagram", "snapchat", "tiktok", "whatsapp", "facebook-messenger", "discord", "roblox", "youtube", "x",
        "telegram", "twitch", "fortnite", "minecraft", "reddit", "random-chat"}  # fmt: skip


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.stem)
def test_each_platform_file_is_complete_and_every_link_is_https_and_sourced(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["key"] == path.stem and data["name"] and str(data["verified"]) == "2026-12-02"
    assert isinstance(data["confirmed_on_platform_page"], bool)
    assert set(data["report"]) == HARMS
    for harm, answer in data["report"].items():
        if answer and (answer.get("url") or answer.get("steps")):
            assert str(answer.get("source") or "").startswith("https://"), (path.stem, harm)
    for flag in ("take_it_down", "stopncii"):
        if data["removal_tools"].get(flag) is not None:
            assert str(data["removal_tools"].get(f"{flag}_source") or "").startswith("https://"), (path.stem, flag)
    assert all(link.startswith("https://") for link in links(data)), [lk for lk in links(data) if not lk.startswith("https://")]
    assert data["aliases"] and all(alias == alias.lower() for alias in data["aliases"])
