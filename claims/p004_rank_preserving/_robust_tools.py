"""Helpers for sec4_robust.py (rank-preserving spec entries MC1 .. P7, §5.1 end to Appendix B).

Finite analogue (spec §1.11): integer value sets V, n items, closed grids T^H = V^n and
T^I = {v_1 >= ... >= v_n}, strict grids (distinct coordinates). Coordinates are 0-based here,
permutations act as in :mod:`verify.mech.types` (``(v^σ)_j = v_{σ(j)}``).

What is exact, and how:

* certified revenue optima (:func:`lp_opt`) use :func:`verify.mech.revenue.menu_lp` plus the
  rows a reading needs, solved by :func:`verify.mech.lp.solve` (exact optimum, dual certificate
  re-checked in Fractions, ``LPResult.verify()`` run again here);
* optimal *deterministic* revenue (:func:`det_opt`) is an exhaustive enumeration of menus with
  integer prices 0..cap (cap + 1 = "not offered"). Why that is exhaustive: a deterministic IC
  table uses a menu of (bundle, price) options, each type taking a utility-maximising option
  (seller-favourable among the maximisers allowed by the class); for a fixed 0/1 allocation the
  payment LP (IC, IR, t >= 0, symmetry equalities t(v) = t(v^σ)) has only difference rows with
  integer data when V is integral, so it is totally unimodular and its optimum is attained at
  integer payments. The enumeration runs in numpy int64 (exact integer arithmetic, an overflow
  bound is asserted); the best menu's table is rebuilt in Fractions and its IC, IR, class
  property and revenue are re-checked exactly.
* difference-constraint systems (implementability of a 0/1 allocation, the largest payment
  difference allowed) by an exact Floyd-Warshall closure (:func:`closure`).
* uniform prices: the exact supremum of p(1 - G(p)) over an interval, with attainment, for
  both CDF readings (:func:`uniform_sup`).
* the average-robust LP (spec P6) and the unit-marginal robust LP (UP5) (:func:`robust_lp`).
* subdifferentials on a finite type set, lexicographic maxima (Prop 7): :func:`lexmax`,
  :func:`lexmax_ad` (certified LPs, exact 1-D bounds).
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

import numpy as np

from verify.mech.lp import Constraint, LinearProgram, LPResult, Variable, solve
from verify.mech.revenue import menu_lp
from verify.mech.types import all_perms, is_sorted, is_strict, permute

F = Fraction
Vec = tuple[Fraction, ...]
Alloc = tuple[int, ...]
ZERO = F(0)
ONE = F(1)


# ------------------------------------------------------------------------------------ grids

def grid(n: int, vals: Iterable[object], *, strict: bool, sorted_: bool = False) -> list[Vec]:
    """V^n (closed) or its strict types; ``sorted_`` keeps v_1 >= ... >= v_n (T^I)."""
    vs = sorted({F(x) for x in vals})  # type: ignore[arg-type]
    out = [tuple(v) for v in itertools.product(vs, repeat=n)]
    if strict:
        out = [v for v in out if is_strict(v)]
    if sorted_:
        out = [v for v in out if is_sorted(v)]
    return out


def rep(v: Vec) -> Vec:
    """The decreasing rearrangement (sorted representative of the orbit)."""
    return tuple(sorted(v, reverse=True))


def show(v: Iterable[object]) -> str:
    return "(" + ",".join(str(x) for x in v) + ")"


def iid_pmf(types: Sequence[Vec], marginal: Mapping[Fraction, int]) -> dict[Vec, Fraction]:
    """The product pmf restricted to ``types`` (renormalised): i.i.d. given the type set."""
    raw = {v: math.prod(marginal[x] for x in v) for v in types}
    total = sum(raw.values())
    return {v: F(x, total) for v, x in raw.items()}


# ------------------------------------------------------------------------------ LP optima

@dataclass(frozen=True)
class LPOpt:
    value: Fraction
    q: dict[Vec, Vec]
    t: dict[Vec, Fraction]
    result: LPResult


def _finish(lp: LinearProgram, types: Sequence[Vec], scale: Fraction) -> LPOpt:
    res = solve(lp)
    if res.status != "optimal" or res.value is None:
        raise ValueError(f"LP is {res.status}")
    res.verify()
    n = len(types[0])
    q = {v: tuple(res.x.get(f"q[{k}][{i}]", ZERO) for i in range(n)) for k, v in enumerate(types)}
    t = {v: res.x.get(f"p[{k}]", ZERO) for k, v in enumerate(types)}
    return LPOpt(scale * res.value, q, t, res)


def structural_rows(types: Sequence[Vec], *, decreasing: bool = False,
                    pay_lower: Fraction | None = ZERO) -> list[Constraint]:
    """(1) q_1 >= ... >= q_n (model I) and the payment bound t >= pay_lower (reading PAY)."""
    n = len(types[0])
    rows: list[Constraint] = []
    for k in range(len(types)):
        if decreasing:
            rows.extend(Constraint(f"FEAS[{k}][{i}]", {f"q[{k}][{i}]": 1, f"q[{k}][{i + 1}]": -1},
                                   ">=", 0) for i in range(n - 1))
        if pay_lower is not None:
            rows.append(Constraint(f"PAY[{k}]", {f"p[{k}]": 1}, ">=", pay_lower))
    return rows


def lp_opt(types: Sequence[Vec], weights: Mapping[Vec, Fraction], *, decreasing: bool = False,
           symmetric: bool = False, pay_lower: Fraction | None = ZERO) -> LPOpt:
    """max Σ w(v) t(v) over IC + IR tables on ``types`` (all ordered pairs), certified.

    ``symmetric`` is Def 1 at every type (TIE-SYM R2, via menu_lp); ``decreasing`` adds (1);
    ``pay_lower`` is the PAY bound (None: IR only). Weights are normalised for the LP and the
    value scaled back exactly (WEIGHT R1 weights need not sum to 1).
    """
    ts = list(types)
    total = sum((weights[v] for v in ts), ZERO)
    lp = menu_lp(ts, [weights[v] / total for v in ts], symmetric=symmetric)
    lp = lp.with_constraints(structural_rows(ts, decreasing=decreasing, pay_lower=pay_lower))
    return _finish(lp, ts, total)


# ------------------------------------------------------------------- deterministic optima

def bundles(n: int) -> list[Alloc]:
    """Non-empty 0/1 bundles of model H."""
    return [x for x in itertools.product((0, 1), repeat=n) if any(x)]


def units(n: int) -> list[Alloc]:
    """Model I options: k units, q = (1,..,1,0,..,0), k = 1..n."""
    return [tuple(1 if i < k else 0 for i in range(n)) for k in range(1, n + 1)]


DetClass = Literal["all", "sym", "rp"]


def rp_allows(v: Vec, x: Sequence[object], weak: bool) -> bool:
    """Def 2 at v: v_i > v_j ⇒ x_i >= x_j (TIE-RP R1); ``weak``: also v_i = v_j (R2)."""
    n = len(v)
    return all(x[i] >= x[j] for i in range(n) for j in range(n)  # type: ignore[operator]
               if i != j and (v[i] > v[j] or (weak and v[i] == v[j])))


def _val(v: Vec, x: Sequence[int]) -> Fraction:
    return sum((a * b for a, b in zip(v, x, strict=True)), ZERO)


@dataclass(frozen=True)
class DetOpt:
    value: Fraction
    prices: tuple[int | None, ...]
    q: dict[Vec, Vec]
    t: dict[Vec, Fraction]
    menus: int


def _units_of(seq: Iterable[Fraction]) -> int:
    den = 1
    for x in seq:
        den = math.lcm(den, F(x).denominator)
    return den


def det_table(types: Sequence[Vec], options: Sequence[Alloc], prices: Sequence[int | None],
              cls: DetClass = "all", tie: str = "R1"
              ) -> tuple[dict[Vec, Vec], dict[Vec, Fraction]] | None:
    """The table a menu induces, exactly: every type takes a utility-maximising option (null
    (0, 0) included) allowed by the class, highest price first; None if some type (orbit) has
    no allowed maximiser. ``cls`` "sym": Def 1 on strict orbits (``tie`` R1) or on every orbit
    (R2); "rp": Def 2 (``tie`` R1 strict pairs, R2 weak pairs)."""
    n = len(types[0])
    zero = tuple(0 for _ in range(n))
    menu = [(x, F(p)) for x, p in zip(options, prices, strict=True) if p is not None]
    priced = {x: F(p) for x, p in zip(options, prices, strict=True) if p is not None}
    priced[zero] = ZERO
    tset = set(types)

    def umax(v: Vec) -> Fraction:
        return max([ZERO, *(_val(v, x) - p for x, p in menu)])

    def maximisers(v: Vec) -> list[tuple[Alloc, Fraction]]:
        top = umax(v)
        out = [(x, p) for x, p in menu if _val(v, x) - p == top]
        if top == 0:
            out.append((zero, ZERO))
        return out

    q: dict[Vec, Vec] = {}
    t: dict[Vec, Fraction] = {}
    for v in types:
        if v in q:
            continue
        if cls == "sym" and (is_strict(v) or tie == "R2"):
            best: tuple[Fraction, dict[Vec, Alloc]] | None = None
            for x, p in maximisers(v):
                img: dict[Vec, Alloc] = {}
                good = True
                for s in all_perms(n):
                    w, xs = permute(v, s), permute(x, s)
                    if w not in tset:
                        continue
                    if (w in img and img[w] != xs) or priced.get(xs) != p:
                        good = False
                        break
                    if _val(w, xs) - p != umax(w):
                        good = False
                        break
                    img[w] = xs
                if good and (best is None or p > best[0]):
                    best = (p, img)
            if best is None:
                return None
            for w, xs in best[1].items():
                q[w], t[w] = tuple(F(a) for a in xs), best[0]
            continue
        cands = [(x, p) for x, p in maximisers(v)
                 if cls != "rp" or rp_allows(v, x, tie == "R2")]
        if not cands:
            return None
        x, p = max(cands, key=lambda e: e[1])
        q[v], t[v] = tuple(F(a) for a in x), p
    return q, t


def det_opt(types: Sequence[Vec], weights: Mapping[Vec, Fraction], options: Sequence[Alloc],
            cls: DetClass = "all", tie: str = "R1") -> DetOpt:
    """Optimal revenue over deterministic IC + IR tables (t >= 0) of the class, exactly.

    Exhaustive over integer-price menus (see the module docstring for why integer prices
    suffice). Values must be integers. The best menu's table is rebuilt with
    :func:`det_table` and re-checked exactly (IC all pairs, IR, t >= 0, 0/1, class, revenue).
    """
    ts = list(types)
    n = len(ts[0])
    if any(x.denominator != 1 for v in ts for x in v):
        raise ValueError("det_opt needs integer values (integrality of optimal payments)")
    idx = {v: k for k, v in enumerate(ts)}
    J = len(options)
    val = np.array([[int(_val(v, x)) for x in options] for v in ts], dtype=np.int64)
    cap = int(max(0, val.max()))
    grid_ = np.array(list(itertools.product(range(cap + 2), repeat=J)), dtype=np.int64)
    K = len(grid_)
    den = _units_of(weights[v] for v in ts)
    W = {v: int(weights[v] * den) for v in ts}
    assert (cap + 1) * sum(W.values()) < 2**60, "int64 overflow guard"
    U = val[None, :, :] - grid_[:, None, :]
    umax = np.maximum(U.max(axis=2), 0)
    NEG = np.int64(-(2**62))
    rev = np.zeros(K, dtype=np.int64)
    ok = np.ones(K, dtype=bool)
    zero = tuple(0 for _ in range(n))
    done: set[Vec] = set()
    for v in ts:
        if v in done:
            continue
        if cls == "sym" and (is_strict(v) or tie == "R2"):
            group = [w for w in dict.fromkeys(permute(v, s) for s in all_perms(n)) if w in idx]
            done.update(group)
            best = np.full(K, NEG, dtype=np.int64)
            for j in [None, *range(J)]:
                x = zero if j is None else options[j]
                img: dict[Vec, Alloc] = {}
                good = True
                for s in all_perms(n):
                    w, xs = permute(v, s), permute(x, s)
                    if w in idx:
                        good = good and img.setdefault(w, xs) == xs
                if not good or any(xs != zero and xs not in options for xs in img.values()):
                    continue
                mask = np.ones(K, dtype=bool)
                for w, xs in img.items():
                    kw = idx[w]
                    if j is None:
                        mask &= umax[:, kw] == 0
                    else:
                        jj = options.index(xs)
                        mask &= (grid_[:, jj] == grid_[:, j]) & (U[:, kw, jj] == umax[:, kw])
                price = np.zeros(K, dtype=np.int64) if j is None else grid_[:, j]
                best = np.where(mask, np.maximum(best, price), best)
            ok &= best > NEG
            rev += np.where(best > NEG, best, 0) * sum(W[w] for w in group)
            continue
        done.add(v)
        k = idx[v]
        allowed = np.array([cls != "rp" or rp_allows(v, x, tie == "R2") for x in options])
        ismax = (U[:, k, :] == umax[:, k][:, None]) & allowed[None, :]
        price = np.where(ismax, grid_, NEG).max(axis=1)
        price = np.where(umax[:, k] == 0, np.maximum(price, 0), price)
        ok &= price > NEG
        rev += np.where(price > NEG, price, 0) * W[v]
    rev = np.where(ok, rev, -1)
    kbest = int(rev.argmax())
    if rev[kbest] < 0:
        raise ValueError("no menu admits a table of this class")
    prices = tuple(int(p) if p <= cap else None for p in grid_[kbest])
    table = det_table(ts, options, prices, cls, tie)
    if table is None:
        raise AssertionError("enumeration and exact table disagree")
    q, t = table
    value = sum((weights[v] * t[v] for v in ts), ZERO)
    check_det_table(q, t, cls, tie)
    if value != F(int(rev[kbest]), den):
        raise AssertionError("enumerated revenue differs from the exact revenue")
    return DetOpt(value, prices, q, t, K)


def check_det_table(q: Mapping[Vec, Vec], t: Mapping[Vec, Fraction], cls: DetClass,
                    tie: str) -> None:
    """Exact re-check of a deterministic table: IC (all pairs), IR, t >= 0, 0/1, class."""
    for v in q:
        if any(a not in (0, 1) for a in q[v]) or t[v] < 0:
            raise AssertionError(f"not a deterministic table with t >= 0 at {v}")
        own = _val(v, q[v]) - t[v]  # type: ignore[arg-type]
        if own < 0:
            raise AssertionError(f"IR fails at {v}")
        for w in q:
            if _val(v, q[w]) - t[w] > own:  # type: ignore[arg-type]
                raise AssertionError(f"IC fails at {v} -> {w}")
        if cls == "rp" and not rp_allows(v, q[v], tie == "R2"):
            raise AssertionError(f"not rank preserving at {v}")
        if cls == "sym" and (is_strict(v) or tie == "R2"):
            for s in all_perms(len(v)):
                w = permute(v, s)
                if w in q and (q[w] != permute(q[v], s) or t[w] != t[v]):
                    raise AssertionError(f"not symmetric at {v}, {s}")


# ------------------------------------------------------------- difference constraints

Arc = tuple[object, object, Fraction]  # (a, b, w): t(a) - t(b) <= w


def closure(nodes: Sequence[object], arcs: Sequence[Arc]
            ) -> dict[tuple[object, object], Fraction] | None:
    """All-pairs closure of the difference system {t(a) - t(b) <= w} (Floyd-Warshall, exact):
    ``D[(b, a)]`` = max of t(a) - t(b) over feasible t (the shortest b -> a path, arc b -> a of
    length w per row), missing when unbounded; None when the system is infeasible (a negative
    cycle). Works with ints or Fractions."""
    inf = None
    idx = {x: k for k, x in enumerate(nodes)}
    size = len(nodes)
    d: list[list[object]] = [[inf] * size for _ in range(size)]
    for k in range(size):
        d[k][k] = 0
    for a, b, w in arcs:
        i, j = idx[b], idx[a]
        if d[i][j] is None or w < d[i][j]:  # type: ignore[operator]
            d[i][j] = w
    for k in range(size):
        dk = d[k]
        for i in range(size):
            dik = d[i][k]
            if dik is None:
                continue
            di = d[i]
            for j in range(size):
                dkj = dk[j]
                if dkj is not None and (di[j] is None or dik + dkj < di[j]):  # type: ignore[operator]
                    di[j] = dik + dkj  # type: ignore[operator]
    if any(d[k][k] < 0 for k in range(size)):  # type: ignore[operator]
        return None
    return {(nodes[i], nodes[j]): F(d[i][j]) for i in range(size) for j in range(size)  # type: ignore[arg-type]
            if d[i][j] is not None}


def potentials_from(nodes: Sequence[object], cl: Mapping[tuple[object, object], Fraction]
                    ) -> dict[object, Fraction]:
    """A feasible t of the system with closure ``cl``: t(x) = min(0, min_y D[(y, x)])
    (shortest distances from a virtual source joined to every node by a 0 arc)."""
    return {x: min([ZERO, *(cl[(y, x)] for y in nodes if (y, x) in cl)]) for x in nodes}


def ic_arcs(q: Mapping[Vec, Sequence[Fraction]], key: Mapping[Vec, object] | None = None
            ) -> list[Arc]:
    """IC of a fixed allocation as difference rows: t(v) - t(w) <= v·(q(v) - q(w)); ``key``
    maps a type to its payment variable (symmetric tables share one per orbit). Integral data
    give int weights (exact, faster)."""
    k = key or {v: v for v in q}
    integral = all(F(a).denominator == 1 for v in q for a in (*v, *q[v]))
    arcs: list[Arc] = []
    for v in q:
        for w in q:
            if v != w:
                diff = _val(v, q[v]) - _val(v, q[w])  # type: ignore[arg-type]
                arcs.append((k[v], k[w], int(diff) if integral else diff))  # type: ignore[arg-type]
    return arcs


# ------------------------------------------------------------------------- uniform price

Cdf = Literal["R1", "R2"]


def tail(g: Mapping[Fraction, Fraction], p: Fraction, cdf: Cdf) -> Fraction:
    """1 - G(p): P(X > p) under CDF R1 (G(x) = P(X <= x)), P(X >= p) under R2 (P(X < x))."""
    return sum((m for x, m in g.items() if (x > p if cdf == "R1" else x >= p)), ZERO)


def cdf_value(g: Mapping[Fraction, Fraction], x: Fraction, cdf: Cdf) -> Fraction:
    return 1 - tail(g, x, cdf)


@dataclass(frozen=True)
class UniformSup:
    sup: Fraction
    attained: bool
    argmax: Fraction | None  # smallest maximiser when attained


def uniform_sup(g: Mapping[Fraction, Fraction], lo: Fraction, hi: Fraction, cdf: Cdf
                ) -> UniformSup:
    """sup of R(p) = p(1 - G(p)) over p in [lo, hi], exactly, with attainment.

    G is a step function: between consecutive breakpoints a < b (support points inside the
    interval, and its ends) 1 - G is a constant c = P(X > a) = P(X >= b^-), so R is increasing
    there with supremum b·c, approached but not attained inside (a, b); at a breakpoint p the
    value p(1 - G(p)) is attained.
    """
    pts = sorted({lo, hi, *(x for x in g if lo < x < hi)})
    at = {p: p * tail(g, p, cdf) for p in pts}
    limits = [b * tail(g, a, "R1") for a, b in itertools.pairwise(pts)]
    sup = max([*at.values(), *limits])
    best = max(at.values())
    arg = min(p for p in pts if at[p] == best) if best == sup else None
    return UniformSup(sup, best == sup, arg)


def avg_marginal(pi: Mapping[Vec, Fraction]) -> dict[Fraction, Fraction]:
    """(1/n) Σ_i P_π(v_i = x), for every value x."""
    out: dict[Fraction, Fraction] = {}
    for v, m in pi.items():
        for x in v:
            out[x] = out.get(x, ZERO) + m / len(v)
    return out


def unit_marginals(pi: Mapping[Vec, Fraction], n: int) -> list[dict[Fraction, Fraction]]:
    out: list[dict[Fraction, Fraction]] = [{} for _ in range(n)]
    for v, m in pi.items():
        for i, x in enumerate(v):
            out[i][x] = out[i].get(x, ZERO) + m
    return out


def pmf_family(m: int, k: int, top: int = 2) -> dict[Fraction, Fraction] | None:
    """The k-th pmf on {0..m} with integer weights 0..top (not all 0), in increasing total
    weight then lexicographic order; None when k is past the end."""
    combos = [w for w in itertools.product(range(top + 1), repeat=m + 1) if any(w)]
    combos.sort(key=lambda w: (sum(w), w))
    if k >= len(combos):
        return None
    w = combos[k]
    total = sum(w)
    return {F(x): F(c, total) for x, c in enumerate(w) if c}


# --------------------------------------------------------------------------- robust LPs

def robust_lp(n: int, vals: Sequence[Fraction], g: Mapping[Fraction, Fraction] | None = None,
              *, unit_gs: Sequence[Mapping[Fraction, Fraction]] | None = None,
              objective_at: Mapping[Vec, Fraction] | None = None,
              symmetric_h: bool = False) -> LPOpt:
    """Certified robust revenue LPs over IC + IR tables with t >= 0.

    * ``g`` (uncertainty II, Def 9): tables on closed T^I with (1); the inner
      ``min_π Σ π t`` over π >= 0 on T^I with average marginal g is replaced by its LP dual
      ``max Σ_x g(x) y_x`` s.t. ``(1/n) Σ_i y_{v_i} <= t(v)`` for v in T^I (strong duality: the
      inner LP is feasible, the diagonal law having average marginal g);
    * ``unit_gs`` (uncertainty I): inner constraints P_π(v_i = x) = g_i(x) for every i, dual
      ``max Σ_i Σ_x g_i(x) y_{i,x}`` s.t. ``Σ_i y_{i,v_i} <= t(v)``;
    * ``objective_at``: no inner problem, maximise Σ_v w(v) t(v) for the given weights (spec
      P6e with the diagonal weights of F^min); with ``symmetric_h`` the tables live on the
      closed T^H = V^n and are symmetric (TIE-SYM R2) instead of on T^I with (1).
    """
    vs = sorted(F(x) for x in vals)
    ts = grid(n, vs, strict=False, sorted_=not symmetric_h)
    base = menu_lp(ts, [F(1, len(ts))] * len(ts), symmetric=symmetric_h)
    rows = structural_rows(ts, decreasing=not symmetric_h, pay_lower=ZERO)
    variables = list(base.variables)
    objective: dict[str, Fraction] = {}
    idx = {v: k for k, v in enumerate(ts)}
    if objective_at is not None:
        objective = {f"p[{idx[v]}]": w for v, w in objective_at.items() if w}
    elif g is not None:
        variables += [Variable.free(f"y[{x}]") for x in vs]
        objective = {f"y[{x}]": g.get(x, ZERO) for x in vs}
        for k, v in enumerate(ts):
            coeffs: dict[str, Fraction] = {f"p[{k}]": F(-1)}
            for x in v:
                coeffs[f"y[{x}]"] = coeffs.get(f"y[{x}]", ZERO) + F(1, n)
            rows.append(Constraint(f"DUAL[{k}]", coeffs, "<=", 0))
    elif unit_gs is not None:
        variables += [Variable.free(f"y[{i}][{x}]") for i in range(n) for x in vs]
        objective = {f"y[{i}][{x}]": unit_gs[i].get(x, ZERO) for i in range(n) for x in vs}
        for k, v in enumerate(ts):
            coeffs = {f"p[{k}]": F(-1)}
            coeffs.update({f"y[{i}][{x}]": ONE for i, x in enumerate(v)})
            rows.append(Constraint(f"DUAL[{k}]", coeffs, "<=", 0))
    else:
        raise ValueError("robust_lp needs g, unit_gs or objective_at")
    lp = LinearProgram(tuple(variables), objective, base.constraints + tuple(rows), "max")
    return _finish(lp, ts, ONE)


def inner_extremes(n: int, vals: Sequence[Fraction], g: Mapping[Fraction, Fraction],
                   t: Mapping[Vec, Fraction]) -> tuple[Fraction, Fraction]:
    """(min, max) of Σ_v π(v) t(v) over π >= 0 on closed T^I with average marginal g,
    certified (the worst and best joint laws in F^avg for a fixed table)."""
    vs = sorted(F(x) for x in vals)
    ts = grid(n, vs, strict=False, sorted_=True)
    names = [f"pi[{k}]" for k in range(len(ts))]
    rows = []
    for x in vs:
        coeffs = {names[k]: F(sum(1 for a in v if a == x), n) for k, v in enumerate(ts)}
        rows.append(Constraint(f"AVG[{x}]", coeffs, "==", g.get(x, ZERO)))
    out = []
    for sense in ("min", "max"):
        lp = LinearProgram(tuple(names), {names[k]: t[v] for k, v in enumerate(ts)},
                           tuple(rows), sense)  # type: ignore[arg-type]
        res = solve(lp)
        if res.status != "optimal" or res.value is None:
            raise ValueError(f"inner LP is {res.status}")
        res.verify()
        out.append(res.value)
    return out[0], out[1]


def uniform_price_table(types: Iterable[Vec], p: Fraction) -> tuple[dict[Vec, Vec],
                                                                   dict[Vec, Fraction]]:
    """Def 10: q_i(v) = 1 iff v_i >= p, t(v) = p·Σ_i q_i(v)."""
    q: dict[Vec, Vec] = {}
    t: dict[Vec, Fraction] = {}
    for v in types:
        q[v] = tuple(ONE if x >= p else ZERO for x in v)
        t[v] = p * sum(q[v], ZERO)
    return q, t


# ------------------------------------------------------------------------ extension

def extend(q: Mapping[Vec, Vec], t: Mapping[Vec, Fraction], v: Vec, tie: str
           ) -> tuple[Vec, Fraction]:
    """Def 3 / reading EXT at v (table given on sorted types): q^s(v) = q(w)^{σ^{-1}} with
    w = v^σ sorted; tied v: average over every sorting σ (R1) or the stable sort (R2)."""
    from verify.mech.types import inverse, sorting_perm, sorting_perms

    sigmas = sorting_perms(v) if tie == "R1" else (sorting_perm(v),)
    w = permute(v, sigmas[0])
    parts = [permute(q[w], inverse(s)) for s in sigmas]
    alloc = tuple(sum(col, ZERO) / len(parts) for col in zip(*parts, strict=True))
    return alloc, t[w]


def utility(v: Vec, x: Sequence[Fraction], p: Fraction) -> Fraction:
    return sum((a * b for a, b in zip(v, x, strict=True)), ZERO) - p


def ic_ir_failure(q: Mapping[Vec, Vec], t: Mapping[Vec, Fraction]) -> tuple | None:
    """First IR failure (v,) or IC failure (v, w, gain), exactly; None if IC and IR."""
    for v in q:
        own = utility(v, q[v], t[v])
        if own < 0:
            return (v,)
        for w in q:
            gain = utility(v, q[w], t[w]) - own
            if gain > 0:
                return (v, w, gain)
    return None


# ----------------------------------------------------------------- menus for Prop 7 inputs

def menu_choice(types: Sequence[Vec], menu: Sequence[tuple[Vec, Fraction]], rule: str
                ) -> tuple[dict[Vec, Vec], dict[Vec, Fraction]]:
    """Each type takes a utility-maximising entry (null entry included). Tie rules (TB):
    "seller" (R2: highest price), "buyer" (R3: fewest units, then lexicographically smallest)."""
    n = len(types[0])
    entries = [(tuple(ZERO for _ in range(n)), ZERO), *menu]
    q: dict[Vec, Vec] = {}
    t: dict[Vec, Fraction] = {}
    for v in types:
        best = max(utility(v, x, p) for x, p in entries)
        top = [(x, p) for x, p in entries if utility(v, x, p) == best]
        if rule == "seller":
            x, p = max(top, key=lambda e: (e[1], e[0]))
        else:
            x, p = min(top, key=lambda e: (sum(e[0]), e[0], e[1]))
        q[v], t[v] = x, p
    return q, t


def p7_table(n: int, vals: Sequence[Fraction], strict: bool, seed: int
             ) -> tuple[list[Vec], dict[Vec, Vec], dict[Vec, Fraction], str]:
    """An IC + IR table on T^I (strict or closed) from a random menu: seed % 3 == 0
    deterministic units menu, seller ties (TB R2); 1: the same, fewest units (TB R3); 2: AD
    lotteries (one fractional coordinate, decreasing), seller ties. Exactly re-checked."""
    ts = grid(n, vals, strict=strict, sorted_=True)
    rng = random.Random(f"p7-{n}-{show(vals)}-{strict}-{seed}")
    top = int(max(vals))
    menu: list[tuple[Vec, Fraction]] = []
    kind = seed % 3
    for _ in range(rng.randint(1, n + 1)):
        k = rng.randint(1, n)
        x = [ONE if i < k else ZERO for i in range(n)]
        if kind == 2:
            x[k - 1] = rng.choice([F(1, 2), F(1, 3), F(2, 3), ONE])
        price = F(rng.randint(0, 2 * n * top), 2)
        menu.append((tuple(x), price))
    q, t = menu_choice(ts, menu, "buyer" if kind == 1 else "seller")
    if ic_ir_failure(q, t) is not None:
        raise AssertionError("menu table is not IC + IR")
    how = ("deterministic menu, seller ties", "deterministic menu, fewest-units ties",
           "AD lottery menu, seller ties")[kind]
    return ts, q, t, f"{how}: " + "; ".join(f"{show(x)} at {p}" for x, p in menu)


# ------------------------------------------------------------------- subdifferentials

Subd = Literal["R1", "R2"]


def subdiff_rows(types: Sequence[Vec], u: Mapping[Vec, Fraction], v: Vec, names: Sequence[str],
                 subd: Subd) -> list[Constraint]:
    """x in ∂u(v): u(v') - u(v) >= x·(v' - v) for v' in the type set (SUBD R1); R2 adds
    x_1 >= ... >= x_n (bounds 0 <= x <= 1 are set on the variables)."""
    rows = []
    for k, w in enumerate(types):
        if w == v:
            continue
        coeffs = {nm: a - b for nm, a, b in zip(names, w, v, strict=True)}
        rows.append(Constraint(f"SG[{k}]", coeffs, "<=", u[w] - u[v]))
    if subd == "R2":
        rows.extend(Constraint(f"DEC[{i}]", {names[i]: 1, names[i + 1]: -1}, ">=", 0)
                    for i in range(len(names) - 1))
    return rows


def _xvars(n: int, subd: Subd) -> tuple[list[str], tuple[Variable, ...]]:
    names = [f"x[{i}]" for i in range(n)]
    if subd == "R2":
        return names, tuple(Variable(nm, ZERO, ONE) for nm in names)
    return names, tuple(Variable.free(nm) for nm in names)


def coordinate_range(types: Sequence[Vec], u: Mapping[Vec, Fraction], v: Vec, i: int,
                     subd: Subd, sense: str) -> LPResult:
    """max (or min) of x_i over ∂u(v), certified (status may be infeasible / unbounded)."""
    names, variables = _xvars(len(v), subd)
    lp = LinearProgram(variables, {names[i]: 1}, tuple(subdiff_rows(types, u, v, names, subd)),
                       sense)  # type: ignore[arg-type]
    res = solve(lp)
    res.verify()
    return res


def lexmax(types: Sequence[Vec], u: Mapping[Vec, Fraction], v: Vec, subd: Subd
           ) -> Vec | None:
    """The lexicographic maximum of ∂u(v) (SUBD reading) by n certified LPs (maximise x_1,
    fix it, maximise x_2, ...); None when a stage is unbounded (no lexmax exists)."""
    names, variables = _xvars(len(v), subd)
    rows = subdiff_rows(types, u, v, names, subd)
    fixed: list[Fraction] = []
    for i in range(len(v)):
        lp = LinearProgram(variables, {names[i]: 1}, tuple(rows), "max")
        res = solve(lp)
        if res.status == "unbounded":
            return None
        if res.status != "optimal" or res.value is None:
            raise ValueError(f"∂u{show(v)} is {res.status}")
        res.verify()
        fixed.append(res.value)
        rows.append(Constraint(f"FIX[{i}]", {names[i]: 1}, "==", res.value))
    return tuple(fixed)


def in_subdiff(types: Sequence[Vec], u: Mapping[Vec, Fraction], v: Vec, x: Sequence[Fraction],
               subd: Subd) -> bool:
    """Exact membership x in ∂u(v) (SUBD R2 adds x in [0,1]^n decreasing)."""
    if subd == "R2" and (any(not 0 <= a <= 1 for a in x)
                         or any(a < b for a, b in itertools.pairwise(x))):
        return False
    return all(u[w] - u[v] >= sum((a * (c - d) for a, c, d in zip(x, w, v, strict=True)), ZERO)
               for w in types)


def is_ad(x: Sequence[Fraction], k: int | None = None) -> bool:
    """Almost deterministic: x_j in {0,1} for every j != k (some k when k is None)."""
    ks = range(len(x)) if k is None else [k]
    return any(all(a in (0, 1) for j, a in enumerate(x) if j != kk) for kk in ks)


def lexmax_ad(types: Sequence[Vec], u: Mapping[Vec, Fraction], v: Vec, k: int | None
              ) -> Vec | None:
    """The lexicographic maximum of ∂̃u(v) = {x in ∂u(v) ∩ [0,1]^n decreasing, x_j in {0,1}
    for j != k} (k None: some k per vector, AD-K R1). For each k and each 0/1 pattern of the
    other coordinates the set is an interval in x_k, computed exactly from the rows; the
    lexicographic maximum over the finitely many candidates is returned (None if empty)."""
    n = len(v)
    best: Vec | None = None
    for kk in (range(n) if k is None else [k]):
        for bits in itertools.product((ZERO, ONE), repeat=n - 1):
            lo, hi = ZERO, ONE
            x = list(bits[:kk]) + [ZERO] + list(bits[kk:])
            feasible = True
            for i in range(n - 1):  # the decreasing chain x_1 >= ... >= x_n
                if i == kk:
                    lo = max(lo, x[i + 1])
                elif i + 1 == kk:
                    hi = min(hi, x[i])
                elif x[i] < x[i + 1]:
                    feasible = False
            for w in types:
                if w == v:
                    continue
                rest = sum((x[j] * (w[j] - v[j]) for j in range(n) if j != kk), ZERO)
                c, r = w[kk] - v[kk], u[w] - u[v] - rest
                if c > 0:
                    hi = min(hi, r / c)
                elif c < 0:
                    lo = max(lo, r / c)
                elif r < 0:
                    feasible = False
            if not feasible or lo > hi:
                continue
            x[kk] = hi
            cand = tuple(x)
            if best is None or cand > best:
                best = cand
    return best


def ad_table(n: int, vals: Sequence[Fraction], strict: bool, seed: int, k: int | None
             ) -> tuple[list[Vec], dict[Vec, Vec], dict[Vec, Fraction], str]:
    """An IC + IR, almost deterministic and rank-preserving table on T^I from a random menu of
    decreasing AD lotteries (seller ties): the fractional coordinate of each entry is random
    (``k`` None: Def 8, AD-K R1) or always ``k`` (AD-K R2). Exactly re-checked."""
    ts = grid(n, vals, strict=strict, sorted_=True)
    rng = random.Random(f"ad-{n}-{show(vals)}-{strict}-{seed}-{k}")
    top = int(max(vals))
    menu: list[tuple[Vec, Fraction]] = []
    for _ in range(rng.randint(2, n + 2)):
        kk = rng.randrange(n) if k is None else k
        frac = rng.choice([F(1, 2), F(1, 3), F(2, 3)])
        x = tuple(ONE if i < kk else frac if i == kk else ZERO for i in range(n))
        menu.append((x, F(rng.randint(0, 2 * n * top), 2)))
    q, t = menu_choice(ts, menu, "seller")
    if ic_ir_failure(q, t) is not None or not all(is_ad(q[v], k) for v in ts):
        raise AssertionError("menu table is not IC + IR + AD")
    return ts, q, t, "AD lottery menu, seller ties: " + "; ".join(
        f"{show(x)} at {p}" for x, p in menu)
