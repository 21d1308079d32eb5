"""`rebuild_search_documents`: a new index built beside the live one, swapped in at the end."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from wagtail.models import PageViewRestriction

from search.engines import engine
from search.models import SearchDocument

pytestmark = pytest.mark.django_db


def found(client, query="école"):
    return [page.title for page in client.get("/recherche/", {"q": query}).context["results"].results]


def rebuild():
    output = io.StringIO()
    call_command("rebuild_search_documents", stdout=output)
    return output.getvalue()


def test_searches_keep_every_result_while_the_new_index_is_written(client, corpus, monkeypatch):
    before = found(client)
    during = []
    write = type(engine()).write

    def write_and_search(self, texts):
        write(self, texts)
        during.append(found(client))

    monkeypatch.setattr(type(engine()), "write", write_and_search)
    assert rebuild().startswith("10 pages indexées")
    assert during and all(titles == before for titles in during)
    assert found(client) == before


def test_a_page_made_private_during_the_rebuild_does_not_come_back(client, corpus, monkeypatch):
    engine_class = type(engine())
    finish = engine_class.finish

    def finish_then_restrict(self):
        finish(self)  # the new index is complete: the page is in it
        PageViewRestriction.objects.create(page=corpus["n1"], restriction_type=PageViewRestriction.LOGIN)

    monkeypatch.setattr(engine_class, "finish", finish_then_restrict)
    assert rebuild().startswith("9 pages indexées")
    assert "Rentrée des écoles" not in found(client)
    assert not SearchDocument.objects.filter(page=corpus["n1"]).exists()


def test_a_page_published_during_the_rebuild_is_in_the_new_index(client, home_page, corpus, monkeypatch):
    engine_class = type(engine())
    finish = engine_class.finish

    def finish_then_edit(self):
        finish(self)
        page = corpus["p2"]
        page.title = "Mentions légales de l’école"
        page.save_revision().publish()

    monkeypatch.setattr(engine_class, "finish", finish_then_edit)
    rebuild()
    assert "Mentions légales de l’école" in found(client)
    assert SearchDocument.objects.count() == 10


def test_a_failed_rebuild_leaves_the_live_index_and_no_staging_table(client, corpus, monkeypatch):
    before = found(client)

    def fail(self):
        raise RuntimeError("interrompu")

    monkeypatch.setattr(type(engine()), "finish", fail)
    with pytest.raises(RuntimeError):
        rebuild()
    assert found(client) == before
    assert not [name for name in connection.introspection.table_names() if name.endswith("_new")]


@pytest.mark.postgres
def test_the_swapped_tables_keep_their_indexes_constraints_and_statistics(postgres_only, corpus):
    def schema():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT tablename, indexname FROM pg_indexes WHERE tablename LIKE 'search\\_%%' ORDER BY 2"
            )
            indexes = cursor.fetchall()
            cursor.execute(
                "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
                "WHERE conrelid::regclass::text LIKE 'search\\_%%' ORDER BY 2"
            )
            constraints = cursor.fetchall()
            cursor.execute(
                "SELECT attrelid::regclass::text, attname, attstattarget, attstorage FROM pg_attribute "
                "WHERE attrelid::regclass::text LIKE 'search\\_%%' AND attnum > 0 ORDER BY 1, 2"
            )
            return indexes, constraints, cursor.fetchall()

    before = schema()
    rebuild()
    assert schema() == before
