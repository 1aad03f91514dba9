"""Fixed text the report carries: the disclaimer block, the author and prooflane's labels."""

DISCLAIMER_MD = {{ disclaimer_md | tojson }}
DISCLAIMER_HTML = {{ disclaimer_html | tojson }}
AUTHOR = {{ cookiecutter.author | tojson }}
TOOL_LINE = {{ authorship.tool_line | tojson }}
EXAMPLE_LABEL = {{ authorship.example_label | tojson }}
EXAMPLE_NOTE = {{ authorship.example_note | tojson }}
GENERATED_NOTE = {{ generated_note | tojson }}
