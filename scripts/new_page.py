"""Start a new article or exercise from a valid template, or remove a page safely.

Usage:
    python scripts/new_page.py exercise "Sharing a worry"
    python scripts/new_page.py article "When you feel stuck"
    python scripts/new_page.py article "Our fees" --local   (a fork: docs/local/ and local_nav, not mkdocs.yml)
    python scripts/new_page.py remove SLUG        (lists what points at it; removes it only if nothing does)
    python scripts/new_page.py hide SLUG          (a fork: leaves one of our pages out, in data/site.local.yml)
"""

import argparse
import sys

from guide import paths
from guide.remove import RemoveError, hide_page, remove_page
from guide.scaffold import KINDS, ScaffoldError, new_page


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "kind", choices=[*KINDS, "remove", "hide"], help="the kind of page to create, or 'remove' or 'hide'"
    )
    parser.add_argument("title", help="the page title (3 to 80 characters, no '#'), or the slug to remove or hide")
    parser.add_argument(
        "--local", action="store_true", help="a fork's own page: listed in local_nav in data/site.local.yml"
    )
    parser.add_argument("--section", default="Our pages", help="the local_nav section for --local (default: Our pages)")
    args = parser.parse_args(argv)
    if args.kind in ("remove", "hide"):
        try:
            done = (remove_page if args.kind == "remove" else hide_page)(args.title)
        except RemoveError as exc:
            print(exc, file=sys.stderr)
            return 1
        print("\n".join(done))
        return 0
    try:
        path = new_page(args.kind, args.title, local=args.local, section=args.section)
    except ScaffoldError as exc:
        print(exc, file=sys.stderr)
        return 1
    where = "local_nav in data/site.local.yml" if args.local else "the nav in mkdocs.yml"
    print(f"created {path.relative_to(paths.ROOT).as_posix()} (added to {where})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
