"""The orchestrator: load the Site, run the engine once, then the file steps, then swap in.

1. Load and check every source once (``guide.site.Site``); stop with one line per problem.
2. Run the engine (GUIDE_ENGINE: MkDocs, ProperDocs or Zensical, through ``guide.adapters``)
   strictly into a temporary folder.
3. Only after a good engine run: the phone-number check on the built pages, the handouts,
   the book and the offline edition (each cached by its inputs).
4. Swap the new folder in. A failed build never touches the last good ``site/``.

Usage: python -m guide.build [--site-dir site] [--config mkdocs.yml] [--no-downloads | --web-only]
                             [--keep-downloads]

``--web-only`` leaves out every PDF and the offline edition (the web pages and their file steps
only): for the benchmark's scale sites and a quick look. Download buttons then say "not built".
``--keep-downloads`` (with ``--no-downloads``) carries the book and the offline edition over from
the site being replaced, unchanged: `make serve` shows an edit in seconds this way, then builds
them again in the background (the book alone takes a minute or two to render).
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from guide.checks import sitecheck
from guide.paths import ROOT, SITE
from guide.print import links
from guide.site import Site


def swap_in(new: Path, site: Path) -> None:
    old = site.with_name(site.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if site.exists():
        site.rename(old)
    new.rename(site)
    if old.exists():
        shutil.rmtree(old)


def _fail(lines: list[str], site: Path) -> int:
    for line in lines:
        print(line, file=sys.stderr)
    print(f"The build failed; {site.name}/ was left as it was.", file=sys.stderr)
    return 1


def build(
    site: Path = SITE,
    config: Path = ROOT / "mkdocs.yml",
    env_extra: dict[str, str] | None = None,
    extras: bool = True,
    handouts_too: bool = True,
    keep_downloads: bool = False,
) -> int:
    from guide.adapters import environ, run

    start = time.perf_counter()
    with environ(env_extra or {}):
        loaded, problems = Site.load(config.parent, config)
        site_url = loaded.site_url if loaded is not None else ""
        deploy = links.deploying()
    if loaded is not None and not site_url:
        if deploy:  # a published site must never print a placeholder or no address on its sheets
            problems = [
                "error: data/site.yml: site_url: no real web address for a deploy build, so the sheets would "
                "print none. Fix: set site_url in data/site.yml (or the SITE_URL variable), e.g. "
                "https://guide.example-clinic.org/"
            ]
            loaded = None
        else:
            print(
                "note: no web address is set (site_url in data/site.yml, or SITE_URL), so pages carry no "
                "canonical link and handouts print no address or QR code.",
                file=sys.stderr,
            )
    elif loaded is not None:
        print(f"address: {site_url}", file=sys.stderr)
    if loaded is None:
        for problem in problems:
            print(problem, file=sys.stderr)
        print(
            f"{len(problems)} content problem(s); nothing was built and {site.name}/ was left as it was.",
            file=sys.stderr,
        )
        return 1
    for warning in loaded.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    site.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{site.name}-new-", dir=site.parent))
    book_job = None
    try:
        failed = run(config, tmp, loaded, env_extra)
        if failed:
            return _fail(failed, site)
        bad = sitecheck.phone_problems(tmp, loaded.helplines, (loaded.identity.contact.phone,))
        if bad:
            return _fail([str(p) for p in bad], site)
        print(
            f"web pages built in {time.perf_counter() - start:.1f} s"
            + ("; now the handouts" if handouts_too else "; web only: no handouts, book or offline edition"),
            file=sys.stderr,
        )
        from guide.print import downloads, handouts  # the PDF stack, only after a good engine run

        if extras:  # the book renders in its own process while the handouts render
            book_job = downloads.BookJob(loaded, site_url)
        try:
            if handouts_too:
                handouts.build_all(loaded, tmp, site_url)
        except Exception as exc:  # noqa: BLE001 (one line, never a traceback; site/ is left as it was)
            return _fail([f"handouts: {type(exc).__name__}: {exc}"], site)
        if extras:
            try:
                with environ(env_extra or {}):
                    downloads.make_all(tmp, config, loaded, site_url, book_job)
            except Exception as exc:  # noqa: BLE001 (reported as one line)
                return _fail([f"downloads: {exc}"], site)
        if keep_downloads and not extras:
            kept = downloads.carry_over(site, tmp, downloads.Names.of(loaded.identity))
            if kept:
                print(f"kept from the last full build: {', '.join(kept)}", file=sys.stderr)
        downloads.fill_sizes(tmp, loaded.ui["downloads"]["not_built"])
        swap_in(tmp, site)
    finally:
        if book_job is not None:
            book_job.cancel()
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    pages = len(sitecheck.pages(site))
    print(f"built {pages} pages into {site.name}/ in {time.perf_counter() - start:.1f} s")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, default=SITE)
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml")
    parser.add_argument("--no-downloads", action="store_true", help="skip the book PDF and the offline edition")
    parser.add_argument("--web-only", action="store_true", help="skip every PDF and the offline edition")
    parser.add_argument(
        "--keep-downloads",
        action="store_true",
        help="with --no-downloads: carry the book and offline edition over from the site being replaced",
    )
    args = parser.parse_args(argv)
    extras = not (args.no_downloads or args.web_only) and os.environ.get("OFFLINE", "").lower() != "true"
    return build(
        args.site_dir.resolve(),
        args.config.resolve(),
        extras=extras,
        handouts_too=not args.web_only,
        keep_downloads=args.keep_downloads,
    )


if __name__ == "__main__":
    sys.exit(main())
