"""Colour arithmetic for party chips, after WCAG 2.2: relative luminance, contrast ratio, and
the text colour (near-black or white) that reads best on a party's colour. Plain Python, no
database: the party stylesheet (``parties.views.party_colours``) and the tests use the same
functions."""

from __future__ import annotations

# The two inks a chip may use. Pure black, not the site's near-black text colour: only with
# black and white does every possible background reach 4.5:1 with one of them (the worst case,
# a mid-tone such as #AF649B, gives 4.58 with black); near-black leaves Centerpartiet's green
# at 4.49. Both are checked against every party colour by the tests.
DARK_INK = "#000000"
LIGHT_INK = "#ffffff"
# WCAG 2.2 AA for normal text (success criterion 1.4.3).
MINIMUM_CONTRAST = 4.5


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """The relative luminance of ``#RRGGBB`` (0 for black, 1 for white)."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(first: str, second: str) -> float:
    """The contrast ratio of two ``#RRGGBB`` colours, from 1 (the same) to 21."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def ink_for(background: str) -> str:
    """The chip text colour for a party colour: whichever of the two inks contrasts more.
    For any colour, the better of near-black and white reaches at least 4.5:1."""
    return max((DARK_INK, LIGHT_INK), key=lambda ink: contrast(background, ink))
