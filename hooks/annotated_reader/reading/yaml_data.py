"""YAML as this project reads it: libyaml, bounded, with the line of every key kept for error reports.

Sidecars and front matter are typed by hand and may come from anywhere, so reading one must
stay cheap whatever it holds: anchors and aliases (the "billion laughs" of YAML) are refused,
as are duplicate keys (YAML would keep the last one silently), deep nesting and long texts.
Dates stay text (``2015-02-30`` is then a clear error of the schema, not a crash of the
parser).
"""

from __future__ import annotations

from dataclasses import dataclass

import yaml

YAML_MAX_CHARS = 65_536
NESTING_MAX_DEPTH = 8
_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The safe loader (libyaml where installed), with dates left as text for the schema to check."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag != _TIMESTAMP]
    for first, resolvers in _Loader.yaml_implicit_resolvers.items()
}


class YamlRefused(Exception):
    """YAML that is not read: where (1-based line of the text), what is wrong, and how to fix it."""

    def __init__(self, line: int | None, message: str, fix: str) -> None:
        super().__init__(message)
        self.line, self.message, self.fix = line, message, fix


@dataclass(frozen=True)
class YamlData:
    """A YAML document's value, and the line of each key or list entry, by its path (``("tags", "0")``)."""

    value: object
    lines: dict[tuple[str, ...], int]

    def line_of(self, path: tuple[object, ...]) -> int | None:
        """The line of the deepest part of ``path`` that has one (a schema error's location)."""
        keys = tuple(str(part) for part in path)
        for end in range(len(keys), 0, -1):
            if keys[:end] in self.lines:
                return self.lines[keys[:end]]
        return None


def _walk(root: yaml.Node, first_line: int) -> dict[tuple[str, ...], int]:
    """Every key's line; refuses a repeated key and deep nesting."""
    lines: dict[tuple[str, ...], int] = {}
    stack: list[tuple[yaml.Node, tuple[str, ...]]] = [(root, ())]
    while stack:
        node, path = stack.pop()
        if len(path) > NESTING_MAX_DEPTH:
            raise YamlRefused(node.start_mark.line + first_line, "is nested too deeply",
                              "write plain keys, lists and short mappings")
        if isinstance(node, yaml.MappingNode):
            keys: set[str] = set()
            for key, value in node.value:
                name = str(key.value) if isinstance(key, yaml.ScalarNode) else f"line {key.start_mark.line + first_line}"
                if name in keys:
                    raise YamlRefused(key.start_mark.line + first_line, f"key {name[:40]!r} appears twice", "keep one of the two")
                keys.add(name)
                lines[(*path, name)] = key.start_mark.line + first_line
                stack += [(key, (*path, name)), (value, (*path, name))]
        elif isinstance(node, yaml.SequenceNode):
            for number, item in enumerate(node.value):
                lines[(*path, str(number))] = item.start_mark.line + first_line
                stack.append((item, (*path, str(number))))
    return lines


def read_yaml(text: str, first_line: int = 1) -> YamlData:
    """The document in ``text`` (whose first line is line ``first_line`` of its file), or :class:`YamlRefused`.

    Never a traceback, never a runaway: this is the only way the project reads YAML it is given."""
    if len(text) > YAML_MAX_CHARS:
        raise YamlRefused(None, f"holds {len(text):,} characters of YAML", f"keep it under {YAML_MAX_CHARS:,}")
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise YamlRefused(event.start_mark.line + first_line, "uses a YAML anchor (&name) or alias (*name)",
                                  "write the value out in full: anchors and aliases are not allowed")
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            if node is None:
                return YamlData(None, {})
            lines = _walk(node, first_line)
            return YamlData(loader.construct_document(node), lines)
        finally:
            loader.dispose()
    except yaml.YAMLError as error:
        problem = getattr(error, "problem", None) or "invalid YAML"
        mark = getattr(error, "problem_mark", None)
        opened = getattr(error, "context_mark", None)
        if mark and opened and not text[mark.index:].strip():  # a quote or bracket left open ran to the end: where it opened
            problem, mark = f"{problem} {error.context}", opened
        raise YamlRefused(mark.line + first_line if mark else None, f"is not valid YAML ({problem})",
                          "fix the YAML syntax there (quote values that contain ':' or start with a quote)") from None
    except (ValueError, OverflowError) as error:  # e.g. an explicit !!timestamp that is no date, a 5,000-digit number
        raise YamlRefused(None, f"holds a value YAML cannot read ({str(error)[:60]})", "write it as quoted text") from None
