"""Every translation already in the database was made without a native reviewer (the seed content's translations
were machine-made): each gets a `machine` review state, so editors see what a native speaker must still check.
Country names (from CLDR) are not translations anyone writes and get none."""

from django.db import migrations

DIRECTORY_MODELS = ("situation", "reportingchannel", "platform")


def existing_translations_await_review(apps, schema_editor):
    from django.conf import settings

    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    TranslationReview = apps.get_model("editorial", "TranslationReview")
    default = settings.LANGUAGE_CODE
    rows = []
    for page in Page.objects.exclude(locale__language_code=default).filter(alias_of__isnull=True, depth__gt=1) \
            .values("pk", "content_type_id", "locale__language_code"):
        rows.append(TranslationReview(content_type_id=page["content_type_id"], object_id=page["pk"],
                                      language=page["locale__language_code"]))
    for name in DIRECTORY_MODELS:
        model = apps.get_model("directory", name)
        content_type, _created = ContentType.objects.get_or_create(app_label="directory", model=name)
        for pk, language in model.objects.exclude(locale__language_code=default).values_list("pk", "locale__language_code"):
            rows.append(TranslationReview(content_type_id=content_type.pk, object_id=pk, language=language))
    TranslationReview.objects.bulk_create(rows, ignore_conflicts=True)


class Migration(migrations.Migration):
    dependencies = [
        ("editorial", "0003_translation_review"),
        ("directory", "0003_platform"),
        ("pages", "0002_site_operator"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(existing_translations_await_review, migrations.RunPython.noop)]
