"""Buy-k and buy-many menus (buy-many spec §1.1–1.3), exact.

A buyer facing a :class:`~verify.mech.mechanisms.Menu` may buy a *multiset* Λ of at most k
entries, committed in advance (non-adaptive). Λ yields the lottery
``Lot(Λ)_j = 1 − Π_{q∈Λ}(1 − q_j)`` (``Lot(∅) = 0``) and costs ``Σ_{e∈Λ} p_e`` with
multiplicity, so ``u_x(Λ) = x(Lot(Λ)) − Σ p_e`` for additive or monotone set-function types x.
Multisets are tuples of entry indices in non-decreasing order; ``()`` is the null purchase.
Null entries are never enumerated (they add nothing), so sizes 0..k over the N non-null
entries give the ``C(N+k, k)`` multisets of the spec.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from verify.errors import InputError
from verify.mech._exact import Vector, as_fraction, as_probability, as_vector
from verify.mech.distributions import Distribution
from verify.mech.lp import _z3_fraction
from verify.mech.mechanisms import (
    CheckResult,
    Choice,
    Menu,
    Tally,
    TieRule,
    Valuation,
    as_valuation,
    select,
    value,
)
from verify.mech.revenue import MenuResult, optimal_menu
from verify.mech.single_item import ReserveResult, optimal_reserve
from verify.mech.types import SetFunctionType

Multiset = tuple[int, ...]


def lottery(allocations: Iterable[Iterable[object]], n: int) -> Vector:
    """``Lot(Λ)_j = 1 − Π_{q∈Λ}(1 − q_j)`` for a multiset of allocations in [0,1]^n."""
    miss = [Fraction(1)] * n
    for k, q in enumerate(allocations):
        vec = as_vector(q, f"lottery: allocation #{k}", n)
        for j in range(n):
            miss[j] *= 1 - as_probability(vec[j], f"lottery: allocation #{k}[{j}]")
    return tuple(1 - m for m in miss)


def multisets(menu: Menu, k: int) -> Iterator[Multiset]:
    """All multisets of non-null entry indices of size 0..k (``()`` first)."""
    if k < 0:
        raise InputError(f"k: must be >= 0, got {k}")
    live = [i for i, e in enumerate(menu.entries) if not e.is_null]
    for size in range(k + 1):
        yield from itertools.combinations_with_replacement(live, size)


def multiset_utility(x: Valuation, menu: Menu, bundle: Multiset) -> Fraction:
    """``u_x(Λ) = x(Lot(Λ)) − Σ_{e∈Λ} p_e``."""
    entries = [menu.entries[i] for i in bundle]
    return value(x, lottery((e.q for e in entries), menu.n)) - sum(
        (e.p for e in entries), Fraction(0)
    )


def _price(menu: Menu, bundle: Multiset) -> Fraction:
    return sum((menu.entries[i].p for i in bundle), Fraction(0))


def best_multisets(x: object, menu: Menu, k: int, tie: TieRule = "seller") -> Choice:
    """The utility-maximising multiset(s) of size <= k under ``tie`` (see ``select``)."""
    val = as_valuation(x)
    return select(
        ((b, multiset_utility(val, menu, b), _price(menu, b)) for b in multisets(menu, k)), tie
    )


def buyk_ic_violation(
    menu: Menu,
    types: Iterable[object],
    k: int,
    chosen: Mapping[object, int] | None = None,
) -> CheckResult:
    """Exact buy-k IC: regret ``max_{|Λ|<=k} u_x(Λ) − u_x(e(x))`` for each type x.

    ``e(x)`` is ``chosen[x]`` (a direct mechanism's entry for x) or, by default, x's best
    single entry, so a menu is buy-k IC iff no multiset beats the best single purchase.
    Λ = ∅ is included (IR). Witness ``(x, Λ)`` with the largest regret.
    """
    tally = Tally()
    for x in types:
        val = as_valuation(x)
        if chosen is None:
            base = menu.choose(val).utility
        else:
            key = x if isinstance(x, SetFunctionType) else as_vector(x, "type")  # type: ignore[arg-type]
            if key not in chosen:
                raise InputError(f"buyk_ic_violation.chosen: no entry for type {x!r}")
            base = multiset_utility(val, menu, (chosen[key],))
        best = max(multisets(menu, k), key=lambda b, val=val: multiset_utility(val, menu, b))
        tally.add(multiset_utility(val, menu, best) - base, (val, best))
    return tally.result()


def buyk_revenue(menu: Menu, prior: Distribution, k: int, tie: TieRule = "seller") -> Fraction:
    """``Buy^kRev(D, M)``: expected price of the chosen multiset, tie "seller" or "buyer-cheapest".

    For tie "all" (any maximiser) use :func:`buyk_revenue_range`.
    """
    if tie == "all":
        raise InputError("buyk_revenue.tie: 'all' has no single revenue; use buyk_revenue_range")
    return prior.expect(lambda x: best_multisets(x, menu, k, tie).price)


def buyk_revenue_range(menu: Menu, prior: Distribution, k: int) -> tuple[Fraction, Fraction]:
    """``(min, max)`` revenue over every selection of maximisers (reading R3).

    Each type's choice is independent, so the ends are the "buyer-cheapest" and "seller"
    revenues, both attained.
    """
    return buyk_revenue(menu, prior, k, "buyer-cheapest"), buyk_revenue(menu, prior, k, "seller")


def grand_value(x: object) -> Fraction:
    """``x([n])``: ``Σ x_i`` for additive types, the grand-bundle value for set functions."""
    val = as_valuation(x)
    return val.grand() if isinstance(val, SetFunctionType) else sum(val, Fraction(0))


def brev(prior: Distribution) -> ReserveResult:
    """``BRev(D) = max_p p·Pr[x([n]) >= p]``: optimal posted price of the grand bundle."""
    return optimal_reserve(prior.map(grand_value))



# ---------------------------------------------------------------- menu gaps (Defs. 1-2)

def _tuples(i: int, k: int) -> Iterator[Multiset]:
    """Index multisets ``j_1 <= .. <= j_k`` from ``{0..i-1}`` (``C(i+k-1, k)`` of them)."""
    return itertools.combinations_with_replacement(range(i), k)


def gap(xs: Sequence[object], qs: Sequence[Iterable[object]], i: int, k: int,
        earlier: Sequence[int] | None = None) -> tuple[Fraction, Multiset]:
    """``gap_i^k(X, Q) = min_{j_1..j_k} x_i(q_i) − x_i(Lot(q_{j_1}..q_{j_k}))`` (Defs. 1-2).

    ``xs[i-1]`` is x_i (additive vector or :class:`SetFunctionType`), ``qs[0]`` is q_0 = 0.
    The indices range over ``earlier`` (default ``range(i)``: Def. 1's ``j < i``), with
    repetition; returns the minimum and the minimising index multiset (the witness).
    """
    if not 1 <= i < len(qs) or i > len(xs):
        raise InputError(f"gap: index i = {i} outside 1..{min(len(xs), len(qs) - 1)}")
    if k < 1:
        raise InputError(f"gap: k must be >= 1, got {k}")
    x = as_valuation(xs[i - 1])
    n = len(as_vector(qs[0], "gap: q_0"))
    own = value(x, as_vector(qs[i], f"gap: q_{i}", n))
    pool = list(range(i)) if earlier is None else list(earlier)
    best: tuple[Fraction, Multiset] | None = None
    for bag in itertools.combinations_with_replacement(pool, k):
        g = own - value(x, lottery((qs[j] for j in bag), n))  # type: ignore[misc]
        if best is None or g < best[0]:
            best = (g, bag)
    if best is None:
        raise InputError("gap: no earlier index to compare with")
    return best


def menu_gap(xs: Sequence[object], qs: Sequence[Iterable[object]], k: int) -> Fraction:
    """``MenuGap^k(X, Q) = Σ_i gap_i^k / x_i([n])`` (Eqs. (2), (4)); x_i([n]) must be > 0."""
    if len(qs) != len(xs) + 1:
        raise InputError(f"menu_gap: Q needs N + 1 = {len(xs) + 1} points (q_0 first), got {len(qs)}")
    total = Fraction(0)
    for i in range(1, len(xs) + 1):
        norm = grand_value(xs[i - 1])
        if norm <= 0:
            raise InputError(f"menu_gap: x_{i}([n]) = {norm} is not positive")
        total += gap(xs, qs, i, k)[0] / norm
    return total


def coordinate_max(qs: Sequence[Iterable[object]], i: int) -> Vector:
    """``m_i``: the coordinatewise maximum of ``q_0..q_i`` (l.316)."""
    vecs = [as_vector(q, f"coordinate_max: q_{j}") for j, q in enumerate(qs[: i + 1])]
    return tuple(max(v[d] for v in vecs) for d in range(len(vecs[0])))


# ---------------------------------------------------------------- adaptive buyers (App. A)

Strategy = tuple[object, ...]


def _set_value(x: Valuation, items: frozenset[int]) -> Fraction:
    if isinstance(x, SetFunctionType):
        return x(items)
    return sum((x[j] for j in items), Fraction(0))


def adaptive_best(x: object, menu: Menu, k: int) -> tuple[Fraction, Strategy]:
    """The best adaptive strategy of depth <= k and its expected utility (Appendix A).

    A strategy buys an entry, sees which items the lottery delivered, and continues from the
    set S of items held: ``V(S, r) = max(x(S), max_e −p_e + Σ_T Pr(q_e, T) V(S ∪ T, r − 1))``
    (the realised items are all that matters, so this dynamic programme covers every
    ``2^n``-ary strategy tree). Returns ``(V(∅, k) − x(∅)... as utility, tree)``: the tree is
    ``()`` for stopping, else ``(entry, {T: subtree})`` over the outcomes T of positive
    probability. Exact; states ``2^n · k``.
    """
    if k < 0:
        raise InputError(f"k: must be >= 0, got {k}")
    val = as_valuation(x)
    n = menu.n
    live = [i for i, e in enumerate(menu.entries) if not e.is_null]
    memo: dict[tuple[frozenset[int], int], tuple[Fraction, Strategy]] = {}

    def solve(held: frozenset[int], r: int) -> tuple[Fraction, Strategy]:
        key = (held, r)
        if key in memo:
            return memo[key]
        best: tuple[Fraction, Strategy] = (_set_value(val, held), ())
        if r > 0:
            for e in live:
                entry = menu.entries[e]
                free = [j for j in range(n) if j not in held and entry.q[j] > 0]
                total, branches = -entry.p, {}
                for r_size in range(len(free) + 1):
                    for got in itertools.combinations(free, r_size):
                        pr = Fraction(1)
                        for j in free:
                            pr *= entry.q[j] if j in got else 1 - entry.q[j]
                        if pr == 0:
                            continue
                        sub = solve(held | frozenset(got), r - 1)
                        total += pr * sub[0]
                        branches[frozenset(got)] = sub[1]
                if total > best[0]:
                    best = (total, (e, tuple(sorted(branches.items(), key=lambda kv: sorted(kv[0])))))
        memo[key] = best
        return best

    utility, tree = solve(frozenset(), k)
    return utility, tree


def adaptive_ic_violation(menu: Menu, types: Iterable[object], k: int) -> CheckResult:
    """Adaptive buy-k IC: regret ``max_strategy E[u] − max_e u_x(e)`` per type; witness
    ``(x, strategy tree)`` of the largest regret (0 when a single purchase is optimal)."""
    tally = Tally()
    for x in types:
        val = as_valuation(x)
        best, tree = adaptive_best(val, menu, k)
        tally.add(best - menu.choose(val).utility, (val, tree))
    return tally.result()


# ---------------------------------------------------------------- benchmarks and menus

def item_pricing_menu(prices: Sequence[object]) -> Menu:
    """The deterministic menu selling every bundle S at ``Σ_{j∈S} p_j`` (item pricing)."""
    ps = as_vector(prices, "item_pricing_menu.prices")
    n = len(ps)
    entries = []
    for size in range(1, n + 1):
        for s in itertools.combinations(range(n), size):
            entries.append((tuple(1 if j in s else 0 for j in range(n)),
                            sum((ps[j] for j in s), Fraction(0)), "{" + ",".join(map(str, s)) + "}"))
    return Menu(tuple(entries))


def bundle_menu(price: object, n: int) -> Menu:
    """Grand bundling: the single entry ``(1^n, price)`` (and the null entry)."""
    return Menu((((1,) * n, price, "bundle"),))


def srev(prior: Distribution) -> tuple[Fraction, Vector]:
    """``SRev(D)`` for additive types: separate optimal posted prices, item by item.

    An additive buyer facing item prices buys exactly the items with ``x_j >= p_j`` (ties to
    the seller), so revenue separates and each item's optimum is a single-item reserve price.
    """
    prices, total = [], Fraction(0)
    for j in range(prior.dim):
        best = optimal_reserve(prior.map(lambda x, j=j: as_vector(x, "srev type")[j]))
        prices.append(best.price)
        total += best.revenue
    return total, tuple(prices)


def buy_one_optimum(prior: Distribution) -> MenuResult:
    """``Rev(D) = Buy^1Rev(D)`` for additive types: the certified optimal menu LP with
    nonnegative prices (``verify.mech.revenue.optimal_menu``)."""
    types = [as_vector(x, "buy_one_optimum type") for x in prior.support]
    return optimal_menu(types, [prior.mass(x) for x in prior.support], nonnegative_prices=True)


def is_cover_free(family: Sequence[Iterable[int]], k: int) -> tuple[bool, tuple[int, ...] | None]:
    """Def. 3: ``A_0 ⊄ A_1 ∪ .. ∪ A_k`` for all distinct members; witness ``(i0, i1..ik)``.

    With fewer than k + 1 members the condition is vacuous (True)."""
    sets = [frozenset(a) for a in family]
    for idx in itertools.permutations(range(len(sets)), 1):
        i0 = idx[0]
        others = [j for j in range(len(sets)) if j != i0]
        for cover in itertools.combinations(others, min(k, len(others))):
            if len(cover) < k:
                break
            if sets[i0] <= frozenset().union(*(sets[j] for j in cover)):
                return False, (i0, *cover)
    return True, None


# ---------------------------------------------------------------- optimal buy-k revenue bounds

@dataclass(frozen=True)
class BoundResult:
    """Answer of :func:`buyk_revenue_exceeds`: ``status`` "unsat" (no buy-k IC menu reaches the
    bound: a z3 NRA proof), "sat" (``menu`` reaches it; re-checked exactly) or "unknown"."""

    status: str
    menu: Menu | None = None
    revenue: Fraction | None = None


def buyk_revenue_exceeds(prior: Distribution, k: int, bound: object,
                         rlimit: int = 2_000_000_000) -> BoundResult:
    """Is there a buy-k IC menu for the additive, finite ``prior`` earning ``>= bound``?

    Revelation principle: WLOG the menu is one entry ``(q_t, p_t)`` per type t plus the null
    entry (unchosen entries only add constraints), type t buys its own entry, ``q_t ∈ [0,1]^n``,
    ``p_t >= 0``, and buy-k IC is ``u_t(own) >= u_t(Λ)`` for every multiset Λ of at most k
    entries (Λ = ∅ is IR): ``C(N+k, k)`` polynomial constraints of degree <= k. z3's NRA
    procedure (nlsat) decides it exactly; "unsat" proves ``Buy^kRev(D) < bound`` (the feasible
    set is compact, so the supremum is attained). A "sat" model is re-checked with exact
    rational arithmetic (:func:`buyk_ic_violation`, :func:`buyk_revenue`) before it is returned.
    """
    import z3

    types = [as_vector(x, "buyk_revenue_exceeds type") for x in prior.support]
    n, m = len(types[0]), len(types)
    q = [[z3.Real(f"q{t}_{d}") for d in range(n)] for t in range(m)]
    p = [z3.Real(f"p{t}") for t in range(m)]
    s = z3.SolverFor("QF_NRA")
    s.set("rlimit", rlimit)
    for t in range(m):
        s.add(p[t] >= 0, *[z3.And(q[t][d] >= 0, q[t][d] <= 1) for d in range(n)])
    for t, x in enumerate(types):
        own = z3.Sum(*[z3.RealVal(x[d]) * q[t][d] for d in range(n)]) - p[t]
        for size in range(k + 1):
            for bag in itertools.combinations_with_replacement(range(m), size):
                if bag == (t,):
                    continue
                lot = [1 - z3.Product(*[1 - q[e][d] for e in bag]) if bag else z3.RealVal(0)
                       for d in range(n)]
                dev = z3.Sum(*[z3.RealVal(x[d]) * lot[d] for d in range(n)])
                s.add(own >= dev - z3.Sum(z3.RealVal(0), *[p[e] for e in bag]))
    target = as_fraction(bound, "buyk_revenue_exceeds.bound")
    s.add(z3.Sum(*[z3.RealVal(prior.mass(x)) * p[t] for t, x in enumerate(types)])
          >= z3.RealVal(target))
    res = s.check()
    if res == z3.unsat:
        return BoundResult("unsat")
    if res != z3.sat:
        return BoundResult("unknown")
    model = s.model()

    def val(v: object) -> Fraction:
        got = model.eval(v, model_completion=True)
        if not isinstance(got, z3.RatNumRef):
            raise ArithmeticError("buyk_revenue_exceeds: irrational model; not re-checkable")
        return _z3_fraction(got)

    null = ((Fraction(0),) * n, Fraction(0), "null")
    menu = Menu((null, *((tuple(val(q[t][d]) for d in range(n)), val(p[t]), f"e{t}")
                         for t in range(m))))
    idx = {x: 1 + t for t, x in enumerate(types)}
    check = buyk_ic_violation(menu, types, k, idx)
    revenue = sum((prior.mass(x) * menu.entries[idx[x]].p for x in types), Fraction(0))
    if not check.ok or revenue < target:
        raise ArithmeticError("buyk_revenue_exceeds: z3 model fails the exact re-check")
    return BoundResult("sat", menu, revenue)
