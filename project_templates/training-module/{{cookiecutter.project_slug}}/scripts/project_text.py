"""Fixed text the report carries: the disclaimer block, the author and prooflane's labels."""

DISCLAIMER_MD = {{ disclaimer_md | tojson }}
DISCLAIMER_HTML = {{ disclaimer_html | tojson }}
AUTHOR = {{ cookiecutter.author | tojson }}
PROJECT = {{ cookiecutter.project_name | tojson }}
TOOL_LINE = {{ authorship.tool_line | tojson }}
GENERATED_NOTE = {{ generated_note | tojson }}
