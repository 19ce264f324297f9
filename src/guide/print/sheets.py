"""The client sheet of an exercise: 1 or 2 pages a therapist hands out.

Page 1, what to do: a fillable header strip (name, date, therapist or clinic, next session),
the title, safety notes, the steps in short, the stop signs, the stage picture (exercises in a
staged sequence), and in the footer one help line, a QR code and the short address of the full
page. Page 2, the worksheet: the tick lists, choices, write-ins and tracker.

Shortening is honest: every step keeps its own words. A step over ``LONG_STEP`` characters
keeps its first sentence only (two, when the first is a bold label); nothing new is written. Citations and links are dropped.
When the worksheet would overflow, the write-in space shrinks (``LINE_BUDGETS``), never
the questions.
"""

from __future__ import annotations

import re

LONG_STEP = 160  # characters: a longer step keeps its first sentence
LINE_BUDGETS = (1.0, 0.75, 0.6, 0.45, 0.35, 0.25)  # share of the write-in lines, tried in turn
# Layouts tried in turn, the first that fits wins: (write-in share, the "before" section's lists
# on page 1, terse steps). The renderer skips to the terse layouts when page 1 overflows.
LAYOUTS = (
    *((share, front, False) for share in LINE_BUDGETS for front in (False, True)),
    *((share, False, True) for share in LINE_BUDGETS),
)
_SECTION = re.compile(r"^## (.+)$", re.M)
_BLOCK = re.compile(r"^/// (?P<name>[a-z-]+)[^\n]*\n.*?^///[ \t]*$", re.M | re.S)
_ITEM = re.compile(r"^(\d+)\.[ \t]+(.*(?:\n(?:[ \t]+\S.*|[ \t]*$))*)", re.M)
_SENTENCE_END = re.compile(r"[.!?](?:\*\*|[\"”’)])*(?=\s+[\"“(*]*[A-Z])")
_FIGURES = re.compile(r"<figure\b.*?</figure>", re.S)
WORKSHEET_BLOCKS = ("ticklist", "choice", "write-in", "tracker")


def sections(body: str) -> dict[str, str]:
    """The page's H2 sections, by heading."""
    parts = _SECTION.split(body)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def plain_markdown(text: str) -> str:
    """No footnote references and no links (their words stay): paper shows no citations."""
    text = re.sub(r"\[\^[^\]]+\]", "", text)
    text = re.sub(r"(?<!!)\[([^\]]+)\]\([^)]*\)", r"\1", text)
    return re.sub(r"<(https?://[^>]+)>", "", text)


def short_step(text: str, terse: bool = False) -> str:
    text = " ".join(text.split())
    if len(text) <= LONG_STEP and not terse:
        return text
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    if not ends:
        return text
    # A bold lead ("**Name what matters.**") is a label: keep the sentence that follows it too.
    end = ends[1] if text[: ends[0]].endswith("**") and len(ends) > 1 else ends[0]
    return text[:end]


def steps_markdown(section: str, terse: bool = False) -> str:
    """The numbered steps (with their groups: ### headings or bold lines), each step in its own
    words, shortened; ``terse`` keeps only the first sentence (or label and sentence) of each."""
    out, heading = [], ""
    for chunk in re.split(r"^(### .+|\*\*[^*\n]+\*\*[ \t]*)$", _BLOCK.sub("", _FIGURES.sub("", section)), flags=re.M):
        if chunk.startswith("**"):
            chunk = "### " + chunk.strip().strip("*")
        if chunk.startswith("### "):
            heading = chunk
            continue
        items = _ITEM.findall(chunk)
        if items:
            out += [heading] if heading else []
            heading = ""
            out.append("\n".join(f"{n}. {short_step(plain_markdown(text), terse)}" for n, text in items))
    return "\n\n".join(part for part in out if part)


def blocks(body: str, names: tuple[str, ...]) -> list[str]:
    """The authoring blocks of the given names, in page order, as Markdown."""
    return [m.group(0) for m in _BLOCK.finditer(body) if m.group("name") in names]


def _lines(block: str) -> int:
    m = re.search(r"^\s+lines:\s*(\d+)", block, re.M)
    return int(m.group(1)) if m else 4


def distribute(lines: list[int], share: float) -> list[int]:
    """``share`` of the write-in lines, spread over the write-ins in proportion (largest
    remainders first), at least one line each and never more than the page gives."""
    if share >= 1 or not lines:
        return list(lines)
    total = max(len(lines), round(sum(lines) * share))
    exact = [n * total / sum(lines) for n in lines]
    out = [max(1, min(n, int(e))) for n, e in zip(lines, exact, strict=True)]
    for i in sorted(range(len(lines)), key=lambda i: (int(exact[i]) - exact[i], i)):
        if sum(out) >= total:
            break
        if out[i] < lines[i]:
            out[i] += 1
    return out


def with_lines(block: str, lines: int) -> str:
    """A write-in block with ``lines`` ruled lines; the question stays as it is."""
    if not re.search(r"^\s+lines:", block, re.M):
        block = block.replace("\n", "\n    lines: 4\n", 1)
    return re.sub(r"^(\s+lines:\s*)(\d+)", lambda m: f"{m.group(1)}{lines}", block, count=1, flags=re.M)


def sheet_parts(page, render, headings: dict, share: float = 1.0, front: bool = False, terse: bool = False) -> dict:
    """The HTML parts of a client sheet. ``render`` turns Markdown into paper HTML;
    ``headings`` are the exercise headings (interface words ``exercise_sections``).

    ``front`` puts the tick lists of the "before" section on page 1, above the steps.
    """
    body = page.source.body
    found = sections(body)
    steps = steps_markdown(found.get(headings["steps"], ""), terse)
    stop = blocks(body, ("stop-signs",))
    before = blocks(found.get(headings["before"], ""), ("ticklist",)) if front else []
    work = [plain_markdown(b) for b in blocks(body, WORKSHEET_BLOCKS) if b not in before]
    write_ins = [i for i, b in enumerate(work) if b.startswith("/// write-in")]
    for i, lines in zip(write_ins, distribute([_lines(work[i]) for i in write_ins], share), strict=True):
        work[i] = with_lines(work[i], lines)
    picture = ""
    if page.meta.stage:  # a staged sequence: the picture shows what this stage allows
        figure = re.search(r'<figure class="picture".*?</figure>', body, re.S)
        if figure:
            picture = render(figure.group(0))  # render() resolves the image under docs/ or drops it
    return {
        "before": render("\n\n".join(plain_markdown(b) for b in before)) if before else "",
        "steps": render(steps) if steps else "",
        "stop_signs": render("\n\n".join(stop)) if stop else "",
        "worksheet": render("\n\n".join(work)) if work else "",
        "picture": picture,
    }
