"""What the search's migrations share (not a migration: Django skips modules named with "_")."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


def per_database(forward: dict[str, list[str]], backward: dict[str, list[str]]) -> migrations.RunPython:
    """An operation that runs, on each database (by vendor), its own statements; none elsewhere."""

    def runner(statements):
        def run(apps, schema_editor):
            for statement in statements.get(schema_editor.connection.vendor, []):
                schema_editor.execute(statement)

        return run

    return migrations.RunPython(runner(forward), runner(backward))


class PostgresTrigramExtension(TrigramExtension):
    """pg_trgm on PostgreSQL, nothing elsewhere, both ways: Django's own operation does nothing
    forwards on another database, but asks `pg_extension` about it backwards."""

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)
