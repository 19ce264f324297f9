"""Read a source file or a YAML data file, turning every way it can be broken into problems.

Pages and data files come from people, so a bad byte, an empty file, a duplicate key or an
impossible date must end as one line naming the file, the line and the fix, never as a
traceback. A UTF-8 byte-order mark and Windows line endings are valid and accepted.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError

from guide.problems import ContentError, Problem

_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when PyYAML has it (about 10x faster)


class Loader(_BASE_LOADER):
    """A safe loader that keeps dates as text, so the content model checks them and names the line.

    (PyYAML's own date conversion raises a bare ValueError on "2026-02-30", with no line.)
    """


Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _BASE_LOADER.yaml_implicit_resolvers.items()
}


def read_text(path: Path, name: str) -> tuple[str | None, list[Problem]]:
    """The file's text with ``\\n`` line endings, or None and the one problem that stops it."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None, [Problem(name, None, "file", "the file is missing", "restore it, or remove what refers to it")]
    except IsADirectoryError:
        return None, [Problem(name, None, "file", "this is a folder, not a file", "rename the folder")]
    except OSError as exc:
        return None, [
            Problem(
                name,
                None,
                "file",
                f"the file cannot be read ({exc.strerror or exc})",
                "check that the file exists and that you are allowed to read it",
            )
        ]
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [
            Problem(
                name,
                line,
                "encoding",
                f"byte 0x{data[exc.start]:02x} is not UTF-8 text",
                "save the file as UTF-8 (in most editors: Save with encoding, then UTF-8)",
            )
        ]
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return None, [
            Problem(
                name,
                line,
                "encoding",
                "the file holds a NUL byte, so it is not a text file",
                "save it as plain UTF-8 text",
            )
        ]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return None, [Problem(name, 1, "file", "the file is empty", "write its content, or delete the file")]
    return text, []


def parse_yaml(text: str, name: str, first_line: int = 1) -> tuple[object, yaml.Node | None, list[Problem]]:
    """(value, node, problems) for a YAML text whose first line is line ``first_line`` of the file."""
    loader = Loader(text)
    try:
        node = loader.get_single_node()
        duplicates = _duplicate_keys(node, name, first_line) if node is not None else []
        if duplicates:
            return None, node, duplicates
        value = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + first_line if mark else first_line
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return (
            None,
            None,
            [
                Problem(
                    name,
                    line,
                    "YAML",
                    f"invalid YAML ({problem})",
                    "check the colons, quotes and indentation on this line",
                )
            ],
        )
    finally:
        loader.dispose()
    return value, node, []


def _duplicate_keys(node: yaml.Node, name: str, first_line: int) -> list[Problem]:
    out: list[Problem] = []
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key, value in current.value:
                line = key.start_mark.line + first_line
                if isinstance(key, yaml.ScalarNode) and key.value in seen:
                    out.append(
                        Problem(
                            name,
                            line,
                            str(key.value),
                            f"'{key.value}' is given twice (first on line {seen[key.value]})",
                            "keep one of the two lines",
                        )
                    )
                elif isinstance(key, yaml.ScalarNode):
                    seen[key.value] = line
                stack.append(value)
        elif isinstance(current, yaml.SequenceNode):
            stack.extend(current.value)
    return sorted(out)


def node_line(node: yaml.Node | None, loc: tuple, first_line: int = 1) -> int | None:
    """The line of the value at ``loc`` (a pydantic error location) inside ``node``."""
    line = node.start_mark.line + first_line if node is not None else None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            match = next(
                ((k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == str(part)), None
            )
            if match is None:
                break
            line, node = match[0].start_mark.line + first_line, match[1]
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + first_line
        else:
            break
    return line


def validation_problems(exc: ValidationError, name: str, node: yaml.Node | None, first_line: int = 1) -> list[Problem]:
    out = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        field = ".".join(str(x) for x in loc) or "file"
        if err["type"] == "extra_forbidden":
            msg, fix = "unknown field", "remove it, or check its spelling"
        elif err["type"] == "missing":
            msg, fix = "required field is missing", f"add '{loc[-1]}:'"
        else:
            msg, fix = err["msg"].removeprefix("Value error, "), "correct the value"
        out.append(Problem(name, node_line(node, loc, first_line), field, msg, fix))
    return out


def read_yaml(path: Path, name: str):
    """(value, node) of a YAML data file, with markup and code refused; raises ContentError."""
    text, problems = read_text(path, name)
    if text is None:
        raise ContentError(problems)
    value, node, problems = parse_yaml(text, name)
    if not problems:
        from guide.checks.nocode import value_problems

        problems = value_problems(name, value, node)
    if problems:
        raise ContentError(problems)
    return value, node


def load_data(path: Path, name: str, model: type[BaseModel] | TypeAdapter, local: Path | None = None):
    """A YAML data file checked against ``model``; raises ContentError with one line per problem.

    ``local`` is an optional overlay (``site.local.yml``) whose fields replace the file's, key by
    key, so a fork keeps its own values in a file that upstream never touches.
    """
    value, node = read_yaml(path, name)
    local_value = local_node = None
    if local is not None and local.exists():
        local_value, local_node = read_yaml(
            local, local.name if local.parent != path.parent else str(Path(name).with_name(local.name))
        )
        if not isinstance(local_value, dict) or not isinstance(value, dict):
            raise ContentError(
                [
                    Problem(
                        str(Path(name).with_name(local.name)),
                        1,
                        "file",
                        "an overlay is a set of 'field: value' lines",
                        "write one field per line",
                    )
                ]
            )
        value = _overlay(value, local_value)
    adapter = model if isinstance(model, TypeAdapter) else TypeAdapter(model)
    try:
        return adapter.validate_python(value)
    except ValidationError as exc:
        if local_value is None:
            raise ContentError(validation_problems(exc, name, node)) from None
        local_name = str(Path(name).with_name(local.name))
        problems = []
        for problem in validation_problems(exc, name, node):
            top = problem.field.split(".")[0]
            if top in local_value:  # the overlay gave this field: point at its line there
                loc = tuple(int(p) if p.isdigit() else p for p in problem.field.split("."))
                problem = Problem(local_name, node_line(local_node, loc), problem.field, problem.message, problem.fix)
            problems.append(problem)
        raise ContentError(problems) from None


def _overlay(base: dict, local: dict) -> dict:
    """Fields of ``local`` replace those of ``base``; mappings merge, lists and values replace."""
    out = dict(base)
    for key, value in local.items():
        out[key] = _overlay(base[key], value) if isinstance(value, dict) and isinstance(base.get(key), dict) else value
    return out
