"""Build the site into site/ safely (see guide.build)."""

import sys

from guide.build import main

if __name__ == "__main__":
    sys.exit(main())
