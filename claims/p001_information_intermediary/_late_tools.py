"""Exact tools for Sections 4-5 of the information-intermediary paper (spec D12, D13).

Everything is exact (Fractions); the seller's optimum on a posterior is the certified two-stage
LP of :func:`verify.mech.signaling.seller_optimum` (spec D6, ties C1: "fav" = CS_max, "adv" =
CS_min). Objects, each implemented as printed:

* single-buyer laws: ``f``, ``S`` (Pr[V >= x], D1), ``gt`` (Pr[V > x]), virtual values (Eq. 1,
  :func:`verify.mech.single_item.virtual_values`), ironed ones, the reserve (smallest maximiser
  of r S(r), D3), ``above(D, a)`` = D_{|>a}, ``below(D, a)`` = D_{|<a}, ``shift(D, b)`` = D - b;
* :func:`bbm` -- the BBM greedy of l.150-156 (D10) as printed (renormalising the residual,
  reading BBM-R2) or without renormalising (BBM-R1); :func:`bbm_send` its l.162 sending rule;
* :func:`rank_signals` -- RANK_t (Algorithm 2, prose l.297, D12) as exact posteriors over full
  n-buyer profiles; :func:`rank_cs` its CS from per-signal certified LPs;
* :func:`s0_squared_signals` -- Algorithm 4 (weights l.410-412), with or without revealing t;
* order statistics Z_l of Y_i ~ D_{i|<r_i} (l.321, l.346), P = prod p_i, Lemma 3's bound;
* Algorithm 1 on a product prior with ties toward the higher value (CS(D), CS_0, Eq. 5, Eq. 6);
* :func:`trunc_signals` -- TRUNC (Algorithm 5) with S_0 inside, S_1 (l.525) and S_2 (l.559);
* rational enclosures of ln n (spec C5) and :func:`instances`, a size-ordered enumeration of
  small product priors (the finite analogue of "every discrete product prior").
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterator, Sequence
from fractions import Fraction
from functools import lru_cache

import sympy as sp

from verify import exact
from verify.mech.distributions import Distribution, product
from verify.mech.signaling import SellerOptimum, SignalingScheme, seller_optimum
from verify.mech.single_item import ironed_virtual_values, optimal_reserve, virtual_values

F = Fraction
ZERO = F(0)
ONE = F(1)
Law = Distribution  # one buyer: outcomes are Fractions
Profile = tuple[Fraction, ...]
Signals = dict[tuple, tuple[Fraction, Distribution]]


# ----------------------------------------------------------------------------- one buyer


def law(pairs: dict[object, object] | Sequence[tuple[object, object]]) -> Law:
    items = pairs.items() if isinstance(pairs, dict) else pairs
    return Distribution({F(v): F(m) for v, m in items})  # type: ignore[arg-type]


def points(d: Law) -> list[Fraction]:
    return [z for z, _ in d.numeric_items()]


def f(d: Law, x: Fraction) -> Fraction:
    return d.mass(x)


def S(d: Law, x: Fraction) -> Fraction:
    """S_D(x) = Pr[V >= x] (D1, l.90)."""
    return d.tail(x)


def gt(d: Law, x: Fraction) -> Fraction:
    """Pr[V > x]."""
    return sum((m for z, m in d.numeric_items() if z > x), ZERO)


@lru_cache(maxsize=4096)
def phi(d: Law) -> dict[Fraction, Fraction]:
    """Eq. (1), l.116 (cached: do not mutate the result)."""
    return virtual_values(d)


@lru_cache(maxsize=4096)
def phibar(d: Law) -> dict[Fraction, Fraction]:
    """Ironed virtual values (spec D5)."""
    return ironed_virtual_values(d)


@lru_cache(maxsize=4096)
def reserve(d: Law) -> Fraction:
    """r_D: the smallest support point maximising r S(r) (D3, l.119)."""
    return optimal_reserve(d).price


def above(d: Law, a: Fraction) -> Law | None:
    """D_{|>a} (None if Pr[V > a] = 0)."""
    if gt(d, a) == 0:
        return None
    return d.condition(lambda z: z > a)


def below(d: Law, a: Fraction) -> Law | None:
    """D_{|<a} (None if Pr[V < a] = 0)."""
    if d.probability(lambda z: z < a) == 0:
        return None
    return d.condition(lambda z: z < a)


def shift(d: Law, b: Fraction) -> Law:
    """The law of V - b."""
    return d.map(lambda z: z - b)


def excess(d: Law, a: Fraction) -> Law | None:
    """D_{|>a} - a (the excess law of l.287)."""
    up = above(d, a)
    return None if up is None else shift(up, a)


def is_regular_law(d: Law) -> bool:
    vals = [phi(d)[z] for z in points(d)]
    return all(x <= y for x, y in zip(vals, vals[1:], strict=False))


# ----------------------------------------------------------------------------- BBM (D10)


def equal_revenue(zs: Sequence[Fraction]) -> dict[Fraction, Fraction]:
    """S(z_i) = z_1/z_i on the support zs (increasing): pmf z_1/z_i - z_1/z_{i+1}, top z_1/z_m."""
    z1 = zs[0]
    out = {}
    for k, z in enumerate(zs):
        nxt = z1 / zs[k + 1] if k + 1 < len(zs) else ZERO
        out[z] = z1 / z - nxt
    return out


def bbm(d: Law, renormalise: bool = True) -> tuple[tuple[Fraction, Law], ...]:
    """The BBM greedy (l.150-156) on a law with positive support: segments (gamma_l, S_l).

    As printed (``renormalise=True``, BBM-R2): gamma is the largest weight with p - gamma q >= 0
    on the *normalised* residual p, which is then renormalised; scheme weights are gamma times
    the residual's mass. ``renormalise=False`` (BBM-R1) takes every gamma on the raw residual.
    """
    p = {z: m for z, m in d.numeric_items()}
    if any(z <= 0 for z in p):
        raise ValueError("bbm: the support must be positive")
    scale = ONE
    out: list[tuple[Fraction, Law]] = []
    while p:
        zs = sorted(p)
        q = equal_revenue(zs)
        g = min(p[z] / q[z] for z in zs)
        out.append((g * scale if renormalise else g, law(q)))
        rest = {z: p[z] - g * q[z] for z in zs}
        p = {z: m for z, m in rest.items() if m != 0}
        if renormalise and p:
            total = sum(p.values(), ZERO)
            p = {z: m / total for z, m in p.items()}
            scale *= total
    return tuple(out)


def bbm_send(segments: Sequence[tuple[Fraction, Law]], d: Law, v: Fraction) -> list[Fraction]:
    """Pr[segment l | value v] = gamma_l q_l(v) / f_D(v) (l.162)."""
    return [g * s.mass(v) / d.mass(v) for g, s in segments]


def segment_cs(seg: Law) -> Fraction:
    """CS of one BBM segment when the seller prices at its lowest point (l.154)."""
    lo = points(seg)[0]
    return seg.expect(lambda z: z - lo)


def bbm_cs(d: Law) -> Fraction:
    return sum((g * segment_cs(s) for g, s in bbm(d)), ZERO)


# ----------------------------------------------------------------------------- profiles


def kth_largest(v: Sequence[Fraction], k: int) -> Fraction:
    """The k-th largest entry (with repetition); 0 when k > len(v) (v^(n+1) = 0, Z_{n+1} = 0)."""
    if k > len(v):
        return ZERO
    return sorted(v, reverse=True)[k - 1]


def joint(priors: Sequence[Law]) -> Distribution:
    return product(*priors)


def signals_from(table: dict[tuple, dict[Profile, Fraction]]) -> Signals:
    out: Signals = {}
    for key, rows in table.items():
        w = sum(rows.values(), ZERO)
        if w:
            out[key] = (w, Distribution({v: m / w for v, m in rows.items() if m}))
    return out


def _add(table: dict[tuple, dict[Profile, Fraction]], key: tuple, v: Profile, m: Fraction) -> None:
    if m:
        row = table.setdefault(key, {})
        row[v] = row.get(v, ZERO) + m


# ----------------------------------------------------------------------------- RANK_t (D12)


def rank_threshold(v: Sequence[Fraction], t: int) -> tuple[Fraction, tuple[int, ...]]:
    """(v°, T): v° the (t+1)-st largest value (0 when t = n), T = {i : v_i > v°} (l.297)."""
    vo = kth_largest(v, t + 1)
    return vo, tuple(i for i, x in enumerate(v) if x > vo)


def rank_table(
    priors: Sequence[Law], t: int, renormalise: bool = True
) -> dict[tuple, dict[Profile, Fraction]]:
    """Joint masses Pr[v, signal] of RANK_t: signal (v°, T, j, l), or (v°, ()) when T is empty."""
    n = len(priors)
    if not 1 <= t <= n:
        raise ValueError(f"RANK_t needs 1 <= t <= n, got t={t}, n={n}")
    segs: dict[tuple[int, Fraction], tuple[Law, tuple[tuple[Fraction, Law], ...]]] = {}
    table: dict[tuple, dict[Profile, Fraction]] = {}
    for v, m in joint(priors).items():
        vo, T = rank_threshold(v, t)
        if not T:
            _add(table, (vo, ()), v, m)
            continue
        for j in T:
            if (j, vo) not in segs:
                dj = excess(priors[j], vo)
                assert dj is not None
                segs[(j, vo)] = (dj, bbm(dj, renormalise))
            dj, sg = segs[(j, vo)]
            for ell, pr in enumerate(bbm_send(sg, dj, v[j] - vo)):
                _add(table, (vo, T, j, ell), v, m * pr / len(T))
    return table


def rank_signals(priors: Sequence[Law], t: int, renormalise: bool = True) -> Signals:
    return signals_from(rank_table(priors, t, renormalise))


def scheme_of(priors: Sequence[Law], sig: Signals) -> SignalingScheme:
    """Validates Bayes plausibility exactly (InputError otherwise)."""
    return SignalingScheme(joint(priors), tuple((w, s) for w, s in sig.values()))


def seller(post: Distribution) -> SellerOptimum:
    """The certified two-stage seller optimum (D6) on the posterior's own type sets."""
    return seller_optimum(post)


def scheme_cs(sig: Signals, tie: str) -> Fraction:
    """sum_q gamma_q CS_tie(S_q), each CS from the certified two-stage seller LP."""
    return sum((w * seller(s).cs(tie) for w, s in sig.values()), ZERO)  # type: ignore[arg-type]


def scheme_revenue(sig: Signals) -> Fraction:
    return sum((w * seller(s).revenue for w, s in sig.values()), ZERO)


@lru_cache(maxsize=256)
def _rank_cs_cached(priors: tuple[Law, ...], t: int, tie: str) -> Fraction:
    return scheme_cs(rank_signals(priors, t), tie)


def rank_cs(priors: Sequence[Law], t: int, tie: str) -> Fraction:
    return _rank_cs_cached(tuple(priors), t, tie)


def s0_cs(priors: Sequence[Law], tie: str) -> tuple[Fraction, int]:
    """Algorithm 3: t = argmax_t' CS(RANK_t') (the smallest maximiser); returns (CS, t)."""
    vals = [(rank_cs(priors, t, tie), t) for t in range(1, len(priors) + 1)]
    best = max(v for v, _ in vals)
    return best, min(t for v, t in vals if v == best)


def s2_weights(n: int) -> list[Fraction]:
    """Algorithm 4, l.410-411: w_j = 1/(j+1) for j <= n-2, w_{n-1} = w_n = 1 (index j-1)."""
    w = {j: F(1, j + 1) for j in range(1, n - 1)}
    w[n - 1] = ONE
    w[n] = ONE
    return [w[j] for j in range(1, n + 1)]


def s0_squared_signals(priors: Sequence[Law], reveal_t: bool) -> Signals:
    """Algorithm 4: t drawn w.p. w_t / sum w, then RANK_t. ``reveal_t``: the signal carries t;
    otherwise (as printed, step 4 returns RANK_t's output only) equal outputs merge."""
    n = len(priors)
    w = s2_weights(n)
    tot = sum(w, ZERO)
    table: dict[tuple, dict[Profile, Fraction]] = {}
    for t in range(1, n + 1):
        for key, rows in rank_table(priors, t).items():
            k2 = (t, *key) if reveal_t else key
            for v, m in rows.items():
                _add(table, k2, v, m * w[t - 1] / tot)
    return signals_from(table)


# ----------------------------------------------------------------------------- order statistics


def p_below(d: Law) -> Fraction:
    """p_i = 1 - S(r_i) = Pr[V < r_i] (l.321)."""
    return d.probability(lambda z: z < reserve(d))


def big_p(priors: Sequence[Law]) -> Fraction:
    return math.prod((p_below(d) for d in priors), start=ONE)


def ys(priors: Sequence[Law]) -> list[Law] | None:
    """Y_i ~ D_{i|<r_i} (l.321); None when some p_i = 0 (then P = 0)."""
    out = []
    for d in priors:
        y = below(d, reserve(d))
        if y is None:
            return None
        out.append(y)
    return out


def z_law(priors: Sequence[Law]) -> Distribution | None:
    """The joint law of (Y_1..Y_n) (independent)."""
    y = ys(priors)
    return None if y is None else product(*y)


def ez(priors: Sequence[Law], ell: int) -> Fraction:
    """E[Z_ell], Z_ell the ell-th largest Y (Z_{n+1} := 0). Requires P > 0."""
    zl = z_law(priors)
    assert zl is not None
    return zl.expect(lambda y: kth_largest(y, ell))


def lemma3_bound(priors: Sequence[Law], t: int) -> Fraction:
    """P ((1/t) sum_{l<=t} E[Z_l] - E[Z_{t+1}]) (Lemma 3, l.325); 0 when P = 0."""
    P = big_p(priors)
    if P == 0:
        return ZERO
    return P * (sum((ez(priors, k) for k in range(1, t + 1)), ZERO) / t - ez(priors, t + 1))


def union_support(priors: Sequence[Law]) -> list[Fraction]:
    return sorted({z for d in priors for z in points(d)})


# ----------------------------------------------------------------------------- Algorithm 1


def winner(priors: Sequence[Law], v: Profile, ironed: bool = False) -> int | None:
    """Algorithm 1 with ties toward the higher value, then the lower index; allocate iff the
    top (ironed) virtual value is >= 0 (step 2)."""
    ph = [(phibar if ironed else phi)(d) for d in priors]
    scores = [ph[i][v[i]] for i in range(len(v))]
    top = max(scores)
    if top < 0:
        return None
    tied = [i for i, s in enumerate(scores) if s == top]
    return min(tied, key=lambda i: (-v[i], i))


def argmax_phi(priors: Sequence[Law], v: Profile, ironed: bool = False) -> int:
    """argmax_j phi_j(v_j), ties toward the higher value then the lower index (l.506)."""
    ph = [(phibar if ironed else phi)(d) for d in priors]
    scores = [ph[i][v[i]] for i in range(len(v))]
    top = max(scores)
    tied = [i for i, s in enumerate(scores) if s == top]
    return min(tied, key=lambda i: (-v[i], i))


def cs0_alg1(priors: Sequence[Law], ironed: bool = False) -> Fraction:
    """CS_0: the welfare lost when Algorithm 1 does not allocate (l.364-366)."""
    return joint(priors).expect(lambda v: max(v) if winner(priors, v, ironed) is None else ZERO)


def cs0_lemma4(priors: Sequence[Law]) -> Fraction:
    """prod Pr[v_i < r_i] E[max v | v_i < r_i for all i] = P E[Z_1] (l.366, l.401)."""
    P = big_p(priors)
    return ZERO if P == 0 else P * ez(priors, 1)


def cs_i(priors: Sequence[Law], i: int, allocated_only: bool, ironed: bool = False) -> Fraction:
    """Eq. (5): sum over v with i = argmax_j phi_j(v_j) of Pr[v] (max v - v_i)."""
    def term(v: Profile) -> Fraction:
        if argmax_phi(priors, v, ironed) != i:
            return ZERO
        if allocated_only and winner(priors, v, ironed) is None:
            return ZERO
        return max(v) - v[i]
    return joint(priors).expect(term)


def cs_hat(priors: Sequence[Law], k: int, reading: str, allocated_only: bool,
           ironed: bool = False) -> Fraction:
    """Eq. (6) for x_k (k 1-based in the union of supports). reading "R1": as printed, over v
    with x_k = max_j phi_j(v_j); "R2": x_k is the winner's value (l.511 prose)."""
    xk = union_support(priors)[k - 1]

    def term(v: Profile) -> Fraction:
        w = argmax_phi(priors, v, ironed)
        if allocated_only and winner(priors, v, ironed) is None:
            return ZERO
        if reading == "R1":
            ph = [(phibar if ironed else phi)(d) for d in priors]
            hit = max(ph[i][v[i]] for i in range(len(v))) == xk
        else:
            hit = v[w] == xk
        return max(v) - xk if hit else ZERO
    return joint(priors).expect(term)


def welfare_star(priors: Sequence[Law]) -> Fraction:
    return joint(priors).expect(max)


def revenue_opt(priors: Sequence[Law]) -> Fraction:
    """R(D): the certified optimum of the BIC/IR LP on the product prior."""
    return seller(joint(priors)).revenue


def opt(priors: Sequence[Law]) -> Fraction:
    return welfare_star(priors) - revenue_opt(priors)


def alg1_welfare(priors: Sequence[Law], ironed: bool = False) -> Fraction:
    return joint(priors).expect(
        lambda v: ZERO if (w := winner(priors, v, ironed)) is None else v[w])


def cs_d(priors: Sequence[Law], ironed: bool = False) -> Fraction:
    """CS(D) = W(Algorithm 1) - R(D) (R(D) from the certified LP)."""
    return alg1_welfare(priors, ironed) - revenue_opt(priors)


# ----------------------------------------------------------------------------- TRUNC (Alg. 5)


def trunc_a_t(v: Profile, c: Fraction, a_default: bool = True) -> tuple[Fraction, tuple[int, ...]] | None:
    """a = max{v_i : v_i <= c} (R1: 0 if none, R2: None), T = {j : v_j > a}."""
    low = [x for x in v if x <= c]
    if not low:
        if not a_default:
            return None
        a = ZERO
    else:
        a = max(low)
    return a, tuple(j for j, x in enumerate(v) if x > a)


def d_ta(priors: Sequence[Law], T: Sequence[int], c: Fraction, a: Fraction) -> list[Law]:
    """D_{T,a} = prod_{j in T} (D_{j|>c} - a) (Algorithm 5, line 2)."""
    out = []
    for j in T:
        up = above(priors[j], c)
        assert up is not None
        out.append(shift(up, a))
    return out


def trunc_table(priors: Sequence[Law], cut: Callable[[Profile], Fraction], tie: str,
                s0_t: Callable[[tuple[Law, ...]], int] | None = None
                ) -> dict[tuple, dict[Profile, Fraction]]:
    """TRUNC(v, D, c(v)) with S_0 on (v', D_{T,a}): full n-buyer joint masses per signal
    (c, a, T, s). S_0's rank is argmax_t CS(RANK_t) on D_{T,a} under ``tie`` (Algorithm 3)."""
    table: dict[tuple, dict[Profile, Fraction]] = {}
    sub_cache: dict[tuple, dict[tuple, dict[Profile, Fraction]]] = {}
    for v, m in joint(priors).items():
        c = cut(v)
        at = trunc_a_t(v, c)
        assert at is not None
        a, T = at
        if not T:
            _add(table, (c, a, T), v, m)
            continue
        key = (c, a, T)
        if key not in sub_cache:
            sub = tuple(d_ta(priors, T, c, a))
            t = s0_t(sub) if s0_t else s0_cs(sub, tie)[1]
            sub_cache[key] = rank_table(sub, t)
        vp = tuple(v[j] - a for j in T)
        sub_joint = joint(d_ta(priors, T, c, a))
        pv = sub_joint.mass(vp)
        for skey, rows in sub_cache[key].items():
            pr = rows.get(vp, ZERO)
            if pr:
                _add(table, (c, a, T, skey), v, m * pr / pv)
    return table


# ----------------------------------------------------------------------------- ln n (C5)


def _atanh_ln(y: Fraction, terms: int) -> tuple[Fraction, Fraction]:
    """Enclosure of ln y for rational 1 <= y <= 2: ln y = 2 atanh(x), x = (y-1)/(y+1) <= 1/3,
    tail sum_{k > K, k odd} x^k/k <= x^(K+2) / ((K+2)(1 - x^2))."""
    x = (y - 1) / (y + 1)
    s, k, xp = ZERO, 1, x
    while k <= 2 * terms - 1:
        s += xp / k
        xp *= x * x
        k += 2
    tail = xp / (k * (1 - x * x))
    return 2 * s, 2 * (s + tail)


def ln_bounds(n: int, terms: int = 30) -> tuple[Fraction, Fraction]:
    """Rational lo <= ln n <= hi (n >= 1): n = 2^m y with 1 <= y < 2, ln n = m ln 2 + ln y."""
    if n < 1:
        raise ValueError(n)
    m, y = 0, F(n)
    while y >= 2:
        y /= 2
        m += 1
    l2lo, l2hi = _atanh_ln(F(2), terms)
    ylo, yhi = _atanh_ln(y, terms)
    return m * l2lo + ylo, m * l2hi + yhi


def sign_ln_minus(x: Fraction, c: Fraction, max_terms: int = 1024) -> int:
    """sign(ln x - c) for rationals x > 0 and c: ln x is irrational for x != 1, so refining
    the rational enclosure (range reduction x = 2^m y, 1 <= y < 2, and the atanh series of
    _atanh_ln, pure Fraction arithmetic) separates it from c; past ``max_terms`` terms
    verify.exact's certified enclosures decide."""
    x, c = Fraction(x), Fraction(c)
    if x <= 0:
        raise ValueError("ln of a non-positive number")
    if x == 1:
        return (0 > c) - (0 < c)
    m, y = 0, x
    while y >= 2:
        y /= 2
        m += 1
    while y < 1:
        y *= 2
        m -= 1
    terms = 8
    while terms <= max_terms:
        l2lo, l2hi = _atanh_ln(F(2), terms)
        ylo, yhi = _atanh_ln(y, terms)
        lo, hi = (m * l2lo, m * l2hi) if m >= 0 else (m * l2hi, m * l2lo)
        if lo + ylo > c:
            return 1
        if hi + yhi < c:
            return -1
        terms *= 2
    return exact.sign(sp.log(sp.Rational(x.numerator, x.denominator))
                      - sp.Rational(c.numerator, c.denominator), {})


def cmp_ln(n: int, c: Fraction) -> int:
    """sign(ln n - c), never 0 for n >= 2 and rational c (ln n is irrational): decided
    exactly by :func:`sign_ln_minus` (no python-flint needed, so witnesses resting on it
    replay with it blocked)."""
    return sign_ln_minus(F(n), Fraction(c))


def harmonic(m: int) -> Fraction:
    return sum((F(1, k) for k in range(1, m + 1)), ZERO)


# ----------------------------------------------------------------------------- instances


@lru_cache(maxsize=16)
def graded_laws(height: int) -> list[tuple[int, Law]]:
    """(h, law) for laws with support in {1..h} and masses in (1/h)Z, h <= height, each law
    once (at its smallest h), in size order: smaller h, then fewer points, then lexicographic."""
    seen: set[Law] = set()
    out: list[tuple[int, Law]] = []
    for h in range(1, height + 1):
        for size in range(1, h + 1):
            for supp in itertools.combinations(range(1, h + 1), size):
                for cut in itertools.combinations(range(1, h), size - 1):
                    parts = [b - a for a, b in zip((0, *cut), (*cut, h), strict=True)]
                    d = law({z: F(k, h) for z, k in zip(supp, parts, strict=True)})
                    if d not in seen:
                        seen.add(d)
                        out.append((h, d))
    return out


def instances(n: int, keep: Callable[[tuple[Law, ...]], bool] = lambda p: True,
              height_max: int = 6, iid: bool = False) -> Iterator[tuple[Law, ...]]:
    """Multisets of n laws (buyers in non-decreasing law order), by the largest height used,
    then lexicographically in the law order of :func:`graded_laws` (``iid``: n copies of one
    law, in that order). Lazy: height h is only built when reached."""
    for h in range(1, height_max + 1):
        pool = graded_laws(h)
        if iid:
            for hk, d in pool:
                if hk == h and keep((d,) * n):
                    yield (d,) * n
            continue
        for combo in itertools.combinations_with_replacement(range(len(pool)), n):
            if max(pool[k][0] for k in combo) != h:
                continue
            inst = tuple(pool[k][1] for k in combo)
            if keep(inst):
                yield inst


@lru_cache(maxsize=64)
def instance_list(n: int, kind: str, count: int) -> tuple[tuple[Law, ...], ...]:
    """The first ``count`` instances of a named family (see :data:`FAMILIES`)."""
    return tuple(itertools.islice(instances(n, FAMILIES[kind], iid=kind.startswith(("iid", "two"))), count))


def _regular(p: tuple[Law, ...]) -> bool:
    return all(is_regular_law(d) for d in p)


def _positive_p(p: tuple[Law, ...]) -> bool:
    return big_p(p) > 0


FAMILIES: dict[str, Callable[[tuple[Law, ...]], bool]] = {
    "all": lambda p: True,
    "regular": _regular,
    "regular+P": lambda p: _regular(p) and _positive_p(p),
    "nonregular": lambda p: not _regular(p),
    "nonregular+P": lambda p: not _regular(p) and _positive_p(p),
    "iid-regular": lambda p: _regular(p) and len(set(p)) == 1,
    "iid-regular+P": lambda p: _regular(p) and len(set(p)) == 1 and _positive_p(p),
    "twopoint-iid": lambda p: len(set(p)) == 1 and len(p[0]) == 2,
}


def describe(p: Sequence[Law]) -> str:
    return " x ".join("{" + ", ".join(f"{z}:{m}" for z, m in d.numeric_items()) + "}" for d in p)


_FAMILY_CACHE: dict[tuple[int, str], tuple[Iterator[tuple[Law, ...]], list[tuple[Law, ...]]]] = {}


def inst(n: int, kind: str, k: int) -> tuple[Law, ...]:
    """The k-th instance (from 0) of the family ``kind`` with n buyers (size order)."""
    key = (n, kind)
    if key not in _FAMILY_CACHE:
        it = instances(n, FAMILIES[kind], height_max=12, iid=kind.startswith(("iid", "two")))
        _FAMILY_CACHE[key] = (it, [])
    it, lst = _FAMILY_CACHE[key]
    while len(lst) <= k:
        lst.append(next(it))
    return lst[k]


# ----------------------------------------------------------------------------- optimal face


def face_extreme(post: Distribution, weights: dict[tuple[int, Profile], Fraction],
                 sense: str) -> Fraction:
    """min / max of sum w(i, v) x_i(v) over the revenue-optimal face of the seller LP on
    ``post`` (BIC/IR constraints plus revenue == R*), certified (exact dual re-checked)."""
    from verify.mech.lp import Constraint, LinearProgram, solve
    from verify.mech.revenue import _qa

    so = seller(post)
    idx = [{x: k for k, x in enumerate(vs)} for vs in so.values]
    base = so.revenue_lp.lp
    obj: dict[str, Fraction] = {}
    for (i, v), c in weights.items():
        name = _qa(i, tuple(idx[a][x] for a, x in enumerate(v)))
        obj[name] = obj.get(name, ZERO) + c
    fixed = base.with_constraints([Constraint("REVENUE=R*", dict(base.objective), "==",
                                              so.revenue)])
    res = solve(LinearProgram(fixed.variables, obj, fixed.constraints, sense))
    if res.status != "optimal" or res.value is None:
        raise RuntimeError(f"face LP is {res.status}")
    res.verify()
    return res.value


# ----------------------------------------------------------------------------- Bernoulli sums


def poisson_binomial(ps: Sequence[Fraction]) -> list[Fraction]:
    """alpha_q = Pr[N = q], N = sum of independent Bernoulli(p_i)."""
    alpha = [ONE]
    for p in ps:
        nxt = [ZERO] * (len(alpha) + 1)
        for q, a in enumerate(alpha):
            nxt[q] += a * (1 - p)
            nxt[q + 1] += a * p
        alpha = nxt
    return alpha


def tail(alpha: Sequence[Fraction], j: int) -> Fraction:
    """Pr[N >= j]."""
    return sum(alpha[j:], ZERO) if j < len(alpha) else ZERO


def lemma6_lhs(alpha: Sequence[Fraction], j: int) -> Fraction:
    """min(1, E[N]/j) - Pr[N >= j+1]."""
    e = sum((q * a for q, a in enumerate(alpha)), ZERO)
    return min(ONE, e / j) - tail(alpha, j + 1)


def exp_bounds(x: Fraction, terms: int = 40) -> tuple[Fraction, Fraction]:
    """Rational lo <= e^x <= hi for rational x (series of e^|x| with a geometric tail bound)."""
    ax = abs(x)
    s, term = ZERO, ONE
    for k in range(terms):
        s += term
        term = term * ax / (k + 1)
    # remaining sum <= term * 1/(1 - ax/(terms+1)) when ax < terms + 1
    rest = term / (1 - ax / (terms + 1))
    lo, hi = s, s + rest
    return (lo, hi) if x >= 0 else (1 / hi, 1 / lo)


# ----------------------------------------------------------------------------- weak orders


def weak_orders(n: int) -> Iterator[tuple[int, ...]]:
    """Every weak order of n items as a rank vector (0 = largest block), each once."""
    seen: set[tuple[int, ...]] = set()
    for ranks in itertools.product(range(n), repeat=n):
        used = sorted(set(ranks))
        if used != list(range(len(used))):
            continue
        if ranks not in seen:
            seen.add(ranks)
            yield ranks


def inst_mixed(kind: str, k: int, nmax: int = 3) -> tuple[Law, ...]:
    """The k-th instance of the family ``kind`` over n = 2..nmax buyers: by height, and within
    a height n = 2 first (used by claims that solve no LP per instance)."""
    key = (0, f"{kind}/{nmax}")
    if key not in _FAMILY_CACHE:
        def gen() -> Iterator[tuple[Law, ...]]:
            for h in range(1, 13):
                pool = graded_laws(h)
                for n in range(2, nmax + 1):
                    for combo in itertools.combinations_with_replacement(range(len(pool)), n):
                        if max(pool[k][0] for k in combo) != h:
                            continue
                        p = tuple(pool[k][1] for k in combo)
                        if FAMILIES[kind](p):
                            yield p
        _FAMILY_CACHE[key] = (gen(), [])
    it, lst = _FAMILY_CACHE[key]
    while len(lst) <= k:
        lst.append(next(it))
    return lst[k]
