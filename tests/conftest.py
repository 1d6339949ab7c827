"""Shared fixtures. The real seed content under content/ is loaded once per test run into the test database."""

import pytest
from django.core.management import call_command
from django.test.utils import setup_databases, teardown_databases
from django.utils import translation

# The real site server, assistant and action server, for the tests that need them running (tests/stack.py).
pytest_plugins = ["stack"]


def asks_for_database(item) -> bool:
    """What pytest-django looks at before it makes the test database (a django_db mark or its db fixtures)."""
    return bool(item.get_closest_marker("django_db")) or bool({"db", "transactional_db", "live_server"} & set(item.fixturenames))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request):
    with django_db_blocker.unblock():
        if not any(asks_for_database(item) for item in request.session.items):
            # Only tests that reach the database through the site's thread were chosen (the browser tests, e.g. make
            # editor-screenshots): pytest-django made no test database, and the seed content would otherwise go to
            # the developer's own database. Make the test database here.
            made = setup_databases(verbosity=0, interactive=False, aliases={"default"})
            request.addfinalizer(lambda: teardown_databases(made, verbosity=0))
        call_command("load_content", verbosity=0)


@pytest.fixture
def content(db):
    """Marks a test as reading the loaded seed content (countries, situations, channels, pages)."""
    return True


@pytest.fixture(autouse=True)
def default_language_after_each_test():
    """A request through LocaleMiddleware leaves its language active in the thread: each test starts in English."""
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def fresh_page_addresses():
    """Each test's database starts from the seed again, so page addresses cached by an earlier test are retired."""
    from pages import addresses

    addresses.forget()
