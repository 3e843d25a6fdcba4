"""Appendix G of the symmetric-fairness paper (l.897-937, truncated in the text copy): a fair
but non-symmetric mechanism M, a mechanism M' with more revenue, and the point that fairness
allows more revenue than symmetry (spec G-0..G-7).

One buyer, two items, D_1 = (4: 1/2, 1: eps, 0: 1/2 - eps), D_2 = (4: eps, 1: 1 - 2 eps,
0: eps); eps is not specified by the paper (natural range (0, 1/2)). The support {0,1,4}^2 is
permutation-closed, so the R-SYM readings differ only in the price equation.
"""

from __future__ import annotations

from fractions import Fraction

import sympy as sp

from claims.p000_symmetric_fairness import paper
from verify import Derivation, Forall, Ints, Reals, evidence, note
from verify.mech._exact import show
from verify.mech.distributions import Distribution, product
from verify.mech.fairness import optimum, table
from verify.mech.mechanisms import ic_violation, ir_violation
from verify.mech.symmetry import stabiliser_violation, symmetry_violation
from verify.paper import Reading

F = Fraction
M_ROWS = {(4, 4): (1, 1, F(7, 2)), (4, 1): (1, 1, F(7, 2)), (4, 0): (1, 0, 3),
          (1, 4): (0, 1, 3), (1, 1): (F(1, 2), F(1, 2), 1), (1, 0): (0, 0, 0),
          (0, 4): (0, 1, 3), (0, 1): (0, 1, 1), (0, 0): (0, 0, 0)}
M2_ROWS = {**M_ROWS, (4, 4): (1, 1, 5), (4, 1): (1, 1, 5), (4, 0): (1, 0, 4), (1, 1): (0, 1, 1)}
AT = ("Appendix G", 901, 937)
PRICES = "the prices printed \\underline{5}, \\underline{5}, \\underline{4} (l.919-929) read as 5, 5, 4"


def prior(eps: Fraction) -> Distribution:
    return product(Distribution({F(4): F(1, 2), F(1): eps, F(0): F(1, 2) - eps}),
                   Distribution({F(4): eps, F(1): 1 - 2 * eps, F(0): eps}))


@paper.claim("G-0", at=("Appendix G, the distributions", 901), role="assumption", of="G-7",
             says="For eps in (0, 1/2), D_1 = (4: 1/2, 1: eps, 0: 1/2 - eps) and D_2 = (4: eps, "
             "1: 1 - 2 eps, 0: eps) are probability distributions.", expect="PROVED",
             deviation="the paper leaves eps unspecified; (0, 1/2) is the range where both laws "
             "have full support.")
def g0() -> Forall:
    e = sp.Symbol("eps", real=True)
    return Forall({e: Reals(0, F(1, 2), lo_open=True, hi_open=True)},
                  then={"1/2 - eps > 0": sp.Gt(F(1, 2) - e, 0),
                        "1 - 2 eps > 0": sp.Gt(1 - 2 * e, 0),
                        "D_1 sums to 1": sp.Eq(sp.Add(F(1, 2), e, F(1, 2) - e, evaluate=False),
                                               1, evaluate=False),
                        "D_2 sums to 1": sp.Eq(sp.Add(e, 1 - 2 * e, e, evaluate=False), 1,
                                               evaluate=False)})


@paper.claim("G-1", at=("Appendix G", 915), says="M is fair.", expect="PROVED")
def g1() -> bool:
    res = stabiliser_violation(table(M_ROWS))
    note(violation=res.max_violation)
    return res.ok


@paper.claim("G-2", at=("Appendix G", 915), says="M is not symmetric.", expect="PROVED",
             note="allocation symmetry alone already fails (R-SYM2): (4,1) gets (1,1), (1,4) "
             "gets (0,1).")
def g2() -> bool:
    res = symmetry_violation(table(M_ROWS), scope="all", prices=False)
    note(witness=show(res.witness))
    return not res.ok


@paper.claim("G-3", at=("Appendix G", 937), says="M' is neither symmetric nor fair.",
             expect="PROVED", deviation=PRICES)
def g3() -> bool:
    mech = table(M2_ROWS)
    sym, fair = symmetry_violation(mech, scope="all", prices=False), stabiliser_violation(mech)
    note(symmetry_witness=show(sym.witness), fairness_witness=show(fair.witness))
    return not sym.ok and not fair.ok


@paper.claim("G-4", at=("Appendix G", 937),
             says="M' achieves more revenue than M, for every eps in (0, 1/2).",
             expect="PROVED", deviation=PRICES,
             note="the revenues are linear in eps; the difference is 3/4 - eps/4.")
def g4() -> Forall:
    e = sp.Symbol("eps", real=True)
    masses = {(a, b): p * q for a, p in ((4, F(1, 2)), (1, e), (0, F(1, 2) - e))
              for b, q in ((4, e), (1, 1 - 2 * e), (0, e))}
    rev = sp.Add(*[masses[t] * sp.nsimplify(M_ROWS[t][2]) for t in masses])
    rev2 = sp.Add(*[masses[t] * sp.nsimplify(M2_ROWS[t][2]) for t in masses])
    return Forall({e: Reals(0, F(1, 2), lo_open=True, hi_open=True)},
                  then={"Rev_M'(D) > Rev_M(D)": sp.Gt(rev2, rev)})


TRUTHFUL = (
    Reading("M", "the mechanism M", kind="intended", expect="REFUTED", rows="M"),
    Reading("M2", "the mechanism M'", kind="intended", expect="REFUTED", rows="M2"),
)


@paper.claim("G-5", at=("Appendix G", 901, 937), role="assumption", of="G-4",
             says="The revenue comparison is among truthful mechanisms: the table is BIC and "
             "BIR on the 9 types {0,1,4}^2.", readings=TRUTHFUL,
             note="the paper's mechanisms are truthful by definition (Section 2); the support is "
             "the whole grid, so every R-BIC reading gives the same 9 x 9 IC test (with reports "
             "in R^2_{>=0} the 9 x 9 test is necessary, and sufficient by the menu-view "
             "extension of rbic.py).")
def g5(rows: str) -> bool:
    mech = table(M_ROWS if rows == "M" else M2_ROWS)
    ic, ir = ic_violation(mech), ir_violation(mech)
    note(max_regret=ic.max_violation, regret_witness=show(ic.witness),
         ir_violation=ir.max_violation)
    return ic.ok and ir.ok


@paper.claim("G-6.fix", at=("Appendix G", 937), role="statement",
             says="Changing M' at (1,1) from (0,1,1) to 'uniformly at random with probability "
             "1/2 of getting each item' (1/2, 1/2, 1) makes the allocation at (1,1) fair "
             "(and M' with this change is fair everywhere).", expect="PROVED",
             deviation=PRICES)
def g6_fix() -> bool:
    unfair = not stabiliser_violation(table({(1, 1): (0, 1, 1)})).ok
    fixed = stabiliser_violation(table({**M2_ROWS, (1, 1): (F(1, 2), F(1, 2), 1)}))
    return unfair and fixed.ok


@paper.claim("G-6.price", at=("Appendix G", 937), role="statement",
             says="'for the case of values (1,4) and (4,1), the auctioneer can't charge "
             "different prices (e.g. 1 vs. 7/2)': an interim-symmetric BIC mechanism has "
             "q(1,4) = q(4,1).", expect="REFUTED",
             deviation="Def 2.2 as printed (allocations only) with IC for both types (R-SYM2); "
             "under R-SYM1 the equation is part of the definition.")
def g6_price() -> Forall:
    p1, p2, q, q2 = sp.symbols("pi1 pi2 q q2", real=True)
    return Forall({p1: Reals(0, 1), p2: Reals(0, 1), q: Reals(), q2: Reals()},
                  given={"IC (4,1) vs (1,4)": sp.Ge(4 * p1 + p2 - q, 4 * p2 + p1 - q2),
                         "IC (1,4) vs (4,1)": sp.Ge(p1 + 4 * p2 - q2, p2 + 4 * p1 - q)},
                  then={"q(1,4) = q(4,1)": sp.Eq(q, q2)})


def _revenues(eps: Fraction) -> tuple[Fraction, Fraction]:
    d = prior(eps)
    fair = optimum(d, "fair").revenue
    sym = max(optimum(d, b).revenue for b in ("sym1", "sym2", "sym3", "sym4"))  # type: ignore[arg-type]
    return fair, sym


EPS_GRID = tuple(F(k, 20) for k in range(1, 10))
G7 = (
    Reading("some", "for some eps in (0, 1/2)", kind="intended", expect="PROVED", every=False),
    Reading("every", "for every eps in (0, 1/2)", kind="alternative", expect="REFUTED",
            every=True),
)


@paper.claim("G-7", at=("Appendix G", 899, 915),
             says="Fairness allows more revenue than symmetry on this D: FairRev(D) > SymRev(D).",
             readings=G7,
             note="eps in {1/20, ..., 9/20} tried in increasing order; SymRev is the largest of "
             "the four R-SYM readings (they coincide here); every optimum is a certified LP.")
def g7(every: bool) -> bool:
    for eps in EPS_GRID:
        fair, sym = _revenues(eps)
        if every and not fair > sym:
            note(eps=eps, FairRev=fair, SymRev=sym)
            return False
        if not every and fair > sym:
            note(eps=eps, FairRev=fair, SymRev=sym)
            evidence("a witness eps with certified LP optima")
            return True
    return every


# ---------------------------------------------------------------- R-BIC: reports in R^2_{>=0}
# (the grid step is P-4.price.Rm.step of rbic.py, the m = 2 case of a swap of two items)

@paper.claim("G-6.price.Rm", at=("Appendix G", 937),
             says="'for the case of values (1,4) and (4,1), the auctioneer can't charge different "
             "prices': with BIC against every report in R^2_{>=0} (R-BIC), an interim-symmetric "
             "(Def 2.2, allocations only) mechanism has q(1,4) = q(4,1).",
             over={"n": Ints(1)}, limit={"n": 8}, expect="PROVED",
             by=Derivation(("p000/P-4.price.Rm.step",),
                           "telescoping the step over the n-step grid from w = (5/2, 5/2) to t = "
                           "(4,1) and its swap: q(1,4) - q(4,1) = U(4,1) - U(1,4) <= (x(t) - "
                           "x(w)) . (t - w)/n <= 3/n for every n >= 1 (x(w) fair, x(1,4) = "
                           "sigma x(4,1)), hence 0"),
             deviation="R-BIC read with reports (and types) in R^2_{>=0}: IC is imposed on every "
                       "finite subset of R^2_{>=0}, here the segment grid; G-6.price is the "
                       "same sentence with BIC on the support only.",
             note="per n, the largest q(1,4) - q(4,1) over allocation-symmetric mechanisms IC on "
             "the 2n + 1 grid types is a certified LP optimum, exactly 3/(2n) (so the price gap 1/2 "
             "of the G-6.price counterexample is impossible once n >= 4); the "
             "whole statement by the derivation.")
def g6_rm(n: int) -> dict:
    from claims.p000_symmetric_fairness.rbic import price_gap_within

    return price_gap_within((4, 1), n, "q(1,4) - q(4,1)")
