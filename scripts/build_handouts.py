"""Render every handout into site/handouts without building the site (see guide.print.handouts)."""

import argparse
import sys

from guide.paths import SITE
from guide.print import handouts
from guide.site import Site

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--site-dir", default=str(SITE))
    parser.add_argument("--site-url", default="")
    args = parser.parse_args()
    site, problems = Site.load()
    for problem in problems:
        print(problem, file=sys.stderr)
    if site is None:
        sys.exit(1)
    handouts.build_all(site, args.site_dir, args.site_url)
    sys.exit(0)
