"""One-line, actionable reports about bad input files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


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
        return f"{where}: {self.message} — {self.fix}"


class InputError(Exception):
    """Raised when an input file cannot be used at all; carries its :class:`Problem`."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem
