"""The two score sheets: PEMAT-P (AHRQ) and the CDC Clear Communication Index, as data.

Item wording here is a short paraphrase for the sheet; score from the official forms and user guides
(AHRQ Pub. 14-0002-EF; cdc.gov/ccindex). PEMAT-P numbering follows the PEMAT user guide, where items
13 and 14 belong to the audiovisual version only and are left out of the print sheet.
"""

from __future__ import annotations

PEMAT_U = {
    1: "The purpose of the material is evident.",
    2: "The material does not include information or content that distracts from its purpose.",
    3: "The material uses common, everyday language.",
    4: "Medical terms are used only to familiarise the audience with them, and are defined when used.",
    5: "The material uses the active voice.",
    6: "Numbers in the material are clear and easy to understand.",
    7: "The material does not expect the user to perform calculations.",
    8: "The material breaks or 'chunks' information into short sections.",
    9: "The material's sections have informative headers.",
    10: "The material presents information in a logical sequence.",
    11: "The material provides a summary.",
    12: "The material uses visual cues (arrows, boxes, bullets, bold) to draw attention to key points.",
    15: "The material uses visual aids whenever they could make content more easily understood.",
    16: "The material's visual aids reinforce rather than distract from the content.",
    17: "The material's visual aids have clear titles or captions.",
    18: "The material uses illustrations and photographs that are clear and uncluttered.",
    19: "The material uses simple tables with short and clear row and column headings.",
}
PEMAT_A = {
    20: "The material clearly identifies at least one action the user can take.",
    21: "The material addresses the user directly when describing actions.",
    22: "The material breaks down any action into manageable, explicit steps.",
    23: "The material provides a tangible tool (menu planner, checklist) whenever it could help the user take action.",
    24: "The material provides simple instructions or examples of how to perform calculations.",
    25: "The material explains how to use the charts, graphs, tables or diagrams to take actions.",
    26: "The material uses visual aids whenever they could make it easier to act on the instructions.",
}
PEMAT_ITEMS = {**PEMAT_U, **PEMAT_A}
# Items this sheet lets you mark n/a (no numbers, very short material, no visual aids, no tables,
# no calculations, no charts). Check each against the PEMAT user guide before relying on it.
PEMAT_NA_ALLOWED = frozenset({6, 8, 9, 11, 16, 17, 18, 19, 24, 25, 26})

CCI_ITEMS = {
    1: ("A", "Does the material contain one main message statement?"),
    2: ("A", "Is the main message at the top, beginning or front of the material?"),
    3: ("A", "Is the main message emphasised with font, colour, shapes, lines, arrows or headings?"),
    4: ("A", "Does the material contain at least one visual that conveys or supports the main message?"),
    5: ("A", "Does the material include one or more calls to action?"),
    6: ("A", "Do both the main message and the call to action use the active voice?"),
    7: ("A", "Does the material always use words the primary audience uses (jargon explained)?"),
    8: ("A", "Does the material use bulleted or numbered lists (no more than 7 items each)?"),
    9: ("A", "Is the material organised in chunks with headings?"),
    10: ("A", "Is the most important information the audience needs summarised in the first paragraph or section?"),
    11: ("A", "Does the material explain what authoritative sources know and do not know about the topic?"),
    12: ("B", "Does the material include one or more behavioural recommendations for the primary audience?"),
    13: ("B", "Does the material explain why the recommendation is important to the audience?"),
    14: ("B", "Does the material include specific directions about how to perform the behaviour, including when and how to contact a provider?"),
    15: ("C", "Does the material always present numbers the primary audience uses?"),
    16: ("C", "Does the material always explain what the numbers mean?"),
    17: ("C", "Does the audience have to conduct mathematical calculations? (yes scores 0)"),
    18: ("D", "Does the material explain the nature of the risk?"),
    19: ("D", "Does the material address both the risks and benefits of the recommended behaviour?"),
    20: ("D", "If the material uses numeric probability to describe risk, is it also explained with words or a visual?"),
}
CCI_NA_ALLOWED = frozenset({15, 16, 17, 18, 19, 20})  # parts C and D apply only when there are numbers / risk
CCI_OPEN_QUESTIONS = ("primary_audience", "audience_health_literacy", "communication_objective", "main_message")

PEMAT_THRESHOLD = 70.0  # a widely used convention, not a validated cut-off
CCI_TARGET = 90.0  # the CDC's target score


def pemat_scores(answers: dict[int, str]) -> dict[str, float | None]:
    """Understandability and actionability, each = agree / applicable items x 100 (None if nothing applies)."""
    out: dict[str, float | None] = {}
    for name, items in (("understandability", PEMAT_U), ("actionability", PEMAT_A)):
        applicable = [answers[i] for i in items if answers.get(i) != "n/a"]
        out[name] = None if not applicable else round(100 * sum(a == "agree" for a in applicable) / len(applicable), 1)
    return out


def cci_score(answers: dict[int, str]) -> float | None:
    """Clear Communication Index = points / applicable items x 100; item 17 scores a point for 'no'."""
    points = [(answers[i] == "no") if i == 17 else (answers[i] == "yes") for i in CCI_ITEMS if answers.get(i) != "n/a"]
    return None if not points else round(100 * sum(points) / len(points), 1)
