"""Allow ``python -m commonground.voting``."""

import gc
import sys

from .cli import main

# A count builds a few hundred thousand tuples and no reference cycles worth collecting,
# and the process ends with it: the cyclic collector's passes over them cost a quarter of
# a large file's parse time (issue 18), so this process does without it.
gc.disable()
sys.exit(main())
