"""Allow ``python -m scaffolder.check``."""

import sys

from scaffolder.check.command import main

sys.exit(main())
