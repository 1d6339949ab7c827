"""Photos an editor uploads are stored, and shown, without where and how they were taken."""

from io import BytesIO

import pytest
from django.contrib.auth import get_user_model
from PIL import Image
from wagtail.images import get_image_model


def photo_with_metadata(fmt="JPEG") -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "PhoneModel 12"  # Model
    exif[0x013B] = "A Young Person"  # Artist
    exif[0x0112] = 6  # Orientation: turned 90 degrees
    exif.get_ifd(0x8825)[2] = (51.0, 30.0, 0.0)  # GPS latitude
    out = BytesIO()
    Image.new("RGB", (40, 20), "teal").save(out, fmt, exif=exif.tobytes())
    return out.getvalue()


@pytest.fixture
def editor_client(client, db):
    user = get_user_model().objects.create_superuser("image-editor", "image-editor@example.org", "a long password here")
    client.force_login(user)
    return client


@pytest.mark.parametrize(("fmt", "suffix"), [("JPEG", "jpg"), ("PNG", "png"), ("WEBP", "webp")])
def test_an_uploaded_photo_and_its_renditions_keep_no_exif(editor_client, fmt, suffix):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile(f"holiday.{suffix}", photo_with_metadata(fmt), content_type=f"image/{suffix}")
    response = editor_client.post("/admin/images/add/", {"title": "A photo", "file": upload, "collection": 1})
    assert response.status_code == 302, getattr(response, "context", None) and response.context["form"].errors
    image = get_image_model().objects.get(title="A photo")
    with image.file.open() as stored, Image.open(stored) as original:
        assert not original.getexif(), dict(original.getexif())
        assert original.size == (20, 40)  # turned as its orientation said, before the tag was dropped
        assert b"PhoneMaker" not in stored.read()
    assert (image.width, image.height) == (20, 40)
    rendition = image.get_rendition("max-10x10")
    with rendition.file.open() as shown, Image.open(shown) as small:
        assert not small.getexif()
