"""Fixed text the report carries: the project name, the disclaimer block, the author and prooflane's labels."""

PROJECT_NAME = {{ cookiecutter.project_name | tojson }}
DISCLAIMER_MD = {{ disclaimer_md | tojson }}
DISCLAIMER_HTML = {{ disclaimer_html | tojson }}
AUTHOR = {{ cookiecutter.author | tojson }}
TOOL_LINE = {{ authorship.tool_line | tojson }}
EXAMPLE_LABEL = {{ authorship.example_label | tojson }}
GENERATED_NOTE = {{ generated_note | tojson }}
