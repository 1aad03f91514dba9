"""Write this project's synthetic data, build its offline report, then write the .prooflane.json manifest."""

import json
import sys
from pathlib import Path

from scaffolder.hooks import CONTEXT_FILE, finish_project, write_datasets

sys.dont_write_bytecode = True
root = Path.cwd()
context = json.loads((root / CONTEXT_FILE).read_text(encoding="utf-8"))
write_datasets(root, context, int(str(context.get("seed", "42")).strip()))
sys.path.insert(0, str(root / "scripts"))
import report  # noqa: E402  (the project's own report builder: the HTML page is there before anything is run)

report.build(root)
finish_project()
