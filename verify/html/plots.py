"""Static SVG plots of a claim's checked points, drawn from the run record (matplotlib, Agg).

One figure for a claim whose per-point statement is closed (relations between numbers), with
at least one inequality or a failing point: its two sides across the checked slice (log axes
where the values span orders of magnitude), and the margin of each point (how close it came
to failing: rhs - lhs for <, lhs - rhs for >, -|lhs - rhs| for =). The values are floats kept for drawing (verify.record.PointLog); every
verdict was decided exactly, and a failing point is drawn in red.
"""

from __future__ import annotations

import io
import math
import re
from typing import Any

MIN_POINTS = 3  # a plot needs at least this many points with values
WIDTH, HEIGHT = 9.0, 3.2  # inches
MARKERS_UP_TO = 40  # points drawn as markers up to this many (else lines only)
RELATIONS_DRAWN = 4


def _setup() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update({"svg.fonttype": "none", "svg.hashsalt": "mechverify",
                         "font.size": 9, "axes.grid": True, "grid.alpha": 0.3})
    return plt


def _x(point: dict[str, Any], index: int) -> tuple[float, str]:
    """The abscissa of a point: its one numeric parameter, else its index."""
    at = point.get("at") or {}
    numeric = {k: v for k, v in at.items() if isinstance(v, int | str) and re.fullmatch(
        r"-?\d+", str(v))}
    if len(numeric) == 1:
        name, value = next(iter(numeric.items()))
        return float(int(value)), name
    return float(index), "point (in the order checked)"


def series(entry: dict[str, Any]) -> dict[str, Any] | None:
    """The plottable data of a record entry: x values, name of x, and per relation the two
    sides and the margin; None when fewer than MIN_POINTS points carry values."""
    points = [p for p in ((entry.get("points") or {}).get("points") or []) if p.get("sides")]
    if len(points) < MIN_POINTS:
        return None
    xs: list[float] = []
    xname = ""
    rels: dict[str, dict[str, Any]] = {}
    for i, p in enumerate(points):
        x, xname = _x(p, i)
        xs.append(x)
        for j, s in enumerate(p["sides"]):
            key = f"{s['name']}" + (f" [{j}]" if sum(t["name"] == s["name"]
                                                        for t in p["sides"]) > 1 else "")
            r = rels.setdefault(key, {"rel": s["rel"], "x": [], "lhs": [], "rhs": [],
                                      "margin": [], "status": []})
            lhs, rhs = s.get("lhs"), s.get("rhs")
            if lhs is None or rhs is None:
                continue
            r["x"].append(x)
            r["lhs"].append(lhs)
            r["rhs"].append(rhs)
            r["margin"].append(margin(s["rel"], lhs, rhs))
            r["status"].append(p.get("status", ""))
    rels = {k: v for k, v in rels.items() if len(v["x"]) >= MIN_POINTS}
    failing = any(s in ("REFUTED", "ERROR") for v in rels.values() for s in v["status"])
    if not rels or (not failing and all(v["rel"] == "=" for v in rels.values())):
        return None  # equalities that hold: both sides coincide, no margin to look at
    return {"x": xs, "xname": xname, "relations": rels,
            "seen": (entry.get("points") or {}).get("seen", len(points))}


def series_rank(entry: dict[str, Any]) -> int:
    """Which plots a paper page shows first: a failing claim, then inequalities (a margin to
    look at), then equalities."""
    if entry.get("status") in ("REFUTED", "ERROR"):
        return 0
    points = (entry.get("points") or {}).get("points") or []
    rels = {s["rel"] for p in points for s in p.get("sides") or []}
    return 1 if rels - {"="} else 2


def margin(rel: str, lhs: float, rhs: float) -> float:
    """How far a relation is from failing (positive: holds with room; 0 for a kept =)."""
    if rel in ("<", "<="):
        return rhs - lhs
    if rel in (">", ">="):
        return lhs - rhs
    if rel == "=":
        return -abs(lhs - rhs)
    return abs(lhs - rhs)


def _log_ok(values: list[float]) -> bool:
    pos = [v for v in values if v > 0]
    return len(pos) == len(values) and max(pos) / min(pos) > 50


def _svg(fig: Any) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg")
    text = buf.getvalue()
    start = text.find("<svg")
    return text[start:] if start >= 0 else text


def plot(claim_id: str, data: dict[str, Any]) -> str:
    """One SVG figure with two panels: both sides of each relation against the parameter (log
    axes where the values span orders of magnitude), and the margin of each checked point."""
    plt = _setup()
    fig, (left, right) = plt.subplots(1, 2, figsize=(WIDTH, HEIGHT))
    markers = len(data["x"]) <= MARKERS_UP_TO
    values: list[float] = []
    margins: list[float] = []
    xs_all: list[float] = []
    for name, r in list(data["relations"].items())[:RELATIONS_DRAWN]:
        mark = {"marker": "o", "markersize": 3} if markers else {}
        (line,) = left.plot(r["x"], r["lhs"], linewidth=1.2, label=f"{name}: left"[:60], **mark)
        left.plot(r["x"], r["rhs"], linewidth=1.2, linestyle="--", color=line.get_color(),
                  alpha=0.8, label=f"right ({r['rel']})", **mark)
        right.plot(r["x"], r["margin"], linewidth=1.0, color=line.get_color(),
                   label=f"{name} ({r['rel']})"[:60], **mark)
        bad = [i for i, s in enumerate(r["status"]) if s in ("REFUTED", "ERROR")]
        if bad:
            left.scatter([r["x"][i] for i in bad], [r["lhs"][i] for i in bad], color="#d32f2f",
                         zorder=5, s=30, label="failing point")
            right.scatter([r["x"][i] for i in bad], [r["margin"][i] for i in bad],
                          color="#d32f2f", zorder=5, s=30)
        values += r["lhs"] + r["rhs"]
        margins += r["margin"]
        xs_all += r["x"]
    if _log_ok(values):
        left.set_yscale("log")
    nonzero = [abs(m) for m in margins if m != 0 and math.isfinite(m)]
    if nonzero and max(nonzero) / min(nonzero) > 50:
        right.set_yscale("symlog", linthresh=min(nonzero))
    right.axhline(0, color="#d32f2f", linewidth=0.8)
    for ax in (left, right):
        if _log_ok(xs_all):
            ax.set_xscale("log")
        ax.set_xlabel(data["xname"])
    left.set_title("both sides at each checked point", fontsize=9)
    right.set_title("margin (> 0: holds with room)", fontsize=9)
    left.legend(fontsize=7, loc="best")
    fig.suptitle(claim_id, fontsize=9)
    fig.subplots_adjust(left=0.08, right=0.98, bottom=0.15, top=0.84, wspace=0.25)
    svg = _svg(fig)
    plt.close(fig)
    return svg


def plot_job(job: tuple[str, dict[str, Any]]) -> str:
    """`plot` for a process pool: (claim id, series) -> SVG text."""
    return plot(*job)
