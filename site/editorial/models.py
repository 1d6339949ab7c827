from django.db import models


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
