"""Actor search by near spellings: each spelling's Latin key, and pg_trgm where the server has it.

CREATE EXTENSION pg_trgm needs the database's owner (migrate_all runs as the owner; pg_trgm is a
trusted extension, so an owner that is not a superuser may create it). The application's role
only calls its functions and operators, which every role may. A server without the extension
(the embedded one ships none) gets no trigram indexes: actor search then matches substrings of
the names and of their Latin keys, without ranking by similarity.
"""

from typing import Any

from django.db import migrations, models

INDEXES = {
    "actorname_trgm": "normalized",
    "actorname_latin_trgm": "latin",
}


def fill_latin(apps: Any, schema_editor: Any) -> None:
    """Give the spellings already projected their Latin key (new rows get it when written)."""
    from tracker.domain.transliteration import latin_key

    table = apps.get_model("projections", "ActorName")._meta.db_table
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"SELECT DISTINCT normalized FROM {table}")
        keys = [(latin_key(normal), normal) for (normal,) in cursor.fetchall()]
        cursor.executemany(f"UPDATE {table} SET latin = %s WHERE normalized = %s", keys)


def add_trigrams(apps: Any, schema_editor: Any) -> None:
    """Create pg_trgm and the trigram indexes of both spellings, if the server has pg_trgm."""
    table = apps.get_model("projections", "ActorName")._meta.db_table
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm'")
        if cursor.fetchone() is None:
            return
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for name, column in INDEXES.items():
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({column} gin_trgm_ops)"
            )


def drop_trigrams(apps: Any, schema_editor: Any) -> None:
    """Drop the trigram indexes (the extension stays: other objects may use it)."""
    with schema_editor.connection.cursor() as cursor:
        for name in INDEXES:
            cursor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("projections", "0008_story_snapshots"),
    ]

    operations = [
        migrations.AddField(
            model_name="actorname",
            name="latin",
            field=models.TextField(default=""),
        ),
        migrations.RunPython(fill_latin, migrations.RunPython.noop),
        migrations.RunPython(add_trigrams, drop_trigrams),
    ]
