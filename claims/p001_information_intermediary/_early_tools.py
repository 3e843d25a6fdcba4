"""Helpers for the Section 1-3 claims of p001 (sec1_3.py): exact and self-contained.

* ``ln_bounds`` / ``lt_nlogn``: a rational lower bound of ln, and sign(q - n ln n) (spec C5), decided
  exactly by refinement (atanh series with a rigorous remainder bound).
* ``value_dists`` / ``product_priors`` / ``joint_grid``: finite families of exact priors, in
  size order (fewest support points and smallest denominators first).
* ``second_price_revenue``: E[second-highest value] (VCG, no reserve; 0 for one buyer).
* ``alg1``: Algorithm 1 (l.125-130) as printed, step-4 readings A1-R1 (">"), A1-R2 (">=") and
  A1-R3 (threshold payment), with the tie rule "higher value first, then lower index" (D7).
* ``bbm``: the BBM greedy of l.154-156 (D10) under BBM-R1 (unnormalised residual), BBM-R2
  (renormalised residual, weights rescaled to scheme weights) and BBM-R2lit (renormalised
  residual, the gamma of the normalised residual used as the scheme weight, as printed).
* ``posted``: a one-buyer seller posting the smallest revenue-maximising price (D3, l.154).
* ``low_type_utility_max``: the largest total interim utility of the lowest types over the
  revenue-optimal face of a D6 seller LP (certified).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from verify.mech.distributions import Distribution, product
from verify.mech.lp import Constraint, LinearProgram, solve
from verify.mech.mechanisms import Auction
from verify.mech.revenue import _pa, _qa
from verify.mech.signaling import SellerOptimum
from verify.mech.single_item import optimal_reserve, virtual_values

F = Fraction
ZERO = F(0)
ONE = F(1)


# ----------------------------------------------------------------------------- logarithms


def ln_bounds(x: Fraction, terms: int) -> tuple[Fraction, Fraction]:
    """lo <= ln x <= hi for x > 0: ln x = 2 atanh(y), y = (x-1)/(x+1), the series summed to
    ``terms`` terms; the tail is bounded by 2|y|^(2N+1)/((2N+1)(1-y^2))."""
    if x <= 0:
        raise ValueError("ln of a non-positive number")
    y = (x - 1) / (x + 1)
    s, p = ZERO, y
    for k in range(terms):
        s += p / (2 * k + 1)
        p *= y * y
    s *= 2
    tail = 2 * abs(p) / ((2 * terms + 1) * (1 - y * y))
    return s - tail, s + tail


def cmp_ln(q: Fraction, x: Fraction) -> int:
    """sign(q - ln x), decided exactly by refining rational enclosures of ln x
    (_late_tools.sign_ln_minus; ln x is irrational for rational x != 1)."""
    from claims.p001_information_intermediary._late_tools import sign_ln_minus

    return -sign_ln_minus(x, q)


def lt_nlogn(q: Fraction, n: int) -> int:
    """sign(q - n ln n) for integers n >= 1."""
    return cmp_ln(q / n, F(n))


# ----------------------------------------------------------------------------- priors


def compositions(m: int, k: int) -> Iterator[tuple[int, ...]]:
    """Ordered k-tuples of positive integers summing to m."""
    for cut in itertools.combinations(range(1, m), k - 1):
        yield tuple(b - a for a, b in zip((0, *cut), (*cut, m), strict=True))


def value_dists(pool: Sequence[object], m: int, max_support: int | None = None,
                exact_m: bool = True) -> Iterator[Distribution]:
    """Distributions on subsets of ``pool`` with positive masses in (1/m)Z, fewest support
    points first. With ``exact_m`` only those whose masses need denominator exactly m
    (lcm of the reduced denominators == m), so that m = 1, 2, ... lists each once."""
    vals = sorted(F(v) for v in pool)  # type: ignore[arg-type]
    top = len(vals) if max_support is None else min(max_support, len(vals))
    for size in range(1, top + 1):
        for chosen in itertools.combinations(vals, size):
            for parts in compositions(m, size):
                masses = [F(p, m) for p in parts]
                if exact_m and math.lcm(*(x.denominator for x in masses)) != m:
                    continue
                yield Distribution(dict(zip(chosen, masses, strict=True)))


def product_priors(n: int, pool: Sequence[object], m: int, max_support: int | None = None
                   ) -> Iterator[tuple[Distribution, ...]]:
    """n-tuples of marginals whose largest needed denominator is exactly m (each marginal's
    masses in (1/m')Z for some m' <= m dividing... listed once by the lcm of all masses)."""
    margs = [d for mm in range(1, m + 1) for d in value_dists(pool, mm, max_support)]
    for combo in itertools.product(margs, repeat=n):
        den = math.lcm(*(x.denominator for d in combo for _, x in d.items()))
        if den == m:
            yield combo


def joint_grid(cells: Sequence[tuple[Fraction, ...]], m: int) -> Iterator[Distribution]:
    """Distributions on the given profiles (zero cells allowed) with masses in (1/m)Z whose
    lcm denominator is exactly m."""
    k = len(cells)
    for parts in itertools.product(range(m + 1), repeat=k):
        if sum(parts) != m:
            continue
        masses = [F(p, m) for p in parts]
        if math.lcm(*(x.denominator for x in masses)) != m:
            continue
        yield Distribution({c: x for c, x in zip(cells, masses, strict=True) if x})


def is_product(d: Distribution) -> bool:
    n = len(next(iter(d.support)))
    margs = [d.marginal(i) for i in range(n)]
    prof = itertools.product(*(m.support for m in margs))
    return all(
        d.mass(v) == math.prod((margs[i].mass(v[i]) for i in range(n)), start=ONE) for v in prof
    )


# ----------------------------------------------------------------------------- auctions


def second_price_revenue(priors: Sequence[Distribution]) -> Fraction:
    """E[second-highest value] (second-price / VCG without reserve; 0 with one buyer)."""
    joint = product(*priors)

    def second(v: tuple) -> Fraction:
        s = sorted(v, reverse=True)
        return s[1] if len(s) > 1 else ZERO

    return joint.expect(second)


A1Reading = Literal["R1", "R2", "R3"]


@dataclass(frozen=True)
class Alg1:
    """Algorithm 1's tables; ``undefined`` lists profiles where step 4 names no value."""

    auction: Auction
    undefined: tuple[tuple[Fraction, ...], ...]


def alg1(priors: Sequence[Distribution], reading: A1Reading) -> Alg1:
    """Algorithm 1 (l.125-130) on independent priors, for every profile of the type sets.

    Step 1: order buyers by q_i = phi_i(v_i), ties by higher value, then lower index.
    Step 2: the first buyer j wins if q_j >= 0. Step 3: w = max(0, q_m) for the second buyer m
    (w = 0 with one buyer). Step 4: j pays the smallest z in supp(D_j) with phi_j(z) > w
    (R1), phi_j(z) >= w (R2), or with which j still wins under the same rule (R3); where no
    such z exists step 4 is undefined and j is charged its own value plus one (recorded).
    """
    phis = [virtual_values(d) for d in priors]
    sets = [sorted(p) for p in phis]
    n = len(priors)

    def order(v: tuple) -> list[int]:
        return sorted(range(n), key=lambda i: (-phis[i][v[i]], -v[i], i))

    def winner(v: tuple) -> int | None:
        j = order(v)[0]
        return j if phis[j][v[j]] >= 0 else None

    q: dict[tuple, tuple] = {}
    t: dict[tuple, tuple] = {}
    undefined = []
    for v in itertools.product(*sets):
        alloc = [ZERO] * n
        pay = [ZERO] * n
        j = winner(v)
        if j is not None:
            alloc[j] = ONE
            ranked = order(v)
            w = max(ZERO, phis[ranked[1]][v[ranked[1]]]) if n > 1 else ZERO
            if reading == "R1":
                zs = [z for z in sets[j] if phis[j][z] > w]
            elif reading == "R2":
                zs = [z for z in sets[j] if phis[j][z] >= w]
            else:
                zs = [z for z in sets[j] if winner(v[:j] + (z,) + v[j + 1:]) == j]
            if zs:
                pay[j] = zs[0]
            else:
                undefined.append(v)
                pay[j] = v[j] + 1
        q[v] = tuple(alloc)
        t[v] = tuple(pay)
    return Alg1(Auction(q, t), tuple(undefined))


def expost_violation(auction: Auction) -> tuple[Fraction, tuple] | None:
    """The largest ex-post IC regret or IR shortfall over all profiles, buyers, reports."""
    worst: tuple[Fraction, tuple] | None = None
    sets = auction.type_sets
    for v in auction.profiles:
        for i in range(auction.n):
            u = auction.utility(i, v)
            if u < 0 and (worst is None or -u > worst[0]):
                worst = (-u, ("IR", v, i))
            for r in sets[i]:
                gain = auction.utility(i, v, r) - u
                if gain > 0 and (worst is None or gain > worst[0]):
                    worst = (gain, ("IC", v, i, r))
    return worst


# ----------------------------------------------------------------------------- BBM


BBMReading = Literal["R1", "R2", "R2lit"]


def equal_revenue(support: Sequence[Fraction]) -> Distribution:
    """S(z_i) = z_1/z_i on the support: pmf z_1/z_i - z_1/z_{i+1}, last z_1/z_m."""
    zs = sorted(support)
    z1 = zs[0]
    pmf = {}
    for i, z in enumerate(zs):
        nxt = z1 / zs[i + 1] if i + 1 < len(zs) else ZERO
        pmf[z] = z1 / z - nxt
    return Distribution(pmf)


def bbm(prior: Distribution, reading: BBMReading) -> list[tuple[Fraction, Distribution]]:
    """The greedy of l.154-156. R1: gamma is the largest weight with p - gamma q >= 0 on the
    unnormalised residual. R2: the residual is renormalised to mass 1 after each step, gamma
    is computed on it and rescaled by the residual mass into a scheme weight. R2lit: as R2,
    but the gamma of the normalised residual is used as the scheme weight (as printed)."""
    p = {F(z): x for z, x in prior.items()}
    scale = ONE
    out: list[tuple[Fraction, Distribution]] = []
    while any(x > 0 for x in p.values()):
        sup = sorted(z for z, x in p.items() if x > 0)
        seg = equal_revenue(sup)
        gamma = min(p[z] / seg.mass(z) for z in sup)
        weight = gamma if reading in ("R1", "R2lit") else gamma * scale
        out.append((weight, seg))
        p = {z: p[z] - gamma * seg.mass(z) for z in sup}
        if reading != "R1":
            mass = sum(p.values(), ZERO)
            if mass == 0:
                break
            p = {z: x / mass for z, x in p.items()}
            scale *= mass
    return out


@dataclass(frozen=True)
class Posted:
    price: Fraction
    revenue: Fraction
    cs: Fraction
    always_sells: bool


def posted(d: Distribution) -> Posted:
    """One buyer, the seller posts the smallest revenue-maximising price (D3; l.154)."""
    r = optimal_reserve(d)
    cs = d.expect(lambda v: max(F(v) - r.price, ZERO))
    return Posted(r.price, r.revenue, cs, r.price <= min(d.support))


# ----------------------------------------------------------------------------- seller face


def low_type_utility_max(opt: SellerOptimum) -> Fraction:
    """max over the revenue-optimal face of sum_i Pr(v_i = lowest_i) U_i(lowest_i), where
    U_i is interim utility (certified LP; the face is stage 2 of D6)."""
    base = opt.welfare_max_lp.lp
    vals = opt.values
    index = [{x: k for k, x in enumerate(vs)} for vs in vals]
    obj: dict[str, Fraction] = {}
    for v, mass in opt.posterior.items():
        prof = tuple(index[i][x] for i, x in enumerate(v))
        for i, x in enumerate(v):
            if x == vals[i][0]:
                obj[_qa(i, prof)] = obj.get(_qa(i, prof), ZERO) + mass * x
                obj[_pa(i, prof)] = obj.get(_pa(i, prof), ZERO) - mass
    lp = LinearProgram(base.variables, obj, base.constraints, "max")
    res = solve(lp)
    if res.status != "optimal" or res.value is None:
        raise RuntimeError(f"low-type utility LP is {res.status}")
    return res.value


def face_lp(opt: SellerOptimum, objective: dict[str, Fraction], sense: str,
            extra: Sequence[Constraint] = ()) -> Fraction:
    """Optimise a linear objective over the revenue-optimal face (certified)."""
    base = opt.welfare_max_lp.lp
    lp = LinearProgram(base.variables, objective, (*base.constraints, *extra), sense)  # type: ignore[arg-type]
    res = solve(lp)
    if res.status != "optimal" or res.value is None:
        raise RuntimeError(f"face LP is {res.status}")
    return res.value


def _key(v: object) -> str:
    if isinstance(v, tuple):
        return "(" + ", ".join(_key(x) for x in v) + ")"
    return str(v)


def plain(obj: object) -> object:
    """A JSON-storable exact form for note(): distributions become {outcome: mass}."""
    if isinstance(obj, Distribution):
        return {_key(v): x for v, x in sorted(obj.items())}
    if isinstance(obj, dict):
        return {_key(k): plain(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [plain(x) for x in obj]
    if isinstance(obj, Auction):
        return {_key(v): {"q": obj.q[v], "t": obj.t[v]} for v in obj.profiles}
    return obj
