"""Checks on one page's body: authoring blocks, help-line markers and phone numbers, the
exercise sections, and links and anchors. ``guide.checks.content`` runs them on every page."""

from __future__ import annotations

import os
import re
from pathlib import Path

from markdown.extensions.toc import slugify

from guide.checks.frontmatter import Source
from guide.data import helplines
from guide.markdown.blocks import ARGUMENT_REQUIRED, BLOCK_OPTIONS, LABELS, labels
from guide.model import ExerciseMeta, exercise_headings
from guide.problems import Problem

BLOCK_OPEN = re.compile(r"^/{3,}\s*(?P<name>[\w-]+)(?:\s*\|\s*(?P<arg>.*))?\s*$")
BLOCK_CLOSE = re.compile(r"^/{3,}\s*$")
OPTION = re.compile(r"^ {4}(?P<key>[\w-]+):\s*(?P<value>.*)$")
HEADING = re.compile(r"^(?P<level>#{1,6})\s+(?P<text>.+?)\s*(?:\{(?P<attrs>[^}]*)\})?\s*#*$")
LINK = re.compile(r"\]\((?P<target>[^)\s]+)(?:\s+\"[^\"]*\")?\)")
FENCE = re.compile(r"^(```|~~~)")


def code_free_lines(body: str, first: int):
    """(line number, text) for lines outside fenced code."""
    in_fence = False
    for offset, line in enumerate(body.splitlines()):
        if FENCE.match(line.strip()):
            in_fence = not in_fence
            continue
        if not in_fence:
            yield first + offset, line


def headings(body: str) -> list[tuple[int, int, str, str]]:
    """(line offset, level, text, anchor id) for every ATX heading outside code."""
    found = []
    for n, line in code_free_lines(body, 0):
        m = HEADING.match(line)
        if m:
            attrs = m.group("attrs") or ""
            explicit = re.search(r"#([\w-]+)", attrs)
            text = m.group("text").strip()
            found.append((n, len(m.group("level")), text, explicit.group(1) if explicit else slugify(text, "-")))
    return found


def block_problems(src: Source) -> list[Problem]:
    out: list[Problem] = []
    lines = list(code_free_lines(src.body, src.body_line))
    depth = 0
    for i, (n, line) in enumerate(lines):
        if BLOCK_CLOSE.match(line):
            depth -= 1
            if depth < 0:
                out.append(Problem(src.name, n, "block", "'///' closes a block that was never opened", "remove it"))
                depth = 0
            continue
        m = BLOCK_OPEN.match(line)
        if not m:
            continue
        depth += 1
        name, arg = m.group("name"), (m.group("arg") or "").strip()
        if name not in BLOCK_OPTIONS:
            out.append(
                Problem(src.name, n, "block", f"unknown block '{name}'", f"use one of: {', '.join(BLOCK_OPTIONS)}")
            )
            continue
        if name in ARGUMENT_REQUIRED and not arg:
            out.append(
                Problem(
                    src.name, n, "block", f"'{name}' needs a question after '|'", f"write '/// {name} | Your question?'"
                )
            )
        if name == "stop-signs" and arg:
            out.append(Problem(src.name, n, "block", "'stop-signs' takes no title", "remove the text after '|'"))
        for n2, opt_line in lines[i + 1 :]:
            om = OPTION.match(opt_line)
            if not om:
                break
            key, value = om.group("key"), om.group("value").strip()
            allowed = BLOCK_OPTIONS[name]
            if key not in allowed:
                fix = f"allowed: {', '.join(allowed)}" if allowed else f"'{name}' takes no options; remove the line"
                out.append(Problem(src.name, n2, "block", f"unknown option '{key}' for '{name}'", fix))
            elif allowed[key] == LABELS:
                found = labels(value)
                if not 2 <= len(found) <= 5 or any(len(label) > 20 for label in found):
                    out.append(
                        Problem(
                            src.name,
                            n2,
                            "block",
                            f"'{key}' must be 2 to 5 short labels, separated by commas",
                            f"write e.g. '{key}: Yes, Maybe, No'",
                        )
                    )
            else:
                lo, hi = allowed[key]
                if not value.isdigit() or not lo <= int(value) <= hi:
                    out.append(
                        Problem(
                            src.name,
                            n2,
                            "block",
                            f"'{key}' must be a whole number from {lo} to {hi}",
                            f"write e.g. '{key}: {lo + 3 if hi > lo + 3 else lo}'",
                        )
                    )
    if depth > 0:
        out.append(Problem(src.name, None, "block", "a block is never closed", "add a line with just '///' after it"))
    return out


def helpline_problems(src: Source, lines: dict) -> list[Problem]:
    out = []
    for n, line in code_free_lines(src.body, src.body_line):
        if line.lstrip().startswith("[^"):
            pass  # footnotes may cite page ranges; they are still checked below
        for m in helplines.TOPIC_MARKER.finditer(line):
            if m.group("topic") not in helplines.TOPICS:
                out.append(
                    Problem(
                        src.name,
                        n,
                        "help line",
                        f"no help-line topic '{m.group('topic')}'",
                        f"use one of: {', '.join(helplines.TOPICS)}",
                    )
                )
        for m in re.finditer(r"\[\[(?P<word>[\w-]+)\]\]", line):
            if m.group("word") != "emergency":
                out.append(
                    Problem(
                        src.name,
                        n,
                        "help line",
                        f"unknown marker '{m.group(0)}'",
                        "write [[emergency]], [[helpline:ID]] or [[phone:ID]]",
                    )
                )
        for m in helplines.ANY_MARKER.finditer(line):
            form = m.group("form")
            hm = helplines.MARKER.fullmatch(m.group(0))
            if form not in ("helpline", "phone") or not hm:
                out.append(
                    Problem(
                        src.name,
                        n,
                        "help line",
                        f"unknown marker '{m.group(0)}'",
                        "write [[helpline:ID]] or [[phone:ID]]",
                    )
                )
            elif hm.group("id") not in lines:
                out.append(
                    Problem(
                        src.name,
                        n,
                        "help line",
                        f"no help line '{hm.group('id')}' in data/helplines.yml",
                        f"use one of: {', '.join(sorted(lines))}",
                    )
                )
        text = helplines.ANY_MARKER.sub(" ", line)
        text = re.sub(r"\]\([^)]*\)|https?://\S+", " ", text)
        for number in helplines.unlisted_numbers(text, lines):
            out.append(
                Problem(
                    src.name,
                    n,
                    "phone number",
                    f"'{number}' is not in data/helplines.yml",
                    "add it there with its source, then write [[phone:ID]] instead",
                )
            )
    return out


def _any_of(phrases: list[str]) -> str:
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)


def exercise_problems(src: Source, meta: ExerciseMeta, words: dict) -> list[Problem]:
    """An exercise page's sections (their headings are ``words["exercise_sections"]``) and
    what each must hold: stop signs, a plain "stop at any time", numbered steps, a write-in."""
    out = []
    heads = [(src.body_line + n, text) for n, level, text, _ in headings(src.body) if level == 2]
    name = words["exercise_sections"]
    expected = exercise_headings(words, meta.tracker)
    found = [t for _, t in heads]
    for heading in expected:
        if heading not in found:
            out.append(
                Problem(
                    src.name,
                    None,
                    "section",
                    f"missing section '## {heading}'",
                    f"add it; exercise sections in order: {' / '.join(expected)}",
                )
            )
    if not meta.tracker and name["tracker"] in found:
        out.append(
            Problem(
                src.name,
                src.key_lines.get("tracker"),
                "tracker",
                f"the body has '## {name['tracker']}' but the front matter does not say tracker: true",
                "add 'tracker: true'",
            )
        )
    present = [t for t in found if t in expected]
    if not out and present != expected:
        out.append(
            Problem(
                src.name,
                None,
                "section",
                "sections are out of order",
                f"put them in this order: {' / '.join(expected)}",
            )
        )
    if out:
        return out
    starts = {t: n for n, t in heads}
    body_lines = src.body.splitlines()

    def section(heading):
        start = starts[heading] - src.body_line + 1
        later = [n - src.body_line for n, _ in heads if n - src.body_line >= start]
        return "\n".join(body_lines[start : (later[0] if later else len(body_lines))])

    stop, any_time = _any_of(words["exercise_stop"]["stop"]), _any_of(words["exercise_stop"]["any_time"])
    checks = [
        ("before", r"^/{3,}\s*stop-signs", "has no stop-signs block", "add a '/// stop-signs' block"),
        (
            "before",
            rf"(?is)\b({stop})\b.*\b({any_time})\b|\b({any_time})\b.*\b({stop})\b",
            "does not say that anyone may stop at any time",
            "say plainly that either of you may stop at any time",
        ),
        ("steps", r"^1\.\s", "has no numbered steps", "write the steps as a numbered list (1. 2. 3.)"),
        ("afterwards", r"^/{3,}\s*write-in", "has no write-in question", "add a '/// write-in | Question?' block"),
    ]
    if meta.tracker:
        checks.append(("tracker", r"^/{3,}\s*tracker", "has no tracker block", "add a '/// tracker' block"))
    for key, pattern, problem, fix in checks:
        if not re.search(pattern, section(name[key]), re.M):
            out.append(Problem(src.name, starts[name[key]], "section", f"'## {name[key]}' {problem}", fix))
    return out


def link_problems(src: Source, anchors: dict[str, set[str]], docs: Path) -> list[Problem]:
    out = []
    for n, line in code_free_lines(src.body, src.body_line):
        for m in LINK.finditer(line):
            target = m.group("target")
            if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I):
                continue
            path_part, _, anchor = target.partition("#")
            if path_part.startswith("/"):
                out.append(
                    Problem(
                        src.name,
                        n,
                        "link",
                        f"absolute link '{target}'",
                        "use a relative link to the .md file, e.g. ../articles/flooding.md",
                    )
                )
                continue
            if path_part:
                resolved = Path(os.path.normpath(src.path.parent.absolute() / path_part))
                key = rel_key(resolved, docs)
                if not path_part.endswith(".md") and not resolved.exists():
                    out.append(
                        Problem(
                            src.name,
                            n,
                            "link",
                            f"'{target}' does not exist",
                            "link to an existing file, e.g. ../articles/flooding.md",
                        )
                    )
                    continue
                if path_part.endswith(".md") and key not in anchors:
                    out.append(
                        Problem(
                            src.name,
                            n,
                            "link",
                            f"'{target}' points to a page that does not exist",
                            "check the file name in docs/, e.g. ../exercises/break-plan.md",
                        )
                    )
                    continue
            else:
                key = rel_key(src.path, docs)
            if anchor and anchors.get(key) is not None and anchor not in anchors[key]:
                out.append(
                    Problem(
                        src.name,
                        n,
                        "link",
                        f"'{target}': no heading with the anchor '#{anchor}'",
                        f"use one of: {', '.join(sorted(anchors[key])[:8]) or 'no headings there'}",
                    )
                )
    return out


def rel_key(path: Path, docs: Path) -> str:
    """The path inside docs/ ('articles/flooding.md'), or the path itself if it is outside."""
    inside = os.path.relpath(os.path.normpath(path.absolute()), os.path.normpath(docs.absolute()))
    return str(path) if inside.startswith("..") else Path(inside).as_posix()
