"""Sections 4.1-4.4 and Appendices B-D: the algebra of Theorem 3's last step (S22.6), Observation
1 (S32), the derivation of Corollary 2 (S33), the constant of Proposition 2 (S34.A), Proposition 1
(S23) and the correlation-robust Lemmas 9 and 10 (S26, S27) on transportation LPs."""

from __future__ import annotations

import itertools
from fractions import Fraction as F

import sympy as sp

from claims.p003_tv_robustness import paper
from claims.p003_tv_robustness.model import grid_laws, note_laws, transport_lp
from verify import Forall, Ints, Reals, evidence
from verify.mech.distributions import Distribution, product
from verify.mech.lp import Constraint
from verify.mech.tv import tv
from verify.paper import Reading

# ------------------------------------------------------------------ S22.6 (L506-508)

r, s, al, H = sp.symbols("r s alpha H", real=True)
n_, de = r**2, s**2  # n = r^2 >= 1, delta = s^2 in (0, 1]
POS = {r: Reals(1), s: Reals(0, 1, lo_open=True)}


@paper.claim("S22.6.a", at=("proof of Theorem 3", 506, 508), role="step", of="S21",
             says="At q = sqrt(delta/n): delta/q + nq = 2 sqrt(n delta), and "
             "sqrt(2 sqrt(n delta)) = sqrt(2) (n delta)^(1/4).", expect="PROVED",
             note="n = r^2, delta = s^2 with r >= 1, s in (0, 1], so every root is a monomial.")
def s22_q() -> Forall:
    q = s / r
    return Forall(POS, then={"delta/q + nq = 2 sqrt(n delta)": sp.Eq(de / q + n_ * q, 2 * r * s,
                                                                     evaluate=False)})


@paper.claim("S22.6.b", at=("proof of Theorem 3", 508), role="step", of="S21",
             says="For V = 2nH (revenue in [-nH, nH], L487) and C = 1: alpha n H sqrt(2 sqrt(n "
             "delta)) + alpha n q V + (1+alpha) V delta <= C (alpha V (n delta)^(1/4) + alpha V "
             "(n delta)^(1/2) + (1+alpha) V delta), and each of (n delta)^(1/4), (n delta)^(1/2), "
             "delta is <= sqrt(n sqrt(delta)) for n >= 1, delta in (0, 1].", expect="PROVED",
             note="n = r^4, delta = s^4 so that (n delta)^(1/4) = rs; sqrt(2) <= 2 is used for "
             "the first term. L506 says 'noting that V <= 2nH'; replacing nH by V needs nH <= "
             "C V, which V = 2nH gives (V <= 2nH alone would not).")
def s22_final() -> Forall:
    n4, d4 = r**4, s**4
    V = 2 * n4 * H
    q = s**2 / r**2
    lhs = al * n4 * H * sp.sqrt(2) * r * s + al * n4 * q * V + (1 + al) * V * d4
    rhs = al * V * r * s + al * V * r**2 * s**2 + (1 + al) * V * d4
    root = r**2 * s  # sqrt(n sqrt(delta))
    return Forall({**POS, al: Reals(0, 1), H: Reals(0, lo_open=True)},
                  then={"combined <= C (...)": sp.Le(lhs, rhs),
                        "(n delta)^(1/4) <= sqrt(n sqrt delta)": sp.Le(r * s, root),
                        "(n delta)^(1/2) <= sqrt(n sqrt delta)": sp.Le(r**2 * s**2, root),
                        "delta <= sqrt(n sqrt delta)": sp.Le(d4, root)})


@paper.claim("S22.4", at=("proof of Theorem 3", 503), role="step", of="S21",
             says="n sqrt(H (H delta/q + n q H)) = n H sqrt(delta/q + n q) for H > 0, q in "
             "(0, 1], delta in [0, 1], n >= 1.", expect="PROVED")
def s22_equality() -> Forall:
    q, nn, dd = sp.symbols("q n delta", real=True)
    lhs = nn * sp.sqrt(H * (H * dd / q + nn * q * H))
    rhs = nn * H * sp.sqrt(dd / q + nn * q)
    return Forall({H: Reals(0, lo_open=True), q: Reals(0, 1, lo_open=True), dd: Reals(0, 1),
                   nn: Reals(1)}, then={"equal": sp.Eq(lhs, rhs, evaluate=False)})


# ------------------------------------------------------------------ S32 Observation 1 (L213)

E, OPT, V, dl = sp.symbols("E OPT V delta", real=True)
SIGN = (
    Reading("ROPT-pos", "OPT >= 0 (revenue/welfare optima of ex-post IR mechanisms)",
            kind="intended", expect="PROVED", general=False),
    Reading("general", "OPT of any sign", kind="alternative", expect="PROVED", general=True),
)


@paper.claim("S32", at=("Observation 1", 213),
             says="If E_D O(SM_{D^p}) >= alpha OPT(D) - (1+alpha) V delta (Theorem 1 applied to "
             "SM_{D^p}, alpha-approximate on the product D^p) and delta = d_TV(D, D^p) <= "
             "alpha OPT(D)/(2(1+alpha)V), then E_D O(SM_{D^p}) >= (alpha/2) OPT(D).",
             readings=SIGN,
             note="alpha in (0, 1], V > 0, delta >= 0; Theorem 1's conclusion (with OPT(D^p) "
             "and OPT(D) in the roles of the theorem, RO2) is the hypothesis, as L211 says "
             "('an immediate implication of Theorem 1').")
def observation1(general: bool) -> Forall:
    return Forall({E: Reals(), OPT: Reals() if general else Reals(0), V: Reals(0, lo_open=True),
                   dl: Reals(0), al: Reals(0, 1, lo_open=True)},
                  given={"Theorem 1": sp.Ge(E, al * OPT - (1 + al) * V * dl),
                         "delta small": sp.Le(dl, al * OPT / (2 * (1 + al) * V))},
                  then={"E >= alpha OPT / 2": sp.Ge(E, al * OPT / 2)})


# ------------------------------------------------------------------ S33 Corollary 2 (L215-217)

m = sp.Symbol("m", integer=True)


@paper.claim("S33.derive", at=("Corollary 2, 'leveraging Observation 1'", 215, 217),
             says="With alpha = 1/m (bundling's factor on product laws, L211), Observation 1's "
             "contrapositive gives d_TV(D, D^p) > alpha Rev(D)/(2(1+alpha)V) = Rev(D)/(2(m+1)V); "
             "this is >= the stated Rev(D)/(4V) for every m >= 1.",
             over={"m": Ints(1)}, limit={"m": 6}, expect="REFUTED",
             note="the only justification printed for Corollary 2 (S33), whose instance "
             "search is not yet encoded. The hypothesis Rev/BRev >= 2m is BRev <= (alpha/2) Rev with alpha = 1/m, "
             "exactly the negated conclusion of Observation 1 (at the boundary even that fails: "
             "Observation 1 concludes >=, so equality is no contradiction).")
def corollary2(m: int) -> dict[str, sp.Basic]:
    alpha = sp.Rational(1, m)
    return {"alpha/(2(1+alpha)) >= 1/4": sp.Ge(alpha / (2 * (1 + alpha)), sp.Rational(1, 4),
                                               evaluate=False)}


# ------------------------------------------------------------------ S34 Proposition 2 (L221, L565)

VRANGE = (
    Reading("RV-H", "V = H: single-buyer revenue in [0, H] (prices of ex-post IR mechanisms "
            "with nonnegative payments)", kind="intended", expect="PROVED", v=1),
    Reading("RV-2H", "V = 2H: revenue in [-H, H], the model's payment range (L63)",
            kind="literal", expect="REFUTED", v=2),
)


@paper.claim("S34.A", at=("proof of Proposition 2", 565), role="step", of="S34",
             says="Theorem 1 with alpha = 1/6 loses (1 + alpha) V delta = (7/6) H delta.",
             readings=VRANGE,
             note="the constant of Proposition 2's statement (L221) as derived at L565.")
def prop2_constant(v: int) -> Forall:
    return Forall({H: Reals(0, lo_open=True), dl: Reals(0, 1, lo_open=True)},
                  then={"(1 + 1/6) V delta = (7/6) H delta": sp.Eq(
                      (1 + sp.Rational(1, 6)) * v * H * dl, sp.Rational(7, 6) * H * dl,
                      evaluate=False)})


# ------------------------------------------------------------------ S23 Proposition 1 (L185, L512)

CELLS = [(x, y) for x in (0, 1) for y in (0, 1)]


@paper.claim("S23", at=("Proposition 1", 185),
             says="If D-hat has marginals D_i, D = x D_i, and a product D^p has d_TV(D-hat, D^p) "
             "<= eps, then d_TV(D, D-hat) <= (n + 1) eps.", over={"d": Ints(1)}, limit={"d": 3},
             expect="CHECKED",
             note="n = 2 binary coordinates: every D-hat on {0,1}^2 and every product D^p of "
             "two laws with masses in (1/d)Z, eps = d_TV(D-hat, D^p).")
def prop1(d: int) -> bool:
    laws = list(grid_laws([0, 1], d))
    for dh in grid_laws(CELLS, d):
        marg = product(dh.map(lambda t: t[0]), dh.map(lambda t: t[1]))
        for a, b in itertools.product(laws, repeat=2):
            eps = tv(dh, product(a, b))
            if tv(marg, dh) > 3 * eps:
                note_laws(D_hat=dh, D_p=(a, b), eps=eps, tv=tv(marg, dh))
                return False
    return True


def _nearest_coupling(dd: Distribution, m1: Distribution, m2: Distribution) -> F:
    """min d_TV(D, D') over D' with marginals m1, m2 (exact LP over the transportation
    polytope): s_c >= |x_c - D(c)|, minimise sum s_c / 2."""
    rows = []
    for cell in CELLS:
        x, sv = f"x{cell[0]}{cell[1]}", f"s{cell[0]}{cell[1]}"
        rows.append(Constraint(f"u{x}", {sv: 1, x: -1}, ">=", -dd.mass(cell)))
        rows.append(Constraint(f"l{x}", {sv: 1, x: 1}, ">=", dd.mass(cell)))
    slack = tuple(f"s{c[0]}{c[1]}" for c in CELLS)
    return transport_lp(m1, m2, {sv: F(1, 2) for sv in slack}, slack, tuple(rows))


@paper.claim("S26", at=("Lemma 9", 518, 520),
             says="For every D in Pi(D_1, D_2) and all D'_i with d_TV(D_i, D'_i) <= eps, some D' "
             "in Pi(D'_1, D'_2) has d_TV(D, D') <= n eps (n = 2).", over={"d": Ints(1)},
             limit={"d": 2}, expect="CHECKED",
             note="binary coordinates; every D with masses in (1/d)Z, every pair of marginals "
             "D'_i with masses in (1/d)Z, eps = max_i d_TV(D_i, D'_i); the minimum over D' is an "
             "exact LP over the transportation polytope.")
def lemma9(d: int) -> bool:
    evidence("exact transportation LP, certificate re-checked")
    laws = list(grid_laws([0, 1], d))
    for dd in grid_laws(CELLS, d):
        d1, d2 = dd.map(lambda t: t[0]), dd.map(lambda t: t[1])
        for a, b in itertools.product(laws, repeat=2):
            eps = max(tv(d1, a), tv(d2, b))
            best = _nearest_coupling(dd, a, b)
            if best > 2 * eps:
                note_laws(D=dd, D1p=a, D2p=b, eps=eps, nearest=best)
                return False
    return True


def _move_mass(d: Distribution, i: int, v: int, v2: int, eps: F,
               order: tuple[int, ...]) -> Distribution:
    """The procedure of L526-531 for coordinate i (0-based) of a law on {0,1}^2: D^(i) starts
    as a copy of D^(i-1); while eps_cur > 0, take the next v_-i in ``order`` with mass at
    (v, v_-i), move gamma = min(that mass, eps_cur) to (v2, v_-i)."""
    table = {c: d.mass(c) for c in CELLS}
    cur = eps

    def cell(a: int, rest: int) -> tuple[int, int]:
        return (a, rest) if i == 0 else (rest, a)

    for rest in order:
        if cur == 0:
            break
        mass = table[cell(v, rest)]
        if mass <= 0:
            continue
        gamma = min(mass, cur)
        table[cell(v, rest)] -= gamma
        table[cell(v2, rest)] += gamma
        cur -= gamma
    if cur != 0:
        raise AssertionError("the procedure did not finish: not enough mass at v_i")
    return Distribution(table)


CLASS = (
    Reading("intended", "D^(i) in Pi(D'_1, ..., D'_i, D_{i+1}, ..., D_n): coordinate i moved, the "
            "later ones untouched (L520, read as intended)", kind="intended", expect="CHECKED",
            all_primed=False),
    Reading("literal", "D^(i) in Pi(D'_1, ..., D'_i, ..., D'_n), as printed at L533",
            kind="literal", expect="REFUTED", all_primed=True),
)


@paper.claim("S26.3", at=("proof of Lemma 9", 520, 533), role="step", of="S26",
             says="The moving-mass procedure (L526-531) outputs D^(i) in the stated marginal "
             "class with d_TV(D^(i-1), D^(i)) <= eps, for every choice sequence in step (a).",
             readings=CLASS, over={"d": Ints(1)}, limit={"d": 3},
             deviation="step 1 read as 'set D^(i) = D^(i-1)' (L526 prints 'D^(i-1) = D^(i)')",
             note="n = 2 binary coordinates, i = 1 (the first step, so D^(0) = D in Pi(D_1, "
             "D_2)); every D with masses in (1/d)Z, every two-point move of eps in (1/d)Z from "
             "value v to v' of D_1, both orders of v_-i; D'_2 = D_2 moved by 1/d where possible "
             "(the target class of Lemma 9).")
def moving_mass(d: int, all_primed: bool) -> bool:
    for dd in grid_laws(CELLS, d):
        d1, d2 = dd.map(lambda t: t[0]), dd.map(lambda t: t[1])
        for v, v2 in ((0, 1), (1, 0)):
            for k in range(1, d + 1):
                eps = F(k, d)
                if eps > d1.mass(v):
                    continue
                target1 = Distribution({v: d1.mass(v) - eps, v2: d1.mass(v2) + eps})
                shift = F(1, d) if d2.mass(0) >= F(1, d) else F(-1, d)
                target2 = Distribution({0: d2.mass(0) - shift, 1: d2.mass(1) + shift})
                for order in ((0, 1), (1, 0)):
                    out = _move_mass(dd, 0, v, v2, eps, order)
                    m1, m2 = out.map(lambda t: t[0]), out.map(lambda t: t[1])
                    ok = m1 == target1 and tv(dd, out) <= eps
                    ok = ok and (m2 == target2 if all_primed else m2 == d2)
                    if not ok:
                        note_laws(D=dd, eps=eps, v=v, v_prime=v2, order=order, output=out,
                                  target_D1p=target1, target_D2p=target2)
                        return False
    return True
