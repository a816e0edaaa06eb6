"""Data: policy areas become a tree of 20 CAP-style topics; existing pledges get their quote.

* creates the top-level topics a database does not have yet (name, English name, CAP code,
  order; descriptions and stems follow with the next load_data, which updates areas no editor
  has changed);
* puts the social areas under their topic, renames boende → hemloshet and halsa →
  psykisk-halsa and keeps the old addresses as aliases (/omraden/boende/ redirects);
* re-points each pledge whose primary area is a sub-area to that sub-area's topic (the topic is
  added to its areas; the sub-area stays one of them);
* fills Pledge.quote with the pledge's source span, white space normalised (until now the text
  was the quote).
"""

from django.db import migrations

# slug: (CAP major topic, Swedish name, English name, order)
TOPICS = {
    "forskola": (6, "Förskola", "Preschool", 10),
    "grundskola": (6, "Grundskola och fritidshem", "Compulsory school and after-school care", 20),
    "gymnasium-vuxenutbildning": (
        6,
        "Gymnasium och vuxenutbildning",
        "Upper secondary and adult education",
        30,
    ),
    "aldreomsorg": (13, "Äldreomsorg", "Care of the elderly", 40),
    "funktionsnedsattning": (13, "Funktionsnedsättning", "Disability", 50),
    "socialtjanst": (
        13,
        "Socialtjänst och försörjningsstöd",
        "Social services and income support",
        60,
    ),
    "halso-och-sjukvard": (3, "Hälso- och sjukvård", "Health care", 70),
    "trygghet": (12, "Trygghet och brottsförebyggande", "Safety and crime prevention", 80),
    "bostader-stadsbyggnad": (14, "Bostäder och stadsbyggnad", "Housing and urban development", 90),
    "trafik": (10, "Trafik och kollektivtrafik", "Transport and public transport", 100),
    "miljo-klimat": (7, "Miljö och klimat", "Environment and climate", 110),
    "energi": (8, "Energi", "Energy", 120),
    "kultur": (23, "Kultur", "Culture", 130),
    "idrott-fritid": (23, "Idrott och fritid", "Sport and leisure", 140),
    "naringsliv-jobb": (15, "Näringsliv och jobb", "Business and jobs", 150),
    "integration": (9, "Integration", "Integration", 160),
    "landsbygd": (4, "Landsbygd", "Rural areas", 170),
    "skatt-ekonomi": (1, "Skatt och kommunens ekonomi", "Taxes and municipal finances", 180),
    "demokrati-forvaltning": (
        20,
        "Demokrati och förvaltning",
        "Democracy and public administration",
        190,
    ),
    "ovrigt": (None, "Övrigt", "Other", 999),
}
# old slug: (new slug, topic, English name)
SUB_AREAS = {
    "personal": ("personal", "socialtjanst", "Social services staff"),
    "organisation": (
        "organisation",
        "socialtjanst",
        "Organisation and follow-up of social services",
    ),
    "barn-och-unga": ("barn-och-unga", "socialtjanst", "Children and young people at risk"),
    "vald": ("vald", "socialtjanst", "Domestic and honour-related violence"),
    "missbruk": ("missbruk", "socialtjanst", "Substance abuse and addiction"),
    "ekonomiskt-bistand": (
        "ekonomiskt-bistand",
        "socialtjanst",
        "Income support and routes to work",
    ),
    "boende": ("hemloshet", "socialtjanst", "Homelessness"),
    "civilsamhalle": ("civilsamhalle", "socialtjanst", "Civil society, choice and providers"),
    "halsa": ("psykisk-halsa", "halso-och-sjukvard", "Mental health"),
    "nyanlanda": ("nyanlanda", "integration", "Refugees and new arrivals"),
}


def forward(apps, schema_editor):
    PolicyArea = apps.get_model("pledges", "PolicyArea")
    PolicyAreaAlias = apps.get_model("pledges", "PolicyAreaAlias")
    Pledge = apps.get_model("pledges", "Pledge")
    Through = Pledge.areas.through

    if PolicyArea.objects.exists():  # a fresh database gets everything from load_data
        taken = set(PolicyArea.objects.values_list("name", flat=True))
        for slug, (cap, name, name_en, order) in TOPICS.items():
            area = PolicyArea.objects.filter(slug=slug).first()
            if area is None:
                area = PolicyArea(slug=slug, name=name if name not in taken else f"{name} (CAP)")
                area.order = order
                taken.add(area.name)
            area.cap_code, area.parent = cap, None
            area.name_en = area.name_en or name_en
            area.save()

        topics = {a.slug: a for a in PolicyArea.objects.filter(slug__in=TOPICS)}
        for old, (new, topic_slug, name_en) in SUB_AREAS.items():
            area = PolicyArea.objects.filter(slug=old).first()
            if area is None:
                continue
            topic = topics[topic_slug]
            if new != old and not PolicyArea.objects.filter(slug=new).exists():
                area.slug = new
                PolicyAreaAlias.objects.get_or_create(slug=old, defaults={"area": area})
            area.parent, area.cap_code = topic, topic.cap_code
            area.name_en = area.name_en or name_en
            area.save()

        # The primary area is a topic: a pledge filed under a sub-area moves to its topic.
        for area in PolicyArea.objects.filter(parent__isnull=False):
            moved = list(Pledge.objects.filter(primary_area=area).values_list("pk", flat=True))
            if not moved:
                continue
            Pledge.objects.filter(pk__in=moved).update(primary_area=area.parent_id)
            have = set(
                Through.objects.filter(
                    pledge_id__in=moved, policyarea_id=area.parent_id
                ).values_list("pledge_id", flat=True)
            )
            Through.objects.bulk_create(
                Through(pledge_id=pk, policyarea_id=area.parent_id)
                for pk in moved
                if pk not in have
            )

    # Until now a pledge's text was its quote: keep the source's words apart from the display.
    for pledge in Pledge.objects.filter(quote="").select_related("program").iterator():
        span = pledge.program.original_text[pledge.start : pledge.end]
        pledge.quote = " ".join(span.split())
        pledge.save(update_fields=["quote"])


class Migration(migrations.Migration):
    dependencies = [("pledges", "0005_topics_regions_quotes")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
