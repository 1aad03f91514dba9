"""Facts about this project, fixed when it was created (the page header and footer use them)."""

from __future__ import annotations

PROJECT_NAME: str = {{ cookiecutter.project_name | tojson }}
AUTHOR: str = {{ cookiecutter.author | tojson }}
ROLE_TITLE: str = {{ role_info(cookiecutter.role).title | tojson }}
SEED: int = {{ cookiecutter.seed | int }}
DATA_FILE: str = "data/appointments.csv"
GENERATOR: str = "synthetic.appointments {{ dataset_facts('appointments', cookiecutter.seed).generator_version }}"

# The disclaimer block every page of this project carries, exactly as written here.
DISCLAIMER_HTML: str = {{ disclaimer_html | tojson }}
