"""Direct mechanisms and menus as exact tables, with exact IC / IR checks.

Models
------
* :class:`DirectMechanism` — one buyer, n items: ``v ↦ (q(v) ∈ [0,1]^n, t(v))``; additive
  utility ``u(v) = v·q(v) − t(v)``. With ``decreasing=True`` (identical objects, q_i =
  Pr[at least i units]) feasibility ``q_0 >= ... >= q_{n-1}`` is enforced.
* :class:`Auction` — n buyers, one item: profile ``v ↦ (q_i(v))_i, (t_i(v))_i`` with
  ``Σ_i q_i(v) <= 1``, defined on the full product of the buyers' type sets.
* :class:`Menu` — lottery entries ``(q, p)``, ``p >= 0``, always including the null entry
  ``(0, 0)``; the buyer picks a utility-maximising entry under an explicit tie rule.

Every check returns a :class:`CheckResult`; nothing is rounded.
"""

from __future__ import annotations

import itertools
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from types import MappingProxyType
from typing import Literal

from verify.errors import InputError
from verify.mech._exact import Vector, as_fraction, as_probability, as_vector, dot, show
from verify.mech.distributions import Distribution
from verify.mech.types import SetFunctionType, subsets

TieRule = Literal["seller", "buyer-cheapest", "all"]
Valuation = Vector | SetFunctionType
TIE_RULES: tuple[str, ...] = ("seller", "buyer-cheapest", "all")


# ---------------------------------------------------------------- results

@dataclass(frozen=True)
class CheckResult:
    """Outcome of checking a family of inequality constraints exactly.

    ``max_violation`` is the largest amount by which a constraint fails (0 when all hold;
    for IC it is the maximum regret), ``witness`` the first constraint in iteration order
    attaining it (None when nothing fails), ``violations`` how many constraints fail and
    ``checked`` how many were checked.
    """

    max_violation: Fraction
    witness: tuple | None
    violations: int
    checked: int

    @property
    def ok(self) -> bool:
        return self.violations == 0


class Tally:
    """Accumulates ``(violation, witness)`` pairs into a :class:`CheckResult`."""

    def __init__(self) -> None:
        self.worst, self.witness, self.bad, self.count = Fraction(0), None, 0, 0

    def add(self, violation: Fraction, witness: tuple) -> None:
        self.count += 1
        if violation > 0:
            self.bad += 1
            if violation > self.worst:
                self.worst, self.witness = violation, witness

    def result(self) -> CheckResult:
        return CheckResult(self.worst, self.witness, self.bad, self.count)


@dataclass(frozen=True)
class Choice:
    """A buyer's optimal choice: the maximal utility, the chosen option(s) and their prices.

    Under tie rule "seller" or "buyer-cheapest" exactly one option is chosen; under "all"
    every maximiser is listed in enumeration order.
    """

    utility: Fraction
    picks: tuple[Hashable, ...]
    prices: tuple[Fraction, ...]

    @property
    def pick(self) -> Hashable:
        """The single chosen option (InputError when the tie rule "all" kept several)."""
        if len(self.picks) != 1:
            raise InputError(f"Choice.pick: {len(self.picks)} maximisers; use tie 'seller' or "
                             "'buyer-cheapest' for a single pick")
        return self.picks[0]

    @property
    def price(self) -> Fraction:
        """The price of the single chosen option."""
        self.pick  # noqa: B018 - enforces a single pick
        return self.prices[0]


def select(options: Iterable[tuple[Hashable, Fraction, Fraction]], tie: TieRule) -> Choice:
    """Pick among ``(option, utility, price)`` triples: maximise utility, then apply ``tie``.

    "seller": the highest price among maximisers; "buyer-cheapest": the lowest; remaining ties
    go to the first option in iteration order. "all": every maximiser.
    """
    if tie not in TIE_RULES:
        raise InputError(f"tie: unknown tie rule {tie!r}; expected one of {TIE_RULES}")
    opts = list(options)
    if not opts:
        raise InputError("select: no options to choose from")
    best = max(u for _, u, _ in opts)
    top = [(o, p) for o, u, p in opts if u == best]
    if tie == "seller":
        price = max(p for _, p in top)
        top = [next((o, p) for o, p in top if p == price)]
    elif tie == "buyer-cheapest":
        price = min(p for _, p in top)
        top = [next((o, p) for o, p in top if p == price)]
    return Choice(best, tuple(o for o, _ in top), tuple(p for _, p in top))


# ---------------------------------------------------------------- valuations

def as_valuation(x: object, field: str = "type") -> Valuation:
    """An additive type (vector of rationals) or a :class:`SetFunctionType`."""
    return x if isinstance(x, SetFunctionType) else as_vector(x, field)  # type: ignore[arg-type]


def value(x: Valuation, q: Vector) -> Fraction:
    """``x(q)``: the value of the independent lottery q (item j w.p. q_j).

    Additive: ``x·q``. Set function: ``Σ_S x(S) Π_{j∈S} q_j Π_{j∉S} (1 − q_j)``.
    """
    if isinstance(x, SetFunctionType):
        if x.n != len(q):
            raise InputError(f"value: type has {x.n} items, allocation {len(q)}")
        total = Fraction(0)
        for s in subsets(x.n):
            pr = Fraction(1)
            for j in range(x.n):
                pr *= q[j] if j in s else 1 - q[j]
            total += x(s) * pr
        return total
    if len(x) != len(q):
        raise InputError(f"value: type {show(x)} and allocation {show(q)} differ in length")
    return dot(x, q)


# ---------------------------------------------------------------- one buyer, n items

@dataclass(frozen=True)
class DirectMechanism:
    """One buyer, n items: tables ``q: type -> [0,1]^n`` and ``t: type -> Q`` on the same types."""

    q: Mapping[Vector, Vector]
    t: Mapping[Vector, Fraction]
    decreasing: bool = False

    def __post_init__(self) -> None:
        qs: dict[Vector, Vector] = {}
        for v, alloc in self.q.items():
            key = as_vector(v, "DirectMechanism type")
            if key in qs:
                raise InputError(f"DirectMechanism.q: type {show(key)} appears twice")
            qs[key] = tuple(
                as_probability(a, f"DirectMechanism.q{show(key)}[{i}]") for i, a in enumerate(alloc)
            )
        if not qs:
            raise InputError("DirectMechanism.q: empty table")
        n = len(next(iter(qs)))
        ts = {as_vector(v, "DirectMechanism type"): as_fraction(p, f"DirectMechanism.t{show(v)}")
              for v, p in self.t.items()}
        for v, alloc in qs.items():
            if len(v) != n or len(alloc) != n:
                raise InputError(f"DirectMechanism.q{show(v)}: expected {n} coordinates")
            if v not in ts:
                raise InputError(f"DirectMechanism.t: no payment for type {show(v)}")
            if self.decreasing and any(a < b for a, b in zip(alloc, alloc[1:], strict=False)):
                raise InputError(f"DirectMechanism.q{show(v)}: {show(alloc)} is not decreasing "
                                 "(identical objects need q_1 >= ... >= q_n)")
        extra = set(ts) - set(qs)
        if extra:
            raise InputError(f"DirectMechanism.t: type {show(min(extra))} has no allocation")
        object.__setattr__(self, "q", MappingProxyType(qs))
        object.__setattr__(self, "t", MappingProxyType({v: ts[v] for v in qs}))

    @property
    def types(self) -> tuple[Vector, ...]:
        return tuple(self.q)

    @property
    def n(self) -> int:
        return len(self.types[0])

    def _key(self, v: object, field: str) -> Vector:
        key = as_vector(v, field)  # type: ignore[arg-type]
        if key not in self.q:
            raise InputError(f"{field}: type {show(key)} is not in the mechanism's table")
        return key

    def utility(self, v: object, report: object | None = None) -> Fraction:
        """``v·q(r) − t(r)`` for report r (default: truthful, r = v)."""
        true = self._key(v, "utility: type")
        r = true if report is None else self._key(report, "utility: report")
        return dot(true, self.q[r]) - self.t[r]

    def revenue(self, prior: Distribution) -> Fraction:
        """``Σ_v p(v) t(v)``; the prior's support must lie in the table."""
        return prior.expect(lambda v: self.t[self._key(v, "revenue: prior outcome")])

    def is_deterministic(self) -> bool:
        """``q(v) ∈ {0,1}^n`` for every v."""
        return all(a in (0, 1) for alloc in self.q.values() for a in alloc)


def ic_violation(
    mech: DirectMechanism,
    types: Iterable[object] | None = None,
    reports: Iterable[object] | None = None,
) -> CheckResult:
    """Exact IC: regret ``u(v→r) − u(v)`` over every true type × every report.

    ``types``/``reports`` default to all table types; witness ``(v, r)``.
    """
    vs = mech.types if types is None else [mech._key(v, "ic_violation: type") for v in types]
    rs = mech.types if reports is None else [mech._key(r, "ic_violation: report") for r in reports]
    tally = Tally()
    for v in vs:
        truthful = mech.utility(v)
        for r in rs:
            tally.add(mech.utility(v, r) - truthful, (v, r))
    return tally.result()


def ir_violation(mech: DirectMechanism, types: Iterable[object] | None = None) -> CheckResult:
    """Exact IR: shortfall ``−u(v)`` for each type; witness ``(v,)``."""
    vs = mech.types if types is None else [mech._key(v, "ir_violation: type") for v in types]
    tally = Tally()
    for v in vs:
        tally.add(-mech.utility(v), (v,))
    return tally.result()


# ---------------------------------------------------------------- n buyers, one item

@dataclass(frozen=True)
class Auction:
    """n buyers, one item: ``q[v] = (q_1(v), ..., q_n(v))``, ``t[v] = (t_1(v), ..., t_n(v))``.

    Profiles are tuples of values; the table must cover the product of the buyers' type sets
    (``type_sets``) so that every unilateral misreport is defined.
    """

    q: Mapping[Vector, Vector]
    t: Mapping[Vector, Vector]

    def __post_init__(self) -> None:
        qs: dict[Vector, Vector] = {}
        ts: dict[Vector, Vector] = {}
        for v, alloc in self.q.items():
            key = as_vector(v, "Auction profile")
            qs[key] = tuple(
                as_probability(a, f"Auction.q{show(key)}[{i}]") for i, a in enumerate(alloc)
            )
            if len(qs[key]) != len(key):
                raise InputError(f"Auction.q{show(key)}: expected {len(key)} probabilities")
            total = sum(qs[key], Fraction(0))
            if total > 1:
                raise InputError(f"Auction.q{show(key)}: allocations sum to {total} > 1")
        for v, pay in self.t.items():
            key = as_vector(v, "Auction profile")
            ts[key] = as_vector(pay, f"Auction.t{show(key)}", len(key))
        if not qs:
            raise InputError("Auction.q: empty table")
        n = len(next(iter(qs)))
        sets = tuple(sorted({v[i] for v in qs}) for i in range(n))
        for v in itertools.product(*sets):
            if v not in qs:
                raise InputError(f"Auction.q: profile {show(v)} missing (table must be a product)")
            if v not in ts:
                raise InputError(f"Auction.t: no payments for profile {show(v)}")
        if len(qs) != len(ts) or any(len(v) != n for v in qs):
            raise InputError("Auction.t: profiles differ from those of Auction.q")
        object.__setattr__(self, "q", MappingProxyType(qs))
        object.__setattr__(self, "t", MappingProxyType(ts))

    @property
    def n(self) -> int:
        return len(next(iter(self.q)))

    @property
    def type_sets(self) -> tuple[tuple[Fraction, ...], ...]:
        """Sorted type set of each buyer."""
        return tuple(tuple(sorted({v[i] for v in self.q})) for i in range(self.n))

    @property
    def profiles(self) -> tuple[Vector, ...]:
        return tuple(self.q)

    def _key(self, v: object, field: str) -> Vector:
        key = as_vector(v, field)  # type: ignore[arg-type]
        if key not in self.q:
            raise InputError(f"{field}: profile {show(key)} is not in the auction's table")
        return key

    def utility(self, i: int, v: object, report: object | None = None) -> Fraction:
        """Buyer i's ex-post utility ``v_i q_i(r_i, v_-i) − t_i(r_i, v_-i)`` (default r_i = v_i)."""
        prof = self._key(v, "utility: profile")
        if report is not None:
            prof = self._key(
                prof[:i] + (as_fraction(report, "utility: report"),) + prof[i + 1:],
                "utility: misreport profile",
            )
        return as_vector(v, "profile")[i] * self.q[prof][i] - self.t[prof][i]  # type: ignore[arg-type]

    def revenue(self, prior: Distribution) -> Fraction:
        """``E[Σ_i t_i(v)]``."""
        return prior.expect(lambda v: sum(self.t[self._key(v, "revenue: prior")], Fraction(0)))

    def welfare(self, prior: Distribution) -> Fraction:
        """``E[Σ_i v_i q_i(v)]``."""
        return prior.expect(lambda v: dot(self._key(v, "welfare: prior"), self.q[v]))

    def consumer_surplus(self, prior: Distribution) -> Fraction:
        """Welfare minus revenue."""
        return self.welfare(prior) - self.revenue(prior)


def _misreport(v: Vector, i: int, r: Fraction) -> Vector:
    return v[:i] + (r,) + v[i + 1:]


def dsic_violation(auction: Auction) -> CheckResult:
    """Dominant-strategy IC over every buyer, profile and misreport; witness ``(i, v, r_i)``."""
    tally = Tally()
    for v in auction.profiles:
        for i in range(auction.n):
            truthful = auction.utility(i, v)
            for r in auction.type_sets[i]:
                tally.add(auction.utility(i, v, r) - truthful, (i, v, r))
    return tally.result()


def expost_ir_violation(auction: Auction) -> CheckResult:
    """Ex-post IR ``u_i(v) >= 0``; witness ``(i, v)``."""
    tally = Tally()
    for v in auction.profiles:
        for i in range(auction.n):
            tally.add(-auction.utility(i, v), (i, v))
    return tally.result()


def interim_utility(
    auction: Auction, prior: Distribution, i: int, own: object, report: object | None = None
) -> Fraction:
    """``E[v_i q_i(r, V_-i) − t_i(r, V_-i) | V_i = own]`` under a (possibly correlated) prior."""
    theta = as_fraction(own, "interim_utility: own type")
    r = theta if report is None else as_fraction(report, "interim_utility: report")
    cond = prior.condition(lambda v: v[i] == theta)
    return cond.expect(lambda v: theta * auction.q[auction._key(_misreport(v, i, r), "prior")][i]
                       - auction.t[_misreport(v, i, r)][i])


def _interim_types(auction: Auction, prior: Distribution, i: int) -> list[Fraction]:
    return [x for x in auction.type_sets[i] if prior.probability(lambda v, x=x: v[i] == x) > 0]


def bic_violation(auction: Auction, prior: Distribution) -> CheckResult:
    """Bayes–Nash IC: interim regret for every buyer, own type of positive mass and report.

    Expectations are conditional on the own type (exact); witness ``(i, own, report)``.
    """
    tally = Tally()
    for i in range(auction.n):
        for own in _interim_types(auction, prior, i):
            truthful = interim_utility(auction, prior, i, own)
            for r in auction.type_sets[i]:
                tally.add(interim_utility(auction, prior, i, own, r) - truthful, (i, own, r))
    return tally.result()


def interim_ir_violation(auction: Auction, prior: Distribution) -> CheckResult:
    """Interim IR: ``E[u_i | V_i = own] >= 0``; witness ``(i, own)``."""
    tally = Tally()
    for i in range(auction.n):
        for own in _interim_types(auction, prior, i):
            tally.add(-interim_utility(auction, prior, i, own), (i, own))
    return tally.result()


# ---------------------------------------------------------------- menus

@dataclass(frozen=True)
class MenuEntry:
    """A lottery ``q ∈ [0,1]^n`` offered at price ``p >= 0``."""

    q: Vector
    p: Fraction
    label: str = ""

    def __post_init__(self) -> None:
        name = self.label or "entry"
        object.__setattr__(self, "q", tuple(
            as_probability(a, f"MenuEntry {name}.q[{i}]") for i, a in enumerate(self.q)
        ))
        price = as_fraction(self.p, f"MenuEntry {name}.p")
        if price < 0:
            raise InputError(f"MenuEntry {name}.p: price {price} is negative")
        object.__setattr__(self, "p", price)

    @property
    def is_null(self) -> bool:
        return self.p == 0 and not any(self.q)


@dataclass(frozen=True)
class Menu:
    """A menu of lotteries; the null entry ``(0, 0)`` is prepended when absent.

    ``entries`` accepts :class:`MenuEntry` objects or ``(q, p)`` / ``(q, p, label)`` tuples.
    """

    entries: tuple[MenuEntry, ...]

    def __post_init__(self) -> None:
        items = [e if isinstance(e, MenuEntry) else MenuEntry(*e) for e in self.entries]
        if not items:
            raise InputError("Menu.entries: a menu needs at least one entry")
        n = len(items[0].q)
        for k, e in enumerate(items):
            if len(e.q) != n:
                raise InputError(f"Menu.entries[{k}]: allocation has {len(e.q)} items, not {n}")
        if not any(e.is_null for e in items):
            items.insert(0, MenuEntry((0,) * n, 0, "null"))
        object.__setattr__(self, "entries", tuple(items))

    @property
    def n(self) -> int:
        return len(self.entries[0].q)

    def choose(self, x: object, tie: TieRule = "seller") -> Choice:
        """The utility-maximising entry index (or indices) of type x (additive or set function)."""
        val = as_valuation(x)
        return select(
            ((k, value(val, e.q) - e.p, e.p) for k, e in enumerate(self.entries)), tie
        )

    def to_mechanism(self, types: Iterable[object], tie: TieRule = "seller") -> DirectMechanism:
        """The direct mechanism ``v ↦ (q, p)`` of v's chosen entry (additive types)."""
        if tie == "all":
            raise InputError("Menu.to_mechanism: tie 'all' does not define a single mechanism")
        q, t = {}, {}
        for v in types:
            e = self.entries[self.choose(v, tie).pick]  # type: ignore[index]
            key = as_vector(v, "Menu.to_mechanism type")  # type: ignore[arg-type]
            q[key], t[key] = e.q, e.p
        return DirectMechanism(q, t)
