"""Split a Markdown file into front matter and body, keeping line numbers.

The one front-matter parser of the project (see ``guide.checks.readfile`` for how a broken file
becomes one line).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from guide.checks.readfile import parse_yaml, read_text
from guide.paths import rel
from guide.problems import Problem


@dataclass
class Source:
    path: Path
    meta: dict
    body: str
    body_line: int  # 1-based line number of the body's first line
    key_lines: dict[str, int] = field(default_factory=dict)

    base: Path | None = None
    node: yaml.Node | None = field(default=None, repr=False)  # the YAML tree, for line numbers
    text: str = field(default="", repr=False)  # the whole file as read (for fingerprints and the engine)

    @property
    def name(self) -> str:
        return self.path.relative_to(self.base).as_posix() if self.base else rel(self.path)

    @property
    def slug(self) -> str:
        return self.path.stem


def read(path: Path, base: Path | None = None) -> tuple[Source | None, list[Problem]]:
    """Read a page. Returns the source, or None and the problems that stop it."""
    name = path.relative_to(base).as_posix() if base else rel(path)
    text, problems = read_text(path, name)
    if text is None:
        return None, problems
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return None, [
            Problem(
                name,
                1,
                "front matter",
                "the file does not start with '---'",
                "start the file with a YAML block between two '---' lines",
            )
        ]
    try:
        end = next(i for i, line in enumerate(lines[1:], start=1) if line.strip() == "---")
    except StopIteration:
        return None, [
            Problem(
                name,
                1,
                "front matter",
                "the YAML block is never closed",
                "add a line with just '---' after the last field",
            )
        ]
    meta, node, problems = parse_yaml("\n".join(lines[1:end]), name, first_line=2)
    if problems:
        return None, [
            Problem(p.file, p.line, "front matter" if p.field == "YAML" else p.field, p.message, p.fix)
            for p in problems
        ]
    if not isinstance(meta, dict):
        return None, [
            Problem(
                name,
                2,
                "front matter",
                "the YAML block is not a set of 'field: value' lines",
                "write one 'field: value' per line",
            )
        ]
    key_lines = {}
    if isinstance(node, yaml.MappingNode):
        for key, _value in node.value:
            key_lines[str(key.value)] = key.start_mark.line + 2
    body = "\n".join(lines[end + 1 :])
    return Source(path, meta, body, end + 2, key_lines, base, node, text), []
