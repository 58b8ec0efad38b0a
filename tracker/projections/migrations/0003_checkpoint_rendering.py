"""Record the rendering version of the read models; those rendered before it count as version 1."""

from django.db import migrations, models

import tracker.projections.rows


class Migration(migrations.Migration):
    dependencies = [
        ("projections", "0002_story_actor_ids"),
    ]

    operations = [
        migrations.AddField(
            model_name="checkpoint",
            name="rendering",
            field=models.IntegerField(default=1),
        ),
        migrations.AlterField(
            model_name="checkpoint",
            name="rendering",
            field=models.IntegerField(default=tracker.projections.rows.current_rendering),
        ),
    ]
