"""Mutants (small false statements) must be REFUTED; true ones must not be."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest
import sympy as sp

from verify import Choice, Forall, Ints, Rationals, Reals, Source, Status, assume, claim
from verify.claim import Registry
from verify.engine import Settings, check
from verify.runner import apply_premises

SRC = Source("test.txt", "test", (1, 1))
x, y = sp.symbols("x y", real=True)
n = sp.Symbol("n", integer=True)


def decide(fn: Any, **kw: Any) -> Any:
    reg = Registry()
    claim("p900/T-1", source=SRC, statement="test", registry=reg, **kw)(fn)
    return check(reg.get("p900/T-1"), Settings(timeout=30))


TRUE = [
    (lambda: Forall({x: Reals()}, then=sp.Ge(x**2, 0, evaluate=False)), Status.PROVED),
    (lambda: Forall({x: Reals(), y: Reals()}, then=sp.Ge(x**2 + y**2, 2 * x * y)), Status.PROVED),
    (lambda: Forall({x: Reals(0, 1)}, then=sp.Le(x**3, x)), Status.PROVED),
    (lambda: Forall({x: Reals()}, then=sp.Eq((x + 1) ** 2, x**2 + 2 * x + 1)), Status.PROVED),
    (lambda: Forall({n: Ints(0, 30)}, then=sp.Ge(2**n, n + 1)), Status.PROVED),
    (lambda: Forall({x: Reals(), y: Reals()}, given=sp.Gt(x, y), then=sp.Gt(x + 1, y)),
     Status.PROVED),
]

FALSE = [
    lambda: Forall({x: Reals()}, then=sp.Gt(x**2, 0)),  # x = 0
    lambda: Forall({x: Reals(0, 1)}, then=sp.Lt(x**3, x)),  # endpoints
    lambda: Forall({x: Reals()}, then=sp.Eq((x + 1) ** 2, x**2 + 1)),
    lambda: Forall({x: Reals(), y: Reals()}, then=sp.Ge(x**2 + y**2, 3 * x * y)),
    lambda: Forall({x: Reals()}, then=sp.Ne(x**2, 2)),  # needs an algebraic witness
    lambda: Forall({n: Ints(0, 30)}, then=sp.Ge(2**n, n**2)),  # n = 3
    lambda: Forall({x: Reals()}, given=sp.Gt(x, 1), then=sp.Gt(x**2, 4)),
]


@pytest.mark.parametrize("statement,expected", TRUE)
def test_true_statements_are_proved(statement: Any, expected: Status) -> None:
    assert decide(statement).status is expected


@pytest.mark.parametrize("statement", FALSE)
def test_mutants_are_refuted_with_exact_witness(statement: Any) -> None:
    v = decide(statement)
    assert v.status is Status.REFUTED, v
    assert v.witness is not None and v.witness.first_false["relation"]


def test_smallest_integer_witness_first() -> None:
    v = decide(lambda: Forall({n: Ints(0, 30)}, then=sp.Ge(2**n, n**2)))
    assert v.witness.assignment == {"n": "3"}


def test_unbounded_parameter_is_checked_not_proved() -> None:
    v = decide(lambda k: k * (k + 1) % 2 == 0, over={"k": Ints(1)}, limit={"k": 50})
    assert v.status is Status.CHECKED
    assert v.scope.startswith("k <= 50 of k >= 1")


def test_finite_parameter_domain_is_proved() -> None:
    v = decide(lambda k: k * (k + 1) % 2 == 0, over={"k": Ints(1, 50)})
    assert v.status is Status.PROVED


def test_predicate_refutation_is_smallest_point() -> None:
    v = decide(lambda k: k < 7, over={"k": Ints(1)}, limit={"k": 50})
    assert v.status is Status.REFUTED and v.witness.params == {"k": "7"}


def test_unsatisfiable_hypotheses_are_vacuous() -> None:
    v = decide(lambda: Forall({x: Reals()}, given=[sp.Gt(x, 1), sp.Lt(x, 0)], then=sp.Gt(x, 5)))
    assert v.status is Status.VACUOUS


def test_all_points_skipped_is_vacuous() -> None:
    def never(k: int) -> bool:
        assume(k < 0)
        return True

    assert decide(never, over={"k": Ints(1, 5)}).status is Status.VACUOUS


def test_search_only_is_sampled_never_proved() -> None:
    # |x| is outside z3/sympy's reach here only through the restricted back-end list
    v = decide(lambda: Forall({x: Rationals(-3, 3)}, then=sp.Ge(sp.Abs(x), 0, evaluate=False)),
               backends=("search",))
    assert v.status is Status.SAMPLED


def test_search_finds_counterexample() -> None:
    v = decide(lambda: Forall({x: Rationals(-3, 3)}, then=sp.Lt(x * x, 4)), backends=("search",))
    assert v.status is Status.REFUTED


def test_claim_crash_is_an_error() -> None:
    def boom(k: int) -> bool:
        raise ZeroDivisionError("oops")

    v = decide(boom, over={"k": Ints(1, 3)})
    assert v.status is Status.ERROR and "ZeroDivisionError" in v.reason


def test_choice_parameters() -> None:
    v = decide(lambda m: m in (2, 3), over={"m": Choice(2, 3)})
    assert v.status is Status.PROVED


def test_cross_check_runs_every_exact_backend() -> None:
    reg = Registry()
    claim("p900/T-1", source=SRC, statement="t", registry=reg)(
        lambda: Forall({n: Ints(0, 10)}, then=sp.Ge(n**2, n)))
    v = check(reg.get("p900/T-1"), Settings(timeout=30, cross_check=True))
    assert v.status is Status.PROVED
    assert "z3" in v.backend and "enumerate" in v.backend


def test_non_replaying_witness_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from verify.backends import z3 as z3_backend
    from verify.backends.base import Refutation

    monkeypatch.setattr(z3_backend.Z3, "run", lambda self, p, s: Refutation({"x": Fraction(1)}))
    v = decide(lambda: Forall({x: Reals()}, then=sp.Ge(x**2, 0, evaluate=False)), backends=("z3",))
    assert v.status is Status.ERROR and "does not replay" in v.reason


def test_backend_disagreement_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from verify.backends import z3 as z3_backend
    from verify.backends.base import Proof

    monkeypatch.setattr(z3_backend.Z3, "run", lambda self, p, s: Proof("lying"))
    reg = Registry()
    claim("p900/T-1", source=SRC, statement="t", registry=reg)(
        lambda: Forall({n: Ints(0, 10)}, then=sp.Ge(n, 3)))
    v = check(reg.get("p900/T-1"), Settings(timeout=30, cross_check=True))
    assert v.status is Status.ERROR and "disagree" in v.reason


def test_premises_cap_and_derive() -> None:
    from verify.claim import Derivation

    reg = Registry()
    claim("p900/L-1", source=SRC, statement="lemma", registry=reg, over={"k": Ints(1)},
          limit={"k": 5})(lambda k: True)
    claim("p900/L-2", source=SRC, statement="lemma", registry=reg)(
        lambda: Forall({x: Reals()}, then=sp.Ge(x**2, 0, evaluate=False)))
    claim("p900/T-1", source=SRC, statement="t", registry=reg, over={"k": Ints(1)},
          limit={"k": 5}, rests_on=("p900/L-1",))(lambda k: True)
    claim("p900/T-2", source=SRC, statement="t", registry=reg, over={"k": Ints(1)},
          limit={"k": 5}, by=Derivation(("p900/L-2",), "rule"))(lambda k: True)
    claim("p900/T-3", source=SRC, statement="t", registry=reg, over={"k": Ints(1, 3)},
          rests_on=("p900/L-1",))(lambda k: True)
    own = {c.id: check(c, Settings(timeout=30)) for c in reg.checkable()}
    final = apply_premises(reg, own)
    assert final["p900/T-1"].status is Status.CHECKED
    assert final["p900/T-2"].status is Status.PROVED
    assert "derivation by rule" in final["p900/T-2"].evidence[0]
    assert final["p900/T-3"].status is Status.CHECKED  # capped by its CHECKED lemma


def test_derivation_never_lifts_a_rests_on_cap() -> None:
    """A claim derived from PROVED premises that also rests on a merely CHECKED lemma stays
    below PROVED: the derivation is incomplete without that lemma (the hole p001 TH-5.wlog hit)."""
    from verify.claim import Derivation

    reg = Registry()
    claim("p900/L-1", source=SRC, statement="lemma", registry=reg, over={"k": Ints(1)},
          limit={"k": 5})(lambda k: True)
    claim("p900/L-2", source=SRC, statement="lemma", registry=reg)(
        lambda: Forall({x: Reals()}, then=sp.Ge(x**2, 0, evaluate=False)))
    claim("p900/T-4", source=SRC, statement="t", registry=reg, over={"k": Ints(1)},
          limit={"k": 5}, rests_on=("p900/L-1",),
          by=Derivation(("p900/L-2",), "rule"))(lambda k: True)
    own = {c.id: check(c, Settings(timeout=30)) for c in reg.checkable()}
    final = apply_premises(reg, own)
    assert final["p900/T-4"].status is Status.CHECKED
    assert "p900/L-1 CHECKED" in final["p900/T-4"].reason
