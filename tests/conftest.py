"""Shared fixtures. The real seed content under content/ is loaded once per test run into the test database."""

import pytest
from django.core.management import call_command

# The real site server, assistant and action server, for the tests that need them running (tests/stack.py).
pytest_plugins = ["stack"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        call_command("load_content", verbosity=0)


@pytest.fixture
def content(db):
    """Marks a test as reading the loaded seed content (countries, situations, channels, pages)."""
    return True


@pytest.fixture(autouse=True)
def fresh_page_addresses():
    """Each test's database starts from the seed again, so page addresses cached by an earlier test are retired."""
    from pages import addresses

    addresses.forget()
