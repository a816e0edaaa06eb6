"""Program text -> pledges. Plain Python: nothing here touches the database."""

from .lexicon import Lexicon
from .parser import ParsedPledge, ParsedProgram, parse_program
from .text import ProgramTextError, decode_program, read_program

__all__ = [
    "Lexicon",
    "ParsedPledge",
    "ParsedProgram",
    "ProgramTextError",
    "decode_program",
    "parse_program",
    "read_program",
]
