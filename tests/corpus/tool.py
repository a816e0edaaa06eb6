"""Corpus helper: locate quotes and check annotations (no Django, no parser).

python tests/corpus/tool.py locate texts/NAME.txt "exact quote" [N]   # offsets of the Nth hit
python tests/corpus/tool.py check [NAME ...]                           # validate annotations
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SHAPES = {
    "bullet-list",
    "numbered-list",
    "lowercase-bullets",
    "title-as-bullet",
    "lead-in-colon",
    "lead-in-no-colon",
    "lead-in-subheading",
    "lead-in-anser-att",
    "vi-lovar",
    "darfor-vill-vi-paragraphs",
    "infinitive-prose",
    "heading-pledge",
    "bold-heading-paragraph",
    "prose-vi-vill",
    "pdf-text",
    "toc",
    "page-numbers",
    "running-header",
    "hyphenation",
    "problem-statements",
    "achievements",
    "social-media-link",
    "navigation-noise",
    "wrapped-fragments",
    "local-party",
    "region",
}


def topics() -> set[str]:
    rows = json.loads((ROOT / "fixtures" / "policy_areas.json").read_text(encoding="utf-8"))
    return {r["fields"]["slug"] for r in rows if not r["fields"].get("parent")}


def read_text(name: str) -> str:
    return (HERE / "texts" / name).read_text(encoding="utf-8")


def locate(path: str, quote: str, nth: int = 1) -> None:
    text = (
        (HERE / path).read_text(encoding="utf-8")
        if not Path(path).is_absolute()
        else Path(path).read_text(encoding="utf-8")
    )
    pos = -1
    for _ in range(nth):
        pos = text.find(quote, pos + 1)
        if pos < 0:
            sys.exit(f"not found (occurrence {nth}): {quote!r}")
    print(json.dumps({"start": pos, "end": pos + len(quote), "quote": quote}, ensure_ascii=False))


def check(names: list[str]) -> int:
    valid_topics = topics()
    errors = 0
    # the annotations, and a second reader's blind ones of some texts (second/, for agreement)
    files = sorted((HERE / "annotations").glob("*.json")) + sorted((HERE / "second").glob("*.json"))
    if names:
        files = [f for f in files if f.stem in names or f.name in names]
    for f in files:
        where = f"{f.parent.name}/{f.name}"
        try:
            ann = json.loads(f.read_text(encoding="utf-8"))
            text = read_text(ann["file"])
        except (OSError, ValueError, KeyError) as exc:
            print(f"{where}: {exc}")
            errors += 1
            continue
        stated = ann.get("stated", {})
        for key in ("party", "municipality", "region", "period", "title"):
            if key not in stated:
                print(f"{where}: stated.{key} missing")
                errors += 1
        for shape in ann.get("shapes", []):
            if shape not in SHAPES:
                print(f"{where}: unknown shape {shape!r}")
                errors += 1
        for i, p in enumerate(ann.get("pledges", [])):
            s, e = p["start"], p["end"]
            if text[s:e] != p["quote"]:
                print(f"{where}: pledge {i}: text[{s}:{e}] = {text[s:e]!r} != quote {p['quote']!r}")
                errors += 1
            if p.get("topic") not in valid_topics:
                print(f"{where}: pledge {i}: unknown topic {p.get('topic')!r}")
                errors += 1
            for a, b in p.get("also", []):
                if not (0 <= a < b <= len(text)):
                    print(f"{where}: pledge {i}: bad also span {a}-{b}")
                    errors += 1
    print(f"{len(files)} annotation(s) checked, {errors} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "locate":
        locate(sys.argv[2], sys.argv[3], int(sys.argv[4]) if len(sys.argv) > 4 else 1)
    elif len(sys.argv) >= 2 and sys.argv[1] == "check":
        sys.exit(check(sys.argv[2:]))
    else:
        sys.exit(__doc__)
