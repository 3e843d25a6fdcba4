"""Papers, roles, readings as objects, findings and the findings gate, the run record,
`mechverify diff` and `mechverify report`, end to end on a throw-away project."""

from __future__ import annotations

import json
import shutil

from tests.conftest import Project

PAPER = """
import sympy as sp
from verify import Forall, Ints, Reals
from verify.paper import Paper, Reading

paper = Paper("p900", "A Demo Paper", authors="A. Author", year=2024, arxiv="2401.00001",
              text="demo.txt")
x = sp.Symbol("x", real=True)

@paper.claim("L1", at=("Lemma 1", 10, 12), says="x^2 >= x on [0, 1] (false)", expect="REFUTED")
def l1() -> Forall:
    return Forall({x: Reals(0, 1)}, then={"x^2 >= x": sp.Ge(x**2, x, evaluate=False)})

@paper.claim("L1.step", at=("proof of Lemma 1", 11), says="x^2 <= x on [0, 1]", role="step",
             of="L1", expect="PROVED")
def l1_step() -> Forall:
    return Forall({x: Reals(0, 1)}, then={"x^2 <= x": sp.Le(x**2, x, evaluate=False)})

BOUND = (
    Reading("strict", "k > 2 as printed", kind="literal", expect="REFUTED", strict=True),
    Reading("weak", "k >= 2, as the proof uses it", kind="intended", expect="CHECKED",
            strict=False),
    Reading("cubic", "2^k >= k^3 (a variant: the bound is not polynomial)", kind="alternative",
            expect="REFUTED", role="variant", deviation="k^3 instead of 2k", strict=None),
)

@paper.claim("T2", at=("Theorem 2", 20), says="2^k >= 2k for every k >= 1",
             over={"k": Ints(1)}, limit={"k": 8}, readings=BOUND)
def t2(k: int, strict: bool | None) -> bool:
    if strict is None:
        return 2**k >= k**3
    return 2**k > 2 * k if strict else 2**k >= 2 * k

@paper.claim("T2.var", at=("Theorem 2", 20), says="variant: 2^k >= 3k", role="variant",
             over={"k": Ints(1)}, limit={"k": 8}, expect="REFUTED",
             deviation="3k instead of 2k, to show the constant is tight")
def t2_var(k: int) -> bool:
    return 2**k >= 3 * k
"""

FINDINGS = """
from claims.p900_demo.demo import paper

paper.finding("L1-false", severity="false statement", title="Lemma 1 fails inside (0, 1)",
              explain="x^2 < x for every x in (0, 1).", claims=("L1",), holds=("L1.step",))
paper.finding("T2-strict", severity="typo", title="Theorem 2 needs >=, not >",
              explain="At k = 1 and k = 2, 2^k = 2k.", claims=("T2@strict",),
              holds=("T2@weak",))
paper.unencoded("L3", "needs measure theory on uncountable type spaces")
"""


def test_findings_gate_record_diff_and_report(project: Project) -> None:
    project.module("demo", PAPER)
    project.module("findings", FINDINGS)
    r = project.run("check", "--no-cache")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "findings p900: 2 findings (1 false statement, 1 typo)" in r.stdout, r.stdout
    rec = json.loads((project.path / ".mechverify" / "last-run.json").read_text())
    rows = {e["id"]: e for e in rec["claims"]}
    assert rows["p900/L1"]["finding"] == "p900/L1-false"
    assert rows["p900/L1"]["severity"] == "false statement"
    assert rows["p900/T2@strict"]["reading_kind"] == "literal"
    assert rows["p900/L1.step"]["role"] == "step" and rows["p900/L1.step"]["of"] == "p900/L1"
    assert rows["p900/T2.var"]["role"] == "variant" and rows["p900/T2.var"]["finding"] is None
    assert rows["p900/T2@cubic"]["role"] == "variant" and rows["p900/T2@weak"]["role"] == "statement"
    assert rows["p900/T2@cubic"]["deviation"] == "k^3 instead of 2k"
    assert rec["versions"]["sympy"] and rec["papers"][0]["unencoded"][0]["id"] == "p900/L3"

    show = project.run("show", "p900/T2.var")
    assert "role:      variant" in show.stdout and "departs:   3k instead" in show.stdout

    rp = project.run("report", "--out", "pages")
    assert rp.returncode == 0, rp.stderr
    page = (project.path / "pages" / "p900.md").read_text()
    assert page.index("false statement") < page.index("typo")
    assert "Lemma 1 fails inside (0, 1)" in page and "mechverify replay" in page
    assert "needs measure theory" in page

    shutil.copy(project.path / ".mechverify" / "last-run.json", project.path / "old.json")
    # a refuted statement outside any finding turns the gate red
    project.module("findings", FINDINGS.replace('claims=("T2@strict",)', 'claims=("L1",)'))
    r = project.run("check", "--no-cache")
    assert r.returncode == 1 and "FINDING ERROR p900/T2@strict is REFUTED but belongs to no" \
        in r.stdout, r.stdout
    assert "belongs to 2 findings" in r.stdout
    d = project.run("diff", "old.json")
    assert d.returncode == 0 and "0 verdicts changed" in d.stdout, d.stdout


def test_a_finding_whose_claims_all_hold_is_an_error(project: Project) -> None:
    project.module("demo", PAPER)
    project.module("findings", FINDINGS + """
paper.finding("step-gap", severity="proof gap", title="no gap", explain="-",
              claims=("L1.step",))
""")
    r = project.run("check", "--no-cache")
    assert r.returncode == 1
    assert "finding p900/step-gap: none of its claims is REFUTED or VACUOUS" in r.stdout


def test_a_variant_is_never_a_finding_and_a_step_names_its_statement(project: Project) -> None:
    project.module("demo", PAPER)
    project.module("findings", FINDINGS + """
paper.finding("var", severity="false statement", title="v", explain="-", claims=("T2.var",))

@paper.claim("L9", says="a step without its statement", role="step")
def l9() -> bool:
    return True
""")
    r = project.run("list")
    assert r.returncode == 1
    assert "T2.var is a variant, never evidence of a finding" in r.stderr
    assert "names the statement it belongs to" in r.stderr
