"""Keep each story's document also as the JSON text the API sends, stored uncompressed.

The story read then returns stored bytes: printing the `jsonb` document as text on every
read cost PostgreSQL more than the rest of the read. Rows rendered before have none (null,
the read prints their `document` then): the rendering version rises with this change, so
`migrate_all` rebuilds them.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("projections", "0009_actor_name_trigrams"),
    ]

    operations = [
        migrations.AddField(
            model_name="storyview",
            name="body",
            field=models.TextField(null=True),
        ),
        migrations.RunSQL(
            "ALTER TABLE projections_storyview ALTER COLUMN body SET STORAGE EXTERNAL",
            migrations.RunSQL.noop,
        ),
    ]
