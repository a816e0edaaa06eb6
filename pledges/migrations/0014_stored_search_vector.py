"""PostgreSQL: each pledge's search document stored (a generated column) and indexed, so that
ranking a search reads it instead of building it again for every match (pledges/search.py).
The expression index it replaces goes. SQLite searches by stems and needs neither."""

from django.db import migrations

# What migration 0003 indexed: a pledge's text and details, in the 'swedish' configuration.
DOCUMENT = "to_tsvector('swedish'::regconfig, COALESCE(text, '') || ' ' || COALESCE(details, ''))"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "ALTER TABLE pledges_pledge ADD COLUMN IF NOT EXISTS search_vector tsvector "
        f"GENERATED ALWAYS AS ({DOCUMENT}) STORED"
    )
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS pledge_search_vector ON pledges_pledge "
        "USING GIN (search_vector)"
    )
    schema_editor.execute("DROP INDEX IF EXISTS pledge_search_swedish")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS pledge_search_swedish ON pledges_pledge USING GIN ({DOCUMENT})"
    )
    schema_editor.execute("ALTER TABLE pledges_pledge DROP COLUMN IF EXISTS search_vector")


class Migration(migrations.Migration):
    dependencies = [("pledges", "0013_program_latest_index")]

    operations = [migrations.RunPython(forwards, backwards)]
