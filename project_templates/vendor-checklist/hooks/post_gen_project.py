"""Write the synthetic data, build what the project's scripts build (checklist.md, the worked example's results
in README.md, the reports), then the .prooflane.json manifest.

checklist.md and the README results block are written before the manifest, so they count as prooflane's
generated text; the reports are written after it, as build outputs (``_outputs``) that `make score` rewrites.
The project's own scripts do the work, so every figure is the one `make score` computes.
"""

import json
import sys
from pathlib import Path

import yaml

from scaffolder.hooks import CONTEXT_FILE, finish_project, write_datasets

sys.dont_write_bytecode = True

root = Path.cwd()
context = json.loads((root / CONTEXT_FILE).read_text(encoding="utf-8"))
write_datasets(root, context, int(str(context.get("seed", "42")).strip()))

sys.path.insert(0, str(root / "scripts"))
import build_checklist  # noqa: E402  (the project's own scripts)
import score  # noqa: E402

# The shipped files are known to be valid (the project's tests check them against schemas/); read them
# without the schema step so baking needs only PyYAML.
checklist = yaml.safe_load((root / "checklist.yaml").read_text(encoding="utf-8"))
(root / "checklist.md").write_text(build_checklist.render(checklist), encoding="utf-8")
vendors, claims = score.load_vendors(), score.load_claims()
results = []
for path in sorted((root / "assessments").glob("*.yaml")):
    assessment = yaml.safe_load(path.read_text(encoding="utf-8"))
    vendor_id = assessment["vendor_id"]
    result = score.score(checklist, assessment, vendors[vendor_id], claims.get(vendor_id, []), name=path.stem)
    if result.is_example:
        score.update_readme(result, root / "README.md")
    results.append(result)

finish_project(root)
for result in results:
    score.write_reports(result, checklist, root / "reports")
for module in ("score", "build_checklist", "validate", "disclaimer"):
    sys.modules.pop(module, None)
