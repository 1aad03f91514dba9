"""README sections every kind shares: how to run it (with and without make, Windows too) and how to share it.

Templates call these through the Jinja globals ``how_to_run`` and ``share_it`` so that the setup
advice (a private .venv, which works on Pythons that refuse global installs) is written once.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from scaffolder.ci import settings as ci_settings
from scaffolder.ci import source_note
from scaffolder.install_source import current


def _fence(lang: str, lines: list[str]) -> str:
    return "\n".join([f"```{lang}", *lines, "```"])


def how_to_run(steps: Sequence[Mapping[str, str]], needs: str = "") -> str:
    """The "How to run it" body: ``steps`` are dicts with ``make``, ``python`` (module args) and ``what``.

    ``python`` is what follows the interpreter, e.g. ``-m dashboard`` or ``scripts/score.py``.
    """
    width = max([len("setup"), *(len(s["make"]) for s in steps)])
    make_lines = [f"make {'setup'.ljust(width)}   # creates .venv (this project's own package folder) "
                  "and installs requirements.txt"]
    make_lines += [f"make {s['make'].ljust(width)}   # {s['what']}" for s in steps]
    posix = ["python3 -m venv .venv", ".venv/bin/python -m pip install -r requirements.txt"]
    posix += [f".venv/bin/python {s['python']}" for s in steps]
    windows = ["py -m venv .venv", r".venv\Scripts\python -m pip install -r requirements.txt"]
    windows += [rf".venv\Scripts\python {s['python'].replace('/', chr(92))}" for s in steps]
    intro = ("You need Python 3.10 or newer. Everything runs offline once the requirements are installed; "
             "the packages go into a `.venv` folder inside the project, so nothing is installed system-wide "
             "(this also works where the system Python refuses installs).")
    if needs:
        intro += " " + needs
    return "\n\n".join([
        intro,
        "**With make** (macOS, Linux):",
        _fence("bash", make_lines),
        "**Without make**, on macOS or Linux:",
        _fence("bash", posix),
        "**On Windows** (PowerShell or Command Prompt, from this folder):",
        _fence("bat", windows),
    ])


def share_it(slug: str) -> str:
    """The "Share it" body: create the repository, push, and what the CI checks."""
    cfg = ci_settings()
    source = current()
    install = (f"installs prooflane pinned as `{source.requirement}` (the version that made this project)"
               if source.requirement else
               f"installs prooflane from the repository variable `{cfg.install_variable}`, which you set under "
               "Settings, Secrets and variables, Actions, Variables (a pinned source such as a git URL with a commit)")
    lines = [
        "1. Create an empty repository on GitHub (leave \"Add a README\" unticked: this project has one), "
        f"for example named `{slug}`.",
        "2. In this folder, run:",
        "",
        *(f"   {line}" for line in _fence("bash", [
            "git init -b main",
            "git add .",
            'git commit -m "First version"',
            f"git remote add origin https://github.com/YOUR-ACCOUNT/{slug}.git",
            "git push -u origin main",
        ]).splitlines()),
        "",
        f"3. GitHub then runs `.github/workflows/ci.yml`: it installs the requirements, runs the tests, {install}, "
        "runs `prooflane check .` (real identifiers, unsafe claims, a changed disclaimer) and "
        "`prooflane status . --require-finished`, which fails while any FILL marker or unanswered item is left.",
        f"4. To push a draft before you have finished, put `{cfg.draft_tag}` in the commit message, for example "
        f'`git commit -m "{cfg.draft_tag} first pass"`: the safety check still runs, the unfinished-work step is '
        "skipped.",
        "5. Run `prooflane check .` yourself before every push; it prints each finding with the line to fix.",
    ]
    note = source_note(source)
    if note:
        lines += ["", f"> {note}"]
    return "\n".join(lines)
