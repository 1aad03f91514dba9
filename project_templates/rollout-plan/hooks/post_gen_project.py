"""Write this project's synthetic data, then the views and worked figures computed from it, then the manifest.

The README summary, the worked memo and the generated tables of plan.md are written by the
project's own scripts (the same code `make report` and `make plan` run), so every figure in them
comes from this project's data.
"""

import sys
from pathlib import Path

from scaffolder import manifest
from scaffolder.hooks import finish_project

result = finish_project()
root = Path.cwd()
sys.dont_write_bytecode = True
sys.path.insert(0, str(root / "scripts"))
import plan_views  # noqa: E402
import worked  # noqa: E402

plan_views.write(root, checked=False)
worked.write(root, checked=False)
manifest.write(root, result)
