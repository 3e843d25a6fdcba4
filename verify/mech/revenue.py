"""Optimal-revenue linear programs with exact certificates (built on :mod:`verify.mech.lp`).

Two families, both over finite exact type spaces given as plain sequences (no Distribution
objects needed):

* :func:`optimal_menu` -- one additive buyer, ``m`` items, types ``t`` in ``T`` with
  probabilities ``f(t)``. Variables ``q[t][i]`` in ``[0, 1]`` (randomised allocation) and a
  price ``p[t]`` (free unless ``nonnegative_prices``). Constraints: IR ``t.q_t - p_t >= 0`` for
  every type and IC ``t.q_t - p_t >= t.q_s - p_s`` for every ordered pair. Objective: maximise
  ``sum_t f(t) p_t``. With ``lazy=True`` the IC pairs are generated lazily by an exact
  separation oracle (:class:`MenuICOracle`).
* :func:`optimal_auction` -- ``n`` buyers, one item, BIC (interim IC + interim IR) or DSIC
  (ex-post IC + ex-post IR), independent (product of marginals) or correlated (joint table)
  prior, feasibility ``sum_i q_i(v) <= 1`` at every profile.

Every answer is an exact Fraction backed by an LP certificate that was re-checked exactly.
"""

from __future__ import annotations

import itertools
import math
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from types import MappingProxyType
from typing import Literal

from verify.errors import InputError, VerifyError
from verify.mech.lp import (
    Constraint,
    LinearProgram,
    LPResult,
    Method,
    Separation,
    Variable,
    as_fraction,
    solve,
    solve_lazy,
)

__all__ = [
    "AuctionResult",
    "MenuICOracle",
    "MenuResult",
    "auction_lp",
    "menu_lp",
    "optimal_auction",
    "optimal_menu",
]

Vector = tuple[Fraction, ...]
Truthfulness = Literal["BIC", "DSIC"]

_ONE = Fraction(1)
_ZERO = Fraction(0)


# --------------------------------------------------------------------------- validation


def _vector(values: object, field: str) -> Vector:
    if isinstance(values, str | bytes) or not isinstance(values, Sequence):
        raise InputError(f"{field}: expected a sequence of exact numbers, got {values!r}")
    return tuple(as_fraction(v, f"{field}[{i}]") for i, v in enumerate(values))


def _probabilities(probs: object, n: int, field: str) -> tuple[Fraction, ...]:
    ps = _vector(probs, field)
    if len(ps) != n:
        raise InputError(f"{field}: expected {n} probabilities (one per type), got {len(ps)}")
    for i, p in enumerate(ps):
        if p < 0:
            raise InputError(f"{field}[{i}]: probabilities must be non-negative, got {p}")
    total = sum(ps, _ZERO)
    if total != 1:
        raise InputError(f"{field}: probabilities must sum to 1, got {total}")
    return ps


def _types_and_probs(
    types: Sequence[Sequence[object]], probabilities: Sequence[object]
) -> tuple[tuple[Vector, ...], tuple[Fraction, ...]]:
    if isinstance(types, str | bytes) or not isinstance(types, Sequence) or not types:
        raise InputError("types: expected a non-empty sequence of value vectors")
    ts = tuple(_vector(t, f"types[{k}]") for k, t in enumerate(types))
    m = len(ts[0])
    if m == 0:
        raise InputError("types[0]: a type needs at least one item value")
    seen: dict[Vector, int] = {}
    for k, t in enumerate(ts):
        if len(t) != m:
            raise InputError(f"types[{k}]: expected {m} item values, got {len(t)}")
        if t in seen:
            raise InputError(f"types[{k}]: duplicate of types[{seen[t]}] = {t}")
        seen[t] = k
    return ts, _probabilities(probabilities, len(ts), "probabilities")


# --------------------------------------------------------------------------- one additive buyer


def _q(t: int, i: int) -> str:
    return f"q[{t}][{i}]"


def _p(t: int) -> str:
    return f"p[{t}]"


class _ICBuilder:
    """Builds IC constraints quickly (names and negated values precomputed per type)."""

    def __init__(self, types: Sequence[Vector]) -> None:
        self.types = tuple(types)
        m = len(self.types[0]) if self.types else 0
        self.qn = [[_q(t, i) for i in range(m)] for t in range(len(self.types))]
        self.pn = [_p(t) for t in range(len(self.types))]
        self.terms = [[(i, v, -v) for i, v in enumerate(t) if v] for t in self.types]

    def __call__(self, t: int, s: int) -> Constraint:
        """IC: type t (index) weakly prefers its own option to type s's."""
        coeffs: dict[str, Fraction] = {self.pn[t]: -_ONE, self.pn[s]: _ONE}
        qt, qs = self.qn[t], self.qn[s]
        for i, v, neg in self.terms[t]:
            coeffs[qt[i]] = v
            coeffs[qs[i]] = neg
        return Constraint(f"IC[{t}>{s}]", coeffs, ">=", _ZERO)


def _neighbour_pairs(types: Sequence[Vector]) -> list[tuple[int, int]]:
    """Local downward IC: (t, s) with s the next lower type along one coordinate of t.

    The starting set for lazy IC generation (revenue LPs typically bind downward); every
    other pair is left to the separation oracle.
    """
    pairs: list[tuple[int, int]] = []
    m = len(types[0])
    for i in range(m):
        lines: dict[Vector, list[int]] = {}
        for k, t in enumerate(types):
            lines.setdefault(t[:i] + t[i + 1 :], []).append(k)
        for members in lines.values():
            members.sort(key=lambda k: types[k][i])
            for a, b in itertools.pairwise(members):
                if types[a][i] != types[b][i]:
                    pairs.append((b, a))
    return pairs


def _structural(
    types: Sequence[Vector], symmetric: bool, rank_preserving: bool, item_fair: bool
) -> list[Constraint]:
    out: list[Constraint] = []
    m = len(types[0])
    index = {t: k for k, t in enumerate(types)}
    if symmetric:
        for i in range(m - 1):  # adjacent transpositions generate all item permutations
            for k, t in enumerate(types):
                st = t[:i] + (t[i + 1], t[i]) + t[i + 2 :]
                if st not in index:
                    raise InputError(
                        f"symmetric: the type set is not closed under item permutations "
                        f"({t} is a type, {st} is not)"
                    )
                ks = index[st]
                if ks < k:
                    continue
                for j in range(m):
                    sj = i + 1 if j == i else i if j == i + 1 else j
                    if ks == k and j >= sj:
                        continue
                    out.append(
                        Constraint(
                            f"SYM{i}[{k}~{ks}][{j}]",
                            {_q(k, j): _ONE, _q(ks, sj): -_ONE},
                            "==",
                            _ZERO,
                        )
                    )
                if ks != k:
                    out.append(
                        Constraint(f"SYMP{i}[{k}~{ks}]", {_p(k): _ONE, _p(ks): -_ONE}, "==", _ZERO)
                    )
    for k, t in enumerate(types):
        for i, j in itertools.combinations(range(m), 2):
            if rank_preserving and t[i] != t[j]:
                hi, lo = (i, j) if t[i] > t[j] else (j, i)
                out.append(
                    Constraint(f"RP[{k}][{hi}>{lo}]", {_q(k, hi): _ONE, _q(k, lo): -_ONE}, ">=")
                )
            if item_fair and t[i] == t[j]:
                out.append(
                    Constraint(f"FAIR[{k}][{i}={j}]", {_q(k, i): _ONE, _q(k, j): -_ONE}, "==")
                )
    return out


def menu_lp(
    types: Sequence[Sequence[object]],
    probabilities: Sequence[object],
    *,
    symmetric: bool = False,
    rank_preserving: bool = False,
    item_fair: bool = False,
    nonnegative_prices: bool = False,
    ic_pairs: Sequence[tuple[int, int]] | None = None,
) -> LinearProgram:
    """The revenue LP of one additive buyer (see :func:`optimal_menu`).

    ``ic_pairs`` (ordered pairs of type indices) restricts the IC constraints; None means all
    ordered pairs. Variables are named ``q[t][i]`` and ``p[t]`` with ``t`` the type's index.
    """
    ts, ps = _types_and_probs(types, probabilities)
    return _menu_lp(ts, ps, symmetric, rank_preserving, item_fair, nonnegative_prices, ic_pairs)


def _menu_lp(
    ts: tuple[Vector, ...],
    ps: tuple[Fraction, ...],
    symmetric: bool,
    rank_preserving: bool,
    item_fair: bool,
    nonnegative_prices: bool,
    ic_pairs: Sequence[tuple[int, int]] | None,
) -> LinearProgram:
    m = len(ts[0])
    lower = _ZERO if nonnegative_prices else None
    variables: list[Variable] = []
    for k in range(len(ts)):
        variables.extend(Variable(_q(k, i), _ZERO, _ONE) for i in range(m))
        variables.append(Variable(_p(k), lower, None))
    objective = {_p(k): f for k, f in enumerate(ps) if f}
    cons: list[Constraint] = []
    for k, t in enumerate(ts):
        coeffs = {_q(k, i): v for i, v in enumerate(t) if v}
        coeffs[_p(k)] = -_ONE
        cons.append(Constraint(f"IR[{k}]", coeffs, ">=", _ZERO))
    cons.extend(_structural(ts, symmetric, rank_preserving, item_fair))
    n = len(ts)
    if ic_pairs is None:
        pairs: Sequence[tuple[int, int]] = [(a, b) for a in range(n) for b in range(n) if a != b]
    else:
        pairs = list(dict.fromkeys(ic_pairs))
        for a, b in pairs:
            if not (0 <= a < n and 0 <= b < n) or a == b:
                raise InputError(f"ic_pairs: ({a}, {b}) is not a pair of distinct type indices")
    ic = _ICBuilder(ts)
    cons.extend(ic(a, b) for a, b in pairs)
    return LinearProgram(tuple(variables), objective, tuple(cons), "max")


class MenuICOracle:
    """Exact IC separation for the one-buyer menu LP, over all ordered type pairs.

    Scales types and the candidate mechanism to integers (common denominators) and compares
    utilities ``t.q_s - p_s`` against ``t.q_t - p_t`` with numpy integer arithmetic: int64 when
    a bound computed in Python integers proves no overflow is possible, Python integers
    (object arrays) otherwise. No floating point is involved. For each type it returns up to
    ``per_type`` most violated IC constraints.
    """

    def __init__(self, types: Sequence[Vector], per_type: int = 2, chunk: int = 512) -> None:
        import numpy as np

        self.types = tuple(types)
        self.n = len(self.types)
        self.m = len(self.types[0])
        self.per_type = per_type
        self.chunk = chunk
        self._ic = _ICBuilder(self.types)
        self.dv = math.lcm(*(v.denominator for t in self.types for v in t))
        self.V = np.array(
            [[int(v * self.dv) for v in t] for t in self.types], dtype=object
        ).reshape(self.n, self.m)

    def violations(self, x: Mapping[str, Fraction]) -> list[tuple[int, int]]:
        """Ordered pairs (t, s) such that type t strictly prefers s's option at ``x``."""
        import numpy as np

        n, m = self.n, self.m
        qs = [[x[_q(k, i)] for i in range(m)] for k in range(n)]
        ps = [x[_p(k)] for k in range(n)]
        den = math.lcm(*(v.denominator for row in qs for v in row), *(v.denominator for v in ps))
        Q = np.array([[int(v * den) for v in row] for row in qs], dtype=object).reshape(n, m)
        P = np.array([int(v * den) for v in ps], dtype=object)
        max_v = max((abs(int(v)) for v in self.V.flat), default=0)
        max_q = max((abs(int(v)) for v in Q.flat), default=0)
        max_p = max((abs(int(v)) for v in P.flat), default=0)
        V = self.V
        if m * max_v * max_q + self.dv * max_p < 2**61:
            V, Q, P = V.astype(np.int64), Q.astype(np.int64), P.astype(np.int64)
        dvP = self.dv * P
        out: list[tuple[int, int]] = []
        QT = Q.T
        for start in range(0, n, self.chunk):
            stop = min(n, start + self.chunk)
            U = V[start:stop] @ QT - dvP[None, :]
            rows = np.arange(stop - start)
            own = U[rows, np.arange(start, stop)]
            gain = U - own[:, None]
            bad_rows = np.nonzero((gain > 0).any(axis=1))[0]
            for r in bad_rows:
                g = gain[r]
                cand = np.nonzero(g > 0)[0]
                if len(cand) > self.per_type:
                    order = sorted(cand.tolist(), key=lambda s, g=g: (-g[s], s))
                    cand = order[: self.per_type]
                out.extend((start + int(r), int(s)) for s in cand)
        return out

    def __call__(self, x: Mapping[str, Fraction]) -> Separation:
        found = tuple(self._ic(t, s) for t, s in self.violations(x))
        return Separation(violated=found, checked=self.n * (self.n - 1))


@dataclass(frozen=True)
class MenuResult:
    """The certified optimal menu of one additive buyer.

    ``allocation[t]`` is the item-wise allocation probability vector and ``payment[t]`` the
    price of type ``t``; ``revenue`` is exact. ``ic_constraints_checked`` counts the IC pairs
    the final exact check covered (all ordered pairs, in the LP or via the oracle).
    """

    revenue: Fraction
    types: tuple[Vector, ...]
    probabilities: tuple[Fraction, ...]
    allocation: Mapping[Vector, Vector]
    payment: Mapping[Vector, Fraction]
    lp_result: LPResult
    options: Mapping[str, bool]
    ic_constraints_checked: int
    seconds: float = 0.0

    def verify(self) -> None:
        """Re-check the LP certificate and IC/IR over all ordered type pairs, exactly."""
        self.lp_result.verify(oracle=MenuICOracle(self.types))
        for t in self.types:
            u = sum((v * q for v, q in zip(t, self.allocation[t], strict=True)), _ZERO)
            if u - self.payment[t] < 0:
                raise VerifyError(f"IR fails for type {t}: utility {u - self.payment[t]}")


def optimal_menu(
    types: Sequence[Sequence[object]],
    probabilities: Sequence[object],
    *,
    symmetric: bool = False,
    rank_preserving: bool = False,
    item_fair: bool = False,
    nonnegative_prices: bool = False,
    lazy: bool = False,
    per_type: int = 2,
    method: Method = "auto",
    time_limit: float | None = None,
) -> MenuResult:
    """Optimal expected revenue from one additive buyer over randomised menus, certified.

    Options (each adds constraints, i.e. restricts the mechanism class):

    * ``symmetric``: for every item permutation ``sigma``, ``q[sigma t] = sigma(q[t])`` and
      ``p[sigma t] = p[t]`` (reading R-SYM1: allocations *and* prices). Requires the type set
      to be closed under item permutations (InputError otherwise).
    * ``rank_preserving``: ``t_i > t_j  =>  q[t][i] >= q[t][j]``.
    * ``item_fair``: items the type values equally get equal allocation probabilities,
      ``t_i = t_j  =>  q[t][i] = q[t][j]`` (ex-post fairness of a single buyer).
    * ``nonnegative_prices``: ``p[t] >= 0`` (default: prices are free).
    * ``lazy``: start from IR, the structural constraints and local downward IC (each type
      against the next lower type along each coordinate), then add violated IC pairs (``per_type`` most violated per type per round)
      found by the exact oracle until none is violated. The answer is certified for all pairs.
    """
    t0 = time.perf_counter()
    ts, ps = _types_and_probs(types, probabilities)
    if type(per_type) is not int or per_type < 1:
        raise InputError(f"per_type: expected a positive int, got {per_type!r}")
    opts = {
        "symmetric": symmetric,
        "rank_preserving": rank_preserving,
        "item_fair": item_fair,
        "nonnegative_prices": nonnegative_prices,
        "lazy": lazy,
    }
    flags = (symmetric, rank_preserving, item_fair, nonnegative_prices)
    n, m = len(ts), len(ts[0])
    if lazy:
        lp = _menu_lp(ts, ps, *flags, _neighbour_pairs(ts))
        oracle = MenuICOracle(ts, per_type=per_type)
        res = solve_lazy(lp, oracle, time_limit=time_limit, method=method)
    else:
        lp = _menu_lp(ts, ps, *flags, None)
        res = solve(lp, time_limit=time_limit, method=method)
    if res.status != "optimal" or res.value is None:
        raise VerifyError(f"the revenue LP is {res.status}; expected an optimum")
    allocation = {t: tuple(res.x[_q(k, i)] for i in range(m)) for k, t in enumerate(ts)}
    payment = {t: res.x[_p(k)] for k, t in enumerate(ts)}
    return MenuResult(
        revenue=res.value,
        types=ts,
        probabilities=ps,
        allocation=MappingProxyType(allocation),
        payment=MappingProxyType(payment),
        lp_result=res,
        options=MappingProxyType(opts),
        ic_constraints_checked=n * (n - 1),
        seconds=time.perf_counter() - t0,
    )


# --------------------------------------------------------------------------- n buyers, one item


def _tag(prof: tuple[int, ...]) -> str:
    return ",".join(map(str, prof))


def _qa(i: int, prof: tuple[int, ...]) -> str:
    return f"q{i}[{_tag(prof)}]"


def _pa(i: int, prof: tuple[int, ...]) -> str:
    return f"p{i}[{_tag(prof)}]"


@dataclass(frozen=True)
class AuctionResult:
    """The certified optimal single-item auction.

    Profiles are tuples of values (one per bidder). ``allocation[v][i]`` is bidder i's
    probability of winning and ``payment[v][i]`` its ex-post payment at profile ``v``;
    ``prior[v]`` is the profile's probability.
    """

    revenue: Fraction
    truthfulness: Truthfulness
    values: tuple[Vector, ...]
    prior: Mapping[Vector, Fraction]
    allocation: Mapping[Vector, Vector]
    payment: Mapping[Vector, Vector]
    lp_result: LPResult
    seconds: float = field(default=0.0, compare=False)

    def verify(self) -> None:
        """Re-check the LP certificate exactly."""
        self.lp_result.verify()


def _prior(
    values: tuple[Vector, ...],
    marginals: Sequence[Sequence[object]] | None,
    joint: Mapping[Sequence[object], object] | None,
) -> dict[tuple[int, ...], Fraction]:
    profiles = list(itertools.product(*(range(len(v)) for v in values)))
    if (marginals is None) == (joint is None):
        raise InputError("prior: give exactly one of marginals= (independent) or joint=")
    if marginals is not None:
        if len(marginals) != len(values):
            raise InputError(
                f"marginals: expected {len(values)} distributions (one per bidder), "
                f"got {len(marginals)}"
            )
        margs = [
            _probabilities(mg, len(values[i]), f"marginals[{i}]") for i, mg in enumerate(marginals)
        ]
        return {
            pr: math.prod((margs[i][a] for i, a in enumerate(pr)), start=_ONE) for pr in profiles
        }
    assert joint is not None
    if not isinstance(joint, Mapping):
        raise InputError("joint: expected a mapping from value profiles to probabilities")
    lookup = [{v: a for a, v in enumerate(vs)} for vs in values]
    out = dict.fromkeys(profiles, _ZERO)
    for key, prob in joint.items():
        prof = _vector(key, "joint profile")
        if len(prof) != len(values):
            raise InputError(f"joint: profile {prof} should have {len(values)} values")
        try:
            idx = tuple(lookup[i][v] for i, v in enumerate(prof))
        except KeyError:
            raise InputError(f"joint: profile {prof} has a value outside the value sets") from None
        f = as_fraction(prob, f"joint[{prof}]")
        if f < 0:
            raise InputError(f"joint[{prof}]: probabilities must be non-negative, got {f}")
        out[idx] += f
    total = sum(out.values(), _ZERO)
    if total != 1:
        raise InputError(f"joint: probabilities must sum to 1, got {total}")
    return out


def auction_lp(
    values: Sequence[Sequence[object]],
    *,
    marginals: Sequence[Sequence[object]] | None = None,
    joint: Mapping[Sequence[object], object] | None = None,
    truthfulness: Truthfulness = "DSIC",
) -> LinearProgram:
    """The single-item revenue LP (see :func:`optimal_auction`)."""
    return _auction_lp(*_auction_inputs(values, marginals, joint, truthfulness))


def _auction_inputs(
    values: Sequence[Sequence[object]],
    marginals: Sequence[Sequence[object]] | None,
    joint: Mapping[Sequence[object], object] | None,
    truthfulness: str,
) -> tuple[tuple[Vector, ...], dict[tuple[int, ...], Fraction], str]:
    if truthfulness not in ("BIC", "DSIC"):
        raise InputError(f"truthfulness: expected 'BIC' or 'DSIC', got {truthfulness!r}")
    if isinstance(values, str | bytes) or not isinstance(values, Sequence) or not values:
        raise InputError("values: expected one non-empty value list per bidder")
    vals = tuple(_vector(v, f"values[{i}]") for i, v in enumerate(values))
    for i, v in enumerate(vals):
        if not v:
            raise InputError(f"values[{i}]: bidder {i} needs at least one value")
        if len(set(v)) != len(v):
            raise InputError(f"values[{i}]: duplicate values in {v}")
    return vals, _prior(vals, marginals, joint), truthfulness


def _auction_lp(
    vals: tuple[Vector, ...], prior: dict[tuple[int, ...], Fraction], truthfulness: str
) -> LinearProgram:
    n = len(vals)
    profiles = list(prior)
    variables: list[Variable] = []
    objective: dict[str, Fraction] = {}
    cons: list[Constraint] = []
    for pr in profiles:
        for i in range(n):
            variables.append(Variable(_qa(i, pr), _ZERO, _ONE))
            variables.append(Variable.free(_pa(i, pr)))
            if prior[pr]:
                objective[_pa(i, pr)] = prior[pr]
        cons.append(
            Constraint(f"FEAS[{_tag(pr)}]", {_qa(i, pr): _ONE for i in range(n)}, "<=", _ONE)
        )
    for i in range(n):
        others = list(itertools.product(*(range(len(vals[j])) for j in range(n) if j != i)))

        def prof(a: int, rest: tuple[int, ...], i: int = i) -> tuple[int, ...]:
            return rest[:i] + (a,) + rest[i:]

        for a, va in enumerate(vals[i]):
            for b in range(len(vals[i])):
                if truthfulness == "DSIC":
                    for rest in others:
                        pa, pb = prof(a, rest), prof(b, rest)
                        if b == a:
                            coeffs = {_qa(i, pa): va, _pa(i, pa): -_ONE}
                            cons.append(Constraint(f"IR{i}[{_tag(pa)}]", coeffs, ">="))
                            continue
                        coeffs = {_qa(i, pa): va, _pa(i, pa): -_ONE}
                        coeffs[_qa(i, pb)] = -va
                        coeffs[_pa(i, pb)] = _ONE
                        cons.append(Constraint(f"IC{i}[{a}>{b}|{_tag(rest)}]", coeffs, ">="))
                    continue
                # BIC: interim constraints weighted by Pr(v_i = a, v_-i = rest).
                coeffs: dict[str, Fraction] = {}
                for rest in others:
                    w = prior[prof(a, rest)]
                    if not w:
                        continue
                    pa, pb = prof(a, rest), prof(b, rest)
                    coeffs[_qa(i, pa)] = coeffs.get(_qa(i, pa), _ZERO) + w * va
                    coeffs[_pa(i, pa)] = coeffs.get(_pa(i, pa), _ZERO) - w
                    if b != a:
                        coeffs[_qa(i, pb)] = coeffs.get(_qa(i, pb), _ZERO) - w * va
                        coeffs[_pa(i, pb)] = coeffs.get(_pa(i, pb), _ZERO) + w
                if not coeffs:
                    continue
                name = f"IR{i}[{a}]" if a == b else f"IC{i}[{a}>{b}]"
                cons.append(Constraint(name, coeffs, ">="))
    return LinearProgram(tuple(variables), objective, tuple(cons), "max")


def optimal_auction(
    values: Sequence[Sequence[object]],
    *,
    marginals: Sequence[Sequence[object]] | None = None,
    joint: Mapping[Sequence[object], object] | None = None,
    truthfulness: Truthfulness = "DSIC",
    method: Method = "auto",
    time_limit: float | None = None,
) -> AuctionResult:
    """Optimal expected revenue of a single-item auction, certified.

    ``values[i]`` lists bidder i's possible values. The prior is either independent
    (``marginals[i][k]`` = Pr(bidder i has ``values[i][k]``)) or correlated (``joint`` maps
    value profiles to probabilities; missing profiles have probability 0). Allocation
    ``q_i(v)`` in [0, 1] with ``sum_i q_i(v) <= 1``; payments ``p_i(v)`` free.

    * DSIC: ex-post IC ``v_i q_i(v) - p_i(v) >= v_i q_i(w_i, v_-i) - p_i(w_i, v_-i)`` and ex-post
      IR ``v_i q_i(v) - p_i(v) >= 0`` at every profile (including probability-0 ones).
    * BIC: the same inequalities in expectation over ``v_-i`` given ``v_i`` (multiplied by
      ``Pr(v_i)``, so a probability-0 value imposes nothing): interim IC and interim IR.
    """
    t0 = time.perf_counter()
    vals, prior, kind = _auction_inputs(values, marginals, joint, truthfulness)
    lp = _auction_lp(vals, prior, kind)
    res = solve(lp, time_limit=time_limit, method=method)
    if res.status != "optimal" or res.value is None:
        raise VerifyError(f"the auction LP is {res.status}; expected an optimum")
    n = len(vals)
    allocation: dict[Vector, Vector] = {}
    payment: dict[Vector, Vector] = {}
    pri: dict[Vector, Fraction] = {}
    for pr, f in prior.items():
        key = tuple(vals[i][a] for i, a in enumerate(pr))
        allocation[key] = tuple(res.x[_qa(i, pr)] for i in range(n))
        payment[key] = tuple(res.x[_pa(i, pr)] for i in range(n))
        pri[key] = f
    return AuctionResult(
        revenue=res.value,
        truthfulness=kind,  # type: ignore[arg-type]
        values=vals,
        prior=MappingProxyType(pri),
        allocation=MappingProxyType(allocation),
        payment=MappingProxyType(payment),
        lp_result=res,
        seconds=time.perf_counter() - t0,
    )
