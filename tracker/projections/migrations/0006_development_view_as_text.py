"""Store each development view as the JSON text the fold rendered, served as it is."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("projections", "0005_drop_redundant_indexes"),
    ]

    operations = [
        migrations.AlterField(
            model_name="developmentview",
            name="view",
            field=models.TextField(),
        ),
    ]
