"""Pictures on paper: a figure's image resolved to a file under docs/, or the figure left out.

Pages give images as links relative to the page (``../assets/images/x.svg``). On paper they
must become file addresses, and only inside docs/: anything else (a web address, a path that
climbs out of docs/, a missing file) drops the whole figure, so alt text never stands in for
a picture.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from guide.paths import DOCS

_FIGURE = re.compile(r'<figure class="picture"[^>]*>.*?</figure>', re.S)
_IMG_SRC = re.compile(r'(<img\b[^>]*?\ssrc=")([^"]+)(")')
_IMG = re.compile(r"<img\b[^>]*>")
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\(([^)\s]+)")


def resolve(src: str, page_uri: str, docs: Path = DOCS) -> Path | None:
    """The file a page's image link names, if it is a file inside docs/; else None."""
    if re.match(r"^[a-z][a-z0-9+.-]*:", src, re.I) or src.startswith(("/", "\\")):
        return None
    parts: list[str] = list(PurePosixPath(page_uri).parent.parts)
    for piece in PurePosixPath(unquote(src.split("#")[0].split("?")[0])).parts:
        if piece == "..":
            if not parts:
                return None
            parts.pop()
        elif piece not in ("", "."):
            parts.append(piece)
    root = docs.resolve()
    path = (root / Path(*parts)).resolve() if parts else None
    if path is None or not path.is_relative_to(root) or not path.is_file():
        return None
    return path


def on_paper(html: str, page_uri: str, keep: bool = True, docs: Path = DOCS) -> str:
    """Figures with file addresses under docs/; figures that cannot be resolved (or all, when
    ``keep`` is false) are removed."""

    def figure(m: re.Match) -> str:
        if not keep:
            return ""
        srcs = _IMG_SRC.findall(m.group(0))
        paths = [resolve(src, page_uri, docs) for _, src, _ in srcs]
        if not srcs or any(p is None for p in paths):
            return ""
        it = iter(paths)
        return _IMG_SRC.sub(lambda im: im.group(1) + next(it).as_uri() + im.group(3), m.group(0))

    html = _FIGURE.sub(figure, html)
    # A stray image outside a figure is dropped too: paper shows nothing it cannot resolve.
    return _IMG.sub(lambda im: im.group(0) if ' src="file:' in im.group(0) else "", html)


def files(markdown: str, page_uri: str, docs: Path = DOCS) -> list[Path]:
    """The image files a page's Markdown names (for the cache key)."""
    found = (resolve(src, page_uri, docs) for src in _MD_IMAGE.findall(markdown))
    return sorted({p for p in found if p is not None})
