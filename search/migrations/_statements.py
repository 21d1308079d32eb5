"""What the search's migrations share (not a migration: Django skips modules named with "_")."""

from django.db import migrations


def per_database(forward: dict[str, list[str]], backward: dict[str, list[str]]) -> migrations.RunPython:
    """An operation that runs, on each database (by vendor), its own statements; none elsewhere."""

    def runner(statements):
        def run(apps, schema_editor):
            for statement in statements.get(schema_editor.connection.vendor, []):
                schema_editor.execute(statement)

        return run

    return migrations.RunPython(runner(forward), runner(backward))
