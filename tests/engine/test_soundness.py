"""Soundness holes, each a class: PROVED must mean proved, REFUTED a real counterexample.

Every test here reproduces a false PROVED, a crash or a machine-dependent verdict of the code
before the "honest verdicts" issue.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest
import sympy as sp

from verify import Forall, Ints, Rationals, Reals, Source, Status, claim
from verify.backends import load
from verify.backends.base import GaveUp, Refutation
from verify.claim import Registry
from verify.engine import Settings, check, effective_limits
from verify.errors import EncodingError

SRC = Source("test.txt", "test", (1, 1))
x, y = sp.symbols("x y", real=True)


def decide(fn: Any, settings: Settings | None = None, **kw: Any) -> Any:
    reg = Registry()
    claim("p900/T-1", source=SRC, statement="test", registry=reg, **kw)(fn)
    return check(reg.get("p900/T-1"), settings or Settings(timeout=30))


# --- sympy symbol assumptions the domain does not imply -------------------------------------

ASSUMED = [
    # x >= 0 admits x = 0, where x > 0 fails; sympy folds Gt(x, 0) to True for positive x
    (dict(positive=True), Reals(0), lambda s: sp.Gt(s, 0)),
    # sqrt(x**2) = x is false for x < 0; sympy rewrites sqrt(x**2) -> x when x is nonnegative
    (dict(nonnegative=True), Reals(-1, 1), lambda s: sp.Eq(sp.sqrt(s**2), s)),
    # floor(x) = x is false at x = 1/2; sympy folds it for an integer symbol
    (dict(integer=True), Reals(0, 1), lambda s: sp.Eq(sp.floor(s), s)),
]


@pytest.mark.parametrize("assumptions, domain, statement", ASSUMED)
def test_symbol_assumption_not_implied_by_domain_is_rejected(
    assumptions: dict[str, bool], domain: Any, statement: Any
) -> None:
    s = sp.Symbol("s", **assumptions)
    v = decide(lambda: Forall({s: domain}, then={"c": statement(s)}))
    assert v.status is Status.ERROR, v
    assert "assumptions" in v.reason and "s" in v.reason, v.reason


def test_assumption_on_a_symbol_inside_a_conjunct_is_rejected() -> None:
    plain = sp.Symbol("t", real=True)
    pos = sp.Symbol("t", positive=True)  # same name, used in the conjunct
    with pytest.raises(EncodingError, match="assumptions"):
        Forall({plain: Reals(0)}, then={"c": sp.Ge(pos**2, pos)})


def test_implied_assumptions_are_accepted() -> None:
    n = sp.Symbol("n", integer=True, positive=True)
    p = sp.Symbol("p", positive=True)
    v = decide(lambda: Forall({n: Ints(1), p: Reals(0, lo_open=True)},
                              then={"c": sp.Ge(n * p + 1, 1, evaluate=False)}))
    assert v.status is Status.PROVED, v


def test_domain_constraints_do_not_fold_away_on_implied_assumptions() -> None:
    p = sp.Symbol("p", positive=True)
    # Gt(p, 0) folds to True for a positive symbol; the domain must still bind z3's p
    assert all(c != sp.true for c in Reals(0, lo_open=True).constraints(p))


# --- relations sympy decided before the engine saw them ------------------------------------


def test_prefolded_closed_relation_is_rejected() -> None:
    # sympy decides this by floating-point evaluation: True
    v = decide(lambda: {"bound": sp.Lt(1 / (1 - sp.exp(-sp.Rational(1, 36))), 40)})
    assert v.status is Status.ERROR and "unevaluated" in v.reason, v


def test_prefolded_hypothesis_is_rejected() -> None:
    v = decide(lambda: Forall({x: Reals(0, 1)}, given={"h": sp.Gt(sp.pi, 3)},
                              then={"c": sp.Ge(x, 0)}))
    assert v.status is Status.ERROR and "already decided" in v.reason, v


def test_predicate_returning_a_sympy_truth_value_is_rejected() -> None:
    v = decide(lambda: sp.Lt(sp.sqrt(2), sp.Rational(3, 2)))
    assert v.status is Status.ERROR and "predicate" in v.reason, v


def test_unevaluated_relation_is_decided_exactly() -> None:
    v = decide(lambda: {"c": sp.Lt(sp.sqrt(2), sp.Rational(3, 2), evaluate=False)})
    assert v.status is Status.PROVED, v
    v = decide(lambda: {"c": sp.Lt(sp.sqrt(2), sp.Rational(7, 5), evaluate=False)})
    assert v.status is Status.REFUTED, v


# --- every route checks vacuity first ------------------------------------------------------


def test_identity_route_with_contradictory_hypotheses_is_vacuous() -> None:
    # sympy proves the identity modulo the hypotheses, but x = 1 and x = 2 cannot both hold
    v = decide(lambda: Forall({x: Reals()}, given={"a": sp.Eq(x, 1), "b": sp.Eq(x, 2)},
                              then={"c": sp.Eq(x**2 - 3 * x + 2, 0)}), backends=("sympy",))
    assert v.status is Status.VACUOUS, v


def test_true_python_conclusion_with_contradictory_hypotheses_is_vacuous() -> None:
    v = decide(lambda: Forall({x: Reals()}, given={"a": sp.Gt(x, 1), "b": sp.Lt(x, 0)},
                              then={"c": True}), backends=("sympy",))
    assert v.status is Status.VACUOUS, v


def test_identity_route_with_satisfiable_hypotheses_still_proves() -> None:
    v = decide(lambda: Forall({x: Reals(), y: Reals()}, given={"a": sp.Eq(y, x**2)},
                              then={"c": sp.Eq(y - x**2, 0)}), backends=("sympy",))
    assert v.status is Status.PROVED, v


# --- a back-end's inability is never the claim's ERROR ------------------------------------


def test_irrational_z3_model_for_a_rational_variable_is_not_an_error() -> None:
    q = sp.Symbol("q", real=True)
    # false over the reals only at q = sqrt(2); over the rationals it holds: z3's model is
    # irrational, which is no witness for a rational variable
    problem = Forall({q: Rationals(0, 2)}, then={"c": sp.Ne(q**2, 2)})
    outcome = load("z3").run(problem, 10)
    assert isinstance(outcome, GaveUp) and "irrational" in outcome.reason
    v = decide(lambda: problem)
    assert v.status is not Status.ERROR, v


def test_rational_z3_model_still_refutes() -> None:
    q = sp.Symbol("q", real=True)
    outcome = load("z3").run(Forall({q: Rationals(0, 2)}, then={"c": sp.Ne(q**2, 1)}), 10)
    assert isinstance(outcome, Refutation) and outcome.assignment["q"] == 1


# --- parameters and limits -----------------------------------------------------------------


def test_unbounded_parameter_without_limit_uses_the_default_and_says_so() -> None:
    v = decide(lambda k: k >= 0, over={"k": Ints(0)})
    assert v.status is Status.CHECKED, v
    assert "(default limit)" in v.scope, v.scope


def test_bare_limit_only_raises_a_claims_one_unbounded_parameter() -> None:
    reg = Registry()
    claim("p900/T-2", source=SRC, statement="t", registry=reg,
          over={"n": Ints(2), "m": Ints(1)}, limit={"n": 3, "m": 2})(lambda n, m: True)
    claim("p900/T-3", source=SRC, statement="t", registry=reg,
          over={"k": Ints(1)}, limit={"k": 5})(lambda k: True)
    two, one = reg.get("p900/T-2"), reg.get("p900/T-3")
    assert effective_limits(two, Settings(limit=9)) == {"n": 3, "m": 2}
    assert effective_limits(one, Settings(limit=9)) == {"k": 9}
    assert effective_limits(two, Settings(limits={"m": 6})) == {"n": 3, "m": 6}


def test_empty_domains_are_rejected() -> None:
    with pytest.raises(EncodingError):
        Reals(1, 0)
    with pytest.raises(EncodingError):
        Ints(3, 2)
    with pytest.raises(EncodingError):
        Reals(1, 1, lo_open=True)


# --- search budgets and overflow -----------------------------------------------------------


def test_search_survives_overflowing_margins() -> None:
    n = sp.Symbol("n", integer=True)
    # the margin 10**(10*n) overflows a float long before the counterexample region
    v = decide(lambda: Forall({n: Ints(0, 400)}, then={"c": sp.Ge(10 ** (10 * n) - 10**4000, 0)}),
               backends=("search",))
    assert v.status is Status.REFUTED, v


def test_search_budget_is_a_count_not_seconds() -> None:
    problem = Forall({x: Reals(0, 1)}, then={"c": sp.Ge(x**2 + 1, x)})
    fast = load("search").run(problem, 5)
    slow = load("search").run(problem, 60)
    assert fast == slow and fast.examples > 50, (fast, slow)


def test_search_gets_its_budget_after_exact_backends_give_up() -> None:
    # z3 cannot compile floor(); search still runs its full example count
    v = decide(lambda: Forall({x: Reals(0, 10)}, then={"c": sp.Ge(sp.floor(x), x - 1)}),
               Settings(timeout=5))
    assert v.status is Status.SAMPLED, v
    assert "examples" in " ".join(v.evidence), v


def test_rationals_domain_value_outside_is_not_a_witness() -> None:
    assert not Rationals(0, 1).contains(Fraction(3, 2))


# --- scopes: samples and partly vacuous slices ---------------------------------------------


def test_generated_instances_are_sampled_not_checked() -> None:
    from verify import Samples

    v = decide(lambda seed: seed >= 0, over={"seed": Samples(16, "priors")})
    assert v.status is Status.SAMPLED and v.scope.startswith("exact on seed: 16 sampled priors"), v


def test_hand_picked_instances_are_sampled_and_shown_by_value() -> None:
    from verify import Samples

    tuples = ((3, 2, 1), (5, 3, 1))
    v = decide(lambda vals: vals[0] > vals[2], over={"vals": Samples.of(tuples, "value tuples")})
    assert v.status is Status.SAMPLED and "2 sampled value tuples" in v.scope, v
    w = decide(lambda vals: vals[1] < 3, over={"vals": Samples.of(tuples, "value tuples")})
    assert w.status is Status.REFUTED and w.witness is not None
    assert w.witness.params == {"vals": ["5", "3", "1"]}, w.witness.params


def test_partly_vacuous_slice_says_how_many_points() -> None:
    from verify import assume

    def body(k: int) -> bool:
        assume(k % 2 == 0)
        return k >= 0

    v = decide(body, over={"k": Ints(1, 4)})
    assert v.status is Status.PROVED and "2 of 4 points, 2 vacuous" in v.scope, v


# --- existential statements ----------------------------------------------------------------


def test_exists_with_a_witness_is_proved() -> None:
    from verify import Exists

    v = decide(lambda: Exists({x: Reals(0, 2)}, such_that={"x^2 = 2": sp.Eq(x**2, 2)}))
    assert v.status is Status.PROVED and "witness" in " ".join(v.evidence), v


def test_exists_over_an_exhausted_finite_domain_is_refuted_and_replays(tmp_path: Any) -> None:
    from verify import Exists
    from verify.engine import replay
    from verify.store import Store

    k = sp.Symbol("k", integer=True)
    body = lambda: Exists({k: Ints(0, 20)}, such_that={"k^2 = 2": sp.Eq(k**2, 2)})  # noqa: E731
    reg = Registry()
    claim("p900/E-1", source=SRC, statement="t", registry=reg)(body)
    store = Store(tmp_path)
    v = check(reg.get("p900/E-1"), Settings(timeout=30, store=store))
    assert v.status is Status.REFUTED and v.witness.first_false["lhs"].startswith("none of the 21")
    again = replay(reg.get("p900/E-1"), store.read("p900/E-1"))
    assert again.status is Status.REFUTED, again


def test_exists_with_no_witness_on_an_infinite_domain_is_unknown_not_refuted() -> None:
    from verify import Exists

    # false (x^2 = -1 has no real root), but only a finite exhaustion may refute an existential
    v = decide(lambda: Exists({x: Reals()}, such_that={"x^2 = -1": sp.Eq(x**2, -1, evaluate=False)}))
    assert v.status is Status.UNKNOWN and "replayable" in v.reason, v


def test_example_point_establishes_satisfiable_hypotheses() -> None:
    k = sp.Symbol("k", integer=True)
    # sympy proves the identity modulo the hypothesis, which no back-end can show satisfiable
    # (a symbolic power); the author's example point, checked exactly, settles it
    # x^k = 1/3 (k >= 2) has no rational solution: search cannot show the hypothesis satisfiable
    hyp = {"h": sp.Eq(x**k, sp.Rational(1, 3), evaluate=False)}
    then = {"c": sp.Eq(3 * x**k - 1, 0, evaluate=False)}
    v = decide(lambda: Forall({k: Ints(2), x: Reals(0, 1)}, given=hyp, then=then,
                              example={k: 2, x: sp.sqrt(3) / 3}), backends=("sympy",))
    assert v.status is Status.PROVED, v
    v = decide(lambda: Forall({k: Ints(2), x: Reals(0, 1)}, given=hyp, then=then),
               backends=("sympy",))
    assert v.status is Status.UNKNOWN and "example=" in v.reason, v
    v = decide(lambda: Forall({k: Ints(2), x: Reals(0, 1)}, given=hyp, then=then,
                              example={k: 1, x: sp.Rational(1, 2)}), backends=("sympy",))
    assert v.status is Status.ERROR and "example" in v.reason, v


def test_python_bool_hypothesis_survives_internal_rebuilds() -> None:
    c = sp.Symbol("c", real=True)
    v = decide(lambda: Forall({c: Reals()}, given={"h": 1 == 1},
                              then={"t": sp.Ge(c**2 + 1, 1, evaluate=False)}))
    assert v.status is Status.PROVED, v


# --- the verdict cache covers every local module a claim imports --------------------------

STALE = """
from verify import Ints, Source, claim
import helper_mod

@claim("p900/C-1", source=Source("t", "t"), statement="helper bound", over={"k": Ints(1, 5)},
       expect="PROVED")
def bounded(k: int) -> bool:
    return helper_mod.value(k) <= 10
"""


def test_cache_is_invalidated_by_a_helper_module_outside_the_paper_package(project: Any) -> None:
    (project.path / "helper_mod.py").write_text("def value(k):\n    return k\n")
    project.module("stale", STALE)
    first = project.run("check", "--jobs", "1")
    assert first.returncode == 0 and "PROVED p900/C-1" in first.stdout, first.stdout + first.stderr
    (project.path / "helper_mod.py").write_text("def value(k):\n    return 10 * k\n")
    second = project.run("check", "--jobs", "1")
    assert second.returncode == 1 and "REFUTED p900/C-1" in second.stdout, second.stdout
    assert "cached" not in second.stdout.split("REFUTED p900/C-1")[1].splitlines()[0]


def test_a_plain_run_reads_the_verdicts_of_a_cross_checked_run(tmp_path: Any) -> None:
    from verify.runner import Cache

    reg = Registry()
    claim("p900/X-1", source=SRC, statement="t", registry=reg)(lambda: True)
    c = reg.get("p900/X-1")
    cache = Cache(tmp_path)
    v = check(c, Settings(timeout=30, cross_check=True))
    cache.put(c, Settings(cross_check=True), v)
    assert cache.get(c, Settings()) is not None
    assert Cache(tmp_path / "other").get(c, Settings()) is None


def test_exists_whose_hypotheses_never_hold_on_a_finite_domain_is_vacuous() -> None:
    from verify import Exists

    k = sp.Symbol("k", integer=True)
    v = decide(lambda: Exists({k: Ints(0, 5)}, given={"k > 10": sp.Gt(k, 10, evaluate=False)},
                              such_that={"k = 3": sp.Eq(k, 3, evaluate=False)}))
    assert v.status is Status.VACUOUS, v
