"""Render paper HTML to a tagged, fillable PDF (PDF/UA-1) and finish its forms."""

from __future__ import annotations

import os
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from guide.paths import CACHE, ROOT
from guide.print.forms import finish_pdf

CACHE_DIR = CACHE / "handouts"


@dataclass(frozen=True)
class Job:
    key: str
    out_name: str
    htmls: tuple[tuple[str, str], ...]  # (html, tags) variants, tried in turn: the first within max_pages is kept
    title: str
    max_pages: int = 0  # 0: no limit


@lru_cache(maxsize=1)
def versions() -> str:
    """Versions of the PDF stack, read from package metadata (importing WeasyPrint costs 0.7 s)."""
    from importlib.metadata import version

    return " ".join(f"{name} {version(name)}" for name in ("weasyprint", "pydyf", "pikepdf", "fonttools"))


def render_pdf(htmls: tuple[tuple[str, str], ...] | str, out: Path, title: str, max_pages: int = 0) -> int:
    """Render one tagged, fillable PDF; returns its page count.

    Of several variants, the first within ``max_pages`` is kept. When page 1 overflows (the
    worksheet starts after page 2), later variants that add to page 1 ("front") are skipped,
    and when it overflows without them, only "terse" variants can help.
    """
    import weasyprint

    variants = [(htmls, "")] if isinstance(htmls, str) else list(htmls)
    full = set()  # page 1 overflowed: "front" (with the lists added), "plain" (even without them)
    for html, tags in variants:
        if ("front" in tags and full) or ("terse" not in tags and "plain" in full):
            continue
        doc = weasyprint.HTML(string=html, base_url=str(ROOT)).render()
        if not max_pages or len(doc.pages) <= max_pages:
            break
        if _worksheet_page(doc) >= max_pages:  # the worksheet starts after page 2: page 1 is too full
            if "terse" in tags and "front" not in tags:
                break  # page 1 is full even with terse steps: a smaller worksheet cannot help
            full.add("front" if "front" in tags else "plain")
    doc.metadata.title = title  # the language WeasyPrint takes from <html lang> (the words' locale)
    # A name of its own per process: two builds that share the cache (a fork's tree and this one,
    # or two test workers) may render the same handout at once; the last rename wins, both whole.
    tmp = out.with_name(f"{out.stem}.{os.getpid()}.{uuid.uuid4().hex[:8]}.tmp")
    doc.write_pdf(
        tmp, pdf_variant="pdf/ua-1", pdf_forms=True, uncompressed_pdf=False, optimize_images=True, custom_metadata=False
    )
    try:
        finish_pdf(tmp)
        tmp.replace(out)
    finally:
        tmp.unlink(missing_ok=True)
    return len(doc.pages)


def _worksheet_page(doc) -> int:
    """The (0-based) page where the worksheet heading (id="worksheet") is; 0 if none."""
    return next((i for i, page in enumerate(doc.pages) if "worksheet" in page.anchors), 0)


def warm_up() -> None:
    """Import the PDF stack once per worker, so each job's time is its own render."""
    import pikepdf  # noqa: F401
    import weasyprint  # noqa: F401


def render_job(job: Job) -> tuple[str, float, int]:
    """Render one handout into the cache, unless another build sharing the cache rendered it
    while this one waited (the tests build the same tree several times at once; a fork's tree
    and this one share the cache too). One lock per handout, so different handouts never wait."""
    start = time.perf_counter()
    out = CACHE_DIR / f"{job.key}.pdf"
    with _key_lock(out):
        if out.exists():
            import pikepdf

            with pikepdf.open(out) as done:
                return job.out_name, 0.0, len(done.pages)
        pages = render_pdf(job.htmls, out, job.title, job.max_pages)
    return job.out_name, time.perf_counter() - start, pages


@contextmanager
def _key_lock(out: Path):
    """An exclusive lock on ``<key>.lock`` beside the PDF; none where the OS has no flock."""
    try:
        import fcntl
    except ImportError:  # Windows: two builds at once may render the same handout; both results are whole
        yield
        return
    with open(out.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
