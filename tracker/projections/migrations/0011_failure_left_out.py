"""Mark the actor failures whose event the directory left out: their stops seed every fold."""

from django.db import migrations, models


class Migration(migrations.Migration):
    """Add `left_out` to the projection's failures."""

    dependencies = [
        ("projections", "0010_story_body"),
    ]

    operations = [
        migrations.AddField(
            model_name="projectionfailure",
            name="left_out",
            field=models.BooleanField(default=False),
        ),
    ]
