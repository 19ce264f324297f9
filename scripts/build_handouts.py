"""Render every handout into site/handouts without building the site (see guide.print.handouts)."""

import argparse
import sys

from guide.checks import content
from guide.paths import SITE
from guide.print import handouts

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--site-dir", default=str(SITE))
    parser.add_argument("--site-url", default="")
    args = parser.parse_args()
    handouts.build_all(content.load(), args.site_dir, args.site_url)
    sys.exit(0)
