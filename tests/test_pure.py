"""Pure pieces, without a database: similarity of texts, and the HTML of source texts."""

from pledges.rendering import marked_program, paragraph_around, quote_in_paragraph
from pledges.similarity import Doc, similar_pairs

SHELTER, SCHOOL = frozenset({"skyddat-boende"}), frozenset({"grundskola"})


def docs():
    return [
        Doc(1, "A", "Skyddat boende för män", "", SHELTER),
        Doc(2, "B", "Fler skyddade boenden för våldsutsatta män", "", SHELTER),
        Doc(3, "A", "Skyddat boende för kvinnor", "", SHELTER),  # same program as 1
        Doc(4, "C", "Skyddat boende för män", "", SCHOOL),  # alike, but another topic
        Doc(5, "D", "Sänk skatten med 50 öre", "", SHELTER),
    ] + [  # the rest of a program's pledges, so that word weights are as in real use
        Doc(10 + i, "E", text, "", SCHOOL)
        for i, text in enumerate(
            [
                "Mindre klasser i grundskolan",
                "Fler lärare i förskolan",
                "Bygg ut cykelvägarna",
                "Gratis kollektivtrafik för pensionärer",
                "Fler poliser i centrum",
                "Rusta upp idrottshallarna",
            ]
        )
    ]


def test_alike_pledges_of_other_programs_on_one_topic_are_linked():
    links = similar_pairs(docs())
    assert [other for other, _ in links[1]] == [2]
    assert links[2][0][0] in (1, 3)
    assert 4 not in dict(links.get(1, [])) and 3 not in dict(links.get(1, []))
    assert 5 not in links  # nothing alike
    assert all(0 < score <= 1 for found in links.values() for _, score in found)


def test_a_quote_is_shown_in_its_paragraph_escaped():
    text = "Rubrik\n\nVi vill <b>bygga</b> fler förskolor. Och mer.\n\nNästa stycke"
    start = text.index("<b>")
    end = text.index("förskolor") + len("förskolor")
    assert paragraph_around(text, start, end) == (8, text.index("\n\nNästa"))
    html = quote_in_paragraph(text, start, end)
    assert html == "Vi vill <mark>&lt;b&gt;bygga&lt;/b&gt; fler förskolor</mark>. Och mer."


def test_a_program_has_its_pledges_marked_and_overlaps_left_out():
    text = "Vi vill: bygga skolor & vägar"
    html = marked_program(text, [(9, 21, "/l/1/", "Skolor", False), (15, 29, "/l/2/", "X", True)])
    assert html == (
        'Vi vill: <a class="hl" href="/l/1/" title="Skolor"><mark>bygga skolor</mark></a>'
        " &amp; vägar"
    )


def test_in_a_large_block_what_most_pledges_share_is_left_out():
    from pledges import similarity

    common = [
        Doc(i, i, f"Bygga fler förskolor i kommunen nummer{i}", "", SCHOOL) for i in range(300)
    ]
    # every pledge shares "bygg", "fler", "förskol", "kommun": in a block of 300 they say little
    assert similar_pairs(common) == {}
    pair = [
        Doc(1000, "X", "Sänkt taxa i fritidshemmen", "", SCHOOL),
        Doc(1001, "Y", "Sänkt taxa för fritidshemmen", "", SCHOOL),
    ]
    assert [o for o, _ in similar_pairs(common + pair)[1000]] == [1001]
    assert similarity.COMMON_MIN_DOCS < 300
