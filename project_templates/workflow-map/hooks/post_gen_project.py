"""Draw this project's diagrams from its workflow.yaml, then write its synthetic data and .prooflane.json manifest.

The diagrams quote figures computed from this project's own data, so they are drawn here by the
project's own renderer rather than shipped pre-drawn (the same bytes `make map` would write).
"""

import sys
from pathlib import Path

from scaffolder.hooks import finish_project

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path.cwd()))
from workflow_map.render import write_all  # noqa: E402

write_all(Path.cwd(), validate=False)  # the schema check needs jsonschema, which the project's .venv installs
sys.path.remove(str(Path.cwd()))
for name in [n for n in sys.modules if n == "workflow_map" or n.startswith("workflow_map.")]:
    del sys.modules[name]

finish_project()
