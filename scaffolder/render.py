"""Plain-text views of library results for the terminal (no colour codes, no heavy imports)."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from scaffolder.api import NewProject, Recommendation
    from scaffolder.catalog import Kind, Role
    from scaffolder.status import ProjectStatus


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A left-aligned text table with a rule under the header."""
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
    return "\n".join([line(headers), line(["-" * w for w in widths]), *(line(r) for r in rows)])


def roles_table(roles: list[Role]) -> str:
    rows = [[r.id, r.lane, r.coding_level, r.healthcare_knowledge, r.project_kind] for r in roles]
    body = table(["role", "lane", "coding", "healthcare knowledge", "project kind"], rows)
    return f"{body}\n\n{len(roles)} roles. Details: prooflane roles show ROLE   Start: prooflane new ROLE"


def _wrap(label: str, text: str) -> str:
    return textwrap.fill(text, width=88, initial_indent=f"{label:<22}", subsequent_indent=" " * 22)


def role_detail(role: Role) -> str:
    fit = ", ".join(f"{bg} ({score})" for bg, score in sorted(role.fit.items(), key=lambda kv: -kv[1]))
    parts = [
        f"{role.title}  [{role.id}]",
        "",
        _wrap("What the work is", role.summary),
        _wrap("Lane", role.lane),
        _wrap("Coding level", role.coding_level),
        _wrap("Healthcare knowledge", role.healthcare_knowledge),
        _wrap("Best background", role.best_background),
        _wrap("Fit (0-3)", fit),
        _wrap("Proof project", role.project_kind + (f" (alternatives: {', '.join(role.alternate_kinds)})" if role.alternate_kinds else "")),
        _wrap("Skills to build next", "; ".join(role.next_skills)),
        _wrap("Posting keywords", ", ".join(role.keywords)),
        _wrap("Positioning", f"\u201c{role.positioning}\u201d"),
        "",
        f"Start it: prooflane new {role.id}",
    ]
    return "\n".join(parts)


def kinds_table(kinds: list[Kind]) -> str:
    def roles(kind: Kind) -> str:
        shown = ", ".join(kind.roles[:3])
        return shown + (f" (+{len(kind.roles) - 3} more)" if len(kind.roles) > 3 else "")

    rows = [[k.id, k.status, roles(k)] for k in kinds]
    body = table(["project kind", "status", "for roles"], rows)
    built = sum(1 for k in kinds if k.built)
    return f"{body}\n\n{built} of {len(kinds)} kinds are built. Start one: prooflane new KIND"


def recommendations(background: str, recs: list[Recommendation]) -> str:
    lines = [f"Roles that fit your background ({background}), best first:", ""]
    for rec in recs:
        now = rec.buildable_kind
        lines.append(f"{rec.rank:>2}. {rec.role.title} [{rec.role.id}]  fit {rec.score}/3, coding {rec.role.coding_level}")
        if rec.kind.built:
            lines.append(f"    first project: {rec.kind.id}; start it with: prooflane new {rec.role.id}")
        elif now is not None:
            lines.append(f"    first project: {rec.kind.id} (planned); meanwhile 'prooflane new {rec.role.id}' "
                         f"gives the {now.id} project")
        else:
            lines.append(f"    first project: {rec.kind.id} (planned)")
        lines.append(f"    next skill to build: {rec.next_skill}")
    return "\n".join(lines)


def _role_title(role_id: str) -> str:
    from scaffolder import catalog

    try:
        return catalog.load().role(role_id).title
    except Exception:
        return role_id


def new_project(result: NewProject) -> str:
    bake = result.bake
    if bake.dry_run:
        listing = "\n".join(f"  {f}" for f in bake.files)
        if bake.refusal:
            head = f"Dry run: the real run would be refused: {bake.refusal}\nIt would have created these {len(bake.files)} files:"
        else:
            head = f"Dry run: would create {bake.path} with {len(bake.files)} files:"
        tail = ""
        if bake.kept:
            tail = (f"\nThe old folder holds {len(bake.kept)} file(s) of yours ({_few(bake.kept)}); "
                    "the real run would keep the whole old folder as a backup beside it.")
        return f"{head}\n{listing}{tail}\nNothing was written."
    role = result.role.title if result.role else _role_title(str(bake.answers.get("role", "")))
    lines = []
    if result.role is not None and result.role.project_kind != result.kind.id:
        lines.append(f"The {result.role.project_kind} project for {result.role.title} is planned; "
                     f"made the {result.kind.id} project, which also suits the role.")
    lines += [
        f"Created \u201c{bake.answers['project_name']}\u201d ({result.kind.id} project for {role}) in {bake.path}",
        f"  {len(bake.files)} files; {result.fill_count} places marked [FILL: ...] are for your own judgement.",
        f"  Its synthetic data uses seed {bake.answers.get('seed')}: the same title, name and seed always give the "
        "same files.",
        "",
        "Next steps:",
        f"  1. cd {bake.path}",
    ]
    lines += [f"  {i}. {step}" for i, step in enumerate(result.next_steps, start=2)]
    n = len(result.next_steps) + 2
    lines.append(f"  {n}. Before sharing: prooflane check .")
    if result.ci_note:
        lines += ["", f"Note: {result.ci_note}"]
    if bake.backup is not None:
        lines += ["", f"Your earlier folder had {len(bake.kept)} file(s) of yours ({_few(bake.kept)}); "
                      f"the whole old folder is kept in {bake.backup}"]
    for folder in bake.recovered:
        lines += ["", f"An interrupted earlier run had left a folder aside; it is kept in {folder}"]
    return "\n".join(lines)


def _few(paths: list[str], n: int = 3) -> str:
    shown = ", ".join(paths[:n])
    return shown + (f" and {len(paths) - n} more" if len(paths) > n else "")


def datasets_table(listing: list[dict[str, Any]]) -> str:
    rows = [[d["id"], d["kind"], f"{d['default_rows']:,}", d["summary"]] for d in listing]
    return table(["dataset", "project kind", "default rows", "what it is"], rows) + (
        "\n\nWrite one: prooflane data DATASET --rows N --seed S -o FILE.csv"
    )


def _listing(paths: list[str], most: int = 8) -> str:
    shown = ", ".join(paths[:most])
    return shown + (f" and {len(paths) - most} more" if len(paths) > most else "")


def project_status(status: ProjectStatus) -> str:
    head = f"{status.root}: {status.kind} project" + (f" for {_role_title(status.role)}" if status.role else "")
    lines = [head if status.kind else f"{status.root} (no .prooflane.json here)", ""]
    if status.fills:
        lines.append(f"{len(status.fills)} place(s) marked [FILL: ...] are waiting for your own judgement:")
        current = None
        for fill in status.fills:
            if fill.path != current:
                current = fill.path
                lines.append(f"  {fill.path}")
            hint = textwrap.shorten(f"line {fill.line}: {fill.hint or '(no hint)'}", width=96, placeholder=" ...")
            lines.append(f"    {hint}")
    else:
        lines.append("Every [FILL: ...] marker is filled.")
    if status.unanswered:
        lines += ["", f"{len(status.unanswered)} item(s) are still unanswered:"]
        current = None
        for item in status.unanswered:
            if item.path != current:
                current = item.path
                lines.append(f"  {item.path}")
            lines.append(f"    line {item.line}: {item.what}")
    if status.conflicts:
        lines += ["", f"{len(status.conflicts)} file(s) still hold conflict markers from an update: "
                  + _listing(status.conflicts)]
    if status.kind:
        lines += ["", "Who wrote what:"]
        lines.append(f"  your own files: {len(status.added)}" + (f" ({_listing(status.added)})" if status.added else ""))
        lines.append(f"  generated files you changed: {len(status.edited)}"
                     + (f" ({_listing(status.edited)})" if status.edited else ""))
        lines.append(f"  generated files as prooflane wrote them: {len(status.unchanged)}")
        if status.built:
            lines.append(f"  built by the project's scripts: {len(status.built)}")
    if status.missing:
        lines += ["", f"{len(status.missing)} generated file(s) are gone: " + _listing(status.missing)]
    if status.unreadable:
        lines += ["", f"{len(status.unreadable)} file(s) or folder(s) could not be read and were skipped: "
                  + ", ".join(status.unreadable[:10]) + (" ..." if len(status.unreadable) > 10 else "")]
    lines += ["", "Before sharing: prooflane check " + str(status.root)]
    return "\n".join(lines)


def project_diff(result: Any) -> str:
    """``prooflane diff`` for people."""
    lines = [f"{result.root}: {result.kind} template {result.recorded_version} (installed: {result.installed_version})",
             ""]
    if result.mine:
        lines.append(f"Your changes since the project was made ({len(result.mine)}):")
        lines += [f"  {c.change:8} {c.path}" for c in result.mine]
        diffs = [c.diff for c in result.mine if c.diff and c.diff.startswith("---")]
        if diffs:
            lines += ["", *diffs]
    else:
        lines.append("No changes of yours since the project was made.")
    lines.append("")
    if result.template:
        lines.append(f"What template {result.installed_version} would change ({len(result.template)} file(s)); "
                     "prooflane update takes it without losing your edits:")
        lines += [f"  {c.change:8} {c.path}" for c in result.template]
    elif result.installed_version == result.recorded_version:
        lines.append("The project is on the installed template version; nothing to update.")
    else:
        lines.append(f"Template {result.installed_version} changes none of the files.")
    if result.base_missing:
        lines += ["", "No original kept for: " + _listing(result.base_missing) + " (template changes to them are "
                  "listed, never merged)."]
    return "\n".join(lines)


def project_update(result: Any) -> str:
    """``prooflane update`` for people."""
    lines = []
    if result.recovered:
        lines.append(f"Note: {result.recovered}.")
    if result.from_version == result.to_version:
        lines.append(f"{result.root} already uses template {result.to_version} of {result.kind}; nothing to update.")
        return "\n".join(lines)
    verb = "Would update" if result.dry_run else "Updated"
    changed = [o for o in result.outcomes if o.template_changed]
    lines.append(f"{verb} {result.root} from template {result.from_version} to {result.to_version} "
                 f"({len(changed)} file(s) touched by the template):")
    for outcome in changed:
        lines.append(f"  {outcome.action:6} {outcome.path}: {outcome.reason}")
    if result.notes_file:
        lines += ["", f"The template's changes to files kept as you had them: {result.notes_file}"]
    if result.changelog:
        lines += ["", "What the new template version changed (its CHANGELOG):", result.changelog]
    lines += ["", "Next: prooflane status, then prooflane check."]
    return "\n".join(lines)
