from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _


class SeedRecord(models.Model):
    """What `load_content` last wrote for one record in one language, so a re-run changes only what changed.

    The fingerprint is of the content file's entry. A record an editor has since changed in the CMS is kept as the
    editor left it: the CMS is the source of truth once content is loaded.
    """

    model = models.CharField(max_length=100)
    key = models.CharField(max_length=200)
    language = models.CharField(max_length=8)
    object_id = models.PositiveBigIntegerField()
    fingerprint = models.CharField(max_length=64)
    loaded_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["model", "key", "language"], name="unique_seed_record")]

    def __str__(self):
        return f"{self.model} {self.key} ({self.language})"


class TranslationReview(models.Model):
    """Whether a native speaker has checked one translation (a page or a directory record in a language other than
    the default): `machine` until someone does. Visitors always see the text; editors see what is still to check
    (the dashboard and Reports > Translations to review).

    Kept beside the translated object, not on it, so wagtail-localize's synchronisation never copies the English
    page's state over a translation's. `load_content` writes `machine` when it writes a translation's text, or
    `native` when the content file says `review: native`; a text it leaves unchanged keeps what an editor recorded.
    """

    MACHINE, NATIVE = "machine", "native"
    STATES = [(MACHINE, _("Made without a native reviewer")), (NATIVE, _("Checked by a native speaker"))]

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    language = models.CharField(max_length=8)
    state = models.CharField(max_length=8, choices=STATES, default=MACHINE)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")  # fmt: skip
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["content_type", "object_id"], name="unique_translation_review")]
        indexes = [models.Index(fields=["state", "language"])]

    def __str__(self):
        return f"{self.content_type.model} {self.object_id} ({self.language}): {self.state}"

    @classmethod
    def awaiting_per_language(cls) -> list[tuple[str, int]]:
        """How many translations await a native reviewer, per language in the site's order (languages with none left
        out): one query."""
        counts = dict(cls.objects.filter(state=cls.MACHINE).values_list("language").annotate(n=models.Count("pk")))
        return [(code, counts[code]) for code, _name in settings.LANGUAGES if counts.get(code)]

    @classmethod
    def record(cls, obj, language: str, state: str) -> None:
        """What load_content knows about a translation it has just written."""
        cls.objects.update_or_create(
            content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk,
            defaults={"language": language, "state": state, "reviewed_by": None, "reviewed_at": None},
        )

    @classmethod
    def checked_in_files(cls, obj, language: str) -> None:
        """The files now say a native speaker checked a translation whose text load_content left unchanged."""
        content_type = ContentType.objects.get_for_model(obj)
        found = cls.objects.filter(content_type=content_type, object_id=obj.pk)
        if not found.exists():
            cls.objects.create(content_type=content_type, object_id=obj.pk, language=language, state=cls.NATIVE)
        else:
            found.exclude(state=cls.NATIVE).update(state=cls.NATIVE)
