"""Build the portfolio: gather projects, refuse unfinished or unsafe ones (unless previewing), write the site.

The site is written to a staging folder beside the output and moved into place when complete; an
output folder that is not empty is replaced only when it is a site prooflane built before (it holds
the marker file), and never when it is, or sits inside, one of the projects.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from scaffolder.site import markdown, pages
from scaffolder.site.collect import BuildError, BuildRefused, Project, discover, load_project, run_checks
from scaffolder.templates import load_context

SITE_MARKER = ".prooflane-site"
COPY_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".html", ".csv", ".sql", ".py",
                           ".yaml", ".yml", ".json", ".txt", ".pdf"})
MAX_COPY = 5 << 20


@dataclass
class BuildResult:
    """What ``build_portfolio`` wrote."""

    output: Path
    projects: list[str]
    pages: list[str]
    preview: bool
    pdf: Path | None = None
    pdf_note: str = ""
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {"output": str(self.output), "projects": self.projects, "pages": self.pages, "preview": self.preview,
                "pdf": str(self.pdf) if self.pdf else None, "pdf_note": self.pdf_note, "notes": self.notes}


def _skills(readme: str) -> list[str]:
    match = re.search(r"^##\s+Skills shown\s*$(.*?)(?=^##\s)", readme, re.MULTILINE | re.DOTALL)
    if not match:
        return []
    rows = [line for line in match.group(1).splitlines() if line.startswith("|")][2:]
    return [pages.plain(row.strip("|").split("|")[0]).strip() for row in rows[:4] if row.strip("| ")]


def _section(readme: str, heading: str) -> str:
    match = re.search(rf"^##\s+{heading}[^\n]*$(.*?)(?=^##\s|\Z)", readme, re.MULTILINE | re.DOTALL | re.IGNORECASE)
    if not match:
        return ""
    first = next((p for p in re.split(r"\n\s*\n", match.group(1)) if p.strip()), "")
    first = re.sub(r"^\s*[-*]\s+", "", first, flags=re.MULTILINE)
    return pages.plain(first)[:600]


def _visual_hint(project: Project) -> str:
    visuals = load_context(project.manifest.kind).get("_visuals", {})
    command = visuals.get("command") if isinstance(visuals, dict) else None
    return command or "the build step in its README (How to run it)"


class _Writer:
    """Copies and renders one project's files into the staging site."""

    def __init__(self, site: Path, project: Project, preview: bool) -> None:
        self.site, self.project, self.preview = site, project, preview
        self.base = site / "projects" / project.slug
        self.base.mkdir(parents=True, exist_ok=True)
        self.copied: dict[str, str] = {}
        self.rendered: dict[str, str] = {}
        self.missing: list[str] = []

    def url_for(self, rel: str, from_page: str = "index.html") -> str | None:
        """Site URL (relative to a page of this project) of a project file, copying or queueing it."""
        source = self.project.root / rel
        depth = from_page.count("/")
        up = "../" * depth
        if rel.lower().endswith((".md", ".markdown")):
            if not source.is_file():
                return None
            self.rendered.setdefault(rel, "pages/" + re.sub(r"\.(md|markdown)$", ".html", rel, flags=re.I))
            return up + self.rendered[rel]
        suffix = Path(rel).suffix.lower()
        if suffix not in COPY_SUFFIXES:
            return None
        try:
            resolved = source.resolve()
            resolved.relative_to(self.project.root.resolve())
        except (OSError, ValueError):
            return None
        if not source.is_file():
            if suffix in (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".html"):
                self.missing.append(rel)
            return None
        if source.stat().st_size > MAX_COPY:
            return None
        if rel not in self.copied:
            target = self.base / "files" / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            self.copied[rel] = "files/" + rel
        return up + self.copied[rel]

    def render(self, text: str, rel: str, page: str) -> markdown.Rendered:
        return markdown.render(text, base=rel, rewrite=lambda target: self.url_for(target, page))


def _diagrams(project: Project, writer: _Writer, count: int) -> list[tuple[str, str]]:
    if not count:
        return []
    svgs = sorted(p for p in project.root.rglob("*.svg") if not any(part.startswith(".") for part in p.parts))
    found = []
    for svg in svgs:
        rel = svg.relative_to(project.root).as_posix()
        url = writer.url_for(rel)
        if url:
            found.append((url, f"Diagram: {svg.stem.replace('-', ' ').replace('_', ' ')}"))
    return found


def _card(project: Project, writer: _Writer, body: markdown.Rendered, passed: bool) -> pages.Card:
    kind = project.kind
    role = project.role
    thumb, alt = None, ""
    for match in re.finditer(r"!\[([^\]]*)\]\(([^)\s]+)", project.readme):
        target = markdown.local_target(match.group(2), "README.md")
        if target and (project.root / target).is_file() and writer.url_for(target):
            thumb, alt = writer.copied.get(target), match.group(1) or f"Figure from {project.title}"
            break
    status = project.status
    return pages.Card(
        slug=project.slug, title=project.title, kind_title=kind.title, role_title=role.title if role else kind.title,
        summary=kind.summary, skills=_skills(project.readme), thumb=thumb, thumb_alt=alt, passed=passed,
        author=project.author, mine=len(status.added), changed=len(status.edited), generated=len(status.unchanged),
        limitations=_section(project.readme, "(?:Limitations|What this project does not do)"),
    )


def read_plan(roots: list[Path]) -> dict[str, str]:
    """The target role and the person's own positioning sentence from a PLAN.md beside the projects, if any."""
    from scaffolder.markers import FILL_RE

    places = [Path.cwd(), *{root.parent for root in roots}, *{root.parent.parent for root in roots}]
    for place in places:
        plan = place / "PLAN.md"
        if not plan.is_file() or plan.stat().st_size > 1 << 20:
            continue
        text = plan.read_text(encoding="utf-8", errors="replace")
        found: dict[str, str] = {}
        title = re.search(r"^# Career plan: (.+)$", text, re.MULTILINE)
        if title:
            found["role"] = title.group(1).strip()
        own = re.search(r"^Your version, [^:]*: (.+)$", text, re.MULTILINE)
        if own and not FILL_RE.search(own.group(1)):
            found["positioning"] = own.group(1).strip()
        return found
    return {}


def _check_output(output: Path, projects: list[Project]) -> None:
    out = output.resolve()
    for project in projects:
        root = project.root.resolve()
        if out == root or root in out.parents or out in root.parents:
            raise BuildError(f"The output folder {output} is, holds or sits inside the project {project.root}; "
                             "choose a separate folder with -o, for example -o site.")
    if out.exists() and not out.is_dir():
        raise BuildError(f"{output} is a file; choose a folder for the site with -o.")
    if out.is_dir() and any(out.iterdir()) and not (out / SITE_MARKER).is_file():
        raise BuildError(f"{output} is not empty and is not a site prooflane built; choose an empty or new folder "
                         "with -o, so nothing of yours is replaced.")


def build_portfolio(paths: list[Path] | None = None, output: Path = Path("site"), *, preview: bool = False,
                    pdf: bool = True, page_size: str = "letter", positioning: str | None = None) -> BuildResult:
    """Write the portfolio site (and its PDF) for the projects at ``paths`` (default: below the current folder)."""
    roots = discover([Path(p) for p in (paths or [Path(".")])])
    output = Path(output)
    projects: list[Project] = []

    def load() -> None:  # while the check scans in other processes
        projects.extend(load_project(root) for root in roots)
        slugs: dict[str, Path] = {}
        for project in projects:
            if project.slug in slugs:
                raise BuildError(f"Two projects share the folder name '{project.slug}' ({slugs[project.slug]} and "
                                 f"{project.root}); rename one folder so each project gets its own page.")
            slugs[project.slug] = project.root
        _check_output(output, projects)

    run_checks(roots, projects, meanwhile=load)
    problems = []
    for project in projects:
        if project.errors:
            problems.append(f"{project.slug}: {len(project.errors)} safety error(s) ({'; '.join(project.errors[:3])})")
        if project.unfinished:
            problems.append(f"{project.slug}: {len(project.unfinished)} unfinished item(s) "
                            f"({'; '.join(project.unfinished[:3])})")
    if problems and not preview:
        raise BuildRefused("Not publishing: " + " | ".join(problems) + ". Fix these (prooflane check and prooflane "
                           "status show each one), or add --preview for a private preview.")
    output.resolve().parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".prooflane-site-", dir=output.resolve().parent))
    try:
        result = _write_site(staging, projects, preview, page_size, positioning, output)
        if pdf:
            from scaffolder.site.pdf import print_pdf

            result.pdf, result.pdf_note = print_pdf(staging / "print.html", staging / "portfolio.pdf", page_size)
            if result.pdf is not None:
                result.pages.append("portfolio.pdf")
                result.pdf = output / "portfolio.pdf"
        _swap(staging, output)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return result


def _swap(staging: Path, output: Path) -> None:
    old = None
    if output.exists():
        old = output.with_name(f".{output.name}.old-{os.getpid()}")
        os.replace(output, old)
    try:
        os.replace(staging, output)
    except OSError:
        if old is not None:
            os.replace(old, output)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _write_site(site: Path, projects: list[Project], preview: bool, page_size: str, positioning: str | None,
                output: Path) -> BuildResult:
    from importlib import resources

    (site / "assets").mkdir(parents=True)
    css = resources.files("scaffolder").joinpath("data/site/style.css").read_text(encoding="utf-8")
    (site / "assets" / "style.css").write_text(css, encoding="utf-8")
    (site / SITE_MARKER).write_text("Built by prooflane build; the next build replaces this folder.\n", encoding="utf-8")
    cards, bodies = [], []
    for project in projects:
        writer = _Writer(site, project, preview)
        body = writer.render(project.readme, "README.md", "index.html")
        if writer.missing and not preview:
            raise BuildRefused(f"{project.slug}: its README shows files that are not built yet "
                               f"({', '.join(sorted(set(writer.missing))[:4])}); run {_visual_hint(project)} in "
                               f"{project.root} first, or add --preview.")
        passed = not project.errors and not project.unfinished
        card = _card(project, writer, body, passed)
        cards.append(card)
        bodies.append((project, writer, body, card))
    person = next((p.author for p in projects if p.author), "") or "Portfolio"
    plan = read_plan([p.root for p in projects])
    ranked = [r for r in (p.role for p in projects) if r is not None]
    target = max(ranked, key=lambda r: (sum(x.id == r.id for x in ranked), -ranked.index(r))) if ranked else None
    role = plan.get("role") or (target.title if target else "healthcare AI")
    lede = positioning or plan.get("positioning") or (target.summary if target else "")
    written = ["index.html"]
    for project, writer, body, card in bodies:
        # Linked Markdown pages are rendered once each (their own links may queue more).
        done: set[str] = set()
        sub_bodies = {}
        while set(writer.rendered) - done:
            rel = sorted(set(writer.rendered) - done)[0]
            done.add(rel)
            page = writer.rendered[rel]
            text = (project.root / rel).read_text(encoding="utf-8", errors="replace")
            sub_bodies[rel] = (page, writer.render(text, rel, page))
        card.pages = [(page, rel) for rel, (page, _) in sorted(sub_bodies.items())]
        card.pages += [(url, rel) for rel, url in sorted(writer.copied.items()) if rel.endswith(".html")]
        panel = pages.authorship_panel(card, project.status.added, project.status.edited)
        diagrams = _diagrams(project, writer, body.mermaid)
        (writer.base / "index.html").write_text(
            pages.project_page(person, cards, card, body.html, panel, diagrams, preview), encoding="utf-8")
        written.append(f"projects/{project.slug}/index.html")
        for rel, (page, rendered) in sorted(sub_bodies.items()):
            out = writer.base / page
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(pages.sub_page(person, cards, card, rel, rendered.html, 2 + page.count("/"), preview),
                              encoding="utf-8")
            written.append(f"projects/{project.slug}/{page}")
    (site / "index.html").write_text(pages.landing(person, role, lede, cards, preview), encoding="utf-8")
    (site / "print.html").write_text(pages.print_page(person, role, lede, cards, page_size, preview), encoding="utf-8")
    written.append("print.html")
    return BuildResult(output=output, projects=[p.slug for p in projects], pages=sorted(written), preview=preview)
