"""Split a Markdown file into front matter and body, keeping line numbers."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .paths import rel
from .problems import Problem

# libyaml's loader when PyYAML was built with it (about 10x faster); same marks and errors.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(stream):
    """yaml.safe_load, with the C loader when there is one."""
    return yaml.load(stream, Loader=LOADER)  # noqa: S506 (a safe loader)


@dataclass
class Source:
    path: Path
    meta: dict
    body: str
    body_line: int  # 1-based line number of the body's first line
    key_lines: dict[str, int] = field(default_factory=dict)

    base: Path | None = None

    @property
    def name(self) -> str:
        return self.path.relative_to(self.base).as_posix() if self.base else rel(self.path)

    @property
    def slug(self) -> str:
        return self.path.stem


def read(path: Path, base: Path | None = None) -> tuple[Source | None, list[Problem]]:
    """Read a page. Returns the source, or None and the problems that stop it."""
    name = path.relative_to(base).as_posix() if base else rel(path)
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        return None, [Problem(name, 1, "front matter", "the file does not start with '---'",
                              "start the file with a YAML block between two '---' lines")]
    try:
        end = next(i for i, line in enumerate(lines[1:], start=1) if line.strip() == "---")
    except StopIteration:
        return None, [Problem(name, 1, "front matter", "the YAML block is never closed",
                              "add a line with just '---' after the last field")]
    raw = "\n".join(lines[1:end])
    try:
        loader = LOADER(raw)
        try:
            node = loader.get_single_node()
            meta = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return None, [Problem(name, line, "front matter", f"invalid YAML ({problem})",
                              "check the colons, quotes and indentation on this line")]
    if not isinstance(meta, dict):
        return None, [Problem(name, 2, "front matter", "the YAML block is not a set of 'field: value' lines",
                              "write one 'field: value' per line")]
    key_lines = {}
    if isinstance(node, yaml.MappingNode):
        for key, _value in node.value:
            key_lines[str(key.value)] = key.start_mark.line + 2
    body = "\n".join(lines[end + 1:])
    return Source(path, meta, body, end + 2, key_lines, base), []
