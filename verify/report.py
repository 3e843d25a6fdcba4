"""Gate policy and every way a verdict is shown: lines, detail blocks, JSON, JUnit."""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from collections import Counter
from typing import Any

from verify.claim import Claim, LoadError
from verify.verdict import Status, Verdict

PASS_WITHOUT_EXPECTATION = {Status.PROVED, Status.CHECKED, Status.SAMPLED, Status.UNKNOWN}
OUTPUT_LINES = 20  # lines of a claim's captured output shown in its detail block


def gate(claim: Claim, verdict: Verdict) -> str:
    """'pass' when the verdict is the recorded expectation (or acceptable without one)."""
    if claim.expect is not None:
        return "pass" if verdict.status is claim.expect else "fail"
    return "pass" if verdict.status in PASS_WITHOUT_EXPECTATION else "fail"


def where(claim: Claim) -> str:
    path = claim.file
    try:
        path = os.path.relpath(path)
    except ValueError:
        pass
    return f"{path}:{claim.lineno}"


def line(claim: Claim, verdict: Verdict) -> str:
    backend = verdict.backend or "-"
    cached = ", cached" if verdict.details.get("cached") else ""
    mark = "" if gate(claim, verdict) == "pass" else "  << expected " + (
        claim.expect.value if claim.expect else "PROVED or CHECKED")
    return (f"{where(claim)}: {verdict.status.value} {claim.id} {verdict.scope} "
            f"({backend}, {verdict.seconds:.2f}s{cached}){mark}")


def detail(claim: Claim, verdict: Verdict) -> str:
    """The block printed under an unexpected verdict."""
    out = [f"  claim:     {claim.id} — {claim.source}",
           f"  statement: {claim.statement}"]
    if claim.reading_text:
        out.append(f"  reading:   {claim.reading_text}")
    out.append(f"  verdict:   {verdict.status.value} (expected "
               f"{claim.expect.value if claim.expect else 'PROVED or CHECKED'})")
    if verdict.reason:
        out.append(f"  reason:    {verdict.reason}")
    for ev in verdict.evidence:
        out.append(f"  evidence:  {ev}")
    w = verdict.witness
    if w is not None:
        ff = w.first_false
        if ff:
            out.append(f"  first false conjunct: {ff.get('name', '')}: {ff.get('relation', '')}")
            out.append(f"    lhs = {ff.get('lhs', '')}")
            out.append(f"    rhs = {ff.get('rhs', '')}")
        if w.params:
            out.append(f"  params:    {w.params}")
        if w.assignment:
            out.append(f"  point:     {w.assignment}")
        if w.notes:
            out.append(f"  notes:     {w.notes}")
        if w.path:
            out.append(f"  witness:   {w.path}   replay: mechverify replay {w.path}")
    output = verdict.details.get("output")
    if output:  # what the claim printed, captured by its worker: the last lines here
        lines = output.rstrip("\n").splitlines()
        more = f" (last {OUTPUT_LINES} of {len(lines)} lines; more in --json)" if len(
            lines) > OUTPUT_LINES else ""
        out.append(f"  output:{more}")
        out.extend(f"    | {ln[:300]}" for ln in lines[-OUTPUT_LINES:])
    return "\n".join(out)


def json_entry(claim: Claim, verdict: Verdict, finding: Any = None) -> dict[str, Any]:
    return {
        "role": claim.role,
        "of": claim.of,
        "analogue": claim.analogue,
        "reading_kind": claim.reading_kind,
        "deviation": claim.deviation,
        "finding": finding.id if finding is not None else None,
        "severity": finding.severity if finding is not None else None,
        "id": claim.id,
        "paper": claim.paper,
        "source": str(claim.source),
        "location": where(claim),
        "statement": claim.statement,
        "reading": claim.reading,
        "status": verdict.status.value,
        "expected": claim.expect.value if claim.expect else None,
        "gate": gate(claim, verdict),
        "scope": verdict.scope,
        "evidence": list(verdict.evidence),
        "backend": verdict.backend,
        "seconds": verdict.seconds,
        "reason": verdict.reason,
        "witness": verdict.witness.path if verdict.witness else None,
        "cached": bool(verdict.details.get("cached")),
        "output": verdict.details.get("output", ""),
        "points": verdict.details.get("points"),  # bounded per-point values (verify.record)
    }


def summary(pairs: list[tuple[Claim, Verdict]]) -> list[tuple[str, dict[str, int], int]]:
    """Per paper: counts per status and the number of gate failures."""
    papers: dict[str, Counter[str]] = {}
    fails: Counter[str] = Counter()
    for claim, verdict in pairs:
        papers.setdefault(claim.paper, Counter())[verdict.status.value] += 1
        if gate(claim, verdict) == "fail":
            fails[claim.paper] += 1
    return [(p, dict(c), fails[p]) for p, c in sorted(papers.items())]


def junit(pairs: list[tuple[Claim, Verdict]], errors: list[LoadError]) -> bytes:
    suites = ET.Element("testsuites", name="mechverify")
    by_paper: dict[str, list[tuple[Claim, Verdict]]] = {}
    for claim, verdict in pairs:
        by_paper.setdefault(claim.paper, []).append((claim, verdict))
    for paper, items in sorted(by_paper.items()):
        failures = sum(gate(c, v) == "fail" for c, v in items)
        suite = ET.SubElement(suites, "testsuite", name=paper, tests=str(len(items)),
                              failures=str(failures))
        for claim, verdict in items:
            case = ET.SubElement(suite, "testcase", classname=paper, name=claim.id,
                                 time=f"{verdict.seconds:.3f}", file=claim.file,
                                 line=str(claim.lineno))
            ET.SubElement(case, "system-out").text = line(claim, verdict)
            if gate(claim, verdict) == "fail":
                fail = ET.SubElement(case, "failure", message=f"{verdict.status.value}: "
                                     f"{verdict.reason or verdict.scope}")
                fail.text = detail(claim, verdict)
    if errors:
        suite = ET.SubElement(suites, "testsuite", name="load", tests=str(len(errors)),
                              errors=str(len(errors)))
        for err in errors:
            case = ET.SubElement(suite, "testcase", classname="load", name=err.where)
            ET.SubElement(case, "error", message=err.message)
    return ET.tostring(suites, encoding="utf-8", xml_declaration=True)


# --------------------------------------------------------------------------- findings

NEGATIVE = (Status.REFUTED, Status.VACUOUS)


def findings_by_claim(registry: Any) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {}
    for f in registry.findings():
        for cid in f.claims:
            out.setdefault(cid, []).append(f)
    return out


def finding_errors(registry: Any, pairs: list[tuple[Claim, Verdict]]) -> list[str]:
    """The findings gate, for papers that declare a `Paper`: every REFUTED or VACUOUS
    statement, step or assumption belongs to exactly one finding, and a finding none of whose
    claims is REFUTED or VACUOUS any more (all of them run) is an error."""
    from verify.paper import FINDING_ROLES

    owners = findings_by_claim(registry)
    ran = {c.id: v for c, v in pairs}
    out = []
    for claim, verdict in pairs:
        if claim.paper not in registry.papers or verdict.status not in NEGATIVE:
            continue
        if claim.role not in FINDING_ROLES:
            continue
        mine = owners.get(claim.id, [])
        if not mine:
            out.append(f"{claim.id} is {verdict.status.value} but belongs to no finding "
                       f"(declare it with {claim.paper}'s paper.finding(...))")
        elif len(mine) > 1:
            out.append(f"{claim.id} belongs to {len(mine)} findings "
                       f"({', '.join(f.id for f in mine)}); one root cause is one finding")
    for f in registry.findings():
        if all(cid in ran for cid in f.claims) and not any(
                ran[cid].status in NEGATIVE for cid in f.claims):
            out.append(f"finding {f.id}: none of its claims is REFUTED or VACUOUS any more")
    return out


def findings_summary(registry: Any, pairs: list[tuple[Claim, Verdict]]) -> list[str]:
    """One line per paper with declared findings: counts by severity, most serious first."""
    from verify.paper import SEVERITIES

    ran = {c.id for c, _ in pairs}
    lines = []
    for key, paper in sorted(registry.papers.items()):
        live = [f for f in paper.findings if any(c in ran for c in f.claims)]
        if not live:
            continue
        counts = Counter(f.severity for f in live)
        text = ", ".join(f"{counts[s]} {s}" for s in SEVERITIES if counts[s])
        lines.append(f"{key}: {len(live)} finding{'s' if len(live) != 1 else ''} ({text})")
    return lines


# --------------------------------------------------------------------------- findings pages

NOTES_MARK = "<!-- hand-written notes below: kept by `mechverify report` -->"


def write_findings_pages(registry: Any, record: dict[str, Any], out: Any) -> list[Any]:
    """One Markdown page per declared paper, from the registry and a run record; the text
    below NOTES_MARK in an existing page is kept."""
    from pathlib import Path

    out = Path(out)
    written = []
    for key, paper in sorted(registry.papers.items()):
        path = out / f"{getattr(paper, 'page', '') or key}.md"
        notes = ""
        if path.is_file():
            old = path.read_text(encoding="utf-8")
            if NOTES_MARK in old:
                notes = old.split(NOTES_MARK, 1)[1].strip("\n")
        out.mkdir(parents=True, exist_ok=True)
        path.write_text(findings_page(paper, registry, record, notes), encoding="utf-8")
        written.append(path)
    return written


def _cell(text: Any) -> str:
    return str(text if text is not None else "").replace("|", "\\|").replace("\n", " ")


def _witness_lines(entry: dict[str, Any]) -> list[str]:
    from verify.errors import InputError
    from verify.store import read_witness_file

    path = entry.get("witness")
    if not path:
        return []
    try:
        data = read_witness_file(path)
    except InputError:
        return [f"  - witness `{path}` (unreadable)"]
    ff = data.get("first_false") or {}
    at = ", ".join(f"{k} = {v}" for k, v in {**data.get("params", {}),
                                                 **data.get("assignment", {})}.items())
    lines = [f"  - at {at or 'the closed statement'}: `{ff.get('name', '')}` is false: "
             f"lhs = {ff.get('lhs', '')}, rhs = {ff.get('rhs', '')}"]
    lines.append(f"  - replay: `{data.get('replay') or 'mechverify replay ' + str(path)}`")
    return lines


def findings_page(paper: Any, registry: Any, record: dict[str, Any], notes: str = "") -> str:
    from verify.paper import SEVERITIES

    rows = {e["id"]: e for e in record.get("claims", []) if e.get("paper") == paper.key}
    findings = sorted(paper.findings, key=lambda f: SEVERITIES.index(f.severity))
    counts = Counter(f.severity for f in findings)
    when = record.get("created", "?")
    lines = [f"# Findings: {paper.title}", "",
             f"{paper.citation()}." + (f" Line numbers refer to the text file `{paper.text}`."
                                       if paper.text else ""),
             "", f"Generated by `mechverify report` from the run of {when} (commit "
             f"`{record.get('commit') or '?'}`); edit the claims and findings in code, or the "
             "notes at the end.", "", "## Summary", ""]
    if findings:
        lines.append(f"{len(findings)} finding{'s' if len(findings) != 1 else ''}: " + ", ".join(
            f"{counts[s]} {s}" for s in SEVERITIES if counts[s]) + ".")
        lines.append("")
        for i, f in enumerate(findings, 1):
            lines.append(f"{i}. **{f.title}** ({f.severity}). {f.explain}")
    else:
        lines.append("No findings: every encoded statement held on its stated scope.")
    statuses = Counter(e["status"] for e in rows.values())
    lines += ["", "Verdicts: " + ", ".join(f"{statuses[s]} {s}" for s in
                                           ("PROVED", "CHECKED", "SAMPLED", "UNKNOWN", "VACUOUS",
                                            "REFUTED", "ERROR") if statuses[s]) + "."]
    for f in findings:
        lines += ["", f"## {f.title}", "", f"*{f.severity}* · `{f.id}`", "", f.explain, ""]
        for cid in f.claims:
            e = rows.get(cid)
            c = registry.claims.get(cid)
            words = f"{c.source}: {c.statement}" if c is not None else ""
            status = e["status"] if e else "not run"
            lines.append(f"- `{cid}` — {status}" + (f" {e['scope']}" if e else "")
                         + (f". {words}" if words else ""))
            if e:
                lines += _witness_lines(e)
        for cid in f.holds:
            e = rows.get(cid)
            lines.append(f"- holds: `{cid}` — {e['status'] + ' ' + e['scope'] if e else 'not run'}")
    lines += ["", "## Every claim", "", "| claim | role | reading | verdict | scope | back-end |",
              "|---|---|---|---|---|---|"]
    for cid in sorted(rows):
        e = rows[cid]
        reading = (e.get("reading") or "") + (f" ({e['reading_kind']})" if e.get("reading_kind")
                                              else "")
        role = (e.get("role") or "") + (" (analogue)" if e.get("analogue") else "")
        lines.append(f"| `{cid}` | {_cell(role)} | {_cell(reading)} | {e['status']} | "
                     f"{_cell(e.get('scope'))} | {_cell(e.get('backend'))} |")
    if paper.unencoded_entries:
        lines += ["", "## Not mechanised", "", "| entry | why |", "|---|---|"]
        for u in paper.unencoded_entries:
            lines.append(f"| `{u.id}` | {_cell(u.why)} |")
    lines += ["", NOTES_MARK, ""]
    if notes:
        lines += [notes, ""]
    return "\n".join(lines)
