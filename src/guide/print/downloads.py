"""Downloads: the book PDF (A4 and US Letter) and the offline edition, made by the normal build.

``make_all(site_dir)`` runs after the web build, inside the temporary folder
that is swapped in only on success.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from guide.paths import CACHE
from guide.print import book
from guide.print.names import paper_order


@dataclass(frozen=True)
class Names:
    """Download file names, from the site's short name (data/site.yml), so a clinic's carry its own."""

    offline: str
    folder: str
    papers: tuple[str, ...]  # the book's paper sizes, the home region's first

    @classmethod
    def of(cls, identity) -> Names:
        stem = identity.file_stem
        return cls(f"downloads/{stem}-offline.zip", stem, tuple(paper_order(identity.region)))

    def book(self, paper: str) -> str:
        """The book in one paper size, e.g. downloads/harbour-lane-guide-letter.pdf."""
        return f"downloads/{self.folder}-guide-{paper}.pdf"

    @property
    def books(self) -> list[str]:
        return [self.book(paper) for paper in self.papers]


def human_size(n: int) -> str:
    return f"{n / 1_048_576:.1f} MB" if n >= 1_048_576 else f"{max(1, round(n / 1024))} KB"


def build_offline(zip_path: Path, config: Path, site, web_dir: Path, site_url: str) -> None:
    """The offline edition: the engine run once more with OFFLINE=true, plus the handouts of
    the web build. Cached by the Site's inputs, so a no-change build only copies the zip."""
    from guide.adapters import run

    cached = CACHE / "offline" / f"{site.fingerprint('offline', site_url)}.zip"
    if cached.exists():
        zip_path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(cached, zip_path)
        return
    with tempfile.TemporaryDirectory(prefix="offline-") as tmp:
        out = Path(tmp) / Names.of(site.identity).folder
        failed = run(config, out, site, {"OFFLINE": "true"})
        if failed:
            raise RuntimeError("offline edition: " + failed[-1])
        if (web_dir / "handouts").is_dir():
            shutil.copytree(web_dir / "handouts", out / "handouts")
        (out / "README.txt").write_text(
            site.ui["downloads"]["offline_readme"].format(name=site.identity.name), encoding="utf-8"
        )
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.tmp")  # per process: two builds may share the cache
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
            for path in sorted(out.rglob("*")):
                if path.is_file():
                    info = zipfile.ZipInfo(str(path.relative_to(tmp)), date_time=(2026, 1, 1, 0, 0, 0))
                    info.compress_type = zipfile.ZIP_DEFLATED
                    zf.writestr(info, path.read_bytes())
        partial.replace(cached)
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(cached, zip_path)


def carry_over(old_site: Path, new_site: Path, names: Names) -> list[str]:
    """Copy the book PDFs and the offline zip of the site being replaced into the new one (a
    quick rebuild while serving); the files copied. Only files under the names the new site
    links to: after a change of name, the old files are left behind and the buttons say "not
    built" until the next full build."""
    kept = []
    for name in (*names.books, names.offline):
        if (old_site / name).is_file():
            (new_site / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(old_site / name, new_site / name)
            kept.append(name.rsplit("/", 1)[-1])
    return kept


def fill_sizes(site_dir: Path, not_built: str) -> None:
    """Write the real file sizes into the pages that list downloads (``not_built`` where a file is missing)."""
    for page in site_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if 'class="filesize"' not in text:
            continue

        def size(m):
            target = site_dir / m.group(1)
            label = human_size(target.stat().st_size) if target.exists() else not_built
            return f'<span class="filesize" data-file="{m.group(1)}">{label}</span>'

        import re

        page.write_text(
            re.sub(r'<span class="filesize" data-file="([^"]+)">[^<]*</span>', size, text), encoding="utf-8"
        )


def _book_child(site, site_url: str, out: str) -> None:
    try:
        for paper in Names.of(site.identity).papers:
            book.build(site, Path(out.format(paper=paper)), site_url, paper)
    except BaseException as exc:  # noqa: BLE001 (reported by the parent, which decides)
        Path(out.format(paper="error")).with_suffix(".err").write_text(f"book: {exc}", encoding="utf-8")
        raise SystemExit(1) from None


class BookJob:
    """The book PDFs (one per paper size), rendered in one process of their own while the web
    site and the handouts build.

    On two cores this takes the book (about 20 s of one core per size) off the critical path of
    a cold build. ``result()`` waits for it; ``cancel()`` stops it when the build fails.
    """

    def __init__(self, site, site_url: str):
        self.dir = Path(tempfile.mkdtemp(prefix="guide-book-"))
        self.papers = Names.of(site.identity).papers
        self.out = str(self.dir / "book-{paper}.pdf")
        self.proc = None
        cached = [book.cached_path(site, site_url, paper) for paper in self.papers]
        if all(path.exists() for path in cached):  # nothing changed: no process, just copies
            for paper, path in zip(self.papers, cached, strict=True):
                shutil.copyfile(path, self.out.format(paper=paper))
            return
        self.proc = multiprocessing.get_context("fork").Process(
            target=_book_child, args=(site, site_url, self.out), daemon=True
        )
        self.proc.start()

    def result(self) -> dict[str, Path]:
        """The book file of each paper size."""
        outs = {paper: Path(self.out.format(paper=paper)) for paper in self.papers}
        if self.proc is None:
            return outs
        self.proc.join()
        err = Path(self.out.format(paper="error")).with_suffix(".err")
        if self.proc.exitcode != 0 or not all(path.exists() for path in outs.values()):
            raise RuntimeError(
                err.read_text(encoding="utf-8")
                if err.exists()
                else f"book: the process stopped with code {self.proc.exitcode}"
            )
        return outs

    def cancel(self) -> None:
        if self.proc is not None:
            if self.proc.is_alive():
                self.proc.terminate()
            self.proc.join()
        shutil.rmtree(self.dir, ignore_errors=True)


def make_all(site_dir: Path, config: Path, site, site_url: str, book_job: BookJob | None = None) -> None:
    names = Names.of(site.identity)
    if book_job is not None:
        for paper, path in book_job.result().items():
            (site_dir / names.book(paper)).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, site_dir / names.book(paper))
    else:
        for paper in names.papers:
            book.build(site, site_dir / names.book(paper), site_url, paper)
    build_offline(site_dir / names.offline, config, site, site_dir, site_url)
    fill_sizes(site_dir, site.ui["downloads"]["not_built"])
    shutil.rmtree(site_dir / "downloads" / "__pycache__", ignore_errors=True)
