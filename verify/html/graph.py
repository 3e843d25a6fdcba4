"""The dependency graph of one paper: statements, steps and definitions, as an SVG.

Nodes are the paper's claims and definitions; an edge runs from what a claim rests on to the
claim: a definition it `uses`, a lemma it `rests_on`, a premise of its `Derivation`, and from
a proof step (`of=`) to its statement. Layout is by Graphviz's `dot` where it is installed
(the Debian package `graphviz`), else by grandalf's Sugiyama layout (pure Python), so a
pip-only user still gets a graph. Nothing is placed by hand-written coordinates.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

# verdict -> (fill, text colour); "definition" and "not run" for nodes without a verdict
COLOURS = {
    "PROVED": ("#2e7d32", "#ffffff"),
    "CHECKED": ("#81c784", "#10301a"),
    "SAMPLED": ("#fff176", "#3b3500"),
    "UNKNOWN": ("#bdbdbd", "#202020"),
    "VACUOUS": ("#9575cd", "#ffffff"),
    "REFUTED": ("#d32f2f", "#ffffff"),
    "ERROR": ("#ff8f00", "#202020"),
    "definition": ("#e3f2fd", "#0d2a45"),
    "not run": ("#f5f5f5", "#606060"),
}
EDGE_STYLES = {  # kind -> (dot style, colour, SVG dash pattern)
    "uses": ("dashed", "#cfd8dc", "4 3"),
    "rests_on": ("solid", "#455a64", ""),
    "derivation": ("bold", "#1b5e20", ""),
    "of": ("dotted", "#8d6e63", "1 3"),
}
DOT_SECONDS = 30
SOLID_MARK = "✔"  # shown on a node that, with everything it rests on, is PROVED


@dataclass
class Node:
    id: str
    label: str
    status: str  # a verdict, "definition" or "not run"
    role: str
    href: str
    tip: str
    solid: bool = False  # this and everything it rests on is PROVED
    orphan: bool = False  # a claim no statement depends on


@dataclass
class Graph:
    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[tuple[str, str, str]] = field(default_factory=list)  # (from, to, kind)


def _targets(ref: str, ids: Iterable[str]) -> list[str]:
    """The nodes a reference names: the id itself, or every reading of a bare entry id."""
    ids = list(ids)
    if ref in ids:
        return [ref]
    return [i for i in ids if i.split("@", 1)[0] == ref]


def build(claims: list[Any], statuses: dict[str, str], href: dict[str, str]) -> Graph:
    """The graph of `claims` (verify.claim.Claim objects of one paper, definitions included),
    coloured by `statuses` (claim id -> verdict), nodes linking to `href[id]`."""
    g = Graph()
    for c in claims:
        definition = c.kind == "definition"
        status = "definition" if definition else statuses.get(c.id, "not run")
        label = c.id.split("/", 1)[1]
        g.nodes[c.id] = Node(c.id, label, status, "definition" if definition else c.role,
                             href.get(c.id, ""), f"{c.id}: {c.statement}")
    ids = list(g.nodes)
    for c in claims:
        refs = [(u, "uses") for u in c.uses] + [(r, "rests_on") for r in c.rests_on]
        if c.by is not None:
            refs += [(p, "derivation") for p in c.by.premises]
        for ref, kind in refs:
            for t in _targets(ref, ids):
                if t != c.id:
                    g.edges.append((t, c.id, kind))
        if c.of:
            for t in _targets(c.of, ids):
                if t != c.id:
                    g.edges.append((c.id, t, "of"))
    g.edges = list(dict.fromkeys(g.edges))
    _mark(g)
    return g


def _mark(g: Graph) -> None:
    """`solid`: PROVED, and so is everything it rests on (premises, transitively); `orphan`: a
    claim that is not a statement, is no step of one, and that no such claim depends on."""
    premises: dict[str, list[str]] = {n: [] for n in g.nodes}
    for a, b, kind in g.edges:
        if kind in ("rests_on", "derivation"):
            premises[b].append(a)
    memo: dict[str, bool] = {}

    def solid(n: str, path: frozenset[str]) -> bool:
        if n in memo:
            return memo[n]
        if n in path or g.nodes[n].status != "PROVED":
            return False
        memo[n] = all(solid(p, path | {n}) for p in premises[n])
        return memo[n]

    for n in g.nodes:
        g.nodes[n].solid = solid(n, frozenset())
    attached = {n for n, node in g.nodes.items() if node.role in ("statement", "definition")}
    attached |= {a for a, _b, kind in g.edges if kind == "of"}
    changed = True
    while changed:
        changed = False
        for a, b, kind in g.edges:
            if kind != "uses" and b in attached and a not in attached:
                attached.add(a)
                changed = True
    for n, node in g.nodes.items():
        node.orphan = n not in attached


# --------------------------------------------------------------------------- rendering

def _dot_text(g: Graph) -> str:
    def q(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'

    out = ["digraph G {", '  graph [rankdir=LR, nodesep=0.15, ranksep=0.5, bgcolor="white"];',
           '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=10, '
           'height=0.3, margin="0.08,0.03"];', '  edge [arrowsize=0.6];']
    for n in g.nodes.values():
        fill, ink = COLOURS.get(n.status, COLOURS["not run"])
        label = n.label + (f" {SOLID_MARK}" if n.solid else "") + (" ?" if n.orphan else "")
        shape = "note" if n.status == "definition" else "box"
        extra = ', penwidth=2.5, color="#b71c1c", style="rounded,filled,dashed"' if n.orphan \
            else (', penwidth=2.5, color="#0b3d0b"' if n.solid else ', color="#555555"')
        out.append(f"  {q(n.id)} [label={q(label)}, fillcolor={q(fill)}, fontcolor={q(ink)}, "
                   f"shape={shape}, URL={q(n.href)}, tooltip={q(n.tip[:300])}, "
                   f"id={q('node_' + n.id)}{extra}];")
    for a, b, kind in g.edges:
        style, colour, _ = EDGE_STYLES[kind]
        loose = ", constraint=false" if kind == "uses" else ""  # definitions: no rank pull
        out.append(f"  {q(a)} -> {q(b)} [style={style}, color={q(colour)}{loose}];")
    out.append("}")
    return "\n".join(out) + "\n"


def _strip_prolog(svg: str) -> str:
    start = svg.find("<svg")
    return svg[start:] if start >= 0 else svg


def render_dot(g: Graph) -> str | None:
    """SVG from Graphviz's `dot`, or None when it is not installed or fails."""
    exe = shutil.which("dot")
    if exe is None or not g.nodes:
        return None
    try:
        done = subprocess.run([exe, "-Tsvg"], input=_dot_text(g), capture_output=True,
                              text=True, timeout=DOT_SECONDS, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    if done.returncode != 0 or "<svg" not in done.stdout:
        return None
    return _strip_prolog(done.stdout)


CHAR_W, NODE_H, GAP = 6.6, 22.0, 14.0  # px: text width per character, node height, spacing


def render_grandalf(g: Graph) -> str:
    """SVG from grandalf's Sugiyama layout (left to right, like dot's rankdir=LR)."""
    from grandalf.graphs import Edge, Vertex
    from grandalf.graphs import Graph as GGraph
    from grandalf.layouts import SugiyamaLayout

    class View:
        def __init__(self, w: float, h: float) -> None:
            self.w, self.h, self.xy = w, h, (0.0, 0.0)

    class EdgeView:
        def __init__(self) -> None:
            self.points: list[tuple[float, float]] = []

        def setpath(self, pts: list[tuple[float, float]]) -> None:
            self.points = [(float(x), float(y)) for x, y in pts]

    vertices = {}
    for n in g.nodes.values():
        v = Vertex(n.id)
        text = n.label + (f" {SOLID_MARK}" if n.solid else "") + (" ?" if n.orphan else "")
        # dot lays out left to right; grandalf top to bottom: swap the axes
        v.view = View(NODE_H, len(text) * CHAR_W + 16)
        vertices[n.id] = v
    edges = []
    for a, b, kind in g.edges:
        e = Edge(vertices[a], vertices[b], data=kind)
        e.view = EdgeView()
        edges.append(e)
    gg = GGraph(list(vertices.values()), edges)
    boxes: dict[str, tuple[float, float]] = {}
    paths: list[tuple[str, str, str, list[tuple[float, float]]]] = []
    offset = 0.0
    for comp in gg.C:
        layout = SugiyamaLayout(comp)
        layout.xspace, layout.yspace = GAP, 40
        layout.init_all()
        layout.draw()
        xs = [v.view.xy[0] for v in comp.sV]
        left = min(x - v.view.w / 2 for x, v in zip(xs, comp.sV, strict=True))
        right = max(x + v.view.w / 2 for x, v in zip(xs, comp.sV, strict=True))
        for v in comp.sV:
            x, y = v.view.xy
            boxes[v.data] = (y, x - left + offset)  # swap back: rank -> x, order -> y
        for e in comp.sE:
            pts = [(y, x - left + offset) for x, y in e.view.points] or [
                boxes[e.v[0].data], boxes[e.v[1].data]]
            paths.append((e.v[0].data, e.v[1].data, e.data, pts))
        offset += right - left + 2 * GAP
    return _svg(g, boxes, paths)


def _svg(g: Graph, centres: dict[str, tuple[float, float]],
         paths: list[tuple[str, str, str, list[tuple[float, float]]]]) -> str:
    pad = 10.0
    widths = {}
    for n in g.nodes.values():
        text = n.label + (f" {SOLID_MARK}" if n.solid else "") + (" ?" if n.orphan else "")
        widths[n.id] = len(text) * CHAR_W + 16
    ys = [c[1] for c in centres.values()] or [0.0]
    dx = pad - min(x - widths[i] / 2 for i, (x, _) in centres.items()) if centres else pad
    dy = pad - min(ys) + NODE_H / 2
    width = max(x + widths[i] / 2 for i, (x, _) in centres.items()) + dx + pad if centres else 100
    height = max(ys) + dy + NODE_H / 2 + pad
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
           f'width="{width:.0f}pt" height="{height:.0f}pt" viewBox="0 0 {width:.0f} {height:.0f}">',
           '<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" '
           'markerHeight="6" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#455a64"/>'
           '</marker></defs>', '<rect width="100%" height="100%" fill="white"/>']
    for _a, b, kind, pts in paths:
        _style, colour, dash = EDGE_STYLES[kind]
        bx, by = centres[b]
        pts = [*pts[:-1], (bx - widths[b] / 2, by)] if len(pts) >= 2 else pts
        d = " ".join(f"{x + dx:.1f},{y + dy:.1f}" for x, y in pts)
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(f'<polyline class="edge" points="{d}" fill="none" stroke="{colour}" '
                   f'stroke-width="{2 if kind == "derivation" else 1}"{dash_attr} '
                   'marker-end="url(#arrow)"/>')
    for n in g.nodes.values():
        x, y = centres[n.id]
        w = widths[n.id]
        fill, ink = COLOURS.get(n.status, COLOURS["not run"])
        stroke = "#b71c1c" if n.orphan else ("#0b3d0b" if n.solid else "#555555")
        sw = 2.5 if n.orphan or n.solid else 1
        dash = ' stroke-dasharray="5 3"' if n.orphan else ""
        text = n.label + (f" {SOLID_MARK}" if n.solid else "") + (" ?" if n.orphan else "")
        out.append(f'<a xlink:href="{html.escape(n.href)}" id="{html.escape("node_" + n.id)}">'
                   f'<g class="node"><title>{html.escape(n.tip[:300])}</title>'
                   f'<rect x="{x + dx - w / 2:.1f}" y="{y + dy - NODE_H / 2:.1f}" width="{w:.1f}" '
                   f'height="{NODE_H}" rx="5" fill="{fill}" stroke="{stroke}" '
                   f'stroke-width="{sw}"{dash}/>'
                   f'<text x="{x + dx:.1f}" y="{y + dy + 4:.1f}" text-anchor="middle" '
                   f'font-family="Helvetica, Arial, sans-serif" font-size="10" fill="{ink}">'
                   f'{html.escape(text)}</text></g></a>')
    out.append("</svg>")
    return "\n".join(out)


def render(g: Graph, engine: str = "auto") -> tuple[str, str]:
    """(SVG, the layout engine used): `dot` when available (engine "auto" or "dot"), else
    grandalf; engine "grandalf" forces the fallback."""
    if not g.nodes:
        return "", "none"
    if engine in ("auto", "dot"):
        svg = render_dot(g)
        if svg is not None:
            return _scrub(svg), "graphviz dot"
    return render_grandalf(g), "grandalf"


def _scrub(svg: str) -> str:
    """dot's SVG, inline-ready: without comments (they carry the node ids twice)."""
    return re.sub(r"<!--.*?-->\n?", "", svg, flags=re.S)
