"""The HTML dashboard (#14) without a browser: the run record's bounded per-point values,
the dependency graph (edges, PROVED-all-the-way marks, disconnected claims, both layouts),
the plots' data, and the pages written from a record (escaped, complete without JS)."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from itertools import pairwise
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import sympy as sp

from verify import Forall, Reals, record
from verify.claim import Claim, Derivation, Source
from verify.html import graph as graphs
from verify.html import plots, write_site
from verify.paper import Finding
from verify.verdict import Status

k = sp.Symbol("k", integer=True, positive=True)
x = sp.Symbol("x", real=True)


def closed(n: int) -> Forall:
    return Forall({}, then={"n^2 < 2^n + 10": sp.Lt(sp.Integer(n) ** 2, 2 ** sp.Integer(n) + 10,
                                                    evaluate=False)})


# ------------------------------------------------------------------------ the run record


def test_sides_of_a_closed_statement_are_floats_of_both_sides() -> None:
    got = record.sides(closed(3))
    assert got == [{"name": "n^2 < 2^n + 10", "rel": "<", "lhs": 9.0, "rhs": 18.0}]
    implication = Forall({}, then={"imp": sp.Implies(sp.Lt(1, 2, evaluate=False),
                                                     sp.Ge(sp.Rational(1, 3), 0, evaluate=False),
                                                     evaluate=False)})
    (side,) = record.sides(implication)
    assert side["rel"] == ">=" and side["lhs"] == pytest.approx(1 / 3) and side["rhs"] == 0.0


def test_sides_are_empty_for_predicates_and_quantified_statements() -> None:
    assert record.sides(True) == []
    assert record.sides(Forall({x: Reals(0)}, then={"x >= 0": sp.Ge(x, 0)})) == []


def test_point_log_is_bounded_keeps_the_start_and_the_last_point() -> None:
    log = record.PointLog(cap=20)
    for n in range(1, 1001):
        log.add({"k": n}, closed(n) if n < 40 else True, Status.PROVED)
    data = log.to_json()
    ks = [int(p["at"]["k"]) for p in data["points"]]
    assert data["seen"] == 1000 and data["kept"] == len(ks) <= 21
    assert ks[:10] == list(range(1, 11))  # the first half, every point
    assert ks[-1] == 1000  # the last point visited
    assert ks == sorted(ks) and len(set(ks)) == len(ks)
    steps = Counter(b - a for a, b in pairwise(ks[10:-1]))
    assert len(steps) == 1  # the thinned part is evenly spaced
    assert data["points"][0]["sides"][0]["lhs"] == 1.0


def test_point_log_keeps_a_refuting_point_off_the_stride() -> None:
    log = record.PointLog(cap=4)
    for n in range(1, 8):
        log.add({"k": n}, closed(n), Status.PROVED)
    log.add({"k": 8}, closed(8), Status.REFUTED)
    last = log.to_json()["points"][-1]
    assert last["at"] == {"k": "8"} and last["status"] == "REFUTED" and last["sides"]


# ------------------------------------------------------------------------ the graph


def claim(cid: str, **kw: Any) -> Claim:
    return Claim(id=cid, source=Source("paper.txt", "Theorem", (1, 2)),
                 statement=kw.pop("statement", f"the words of {cid}"), fn=None, **kw)


def demo_claims() -> list[Claim]:
    return [
        claim("p9/D", kind="definition"),
        claim("p9/T", uses=("p9/D",), by=Derivation(("p9/L",), "induction")),
        claim("p9/L", role="repair", of="p9/T"),
        claim("p9/S", role="step", of="p9/T", rests_on=("p9/L",)),
        claim("p9/U", role="step", of="p9/T", rests_on=("p9/C",)),
        claim("p9/C", role="repair"),
        claim("p9/lonely", role="repair"),
        claim("p9/R@a", reading="a"),
        claim("p9/R@b", reading="b", rests_on=("p9/T",)),
    ]


STATUSES = {"p9/T": "PROVED", "p9/L": "PROVED", "p9/S": "PROVED", "p9/U": "PROVED",
            "p9/C": "CHECKED", "p9/lonely": "PROVED", "p9/R@a": "REFUTED", "p9/R@b": "PROVED"}


def test_graph_edges_marks_and_disconnected_claims() -> None:
    g = graphs.build(demo_claims(), STATUSES, {})
    assert ("p9/D", "p9/T", "uses") in g.edges
    assert ("p9/L", "p9/T", "derivation") in g.edges
    assert ("p9/S", "p9/T", "of") in g.edges and ("p9/L", "p9/S", "rests_on") in g.edges
    solid = {n for n, node in g.nodes.items() if node.solid}
    # PROVED all the way down; U rests on a CHECKED lemma, R@a is REFUTED
    assert solid == {"p9/T", "p9/L", "p9/S", "p9/lonely", "p9/R@b"}
    orphans = {n for n, node in g.nodes.items() if node.orphan}
    assert orphans == {"p9/lonely"}  # C is attached: the step U rests on it
    assert g.nodes["p9/D"].status == "definition"


def test_graph_reference_to_an_entry_reaches_every_reading() -> None:
    g = graphs.build([*demo_claims(), claim("p9/V", rests_on=("p9/R",))], STATUSES, {})
    assert {("p9/R@a", "p9/V", "rests_on"), ("p9/R@b", "p9/V", "rests_on")} <= set(g.edges)


def test_grandalf_layout_draws_every_node_and_edge_with_links() -> None:
    g = graphs.build(demo_claims(), STATUSES, {c: f"claims/{c[3:]}.html" for c in STATUSES})
    svg, engine = graphs.render(g, "grandalf")
    assert engine == "grandalf" and svg.startswith("<svg")
    assert svg.count('class="node"') == len(g.nodes)
    assert svg.count('class="edge"') == len(g.edges)
    assert 'xlink:href="claims/T.html"' in svg
    coords = re.findall(r'<rect x="([\d.-]+)" y="([\d.-]+)"', svg)
    assert len(set(coords)) == len(g.nodes)  # laid out, not stacked


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz's dot is not installed")
def test_dot_layout_when_graphviz_is_installed() -> None:
    g = graphs.build(demo_claims(), STATUSES, {"p9/T": "claims/T.html"})
    svg, engine = graphs.render(g)
    assert engine == "graphviz dot" and svg.startswith("<svg") and "claims/T.html" in svg
    assert graphs.COLOURS["REFUTED"][0] in svg and "<!--" not in svg


# ------------------------------------------------------------------------ plots


def entry_with_points(status: str = "CHECKED") -> dict[str, Any]:
    log = record.PointLog()
    for n in range(1, 60):
        log.add({"k": n}, closed(n), Status.PROVED)
    return {"id": "p9/T", "status": status, "points": log.to_json()}


def test_margins_are_positive_when_a_relation_holds_with_room() -> None:
    assert plots.margin("<", 1.0, 3.0) == 2.0 and plots.margin(">", 1.0, 3.0) == -2.0
    assert plots.margin("=", 2.0, 2.0) == 0.0 and plots.margin("=", 1.0, 3.0) == -2.0


def test_series_and_svg_plots_from_a_record_entry() -> None:
    data = plots.series(entry_with_points())
    assert data is not None and data["xname"] == "k" and data["x"][:3] == [1.0, 2.0, 3.0]
    (rel,) = data["relations"].values()
    assert rel["margin"][3] == 2 ** 4 + 10 - 16
    svg = plots.plot("p9/T", data)
    assert svg.startswith("<svg") and "p9/T" in svg and "<path" in svg and "margin" in svg
    assert plots.series({"id": "p9/X", "status": "PROVED", "points": None}) is None


def test_no_plot_for_equalities_that_hold() -> None:
    log = record.PointLog()
    for n in range(1, 10):
        log.add({"k": n}, Forall({}, then={"id": sp.Eq(sp.Integer(n) ** 2, n * n,
                                                       evaluate=False)}), Status.PROVED)
    assert plots.series({"id": "p9/E", "status": "CHECKED", "points": log.to_json()}) is None


# ------------------------------------------------------------------------ the site


def site_inputs() -> tuple[Any, dict[str, Any]]:
    claims = demo_claims()
    paper = SimpleNamespace(
        key="p9", title="A <b>bold</b> paper", text="p9.txt", citation=lambda: "Author, 2026",
        findings=[Finding("p9/f1", "false statement", "R fails", "because <script>", ("p9/R@a",))],
        unencoded_entries=[SimpleNamespace(id="p9/E1", why="measure theory")])
    registry = SimpleNamespace(papers={"p9": paper}, claims={c.id: c for c in claims})
    entries = []
    for c in claims:
        if c.kind == "definition":
            continue
        entries.append({"id": c.id, "paper": "p9", "role": c.role, "status": STATUSES[c.id],
                        "scope": "k <= 59 of k >= 1", "evidence": ["exact"], "backend": "z3",
                        "seconds": 0.5, "statement": c.statement + " <script>alert(1)</script>",
                        "source": str(c.source), "location": "claims/p9.py:12",
                        "reading": c.reading, "witness": None, "expected": None, "gate": "pass",
                        "points": entry_with_points()["points"] if c.id == "p9/T" else None})
    rec = {"format": 1, "created": "2026-01-01T00:00:00+00:00", "commit": "abc123",
           "versions": {"mechverify": "0.1.0"}, "settings": {}, "seconds": 1.0,
           "claims": entries, "load_errors": [], "findings": [], "papers": []}
    return registry, rec


def test_site_pages_from_a_record(tmp_path: Path) -> None:
    registry, rec = site_inputs()
    written = write_site(registry, rec, tmp_path / "site")
    names = {p.relative_to(tmp_path / "site").as_posix() for p in written}
    assert {"index.html", "static/site.css", "static/site.js", "p9/index.html", "p9/graph.svg",
            "p9/claims/T.html", "p9/claims/R~a.html", "p9/plots/T.svg"} <= names
    index = (tmp_path / "site" / "index.html").read_text()
    assert "abc123" in index and "mechverify 0.1.0" in index and "2 encoded / 1 class E" in index
    paper = (tmp_path / "site" / "p9" / "index.html").read_text()
    assert "<script>alert" not in paper and "&lt;b&gt;bold" in paper  # escaped
    assert paper.count('<tr data-verdict="') == len(rec["claims"])
    assert '<tr data-verdict="REFUTED" data-role="statement">' in paper
    assert 'id="filters" class="filters" hidden' in paper  # shown by JS only
    assert "<svg" in paper and "R fails" in paper and "measure theory" in paper
    graph_part = paper.split('id="graph"', 1)[1].split("</svg>", 1)[0]
    assert all(f"node_{cid}" in graph_part for cid in STATUSES)  # the graph, inline
    assert "no statement depends on" in paper and "p9/lonely" in paper
    page = (tmp_path / "site" / "p9" / "claims" / "T.html").read_text()
    assert "../plots/T.svg" in page and "derivation premise" in page
    assert "59 parameter points decided" in page
    assert "../../static/site.css" in page
    for p in written:  # every local link and asset resolves inside the site
        if p.suffix == ".html":
            for ref in re.findall(r'(?:href|src)="([^"#?]+)', p.read_text()):
                if not ref.startswith(("http", "file:")) and not ref.endswith(".py"):
                    assert (p.parent / ref).resolve().exists(), (p, ref)


def test_a_recorded_claim_the_registry_no_longer_has_still_gets_its_node(tmp_path: Path) -> None:
    registry, rec = site_inputs()
    del registry.claims["p9/S"]  # removed from the code since the run
    write_site(registry, rec, tmp_path / "site")
    svg = (tmp_path / "site" / "p9" / "graph.svg").read_text()
    assert "node_p9/S" in svg and (tmp_path / "site" / "p9" / "claims" / "S.html").is_file()


def test_html_target_that_is_a_file_is_a_one_line_input_error(tmp_path: Path) -> None:
    from verify.errors import InputError

    registry, rec = site_inputs()
    target = tmp_path / "site"
    target.write_text("not a folder")
    with pytest.raises(InputError, match="exists and is not a folder"):
        write_site(registry, rec, target)
