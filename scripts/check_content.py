"""Check every page against the content model without building (see guide.checks.content)."""

import sys

from guide.checks.content import main

if __name__ == "__main__":
    sys.exit(main())
