"""Write the synthetic data, build the readable files with the project's own script, then the manifest.

checklist.md, glossary.md, workflow.md and worked-example.md are written before the manifest, so they
count as prooflane's generated text; reports/safety-checklist.html is written after it, as a build output
(``_outputs``) that `make build` rewrites.
"""

import json
import sys
from pathlib import Path

from scaffolder.hooks import CONTEXT_FILE, finish_project, write_datasets

sys.dont_write_bytecode = True

root = Path.cwd()
context = json.loads((root / CONTEXT_FILE).read_text(encoding="utf-8"))
write_datasets(root, context, int(str(context.get("seed", "42")).strip()))

sys.path.insert(0, str(root / "scripts"))
import build  # noqa: E402  (the project's own script)
import validate  # noqa: E402

validate.SCHEMA_CHECK = False  # the shipped files are valid (the project's tests check them); baking needs only PyYAML

data = build.load_all()
for name, text in build.documents(data).items():
    (root / name).write_text(text, encoding="utf-8")
finish_project(root)
(root / "reports").mkdir(exist_ok=True)
(root / "reports" / "safety-checklist.html").write_text(build.report(data), encoding="utf-8")
for module in ("build", "validate", "disclaimer"):
    sys.modules.pop(module, None)
