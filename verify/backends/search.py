"""Hypothesis search over exact rationals: finds counterexamples, never proves.

Runs with database=None (counterexamples/ is the only store) and derandomize=True, so a CI
run is reproducible. Shrinking moves towards small integers and small denominators.
"""

from __future__ import annotations

import math
import time
from fractions import Fraction
from typing import Any, ClassVar

import sympy as sp
from hypothesis import HealthCheck, find, settings
from hypothesis import strategies as st
from hypothesis.errors import NoSuchExample, Unsatisfiable

from verify import exact
from verify.backends.base import GaveUp, Outcome, Refutation, Sampled
from verify.domains import Choice, Domain, Ints, Rationals, Reals
from verify.statement import Forall

MAX_EXAMPLES = 400  # the deterministic budget: a count of examples, not seconds
INT_SPAN = 1000  # unbounded integer variables are searched on a window of this width
CLAMP = 1e300  # targeted-search observations are clamped to a finite float


def strategy(dom: Domain) -> st.SearchStrategy[Any]:
    """Exact values of a domain (rationals for real intervals)."""
    if isinstance(dom, Choice):
        return st.sampled_from(dom.values)
    if isinstance(dom, Ints):  # unbounded ends are searched within INT_SPAN of the other end
        lo = dom.lo if dom.lo is not None else (dom.hi - INT_SPAN if dom.hi is not None else -INT_SPAN)
        hi = dom.hi if dom.hi is not None else lo + 2 * INT_SPAN
        return st.integers(min_value=lo, max_value=hi)
    assert isinstance(dom, Reals | Rationals)
    lo = dom.lo if dom.lo is not None else None
    hi = dom.hi if dom.hi is not None else None
    values = st.fractions(min_value=lo, max_value=hi, max_denominator=10**6)
    # boundary points first: closed domain ends, 0, 1, -1 (where counterexamples of
    # non-strict and touching statements sit)
    special = [Fraction(v) for v in (dom.lo, dom.hi, 0, 1, -1) if v is not None]
    special = [v for v in dict.fromkeys(special) if dom.bounds_hold(v)]
    if special:
        values = st.one_of(st.sampled_from(special), values)
    return values.filter(dom.bounds_hold)


def search_points(
    domains: dict[str, Domain], condition: Any, max_examples: int = MAX_EXAMPLES
) -> tuple[dict[str, Any] | None, int]:
    """A shrunk point satisfying `condition`, or None, and the number of examples tried."""
    tried = 0

    def check(point: dict[str, Any]) -> bool:
        nonlocal tried
        tried += 1
        return bool(condition(point))

    space = st.fixed_dictionaries({n: strategy(d) for n, d in domains.items()})
    config = settings(
        max_examples=max_examples,
        database=None,
        derandomize=True,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    try:
        return find(space, check, settings=config), tried
    except (NoSuchExample, Unsatisfiable):
        return None, tried


def _guide(problem: Forall) -> Any:
    """The first conclusion that is a plain inequality: its margin guides targeted search."""
    for c in problem.then.values():
        if isinstance(c, sp.Ge | sp.Gt):
            return c.lhs - c.rhs
        if isinstance(c, sp.Le | sp.Lt):
            return c.rhs - c.lhs
    return None


def _target(margin: Any, point: dict[str, Any]) -> None:
    """Steer Hypothesis towards small margins (floats only guide; exact checks decide).

    A margin too large for a float (fast-growing expressions) is clamped, never an error.
    """
    from hypothesis import target

    names = {s.name: s for s in margin.free_symbols}
    value = margin.xreplace({names[k]: sp.Rational(str(v)) for k, v in point.items()
                             if k in names and isinstance(v, int | Fraction)})
    if not value.is_Rational:
        return
    try:
        observation = -float(value)
    except OverflowError:
        observation = -CLAMP if value > 0 else CLAMP
    if not math.isfinite(observation):
        observation = -CLAMP if value > 0 else CLAMP
    target(max(-CLAMP, min(CLAMP, observation)), label="margin")


class Search:
    name: ClassVar[str] = "search"
    exact: ClassVar[bool] = False
    checks_vacuity: ClassVar[bool] = False

    def version(self) -> str:
        import hypothesis

        return f"hypothesis {hypothesis.__version__}"

    def accepts(self, problem: Forall) -> bool:
        return True

    def find(self, variables: dict[Any, Domain], condition: Any,
             deadline: float | None = None) -> tuple[dict[str, Any] | None, int]:
        """A point of the domains where `condition` holds exactly, or None (also when the
        deadline passes first)."""
        def holds(point: dict[str, Any]) -> bool:
            if deadline is not None and time.monotonic() > deadline:
                return False
            try:
                return exact.holds(condition, point)
            except (ZeroDivisionError, exact.Undecided):
                return False

        return search_points({s.name: d for s, d in variables.items()}, holds, MAX_EXAMPLES)

    def run(self, problem: Forall, seconds: float) -> Outcome:
        given = sp.And(*problem.given.values())
        then = sp.And(*problem.then.values())
        domains = {s.name: d for s, d in problem.variables.items()}

        guide = _guide(problem)
        deadline = time.monotonic() + seconds  # the kill switch, not the budget
        late = [0]

        def fails(point: dict[str, Any]) -> bool:
            if time.monotonic() > deadline:
                late[0] += 1
                return False
            try:
                if not exact.holds(given, point):
                    return False
                if guide is not None:
                    _target(guide, point)
                return not exact.holds(then, point)
            except (ZeroDivisionError, exact.Undecided):
                return False

        point, tried = search_points(domains, fails, MAX_EXAMPLES)
        if point is not None:
            return Refutation(point)
        if late[0]:
            return GaveUp(f"search: time limit after {tried - late[0]} of {MAX_EXAMPLES} examples")
        if tried == 0:
            return GaveUp("search: no example could be drawn")
        return Sampled(tried)
