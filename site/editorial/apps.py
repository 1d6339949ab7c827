from django.apps import AppConfig


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = "Editorial groups, workflow and reports"

    def ready(self):
        from . import dashboard, review

        dashboard.connect()
        review.connect()
