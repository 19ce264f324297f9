"""Read mkdocs.yml without MkDocs: a safe YAML loader that resolves ``!ENV`` as MkDocs does."""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from guide.paths import ROOT


class Loader(yaml.SafeLoader):
    """A safe loader that resolves MkDocs' ``!ENV`` tag (``!ENV NAME`` or ``!ENV [NAME, ..., default]``)."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node):
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = loader.construct_sequence(node)
        names, default = items[:-1] if len(items) > 1 else items, items[-1] if len(items) > 1 else None
    for name in names:
        if os.environ.get(name):
            return os.environ[name]
    return default


Loader.add_constructor("!ENV", _env_tag)


def load_config(path: Path = ROOT / "mkdocs.yml", text: str | None = None) -> dict:
    """mkdocs.yml as a dict; ``text`` when the caller has already read the file."""
    if text is None:
        text = Path(path).read_text(encoding="utf-8")
    return yaml.load(text, Loader=Loader)  # noqa: S506 (a SafeLoader subclass)


def site_url(path: Path = ROOT / "mkdocs.yml") -> str:
    return load_config(path).get("site_url") or "https://example.org/"
