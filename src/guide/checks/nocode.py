"""Content never carries code.

Pages may use Markdown and harmless HTML (a ``<div markdown>``, a ``<br>``), but not the
elements and attributes that run code or pull in other documents; front matter and data
files are plain text. Each find is one problem with its file and line. The Content
Security Policy (``guide.web.csp``) is the second wall, not the first.
"""

from __future__ import annotations

import html
import re

import yaml

from guide.checks.readfile import node_line
from guide.problems import Problem

# Elements that run code, restyle the page, or embed another document.
FORBIDDEN_ELEMENTS = (
    "script",
    "style",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "base",
    "meta",
    "link",
    "form",
    "template",
    "noscript",
)
_ELEMENT = re.compile(r"<\s*/?\s*(" + "|".join(FORBIDDEN_ELEMENTS) + r")\b", re.I)
_TAG = re.compile(r"<[a-zA-Z][^>]*>", re.S)
_HANDLER = re.compile(r"[\s\"'/]on[a-z]+\s*=", re.I)
# Where a URL can hide: Markdown links and images, reference definitions, autolinks, HTML attributes.
_URLS = [
    re.compile(r"\]\(\s*<?([^)\s>]+)"),
    re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)"),
    re.compile(r"<([a-zA-Z][a-zA-Z0-9+.-]*:[^>\s]*)>"),
    re.compile(r"\b(?:href|src|action|formaction|xlink:href|srcset|poster|data)\s*=\s*[\"']?([^\"'\s>]+)", re.I),
]
BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
_MARKUP = re.compile(r"<\s*[a-zA-Z!/?]")
_INLINE_CODE = re.compile(r"(`+)(?:(?!\1).)+?\1")
_FENCE = re.compile(r"^\s*(```|~~~)")


def bad_scheme(url: str) -> str | None:
    """The scheme if ``url`` would run or embed code (entities and hidden spaces do not help)."""
    plain = re.sub(r"[\s\x00-\x1f]+", "", html.unescape(html.unescape(url))).lower()
    return next((s for s in BAD_SCHEMES if plain.startswith(s)), None)


def body_problems(name: str, body: str, first_line: int) -> list[Problem]:
    out: list[Problem] = []
    in_fence = False
    for offset, raw in enumerate(body.split("\n")):
        n = first_line + offset
        if _FENCE.match(raw):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        line = _INLINE_CODE.sub(" ", raw)
        for m in _ELEMENT.finditer(line):
            out.append(
                Problem(
                    name,
                    n,
                    "code",
                    f"a <{m.group(1).lower()}> element is not allowed in content",
                    "remove it; pages hold words, links and the authoring blocks only",
                )
            )
        for tag in _TAG.finditer(line):
            handler = _HANDLER.search(tag.group(0))
            if handler:
                attr = handler.group(0).strip(" \"'/=")
                out.append(Problem(name, n, "code", f"the event attribute '{attr}' runs code", "remove the attribute"))
        for pattern in _URLS:
            for m in pattern.finditer(line):
                scheme = bad_scheme(m.group(1))
                if scheme:
                    out.append(
                        Problem(
                            name,
                            n,
                            "link",
                            f"a '{scheme}' link can run or embed code",
                            "link to a page of the site or to an https:// address",
                        )
                    )
    return out


def value_problems(name: str, value, node: yaml.Node | None, first_line: int = 1, loc: tuple = ()) -> list[Problem]:
    """Markup or code in any text of a front matter or data file (all of it is plain text)."""
    out: list[Problem] = []
    if isinstance(value, dict):
        for key, item in value.items():
            out += value_problems(name, item, node, first_line, (*loc, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            out += value_problems(name, item, node, first_line, (*loc, i))
    elif isinstance(value, str):
        field = ".".join(str(x) for x in loc) or "value"
        line = node_line(node, loc, first_line)
        if _MARKUP.search(value):
            out.append(
                Problem(
                    name,
                    line,
                    field,
                    "holds markup ('<...>'); this field is plain text",
                    "write plain words; for 'less than' write the words",
                )
            )
        elif bad_scheme(value):
            out.append(
                Problem(
                    name,
                    line,
                    field,
                    f"a '{bad_scheme(value)}' address can run or embed code",
                    "use an https:// address",
                )
            )
    return out
