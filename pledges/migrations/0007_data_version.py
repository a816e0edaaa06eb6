import django.utils.timezone
from django.db import migrations, models


def first_version(apps, schema_editor):
    apps.get_model("pledges", "DataVersion").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [
        ("pledges", "0006_topic_tree"),
    ]

    operations = [
        migrations.CreateModel(
            name="DataVersion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("number", models.PositiveBigIntegerField(default=1)),
                ("changed_at", models.DateTimeField(default=django.utils.timezone.now)),
            ],
            options={"verbose_name": "dataversion", "verbose_name_plural": "dataversion"},
        ),
        migrations.RunPython(first_version, migrations.RunPython.noop),
    ]
