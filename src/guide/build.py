"""Build the site safely: check, build into a temporary folder, swap in.

A failed build never touches the last good ``site/``. Usage:
    python scripts/build_site.py [--site-dir site] [--config mkdocs.yml]
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from guide.checks import content, sitecheck
from guide.paths import DOCS, ROOT, SITE


class _Collect(logging.Handler):
    """Keeps MkDocs' warnings and errors, to print as plain lines if the build fails."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname.lower()}: {record.getMessage()}")


@contextlib.contextmanager
def _environ(extra: dict[str, str]):
    saved = {k: os.environ.get(k) for k in extra}
    os.environ.update(extra)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def run_mkdocs(config: Path, out: Path, env_extra: dict[str, str] | None = None) -> list[str]:
    """A strict MkDocs build into ``out``, in this process (no second interpreter, no second content check).

    Returns the problems as lines; an empty list means the build succeeded.
    """
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    logger = logging.getLogger("mkdocs")
    collect, propagate = _Collect(), logger.propagate
    logger.addHandler(collect)
    logger.propagate = False  # Python's last-resort handler would print them a second time
    try:
        with _environ(env_extra or {}):
            cfg = load_config(str(config), strict=True, site_dir=str(out))
            cfg.plugins.on_startup(command="build", dirty=False)
            try:
                mkdocs_build(cfg, dirty=False)
            finally:
                cfg.plugins.on_shutdown()
    except Exception as exc:  # mkdocs' Abort, ConfigurationError, PluginError, or a bug in a hook
        message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
        if any(message in line for line in collect.lines):  # MkDocs has logged it already
            return collect.lines
        if not type(exc).__module__.startswith(("mkdocs", "click")):  # a bug: say where it happened
            import traceback

            frame = traceback.extract_tb(exc.__traceback__)[-1]
            message = f"{type(exc).__name__}: {message} (at {frame.filename}:{frame.lineno})"
        collect.lines.append(f"error: {message}")
        return collect.lines or [f"error: {type(exc).__name__}"]
    finally:
        logger.removeHandler(collect)
        logger.propagate = propagate
    return []


def swap_in(new: Path, site: Path) -> None:
    old = site.with_name(site.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if site.exists():
        site.rename(old)
    new.rename(site)
    if old.exists():
        shutil.rmtree(old)


def build(site: Path = SITE, config: Path = ROOT / "mkdocs.yml", env_extra: dict[str, str] | None = None,
          extras: bool = True) -> int:
    start = time.perf_counter()
    checked, problems = content.check(DOCS)
    for warning in checked.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"{len(problems)} content problem(s); nothing was built and {site.name}/ was left as it was.",
              file=sys.stderr)
        return 1
    content.mark_prechecked(checked)
    site.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{site.name}-new-", dir=site.parent))
    env = {**os.environ, **(env_extra or {})}
    book_job = None
    if extras:  # the downloads import the PDF stack; only then
        from guide import config as mkdocs_config
        from guide.print import downloads

        with _environ(env_extra or {}):
            book_job = downloads.BookJob(mkdocs_config.site_url(config))
    try:
        failed = run_mkdocs(config, tmp, env_extra)
        if failed:
            print("\n".join(failed), file=sys.stderr)
            print(f"The build failed; {site.name}/ was left as it was.", file=sys.stderr)
            return 1
        bad = sitecheck.phone_problems(tmp)
        if bad:
            for problem in bad:
                print(problem, file=sys.stderr)
            print(f"The build failed; {site.name}/ was left as it was.", file=sys.stderr)
            return 1
        if book_job is not None:  # the book PDF and the offline edition, inside the same safe swap
            try:
                downloads.make_all(tmp, config, _site_url(tmp), env, book_job)
            except Exception as exc:
                print(f"downloads: {exc}. The build failed; {site.name}/ was left as it was.", file=sys.stderr)
                return 1
        swap_in(tmp, site)
    finally:
        if book_job is not None:
            book_job.cancel()
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    pages = len(sitecheck.pages(site))
    print(f"built {pages} pages into {site.name}/ in {time.perf_counter() - start:.1f} s")
    return 0


def _site_url(site: Path) -> str:
    import re

    sitemap = site / "sitemap.xml"
    m = re.search(r"<loc>(.*?)</loc>", sitemap.read_text(encoding="utf-8")) if sitemap.exists() else None
    return m.group(1) if m else "https://example.org/"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, default=SITE)
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml")
    parser.add_argument("--no-downloads", action="store_true", help="skip the book PDF and the offline edition")
    args = parser.parse_args(argv)
    extras = not args.no_downloads and os.environ.get("OFFLINE", "").lower() != "true"
    return build(args.site_dir.resolve(), args.config.resolve(), extras=extras)


if __name__ == "__main__":
    sys.exit(main())
