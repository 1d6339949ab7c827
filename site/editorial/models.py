from collections import defaultdict

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
    def record_loaded(cls, loaded: list[tuple[int, int, str, str, bool]]) -> None:
        """What load_content knows of the translations it has just loaded, written together in the order given (a few
        queries however many). Each is `(content_type_id, object_id, language, state, text_unchanged)`:
        - a translation whose text it wrote takes `state` and forgets who reviewed it (`machine` unless the file says a
          native speaker checked it);
        - one whose text it left unchanged (`text_unchanged`) only becomes `native` when the files now say so; an
          editor's record is otherwise kept."""
        wanted = defaultdict(set)
        for content_type, object_id, *_rest in loaded:
            wanted[content_type].add(object_id)
        found = {}
        for content_type, ids in wanted.items():
            for review in cls.objects.filter(content_type_id=content_type, object_id__in=ids):
                found[(content_type, review.object_id)] = review
        new, changed = [], {}
        for content_type, object_id, language, state, text_unchanged in loaded:
            review = found.get((content_type, object_id))
            if review is None:
                review = found[(content_type, object_id)] = cls(
                    content_type_id=content_type, object_id=object_id, language=language, state=state
                )
                new.append(review)
                continue
            if text_unchanged:
                if review.state == cls.NATIVE:
                    continue
                review.state = cls.NATIVE
            else:
                review.language, review.state, review.reviewed_by, review.reviewed_at = language, state, None, None
            if review.pk:
                changed[review.pk] = review
        cls.objects.bulk_create(new)
        cls.objects.bulk_update(list(changed.values()), ["language", "state", "reviewed_by", "reviewed_at"],
                                batch_size=500)  # fmt: skip
