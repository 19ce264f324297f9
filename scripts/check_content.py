"""Check every page against the content model without building (see guide.content)."""

import sys

from guide.content import main

if __name__ == "__main__":
    sys.exit(main())
