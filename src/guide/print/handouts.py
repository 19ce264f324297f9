"""Printable handouts: a fillable, tagged PDF per exercise, and a pack per programme.

Works from the content model and the Markdown only (no MkDocs), so it also
runs alone: ``python scripts/build_handouts.py``. PDFs are cached by a hash
of everything that shapes them; unchanged handouts cost a file copy.
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

from guide.checks.content import Page
from guide.markdown import render as md_render
from guide.model import KIND_LABELS, WHO_LABELS
from guide.paths import CACHE, ROOT, TEMPLATES
from guide.web.fragments import env, page_url

PAPERS = {"a4": "A4", "letter": "letter"}
FONTS = Path(__file__).parent / "fonts"  # for the PDFs only: the web pages use system fonts
CACHE_DIR = CACHE / "handouts"
FORM_FONT = "atkinson-hyperlegible-next-latin-400-normal.woff2"


@dataclass(frozen=True)
class Job:
    key: str
    out_name: str
    html: str
    title: str


@lru_cache(maxsize=1)
def print_fonts() -> Path:
    """The body fonts as plain TrueType, converted once from the WOFF2 files.

    WeasyPrint would otherwise decompress the WOFF2 files for every PDF (about 0.1 s each).
    """
    from fontTools.ttLib import TTFont

    out_dir = CACHE_DIR / "fonts"
    out_dir.mkdir(parents=True, exist_ok=True)
    for source in sorted(FONTS.glob("*.woff2")):
        data = source.read_bytes()
        target = out_dir / f"{source.stem}-{hashlib.sha256(data).hexdigest()[:12]}.ttf"
        if not target.exists():
            font = TTFont(source)
            font.flavor = None
            tmp = target.with_suffix(f".{os.getpid()}.tmp")
            font.save(tmp)
            tmp.replace(target)  # atomic: the book process may convert at the same time
        link = out_dir / f"{source.stem}.ttf"
        if not link.exists() or link.read_bytes() != target.read_bytes():
            tmp = link.with_suffix(f".{os.getpid()}.tmp")
            shutil.copyfile(target, tmp)
            tmp.replace(link)
    return out_dir


def print_css(name: str, template: str = "handout.css") -> str:
    """A print template with its font folder and the site's name filled in."""
    css = (TEMPLATES / template).read_text(encoding="utf-8")
    return css.replace("{{FONTS}}", print_fonts().as_uri()).replace("{{NAME}}", name.replace('"', ""))


def _css(name: str) -> str:
    css = print_css(name)
    # Form fields embed their whole font, so they use a small one (see README, "Handouts").
    css += f'\n@font-face {{ font-family: "Form Sans"; src: url("{_form_font().as_uri()}"); }}\n'
    return css


@lru_cache(maxsize=1)
def _form_font() -> Path:
    """A Basic Latin subset of the body font, for PDF form fields (about 8 KB)."""
    from fontTools import subset

    out = CACHE_DIR / "form-sans.ttf"
    source = FONTS / FORM_FONT
    stamp = out.with_suffix(".src")
    if out.exists() and stamp.exists() and stamp.read_text() == str(source.stat().st_size):
        return out
    out.parent.mkdir(parents=True, exist_ok=True)
    options = subset.Options()
    options.flavor = None
    options.layout_features = []
    options.name_IDs = [1, 2, 4, 6]
    font = subset.load_font(str(source), options)
    sub = subset.Subsetter(options)
    sub.populate(unicodes=range(0x20, 0x7F))
    sub.subset(font)
    subset.save_font(font, str(out), options)
    stamp.write_text(str(source.stat().st_size))
    return out


def _help_line(site) -> str:
    ident, lines = site.identity, site.helplines
    emergency = {"UK": "emergency-uk", "US": "emergency-us", "Canada": "emergency-us",
                 "Australia": "emergency-au"}.get(ident.region, "emergency-eu")
    number = lines[emergency].main_number
    return f"In danger, call {number}. Help lines: see the Get help now page on our website."


def _qr(url: str) -> str:
    import segno  # only when a handout is rendered (its import costs 25 ms)

    svg = segno.make(url, error="m").svg_inline(scale=2, border=0, omitsize=True)
    return svg.replace("<svg ", '<svg role="img" aria-label="QR code for the web address" ', 1)


def _doc(page: Page, site, site_url: str) -> dict:
    body = md_render.to_html(page.source.body, site)
    body = md_render.absolute_links(body, page.src_uri, site_url)
    # WeasyPrint tags a <caption> as a separate, row-less /Table; a heading paragraph reads the same.
    body = re.sub(r'<table class="tracker__table">\s*<caption>(.*?)</caption>',
                  r'<p class="tracker__caption">\1</p><table class="tracker__table">', body, flags=re.S)
    url = site_url.rstrip("/") + "/" + page_url(page.src_uri)
    return {"slug": page.slug, "meta": page.meta, "body": body, "url": url, "qr": _qr(url)}


def _html(site, docs: list[dict], title: str, summary: str, keywords: str, paper: str) -> str:
    return env().get_template("handout.html").render(
        docs=docs, title=title, summary=summary, keywords=keywords, css=_css(site.identity.name), page_size=PAPERS[paper],
        identity=site.identity, help_line=_help_line(site), kind_labels=KIND_LABELS, who_labels=WHO_LABELS)


def _pack_html(programme: Page, site, site_url: str, paper: str) -> str:
    content = site.content
    slugs = list(dict.fromkeys(s for w in programme.meta.weeks for s in w.exercises))
    docs = [_doc(content.exercises[s], site, site_url) for s in slugs]
    html = _html(site, docs, programme.meta.title, programme.meta.description, "programme, homework", paper)
    plan = env().get_template("pack_front.html").render(
        meta=programme.meta, docs=docs, identity=site.identity, content=content)
    return html.replace("<body>\n", "<body>\n" + plan, 1)


@lru_cache(maxsize=1)
def _versions() -> str:
    """Versions of the PDF stack, read from package metadata (importing WeasyPrint costs 0.7 s)."""
    from importlib.metadata import version

    return " ".join(f"{name} {version(name)}" for name in ("weasyprint", "pydyf", "pikepdf", "fonttools"))


def render_pdf(html: str, out: Path, title: str) -> None:
    """Render one tagged, fillable PDF (PDF/UA-1, fonts subset and embedded)."""
    import weasyprint

    doc = weasyprint.HTML(string=html, base_url=str(ROOT)).render()
    doc.metadata.title = title
    doc.metadata.lang = "en"
    tmp = out.with_suffix(".tmp")
    doc.write_pdf(tmp, pdf_variant="pdf/ua-1", pdf_forms=True, uncompressed_pdf=False,
                  optimize_images=True, custom_metadata=False)
    add_table_scopes(tmp)
    tmp.replace(out)


def add_table_scopes(path: Path) -> None:
    """Give table header cells a /Scope (Column in THead, Row in TBody).

    WeasyPrint tags <th> as /TH but does not carry the HTML scope attribute
    into the PDF, which PDF/UA checkers flag (UA-15-003).
    """
    import pikepdf

    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        tree = pdf.Root.get("/StructTreeRoot")
        if tree is None:
            return
        changed = False
        stack = [(tree, None)]
        while stack:
            node, section = stack.pop()
            kind = str(node.get("/S", "")) if isinstance(node, pikepdf.Dictionary) else ""
            if kind in ("/THead", "/TBody", "/TFoot"):
                section = kind
            if kind == "/TH":
                scope = pikepdf.Name("/Column") if section == "/THead" else pikepdf.Name("/Row")
                node.A = pikepdf.Dictionary(O=pikepdf.Name("/Table"), Scope=scope)
                changed = True
            kids = node.get("/K") if isinstance(node, pikepdf.Dictionary) else None
            if isinstance(kids, pikepdf.Array):
                stack += [(k, section) for k in kids if isinstance(k, pikepdf.Dictionary)]
            elif isinstance(kids, pikepdf.Dictionary):
                stack.append((kids, section))
        if changed:
            pdf.save(path, object_stream_mode=pikepdf.ObjectStreamMode.generate, compress_streams=True)


def _warm_up() -> None:
    """Import the PDF stack once per worker, so each job's time is its own render."""
    import pikepdf  # noqa: F401
    import weasyprint  # noqa: F401


def _render_job(job: Job) -> tuple[str, float]:
    start = time.perf_counter()
    target = CACHE_DIR / f"{job.key}.pdf"
    render_pdf(job.html, target, job.title)
    return job.out_name, time.perf_counter() - start


@lru_cache(maxsize=1)
def _code_stamp() -> str:
    """Everything in the code, templates and fonts that shapes a handout (relative names only)."""
    h = hashlib.sha256(_versions().encode())
    package = Path(__file__).resolve().parents[1]  # src/guide: names below are relative to it
    code = [*package.glob("print/*.py"), *package.glob("markdown/*.py"), *TEMPLATES.glob("*"), *FONTS.glob("*.woff2")]
    for path in sorted(code):
        h.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def _data_stamp(site) -> str:
    """The data that shapes a handout (identity and help lines), by value."""
    return hashlib.sha256((site.identity.model_dump_json() + repr(sorted(
        (k, v.model_dump_json()) for k, v in site.helplines.items()))).encode()).hexdigest()


def _input_key(site, sources: list[str], paper: str, site_url: str) -> str:
    """Cache key from the inputs, so a warm build never renders HTML it won't use."""
    h = hashlib.sha256((_code_stamp() + _data_stamp(site)).encode())
    for part in (paper, site_url, *sources):
        h.update(b"\0" + part.encode())
    return h.hexdigest()[:24]


@dataclass(frozen=True)
class Plan:
    key: str
    out_name: str
    title: str
    kind: str  # "exercise" or "pack"
    slug: str
    paper: str


def plans(site, site_url: str) -> list[Plan]:
    content = site.content
    out = []
    for paper in PAPERS:
        for page in content.exercises.values():
            key = _input_key(site, [page.source.text], paper, site_url)
            out.append(Plan(key, f"{page.slug}-{paper}.pdf", page.meta.title, "exercise", page.slug, paper))
        for programme in content.programmes.values():
            slugs = [s for w in programme.meta.weeks for s in w.exercises]
            sources = [programme.source.text] + [content.exercises[s].source.text for s in slugs]
            out.append(Plan(_input_key(site, sources, paper, site_url), f"pack-{programme.slug}-{paper}.pdf",
                            programme.meta.title, "pack", programme.slug, paper))
    return out


def _job(plan: Plan, site, site_url: str) -> Job:
    if plan.kind == "exercise":
        page = site.content.exercises[plan.slug]
        html = _html(site, [_doc(page, site, site_url)], page.meta.title, page.meta.summary, ", ".join(page.meta.keywords),
                     plan.paper)
    else:
        html = _pack_html(site.content.programmes[plan.slug], site, site_url, plan.paper)
    return Job(plan.key, plan.out_name, html, plan.title)


def jobs(site, site_url: str) -> list[Job]:
    """Every handout with its HTML (used by tests and the benchmark)."""
    return [_job(p, site, site_url) for p in plans(site, site_url)]


def build_all(site, site_dir: str | Path, site_url: str = "", workers: int | None = None,
              quiet: bool = False) -> dict:
    """Render what changed, copy every handout into ``site_dir/handouts``. Returns a summary."""
    start = time.perf_counter()
    site_url = site_url or "https://example.org/"
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    todo = plans(site, site_url)
    missing = [_job(p, site, site_url) for p in todo if not (CACHE_DIR / f"{p.key}.pdf").exists()]
    times: dict[str, float] = {}
    if missing:
        workers = workers or min(len(missing), os.cpu_count() or 1)
        tty = sys.stderr.isatty() and not quiet
        with ProcessPoolExecutor(max_workers=workers, initializer=_warm_up) as pool:
            for done, (name, seconds) in enumerate(pool.map(_render_job, missing), start=1):
                times[name] = seconds
                if not quiet:
                    end = "\r" if tty else "\n"
                    if tty or done == len(missing) or done % 10 == 0:
                        print(f"handouts: {done} of {len(missing)} rendered, {len(missing) - done} to go", end=end, file=sys.stderr, flush=True)
    out_dir = Path(site_dir) / "handouts"
    out_dir.mkdir(parents=True, exist_ok=True)
    for job in todo:
        target = out_dir / job.out_name
        source = CACHE_DIR / f"{job.key}.pdf"
        if not target.exists() or target.stat().st_size != source.stat().st_size or not _same(source, target):
            shutil.copyfile(source, target)
    summary = {"total": len(todo), "rendered": len(missing), "cached": len(todo) - len(missing),
               "seconds": round(time.perf_counter() - start, 2), "times": times}
    if missing:  # what the last render cost, per handout (read by the benchmark)
        (CACHE_DIR / "last-render.json").write_text(json.dumps(summary, indent=1), encoding="utf-8")
    if not quiet:
        print(f"handouts: {summary['rendered']} rendered, {summary['cached']} cached, "
              f"{summary['total']} in all, {summary['seconds']:.1f} s", file=sys.stderr)
    return summary


def _same(a: Path, b: Path) -> bool:
    return a.read_bytes() == b.read_bytes()
