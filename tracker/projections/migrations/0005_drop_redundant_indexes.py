"""Drop the indexes a primary key or another index covers; index status without LIKE support."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("projections", "0004_document_uncompressed"),
    ]

    operations = [
        migrations.AlterField(
            model_name="actorname",
            name="actor_id",
            field=models.UUIDField(),
        ),
        migrations.AlterField(
            model_name="developmentview",
            name="story_id",
            field=models.UUIDField(),
        ),
        migrations.AlterField(
            model_name="figurepoint",
            name="story_id",
            field=models.UUIDField(),
        ),
        migrations.AlterField(
            model_name="involvement",
            name="story_id",
            field=models.UUIDField(),
        ),
        migrations.AlterField(
            model_name="sourceview",
            name="story_id",
            field=models.UUIDField(),
        ),
        migrations.AlterField(
            model_name="storyview",
            name="status",
            field=models.CharField(max_length=32),
        ),
        migrations.AddIndex(
            model_name="storyview",
            index=models.Index(fields=["status"], name="storyview_status"),
        ),
    ]
