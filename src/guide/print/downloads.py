"""Downloads: the book PDF and the offline edition, made by the normal build.

``make_all(site_dir)`` runs after the web build, inside the temporary folder
that is swapped in only on success.
"""

from __future__ import annotations

import multiprocessing
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from guide.paths import CACHE
from guide.print import book


@dataclass(frozen=True)
class Names:
    """Download file names, from the site's short name (data/site.yml), so a clinic's carry its own."""

    book: str
    offline: str
    folder: str

    @classmethod
    def of(cls, identity) -> Names:
        stem = identity.file_stem
        return cls(f"downloads/{stem}-guide.pdf", f"downloads/{stem}-offline.zip", stem)


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
        (out / "README.txt").write_text(site.ui["downloads"]["offline_readme"].format(name=site.identity.name),
                                        encoding="utf-8")
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(".tmp")
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
            for path in sorted(out.rglob("*")):
                if path.is_file():
                    info = zipfile.ZipInfo(str(path.relative_to(tmp)), date_time=(2026, 1, 1, 0, 0, 0))
                    info.compress_type = zipfile.ZIP_DEFLATED
                    zf.writestr(info, path.read_bytes())
        partial.replace(cached)
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(cached, zip_path)


def fill_sizes(site_dir: Path) -> None:
    """Write the real file sizes into the pages that list downloads."""
    for page in site_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if 'class="filesize"' not in text:
            continue

        def size(m):
            target = site_dir / m.group(1)
            label = human_size(target.stat().st_size) if target.exists() else "not built"
            return f'<span class="filesize" data-file="{m.group(1)}">{label}</span>'

        import re

        page.write_text(re.sub(r'<span class="filesize" data-file="([^"]+)">[^<]*</span>', size, text), encoding="utf-8")


def _book_child(site, site_url: str, out: str) -> None:
    try:
        book.build(site, Path(out), site_url)
    except BaseException as exc:  # noqa: BLE001 (reported by the parent, which decides)
        Path(out).with_suffix(".err").write_text(f"book: {exc}", encoding="utf-8")
        raise SystemExit(1) from None


class BookJob:
    """The book PDF, rendered in its own process while the web site and the handouts build.

    On two cores this takes the book (about 20 s of one core) off the critical path of a
    cold build. ``result()`` waits for it; ``cancel()`` stops it when the build fails.
    """

    def __init__(self, site, site_url: str):
        self.dir = Path(tempfile.mkdtemp(prefix="guide-book-"))
        self.out = self.dir / "book.pdf"
        self.proc = None
        if book.cached_path(site, site_url).exists():  # nothing changed: no process, just a copy
            shutil.copyfile(book.cached_path(site, site_url), self.out)
            return
        self.proc = multiprocessing.get_context("fork").Process(
            target=_book_child, args=(site, site_url, str(self.out)), daemon=True)
        self.proc.start()

    def result(self) -> Path:
        if self.proc is None:
            return self.out
        self.proc.join()
        err = self.out.with_suffix(".err")
        if self.proc.exitcode != 0 or not self.out.exists():
            raise RuntimeError(err.read_text(encoding="utf-8") if err.exists()
                               else f"book: the process stopped with code {self.proc.exitcode}")
        return self.out

    def cancel(self) -> None:
        if self.proc is not None:
            if self.proc.is_alive():
                self.proc.terminate()
            self.proc.join()
        shutil.rmtree(self.dir, ignore_errors=True)


def make_all(site_dir: Path, config: Path, site, site_url: str, book_job: BookJob | None = None) -> None:
    names = Names.of(site.identity)
    if book_job is not None:
        (site_dir / names.book).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(book_job.result(), site_dir / names.book)
    else:
        book.build(site, site_dir / names.book, site_url)
    build_offline(site_dir / names.offline, config, site, site_dir, site_url)
    fill_sizes(site_dir)
    shutil.rmtree(site_dir / "downloads" / "__pycache__", ignore_errors=True)
