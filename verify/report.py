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


def json_entry(claim: Claim, verdict: Verdict) -> dict[str, Any]:
    return {
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
