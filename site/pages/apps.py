from django.apps import AppConfig


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = "Pages and guidance"

    def ready(self):
        from . import addresses, purge

        purge.connect()
        addresses.connect()
