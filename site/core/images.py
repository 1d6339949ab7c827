"""Uploaded images lose their metadata before they are stored.

A photo carries EXIF: where it was taken (GPS), when, with which phone, sometimes the owner's name. Wagtail keeps
the original as uploaded and copies EXIF into its renditions, so an editor's photo on a page could tell a visitor
where the editor, or a young person in the photo, was. Here every uploaded image is re-saved without it (turned the
way its EXIF orientation said first), before Wagtail reads its size or stores it.
"""

from io import BytesIO
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageOps
from wagtail.images.forms import BaseImageForm

# Formats Pillow writes without metadata unless told to; anything else (HEIC, AVIF) is stored as PNG.
KEPT_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


def without_metadata(uploaded) -> SimpleUploadedFile:
    uploaded.seek(0)
    with Image.open(uploaded) as opened:
        source_format = opened.format
        if source_format == "GIF":  # animated frames would be lost; GIFs carry no EXIF
            uploaded.seek(0)
            return uploaded
        image = ImageOps.exif_transpose(opened)
        image.load()
    image_format = source_format if source_format in KEPT_FORMATS else "PNG"
    if image_format == "JPEG" and image.mode not in ("RGB", "L", "CMYK"):
        image = image.convert("RGB")
    out = BytesIO()
    options = {"quality": 92, "optimize": True} if image_format in ("JPEG", "WEBP") else {}
    image.save(out, format=image_format, **options)  # no exif=, no pnginfo=, no xmp=: nothing but the pixels
    name = Path(uploaded.name).with_suffix("." + KEPT_FORMATS[image_format]).name
    return SimpleUploadedFile(name, out.getvalue(), content_type=f"image/{image_format.lower()}")


class MetadataFreeImageForm(BaseImageForm):
    """Wagtail's image form (WAGTAILIMAGES_IMAGE_FORM_BASE), storing uploads without their metadata."""

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and "file" in self.changed_data:
            return without_metadata(uploaded)
        return uploaded
