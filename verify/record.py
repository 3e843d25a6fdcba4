"""The run record: one artefact per `mechverify check` (`.mechverify/last-run.json`).

It holds every verdict (with the claim's role, reading kind and finding), the load errors, the
declared findings and papers, the tool and back-end versions and the commit, so that
`mechverify report`, a dashboard and CI read one file, and `mechverify diff A B` lists the
verdicts that changed between two runs. It is data: nothing in it is ever evaluated.

For the dashboard's plots (`mechverify report --html`), a claim with parameters keeps a
bounded sample of its parameter points (`points`, see `PointLog`): each point's parameters,
its status and, for a closed per-point statement, both sides of every relation as floats.
The floats are for drawing only; every verdict was decided exactly.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import subprocess
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path
from typing import Any

from verify.errors import InputError

FORMAT = 1
DEFAULT = Path(".mechverify") / "last-run.json"
DISTRIBUTIONS = ("mechverify", "sympy", "z3-solver", "highspy", "python-flint", "hypothesis")


def versions() -> dict[str, str]:
    out = {}
    for dist in DISTRIBUTIONS:
        try:
            out[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            out[dist] = "absent"
    return out


def commit(where: Path | str = ".") -> str | None:
    try:
        done = subprocess.run(["git", "rev-parse", "HEAD"], cwd=where, capture_output=True,
                              text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    text = done.stdout.strip()
    if done.returncode != 0 or not text:
        return None
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=where,
                           capture_output=True, text=True, timeout=10, check=False)
    return text + ("+dirty" if dirty.stdout.strip() else "")


def build(entries: Iterable[dict[str, Any]], load_errors: Iterable[dict[str, Any]],
          findings: Iterable[dict[str, Any]], papers: Iterable[dict[str, Any]],
          settings: dict[str, Any], seconds: float) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "commit": commit(),
        "versions": versions(),
        "settings": settings,
        "seconds": round(seconds, 2),
        "claims": list(entries),
        "load_errors": list(load_errors),
        "findings": list(findings),
        "papers": list(papers),
    }


def write(record: dict[str, Any], path: Path | str = DEFAULT) -> Path:
    from verify.store import atomic_write

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, json.dumps(record, indent=1, ensure_ascii=False) + "\n")
    return path


def read(path: Path | str) -> dict[str, Any]:
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such run record (run `mechverify check` first)")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError) as exc:
        raise InputError(f"{path}: not a run record ({type(exc).__name__})") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(
            data.get("claims"), list):
        raise InputError(f"{path}: not a run record of format {FORMAT}")
    for i, entry in enumerate(data["claims"]):
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str) or not isinstance(
                entry.get("status"), str):
            raise InputError(f"{path}: claims[{i}]: expected an object with 'id' and 'status'")
    return data


# --------------------------------------------------------------------------- plot points

POINTS_KEPT = 100  # parameter points kept per claim (plots); the first half always
SIDES_KEPT = 4  # relations of one point whose two sides are kept


def approx(expr: Any) -> float | None:
    """A float of a closed sympy number, for drawing only (None when it has none)."""
    import sympy as sp

    try:
        value = float(sp.N(expr, 17))
    except Exception:  # noqa: BLE001 - drawing only: a value sympy cannot approximate is left out
        return None
    return value if math.isfinite(value) else None


def _relations(formula: Any) -> list[Any]:
    """The relations whose sides a point shows: a relation itself, the conclusion of an
    implication, the parts of a conjunction."""
    import sympy as sp

    if isinstance(formula, sp.core.relational.Relational):
        return [formula]
    if isinstance(formula, sp.Implies):
        return _relations(formula.args[1])
    if isinstance(formula, sp.And):
        return [r for arg in formula.args for r in _relations(arg)]
    return []


def sides(statement: Any) -> list[dict[str, Any]]:
    """Both sides of every relation of a closed statement (a Forall without variables), as
    floats: [{"name", "rel", "lhs", "rhs"}]; [] for a predicate or a quantified statement."""
    if isinstance(statement, bool) or getattr(statement, "variables", True):
        return []
    out = []
    for name, formula in getattr(statement, "then", {}).items():
        for rel in _relations(formula):
            if len(out) >= SIDES_KEPT:
                return out
            # sympy's own symbol of the relation; an equality is "=" in the run record
            # (verify/html/plots.py reads it so)
            op = "=" if rel.rel_op == "==" else rel.rel_op
            out.append({"name": str(name), "rel": op, "lhs": approx(rel.lhs),
                        "rhs": approx(rel.rhs)})
    return out


def _at(params: dict[str, Any]) -> dict[str, Any]:
    """A point's parameters in exact JSON form (text where a value has none)."""
    from verify import exact

    out = {}
    for name, value in params.items():
        try:
            out[name] = exact.to_json(value)
        except Exception:  # noqa: BLE001 - a parameter without a JSON form is shown as text
            out[name] = str(value)[:200]
    return out


class PointLog:
    """A bounded, deterministic sample of a claim's decided parameter points, in the order
    visited: the first POINTS_KEPT/2 points, then every `stride`-th one, the stride doubling
    (and every other kept point dropped) whenever the second half is full, and always the
    last point (a refuting one, say). At most POINTS_KEPT + 1 points are kept."""

    def __init__(self, cap: int = POINTS_KEPT) -> None:
        self.half = max(cap // 2, 1)
        self.head: list[dict[str, Any]] = []
        self.tail: list[tuple[int, dict[str, Any]]] = []
        self.stride = 1
        self.seen = 0
        self.last: dict[str, Any] | None = None
        self.pending: tuple[dict[str, Any], Any, str] | None = None

    def add(self, params: dict[str, Any], statement: Any, status: Any) -> None:
        index = self.seen
        self.seen += 1
        keep = index < self.half or (index - self.half) % self.stride == 0
        final = getattr(status, "value", str(status)) in ("REFUTED", "ERROR")
        if not keep and not final:  # its sides are computed only if it stays the last
            self.pending = (params, statement, getattr(status, "value", status))
            return
        self.pending = None
        point = {"at": _at(params), "status": getattr(status, "value", status),
                 "sides": sides(statement)}
        if index < self.half:
            self.head.append(point)
            return
        if not keep:  # a final point off the stride: kept as the last one
            self.last = point
            return
        self.tail.append((index, point))
        if len(self.tail) > self.half:
            self.stride *= 2
            self.tail = [(i, p) for i, p in self.tail if (i - self.half) % self.stride == 0]

    def to_json(self) -> dict[str, Any]:
        points = self.head + [p for _, p in self.tail]
        if self.pending is not None:
            params, statement, status = self.pending
            points.append({"at": _at(params), "status": status,
                           "sides": sides(statement)})
        elif self.last is not None:
            points.append(self.last)
        return {"seen": self.seen, "kept": len(points), "points": points}


def diff(old: dict[str, Any], new: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """(id, old status, new status, new scope) for every claim whose verdict or scope changed;
    '-' for a claim only one run has."""
    before = {e["id"]: e for e in old["claims"]}
    after = {e["id"]: e for e in new["claims"]}
    out = []
    for cid in sorted(set(before) | set(after)):
        a, b = before.get(cid), after.get(cid)
        sa = a["status"] if a else "-"
        sb = b["status"] if b else "-"
        if sa != sb or (a and b and a.get("scope") != b.get("scope")):
            out.append((cid, sa, sb, (b or {}).get("scope", "")))
    return out
