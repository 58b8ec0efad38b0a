"""Store story documents uncompressed: every write rewrites one, and every read serves one."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("projections", "0003_checkpoint_rendering"),
    ]

    operations = [
        migrations.RunSQL(
            "ALTER TABLE projections_storyview ALTER COLUMN document SET STORAGE EXTERNAL",
            "ALTER TABLE projections_storyview ALTER COLUMN document SET STORAGE EXTENDED",
        ),
    ]
