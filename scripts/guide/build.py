"""Build the site safely: check, build into a temporary folder, swap in.

A failed build never touches the last good ``site/``. Usage:
    python scripts/build_site.py [--site-dir site] [--config mkdocs.yml]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import content, downloads, sitecheck
from .paths import ROOT, SITE


def run_mkdocs(config: Path, out: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    # Not -q: quiet hides the warnings that --strict counts (MkDocs 1.6.1).
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-f", str(config), "-d", str(out)]
    return subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)


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
    checked, problems = content.check()
    for warning in checked.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"{len(problems)} content problem(s); nothing was built and {site.name}/ was left as it was.",
              file=sys.stderr)
        return 1
    site.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{site.name}-new-", dir=site.parent))
    env = {**os.environ, **(env_extra or {})}
    try:
        result = run_mkdocs(config, tmp, env)
        if result.returncode != 0:
            lines = [ln for ln in (result.stderr + result.stdout).splitlines()
                     if ln.strip() and not ln.startswith(("INFO", "DEBUG", "handouts")) and "\x1b" not in ln]
            print("\n".join(lines) or result.stderr, file=sys.stderr)
            print(f"The build failed; {site.name}/ was left as it was.", file=sys.stderr)
            return 1
        sys.stderr.write("".join(ln + "\n" for ln in result.stderr.splitlines() if ln.startswith("handouts")))
        bad = sitecheck.phone_problems(tmp)
        if bad:
            for problem in bad:
                print(problem, file=sys.stderr)
            print(f"The build failed; {site.name}/ was left as it was.", file=sys.stderr)
            return 1
        if extras:  # the book PDF and the offline edition, inside the same safe swap
            try:
                downloads.make_all(tmp, config, _site_url(tmp), env)
            except Exception as exc:
                print(f"downloads: {exc}. The build failed; {site.name}/ was left as it was.", file=sys.stderr)
                return 1
        swap_in(tmp, site)
    finally:
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
