"""The project's disclaimer block and authorship labels, as the scripts must write them (one source: prooflane)."""

DISCLAIMER_MD = {{ disclaimer_md | tojson }}
DISCLAIMER_HTML = {{ disclaimer_html | tojson }}
EXAMPLE_NOTE_MD = {{ example_note_md | tojson }}
EXAMPLE_NOTE_HTML = {{ example_note_html | tojson }}
TOOL_LINE = {{ authorship.tool_line | tojson }}
