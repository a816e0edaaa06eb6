"""Pledge identity across source versions, as a property: whatever editors do and however the
source is reworded, extended, cut or reordered, an import never loses an editor's words, never
takes away a published pledge's address, opens at most one source change per pledge, and
writes no history when nothing changed (hypothesis)."""

from django.db import transaction
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from pledges.building import program_fixture
from pledges.loading import LoadReport, load_program_data
from pledges.models import Pledge, SourceChange
from pledges.parsing import Lexicon, parse_program

LEXICON = Lexicon.from_fixtures()
NOUNS = "förskolor bibliotek cykelvägar parker bostäder poliser simhallar lärare".split()
PLACES = "Lund Dalby Genarp Veberöd Södra Sandby centrum".split()
VERBS = "bygga anställa rusta öppna satsa".split()

line = st.builds(
    lambda v, n, p: f"{v} fler {n} i {p}", *(st.sampled_from(x) for x in (VERBS, NOUNS, PLACES))
)
mutation = st.one_of(
    st.tuples(st.just("reword"), st.integers(0, 50), st.sampled_from(NOUNS + PLACES)),
    st.tuples(
        st.just("extend"),
        st.integers(0, 50),
        st.sampled_from(["med mera personal", "redan i år", "och på landsbygden"]),
    ),
    st.tuples(st.just("insert"), st.integers(0, 50), line),
    st.tuples(st.just("delete"), st.integers(0, 50), st.just("")),
    st.tuples(st.just("swap"), st.integers(0, 50), st.integers(0, 50)),
)


def text_of(lines):
    return "Socialdemokraterna i Lund vill:\n\n" + "".join(f"- {x}\n" for x in lines)


def load(lines):
    text = text_of(lines)
    rows = program_fixture(
        "egenskap",
        text,
        parse_program(text, LEXICON),
        party="S",
        municipality="1281",
        title="Egenskapstest",
        period_start=None,
        source_url="",
        retrieved=None,
        file_name="egenskap.txt",
    )
    load_program_data(rows, "egenskap", LoadReport())


def mutate(lines, op):
    kind, i, arg = op
    lines = list(lines)
    if kind == "insert":
        lines.insert(i % (len(lines) + 1), arg)
    elif not lines:
        return lines
    elif kind == "reword":  # one word replaced: more than a slight change for a short line
        words = lines[i % len(lines)].split()
        words[-1 if i % 2 else 2] = arg
        lines[i % len(lines)] = " ".join(words)
    elif kind == "extend":
        lines[i % len(lines)] += " " + arg
    elif kind == "delete" and len(lines) > 1:
        del lines[i % len(lines)]
    elif kind == "swap":
        a, b = i % len(lines), arg % len(lines)
        lines[a], lines[b] = lines[b], lines[a]
    return list(dict.fromkeys(lines))  # a program does not say the same line twice


def history_count():
    return Pledge.history.count() + SourceChange.objects.count()


@hypothesis_settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    lines=st.lists(line, min_size=3, max_size=7, unique=True),
    edits=st.lists(st.integers(0, 6), max_size=3, unique=True),
    published=st.lists(st.integers(0, 6), max_size=4, unique=True),
    rounds=st.lists(st.lists(mutation, min_size=1, max_size=3), min_size=1, max_size=3),
)
def test_imports_keep_editors_work_and_published_addresses(
    reference_db, lines, edits, published, rounds
):
    with transaction.atomic():
        load(lines)
        pledges = list(Pledge.objects.filter(program__slug="egenskap").order_by("order"))
        edited = {}
        for n in edits:
            if n < len(pledges):
                p = pledges[n]
                p.text, p.locked = f"Redaktörens formulering {n}", True
                p.save()
                edited[p.pk] = p.text
        shown = [pledges[n].pk for n in published if n < len(pledges)]
        Pledge.objects.filter(pk__in=shown).update(status=Pledge.Status.PUBLISHED)
        for ops in rounds:
            for op in ops:
                lines = mutate(lines, op)
            load(lines)
            kept = dict(Pledge.objects.filter(pk__in=edited).values_list("pk", "text"))
            assert kept == edited, "an editor's words were lost"
            addressable = Pledge.objects.public_or_gone().filter(pk__in=shown).count()
            assert addressable == len(shown), "a published pledge's address is gone"
            for pk in Pledge.objects.filter(program__slug="egenskap").values_list("pk", flat=True):
                assert SourceChange.objects.filter(pledge_id=pk, status="open").count() <= 1
            before = history_count()
            load(lines)  # the same source again: nothing to record
            assert history_count() == before, "history written without a change"
        transaction.set_rollback(True)
