"""Finite distributions with exact rational masses, stochastic dominance, total variation.

A :class:`Distribution` maps hashable outcomes (numbers, tuples of numbers, anything
hashable without floats) to Fraction masses. Masses are validated on construction: exact
rationals, non-negative, summing to exactly 1. Zero-mass outcomes are dropped, so two
distributions are equal iff they give every outcome the same mass.
"""

from __future__ import annotations

import itertools
import numbers
from collections.abc import Callable, Collection, Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from verify.errors import InputError
from verify.mech._exact import as_fraction, check_outcome, show
from verify.mech.types import orbit

if TYPE_CHECKING:
    from verify.mech.lp import LinearProgram

Outcome = Hashable
Event = Callable[[Any], bool] | Collection[Any]


@dataclass(frozen=True, eq=False)
class Distribution:
    """A finite distribution ``outcome -> mass`` (masses exact, >= 0, summing to 1)."""

    pmf: Mapping[Outcome, Fraction]

    def __post_init__(self) -> None:
        if not isinstance(self.pmf, Mapping):
            raise InputError(f"Distribution.pmf: expected a mapping outcome -> mass, got {self.pmf!r}")
        table: dict[Outcome, Fraction] = {}
        for outcome, mass in self.pmf.items():
            check_outcome(outcome, f"Distribution outcome {outcome!r}")
            m = as_fraction(mass, f"Distribution: mass of outcome {show(outcome)}")
            if m < 0:
                raise InputError(f"Distribution: mass of outcome {show(outcome)} is negative ({m})")
            if m:
                table[outcome] = m
        total = sum(table.values(), Fraction(0))
        if total != 1:
            raise InputError(f"Distribution: masses sum to {total}, not 1")
        try:
            order = sorted(table)
        except TypeError:
            order = list(table)
        object.__setattr__(self, "pmf", MappingProxyType({o: table[o] for o in order}))

    # ---- construction
    @classmethod
    def uniform(cls, outcomes: Iterable[Outcome]) -> Distribution:
        """Equal mass on each distinct outcome."""
        distinct = list(dict.fromkeys(outcomes))
        if not distinct:
            raise InputError("Distribution.uniform: no outcomes")
        return cls({o: Fraction(1, len(distinct)) for o in distinct})

    @classmethod
    def point(cls, outcome: Outcome) -> Distribution:
        """The point mass at ``outcome``."""
        return cls({outcome: 1})

    # ---- basic queries
    @property
    def support(self) -> tuple[Outcome, ...]:
        """Outcomes of positive mass (sorted when the outcomes are comparable)."""
        return tuple(self.pmf)

    def mass(self, outcome: Outcome) -> Fraction:
        """``Pr[X = outcome]`` (0 off the support)."""
        return self.pmf.get(outcome, Fraction(0))

    def items(self) -> Iterator[tuple[Outcome, Fraction]]:
        return iter(self.pmf.items())

    def __len__(self) -> int:
        return len(self.pmf)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Distribution) and dict(self.pmf) == dict(other.pmf)

    def __hash__(self) -> int:
        return hash(frozenset(self.pmf.items()))

    def __repr__(self) -> str:
        body = ", ".join(f"{show(o)}: {m}" for o, m in self.pmf.items())
        return f"Distribution({{{body}}})"

    def probability(self, event: Event) -> Fraction:
        """``Pr[X ∈ event]``; ``event`` is a predicate or a collection of outcomes."""
        test = _event_test(event)
        return sum((m for o, m in self.pmf.items() if test(o)), Fraction(0))

    def expect(self, f: Callable[[Any], object]) -> Fraction:
        """``E[f(X)]`` exactly; ``f`` must return exact rationals."""
        return sum(
            (m * as_fraction(f(o), f"expect: f({show(o)})") for o, m in self.pmf.items()),
            Fraction(0),
        )

    # ---- transformations
    def map(self, f: Callable[[Any], Outcome]) -> Distribution:
        """The pushforward law of ``f(X)``."""
        table: dict[Outcome, Fraction] = {}
        for o, m in self.pmf.items():
            y = f(o)
            table[y] = table.get(y, Fraction(0)) + m
        return Distribution(table)

    def condition(self, event: Event) -> Distribution:
        """The law of X given ``X ∈ event`` (InputError if the event has probability 0)."""
        test = _event_test(event)
        total = self.probability(test)
        if total == 0:
            raise InputError("Distribution.condition: the event has probability 0")
        return Distribution({o: m / total for o, m in self.pmf.items() if test(o)})

    def marginal(self, i: int) -> Distribution:
        """The law of coordinate ``i`` of a tuple-valued X."""
        dim = self.dim
        if not 0 <= i < dim:
            raise InputError(f"Distribution.marginal: index {i} outside 0..{dim - 1}")
        return self.map(lambda o: o[i])

    @property
    def dim(self) -> int:
        """Common length of tuple outcomes (InputError if outcomes are not equal-length tuples)."""
        lengths = {len(o) if isinstance(o, tuple) else None for o in self.pmf}
        if len(lengths) != 1 or None in lengths:
            raise InputError("Distribution: outcomes are not tuples of one common length")
        return lengths.pop()  # type: ignore[return-value]

    def is_exchangeable(self) -> bool:
        """``p(v^σ) = p(v)`` for every tuple outcome v and every permutation σ."""
        self.dim  # noqa: B018 - validates tuple outcomes
        return all(self.mass(w) == m for v, m in self.pmf.items() for w in orbit(v))

    # ---- one-dimensional numeric laws
    def cdf(self, x: object) -> Fraction:
        """``F(x) = Pr[X <= x]`` (numeric outcomes)."""
        xv = as_fraction(x, "cdf: x")
        return sum((m for o, m in self.numeric_items() if o <= xv), Fraction(0))

    def tail(self, x: object) -> Fraction:
        """``S(x) = Pr[X >= x]`` (numeric outcomes; note the ``>=``)."""
        xv = as_fraction(x, "tail: x")
        return sum((m for o, m in self.numeric_items() if o >= xv), Fraction(0))

    def mean(self) -> Fraction:
        """``E[X]`` (numeric outcomes)."""
        return sum((m * o for o, m in self.numeric_items()), Fraction(0))

    def numeric_items(self) -> list[tuple[Fraction, Fraction]]:
        """``(value, mass)`` pairs in increasing value order (InputError unless rational)."""
        out = []
        for o, m in self.pmf.items():
            if isinstance(o, bool) or not isinstance(o, numbers.Rational):
                raise InputError(f"Distribution: outcome {show(o)} is not a rational number")
            out.append((Fraction(o), m))
        return sorted(out)


def _event_test(event: Event) -> Callable[[Any], bool]:
    if callable(event):
        return lambda o: bool(event(o))  # type: ignore[operator]
    members = set(event)
    return lambda o: o in members


def product(*dists: Distribution) -> Distribution:
    """Independent product: outcome ``(o_1, ..., o_k)``, mass ``Π p_i(o_i)``."""
    if not dists:
        raise InputError("product: needs at least one distribution")
    table: dict[Outcome, Fraction] = {}
    for combo in itertools.product(*(d.pmf.items() for d in dists)):
        mass = Fraction(1)
        for _, m in combo:
            mass *= m
        table[tuple(o for o, _ in combo)] = mass
    return Distribution(table)


def iid(d: Distribution, n: int) -> Distribution:
    """``n`` independent copies of ``d`` (tuple outcomes of length n)."""
    if n < 1:
        raise InputError(f"iid: n must be >= 1, got {n}")
    return product(*([d] * n))


# ---------------------------------------------------------------- stochastic dominance

def _union_support(p: Distribution, q: Distribution) -> list[Outcome]:
    points = list(dict.fromkeys((*p.support, *q.support)))
    try:
        return sorted(points)
    except TypeError:
        return points


def fosd_by_cdf(hi: Distribution, lo: Distribution) -> bool:
    """``hi`` FOSD ``lo`` (one-dimensional): ``F_hi(x) <= F_lo(x)`` at every support point.

    Both cdfs are step functions jumping only at support points, so checking there suffices.
    """
    return all(hi.cdf(x) <= lo.cdf(x) for x in _union_support(hi, lo))


def quantile_coupling(lo: Distribution, hi: Distribution) -> Distribution:
    """The comonotone (quantile) coupling of two numeric laws: outcomes ``(x, y)``, x ~ lo, y ~ hi.

    It is the law of ``(F_lo^{-1}(U), F_hi^{-1}(U))`` for U uniform on (0, 1], built exactly by
    merging the two cumulative mass sequences.
    """
    xs, ys = list(lo.numeric_items()), list(hi.numeric_items())
    table: dict[Outcome, Fraction] = {}
    i = j = 0
    left_x, left_y = xs[0][1], ys[0][1]
    while i < len(xs) and j < len(ys):
        m = min(left_x, left_y)
        key = (xs[i][0], ys[j][0])
        table[key] = table.get(key, Fraction(0)) + m
        left_x -= m
        left_y -= m
        if left_x == 0:
            i += 1
            left_x = xs[i][1] if i < len(xs) else Fraction(0)
        if left_y == 0:
            j += 1
            left_y = ys[j][1] if j < len(ys) else Fraction(0)
    return Distribution(table)


def fosd_by_coupling(hi: Distribution, lo: Distribution) -> bool:
    """``hi`` FOSD ``lo`` iff the quantile coupling puts all mass on ``{y >= x}``.

    If ``F_hi <= F_lo`` the quantile functions satisfy ``F_hi^{-1} >= F_lo^{-1}`` pointwise, so
    the comonotone coupling is monotone; conversely a monotone coupling forces ``F_hi <= F_lo``.
    """
    return all(y >= x for (x, y) in quantile_coupling(lo, hi).support)


@dataclass(frozen=True)
class UpperSetTest:
    """Result of :func:`fosd_by_upper_sets`.

    ``gap`` is ``max_U Pr_lo(U) - Pr_hi(U)`` over the upper sets tested (0 when dominance
    holds; the empty set gives 0), ``witness`` an upper set attaining a positive gap.
    """

    holds: bool
    gap: Fraction
    witness: frozenset[Outcome] | None
    sets_checked: int


def _leq(a: Outcome, b: Outcome) -> bool:
    """Product order on equal-length tuples of numbers; the usual order on numbers."""
    if isinstance(a, tuple):
        return all(x <= y for x, y in zip(a, b, strict=True))  # type: ignore[arg-type]
    return a <= b  # type: ignore[operator]


def upper_sets(points: Iterable[Outcome], max_sets: int = 100_000) -> Iterator[frozenset[Outcome]]:
    """Every upper set of the finite poset ``points`` (product order), the empty set first.

    Points are visited top-down in a linear extension; a point may join only when every point
    strictly above it already has, so each upper set is generated exactly once.
    """
    pts = list(dict.fromkeys(points))
    for o in pts:
        if isinstance(o, bool) or not (
            isinstance(o, numbers.Rational)
            or isinstance(o, tuple) and all(isinstance(c, numbers.Rational) for c in o)
        ):
            raise InputError(f"upper_sets: outcome {show(o)} is not a number or tuple of numbers")
    pts.sort(key=lambda o: -(sum(o) if isinstance(o, tuple) else o))  # type: ignore[arg-type]
    above = [
        [k for k, b in enumerate(pts) if b != a and _leq(a, b)] for a in pts
    ]
    produced = 0
    stack: list[tuple[int, frozenset[int]]] = [(0, frozenset())]
    while stack:
        k, chosen = stack.pop()
        if k == len(pts):
            produced += 1
            if produced > max_sets:
                raise InputError(f"upper_sets: more than {max_sets} upper sets; support too large")
            yield frozenset(pts[i] for i in chosen)
            continue
        if all(b in chosen for b in above[k]):
            stack.append((k + 1, chosen | {k}))
        stack.append((k + 1, chosen))


def fosd_by_upper_sets(
    hi: Distribution, lo: Distribution, *, max_sets: int = 100_000
) -> UpperSetTest:
    """``E_hi[g] >= E_lo[g]`` for every increasing g, tested on indicators of upper sets.

    Why indicators suffice: on the finite support S (union of both supports) an increasing g
    with distinct values ``t_1 < ... < t_m`` equals ``t_1 + Σ_k (t_k - t_{k-1}) 1[g >= t_k]``,
    and each ``{g >= t_k}`` is an upper set of S; so E[g] differences are non-negative
    combinations of upper-set probability differences. Conversely an upper set U of S is
    ``S ∩ ↑U`` and ``1[↑U]`` is increasing. Multi-dimensional outcomes use the product order
    (reading FOSD R1 by Strassen's theorem); ``max_sets`` bounds the enumeration.
    """
    worst, witness, count = Fraction(0), None, 0
    for u in upper_sets(_union_support(hi, lo), max_sets):
        count += 1
        gap = lo.probability(u) - hi.probability(u)
        if gap > worst:
            worst, witness = gap, u
    return UpperSetTest(worst == 0, worst, witness, count)


# ---------------------------------------------------------------- total variation

def tv_by_l1(p: Distribution, q: Distribution) -> Fraction:
    """``½ Σ_x |p(x) - q(x)|``."""
    return sum((abs(p.mass(x) - q.mass(x)) for x in _union_support(p, q)), Fraction(0)) / 2


def tv_by_events(p: Distribution, q: Distribution, *, exhaustive: bool | None = None) -> Fraction:
    """``max_A p(A) - q(A)`` over events A.

    With ``exhaustive`` (default when the joint support has at most 12 points) every subset
    of the joint support is tried; otherwise only ``A* = {x : p(x) > q(x)}``, which attains the
    maximum since adding x changes ``p(A) - q(A)`` by ``p(x) - q(x)``.
    """
    points = _union_support(p, q)
    if exhaustive is None:
        exhaustive = len(points) <= 12
    if not exhaustive:
        return p.probability(lambda x: p.mass(x) > q.mass(x)) - q.probability(
            lambda x: p.mass(x) > q.mass(x)
        )
    diffs = [p.mass(x) - q.mass(x) for x in points]
    best = Fraction(0)
    for r in range(1, len(points) + 1):
        for idx in itertools.combinations(range(len(points)), r):
            best = max(best, sum((diffs[i] for i in idx), Fraction(0)))
    return best


@dataclass(frozen=True)
class CouplingResult:
    """An optimal coupling for TV with its dual certificate.

    ``coupling`` is a law on pairs ``(x, y)`` with marginals p and q minimising
    ``Pr[x != y]``, which equals ``value``. ``dual_p``/``dual_q`` are potentials a, b with
    ``a(x) + b(y) <= 1[x != y]`` and ``Σ a·p + Σ b·q = value``, so weak duality certifies
    optimality. ``method`` is "lp" (verify.mech.lp) or "closed-form" (maximal coupling).
    """

    value: Fraction
    coupling: Distribution
    dual_p: Mapping[Outcome, Fraction]
    dual_q: Mapping[Outcome, Fraction]
    method: str

    def verify(self, p: Distribution, q: Distribution) -> bool:
        """Re-check primal feasibility, dual feasibility and equal objectives, exactly."""
        points = _union_support(p, q)
        if self.coupling.map(lambda xy: xy[0]) != p or self.coupling.map(lambda xy: xy[1]) != q:
            return False
        cost = self.coupling.probability(lambda xy: xy[0] != xy[1])
        a = {x: self.dual_p.get(x, Fraction(0)) for x in points}
        b = {y: self.dual_q.get(y, Fraction(0)) for y in points}
        dual_ok = all(a[x] + b[y] <= (x != y) for x in points for y in points)
        dual = sum((a[x] * p.mass(x) + b[x] * q.mass(x) for x in points), Fraction(0))
        return dual_ok and cost == dual == self.value


def maximal_coupling(p: Distribution, q: Distribution) -> CouplingResult:
    """Closed-form optimal coupling: diagonal ``min(p, q)``; the excess ``(p - q)^+`` is matched
    to ``(q - p)^+`` proportionally. Dual: ``a = 1[p > q] = −b``."""
    points = _union_support(p, q)
    excess = {x: p.mass(x) - q.mass(x) for x in points}
    tv = sum((e for e in excess.values() if e > 0), Fraction(0))
    table: dict[Outcome, Fraction] = {
        (x, x): min(p.mass(x), q.mass(x)) for x in points if min(p.mass(x), q.mass(x)) > 0
    }
    if tv:
        for x in points:
            for y in points:
                if excess[x] > 0 and excess[y] < 0:
                    table[(x, y)] = excess[x] * (-excess[y]) / tv
    a = {x: Fraction(int(excess[x] > 0)) for x in points}
    return CouplingResult(tv, Distribution(table), a, {x: -a[x] for x in points}, "closed-form")


def tv_by_coupling(p: Distribution, q: Distribution) -> CouplingResult:
    """``min_π Pr_π[x != y]`` over couplings π of p and q, certified.

    Solved as an exact LP (:func:`coupling_lp`) with :mod:`verify.mech.lp` when that module is
    importable, else by :func:`maximal_coupling`; the result is re-verified either way.
    """
    try:
        from verify.mech import lp
    except ImportError:
        result = maximal_coupling(p, q)
    else:
        points = _union_support(p, q)
        solved = lp.solve(coupling_lp(p, q))
        if solved.status != "optimal" or solved.value is None:
            raise AssertionError(f"tv_by_coupling: coupling LP reported {solved.status}")
        solved.verify()
        pairs = {
            (x, y): solved.x.get(_pair_var(k, m), Fraction(0))
            for k, x in enumerate(points) for m, y in enumerate(points)
        }
        duals = solved.certificate.y
        result = CouplingResult(
            solved.value,
            Distribution(pairs),
            {x: duals.get(f"row{k}", Fraction(0)) for k, x in enumerate(points)},
            {y: duals.get(f"col{m}", Fraction(0)) for m, y in enumerate(points)},
            "lp",
        )
    if not result.verify(p, q):
        raise AssertionError("tv_by_coupling: coupling certificate failed exact re-check")
    return result


def _pair_var(k: int, m: int) -> str:
    return f"pi[{k},{m}]"


def coupling_lp(p: Distribution, q: Distribution) -> LinearProgram:
    """The coupling LP over the joint support ``x_0, x_1, ...``: variables ``pi[k,m] >= 0``,
    minimise ``Σ_{k≠m} pi[k,m]`` subject to rows ``row k: Σ_m pi[k,m] = p(x_k)`` and
    columns ``col m: Σ_k pi[k,m] = q(x_m)``. Its dual is ``max Σ a p + Σ b q`` subject to
    ``a(x) + b(y) <= 1[x != y]``."""
    from verify.mech.lp import Constraint, LinearProgram  # noqa: F811 - runtime import

    points = _union_support(p, q)
    idx = range(len(points))
    names = [_pair_var(k, m) for k in idx for m in idx]
    cons = [Constraint(f"row{k}", {_pair_var(k, m): 1 for m in idx}, "==", p.mass(points[k]))
            for k in idx]
    cons += [Constraint(f"col{m}", {_pair_var(k, m): 1 for k in idx}, "==", q.mass(points[m]))
             for m in idx]
    objective = {_pair_var(k, m): 1 for k in idx for m in idx if k != m}
    return LinearProgram(tuple(names), objective, tuple(cons), "min")
