"""One-line, actionable reports about bad input files."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

MESSAGE_MAX_CHARS = 160
"""What is wrong, and how to fix it, are each cut to this length: a report is one line a person reads."""
VALUE_MAX_CHARS = 40
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]")


def shown(value: object) -> str:
    """A value as a report quotes it: ``repr``, cut short, so a huge value never floods the log."""
    text = repr(value)
    return text if len(text) <= VALUE_MAX_CHARS else f"{text[:VALUE_MAX_CHARS - 1]}…"


def printable(text: str) -> str:
    """Control, line-break and invisible characters escaped (``\\n``, ``\\u202e``): a file name cannot forge a log line."""
    return _UNPRINTABLE.sub(lambda match: match[0].encode("unicode_escape").decode("ascii"), text)


def _cut(text: str) -> str:
    return text if len(text) <= MESSAGE_MAX_CHARS else f"{text[:MESSAGE_MAX_CHARS - 1]}…"


@dataclass(frozen=True)
class Problem:
    """A defect in one input file: where it is, what is wrong, and how to fix it."""

    path: Path
    line: int | None
    message: str
    fix: str

    def __str__(self) -> str:
        path = self.path.relative_to(Path.cwd()) if self.path.is_relative_to(Path.cwd()) else self.path
        where = f"{path}:{self.line}" if self.line else f"{path}"
        return printable(f"{where}: {_cut(self.message)} — {_cut(self.fix)}")


class InputError(Exception):
    """Raised when an input file cannot be used at all; carries its :class:`Problem` (or several, one per defect)."""

    def __init__(self, problem: Problem, *more: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem
        self.problems = [problem, *more]
