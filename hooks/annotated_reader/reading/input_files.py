"""Which input files may be read: regular files inside the project, nothing else.

A symlink may point anywhere, and a FIFO or a device named ``*.txt`` would hang the build
when opened, so every file is looked at (``os.stat``) before it is opened.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import InputError, Problem

_KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"))


def unreadable(path: Path, root: Path) -> Problem | None:
    """Why ``path`` must not be read (its name is not text, it leaves ``root``, is dangling, or is no regular file), or None."""
    try:
        path.name.encode("utf-8")  # bytes that are not UTF-8 come as lone surrogates, which no page can hold
    except UnicodeEncodeError:
        return Problem(path, None, "has a file name that is not UTF-8", "rename it in UTF-8")
    try:
        target = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return Problem(path, None, "is a broken symlink or cannot be opened", "point it at an existing file, or remove it")
    if not target.is_relative_to(root.resolve()):
        return Problem(path, None, "is a symlink to a file outside the project",
                       "copy the file into the project instead, or remove the link")
    mode = os.stat(target).st_mode
    if stat.S_ISREG(mode):
        return None
    kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    return Problem(path, None, f"is {kind}, not a file", "remove it, or replace it with a plain file")


def file_bytes(path: Path) -> bytes:
    """The file's bytes; :class:`InputError` if the system will not give them (permissions, I/O)."""
    try:
        return path.read_bytes()
    except OSError as error:
        raise InputError(Problem(path, None, f"cannot be read ({error.strerror or error})", "check its permissions")) from None


def utf8_text(raw: bytes, path: Path) -> str:
    """``raw`` as UTF-8 text (without a BOM); :class:`InputError` naming the line of the first byte that is not UTF-8."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[:error.start].count(b"\n") + 1
        raise InputError(Problem(path, line, f"is not UTF-8 (byte {raw[error.start]:#04x})", "save it as UTF-8")) from None


def read_page(path: Path, root: Path) -> str | Problem:
    """A Markdown page's text, or why it is not read (see :func:`unreadable` and :func:`utf8_text`)."""
    if problem := unreadable(path, root):
        return problem
    try:
        return utf8_text(file_bytes(path), path)
    except InputError as error:
        return error.problem


def seed_files(seeds_dir: Path, root: Path) -> tuple[list[tuple[Path, Path | None]], list[Problem]]:
    """Each readable seed with its sidecar (None if it has none), and a problem for each file left out.

    A seed whose sidecar cannot be read is left out with it: read without its corrections,
    it would be published wrong."""
    problems: list[Problem] = []
    readable: set[Path] = set()
    for path in sorted([*seeds_dir.glob("*.txt"), *seeds_dir.glob("*.yml")]):
        problem = unreadable(path, root)
        if problem:
            problems.append(problem)
        else:
            readable.add(path)
    seeds = []
    for seed in sorted(path for path in readable if path.suffix == ".txt"):
        sidecar = seed.with_suffix(".yml")
        if sidecar in readable:
            seeds.append((seed, sidecar))
        elif not os.path.lexists(sidecar):
            seeds.append((seed, None))
    problems += [Problem(orphan, None, "is a sidecar without a seed",
                         f"rename it to match a seed, or add {orphan.with_suffix('.txt').name}")
                 for orphan in sorted(readable) if orphan.suffix == ".yml" and not os.path.lexists(orphan.with_suffix(".txt"))]
    return seeds, problems
