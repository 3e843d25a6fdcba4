"""Transcendental statements: certified enclosures in verify.exact, the interval back-end
(branch-and-bound, bound table + z3), integer parameters, witnesses (issue #12)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import sympy as sp

from verify import Choice, Forall, Ints, Rationals, Reals, Source, Status, claim, exact
from verify.backends.interval import BOUNDS, Bound, Interval, _Var, lift_radicals
from verify.backends.interval import A as ARG
from verify.claim import Derivation, Registry
from verify.engine import Settings, check, recheck, replay_stored
from verify.runner import apply_premises
from verify.store import Store

SRC = Source("test.txt", "test", (1, 1))
x, y = sp.symbols("x y", real=True)
n = sp.Symbol("n", integer=True)
R = sp.Rational
ROOT = Path(__file__).resolve().parents[2]


def decide(fn: Any, backends: tuple[str, ...] | None = None, **kw: Any) -> Any:
    reg = Registry()
    claim("p900/T-1", source=SRC, statement="test", registry=reg, backends=backends, **kw)(fn)
    return check(reg.get("p900/T-1"), Settings(timeout=60))


def ge(a: Any, b: Any) -> Any:
    return sp.Ge(a, b, evaluate=False)


def le(a: Any, b: Any) -> Any:
    return sp.Le(a, b, evaluate=False)


# --------------------------------------------------------------------------- exact evaluator


@pytest.mark.parametrize("expr,expected", [
    (sp.log(2) - R(69, 100), 1),  # ln 2 = 0.6931...
    (sp.log(2) - R(7, 10), -1),
    (sp.exp(-R(1, 36)) - R(9726, 10000), 1),  # 0.97260...
    (sp.pi - R(355, 113), -1),  # 355/113 = 3.14159292 > pi
    (sp.E - R(2718281828, 10**9), 1),
    (2 ** sp.sqrt(2) - R(2665, 1000), 1),  # 2.66514...
    (sp.Rational(2) ** R(1, 3) - R(126, 100), -1),  # 1.25992...
    (sp.harmonic(100) - 1 - sp.log(100), -1),
    (sp.binomial(40, 20) - 137846528820, 0),
    (sp.factorial(20) - 2432902008176640000, 0),
    (sp.exp(sp.pi * sp.sqrt(163)) - 262537412640768744, -1),  # misses by 7.5e-13
    (sp.exp(sp.pi * sp.sqrt(163)) - 262537412640768744 + R(1, 10**12), 1),
    (sp.harmonic(sp.Integer(10**6), evaluate=False) - sp.log(10**6) - sp.EulerGamma, 1),
])
def test_closed_transcendental_signs(expr: Any, expected: int) -> None:
    assert exact.sign(expr, {}) == expected


@pytest.mark.parametrize("expr", [
    sp.log(4) - 2 * sp.log(2),  # linear forms in logs: prod q^c = 1
    sp.log(6) - sp.log(2) - sp.log(3),
    sp.Add(sp.log(R(3, 7)), -sp.log(3), sp.log(7), evaluate=False),
    sp.log(sp.Integer(1), evaluate=False),  # folds structurally
    sp.exp(sp.Integer(0), evaluate=False) - 1,
    sp.Mul(sp.sqrt(2), sp.pi, evaluate=False) - sp.Mul(sp.pi, sp.sqrt(2), evaluate=False),
    sp.Pow(sp.exp(R(1, 3)), 3, evaluate=False) - sp.E,  # polynomial in e^(1/3)
    sp.Add(sp.pi**2, -sp.Mul(sp.pi, sp.pi, evaluate=False), evaluate=False),
    sp.log(sp.sqrt(2)) - sp.log(2) / 2,  # log of an algebraic number
])
def test_exact_zero_tests(expr: Any) -> None:
    assert exact.sign(expr, {}) == 0


def test_log_equality_iff_arguments_equal() -> None:
    a, b = sp.symbols("a b", real=True)
    eq = sp.Eq(sp.log(a), sp.log(b), evaluate=False)
    assert exact.holds(eq, {"a": Fraction(6, 4), "b": Fraction(3, 2)})
    assert not exact.holds(eq, {"a": Fraction(3, 2), "b": Fraction(1500001, 1000000)})


def test_transcendental_value_at_an_algebraic_point() -> None:
    r2 = exact.RealAlgebraic((1, 0, -2), Fraction(1), Fraction(2))
    assert exact.sign(sp.log(x**2) - sp.log(2), {"x": r2}) == 0
    assert exact.sign(sp.sqrt(x) * sp.log(x), {"x": r2}) == 1


def test_no_zero_test_means_undecided_not_a_guess() -> None:
    # log(pi e) - log(pi) - 1 = 0, but no theorem implemented says so
    e = sp.Add(sp.log(sp.pi * sp.E), -sp.log(sp.pi), -1, evaluate=False)
    with pytest.raises(exact.Undecided, match="not settled"):
        exact.sign(e, {}, max_bits=256)


@pytest.mark.parametrize("expr,value,error", [
    (sp.log(x), 0, exact.Undefined),
    (sp.log(x), -1, exact.Undefined),
    (sp.sqrt(x) * sp.log(3), -1, exact.Undefined),
    (1 / x + sp.log(3), 0, (exact.Undefined, ZeroDivisionError)),
    (sp.Pow(x, -1, evaluate=False) + 2**x, 0, ZeroDivisionError),
])
def test_points_outside_the_domain_are_no_value(expr: Any, value: int, error: Any) -> None:
    with pytest.raises(error):
        exact.sign(expr, {"x": value})


def test_zero_base_of_a_radical_is_exact() -> None:
    assert exact.sign(sp.sqrt(x) * sp.log(3), {"x": 0}) == 0
    assert exact.sign(x**x - 1, {"x": 1}) == 0


def test_huge_rational_power_goes_to_arb_not_to_sympy() -> None:
    start = time.monotonic()
    assert exact.sign(x**x - R(7, 10), {"x": Fraction(999999, 1000000)}) == 1
    assert time.monotonic() - start < 5


def test_floats_are_refused() -> None:
    with pytest.raises(Exception, match="floating-point|Float"):
        exact.sign(sp.exp(sp.Float(0.5)) - 1, {})


def test_rational_and_algebraic_evaluation_stays_on_the_rational_path() -> None:
    # (sympy itself imports python-flint as its ground types; the arb path is never entered)
    code = ("import sympy as sp; from verify import exact; "
            "assert exact.sign(sp.sqrt(2) - sp.Rational(141, 100), {}) == 1; "
            "assert exact.holds(sp.Lt(sp.Symbol('x')**2, 2), {'x': 1}); "
            "from fractions import Fraction as F; r = exact.RealAlgebraic((1, 0, -2), F(1), F(2)); "
            "assert exact.sign(sp.Symbol('a')**2 - 2, {'a': r}) == 0; "
            "print(len(exact._FLINT))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, check=True)
    assert out.stdout.strip() == "0"


# --------------------------------------------------------------------------- done-when targets


def test_closed_exp_statement_is_decided_exactly() -> None:
    v = decide(lambda: {"c": sp.Lt(1 / (1 - sp.exp(-R(1, 36))), 40, evaluate=False)})
    assert v.status is Status.PROVED, v  # 1/(1 - e^(-1/36)) = 36.50...
    v = decide(lambda: {"c": sp.Lt(1 / (1 - sp.exp(-R(1, 36))), 36, evaluate=False)})
    assert v.status is Status.REFUTED, v
    assert "36.5" in v.witness.first_false["lhs"]


def test_ln1p_touching_unbounded_is_proved_by_the_bound_then_z3() -> None:
    v = decide(lambda: Forall({x: Reals(0)}, then=ge(sp.log(1 + x), x - x**2 / 2)))
    assert v.status is Status.PROVED, v
    assert "ln-lo-pade" in v.evidence[0] and "z3" in v.evidence[0]


@pytest.mark.parametrize("statement", [
    lambda: Forall({x: Reals(0)}, then=ge(sp.log(1 + x), x - x**2 / 3)),
    lambda: Forall({x: Reals(0)}, then=ge(sp.log(1 + x), x - x**2 / 2 + x**3 / 4)),
    lambda: Forall({x: Reals(0, 1)}, then=ge(sp.log(1 + x), x - x**2 / 2 + R(1, 10**6))),
    lambda: Forall({x: Reals()}, then=ge(sp.exp(x), 1 + x + x**2 / 2)),
    lambda: Forall({x: Reals(0)}, then=le(sp.exp(x), 1 + x + x**2)),
])
def test_false_perturbations_are_refuted_with_an_exact_witness(statement: Any) -> None:
    v = decide(statement)
    assert v.status is Status.REFUTED, v
    point = {k: exact.from_json(val, "w") for k, val in v.witness.assignment.items()}
    assert recheck(statement(), point) is None


@pytest.mark.parametrize("statement", [
    lambda: Forall({x: Reals(0, 10)}, then=sp.Gt(sp.exp(x), x**2 / 2)),
    lambda: Forall({x: Reals(R(1, 10), 2)}, then=sp.Gt(x**x, R(1, 2))),
    lambda: Forall({x: Reals(R(1, 10), 10)}, then=sp.Lt(1 / (1 - sp.exp(-x)), 1 + 1 / x)),
    lambda: Forall({x: Reals(0, 1), y: Reals(0, 1)},
                   then=sp.Gt(sp.exp(x + y) + sp.sqrt(1 + x * y), 1 + x + y)),
])
def test_strict_statements_on_compact_boxes_are_proved_by_branch_and_bound(statement: Any) -> None:
    v = decide(statement, backends=("interval",))
    assert v.status is Status.PROVED, v
    assert "branch-and-bound" in v.evidence[0]


def test_narrow_sqrt_counterexample_is_refuted_not_sampled() -> None:
    c = R(3141, 10000)
    # sqrt((x - c)^2 + 10^-8) < 1/2000 iff |x - c| < sqrt(2.4e-7) = 4.9e-4: width < 10^-3
    v = decide(lambda: Forall({x: Reals(0, 1)},
                              then=ge(sp.sqrt((x - c) ** 2 + R(1, 10**8)), R(1, 2000))))
    assert v.status is Status.REFUTED, v
    point = exact.from_json(v.witness.assignment["x"], "w")
    assert abs(point - Fraction(3141, 10000)) < Fraction(49, 100000)


def test_narrow_log_counterexample_in_two_variables() -> None:
    v = decide(lambda: Forall({x: Reals(0, 1), y: Reals(0, 1)},
                              then=ge(sp.log(1 + 10**8 * ((x - R(1, 7)) ** 2 + (y - R(2, 9)) ** 2)),
                                      R(1, 100))))
    assert v.status is Status.REFUTED, v


TRANSCENDENTAL = [
    lambda: Forall({x: Reals(-1, lo_open=True)}, then=le(sp.log(1 + x), x)),
    lambda: Forall({x: Reals(0)}, then=le(sp.sqrt(x), (1 + x) / 2)),
    lambda: Forall({x: Reals(1)}, then=le(sp.log(x), 2 * (sp.sqrt(x) - 1))),
    lambda: Forall({x: Reals(R(1, 10), 20)}, then=le(sp.log(x), x / sp.E)),  # touching at e
    lambda: Forall({x: Reals(0, 1), y: Reals(0, 1)}, then=le(sp.sqrt(x * y), (x + y) / 2)),
    lambda: Forall({n: Ints(1, 100)}, then=ge(sp.binomial(2 * n, n), 4**n / (2 * sp.sqrt(n)))),
    lambda: Forall({x: Reals(-2, 2)}, then=ge(sp.sqrt(x), 0)),  # undefined for x < 0
    lambda: Forall({x: Reals(0, 1)}, given=ge(sp.log(1 + x), R(1, 10)),
                   then=ge(sp.exp(x), R(11, 10))),
]


@pytest.mark.parametrize("statement", TRANSCENDENTAL)
def test_no_transcendental_statement_ends_in_error(statement: Any) -> None:
    v = decide(statement)
    assert v.status is not Status.ERROR, v
    assert v.status is not Status.REFUTED, v  # all of them are true where defined


def test_a_radical_of_a_possibly_negative_number_is_not_proved() -> None:
    v = decide(lambda: Forall({x: Reals(-2, 2)}, then=ge(sp.sqrt(x), 0)))
    assert v.status is not Status.PROVED, v


def test_hypotheses_with_transcendental_terms() -> None:
    # e^x >= 2 means x >= ln 2 = 0.693..., so sqrt(x) >= 4/5 (x >= 0.64)
    v = decide(lambda: Forall({x: Reals(0, 2)}, given=ge(sp.exp(x), 2),
                              then=ge(sp.sqrt(x), R(4, 5))))
    assert v.status is Status.PROVED, v
    v = decide(lambda: Forall({x: Reals(0, 2)}, given=ge(sp.exp(x), 2),
                              then=ge(sp.sqrt(x), R(5, 6))))  # 0.6944 > ln 2: false near ln 2
    assert v.status is Status.REFUTED, v


def test_radicals_lift_to_polynomial_constraints() -> None:
    (lifted,), radicals = lift_radicals([le(sp.sqrt(x), (1 + x) / 2)], {"x"})
    (r,) = radicals
    assert r.q == 2 and r.base == x and lifted == le(r.sym, (1 + x) / 2)
    v = decide(lambda: Forall({x: Reals(0)}, then=le(sp.sqrt(x), (1 + x) / 2)))
    assert v.status is Status.PROVED and "radicals" in v.evidence[0], v


# --------------------------------------------------------------------------- the bound table

BOXES: dict[str, tuple[Any, Any]] = {  # a box inside each bound's domain, with its contact point
    "ln-lo-pade": (1, 50), "ln-lo-recip": (R(1, 100), 50), "ln-lo-sqrt": (R(1, 100), 1),
    "ln-lo-half": (R(1, 100), 1), "ln-up-topsoe": (R(1, 1000), 50), "ln-up-sqrt": (1, 50),
    "ln-up-half": (1, 50), "ln-up-pade": (R(1, 100), 1), "ln-up-tangent": (R(1, 100), 50),
    "exp-lo-taylor3": (-20, 20), "exp-lo-taylor2": (0, 20), "exp-lo-pade": (-20, 0),
    "exp-lo-tangent": (-20, 20), "exp-up-pade": (0, R(19, 10)), "exp-up-taylor2": (-20, 0),
    "exp-up-recip3": (-5, 1), "exp-up-recip": (-20, R(9, 10)),
}


def _bound_relation(b: Bound, a: sp.Symbol) -> Any:
    f = sp.log(a) if b.function == "log" else sp.exp(a)
    rhs = b.expr.xreplace({ARG: a})
    return ge(f, rhs) if b.side == "lower" else le(f, rhs)


def test_every_bound_has_a_box() -> None:
    assert set(BOXES) == {b.name for b in BOUNDS}


@pytest.mark.parametrize("bound", BOUNDS, ids=lambda b: b.name)
def test_bound_table_entry_is_certified(bound: Bound) -> None:
    a = sp.Symbol("a", real=True)
    lo, hi = BOXES[bound.name]
    rel = _bound_relation(bound, a)
    # the box lies inside the bound's domain
    for kind, rhs in bound.conditions:
        for end in (lo, hi):
            assert exact.holds(kind(end, rhs, evaluate=False), {})
    problem = Forall({a: Reals(lo, hi)}, then=rel)
    out = Interval()._branch_and_bound(problem, [_Var(a, problem.variables[a], False)],
                                       time.monotonic() + 120, 20_000)
    assert type(out).__name__ == "Proof", out
    contact = 1 if bound.function == "log" else 0  # ln(1 + 0), e^0: equality
    assert exact.holds(rel, {"a": contact})
    assert exact.sign(rel.lhs - rel.rhs, {"a": contact}) == 0


def test_log_lower_bound_beyond_its_domain_is_not_used() -> None:
    # ln A >= 2(A-1)/(A+1) fails for A < 1: the statement on (-1, 0] needs another bound
    v = decide(lambda: Forall({x: Reals(R(-1, 2), 0)}, then=ge(sp.log(1 + x), 2 * x / (2 + x))))
    assert v.status is Status.REFUTED, v


# --------------------------------------------------------------------------- integer parameters


def test_harmonic_bound_is_checked_by_enumeration_with_certified_enclosures() -> None:
    v = decide(lambda n: {"H_n <= 1 + ln n": le(sp.harmonic(n), 1 + sp.log(n))},
               over={"n": Ints(1)}, limit={"n": 200})
    assert v.status is Status.CHECKED, v
    assert v.scope.startswith("n <= 200 of n >= 1")


def test_harmonic_bound_is_proved_by_derivation_from_a_tail_bound_and_a_finite_check() -> None:
    """docs/supported-functions.md, worked example: H_n <= 1 + ln n for every n >= 1."""
    reg = Registry()
    claim("p900/H-finite", source=SRC, registry=reg, over={"n": Ints(1, 50)},
          statement="H_n <= 1 + ln n for n = 1..50")(
        lambda n: {"H_n <= 1 + ln n": le(sp.harmonic(n), 1 + sp.log(n))})
    t = sp.Symbol("t", real=True)
    claim("p900/H-step", source=SRC, registry=reg,
          statement="1/(t+1) <= ln(1 + 1/t) for real t >= 50 (so H_{n+1} - H_n <= "
          "ln(n+1) - ln n)")(
        lambda: Forall({t: Reals(50)}, then=le(1 / (t + 1), sp.log(1 + 1 / t))))
    claim("p900/H", source=SRC, registry=reg, over={"n": Ints(1)}, limit={"n": 60},
          statement="H_n <= 1 + ln n for every n >= 1",
          by=Derivation(("p900/H-finite", "p900/H-step"),
                        "induction from n = 50: H_50 <= 1 + ln 50 (finite check) and "
                        "H_{n+1} - H_n = 1/(n+1) <= ln(1 + 1/n) = ln(n+1) - ln n (step)"))(
        lambda n: {"H_n <= 1 + ln n": le(sp.harmonic(n), 1 + sp.log(n))})
    own = {c.id: check(c, Settings(timeout=60)) for c in reg.checkable()}
    assert own["p900/H-finite"].status is Status.PROVED, own["p900/H-finite"]
    assert own["p900/H-step"].status is Status.PROVED, own["p900/H-step"]
    assert own["p900/H"].status is Status.CHECKED
    final = apply_premises(reg, own)
    assert final["p900/H"].status is Status.PROVED, final["p900/H"]
    assert "derivation by induction" in final["p900/H"].evidence[0]


# --------------------------------------------------------------------------- witnesses


def _refuted_transcendental_claim(reg: Registry) -> Any:
    claim("p900/W-1", source=SRC, registry=reg, statement="c < 7/10 for the listed constants",
          over={"c": Choice(sp.log(2), sp.exp(-R(1, 3)), sp.sqrt(2) / 2)})(
        lambda c: {"c < 7/10": sp.Lt(c, R(7, 10), evaluate=False)})
    return reg.get("p900/W-1")


def test_transcendental_witness_is_stored_exactly_and_replays(tmp_path: Path) -> None:
    reg = Registry()
    c = _refuted_transcendental_claim(reg)
    store = Store(tmp_path)
    v = check(c, Settings(timeout=60, store=store))
    assert v.status is Status.REFUTED, v
    text = store.path_for(c.id).read_text()
    data = json.loads(text)
    # e^(-1/3) = 0.7165... is the first constant >= 7/10: stored as the expression
    assert data["params"]["c"] == {"expr": {"op": "exp", "args": ["-1/3"]}}
    assert "0.7165" in data["first_false"]["lhs"]  # the readable side, never read back
    again = replay_stored(c, store)
    assert again.status is Status.REFUTED, again


def test_transcendental_witness_replays_without_a_solver(tmp_path: Path) -> None:
    reg = Registry()
    c = _refuted_transcendental_claim(reg)
    check(c, Settings(timeout=60, store=Store(tmp_path)))
    code = f"""
import sys, sympy as sp
from pathlib import Path
from verify import Choice, Source, claim
from verify.claim import Registry
from verify.engine import replay_stored
from verify.store import Store
R = sp.Rational
reg = Registry()
claim("p900/W-1", source=Source("test.txt", "test", (1, 1)), registry=reg,
      statement="c < 7/10 for the listed constants",
      over={{"c": Choice(sp.log(2), sp.exp(-R(1, 3)), sp.sqrt(2) / 2)}})(
    lambda c: {{"c < 7/10": sp.Lt(c, R(7, 10), evaluate=False)}})
v = replay_stored(reg.get("p900/W-1"), Store(Path({str(tmp_path)!r})))
print(v.status.value, "z3" in sys.modules, "highspy" in sys.modules)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         cwd=ROOT, check=True)
    assert out.stdout.split() == ["REFUTED", "False", "False"], out


def test_search_tries_domain_boundaries() -> None:
    # false only at the two (closed) ends of the domain
    v = decide(lambda: Forall({x: Rationals(R(1, 3), R(7, 5))},
                              then=sp.Gt((x - R(1, 3)) * (R(7, 5) - x), 0)),
               backends=("search",))
    assert v.status is Status.REFUTED, v
