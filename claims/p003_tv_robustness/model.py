"""Paper-specific model code for p003: symbolic simplices, the rational prior grids the
enumerating claims sweep, and the paper's example objects (the BIC example of L163-165, the
Proposition 3 distribution of L577)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from fractions import Fraction as F

import sympy as sp

from verify import Reals, note
from verify.mech.distributions import Distribution, product
from verify.mech.lp import Constraint, LinearProgram, Variable, solve
from verify.mech.tv import Mechanism, single_item


def simplex(name: str, k: int) -> tuple[list[sp.Symbol], dict[sp.Symbol, Reals], sp.Basic]:
    """k probability symbols name1..namek in [0, 1] and the relation that they sum to 1."""
    xs = list(sp.symbols(f"{name}1:{k + 1}", real=True))
    return xs, {x: Reals(0, 1) for x in xs}, sp.Eq(sp.Add(*xs), 1)


def half_l1(p: list[sp.Expr], q: list[sp.Expr]) -> sp.Expr:
    """½ Σ |p_i - q_i|."""
    return sp.Add(*[sp.Abs(a - b) for a, b in zip(p, q, strict=True)]) / 2


def grid_priors(k: int, d: int) -> list[tuple[F, ...]]:
    """Every prior on k points whose masses are multiples of 1/d."""
    out = []
    for cut in itertools.combinations(range(d + k - 1), k - 1):
        parts, last = [], -1
        for c in (*cut, d + k - 1):
            parts.append(c - last - 1)
            last = c
        out.append(tuple(F(c, d) for c in parts))
    return out


def grid_laws(points: list[object], d: int) -> Iterator[Distribution]:
    """Every law on ``points`` with masses in (1/d)Z."""
    for p in grid_priors(len(points), d):
        yield Distribution(dict(zip(points, p, strict=True)))


def support_laws(points: list[object], s: int, d: int) -> Iterator[Distribution]:
    """Every law whose support is exactly s of ``points``, with masses in (1/d)Z."""
    for support in itertools.combinations(points, s):
        for masses in grid_priors(s, d):
            if 0 not in masses:
                yield Distribution(dict(zip(support, masses, strict=True)))


# ------------------------------------------------------------------ the BIC example (L163-165)

BIC_H = F(2)


def bic_example() -> Mechanism:
    """One item, two bidders with values in {1, 2}: bidder 1 bidding 2 wins and pays 1.5;
    (1, 1): bidder 1 wins and pays 1; (1, 2): bidder 2 wins and pays 2; losers pay 0."""
    env = single_item([{1: 1, 2: 2}, {1: 1, 2: 2}], H=BIC_H)
    alloc = {(2, 1): {0: 1}, (2, 2): {0: 1}, (1, 1): {0: 1}, (1, 2): {1: 1}}
    pay = {(2, 1): (F(3, 2), F(0)), (2, 2): (F(3, 2), F(0)), (1, 1): (F(1), F(0)),
           (1, 2): (F(0), F(2))}
    return Mechanism(env, alloc, pay)


def bic_prior(eps: F) -> Distribution:
    """Bidder 1 uniform on {1, 2}; bidder 2 takes 1 w.p. 1/2 + eps and 2 w.p. 1/2 - eps."""
    return product(Distribution({1: F(1, 2), 2: F(1, 2)}),
                   Distribution({1: F(1, 2) + eps, 2: F(1, 2) - eps}))


def bic_interim(eps: sp.Expr, i: int, t_i: int, w: int) -> sp.Expr:
    """E_{t_-i ~ D_-i} [t_i(M(w, t_-i))] under the perturbed product prior, symbolic in eps
    (the prior is a product, so the conditional is the other bidder's marginal)."""
    m = bic_example()
    other = ({1: sp.Rational(1, 2), 2: sp.Rational(1, 2)} if i == 1 else
             {1: sp.Rational(1, 2) + eps, 2: sp.Rational(1, 2) - eps})
    total = sp.Integer(0)
    for t_o, pr in other.items():
        b = (w, t_o) if i == 0 else (t_o, w)
        u = m.utility(i, t_i, b)
        total += pr * sp.Rational(u.numerator, u.denominator)
    return sp.expand(total)


# ------------------------------------------------------------------ Proposition 3 (L577)

def prop3_masses(k: sp.Expr) -> dict[tuple[str, str], sp.Expr]:
    return {("A", "A"): 1 - 2 * k + k**3, ("A", "B"): k - k**3, ("B", "A"): k - k**3,
            ("B", "B"): k**3}


def storable(value: object) -> object:
    """A note value the witness store keeps exactly: laws become {outcome text: mass}."""
    if isinstance(value, Distribution):
        return {str(k): m for k, m in value.items()}
    if isinstance(value, tuple | list):
        return [storable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): storable(v) for k, v in value.items()}
    return value


def note_laws(**values: object) -> None:
    """verify.note with every law (Distribution) converted by :func:`storable`."""
    note(**{k: storable(v) for k, v in values.items()})


# ------------------------------------------------------------------ 2 x 2 transportation LPs

CELLS2 = [(x, y) for x in (0, 1) for y in (0, 1)]


def transport_lp(m1: Distribution, m2: Distribution, cost: dict[str, F],
                 extra_vars: tuple[str, ...] = (),
                 extra_rows: tuple[Constraint, ...] = ()) -> F:
    """min ``cost`` over joints x[cell] on {0,1}^2 with marginals m1, m2 (variables named
    ``x00``..``x11``, plus ``extra_vars`` >= 0 and ``extra_rows``), exact and re-checked."""
    xs = {c: f"x{c[0]}{c[1]}" for c in CELLS2}
    rows = [Constraint(f"m1_{v}", {xs[c]: 1 for c in CELLS2 if c[0] == v}, "==", m1.mass(v))
            for v in (0, 1)]
    rows += [Constraint(f"m2_{v}", {xs[c]: 1 for c in CELLS2 if c[1] == v}, "==", m2.mass(v))
             for v in (0, 1)]
    lp = LinearProgram(tuple(Variable(x) for x in (*xs.values(), *extra_vars)), cost,
                       (*rows, *extra_rows), "min")
    res = solve(lp)
    res.verify()
    if res.value is None:
        raise AssertionError(f"transport LP reported {res.status}")
    return res.value
