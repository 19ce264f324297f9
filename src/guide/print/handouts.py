"""Printable handouts: per exercise a full guide handout and a 1-2 page client sheet, and a
pack per programme; each fillable and tagged, in A4 and US Letter.

Works from the content model and the Markdown only (no MkDocs), so it also runs alone:
``python scripts/build_handouts.py``. PDFs are cached by a hash of everything that shapes
them (relative names only); unchanged handouts cost a file copy. The HTML is in
``guide.print.paper``, the render in ``guide.print.pdf``.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from guide.markdown import helpline_links
from guide.paths import ROOT, TEMPLATES
from guide.print import links, paper, pictures
from guide.print.fonts import FONTS
from guide.print.names import PAPERS, handout_name, pack_name, paper_order, sheet_name
from guide.print.pdf import CACHE_DIR, Job, render_job, versions, warm_up

__all__ = ["PAPERS", "build_all", "jobs", "plans", "sheet_name"]
SHEET_PAGES = 2  # a client sheet is at most two pages


@lru_cache(maxsize=1)
def _code_stamp() -> str:
    """Everything in the code, templates and fonts that shapes a handout (relative names only)."""
    h = hashlib.sha256(versions().encode())
    package = Path(__file__).resolve().parents[1]  # src/guide: names below are relative to it
    code = [*package.glob("print/*.py"), *package.glob("markdown/*.py"), *TEMPLATES.glob("*"), *FONTS.glob("*")]
    for path in sorted(p for p in code if p.is_file()):
        h.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def _data_stamp(site) -> str:
    """The data that shapes every handout (identity, interface words, mkdocs.yml's Markdown
    settings), by value. Help lines count only where a handout prints them (``_printed_lines``)."""
    return hashlib.sha256(
        (
            site.identity.model_dump_json(exclude={"local_nav"})  # the nav is never printed
            + json.dumps(site.ui, sort_keys=True)
            + repr(site.config.get("markdown_extensions"))
        ).encode()
    ).hexdigest()


_LINE_ID = re.compile(r"\[\[(?:helpline|phone):([A-Za-z0-9_-]+)\]\]")


def _printed_lines(site, pages: list) -> str:
    """The help lines these pages' handouts print, by value: the home region's emergency and crisis
    numbers (every sheet's footer, guide.print.links), every emergency number where a page says
    [[emergency]], and each line a page names. An edit to any other line renders no PDF again."""
    region = site.identity.region
    ids = {links.EMERGENCY.get(region, links.DEFAULT_EMERGENCY), links.CRISIS.get(region, "")}
    for page in pages:
        ids.update(_LINE_ID.findall(page.source.text))
        if "[[emergency]]" in page.source.text:
            ids.update(helpline_links.EMERGENCY)
    return repr(sorted((i, site.helplines[i].model_dump_json()) for i in ids if i in site.helplines))


def _input_key(site, kind: str, pages: list, paper_name: str, url: str) -> str:
    """Cache key from the inputs, so a warm build never renders HTML it won't use."""
    h = hashlib.sha256((_code_stamp() + _data_stamp(site) + _printed_lines(site, pages)).encode())
    for part in (kind, paper_name, url):
        h.update(b"\0" + part.encode())
    for page in pages:
        h.update(b"\0" + page.src_uri.encode() + b"\0" + page.source.text.encode())
        for picture in pictures.files(page.source.body, page.src_uri):
            h.update(picture.relative_to(ROOT).as_posix().encode() + b"\0" + picture.read_bytes())
    return h.hexdigest()[:24]


@dataclass(frozen=True)
class Plan:
    key: str
    out_name: str
    title: str
    kind: str  # "exercise" (full handout), "sheet" (client sheet) or "pack"
    slug: str
    paper: str


def plans(site, url: str) -> list[Plan]:
    content = site.content
    out = []
    for paper_name in paper_order(site.identity.region):
        for page in content.exercises.values():
            for kind, name in (
                ("exercise", handout_name(page.slug, paper_name)),
                ("sheet", sheet_name(page.slug, paper_name)),
            ):
                out.append(
                    Plan(
                        _input_key(site, kind, [page], paper_name, url),
                        name,
                        page.meta.title,
                        kind,
                        page.slug,
                        paper_name,
                    )
                )
        for programme in content.programmes.values():
            pages = [programme] + [content.exercises[s] for w in programme.meta.weeks for s in w.exercises]
            out.append(
                Plan(
                    _input_key(site, "pack", pages, paper_name, url),
                    pack_name(programme.slug, paper_name),
                    programme.meta.title,
                    "pack",
                    programme.slug,
                    paper_name,
                )
            )
    return out


def _job(plan: Plan, site, url: str) -> Job:
    if plan.kind == "pack":
        html = paper.pack_html(site.content.programmes[plan.slug], site, plan.paper, url)
        return Job(plan.key, plan.out_name, ((html, ""),), plan.title)
    page = site.content.exercises[plan.slug]
    if plan.kind == "sheet":
        return Job(plan.key, plan.out_name, paper.sheet_htmls(site, page, plan.paper, url), plan.title, SHEET_PAGES)
    return Job(plan.key, plan.out_name, ((paper.handout_html(site, page, plan.paper, url), ""),), plan.title)


def jobs(site, site_url: str) -> list[Job]:
    """Every handout with its HTML (used by tests and the benchmark)."""
    url = links.paper_url(site_url)
    return [_job(p, site, url) for p in plans(site, url)]


def build_all(site, site_dir: str | Path, site_url: str = "", workers: int | None = None, quiet: bool = False) -> dict:
    """Render what changed, copy every handout into ``site_dir/handouts``. Returns a summary.

    With no real address (``site_url`` empty or a placeholder) paper prints none; the
    orchestrator says so once, and a deploy build stops before this step.
    """
    start = time.perf_counter()
    url = links.paper_url(site_url)
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    todo = plans(site, url)
    missing = [_job(p, site, url) for p in todo if not (CACHE_DIR / f"{p.key}.pdf").exists()]
    times: dict[str, float] = {}
    pages: dict[str, int] = {}
    if missing:
        workers = workers or min(len(missing), os.cpu_count() or 1)
        tty = sys.stderr.isatty() and not quiet
        with ProcessPoolExecutor(max_workers=workers, initializer=warm_up) as pool:
            for done, (name, seconds, count) in enumerate(pool.map(render_job, missing), start=1):
                times[name], pages[name] = seconds, count
                if not quiet and (tty or done == len(missing) or done % 10 == 0):
                    print(
                        f"handouts: {done} of {len(missing)} rendered, {len(missing) - done} to go",
                        end="\r" if tty else "\n",
                        file=sys.stderr,
                        flush=True,
                    )
    out_dir = Path(site_dir) / "handouts"
    out_dir.mkdir(parents=True, exist_ok=True)
    for plan in todo:
        target, source = out_dir / plan.out_name, CACHE_DIR / f"{plan.key}.pdf"
        if (
            not target.exists()
            or target.stat().st_size != source.stat().st_size
            or target.read_bytes() != source.read_bytes()
        ):
            shutil.copyfile(source, target)
    summary = {
        "total": len(todo),
        "rendered": len(missing),
        "cached": len(todo) - len(missing),
        "seconds": round(time.perf_counter() - start, 2),
        "times": times,
        "pages": pages,
    }
    if missing:  # what the last render cost, per handout (read by the benchmark)
        (CACHE_DIR / "last-render.json").write_text(json.dumps(summary, indent=1), encoding="utf-8")
    if not quiet:
        print(
            f"handouts: {summary['rendered']} rendered, {summary['cached']} cached, "
            f"{summary['total']} in all, {summary['seconds']:.1f} s",
            file=sys.stderr,
        )
    return summary
