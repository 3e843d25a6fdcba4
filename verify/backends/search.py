"""Hypothesis search over exact rationals: finds counterexamples, never proves.

Runs with database=None (counterexamples/ is the only store) and derandomize=True, so a CI
run is reproducible. Shrinking moves towards small integers and small denominators.
"""

from __future__ import annotations

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

MAX_EXAMPLES = 400


def strategy(dom: Domain) -> st.SearchStrategy[Any]:
    """Exact values of a domain (rationals for real intervals)."""
    if isinstance(dom, Choice):
        return st.sampled_from(dom.values)
    if isinstance(dom, Ints):
        return st.integers(min_value=dom.lo, max_value=dom.hi)
    assert isinstance(dom, Reals | Rationals)
    lo = dom.lo if dom.lo is not None else None
    hi = dom.hi if dom.hi is not None else None
    values = st.fractions(min_value=lo, max_value=hi, max_denominator=10**6)
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
    """Steer Hypothesis towards small margins (floats only guide; exact checks decide)."""
    from hypothesis import target

    names = {s.name: s for s in margin.free_symbols}
    value = margin.xreplace({names[k]: sp.Rational(str(v)) for k, v in point.items()
                             if k in names and isinstance(v, int | Fraction)})
    if value.is_Rational:
        target(-float(value), label="margin")


class Search:
    name: ClassVar[str] = "search"
    exact: ClassVar[bool] = False

    def version(self) -> str:
        import hypothesis

        return f"hypothesis {hypothesis.__version__}"

    def accepts(self, problem: Forall) -> bool:
        return True

    def run(self, problem: Forall, seconds: float) -> Outcome:
        given = sp.And(*problem.given.values())
        then = sp.And(*problem.then.values())
        domains = {s.name: d for s, d in problem.variables.items()}

        guide = _guide(problem)

        def fails(point: dict[str, Any]) -> bool:
            try:
                if not exact.holds(given, point):
                    return False
                if guide is not None:
                    _target(guide, point)
                return not exact.holds(then, point)
            except (ZeroDivisionError, exact.Undecided):
                return False

        examples = max(50, min(MAX_EXAMPLES, int(seconds * 100)))
        point, tried = search_points(domains, fails, examples)
        if point is not None:
            return Refutation(point)
        if tried == 0:
            return GaveUp("search: no example could be drawn")
        return Sampled(tried)



