"""Cue words: the parser's vocabulary, read from the data files in ``cues/``.

Word lists become one compiled pattern each. An entry matches at word boundaries, case-
insensitively; a trailing ``*`` matches any ending. ``boilerplate.txt``, ``not_titles.txt``,
``meta.txt``, ``vague.txt`` and ``checkable.txt`` hold regular expressions instead, one per line.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from .text import LIST_MARK

CUES_DIR = Path(__file__).resolve().parent / "cues"
W = r"\w"  # a word character (Unicode: å, ä, ö and é included)
# Small words left out when judging how abstract a clause is.
FILLER = frozenset(
    "och för med som att till vårt våra vår den det ett en mer mera där vill".split()
)
# Measured on the development part: from 0.6, precision +1.1 points and recall -0.5.
ABSTRACT_SHARE = 0.25
# A value word's endings ("möjlighet|erna", "jämställ|dhet"); longer is a compound whose last
# part names a thing ("trygghets|boenden", "omsorgs|boende").
VALUE_ENDING = W + "{0,5}"
# A state promised by a year ("… ska vara fossilfritt 2030", "… klimatpositivt år 2041"): the
# modal and the year in one clause, a few words apart.
TARGET_YEAR_RE = re.compile(
    r"\b(ska|skall|måste)\s+([\w-]+,?\s+){1,8}?(år\s+|till\s+|senast\s+|innan\s+)?20[2-6]\d\b",
    re.IGNORECASE,
)
# … unless the sentence reports someone else's decision ("Riksdagen har beslutat att …").
DECIDED_RE = re.compile(r"\b(beslutat|beslutade|bestämt|bestämde)\b", re.IGNORECASE)
# A list mark in front of a line of furniture ("• / Vår politik").
LIST_MARK_RE = re.compile(rf"^{LIST_MARK}[ \t\xa0]+")


def read_entries(name: str, directory: Path = CUES_DIR) -> list[str]:
    """The entries of one cue file: stripped, comments and blank lines dropped."""
    lines = (directory / name).read_text(encoding="utf-8").splitlines()
    return [ln.split("#", 1)[0].strip() for ln in lines if ln.split("#", 1)[0].strip()]


def word_pattern(entries: list[str], ending: str = W + "*") -> str:
    """One alternation matching any entry as whole words (longest first); ``ending`` is what
    a trailing ``*`` matches."""
    parts = []
    for entry in sorted(entries, key=len, reverse=True):
        open_end = entry.endswith("*")
        core = re.escape(entry.rstrip("*")).replace(r"\ ", r"[\s\xa0]+")
        parts.append(core + (ending if open_end else ""))
    return rf"(?<!{W})(?:{'|'.join(parts)})(?!{W})"


class Cues:
    """Compiled cue patterns. ``Cues.load()`` is cached: the files are read once."""

    def __init__(self, directory: Path = CUES_DIR):
        def words(name: str) -> re.Pattern:
            return re.compile(word_pattern(read_entries(name, directory)), re.IGNORECASE)

        def regexes(name: str) -> list[re.Pattern]:
            return [re.compile(p, re.IGNORECASE) for p in read_entries(name, directory)]

        self.lead_in = words("lead_ins.txt")
        self.past = words("past.txt")
        self.subjects = words("subjects.txt")
        self.rhetoric = words("rhetoric.txt")
        # "… anser att": an opinion verb right before a clause (cues/opinion.txt)
        opinion = word_pattern(read_entries("opinion.txt", directory))
        self.opinion_end = re.compile(rf"{opinion}[\s\xa0]*$", re.IGNORECASE)
        # "Vi vill bygga ett hållbart samhälle där …": a vision, not a pledge.
        self.vision = re.compile(
            r"\b(vill|ska)\s+(bygga|skapa|ha|se|vara)\s+(ett|en)\s+([\wåäö-]+\s+){0,3}?"
            rf"(?:{word_pattern(read_entries('vision.txt', directory))}),?\s+(där|som|för|med)\b",
            re.IGNORECASE,
        )
        # "trygghet*" finds "tryggheten" but not the compound "trygghetsboenden", a thing.
        self.values = re.compile(
            word_pattern(read_entries("values.txt", directory), VALUE_ENDING), re.IGNORECASE
        )
        self.normative = words("normative.txt")
        self.boilerplate = regexes("boilerplate.txt")
        self.not_title = regexes("not_titles.txt")
        self.vague = regexes("vague.txt")
        self.meta = regexes("meta.txt")
        self.checkable = regexes("checkable.txt")
        self.statement_verb = words("statement_verbs.txt")
        # "För att …, måste …": a purpose clause fronted before the main clause.
        purpose = word_pattern(read_entries("purpose.txt", directory))
        self.purpose_start = re.compile(rf"^[\"“”«(]?{purpose}", re.IGNORECASE)
        # "… innebär att …": an att-clause that is part of an argument (cues/reasoning.txt).
        reasoning = word_pattern(read_entries("reasoning.txt", directory))
        self.reasoning = re.compile(rf"{reasoning}[\s\xa0]+att(?!{W})", re.IGNORECASE)
        commitments = word_pattern(read_entries("commitments.txt", directory))
        self.commitment_after = re.compile(r"[\s\xa0]+(?:" + commitments + ")", re.IGNORECASE)
        infinitives = read_entries("proposal_verbs.txt", directory)
        verbs = word_pattern(infinitives + read_entries("imperatives.txt", directory))
        outcome_words = read_entries("outcomes.txt", directory)
        outcomes = word_pattern(outcome_words)
        # "Inför …", "att bygga …", "Fler poliser …": a proposal opens the line or sentence.
        manner = word_pattern(read_entries("manner.txt", directory))
        self.proposal_start = re.compile(
            rf"^[\"“”«(]?(?:att[\s\xa0]+)?(?:{manner}[\s\xa0]+)?(?:" + verbs + ")", re.IGNORECASE
        )
        self.outcome_start = re.compile(r"^[\"“”«(]?(?:" + outcomes + ")", re.IGNORECASE)
        # Inside a "ska"/"måste" sentence: a change ("byggas", "införa", "fler", "30 km/h").
        weak = set(read_entries("weak.txt", directory))
        # "ska ge …", "ska ges …": a weak verb (or its passive) right after the modal.
        weak_verbs = [v for v in weak if v not in outcome_words]
        self.weak_verb = re.compile(
            word_pattern(weak_verbs + [v + "s" for v in weak_verbs if " " not in v]),
            re.IGNORECASE,
        )
        strong = [v for v in infinitives if v not in weak]
        # Passives: "byggas", and for a verb with a particle "ses över", "tas bort".
        changes = strong + [
            (v + "s") if " " not in v else v.replace(" ", "s ", 1)
            for v in strong
            if v.split()[0].endswith(("a", "e")) and not v.endswith("as")
        ]
        changes += [o for o in outcome_words if o not in weak]
        self.change = re.compile(rf"(?:{word_pattern(changes)}|\d)", re.IGNORECASE)
        # "Personaltätheten ska vara högre", "Bussarna ska bli avgiftsfria": a state named by an
        # outcome word (cues/outcomes.txt, not a weak one like "bättre") is a change to check.
        outcome_states = word_pattern([o for o in outcome_words if o not in weak])
        self.outcome_state = re.compile(
            rf"\b(?:ska|skall|måste)[\s\xa0]+(?:vara|bli)[\s\xa0]+(?:{W}+[\s\xa0]+)?(?:{outcome_states})",
            re.IGNORECASE,
        )

    @classmethod
    @cache
    def load(cls) -> Cues:
        return cls()

    def is_boilerplate(self, line: str) -> bool:
        """Is a whole line furniture (cues/boilerplate.txt), also when it carries a list mark
        ("• / Vår politik", "– Ur partiets principprogram")?"""
        s = LIST_MARK_RE.sub("", line.strip(" \t\xa0*#")).strip(" \t\xa0*#")
        return any(r.search(s) for r in self.boilerplate)

    def is_abstract(self, clause: str) -> bool:
        """Is a commitment clause mostly values ("skapa hopp och framtidstro i samhället")? A
        clause with a concrete change ("sänka skatten för alla") never is."""
        if self.change.search(clause):
            return False
        content = [
            x for x in re.findall(rf"{W}+", clause) if len(x) > 2 and x.casefold() not in FILLER
        ]
        if not content:
            return False
        abstract = sum(1 for x in content if self.values.fullmatch(x))
        return abstract / len(content) >= ABSTRACT_SHARE

    def is_checkable(self, sentence: str) -> bool:
        """Does a "ska"/"måste" sentence commit to a change one could check later ("Förskolans
        barngrupper ska minskas", "Kommunen ska ha en koldioxidbudget med årlig uppföljning"),
        rather than state a value ("Skolan ska vara trygg")?"""
        if TARGET_YEAR_RE.search(sentence) and not DECIDED_RE.search(sentence):
            return True  # "Strängnäs kommun ska vara klimatpositivt år 2041": a date to check
        if self.outcome_state.search(sentence):
            return True  # "Personaltätheten i omsorgen ska vara högre"
        if any(r.search(sentence) for r in self.vague) or self.is_abstract(sentence):
            return False
        return bool(self.change.search(sentence)) or any(r.search(sentence) for r in self.checkable)

    def is_proposal(self, text: str) -> bool:
        """Opens like a proposal: an infinitive verb ("Upphandla …") or an outcome ("Fler …")."""
        s = text.lstrip(" \t\xa0*•-–")
        return bool(self.proposal_start.match(s) or self.outcome_start.match(s))
