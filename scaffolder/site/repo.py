"""``prooflane build --init-repo DIR``: a portfolio repository laid out for GitHub Pages."""

from __future__ import annotations

from pathlib import Path

from scaffolder import ci
from scaffolder.exceptions import TargetExistsError
from scaffolder.install_source import current

README = """# My healthcare AI portfolio

This repository publishes my proof projects as one website (GitHub Pages) with a PDF summary.
It was laid out by prooflane {version}; the projects under `projects/` hold my own work, and each
project page on the site says which files I wrote or changed and which prooflane generated.

## Publish it, step by step

1. Put each finished project folder under `projects/` (or make new ones there:
   `prooflane new ROLE -o projects`).
2. Check and preview on your computer:

   ```bash
   prooflane check projects
   prooflane build projects -o site      # open site/index.html in a browser
   ```

   `prooflane build` refuses while a project has FILL markers, unanswered items or safety errors,
   and lists each one; `prooflane build projects -o site --preview` shows a private preview.
3. Create an empty repository on GitHub, then push this folder:

   ```bash
   git init -b main
   git add .
   git commit -m "My portfolio"
   git remote add origin https://github.com/YOUR-ACCOUNT/YOUR-REPOSITORY.git
   git push -u origin main
   ```

4. On GitHub, open Settings, Pages, and under "Build and deployment" choose **GitHub Actions**.
5. Every push to `main` now runs `.github/workflows/pages.yml`: it installs prooflane {requirement},
   runs the safety check, builds the site and publishes it. The address appears under Settings, Pages.
{note}"""


def init_repo(root: Path) -> list[str]:
    """Write the repository layout into ``root`` (new or empty); return the files written."""
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise TargetExistsError(f"{root} already exists and is not an empty folder; choose a new folder for the "
                                "portfolio repository.")
    source = current()
    note = ci.source_note(source)
    files = {
        "README.md": README.format(
            version=_version(), requirement=f"`{source.requirement}`" if source.requirement else
            f"from the repository variable `{ci.settings().install_variable}`",
            note=f"\n> {note}\n" if note else ""),
        ".github/workflows/pages.yml": ci.pages_workflow(source),
        ".github/dependabot.yml": ci.dependabot(),
        ".gitignore": "site/\n.venv/\n__pycache__/\n",
        "projects/.gitkeep": "",
    }
    for rel, text in files.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return sorted(files)


def _version() -> str:
    from scaffolder import __version__

    return __version__
