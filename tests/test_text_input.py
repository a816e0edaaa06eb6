"""Bad program files: a one-line message naming the file and line, never a traceback."""

import pytest

from pledges.parsing import ProgramTextError, decode_program, read_program


@pytest.mark.parametrize(
    "data, line, words",
    [
        (b"", None, "tom"),
        (b"  \n\n \t", None, "tom"),
        (b"Rubrik\n\nText \xff\xfe h\xe4r\n", 3, "UTF-8"),
        (b"Rubrik\nmer\n\x00\x01\x02binary", 3, "binär"),
        (b"Rubrik\n\x1b[31mterminal\n", 2, "styrtecken"),
    ],
)
def test_bad_bytes_are_refused_with_place(data, line, words):
    with pytest.raises(ProgramTextError) as exc:
        decode_program(data, "program.txt")
    message = str(exc.value)
    assert words in message
    assert message.startswith(f"program.txt:{line}:" if line else "program.txt:")
    assert "\n" not in message


def test_missing_file(tmp_path):
    with pytest.raises(ProgramTextError, match="finns inte"):
        read_program(tmp_path / "nope.txt")


def test_bom_is_not_part_of_the_text():
    assert decode_program("\ufeffRubrik".encode(), "x.txt") == "Rubrik"
