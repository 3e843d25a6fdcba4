"""The exact LP back-end: true linear statements PROVED, false ones REFUTED with a witness that
replays, vacuous hypotheses VACUOUS, and the same answers as z3 under cross-checking."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest
import sympy as sp

from verify import Forall, Ints, Rationals, Reals, Source, Status, claim
from verify.backends import load
from verify.backends.base import Proof, Refutation, Vacuous
from verify.backends.lp import LP
from verify.claim import Registry
from verify.engine import Settings, check, recheck

SRC = Source("test.txt", "test", (1, 1))
x, y, z = sp.symbols("x y z", real=True)
k = sp.Symbol("k", integer=True)
half = sp.Rational(1, 2)


def decide(fn: Any, backends: tuple[str, ...] = ("lp",), cross_check: bool = False) -> Any:
    reg = Registry()
    claim("p900/LP-1", source=SRC, statement="test", registry=reg, backends=backends)(fn)
    return check(reg.get("p900/LP-1"), Settings(timeout=60, cross_check=cross_check))


TRUE = [
    lambda: Forall({x: Reals(0, 1), y: Reals(0, 1)}, given=sp.Le(x, y), then=sp.Le(x, 1)),
    lambda: Forall({x: Reals(), y: Reals()}, given=sp.Gt(x, y), then=sp.Gt(x + 1, y)),
    lambda: Forall({x: Reals(), y: Reals()}, given={"a": sp.Gt(x, 0), "b": sp.Gt(y, x)},
                   then={"y > 0": sp.Gt(y, 0), "x + y > 0": sp.Gt(x + y, 0)}),
    lambda: Forall({x: Reals(0, 1, lo_open=True)}, then=sp.Gt(x, 0)),
    lambda: Forall({x: Reals(), y: Reals()}, given=sp.Eq(x, y), then=sp.Eq(2 * x, x + y)),
    lambda: Forall({x: Reals(0, 1), y: Reals(0, 1), z: Reals()},
                   given={"z = x + y": sp.Eq(z, x + y)},
                   then=sp.And(sp.Le(z, 2), sp.Ge(z, 0), sp.Le(z / 2 - x / 2, half))),
    lambda: Forall({x: Rationals(-3, 3), y: Rationals(-3, 3)},
                   given={"x <= y": sp.Le(x, y), "y <= x": sp.Le(y, x)}, then=sp.Eq(x, y)),
]

FALSE = [
    lambda: Forall({x: Reals(0, 1), y: Reals(0, 1)}, given=sp.Le(x, y), then=sp.Lt(x, 1)),
    lambda: Forall({x: Reals(), y: Reals()}, given=sp.Gt(x, y), then=sp.Ge(x, y + 1)),
    lambda: Forall({x: Reals()}, then=sp.Le(x, 100)),  # unbounded: a ray gives x >= 101
    lambda: Forall({x: Reals(0, 1, lo_open=True)}, then=sp.Gt(x, half)),
    lambda: Forall({x: Reals(0, 1, lo_open=True, hi_open=True)}, given=sp.Gt(x, half),
                   then=sp.Ge(x, sp.Rational(3, 4))),  # needs a point strictly inside
    lambda: Forall({x: Rationals(0, 1), y: Rationals(0, 1)}, given=sp.Eq(x, y),
                   then=sp.Eq(2 * x, x + 1)),
    lambda: Forall({x: Reals(), y: Reals()}, given=sp.Ge(x + y, 1), then=sp.Eq(x, y)),
]

VACUOUS = [
    lambda: Forall({x: Reals(), y: Reals()}, given={"a": sp.Ge(x, 1), "b": sp.Le(x, 0)},
                   then=sp.Ge(x, y)),
    lambda: Forall({x: Reals(), y: Reals()}, given={"a": sp.Gt(x, 1), "b": sp.Lt(x, 1)},
                   then=sp.Ge(x, y)),
    lambda: Forall({x: Reals(0, 1)}, given=sp.Gt(x, 1), then=sp.Le(x, 0)),
]


@pytest.mark.parametrize("statement", TRUE)
def test_true_linear_statements_are_proved(statement: Any) -> None:
    v = decide(statement)
    assert v.status is Status.PROVED, v
    assert "exact LP (HiGHS basis, rational dual certificate re-checked)" in v.evidence[0]
    assert v.backend.startswith("lp (highspy")


@pytest.mark.parametrize("statement", FALSE)
def test_false_linear_statements_are_refuted_with_a_replaying_witness(statement: Any) -> None:
    v = decide(statement)
    assert v.status is Status.REFUTED, v
    point = {name: Fraction(value) for name, value in v.witness.assignment.items()}
    assert all(isinstance(value, Fraction) for value in point.values())
    assert recheck(statement(), point) is None  # refutes exactly, independent of the LP


@pytest.mark.parametrize("statement", VACUOUS)
def test_infeasible_hypotheses_are_vacuous(statement: Any) -> None:
    v = decide(statement)
    assert v.status is Status.VACUOUS, v
    assert "exact LP" in v.reason


@pytest.mark.parametrize("statement", [*TRUE, *FALSE, *VACUOUS])
def test_cross_check_with_z3_agrees(statement: Any) -> None:
    alone = decide(statement, backends=("z3",))
    both = decide(statement, backends=("lp", "z3"), cross_check=True)
    assert both.status is not Status.ERROR, both
    assert both.status is alone.status
    assert "lp (highspy" in both.backend and "z3" in both.backend


def test_direct_outcomes() -> None:
    lp = LP()
    proof = lp.run(Forall({x: Reals(0, 1)}, then=sp.Le(x, 1)), 30)
    assert isinstance(proof, Proof) and "2 LPs" in proof.evidence
    ref = lp.run(Forall({x: Reals(0, 1), y: Reals(0, 1)}, then=sp.Le(x - y, half)), 30)
    assert isinstance(ref, Refutation) and ref.assignment == {"x": 1, "y": 0}  # max violation
    vac = lp.run(Forall({x: Reals()}, given=False, then=sp.Ge(x, 0)), 30)
    assert isinstance(vac, Vacuous) and "Farkas" in vac.evidence


@pytest.mark.parametrize("statement", [
    lambda: Forall({x: Reals()}, then=sp.Ne(x, 0)),
    lambda: Forall({x: Reals(), y: Reals()}, then=sp.Ge(x * y, 0)),
    lambda: Forall({x: Reals()}, then=sp.Or(sp.Ge(x, 0), sp.Le(x, 0))),
    lambda: Forall({x: Reals(), y: Reals()}, given=sp.Implies(sp.Ge(x, 0), sp.Ge(y, 0)),
                   then=sp.Le(x, 0)),
    lambda: Forall({k: Ints(0, 5)}, then=sp.Ge(k, 0)),
    lambda: Forall({x: Reals()}, then=sp.Ge(x**2, 1)),
    lambda: Forall({x: Reals()}, then=sp.Ge(sp.Float(0.5) * x, 0)),
])
def test_declines_what_is_not_a_linear_real_conjunction(statement: Any) -> None:
    assert not LP().accepts(statement())


def test_registered_as_an_exact_backend() -> None:
    from verify.engine import EXACT_BACKENDS

    backend = load("lp")
    assert backend.name == "lp" and backend.exact is True
    assert backend.version().startswith("lp (highspy ") and backend.version().endswith(
        "+ exact basis)")
    assert EXACT_BACKENDS.index("z3") < EXACT_BACKENDS.index("lp") < EXACT_BACKENDS.index(
        "enumerate")


def _table_statement(with_rp: bool) -> Forall:
    """Symmetric one-buyer tables for n = 2 on the strict grid {0,1,2}^2 (types (a, b), a != b):
    rank preservation + IC on the sorted cone {a > b} imply IC on every pair of types (Theorem
    1 (ii) => (i) of the rank-preserving paper); without rank preservation it is false."""
    types = [(a, b) for a in range(3) for b in range(3) if a != b]
    q = {v: (sp.Symbol(f"q1{v}", real=True), sp.Symbol(f"q2{v}", real=True)) for v in types}
    t = {v: sp.Symbol(f"t{v}", real=True) for v in types}

    def u(v: tuple[int, int], w: tuple[int, int]) -> Any:
        return v[0] * q[w][0] + v[1] * q[w][1] - t[w]

    def ic(v: tuple[int, int], w: tuple[int, int]) -> Any:
        return sp.Ge(u(v, v), u(v, w), evaluate=False)

    given: dict[str, Any] = {}
    for v in types:
        m = (v[1], v[0])  # v^σ for the transposition σ
        given[f"sym q1{m}"] = sp.Eq(q[m][0], q[v][1])
        given[f"sym t{m}"] = sp.Eq(t[m], t[v])
        if with_rp:
            hi, lo = (0, 1) if v[0] > v[1] else (1, 0)
            given[f"RP {v}"] = sp.Ge(q[v][hi], q[v][lo])
    top = [v for v in types if v[0] > v[1]]
    given.update({f"IC {v}->{w}": ic(v, w) for v in top for w in top if v != w})
    variables = {s: Reals(0, 1) for v in types for s in q[v]} | {t[v]: Reals() for v in types}
    return Forall(variables, given=given,
                  then={f"IC {v}->{w}": ic(v, w) for v in types for w in types if v != w})


@pytest.mark.parametrize("with_rp,expected", [(True, Status.PROVED), (False, Status.REFUTED)])
def test_mechanism_tables_agree_with_z3(with_rp: bool, expected: Status) -> None:
    v = decide(lambda: _table_statement(with_rp), backends=("lp", "z3"), cross_check=True)
    assert v.status is expected, v
    if expected is Status.REFUTED:
        point = {n: Fraction(val) for n, val in v.witness.assignment.items()}
        assert recheck(_table_statement(with_rp), point) is None


def _chain(conclusion: str) -> Forall:
    """x_0 <= x_1 <= ... <= x_59 in [0, 1]: 59 hypothesis rows, enough for the float guide."""
    xs = sp.symbols("x0:60", real=True)
    given = {f"x{i} <= x{i + 1}": sp.Le(xs[i], xs[i + 1]) for i in range(59)}
    then = {"x0 <= x59": sp.Le(xs[0], xs[59]), "x10 <= x20 + 1/2": sp.Le(xs[10], xs[20] + half)}
    if conclusion == "false":
        then = {"x59 <= x0": sp.Le(xs[59], xs[0])}
    return Forall({x: Reals(0, 1) for x in xs}, given=given, then=then)


def test_float_guided_relaxations_prove_and_never_refute() -> None:
    proof = LP().run(_chain("true"), 60)
    assert isinstance(proof, Proof), proof
    assert "over the hypotheses named by HiGHS's float duals" in proof.evidence
    ref = LP().run(_chain("false"), 60)
    assert isinstance(ref, Refutation)
    assert recheck(_chain("false"), ref.assignment) is None
    v = decide(lambda: _chain("true"), backends=("lp", "z3"), cross_check=True)
    assert v.status is Status.PROVED, v


def test_local_relaxations_prove_and_never_refute() -> None:
    """IC of v against w follows from hypotheses at v and w alone (local relaxations, one
    shared-basis LP per set of variables); without rank preservation the violated conclusion
    is not settled locally and the full exact LP refutes it with a replaying witness."""
    proof = LP().run(_table_statement(True), 60)
    assert isinstance(proof, Proof), proof
    assert "settled over the hypotheses with at most one variable outside" in proof.evidence
    ref = LP().run(_table_statement(False), 60)
    assert isinstance(ref, Refutation), ref
    point = {n: Fraction(val) for n, val in ref.assignment.items()}
    assert recheck(_table_statement(False), point) is None
