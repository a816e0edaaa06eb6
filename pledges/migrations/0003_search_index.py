from django.db import migrations

# The search's document, indexed (replaced by a stored column in migration 0014).
INDEX = (
    "CREATE INDEX IF NOT EXISTS pledge_search_swedish ON pledges_pledge USING GIN "
    "(to_tsvector('swedish'::regconfig, COALESCE(text, '') || ' ' || COALESCE(details, '')))"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(INDEX)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS pledge_search_swedish")


class Migration(migrations.Migration):
    dependencies = [("pledges", "0002_similarity")]

    operations = [migrations.RunPython(create, drop)]
