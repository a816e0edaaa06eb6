"""The parser corpus is consistent, and the evaluation measures what it says."""

import csv
import json
from collections import Counter

from pledges.parsing.evaluation import CorpusText, agreement, overlaps, score_text, totals
from pledges.parsing.parser import ParsedPledge, ParsedProgram
from tests.corpus.tool import HERE, check


def test_every_annotation_is_valid():
    assert check([]) == 0


def test_manifest_split_and_files():
    with open(HERE / "manifest.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    files = {r["file"] for r in rows}
    assert len(rows) >= 50 and len(files) == len(rows)
    assert files == {p.name for p in (HERE / "texts").glob("*.txt")}
    assert {p.stem for p in (HERE / "annotations").glob("*.json")} == {
        f.removesuffix(".txt") for f in files
    }
    split = Counter(r["split"] for r in rows)
    assert set(split) == {"dev", "test"}
    assert abs(split["dev"] - 2 * split["test"]) <= 2  # two thirds to develop on
    riksdag = {"S", "M", "SD", "C", "V", "KD", "L", "MP"}
    assert riksdag <= {r["party"] for r in rows}
    assert len({r["party"] for r in rows} - riksdag) >= 3  # local parties
    assert len({r["municipality"] for r in rows if r["municipality"]}) >= 20
    assert len({r["region"] for r in rows if r["region"]}) >= 2


def test_overlap_needs_half_of_the_shorter_span():
    assert overlaps((0, 10), (5, 20))
    assert not overlaps((0, 10), (8, 30))
    assert not overlaps((0, 10), (10, 20))


def test_score_counts_matches_misses_and_false_finds(lexicon):
    text = "Vi vill bygga en simhall. Vi vill sänka skatten. Trygghet är viktigt."
    item = CorpusText(
        "x.txt",
        "dev",
        text,
        {
            "stated": {
                "party": None,
                "municipality": None,
                "region": None,
                "period": None,
                "title": None,
            },
            "pledges": [
                {"start": 0, "end": 25, "quote": text[0:25], "topic": "idrott-fritid"},
                {"start": 26, "end": 48, "quote": text[26:48], "topic": "skatt-ekonomi"},
            ],
        },
        {},
    )
    found = [
        ParsedPledge(text[0:25], "stated", 0, 25, primary_area="idrott-fritid"),
        ParsedPledge(text[49:70], "stated", 49, 70, primary_area="trygghet"),
        ParsedPledge(text[26:48], "normative", 26, 48, primary_area="skatt-ekonomi"),
    ]
    parsed = ParsedProgram(None, None, None, None, None, None, found)
    score = score_text(item, parsed, lexicon)
    assert (score.annotated, score.found, score.recalled, score.correct) == (2, 2, 1, 1)
    assert score.recalled_with_candidates == 2 and score.candidates == 1
    assert score.topic_right == 1 and score.misses == [text[26:48]]
    total, meta = totals([score])
    assert total.recall == 0.5 and total.precision == 0.5
    assert meta[("party", "right")] == 1
    assert json.dumps(score.metadata)


def test_a_second_reader_is_scored_against_the_first_as_the_parser_is(lexicon, tmp_path):
    text = "Vi vill bygga en simhall i Gnesta. Vi vill sänka skatten. Trygghet är viktigt."
    stated = {"party": "C", "municipality": "Gnesta", "region": None, "period": None}
    first = {
        "stated": {**stated, "title": None},
        "pledges": [
            {"start": 0, "end": 34, "quote": text[0:34], "topic": "idrott-fritid"},
            {"start": 35, "end": 57, "quote": text[35:57], "topic": "skatt-ekonomi"},
        ],
    }
    second = {
        "file": "gnesta.txt",
        "stated": {**stated, "title": "Vår politik"},
        "pledges": [  # found the first, not the second, and a third the first reader skipped
            {"start": 0, "end": 34, "quote": text[0:34], "topic": "kultur"},
            {"start": 58, "end": 78, "quote": text[58:78], "topic": "trygghet"},
        ],
    }
    (tmp_path / "gnesta.json").write_text(json.dumps(second), "utf-8")
    corpus = [
        CorpusText("gnesta.txt", "test", text, first, {}),
        CorpusText("other.txt", "test", text, first, {}),  # read once: left out
    ]
    readers, parser = agreement(corpus, tmp_path, lexicon)["test"]
    assert len(readers) == len(parser) == 1
    (reader,) = readers
    assert (reader.annotated, reader.found, reader.recalled, reader.correct) == (2, 2, 1, 1)
    assert reader.topic_right == 0  # the same pledge under another topic
    assert reader.metadata == {
        "party": "right",
        "place": "right",
        "period": "right",
        "title": "wrong",
    }
    assert parser[0].annotated == 2  # the parser on the same text, for comparison
