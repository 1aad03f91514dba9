"""Draw one state of the map as an offline SVG swimlane diagram (pure Python, no Graphviz).

Lanes are columns, one per actor; steps flow downwards. AI-assist steps (blue, dashed border),
human review gates (amber hexagon, thick border) and escalation handling (red) each have their
own shape and a text badge, and escalation paths are red dashed arrows, so they are told apart
without relying on colour alone.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from workflow_map.model import Edge, WorkflowMap

SLOT_W = 216  # a slot is a node plus 26 px each side, room for connectors that stay off the lane borders
NODE_W = 164
NODE_H = 66
LEFT = 20
HEADER_H = 46
GAP_MIN = 46
CHANNEL = 14
FONT = "DejaVu Sans, Verdana, Arial, Helvetica, sans-serif"
CHARS_PER_LINE = 21

STYLE = {
    # kind: (fill, stroke, stroke width, dash, corner radius, badge, badge colour)
    "task": ("#ffffff", "#37474f", 1.5, "", 6, "", "#37474f"),
    "automated": ("#eceff1", "#607d8b", 1.5, "", 1, "AUTOMATED", "#455a64"),
    "external": ("#fafafa", "#9e9e9e", 1.2, "", 18, "OUTSIDE THE CLINIC", "#757575"),
    "ai_assist": ("#e8f0fe", "#1a56db", 2.2, "6 3", 10, "AI ASSIST", "#1a56db"),
    "review_gate": ("#fff8e1", "#a15c00", 3.2, "", 0, "HUMAN REVIEW GATE", "#8a4b00"),
    "escalation": ("#fdecea", "#c62828", 2.4, "", 4, "ESCALATION", "#b71c1c"),
}
EDGE_STYLE = {
    # kind: (stroke, width, dash)
    "normal": ("#546e7a", 1.4, ""),
    "escalation": ("#c62828", 2.0, "7 4"),
    "rework": ("#c77700", 1.6, "2 3"),
}
LANE_FILL = ("#f7f9fb", "#eef2f6")
KIND_NAMES = {
    "patient": "patient", "staff": "staff", "clinician": "clinician", "system": "system",
    "ai": "AI tool", "external": "outside organisation",
}


@dataclass
class Box:
    """A placed step."""

    step: str
    lane: int
    row: int
    x: float = 0.0
    y: float = 0.0

    @property
    def cx(self) -> float:
        return self.x + NODE_W / 2

    @property
    def bottom(self) -> float:
        return self.y + NODE_H

    @property
    def right(self) -> float:
        return self.x + NODE_W


def wrap(text: str, width: int = CHARS_PER_LINE, max_lines: int = 3) -> list[str]:
    """Greedy word wrap; the last line ends in an ellipsis when the text does not fit."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}".strip()
        if len(candidate) <= width or not current:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1].rstrip() + "\u2026"
    return lines


def _ranks(wmap: WorkflowMap, state: str) -> dict[str, int]:
    """Rank (row) of each step: one below its lowest forward predecessor (rework loops ignored)."""
    order = wmap.state_steps(state)
    preds: dict[str, set[str]] = {s: set() for s in order}
    for e in wmap.edges(state):
        if e.kind != "rework" and e.source != e.target:
            preds[e.target].add(e.source)
    rank: dict[str, int] = {}
    remaining = list(order)
    while remaining:
        ready = [s for s in remaining if preds[s] <= rank.keys()] or [remaining[0]]  # a cycle: break it
        step = ready[0]
        rank[step] = max((rank[p] + 1 for p in preds[step] if p in rank), default=0)
        remaining.remove(step)
    return rank


def layout(wmap: WorkflowMap, state: str) -> tuple[dict[str, Box], list[dict], int]:
    """Place every step: lanes are actors, rows are ranks, steps sharing a lane and rank sit side by side."""
    steps = wmap.steps
    order = wmap.state_steps(state)
    used = {steps[s]["actor"] for s in order}
    actors = [a for a in wmap.raw["actors"] if a["id"] in used]
    lane_of = {a["id"]: i for i, a in enumerate(actors)}
    rank = _ranks(wmap, state)
    cells: dict[tuple[int, int], list[str]] = defaultdict(list)
    for s in order:
        cells[(lane_of[steps[s]["actor"]], rank[s])].append(s)
    slots = [max([len(v) for (lane, _), v in cells.items() if lane == i] or [1]) for i in range(len(actors))]
    lanes = []
    x = float(LEFT)
    for i, a in enumerate(actors):
        lanes.append({"actor": a, "x": x, "width": slots[i] * SLOT_W, "slots": slots[i]})
        x += slots[i] * SLOT_W
    preds: dict[str, list[str]] = defaultdict(list)
    for e in wmap.edges(state):
        if e.source != e.target:
            preds[e.target].append(e.source)
    boxes: dict[str, Box] = {}
    n_ranks = max(rank.values()) + 1
    for r in range(n_ranks):
        for i, lane in enumerate(lanes):
            members = cells.get((i, r), [])

            middle = lane["x"] + lane["width"] / 2

            def pull(s: str, middle: float = middle) -> float:
                xs = [boxes[p].cx for p in preds[s] if p in boxes]
                return sum(xs) / len(xs) if xs else middle

            members.sort(key=lambda s: (pull(s), order.index(s)))
            offset = lane["x"] + (lane["slots"] - len(members)) * SLOT_W / 2
            for k, s in enumerate(members):
                boxes[s] = Box(s, i, r, offset + k * SLOT_W + (SLOT_W - NODE_W) / 2, 0.0)
    return boxes, lanes, n_ranks


def render_svg(wmap: WorkflowMap, state: str) -> str:
    """The swimlane diagram of ``state`` ("current" or "future") as SVG text."""
    order = wmap.state_steps(state)
    edges = wmap.edges(state)
    boxes, lanes, n_rows = layout(wmap, state)
    width = LEFT * 2 + sum(lane["width"] for lane in lanes)
    slot_edges = sorted({lane["x"] + k * SLOT_W for lane in lanes for k in range(lane["slots"] + 1)})
    # vertical connectors run beside a slot edge, never on it (slot edges include the lane borders)
    gutters = sorted(g + side * (8 + 6 * k) for g in slot_edges for side in (-1, 1) for k in range(3)
                     if LEFT < g + side * (8 + 6 * k) < width - LEFT)
    used_gutters: set[float] = set()
    friction: dict[str, list[str]] = {}
    if state == "current":
        for point in wmap.raw.get("friction_points", []):
            friction.setdefault(point["step"], []).append(str(point["id"]))

    def blocked(x: float, r0: int, r1: int, skip: tuple[str, ...]) -> bool:
        """True when a vertical line at x would cross a step in rows r0 < row < r1."""
        return any(r0 < b.row < r1 and b.x - 6 <= x <= b.right + 6 for s, b in boxes.items() if s not in skip)

    # Plan each arrow's horizontal channels (gap g is the gap above row g; gap n_rows is below the last row).
    channels: dict[int, list[tuple[str, str, float]]] = {g: [] for g in range(n_rows + 1)}
    plans: dict[int, dict] = {}
    out_edges: dict[str, list[int]] = {s: [] for s in order}
    in_edges: dict[str, list[int]] = {s: [] for s in order}
    for i, e in enumerate(edges):
        if e.source == e.target:
            continue
        out_edges[e.source].append(i)
        in_edges[e.target].append(i)

    def port(step: str, index: int, ids: list[int], other_x) -> float:
        ordered = sorted(ids, key=lambda j: (other_x(j), j))
        n = len(ordered)
        if n <= 1:
            return boxes[step].cx
        spread = min(NODE_W - 44.0, 22.0 * (n - 1))
        return boxes[step].cx - spread / 2 + spread * ordered.index(index) / (n - 1)

    for i, e in enumerate(edges):
        u, v = boxes[e.source], boxes[e.target]
        if e.source == e.target:
            plans[i] = {"type": "loop"}
            channels[u.row + 1].append((f"loop{i}", "", u.right))
            continue
        sx = port(e.source, i, out_edges[e.source], lambda j: boxes[edges[j].target].cx)
        tx = port(e.target, i, in_edges[e.target], lambda j: boxes[edges[j].source].cx)
        if v.row > u.row:
            plan = {"type": "down", "sx": sx, "tx": tx, "gx": None}
            gap = u.row + 1
            if v.row > u.row + 1 and not blocked(sx, u.row, v.row, (e.source, e.target)):
                gap = v.row  # drop straight down from the source, then cross over just above the target
            elif blocked(tx, u.row, v.row, (e.source, e.target)):
                free = [g for g in gutters if not blocked(g, u.row, v.row, ()) and g not in used_gutters]
                chosen: float = min(free, key=lambda g: (abs(g - tx), g)) if free else LEFT / 2
                plan["gx"] = chosen
                used_gutters.add(chosen)
                channels[v.row].append((f"b{i}", e.source, min(chosen, tx)))
            channels[gap].append((f"a{i}", e.source, min(sx, plan["gx"] if plan["gx"] is not None else tx)))
            plans[i] = plan
        else:
            gx = u.right + (SLOT_W - NODE_W) / 4
            plans[i] = {"type": "up", "gx": gx, "tx": tx}
            channels[v.row].append((f"b{i}", e.source, min(gx, tx)))

    gap_h = {g: max(GAP_MIN, 22 + CHANNEL * len(channels[g])) for g in channels}
    headers = [wrap(str(lane["actor"]["name"]), int((lane["width"] - 16) / 8.2), max_lines=2) for lane in lanes]
    header_h = HEADER_H + 15 * (max(len(h) for h in headers) - 1)
    top = 78 + header_h
    row_y: dict[int, float] = {}
    y = top
    for r in range(n_rows):
        y += gap_h[r]
        row_y[r] = y
        y += NODE_H
    body_bottom = y + gap_h[n_rows]
    for b in boxes.values():
        b.y = row_y[b.row]

    channel_y: dict[str, float] = {}
    for g, items in channels.items():
        gap_top = (row_y[g] - gap_h[g]) if g < n_rows else body_bottom - gap_h[g]
        items.sort(key=lambda item: (item[2], item[0]))
        for k, (key, _, _) in enumerate(items):
            channel_y[key] = gap_top + 18 + k * CHANNEL

    parts: list[str] = []
    labels: list[str] = []
    taken: list[tuple[float, float, float, float]] = [
        (b.x - 2, b.y - 2, b.right + 2, b.bottom + 2) for b in boxes.values()
    ]
    loops: dict[str, str] = {}
    paths: list[tuple[Edge, list[tuple[float, float]]]] = []
    for i, e in enumerate(edges):
        stroke, sw, dash = EDGE_STYLE[e.kind]
        u, v = boxes[e.source], boxes[e.target]
        plan = plans[i]
        if plan["type"] == "loop":
            x0, y0 = u.right, u.y + NODE_H * 0.3
            x1, y1 = u.right, u.y + NODE_H * 0.7
            d = f"M{x0:.1f},{y0:.1f} C{x0 + 24:.1f},{y0 - 8:.1f} {x1 + 24:.1f},{y1 + 8:.1f} {x1 + 2:.1f},{y1:.1f}"
            pts = []
            if e.label:
                loops[e.source] = e.label
        elif plan["type"] == "down":
            sx, tx, gx = plan["sx"], plan["tx"], plan["gx"]
            ya = channel_y[f"a{i}"]
            if gx is not None:
                yb = channel_y[f"b{i}"]
                pts = [(sx, u.bottom), (sx, ya), (gx, ya), (gx, yb), (tx, yb), (tx, v.y)]
            elif abs(sx - tx) < 0.5:
                pts = [(sx, u.bottom), (tx, v.y)]
            else:
                pts = [(sx, u.bottom), (sx, ya), (tx, ya), (tx, v.y)]
            d = "M" + " L".join(f"{px:.1f},{py:.1f}" for px, py in pts)
        else:  # back up to an earlier row: leave from the right side, climb the gutter beside the step
            gx, tx = plan["gx"], plan["tx"]
            yb = channel_y[f"b{i}"]
            pts = [(u.right, u.y + NODE_H / 2), (gx, u.y + NODE_H / 2), (gx, yb), (tx, yb), (tx, v.y)]
            d = "M" + " L".join(f"{px:.1f},{py:.1f}" for px, py in pts)
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<path class="edge {e.kind}" data-edge="{i}" d="{d}" fill="none" stroke="{stroke}" stroke-width="{sw}"'
            f'{dash_attr} marker-end="url(#arrow-{e.kind})"><title>{escape(_edge_title(wmap, e))}</title></path>'
        )
        paths.append((e, pts))
    for k, (e, pts) in enumerate(paths):
        if e.label and pts:
            others = [seg for j, (_, p) in enumerate(paths) if j != k for seg in itertools.pairwise(p)]
            labels.append(_label(e, pts, taken, width, others).replace("<rect ", f'<rect data-edge="{k}" ', 1))

    nodes = [_node(wmap, boxes[s], friction.get(s, []), loops.get(s, "")) for s in order]
    legend, legend_h = _legend(state, width, body_bottom + 18, friction_points=wmap.raw.get("friction_points", []))
    height = body_bottom + 18 + legend_h + 12

    title = f"{wmap.title}: {state} state"
    subtitle = ("Swimlane of today's workflow, drawn from workflow.yaml; numbered markers are friction points"
                if state == "current" else
                "Swimlane of the proposed workflow, drawn from workflow.yaml: AI assist, human review gates "
                "and escalation paths are marked")
    lane_parts = []
    for i, lane in enumerate(lanes):
        a, x, w = lane["actor"], lane["x"], lane["width"]
        first_y = top - 22 - 15 * (len(headers[i]) - 1) - (header_h - HEADER_H - 15 * (len(headers[i]) - 1)) / 2
        names = "".join(
            f'<text x="{x + w / 2:.1f}" y="{first_y + 15 * k:.1f}" font-size="13" font-weight="bold" '
            f'fill="#ffffff" text-anchor="middle">{escape(line)}</text>'
            for k, line in enumerate(headers[i])
        )
        lane_parts.append(
            f'<rect x="{x:.1f}" y="{top - header_h}" width="{w:.1f}" height="{body_bottom - top + header_h:.1f}" '
            f'fill="{LANE_FILL[i % 2]}" stroke="#cfd8dc" stroke-width="1"/>'
            f'<rect x="{x:.1f}" y="{top - header_h}" width="{w:.1f}" height="{header_h}" fill="#263238" '
            f'stroke="#cfd8dc" stroke-width="1"/>{names}'
            f'<text x="{x + w / 2:.1f}" y="{top - 10}" font-size="10.5" fill="#b0bec5" '
            f'text-anchor="middle">{escape(KIND_NAMES.get(str(a["kind"]), str(a["kind"])))}</text>'
        )
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" role="img" aria-labelledby="title desc" '
        f'font-family={quoteattr(FONT)}>\n'
        f'<title id="title">{escape(title)}</title>\n'
        f'<desc id="desc">{escape(_description(wmap, state, order, edges))}</desc>\n'
        f"<defs>{_markers()}</defs>\n"
        f'<rect x="0" y="0" width="{width:.0f}" height="{height:.0f}" fill="#ffffff"/>\n'
        f'<text x="{LEFT}" y="32" font-size="20" font-weight="bold" fill="#1c2b33">{escape(title)}</text>\n'
        f'<text x="{LEFT}" y="54" font-size="11.5" fill="#546e7a">{escape(subtitle)}</text>\n'
    )
    body = "\n".join(
        ['<g class="lanes">', *lane_parts, "</g>", '<g class="edges">', *parts, "</g>",
         '<g class="nodes">', *nodes, "</g>", '<g class="edge-labels">', *labels, "</g>", legend]
    )
    return head + body + "\n</svg>\n"


Rect = tuple[float, float, float, float]


def _steps(lo: float, hi: float, step: float = 6.0) -> list[float]:
    return [lo + step * k for k in range(int(max(0.0, hi - lo) // step) + 1)]


def _crosses(box: Rect, seg: tuple[tuple[float, float], tuple[float, float]]) -> bool:
    """True when an axis-aligned segment passes through ``box`` (with a 2 px margin)."""
    (x0, y0), (x1, y1) = seg
    lo_x, hi_x, lo_y, hi_y = min(x0, x1) - 2, max(x0, x1) + 2, min(y0, y1) - 2, max(y0, y1) + 2
    return lo_x < box[2] and box[0] < hi_x and lo_y < box[3] and box[1] < hi_y


def _two_lines(label: str) -> list[str] | None:
    """The label split into two lines of near-equal width, or None for a single word."""
    words = label.split()
    if len(words) < 2:
        return None
    cut = min(range(1, len(words)), key=lambda k: abs(len(" ".join(words[:k])) - len(" ".join(words[k:]))))
    return [" ".join(words[:cut]), " ".join(words[cut:])]


def _label_spots(pts: list[tuple[float, float]], w: float, h: float, width: float) -> list[tuple[float, float]]:
    """Top-left corners for a ``w`` x ``h`` label beside the path ``pts``, best first."""

    def length(seg: tuple[tuple[float, float], tuple[float, float]]) -> float:
        return abs(seg[1][0] - seg[0][0]) + abs(seg[1][1] - seg[0][1])

    def horizontal(seg: tuple[tuple[float, float], tuple[float, float]]) -> bool:
        return abs(seg[0][1] - seg[1][1]) < 0.5 and length(seg) >= w * 0.6

    segments = sorted(itertools.pairwise(pts), key=lambda seg: (not horizontal(seg), -length(seg)))
    candidates: list[tuple[float, float]] = []
    for (x0, y0), (x1, y1) in segments:
        if abs(y0 - y1) < 0.5:  # horizontal: above the line, at several points along it
            lo, hi = min(x0, x1), max(x0, x1)
            for above in (True, False):
                for f in (0.5, 0.3, 0.7, 0.15, 0.85):
                    cx = min(max(lo + (hi - lo) * f, lo + w / 2), hi - w / 2) if hi - lo > w else (lo + hi) / 2
                    candidates.append((cx - w / 2, y0 - h - 1 if above else y0 + 2))
        else:  # vertical: beside the line, right then left, at several heights
            for f in (0.5, 0.3, 0.7, 0.15, 0.85):
                cy = y0 + (y1 - y0) * f
                candidates += [(x0 + 4, cy - h / 2), (x0 - w - 4, cy - h / 2)]
    for (x0, y0), (x1, y1) in segments:  # then every 6 px along the path, for crowded spots
        if abs(y0 - y1) < 0.5:
            lo, hi = min(x0, x1), max(x0, x1)
            candidates += [(x, y) for x in _steps(lo - w / 2, hi - w / 2) for y in (y0 - h - 1, y0 + 2)]
        else:
            candidates += [(x, y) for y in _steps(min(y0, y1), max(y0, y1) - h) for x in (x0 + 4, x0 - w - 4)]
    return [c for c in candidates if c[0] >= 2 and c[0] + w <= width - 2] or [
        (min(max(2.0, c[0]), width - w - 2), c[1]) for c in candidates
    ]


def _label(e: Edge, pts: list[tuple[float, float]], taken: list[Rect], width: float,
           others: list[tuple[tuple[float, float], tuple[float, float]]] | None = None) -> str:
    """An arrow's label beside its own path, on the first spot that covers no step, label or other arrow.

    A label of several words that finds no such spot on one line is tried again on two lines; only
    when neither fits does it sit over an arrow, on the spot clear of steps and labels that the fewest cross.
    """
    others = others or []

    def free(cand: tuple[float, float], w: float, h: float, strict: bool) -> bool:
        box = (cand[0], cand[1], cand[0] + w, cand[1] + h)
        if any(box[0] < t[2] and t[0] < box[2] and box[1] < t[3] and t[1] < box[3] for t in taken):
            return False
        return not strict or not any(_crosses(box, seg) for seg in others)

    lines = [e.label]
    w, h = 6.0 * len(e.label) + 8, 13.0
    one_line = _label_spots(pts, w, h, width)
    chosen = next((c for c in one_line if free(c, w, h, True)), None)
    split = _two_lines(e.label) if chosen is None else None
    if split:
        w2, h2 = 6.0 * max(map(len, split)) + 8, 25.0
        chosen = next((c for c in _label_spots(pts, w2, h2, width) if free(c, w2, h2, True)), None)
        if chosen is not None:
            lines, w, h = split, w2, h2
    if chosen is None:  # crowded: the spot clear of steps and labels that the fewest other arrows cross
        clear = [c for c in one_line if free(c, w, h, False)]
        chosen = min(clear, key=lambda c: sum(_crosses((c[0], c[1], c[0] + w, c[1] + h), seg) for seg in others),
                     default=one_line[0])
    x, y = chosen
    taken.append((x, y, x + w, y + h))
    colour = {"normal": "#37474f", "escalation": "#b71c1c", "rework": "#8d5400"}[e.kind]
    text = "".join(f'<tspan x="{x + w / 2:.1f}" y="{y + 10 + 12 * k:.1f}">{escape(line)}</tspan>' if len(lines) > 1
                   else escape(line) for k, line in enumerate(lines))
    return (f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" rx="3" fill="#ffffff" '
            f'stroke="#cfd8dc" stroke-width="0.6"/><text x="{x + w / 2:.1f}" y="{y + 10:.1f}" font-size="10.5" '
            f'fill="{colour}" '
            f'text-anchor="middle" class="edge-label {e.kind}">{text}</text>')


def _edge_title(wmap: WorkflowMap, e: Edge) -> str:
    text = f"{wmap.steps[e.source]['name']} -> {wmap.steps[e.target]['name']}"
    return text + (f" ({e.label})" if e.label else "") + ("" if e.kind == "normal" else f" [{e.kind}]")


def _description(wmap: WorkflowMap, state: str, order: list[str], edges: list[Edge]) -> str:
    kinds = [wmap.steps[s]["kind"] for s in order]
    return (
        f"{len(order)} steps in {len({wmap.steps[s]['actor'] for s in order})} lanes: "
        f"{kinds.count('ai_assist')} AI-assist step(s), {kinds.count('review_gate')} human review gate(s), "
        f"{sum(e.kind == 'escalation' for e in edges)} escalation path(s), "
        f"{sum(e.kind == 'rework' for e in edges)} rework loop(s)."
    )


def _markers() -> str:
    out = []
    for kind, (stroke, _, _) in EDGE_STYLE.items():
        out.append(
            f'<marker id="arrow-{kind}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
            f'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{stroke}"/></marker>'
        )
    return "".join(out)


def _shape(kind: str, x: float, y: float, w: float, h: float, extra: str = "") -> str:
    fill, stroke, sw, dash, radius, _, _ = STYLE[kind]
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    paint = f'fill="{fill}" stroke="{stroke}" stroke-width="{sw}"{dash_attr}{extra}'
    if kind == "review_gate":
        cut = min(14.0, h / 3)
        pts = [(x + cut, y), (x + w - cut, y), (x + w, y + h / 2),
               (x + w - cut, y + h), (x + cut, y + h), (x, y + h / 2)]
        return f'<polygon points="{" ".join(f"{px:.1f},{py:.1f}" for px, py in pts)}" {paint}/>'
    shape = f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" rx="{radius}" {paint}/>'
    if kind == "escalation":  # a second, inner border
        shape += (f'<rect x="{x + 3:.1f}" y="{y + 3:.1f}" width="{w - 6:.1f}" height="{h - 6:.1f}" rx="2" '
                  f'fill="none" stroke="{stroke}" stroke-width="0.8"/>')
    return shape


def _node(wmap: WorkflowMap, box: Box, friction_ids: list[str], loop_label: str = "") -> str:
    step = wmap.steps[box.step]
    kind = str(step["kind"])
    _, _, _, _, _, badge, badge_colour = STYLE[kind]
    parts = [f'<g class="step {kind.replace("_", "-")}" id={quoteattr("step-" + box.step)}>',
             f"<title>{escape(str(step['name']))} ({escape(box.step)})</title>",
             _shape(kind, box.x, box.y, NODE_W, NODE_H)]
    lines = wrap(str(step["name"]), max_lines=2 if loop_label else 3)
    text_top = box.y + (20 if badge else 14)
    if badge:
        parts.append(f'<text x="{box.cx:.1f}" y="{box.y + 13:.1f}" font-size="8.5" font-weight="bold" '
                     f'letter-spacing="0.6" fill="{badge_colour}" text-anchor="middle">{escape(badge)}</text>')
    room = NODE_H - (text_top - box.y) - (16 if loop_label else 4)
    if loop_label:
        parts.append(f'<text x="{box.cx:.1f}" y="{box.bottom - 6:.1f}" font-size="9.5" fill="#8d5400" '
                     f'text-anchor="middle" class="loop-label">\u21bb again if: {escape(loop_label)}</text>')
    first = text_top + (room - 14 * len(lines)) / 2 + 11
    for k, line in enumerate(lines):
        parts.append(f'<text x="{box.cx:.1f}" y="{first + 14 * k:.1f}" font-size="11.5" fill="#1c2b33" '
                     f'text-anchor="middle">{escape(line)}</text>')
    for k, fid in enumerate(friction_ids):
        fx, fy = box.right - 4 - 26 * k, box.y - 2
        parts.append(f'<g class="friction-marker"><circle cx="{fx:.1f}" cy="{fy:.1f}" r="11" fill="#d84315" '
                     f'stroke="#ffffff" stroke-width="1.5"/><text x="{fx:.1f}" y="{fy + 3.8:.1f}" font-size="10" '
                     f'font-weight="bold" fill="#ffffff" text-anchor="middle">{escape(fid)}</text></g>')
    parts.append("</g>")
    return "".join(parts)


def _legend(state: str, width: float, y0: float, friction_points: list) -> tuple[str, float]:
    items = [("task", "Task done by a person"), ("automated", "Automated step (rules, no AI)"),
             ("external", "Patient or outside organisation")]
    if state == "future":
        items += [("ai_assist", "AI assist (drafts, sorts, flags)"), ("review_gate", "Human review gate"),
                  ("escalation", "Escalation handled by a person")]
    else:
        items += [("escalation", "Escalation handled by a person")]
    lines = [("normal", "Flow"), ("escalation", "Escalation path"), ("rework", "Rework loop (step done again)")]
    parts = [(f'<g class="legend"><text x="{LEFT}" y="{y0 + 12:.1f}" font-size="12" font-weight="bold" '
             f'fill="#1c2b33">Legend</text>')]
    x, y = LEFT, y0 + 22
    cell_h = 40
    for kind, text in items:
        cell_w = 42 + 6.3 * len(text) + 22
        if x + cell_w > width - LEFT + 10 and x > LEFT:
            x, y = LEFT, y + cell_h
        parts.append(f'<g class="legend-item {kind.replace("_", "-")}">' + _shape(kind, x, y + 4, 34, 24) +
                     f'<text x="{x + 42}" y="{y + 20}" font-size="10.5" fill="#37474f">{escape(text)}</text></g>')
        x += cell_w
    x, y = LEFT, y + cell_h
    for kind, text in lines:
        stroke, sw, dash = EDGE_STYLE[kind]
        cell_w = 42 + 6.3 * len(text) + 22
        if x + cell_w > width - LEFT + 10 and x > LEFT:
            x, y = LEFT, y + 24
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(f'<path d="M{x},{y + 10} L{x + 34},{y + 10}" stroke="{stroke}" stroke-width="{sw}"{dash_attr} '
                     f'marker-end="url(#arrow-{kind})"/><text x="{x + 42}" y="{y + 14}" font-size="10.5" '
                     f'fill="#37474f">{escape(text)}</text>')
        x += cell_w
    y += 30
    if state == "current" and friction_points:
        parts.append(f'<text x="{LEFT}" y="{y + 4:.1f}" font-size="12" font-weight="bold" fill="#1c2b33">'
                     "Friction points</text>")
        y += 10
        for point in friction_points:
            y += 20
            parts.append(f'<circle cx="{LEFT + 10}" cy="{y - 4:.1f}" r="10" fill="#d84315"/>'
                         f'<text x="{LEFT + 10}" y="{y - 0.5:.1f}" font-size="9.5" font-weight="bold" fill="#ffffff" '
                         f'text-anchor="middle">{escape(str(point["id"]))}</text>'
                         f'<text x="{LEFT + 28}" y="{y:.1f}" font-size="11" fill="#37474f">'
                         f'{escape(str(point["title"]))}</text>')
        y += 10
    parts.append("</g>")
    return "".join(parts), y - y0
