"""Reading R-BIC with reports in R^m_{>=0} (spec §1.2, §1.7) for the truthful claims that the
other modules check with reports in the support or its permutation closure.

What the reading changes (the reduction, by the taxation principle and the menu view of
l.85-92, where 'the buyer takes an option that maximises v.x - p, and the null option (0, 0) is
always available'):
* a table (one buyer, or the interim menu of one of n bidders) that is BIC and BIR on the
  support extends to every report in R^m_{>=0}: a report r outside the support gets the option
  of its favourite support report, or the null option; every type then gets at most its
  truthful utility. So for Rev, FairRev and the n-bidder interim examples, IC against R^m_{>=0}
  reduces exactly to the finite support check (fairness survives by averaging the favourite
  option over the stabiliser of r);
* for symmetric mechanisms, IC on R^m_{>=0} with Def 2.2 (allocations only) forces equal prices
  on swapped types (envelope argument along the segment t -> (t + sigma t)/2 -> sigma t;
  G-6.price.Rm in appg), so the reading R^m coincides with R-SYM1 (closure, equal prices),
  not with R-SYM2-4;
* a mechanism given by a *rule* on every report (Ex A.1: 'each item to the highest bidder, who
  is charged their value') is a first-price auction on R^m_{>=0}, which is not truthful.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import sympy as sp

from claims.p000_symmetric_fairness import paper
from claims.p000_symmetric_fairness.appa import (
    RM_READINGS,
    TYPES,
    _interim_outcome,
    _outcome,
    _profiles,
)
from verify import Derivation, Forall, Ints, Reals, evidence, note

F = Fraction
BIDDERS = (1, 2, 3)
GRID = [F(k, 2) for k in range(0, 6)]  # reports tried by the literal reading: {0, 1/2, ..., 5/2}^2


def _show(v: tuple) -> str:
    return "(" + ", ".join(str(x) for x in v) + ")"


def _utility(b: int, t: tuple, outcome_at: object,
             bidders: tuple[int, ...] = BIDDERS) -> Fraction:
    """Interim utility of bidder b of type t when the outcome at each profile is
    ``outcome_at(profile)``."""
    u, mass = F(0), F(0)
    for p, prof in _profiles(bidders):
        if prof[b] != t:
            continue
        mass += p
        x, pay = outcome_at(prof)  # type: ignore[operator]
        u += p * (sum((x[b][j] * t[j] for j in range(2)), F(0)) - pay[b])
    return u / mass


def _options(b: int, bidders: tuple[int, ...] = BIDDERS
             ) -> list[tuple[tuple, tuple[Fraction, Fraction, Fraction]]]:
    """Bidder b's interim menu: (support report, (pi_1, pi_2, q)), plus the null option."""
    out = []
    for s, _ in TYPES[b]:
        pi, q = _interim_outcome(bidders, b, s)
        out.append((s, (pi[0], pi[1], q)))
    out.append(((), (F(0), F(0), F(0))))
    return out


@paper.claim("A-2.a.Rm", at=("Example A.1", 320),
             says="'it is not hard to see that this is truthful', with BIC and BIR against every "
             "report in R^2_{>=0} (R-BIC).",
             readings=RM_READINGS,
             note="ext: BIC/BIR of the interim menus on the support (exact, 4 profiles) is "
             "necessary, and sufficient because every outside report receives one of finitely "
             "many menu options; rule: reports in {0, 1/2, ..., 5/2}^2 are tried for every "
             "bidder and type, the first profitable one is the witness (it involves no tie).")
def a2a_rm(rule: bool) -> bool:
    for b in BIDDERS:
        menu = _options(b)
        for t, _ in TYPES[b]:
            truthful = _utility(b, t, _outcome)
            if truthful < 0:
                note(bidder=b, type=_show(t), truthful_utility=truthful)
                return False
            if not rule:
                best = max(sum((o[j] * t[j] for j in range(2)), F(0)) - o[2] for _, o in menu)
                if best > truthful:
                    note(bidder=b, type=_show(t), truthful_utility=truthful, best_option=best)
                    return False
                continue
            for r in itertools.product(GRID, repeat=2):
                u = _utility(b, t, lambda prof, b=b, r=r: _outcome({**prof, b: r}))
                if u > truthful:
                    note(bidder=b, type=_show(t), report=_show(r), truthful_utility=truthful,
                         deviation_utility=u)
                    return False
    if not rule:
        evidence("taxation principle: IC + IR of the interim menus on the support, exact")
    return True


def rm_violation(bidders: tuple[int, ...], rule: bool) -> dict | None:
    """The first failure of BIC/BIR against reports in R^2_{>=0} of Ex A.1's auction with the
    given bidders (None if there is none): under ``rule`` the printed rule is applied to the
    reports in GRID^2; otherwise a report outside the support takes its favourite interim menu
    option (or the null option), so the finite menu decides IC exactly."""
    for b in bidders:
        menu = _options(b, bidders)
        for t, _ in TYPES[b]:
            truthful = _utility(b, t, _outcome, bidders)
            if truthful < 0:
                return {"bidder": b, "type": _show(t), "truthful_utility": truthful}
            if not rule:
                best = max(sum((o[j] * t[j] for j in range(2)), F(0)) - o[2] for _, o in menu)
                if best > truthful:
                    return {"bidder": b, "type": _show(t), "truthful_utility": truthful,
                            "best_option": best}
                continue
            for r in itertools.product(GRID, repeat=2):
                u = _utility(b, t, lambda prof, b=b, r=r: _outcome({**prof, b: r}), bidders)
                if u > truthful:
                    return {"bidder": b, "type": _show(t), "report": _show(r),
                            "truthful_utility": truthful, "deviation_utility": u}
    return None


# ---------------------------------------------------------------- Obs 2's price step under R^m

@paper.claim("P-4.price.Rm.step", at=("Observation 2 proof", 148), role="step",
             of="P-4.price.Rm",
             says="One grid step for any m and the transposition sigma of items a, b: v' = v + "
             "delta (e_a - e_b), allocation symmetry x(sigma u) = sigma(x(u)), IC between v, v' "
             "and between sigma v, sigma v' give [U(v') - U(v)] - [U(sigma v') - U(sigma v)] <= "
             "delta ((x_a(v') - x_a(v)) - (x_b(v') - x_b(v))).", expect="PROVED",
             note="the items other than a, b enter every utility through r = sum_{l != a,b} "
             "v_l x_l(v) and r' (the same at v and sigma v, and at v' and sigma v'; free "
             "reals), so one query covers every m.")
def p4_rm_step() -> Forall:
    a1, a2, dl, x1, x2, y1, y2, p, p2, ps, ps2, r, r2, rr, rr2 = sp.symbols(
        "va vb delta xa xb ya yb p p2 ps ps2 r r2 rx ry", real=True)
    b1, b2 = a1 + dl, a2 - dl

    def dot(u: tuple, z: tuple) -> sp.Expr:
        return u[0] * z[0] + u[1] * z[1]

    # r = rest of v . x(v), r2 = rest of v' . x(v'), rr = rest of v . x(v'), rr2 = rest of
    # v' . x(v) (the rest coordinates of v and v' coincide, so v' . x(v) has rest rr2 = r)
    v, v2, sv, sv2 = (a1, a2), (b1, b2), (a2, a1), (b2, b1)
    xv, xv2, xs, xs2 = (x1, x2), (y1, y2), (x2, x1), (y2, y1)
    u, u2 = dot(v, xv) + r - p, dot(v2, xv2) + r2 - p2
    us, us2 = dot(sv, xs) + r - ps, dot(sv2, xs2) + r2 - ps2
    return Forall({a1: Reals(0), a2: Reals(0), dl: Reals(0), x1: Reals(0, 1), x2: Reals(0, 1),
                   y1: Reals(0, 1), y2: Reals(0, 1), p: Reals(), p2: Reals(), ps: Reals(),
                   ps2: Reals(), r: Reals(), r2: Reals(), rr: Reals(), rr2: Reals()},
                  given={"rest terms: v' . x(v) = r, v . x(v') = r2": sp.Eq(rr2, r),
                         "rest of v . x(v') = rest of v' . x(v')": sp.Eq(rr, r2),
                         "IC v vs v'": sp.Ge(u, dot(v, xv2) + rr - p2),
                         "IC v' vs v": sp.Ge(u2, dot(v2, xv) + rr2 - p),
                         "IC sv vs sv'": sp.Ge(us, dot(sv, xs2) + rr - ps2),
                         "IC sv' vs sv": sp.Ge(us2, dot(sv2, xs) + rr2 - ps)},
                  then={"step": sp.Le((u2 - u) - (us2 - us),
                                      dl * ((y1 - x1) - (y2 - x2)))})


@paper.claim("P-4.price.Rm", at=("Observation 2 proof", 148),
             says="'the same interim expected price (also by symmetry)': with BIC against every "
             "report in R^m_{>=0} (R-BIC), an interim-symmetric mechanism (Def 2.2, allocations "
             "only) has q(sigma v) = q(v) for every type v and permutation sigma.",
             over={"m": Ints(2)}, limit={"m": 3}, expect="PROVED",
             by=Derivation(("p000/P-4.price.Rm.step",),
                           "telescoping the step over the n-step grid from w = (v + sigma v)/2 "
                           "to v and to sigma v (sigma a transposition): q(sigma v) - q(v) = "
                           "U(v) - U(sigma v) <= ||v - w||_1 / n for every n, hence 0 (and by "
                           "symmetry >= 0); transpositions generate S_m"),
             deviation="R-BIC read with reports (and types) in R^m_{>=0}; P-4.price is the same "
                       "step with IC on the two types only.",
             note="per m, v = (1, 0, ..., 0) and the swap of items 1, 2: the largest q(sigma v) - "
             "q(v) over allocation-symmetric mechanisms IC on the 4-step segment grid is a "
             "certified LP optimum, 1/8 = ||v - w||_1/(2n); the whole statement by the "
             "derivation.")
def p4_rm(m: int) -> dict:
    return price_gap_within((1,) + (0,) * (m - 1), 4, "q(sigma v) - q(v)")


def price_gap_within(v: tuple, n: int, what: str) -> dict:
    """The certified largest price gap of the swap of items 1, 2 of v over allocation-symmetric
    mechanisms IC on the n-step segment grid, against the bound ||v - w||_1 / n."""
    from verify.mech.fairness import symmetric_price_gap

    res = symmetric_price_gap(v, 0, 1, n)
    bound = sp.Rational(abs(v[0] - v[1]), n)  # ||v - w||_1 = |v_1 - v_2|
    note(max_price_gap=res.value)
    evidence("certified LP optimum over the segment grid")
    return {f"max {what} <= ||v - w||_1/n": sp.Le(res, bound, evaluate=False)}
