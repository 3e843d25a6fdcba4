"""Item-fair and item-symmetric revenue benchmarks of one additive buyer (symmetric-fairness
spec §1.3-§1.4, §1.8 (b)-(d), readings R-SYM1..4).

Types are exact tuples; a prior is a :class:`~verify.mech.distributions.Distribution` over
them (a product of item marginals or a correlated joint law). Every optimum is a certified LP
optimum (:func:`verify.mech.lp.solve`) with its menu; the simple benchmarks are exact maxima
over the finitely many candidate prices (support points), as the spec notes.

* ``Rev``: every truthful (BIR + BIC on the type set) menu.
* ``SymRev`` under reading R-SYM1 (IC/IR on the permutation closure of the support,
  ``x_{σt} = σ(x_t)`` and ``p_{σt} = p_t``), R-SYM2 (closure, allocations only), R-SYM3
  (support only, allocation symmetry for pairs t, σt both in the support), R-SYM4 (R-SYM3 plus
  price symmetry on those pairs). Types added by the closure carry probability 0.
* ``FairRev``: ``x_{t,j} = x_{t,k}`` whenever ``t_j = t_k`` (interim fairness, one buyer).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from verify.errors import InputError
from verify.mech._exact import Vector, as_vector
from verify.mech.distributions import Distribution
from verify.mech.lp import Constraint, LPResult, solve
from verify.mech.mechanisms import DirectMechanism
from verify.mech.revenue import menu_lp
from verify.mech.single_item import optimal_reserve
from verify.mech.types import orbit

Benchmark = Literal["rev", "sym1", "sym2", "sym3", "sym4", "fair"]
BENCHMARKS: tuple[Benchmark, ...] = ("rev", "sym1", "sym2", "sym3", "sym4", "fair")

__all__ = [
    "brev_of_integer_items",
    "bundle_law",
    "count_law",
    "ssrev_of_items",
    "segment_types",
    "symmetric_price_gap",
    "BENCHMARKS",
    "Benchmark",
    "Optimum",
    "PriceResult",
    "RatioResult",
    "closure",
    "max_brev_over_ssrev",
    "max_symmetric_allocation",
    "multi_bidder_optimum",
    "menu_revenue",
    "optimum",
    "srev",
    "ssrev",
    "swap_pairs",
    "table",
]


def closure(types: Iterable[object]) -> tuple[Vector, ...]:
    """The permutation closure of a set of types, sorted."""
    out = {w for t in types for w in orbit(as_vector(t, "closure type"))}  # type: ignore[arg-type]
    return tuple(sorted(out))


def swap_pairs(types: Sequence[Vector]) -> list[tuple[int, int, int]]:
    """``(k, k', i)``: type k' is type k with items i and i+1 swapped, both in ``types``, k < k'.

    Adjacent transpositions generate every permutation, so on a permutation-closed set these
    pairs impose full symmetry; on a non-closed set (R-SYM3/4) they are the pairs "t, σt both
    in the support" reachable by one adjacent swap.
    """
    index = {t: k for k, t in enumerate(types)}
    out = []
    m = len(types[0])
    for i in range(m - 1):
        for k, t in enumerate(types):
            st = t[:i] + (t[i + 1], t[i]) + t[i + 2:]
            ks = index.get(st)
            if ks is not None and ks > k:
                out.append((k, ks, i))
    return out


def _general_pairs(types: Sequence[Vector]) -> list[tuple[int, int, tuple[int, ...]]]:
    """``(k, k', σ)`` with ``types[k'] = σ(types[k])`` (``(σt)_{σ(j)} = t_j``), k != k'."""
    index = {t: k for k, t in enumerate(types)}
    m = len(types[0])
    out = []
    for k, t in enumerate(types):
        for sigma in itertools.permutations(range(m)):
            st = [Fraction(0)] * m
            for j in range(m):
                st[sigma[j]] = t[j]
            ks = index.get(tuple(st))
            if ks is not None and ks != k:
                out.append((k, ks, sigma))
    return out


def _sym_constraints(types: Sequence[Vector], prices: bool) -> list[Constraint]:
    out: list[Constraint] = []
    m = len(types[0])
    for n, (k, ks, sigma) in enumerate(_general_pairs(types)):
        for j in range(m):
            out.append(Constraint(f"SYM{n}[{j}]", {f"q[{k}][{j}]": 1, f"q[{ks}][{sigma[j]}]": -1},
                                  "=="))
        if prices:
            out.append(Constraint(f"SYMP{n}", {f"p[{k}]": 1, f"p[{ks}]": -1}, "=="))
    for k, t in enumerate(types):  # σ fixing t (tied coordinates): fairness within the type
        for i, j in itertools.combinations(range(m), 2):
            if t[i] == t[j]:
                out.append(Constraint(f"FIX[{k}][{i}={j}]", {f"q[{k}][{i}]": 1, f"q[{k}][{j}]": -1},
                                      "=="))
    return out


@dataclass(frozen=True)
class Optimum:
    """A certified optimal menu: exact revenue, the menu as a table on ``types``."""

    benchmark: Benchmark
    revenue: Fraction
    types: tuple[Vector, ...]
    mechanism: DirectMechanism


def optimum(prior: Distribution, benchmark: Benchmark = "rev") -> Optimum:
    """``Rev``, ``SymRev`` (reading sym1..sym4) or ``FairRev`` of ``prior``, certified.

    Prices are free (the LP's IR rows keep them honest). Raises InputError for an unknown
    benchmark.
    """
    if benchmark not in BENCHMARKS:
        raise InputError(f"optimum.benchmark: expected one of {BENCHMARKS}, got {benchmark!r}")
    support = tuple(as_vector(t, "prior outcome") for t in prior.support)  # type: ignore[arg-type]
    types = closure(support) if benchmark in ("sym1", "sym2") else tuple(sorted(support))
    probs = [prior.mass(t) for t in types]
    lp = menu_lp(types, probs, item_fair=benchmark == "fair")
    if benchmark != "rev" and benchmark != "fair":
        lp = lp.with_constraints(_sym_constraints(types, prices=benchmark in ("sym1", "sym4")))
    res = solve(lp)
    if res.status != "optimal" or res.value is None:
        raise InputError(f"optimum: the {benchmark} LP is {res.status}")
    m = len(types[0])
    q = {t: tuple(res.x.get(f"q[{k}][{i}]", Fraction(0)) for i in range(m))
         for k, t in enumerate(types)}
    p = {t: res.x.get(f"p[{k}]", Fraction(0)) for k, t in enumerate(types)}
    return Optimum(benchmark, res.value, types, DirectMechanism(q, p))


@dataclass(frozen=True)
class PriceResult:
    """An optimal posted price and its exact revenue."""

    price: Fraction
    revenue: Fraction


def _item_values(prior: Distribution) -> list[Fraction]:
    return sorted({Fraction(v) for t in prior.support for v in t})  # type: ignore[union-attr]


def ssrev(prior: Distribution) -> PriceResult:
    """``SSRev(D) = max_p p·Σ_j Pr[v_j >= p]``, attained at a point of the union of the item
    supports (between two such points the count is constant). Works for correlated priors."""
    best = PriceResult(Fraction(0), Fraction(0))
    m = prior.dim
    for p in _item_values(prior):
        rev = p * sum((prior.probability(lambda v, j=j, p=p: v[j] >= p) for j in range(m)),
                      Fraction(0))
        if rev > best.revenue:
            best = PriceResult(p, rev)
    return best


def srev(prior: Distribution) -> Fraction:
    """``SRev(D) = Σ_j max_p p·Pr[v_j >= p]``."""
    return sum((optimal_reserve(prior.marginal(j)).revenue for j in range(prior.dim)),
               Fraction(0))


def menu_revenue(mech: DirectMechanism, prior: Distribution) -> Fraction:
    """Expected price of a table mechanism under ``prior`` (types off the table: InputError)."""
    return mech.revenue(prior)


def table(rows: Mapping[tuple[object, ...], tuple[object, ...]]) -> DirectMechanism:
    """A mechanism from rows ``type -> (π_1, ..., π_m, price)``."""
    q = {as_vector(t, "table type"): as_vector(r[:-1], "table allocation") for t, r in rows.items()}
    p = {as_vector(t, "table type"): as_vector(r[-1:], "table price")[0] for t, r in rows.items()}
    return DirectMechanism(q, p)


@dataclass(frozen=True)
class RatioResult:
    """The largest ``BRev(D)/SSRev(D)`` over every prior on a finite grid, certified.

    ``prior`` attains it (a Distribution on the grid), ``bundle_price`` is its bundle price.
    """

    ratio: Fraction
    bundle_price: Fraction
    prior: Distribution


def max_brev_over_ssrev(m: int, values: Sequence[object]) -> RatioResult:
    """``max BRev(D)/SSRev(D)`` over all (correlated) priors D on ``values^m``.

    Charnes-Cooper: for each candidate bundle price P (a sum of grid values), maximise
    ``P·g(Σv >= P)`` over unnormalised masses ``g >= 0`` with ``p·Σ_j g(v_j >= p) <= 1`` for
    every positive grid value p (SSRev(g) <= 1; the ratio is scale-free). Each LP is solved with
    a certified optimum; the best P gives the maximum, and the optimal g normalised is a prior
    attaining it (its ratio is re-computed exactly from the prior).
    """
    from verify.mech.buyk import brev
    from verify.mech.lp import LinearProgram, Variable

    if m < 1:
        raise InputError(f"max_brev_over_ssrev.m: expected m >= 1, got {m}")
    vals = sorted({as_vector([v], "value")[0] for v in values})
    if not vals or vals[0] < 0 or vals[-1] <= 0:
        raise InputError("max_brev_over_ssrev.values: need non-negative values, one positive")
    grid = list(itertools.product(vals, repeat=m))
    names = [f"g{k}" for k in range(len(grid))]
    prices = [p for p in vals if p > 0]
    cons = []
    for p in prices:
        coeffs: dict[str, Fraction] = {}
        for k, v in enumerate(grid):
            c = p * sum(1 for x in v if x >= p)
            if c:
                coeffs[names[k]] = Fraction(c)
        cons.append(Constraint(f"SS[{p}]", coeffs, "<=", Fraction(1)))
    sums = sorted({sum(v, Fraction(0)) for v in grid if sum(v, Fraction(0)) > 0})
    best: RatioResult | None = None
    for big_p in sums:
        obj = {names[k]: big_p for k, v in enumerate(grid) if sum(v, Fraction(0)) >= big_p}
        lp = LinearProgram(tuple(Variable(n) for n in names), obj, tuple(cons), "max")
        res = solve(lp)
        if res.status != "optimal" or res.value is None:
            raise InputError(f"max_brev_over_ssrev: LP at P={big_p} is {res.status}")
        if best is None or res.value > best.ratio:
            g = {grid[k]: res.x.get(names[k], Fraction(0)) for k in range(len(grid))}
            total = sum(g.values(), Fraction(0))
            prior = Distribution({v: w / total for v, w in g.items() if w})
            exact = brev(prior).revenue / ssrev(prior).revenue
            if exact < res.value:
                raise InputError("max_brev_over_ssrev: optimal masses do not attain the LP value")
            best = RatioResult(exact, big_p, prior)
    assert best is not None
    return best


def ssrev_of_items(laws: Sequence[Distribution]) -> PriceResult:
    """``SSRev`` of independent items given by their marginal laws (no joint table built)."""
    best = PriceResult(Fraction(0), Fraction(0))
    points = sorted({Fraction(v) for law in laws for v in law.support})  # type: ignore[arg-type]
    for p in points:
        rev = p * sum((law.tail(p) for law in laws), Fraction(0))
        if rev > best.revenue:
            best = PriceResult(p, rev)
    return best


def bundle_law(laws: Sequence[Distribution]) -> Distribution:
    """The law of ``Σ_j v_j`` for independent items (exact convolution)."""
    acc: dict[Fraction, Fraction] = {Fraction(0): Fraction(1)}
    for law in laws:
        nxt: dict[Fraction, Fraction] = {}
        for s, ps in acc.items():
            for v, pv in law.items():
                key = s + Fraction(v)  # type: ignore[arg-type]
                nxt[key] = nxt.get(key, Fraction(0)) + ps * pv
        acc = nxt
    return Distribution(acc)


def count_law(qs: Sequence[Fraction]) -> Distribution:
    """The law of ``Σ_j 1(E_j)`` for independent events of probabilities ``qs``
    (Poisson binomial, exact)."""
    return bundle_law([Distribution({Fraction(1): q, Fraction(0): 1 - q}) for q in qs])


ExpostSymmetry = Literal["none", "own", "joint"]


def multi_bidder_optimum(bidders: Sequence[Distribution], symmetry: ExpostSymmetry = "none",
                         ) -> Fraction:
    """Optimal BIC + BIR revenue of ``n`` additive bidders with independent type laws and ``m``
    items (ex-post allocations ``x_ij(profile)``, feasibility ``Σ_i x_ij <= 1``), certified.

    ``symmetry`` adds ex-post item symmetry (Def 2.2): "own" permutes only bidder i's vector,
    ``x_i(σ t_i; t_-i) = σ(x_i(t_i; t_-i))`` for every bidder i (needs each bidder's support
    closed under permutations); "joint" permutes every bidder's vector together.
    """
    from verify.mech.lp import LinearProgram, Variable

    if symmetry not in ("none", "own", "joint"):
        raise InputError(f"multi_bidder_optimum.symmetry: unknown option {symmetry!r}")
    supports = [tuple(as_vector(t, "type") for t in b.support) for b in bidders]  # type: ignore[arg-type]
    n, m = len(bidders), len(supports[0][0])
    profiles = list(itertools.product(*supports))

    def xn(i: int, prof: tuple, j: int) -> str:
        return f"x{i}[{prof}][{j}]"

    def pn(i: int, prof: tuple) -> str:
        return f"p{i}[{prof}]"

    variables = [Variable(xn(i, pr, j), Fraction(0), Fraction(1)) for pr in profiles
                 for i in range(n) for j in range(m)]
    variables += [Variable(pn(i, pr), None, None) for pr in profiles for i in range(n)]
    prob = {pr: _mass(bidders, pr) for pr in profiles}
    objective: dict[str, Fraction] = {}
    for pr in profiles:
        for i in range(n):
            if prob[pr]:
                objective[pn(i, pr)] = prob[pr]
    cons: list[Constraint] = []
    for pr in profiles:
        for j in range(m):
            cons.append(Constraint(f"FEAS[{pr}][{j}]", {xn(i, pr, j): 1 for i in range(n)}, "<=",
                                   Fraction(1)))
    for i in range(n):
        others = list(itertools.product(*[s for k, s in enumerate(supports) if k != i]))
        for t in supports[i]:
            def util(report: tuple, t: tuple = t, i: int = i,
                     others: list = others) -> dict[str, Fraction]:
                out: dict[str, Fraction] = {}
                for rest in others:
                    w = _mass([b for k, b in enumerate(bidders) if k != i], rest)
                    pr = rest[:i] + (report,) + rest[i:]
                    for j in range(m):
                        out[xn(i, pr, j)] = out.get(xn(i, pr, j), Fraction(0)) + w * t[j]
                    out[pn(i, pr)] = out.get(pn(i, pr), Fraction(0)) - w
                return out
            own = util(t)
            cons.append(Constraint(f"IR{i}[{t}]", own, ">=", Fraction(0)))
            for r in supports[i]:
                if r != t:
                    dev = util(r)
                    diff = dict(own)
                    for k, c in dev.items():
                        diff[k] = diff.get(k, Fraction(0)) - c
                    cons.append(Constraint(f"IC{i}[{t}>{r}]", diff, ">=", Fraction(0)))
    if symmetry != "none":
        for sigma in itertools.permutations(range(m)):
            def act(v: tuple, sigma: tuple = sigma) -> tuple:
                out = [Fraction(0)] * m
                for j in range(m):
                    out[sigma[j]] = v[j]
                return tuple(out)
            for pr in profiles:
                for i in range(n):
                    moved = tuple(act(t) if (symmetry == "joint" or k == i) else t
                                  for k, t in enumerate(pr))
                    if moved not in prob:
                        raise InputError("multi_bidder_optimum: a support is not closed under "
                                         "item permutations")
                    for j in range(m):
                        a, b = xn(i, moved, sigma[j]), xn(i, pr, j)
                        if a != b:
                            cons.append(Constraint(f"SYM{i}[{pr}][{sigma}][{j}]",
                                                   {a: 1, b: -1}, "=="))
    lp = LinearProgram(tuple(variables), objective, tuple(_dedupe(cons)), "max")
    res = solve(lp)
    if res.status != "optimal" or res.value is None:
        raise InputError(f"multi_bidder_optimum: the LP is {res.status}")
    return res.value


def _mass(bidders: Sequence[Distribution], prof: tuple) -> Fraction:
    out = Fraction(1)
    for b, t in zip(bidders, prof, strict=True):
        out *= b.mass(t)
    return out


def _dedupe(cons: list[Constraint]) -> list[Constraint]:
    seen: set[str] = set()
    out = []
    for c in cons:
        if c.name not in seen and c.coeffs:
            seen.add(c.name)
            out.append(c)
    return out


def max_symmetric_allocation(prior: Distribution,
                             weight: Callable[[Vector, int], Fraction]) -> Fraction:
    """``max E_{v <- prior}[Σ_j weight(v, j) x_j(v)]`` over symmetric allocation rules
    ``x`` on the permutation closure of the support (``x(σv) = σ(x(v))``, no truthfulness),
    certified. Used for the SymSingle / SymNon-dominant terms of Cor C.8.
    """
    from verify.mech.lp import LinearProgram, Variable

    support = tuple(as_vector(t, "prior outcome") for t in prior.support)  # type: ignore[arg-type]
    types = closure(support)
    m = len(types[0])
    variables = [Variable(f"q[{k}][{j}]", Fraction(0), Fraction(1))
                 for k in range(len(types)) for j in range(m)]
    objective: dict[str, Fraction] = {}
    for k, t in enumerate(types):
        f = prior.mass(t)
        if f:
            for j in range(m):
                c = f * Fraction(weight(t, j))
                if c:
                    objective[f"q[{k}][{j}]"] = c
    cons = tuple(c for c in _sym_constraints(types, prices=False))
    res = solve(LinearProgram(tuple(variables), objective, cons, "max"))
    if res.status != "optimal" or res.value is None:
        raise InputError(f"max_symmetric_allocation: the LP is {res.status}")
    return res.value


def brev_of_integer_items(laws: Sequence[Distribution]) -> PriceResult:
    """``BRev`` of independent items whose laws have non-negative integer support, exactly.

    The law of ``Σ_j v_j`` is the product of the integer generating polynomials
    ``Σ_x (D_j·f_j(x)) z^x`` (``D_j`` a common denominator of item j's masses), computed with
    flint's exact ``fmpz_poly``; the best price is a point of the sum's support, smallest first
    among ties. Raises InputError for a non-integer or negative value.
    """
    import math

    import flint

    poly = flint.fmpz_poly([1])
    scale = 1
    for law in laws:
        items = [(Fraction(v), Fraction(p)) for v, p in law.items()]  # type: ignore[arg-type]
        if any(v < 0 or v.denominator != 1 for v, _ in items):
            raise InputError("brev_of_integer_items: values must be non-negative integers")
        den = math.lcm(*[p.denominator for _, p in items])
        coeffs = [0] * (int(max(v for v, _ in items)) + 1)
        for v, p in items:
            coeffs[int(v)] += p.numerator * (den // p.denominator)
        poly *= flint.fmpz_poly(coeffs)
        scale *= den
    c = [int(x) for x in poly.coeffs()]
    best = PriceResult(Fraction(0), Fraction(0))
    tail = 0
    tails = [0] * len(c)
    for s in range(len(c) - 1, 0, -1):
        tail += c[s]
        tails[s] = tail
    for s in range(1, len(c)):
        if c[s]:
            rev = Fraction(s * tails[s], scale)
            if rev > best.revenue:
                best = PriceResult(Fraction(s), rev)
    return best


def segment_types(t: Sequence[object], a: int, b: int, n: int) -> list[Vector]:
    """The n-step grid of the segment from ``t`` to its swap ``σt`` (items ``a``, ``b``) through
    the fixed point ``w = (t + σt)/2``: ``w + (i/n)(t - w)`` and their swaps, i = 0..n."""
    tv = as_vector(t, "segment type")
    if n < 1 or not (0 <= a < len(tv) and 0 <= b < len(tv)) or a == b:
        raise InputError("segment_types: need n >= 1 and two distinct item indices")
    st = list(tv)
    st[a], st[b] = tv[b], tv[a]
    w = [(x + y) / 2 for x, y in zip(tv, st, strict=True)]
    out: list[Vector] = []
    for i in range(n + 1):
        v = tuple(wj + Fraction(i, n) * (tj - wj) for wj, tj in zip(w, tv, strict=True))
        sv = list(v)
        sv[a], sv[b] = v[b], v[a]
        for u in (v, tuple(sv)):
            if u not in out:
                out.append(u)
    return out


def symmetric_price_gap(t: Sequence[object], a: int, b: int, n: int) -> LPResult:
    """``max p(σt) - p(t)`` over allocation-symmetric mechanisms that are IC on the n-step
    segment grid of :func:`segment_types` (``x(σv) = σ(x(v))``, ``x_a(w) = x_b(w)`` at the
    fixed point, allocations in [0, 1], prices free), certified.

    IC on a finite subset of R^m_{>=0} is necessary for IC on all of it (reading R-BIC with
    reports in R^m_{>=0}); the gap is at most ``||t - w||_1 / n`` (telescoping along the grid),
    so on R^m_{>=0} allocation symmetry forces ``p(σt) = p(t)``.
    """
    from verify.mech.lp import LinearProgram, Variable

    types = segment_types(t, a, b, n)
    m = len(types[0])
    index = {u: k for k, u in enumerate(types)}

    def swap(u: Vector) -> Vector:
        s = list(u)
        s[a], s[b] = u[b], u[a]
        return tuple(s)

    def perm(j: int) -> int:
        return b if j == a else a if j == b else j

    variables = [Variable(f"x[{k}][{j}]", Fraction(0), Fraction(1))
                 for k in range(len(types)) for j in range(m)]
    variables += [Variable(f"p[{k}]", None, None) for k in range(len(types))]
    cons: list[Constraint] = []
    for k, u in enumerate(types):
        ks = index[swap(u)]
        for j in range(m):
            if (k, j) < (ks, perm(j)):
                cons.append(Constraint(f"SYM[{k}][{j}]", {f"x[{k}][{j}]": 1,
                                                          f"x[{ks}][{perm(j)}]": -1}, "=="))
        for r, _ in enumerate(types):
            if r == k:
                continue
            coeffs: dict[str, Fraction] = {f"p[{k}]": Fraction(-1), f"p[{r}]": Fraction(1)}
            for j in range(m):
                if u[j]:
                    coeffs[f"x[{k}][{j}]"] = u[j]
                    coeffs[f"x[{r}][{j}]"] = -u[j]
            cons.append(Constraint(f"IC[{k}>{r}]", coeffs, ">="))
    tv = as_vector(t, "segment type")
    kt, ks = index[tv], index[swap(tv)]
    if kt == ks:
        raise InputError("symmetric_price_gap: t is fixed by the swap")
    objective = {f"p[{ks}]": Fraction(1), f"p[{kt}]": Fraction(-1)}
    return solve(LinearProgram(tuple(variables), objective, tuple(_dedupe(cons)), "max"))
