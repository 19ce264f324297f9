"""Build the site, serve it, and rebuild on every change (see guide.web.serve). Used by `make serve`."""

import sys

from guide.web.serve import main

if __name__ == "__main__":
    sys.exit(main())
