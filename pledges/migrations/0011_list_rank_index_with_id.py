# The lists' order index also serves the admin's (list_rank, -pk): built before the old one goes.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("pledges", "0010_error_report_notes_and_history"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="pledge",
            index=models.Index(fields=["list_rank", "-id"], name="pledge_list_rank_id"),
        ),
        migrations.RemoveIndex(
            model_name="pledge",
            name="pledge_list_rank",
        ),
    ]
