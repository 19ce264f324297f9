"""Reading grade (Flesch-Kincaid) of every built page; fails above grade 8.0.

Usage: python scripts/check_grade.py [--site-dir site]
"""

import argparse
import sys
from pathlib import Path

from guide.checks.grade import report
from guide.paths import SITE

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, default=SITE)
    args = parser.parse_args()
    text, failures = report(args.site_dir)
    print(text)
    sys.exit(1 if failures else 0)
