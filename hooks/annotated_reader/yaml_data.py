"""YAML, read with libyaml where it is installed: a corpus has a sidecar per seed and front matter per entity."""

from __future__ import annotations

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> object:
    """Like ``yaml.safe_load``, several times faster with libyaml."""
    return yaml.load(text, Loader=_LOADER)
