"""A fictional clinic workflow that uses a fictional AI tool, with planted safety risks (safety-checklist kind).

The seed picks the task (portal replies, after-visit texts or refill replies), the clinic, the tool, the
vendor's headline figure, the order of the neutral steps, and two or three extra risks on top of the four
that every workflow carries: patient details pasted into a public chatbot, no human review before a
message reaches a patient, an overconfident vendor claim, and no way to report an error. The answer key
(:mod:`synthetic.safety_workflow_key`) records which line carries which risk and which checklist items
cover it; it is written apart from the workflow the person reads.
"""

from __future__ import annotations

from dataclasses import dataclass

from synthetic.rng import make_rng, pick
from synthetic.table import Table

SUMMARY = "A fictional clinic workflow and AI tool description, one line per row, with planted safety risks."
COLUMNS: tuple[str, ...] = ("line_id", "part", "who", "text")

CLINICS = ("Alderbrook Family Clinic", "Birchway Community Health", "Cedar Hollow Medical Group",
           "Dunmore Street Practice", "Elmstead Health Centre", "Fernvale Primary Care")
TOOLS = ("ReplyDraft", "QuickNote Reply", "MessageMate", "CareText Helper", "InboxEase")
VENDOR_SITE = ("replydraft.example", "quicknote.example", "messagemate.example", "caretext.example",
               "inboxease.example")


@dataclass(frozen=True)
class Task:
    """One workflow the tool is used in: what arrives, who handles it, what goes back to the patient."""

    id: str
    title: str
    incoming: str
    handler: str
    outgoing: str
    arrives: str  # the first line ({clinic} is filled in)
    opens: str  # the second line


TASKS: tuple[Task, ...] = (
    Task("portal-replies", "answering patient portal messages", "a patient portal message",
         "front-desk staff", "the reply", "A patient sends a patient portal message to {clinic}.",
         "Front-desk staff open it in the clinic's message queue."),
    Task("after-visit-texts", "sending after-visit instruction texts", "the visit notes",
         "medical assistants", "the text message", "After each visit, the clinician's notes reach the {clinic} "
         "follow-up queue.", "Medical assistants pick the visits that need an instruction text to the patient."),
    Task("refill-replies", "replying to prescription refill requests", "a refill request",
         "the refill team", "the reply", "A patient sends a refill request to {clinic}.",
         "The refill team open it in the clinic's message queue."),
)


@dataclass(frozen=True)
class Risk:
    """A planted risk: the line that shows it, where it sits, and the checklist items that cover it."""

    id: str
    name: str
    part: str
    who: str
    text: str
    items: tuple[str, ...]
    why: str


def _core(task: Task, tool: str, figure: int) -> tuple[Risk, ...]:
    return (
        Risk("R-PHI", "Patient details pasted into a public chatbot", "workflow", task.handler,
             f"When {tool} is slow, staff copy {task.incoming} in full (patient name, date of birth and record "
             "number included) into a free public chatbot website and paste its answer back.",
             ("SC-01", "SC-02"),
             "Identifiable patient information leaves the clinic for a tool with no business associate agreement."),
        Risk("R-REVIEW", "No human review before a patient message", "workflow", tool,
             f"{tool} sends {task.outgoing} to the patient straight away; nobody reads it before it goes out.",
             ("SC-04",),
             "An invented or wrong sentence reaches a patient with nobody in a position to stop it."),
        Risk("R-CLAIM", "Overconfident vendor claim", "tool", "vendor brochure",
             f"\"{tool} is {figure}% accurate and never gives wrong medical information, so staff do not need to "
             "check its messages.\"",
             ("SC-05", "SC-06"),
             "A single undefined figure with no test data behind it, used to argue against checking."),
        Risk("R-REPORT", "No way to report an error", "workflow", "clinic manager",
             "There is no form, inbox or named person for reporting a wrong or unsafe message; staff who notice "
             "one fix it quietly, if at all.",
             ("SC-10",),
             "Errors are not counted, so nobody can see a pattern or tell the vendor."),
    )


def _extras(task: Task, tool: str) -> tuple[Risk, ...]:
    return (
        Risk("R-DISCLOSE", "Patients are not told AI is used", "workflow", task.handler,
             f"Patients are not told that {task.outgoing} was drafted by software; it is signed with the "
             "clinic's name only.",
             ("SC-08",),
             "Patients cannot weigh the message or ask for a person if they do not know software wrote it."),
        Risk("R-ESCALATE", "No rule for urgent messages", "tool", "vendor brochure",
             f"{tool} answers every message the same way; it has no step that passes worrying words (for "
             "example chest pain or trouble breathing) to a nurse.",
             ("SC-07",),
             "An urgent message can get a routine answer and a dangerous delay."),
        Risk("R-TRAINING", "No training before use", "workflow", "clinic manager",
             f"New staff start using {tool} on their first day; there is no training and no written rule on "
             "what may be entered.",
             ("SC-11",),
             "People cannot follow rules nobody has taught them."),
        Risk("R-LANGUAGE", "Works in English only", "tool", "vendor brochure",
             f"{tool} works in English only; messages written in other languages get an English reply.",
             ("SC-09",),
             "Patients who write in another language get a worse service, which is a fairness problem."),
        Risk("R-INJECTION", "Follows instructions hidden in attachments", "tool", "vendor brochure",
             f"{tool} reads any attachment a patient uploads and follows instructions written inside it.",
             ("SC-12",),
             "Text written into an attachment can steer the tool (prompt injection)."),
        Risk("R-UPDATES", "Silent updates", "tool", "vendor contract",
             "The vendor may change the model behind the tool at any time without telling the clinic.",
             ("SC-06", "SC-10"),
             "A change nobody knows about can make messages worse with nobody checking again."),
    )


def _neutral(task: Task, tool: str, clinic: str, site: str) -> list[tuple[str, str, str]]:
    return [
        ("workflow", "clinician" if task.id == "after-visit-texts" else "patient", task.arrives.format(clinic=clinic)),
        ("workflow", task.handler, task.opens),
        ("workflow", task.handler, f"They click \"Draft with {tool}\" and the tool writes {task.outgoing}."),
        ("workflow", task.handler, "Messages about billing or appointments are handled by the same queue."),
        ("tool", "vendor brochure", f"{tool} is sold by a fictional company (www.{site}) as a drafting aid for "
                                    f"{task.title}."),
        ("tool", "vendor brochure", f"{tool} drafts text from {task.incoming} and the patient's visit history."),
        ("tool", "vendor brochure", "The clinic pays per message drafted; the contract runs for one year."),
    ]


def draw(seed: int) -> tuple[dict[str, str], list[tuple[str, str, str, Risk | None]]]:
    """(setting, lines): the setting (task, clinic, tool) and each line as (part, who, text, planted risk)."""
    rng = make_rng(seed, "safety-workflow")
    task = TASKS[int(rng.random() * len(TASKS))]
    clinic = str(pick(rng, CLINICS))
    index = int(rng.random() * len(TOOLS))
    tool, site = TOOLS[index], VENDOR_SITE[index]
    figure = 97 + int(rng.random() * 3)
    extras = list(_extras(task, tool))
    chosen: list[Risk] = []
    for _ in range(2 + int(rng.random() * 2)):
        chosen.append(extras.pop(int(rng.random() * len(extras))))
    risks = list(_core(task, tool, figure)) + sorted(chosen, key=lambda r: r.id)
    lines: list[tuple[str, str, str, Risk | None]] = [(p, w, t, None) for p, w, t in
                                                      _neutral(task, tool, clinic, site)]
    for risk in risks:  # each risk goes after a random neutral line of its part, keeping the story's order
        positions = [i for i, line in enumerate(lines) if line[0] == risk.part]
        at = positions[int(rng.random() * len(positions))] + 1
        if risk.part == "workflow":
            at = max(at, 3)  # after the tool has written the draft
        lines.insert(at, (risk.part, risk.who, risk.text, risk))
    ordered = [line for line in lines if line[0] == "workflow"] + [line for line in lines if line[0] == "tool"]
    setting = {"task": task.id, "task_title": task.title, "clinic": clinic, "tool": tool, "site": site,
               "figure": str(figure)}
    return setting, ordered


def generate(seed: int, rows: int = 1) -> Table:
    """One row per line of the workflow and the tool description (``rows`` is unused: one workflow)."""
    _setting, lines = draw(seed)
    out = []
    for n, (part, who, text, _risk) in enumerate(lines, start=1):
        out.append((f"{'W' if part == 'workflow' else 'T'}{n:02d}", part, who, text))
    return Table("workflow", COLUMNS, out)


def setting(seed: int) -> dict[str, str]:
    """The clinic, tool and task of a seed's workflow."""
    return draw(seed)[0]


def facts(table: Table) -> dict[str, object]:
    """Counts the README quotes: lines of the workflow and of the tool description."""
    parts = table.column("part")
    return {"lines": len(table), "workflow_lines": parts.count("workflow"), "tool_lines": parts.count("tool")}
