"""parse_program, build_fixtures and load_data, including what bad input does to them."""

import json
import shutil
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from pledges.models import Pledge, Program


def run(*args, **kwargs):
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err, **kwargs)
    return out.getvalue(), err.getvalue()


# --- parse_program -------------------------------------------------------------------------


def test_parse_program_json_is_one_object_with_the_documented_shape():
    out, _ = run(
        "parse_program",
        str(settings.PROGRAMS_DIR / "orebro-moderaterna-sociala-insatser.txt"),
        "--json",
    )
    result = json.loads(out)
    assert set(result) == {
        "format",
        "pages",
        "party",
        "municipality",
        "region",
        "period",
        "title",
        "pledges",
    }
    assert result["format"] == "text" and result["pages"] is None
    assert result["party"] == "Moderaterna" and result["municipality"] == "Örebro"
    assert result["period"] is None
    pledge = result["pledges"][0]
    assert set(pledge) == {
        "text",
        "quote",
        "page",
        "details",
        "kind",
        "start",
        "end",
        "section",
        "areas",
        "primary_area",
        "confidence",
    }
    assert pledge["primary_area"] == pledge["areas"][0]


def test_parse_program_table_names_what_the_text_does_not_state():
    out, _ = run("parse_program", str(settings.PROGRAMS_DIR / "huddinge-sociala-fragor.txt"))
    assert "Parti:    anges inte i texten" in out
    assert "Kommun:   Huddinge" in out


def test_parse_program_writes_nothing(db):
    run("parse_program", str(settings.PROGRAMS_DIR / "huddinge-sociala-fragor.txt"))
    assert Program.objects.count() == 0


@pytest.mark.parametrize("content", [b"", b"\x00\x01binary", b"caf\xe9\n"])
def test_parse_program_bad_file_is_a_command_error(tmp_path, content):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    with pytest.raises(CommandError, match=r"bad\.txt"):
        run("parse_program", str(bad))


# --- build_fixtures ------------------------------------------------------------------------


@pytest.fixture
def programs_copy(tmp_path):
    """A writable copy of fixtures/programs/ and an output folder."""
    src = tmp_path / "programs"
    shutil.copytree(settings.PROGRAMS_DIR, src)
    return src, tmp_path / "parsed"


def test_build_is_byte_identical_on_rerun(programs_copy):
    src, out = programs_copy
    run("build_fixtures", manifest=src / "manifest.csv", out=out)
    first = {p.name: p.read_bytes() for p in out.glob("*.json")}
    stdout, _ = run("build_fixtures", manifest=src / "manifest.csv", out=out)
    assert "0 skrivna, 5 oförändrade" in stdout
    assert {p.name: p.read_bytes() for p in out.glob("*.json")} == first
    assert len(first) == 5


def test_committed_fixtures_are_up_to_date():
    stdout, _ = run("build_fixtures", check=True)
    assert "stämmer" in stdout


def test_build_reports_disagreement_with_manifest(programs_copy):
    src, out = programs_copy
    _, err = run("build_fixtures", manifest=src / "manifest.csv", out=out)
    assert (
        "huddinge-sociala-fragor.txt: parti: texten anger inget, manifestet Miljöpartiet de gröna"
        in err
    )
    fixture = json.loads((out / "huddinge-sociala-fragor.json").read_text())
    assert fixture[0]["fields"]["party"] == ["MP"]  # the manifest wins


BAD_MANIFESTS = [
    ("file,party\n", 1, "rubrikrad"),
    (
        "file,party,municipality,title,period,source_url,retrieved\nnope.txt,M,1880,T,,,\n",
        2,
        "finns inte",
    ),
    (
        "file,party,municipality,title,period,source_url,retrieved\nprog.txt,XX,1880,T,,,\n",
        2,
        "okänt parti",
    ),
    (
        "file,party,municipality,title,period,source_url,retrieved\nprog.txt,M,9999,T,,,\n",
        2,
        "okänd kommun",
    ),
    (
        "file,party,municipality,title,period,source_url,retrieved\nprog.txt,M,1880,T,2022-2025,,\n",
        2,
        "mandatperiod",
    ),
    (
        "file,party,municipality,title,period,source_url,retrieved\nprog.txt,M,1880,T,,ftp://x,\n",
        2,
        "källadress",
    ),
    (
        "file,party,municipality,title,period,source_url,retrieved\nprog.txt,M,1880,T,,,igår\n",
        2,
        "datum",
    ),
    ("file,party,municipality,title,period,source_url,retrieved\nprog.txt,M,1880\n", 2, "fält"),
    (
        "file,party,municipality,title,period,source_url,retrieved\n../x.txt,M,1880,T,,,\n",
        2,
        "filnamn",
    ),
]


@pytest.mark.parametrize("manifest, line, words", BAD_MANIFESTS)
def test_bad_manifest_names_file_and_line_and_writes_nothing(tmp_path, manifest, line, words):
    (tmp_path / "prog.txt").write_text("Rubrik\n\nModeraterna vill:\n- sänka skatten\n", "utf-8")
    (tmp_path / "manifest.csv").write_text(manifest, "utf-8")
    out = tmp_path / "parsed"
    with pytest.raises(CommandError) as exc:
        run("build_fixtures", manifest=tmp_path / "manifest.csv", out=out)
    assert f"manifest.csv:{line}:" in str(exc.value)
    assert words in str(exc.value)
    assert not out.exists()


@pytest.mark.parametrize(
    "content, words",
    [
        (b"", "tom"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binär"),
        (b"Rubrik\n\nBara text h\xe4r.\n", "UTF-8"),
        ("Rubrik\n\nEn vanlig mening utan löften.\n".encode(), "inga löften"),
    ],
)
def test_bad_program_file_fails_the_whole_build(programs_copy, content, words):
    src, out = programs_copy
    run("build_fixtures", manifest=src / "manifest.csv", out=out)
    before = {p.name: p.read_bytes() for p in out.glob("*.json")}
    (src / "huddinge-sociala-fragor.txt").write_bytes(content)
    with pytest.raises(CommandError) as exc:
        run("build_fixtures", manifest=src / "manifest.csv", out=out)
    assert "huddinge-sociala-fragor.txt" in str(exc.value) and words in str(exc.value)
    assert {p.name: p.read_bytes() for p in out.glob("*.json")} == before


# --- load_data -----------------------------------------------------------------------------


def db_state():
    return sorted(
        Pledge.objects.values_list(
            "program__slug",
            "key",
            "text",
            "start",
            "end",
            "status",
            "in_source",
            "primary_area__slug",
        )
    )


def test_load_twice_gives_the_same_database(db):
    out1, _ = run("load_data")
    state = db_state()
    out2, _ = run("load_data")
    assert "löften skapade" in out1 and "löften skapade" not in out2
    assert "löften oförändrade" in out2
    assert db_state() == state
    assert Program.objects.count() == 5
    assert len(state) == sum(
        len(json.loads(p.read_text())) - 1
        for p in (settings.FIXTURES_DIR / "parsed").glob("*.json")
    )


def test_dry_run_saves_nothing(db):
    out, _ = run("load_data", dry_run=True)
    assert "Torrkörning" in out
    assert Program.objects.count() == 0


def _edit(change):
    def mutate(text):
        data = json.loads(text)
        change(data)
        return json.dumps(data, ensure_ascii=False)

    return mutate


def _set(index, field, value):
    return _edit(lambda data: data[index]["fields"].__setitem__(field, value))


@pytest.mark.parametrize(
    "mutate, words",
    [
        (lambda text: "[{ not json", "ogiltig JSON"),
        (_set(1, "primary_area", ["finns-inte"]), "okänt politikområde"),
        (_set(0, "party", ["ZZ"]), "okänt parti"),
        (_set(0, "original_text", "Ändrad text"), "kontrollsumman"),
        (_set(1, "end", 10**6), "utanför texten"),
        (_edit(lambda data: data[1]["fields"].pop("kind")), "saknar kind"),
    ],
)
def test_bad_fixture_leaves_database_exactly_as_it_was(db, tmp_path, mutate, words):
    run("load_data")
    state = db_state()
    parsed = settings.FIXTURES_DIR / "parsed"
    copies = []
    for path in sorted(parsed.glob("*.json")):
        copy = tmp_path / path.name
        copy.write_text(path.read_text("utf-8"), "utf-8")
        copies.append(copy)
    bad = tmp_path / "orebro-moderaterna-sociala-insatser.json"
    bad.write_text(mutate(bad.read_text("utf-8")), "utf-8")
    # the good files come first: their changes must be rolled back too
    Pledge.objects.update(status="reviewed")
    state = db_state()
    with pytest.raises(CommandError) as exc:
        run("load_data", *[str(c) for c in sorted(copies, key=lambda p: p == bad)])
    assert words in str(exc.value) and "orebro-moderaterna-sociala-insatser.json" in str(exc.value)
    assert db_state() == state


def test_missing_fixture_file(db, tmp_path):
    with pytest.raises(CommandError, match="finns inte"):
        run("load_data", str(tmp_path / "nope.json"))
    assert Program.objects.count() == 0


def test_reference_data_editors_own_parties_and_areas(db, editor):
    from pledges.models import PolicyArea

    run("load_data")
    edited = PolicyArea.objects.get(slug="vald")
    edited.name = "Våld i nära relationer"
    edited._history_user = editor  # as the admin records it
    edited.save()
    # a change without an editor (an old import, a script) is not an editor's version
    PolicyArea.objects.filter(slug="missbruk").update(name="Missbruk")
    run("load_data")
    assert PolicyArea.objects.get(slug="vald").name == "Våld i nära relationer"
    assert PolicyArea.objects.get(slug="missbruk").name == "Missbruk och beroende"


def test_evaluate_parser_on_the_corpus_reports_both_parts(tmp_path):
    out, _ = run(
        "evaluate_parser",
        "--corpus",
        "--repeat",
        "1",
        "--agreement",
        "--json",
        str(tmp_path / "b.json"),
    )
    assert "== dev (" in out and "== test (" in out
    assert "Totalt test: täckning" in out and "program per sekund" in out
    figures = json.loads((tmp_path / "b.json").read_text("utf-8"))
    for part in ("dev", "test"):
        assert figures[part]["texts"] > 0
        assert 0 <= figures[part]["precision"] <= 1 and 0 <= figures[part]["recall"] <= 1
    assert figures["speed"]["programs_per_second"] > 0
    # a second reader's blind annotations of some texts (tests/corpus/second/), beside the parser
    assert "Andra läsaren mot den första" in out
    for part in ("dev", "test"):
        second, parser = (figures["agreement"][part][k] for k in ("second_reader", "parser"))
        assert second["texts"] == parser["texts"] > 0
        assert second["annotated"] == parser["annotated"]


def test_evaluate_parser_bad_corpus_is_one_line(tmp_path):
    with pytest.raises(CommandError, match="korpusen kan inte läsas"):
        run("evaluate_parser", "--corpus", str(tmp_path))
    (tmp_path / "manifest.csv").write_text("file,split\nx.txt,dev\n", "utf-8")
    with pytest.raises(CommandError, match="korpusen kan inte läsas"):
        run("evaluate_parser", "--corpus", str(tmp_path))


def test_evaluate_parser_agreement_without_second_readings_is_one_line(tmp_path):
    with pytest.raises(CommandError, match="inga andra annoteringar"):
        run("evaluate_parser", "--corpus", "--repeat", "1", "--agreement", str(tmp_path))
    (tmp_path / "ale-m-samhallsbyggnad.json").write_text("{", "utf-8")
    with pytest.raises(CommandError, match="den andra läsarens annoteringar"):
        run("evaluate_parser", "--corpus", "--repeat", "1", "--agreement", str(tmp_path))
    with pytest.raises(CommandError, match="lägg till --corpus"):
        run("evaluate_parser", "--agreement")
