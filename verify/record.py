"""The run record: one artefact per `mechverify check` (`.mechverify/last-run.json`).

It holds every verdict (with the claim's role, reading kind and finding), the load errors, the
declared findings and papers, the tool and back-end versions and the commit, so that
`mechverify report`, a dashboard and CI read one file, and `mechverify diff A B` lists the
verdicts that changed between two runs. It is data: nothing in it is ever evaluated.
"""

from __future__ import annotations

import datetime as dt
import json
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
