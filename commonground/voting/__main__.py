"""Allow ``python -m commonground.voting``."""

import sys

from .cli import main

sys.exit(main())
