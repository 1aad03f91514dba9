"""Write this project's synthetic data, build its offline report, then write the .prooflane.json manifest.

The report quotes the drafts, the worked rewrite and the score sheets, so it is built here by the
project's own scripts/report.py (the same bytes `make report` writes) and can be read without running anything.
"""

import json
import sys
from pathlib import Path

from scaffolder.hooks import CONTEXT_FILE, finish_project, write_datasets

OWN_MODULES = ("report", "inputs", "readability", "instruments")

root = Path.cwd()
context = json.loads((root / CONTEXT_FILE).read_text(encoding="utf-8"))
write_datasets(root, context, int(str(context.get("seed", "42")).strip()))
scripts = str(root / "scripts")
bytecode, sys.dont_write_bytecode = sys.dont_write_bytecode, True
saved = {name: sys.modules.pop(name) for name in OWN_MODULES if name in sys.modules}
sys.path.insert(0, scripts)
try:
    import report  # noqa: E402  (the project's own report builder)

    report.build(root)
finally:
    sys.path.remove(scripts)
    for name in OWN_MODULES:
        sys.modules.pop(name, None)
    sys.modules.update(saved)
    sys.dont_write_bytecode = bytecode

finish_project()
