"""The project's disclaimer block, as it must appear in every Markdown and HTML file the scripts write."""

DISCLAIMER_MD = {{ disclaimer_md | tojson }}
DISCLAIMER_HTML = {{ disclaimer_html | tojson }}
