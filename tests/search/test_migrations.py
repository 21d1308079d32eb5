"""The search's migrations go back and forth on both databases: an operator can undo a
deploy's migration, and the lexicon answers again once they are applied."""

import pytest
from django.core.management import call_command
from django.db import connection

from search.lexicon import WORD_TABLE

# Migrating runs outside a test's transaction. Serialized rollback: the database emptied after
# the test is not refilled by post_migrate (content types with new ids), and the next test that
# restores the serialized data finds none of it in its way.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def lexicon_indexes():
    with connection.cursor() as cursor:
        return {
            index
            for index, info in connection.introspection.get_constraints(cursor, WORD_TABLE).items()
            if info["index"]
        }


def test_the_search_migrations_can_be_undone_and_applied_again():
    call_command("migrate", "search", "0003", verbosity=0)
    assert WORD_TABLE not in connection.introspection.table_names()
    call_command("migrate", "search", verbosity=0)
    assert WORD_TABLE in connection.introspection.table_names()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the pattern indexes are PostgreSQL's")
def test_the_lexicon_has_one_prefix_index():
    pattern_indexes = [
        name for name in lexicon_indexes() if name.endswith("_like") or name.endswith("_prefix")
    ]
    folded = [name for name in pattern_indexes if "folded" in name or name.endswith("_prefix")]
    assert len(folded) == 1, pattern_indexes


@pytest.mark.django_db
def test_rows_loaded_as_they_are_do_not_index_before_their_pages_exist():
    """loaddata, or a test database restored after a migration test: a Site may come before
    its root page. The search of loaded data is built by `rebuild_search_documents`."""
    from django.core import serializers
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    data = serializers.serialize("json", [site])
    Site.objects.all().delete()
    site.root_page.delete()
    for loaded in serializers.deserialize("json", data):
        loaded.save()  # a raw save, its root page gone
    assert Site.objects.filter(pk=site.pk).exists()
    Site.objects.filter(pk=site.pk).delete()  # the test's transaction ends with its keys valid
