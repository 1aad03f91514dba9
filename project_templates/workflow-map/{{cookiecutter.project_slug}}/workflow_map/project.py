"""Facts about this project, fixed when it was created (the generated documents use them)."""

from __future__ import annotations

PROJECT_NAME: str = {{ cookiecutter.project_name | tojson }}
AUTHOR: str = {{ cookiecutter.author | tojson }}
WORKFLOW: str = {{ cookiecutter.workflow | tojson }}
SEED: int = {{ cookiecutter.seed | int }}

# The disclaimer block every generated Markdown file carries, exactly as written here.
DISCLAIMER_MD: str = {{ disclaimer_md | tojson }}
