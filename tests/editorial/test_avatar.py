"""A signed-in editor's picture in the admin is Wagtail's own default avatar, from this site: no Gravatar, no broken image."""

import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import override_settings

ADMIN_PAGES = ["/admin/", "/admin/account/"]


@pytest.fixture
def editor_client(client, db):
    client.force_login(User.objects.create_superuser("avatar-editor", "avatar@example.org", "a-long-password-1"))
    return client


def avatar_sources(html: str) -> list[str]:
    """The account menu's picture (the sidebar's props) and every avatar <img> on the page."""
    sidebar = re.findall(r'"avatarUrl": "([^"]+)"', html)
    images = re.findall(r'class="avatar[^"]*"[^>]*>\s*<img[^>]* src="([^"]+)"', html)
    return sidebar + images


def fetched_addresses(html: str) -> list[str]:
    """What a browser fetches on its own: images, scripts, stylesheets and icons."""
    return re.findall(r'<(?:img|script|source|iframe)\b[^>]*\ssrc="([^"]+)"', html) + re.findall(
        r'<link\b[^>]*\shref="([^"]+)"', html
    )


@pytest.mark.parametrize("page", ADMIN_PAGES)
def test_an_editor_without_a_picture_sees_wagtails_default_avatar_served_from_this_site(editor_client, page):
    response = editor_client.get(page)
    assert response.status_code == 200
    html = response.content.decode()
    sources = avatar_sources(html)
    assert sources, "no avatar found in the admin page"
    for source in sources:
        address = urlsplit(source)
        assert not address.scheme and not address.netloc, f"the avatar comes from another host: {source}"
        assert address.path.startswith(settings.STATIC_URL), source
        assert finders.find(address.path.removeprefix(settings.STATIC_URL)), f"no static file behind {source}"
    assert "gravatar" not in html.lower()
    for address in fetched_addresses(html):
        assert not urlsplit(address).netloc, f"the admin asks another host for {address}"


@pytest.mark.parametrize("page", ADMIN_PAGES)
def test_the_default_avatar_exists_under_its_hashed_name_after_collectstatic(editor_client, tmp_path, page):
    """As in production: collectstatic into STATIC_ROOT with the manifest storage, whose hashed names the admin uses."""
    storages = {**settings.STORAGES,
                "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}}  # fmt: skip
    with override_settings(STORAGES=storages, STATIC_ROOT=tmp_path, WHITENOISE_USE_FINDERS=False):
        call_command("collectstatic", interactive=False, verbosity=0)
        html = editor_client.get(page).content.decode()
    sources = avatar_sources(html)
    assert sources
    for source in sources:
        relative = urlsplit(source).path.removeprefix(settings.STATIC_URL)
        assert relative != "wagtailadmin/images/default-user-avatar.png", "not the hashed name collectstatic wrote"
        assert (tmp_path / relative).is_file(), f"{source} is not in STATIC_ROOT after collectstatic"
    assert "gravatar" not in html.lower()


def test_an_uploaded_avatar_is_not_shown_the_default_picture_is(client, db):
    """nginx serves no /media/avatar_images/ (an uploaded picture would be a broken image and keep its EXIF data)."""
    from django.contrib.auth.models import User
    from wagtail.admin.templatetags.wagtailadmin_tags import avatar_url
    from wagtail.users.models import UserProfile

    user = User.objects.create_superuser("avatar-owner", "avatar@example.org", "a-long-password-1")
    profile = UserProfile.get_for_user(user)
    profile.avatar.name = "avatar_images/me.jpg"
    profile.save()
    assert "default-user-avatar" in avatar_url(user)
    assert "avatar_images" not in avatar_url(user)
