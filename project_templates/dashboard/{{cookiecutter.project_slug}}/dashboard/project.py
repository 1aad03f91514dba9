"""Facts about this project, fixed when it was created (the page header and footer use them).

The author's name on the dashboard is read from the README byline at build time (dashboard/author.py),
so filling it there is enough; AUTHOR is only the fallback when the README has no byline.
"""

from __future__ import annotations

PROJECT_NAME: str = {{ cookiecutter.project_name | tojson }}
AUTHOR: str = {{ cookiecutter.author | tojson }}
ROLE_TITLE: str = {{ role_info(cookiecutter.role).title | tojson }}
SEED: int = {{ cookiecutter.seed | int }}
DATA_FILE: str = "data/appointments.csv"
GENERATOR: str = "synthetic.appointments {{ dataset_facts('appointments', cookiecutter.seed).generator_version }}"

# The disclaimer block every page of this project carries, exactly as written here.
DISCLAIMER_HTML: str = {{ disclaimer_html | tojson }}
# The label of prooflane's worked examples, and the footer line naming the tool that scaffolded the project.
EXAMPLE_NOTE_HTML: str = {{ example_note_html | tojson }}
TOOL_LINE: str = {{ authorship.tool_line | tojson }}
