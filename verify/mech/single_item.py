"""Discrete single-item theory: revenue curves, virtual values, ironing, reserves, Myerson.

A value prior is a :class:`Distribution` over rational values with support
``z_1 < ... < z_k`` and masses ``f_l``. Conventions (information-intermediary spec D1–D5):

* quantile ``q_l = S(z_l) = Pr[V >= z_l]``, revenue ``R_l = z_l q_l``, ``q_{k+1} = R_{k+1} = 0``;
* virtual value ``φ(z_l) = z_l − (z_{l+1} − z_l)(1 − F(z_l))/f_l`` for l < k and
  ``φ(z_k) = z_k``, with ``F(z_l) = Pr[V <= z_l]`` so ``1 − F(z_l) = q_{l+1}``; equivalently
  ``φ(z_l) = (R_l − R_{l+1})/(q_l − q_{l+1})``, the slope of the revenue curve;
* ironed virtual value ``φ̄(z_l) = (R̄(q_l) − R̄(q_{l+1}))/f_l`` where R̄ is the least concave
  majorant of ``{(0, 0)} ∪ {(q_l, R_l)}``; regular means φ non-decreasing (then φ̄ = φ).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from verify.errors import InputError
from verify.mech.distributions import Distribution, product
from verify.mech.mechanisms import Auction

MyersonTie = Literal["lexicographic", "uniform-random", "highest-value"]
MYERSON_TIES: tuple[str, ...] = ("lexicographic", "uniform-random", "highest-value")


@dataclass(frozen=True)
class CurvePoint:
    """One support point: value z, mass f, quantile q = Pr[V >= z], revenue R = z·q."""

    value: Fraction
    mass: Fraction
    quantile: Fraction
    revenue: Fraction


def revenue_curve(prior: Distribution) -> tuple[CurvePoint, ...]:
    """The points ``(z_l, f_l, q_l, R_l)`` in increasing value order."""
    items = prior.numeric_items()
    points, above = [], Fraction(1)
    for z, f in items:
        points.append(CurvePoint(z, f, above, z * above))
        above -= f
    return tuple(points)


def virtual_values(prior: Distribution) -> dict[Fraction, Fraction]:
    """``z ↦ φ(z)`` in the discrete form of the module docstring."""
    pts = revenue_curve(prior)
    phi = {}
    for k, pt in enumerate(pts):
        if k + 1 < len(pts):
            nxt = pts[k + 1]
            phi[pt.value] = pt.value - (nxt.value - pt.value) * nxt.quantile / pt.mass
        else:
            phi[pt.value] = pt.value
    return phi


def is_regular(prior: Distribution) -> bool:
    """φ non-decreasing in z."""
    phi = list(virtual_values(prior).values())
    return all(a <= b for a, b in zip(phi, phi[1:], strict=False))


def concave_majorant(
    points: Sequence[tuple[Fraction, Fraction]],
) -> tuple[tuple[Fraction, Fraction], ...]:
    """Vertices (increasing x) of the least concave majorant of finitely many points, exact."""
    pts = sorted(set(points))
    hull: list[tuple[Fraction, Fraction]] = []
    for p in pts:
        while hull and hull[-1][0] == p[0]:
            hull.pop()  # same x: the later (larger y, by sorting) point dominates
        while len(hull) >= 2:
            (x1, y1), (x2, y2) = hull[-2], hull[-1]
            # drop the middle point when it lies on or below the chord from hull[-2] to p
            if (y2 - y1) * (p[0] - x1) <= (p[1] - y1) * (x2 - x1):
                hull.pop()
            else:
                break
        hull.append(p)
    return tuple(hull)


def _evaluate(hull: Sequence[tuple[Fraction, Fraction]], x: Fraction) -> Fraction:
    for (x1, y1), (x2, y2) in zip(hull, hull[1:], strict=False):
        if x1 <= x <= x2:
            return y1 + (y2 - y1) * (x - x1) / (x2 - x1)
    if len(hull) == 1 and hull[0][0] == x:
        return hull[0][1]
    raise InputError(f"concave majorant: {x} outside [{hull[0][0]}, {hull[-1][0]}]")


def ironed_virtual_values(prior: Distribution) -> dict[Fraction, Fraction]:
    """``z ↦ φ̄(z)`` from the concave hull of the revenue curve in quantile space."""
    pts = revenue_curve(prior)
    hull = concave_majorant([(Fraction(0), Fraction(0))] + [(p.quantile, p.revenue) for p in pts])
    quantiles = [p.quantile for p in pts] + [Fraction(0)]
    return {
        p.value: (_evaluate(hull, quantiles[k]) - _evaluate(hull, quantiles[k + 1])) / p.mass
        for k, p in enumerate(pts)
    }


@dataclass(frozen=True)
class ReserveResult:
    """Optimal posted price: ``price`` is the smallest maximiser, ``maximisers`` all of them."""

    price: Fraction
    revenue: Fraction
    maximisers: tuple[Fraction, ...]


def optimal_reserve(prior: Distribution) -> ReserveResult:
    """Maximise ``p·Pr[V >= p]``; the maximum over all p is attained at support points.

    (Between support points ``Pr[V >= p]`` is constant, so raising p to the next support point
    only helps.) A support containing only non-positive values gives price = its maximum.
    """
    pts = revenue_curve(prior)
    best = max(p.revenue for p in pts)
    winners = tuple(p.value for p in pts if p.revenue == best)
    return ReserveResult(winners[0], best, winners)


# ---------------------------------------------------------------- Myerson

@dataclass(frozen=True)
class MyersonResult:
    """Myerson's auction as tables, with its exact revenue, welfare and consumer surplus.

    ``virtual_surplus`` is ``E[Σ_i φ̄_i(v_i) q_i(v)]``; it equals ``revenue`` whenever the
    allocation is constant on ironed intervals (always for "lexicographic"/"uniform-random").
    """

    auction: Auction
    prior: Distribution
    revenue: Fraction
    welfare: Fraction
    consumer_surplus: Fraction
    virtual_surplus: Fraction


def threshold_payments(
    allocation: dict[tuple[Fraction, ...], tuple[Fraction, ...]],
    type_sets: Sequence[Sequence[Fraction]],
) -> dict[tuple[Fraction, ...], tuple[Fraction, ...]]:
    """Discrete threshold payments ``t_i(z_l, v_-i) = Σ_{m<=l} z_m (x_i(z_m) − x_i(z_{m−1}))``.

    This makes the lowest type's utility 0 and binds every adjacent downward IC constraint;
    for a 0/1 allocation it is the smallest winning report. DSIC iff x_i is monotone in v_i.
    """
    pay: dict[tuple[Fraction, ...], list[Fraction]] = {v: [] for v in allocation}
    n = len(type_sets)
    for v in allocation:
        for i in range(n):
            total, prev = Fraction(0), Fraction(0)
            for z in type_sets[i]:
                if z > v[i]:
                    break
                x = allocation[v[:i] + (z,) + v[i + 1:]][i]
                total += z * (x - prev)
                prev = x
            pay[v].append(total)
    return {v: tuple(p) for v, p in pay.items()}


def myerson(
    priors: Sequence[Distribution],
    tie: MyersonTie = "lexicographic",
    *,
    sell_at_zero: bool = False,
) -> MyersonResult:
    """Myerson's optimal auction for independent discrete priors (one per bidder).

    The item goes to a bidder with maximal ironed virtual value φ̄_i(v_i) provided it is
    ``> 0`` (``>= 0`` with ``sell_at_zero``). Ties among maximisers: "lexicographic" (lowest
    index), "uniform-random" (split equally), "highest-value" (higher value, then lower index).
    Payments are :func:`threshold_payments`.
    """
    if tie not in MYERSON_TIES:
        raise InputError(f"myerson.tie: unknown rule {tie!r}; expected one of {MYERSON_TIES}")
    if not priors:
        raise InputError("myerson.priors: needs at least one bidder")
    phibar = [ironed_virtual_values(d) for d in priors]
    type_sets = [sorted(p) for p in phibar]
    n = len(priors)
    alloc: dict[tuple[Fraction, ...], tuple[Fraction, ...]] = {}
    for v in itertools.product(*type_sets):
        scores = [phibar[i][v[i]] for i in range(n)]
        top = max(scores)
        share = [Fraction(0)] * n
        if top > 0 or (sell_at_zero and top == 0):
            tied = [i for i in range(n) if scores[i] == top]
            if tie == "uniform-random":
                for i in tied:
                    share[i] = Fraction(1, len(tied))
            else:
                by_value = tie == "highest-value"
                share[min(tied, key=lambda i, v=v: (-v[i] if by_value else 0, i))] = Fraction(1)
        alloc[v] = tuple(share)
    auction = Auction(alloc, threshold_payments(alloc, type_sets))
    joint = product(*priors)
    revenue = auction.revenue(joint)
    welfare = auction.welfare(joint)
    vs = joint.expect(lambda v: sum((phibar[i][v[i]] * alloc[v][i] for i in range(n)), Fraction(0)))
    return MyersonResult(auction, joint, revenue, welfare, welfare - revenue, vs)
