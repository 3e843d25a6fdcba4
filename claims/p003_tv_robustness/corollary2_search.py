"""Corollary 2 (a) (S33, L217): the instance search. One additive buyer, m = 2 items with values
in {0, 1, 2}, every support of s points and every full-support prior on it with masses in
(1/4)Z. Rev(D) is the certified optimal randomised menu LP (verify.mech.revenue.optimal_menu),
BRev(D) the exact optimal bundle price (verify.mech.buyk.brev). Corollary 2 speaks only about
laws with Rev/BRev >= 2m; a point (support size s) where no law meets that hypothesis is
vacuous, and the largest ratio met is noted (a law with Rev = 0 has no defined ratio and is
left out). Where a law meets it, the product of its
marginals is an explicit D^p: a distance below Rev/(4V) refutes the corollary (V = H, reading
RV-H of S34, H = 4 the bundle value bound)."""

from __future__ import annotations

import itertools
from fractions import Fraction as F

from claims.p003_tv_robustness import paper
from claims.p003_tv_robustness.model import note_laws, support_laws
from verify import Ints, assume, evidence, note
from verify.mech.buyk import brev
from verify.mech.distributions import product
from verify.mech.revenue import optimal_menu
from verify.mech.tv import tv

M_ITEMS = 2
POINTS = list(itertools.product((0, 1, 2), repeat=M_ITEMS))
V = F(4)


@paper.claim("S33.search", at=("Corollary 2 (a)", 217),
             says="For a single agent and every D with Rev(D)/BRev(D) >= 2m, every product D^p "
             "has d_TV(D, D^p) >= Rev(D)/(4V).", over={"s": Ints(1)}, limit={"s": 3},
             expect="VACUOUS",
             analogue="m = 2 items with values in {0, 1, 2}, supports of s points, masses in "
             "(1/4)Z: no law of the slice meets Rev/BRev >= 2m = 4 (the largest ratio is 7/4), so "
             "the slice says nothing about the corollary.",
             note="part (b) (Rev/SRev in Omega(log m)) has no explicit constant and is not "
             "encoded; the derivation the text names is S33.derive.")
def corollary2_search(s: int) -> bool:
    evidence("certified menu LP for Rev; exact bundle pricing for BRev")
    hits, best = [], F(0)
    for d in support_laws(POINTS, s, 4):
        rev = optimal_menu([list(t) for t in d.support], [m for _, m in d.items()]).revenue
        b = brev(d).revenue
        if b > 0:
            best = max(best, rev / b)
        if rev > 0 and rev >= 2 * M_ITEMS * b:  # Rev/BRev >= 2m, with c/0 = +inf
            hits.append((d, rev))
    note(largest_Rev_over_BRev=best)
    assume(bool(hits))
    for d, rev in hits:
        marg = product(*(d.map(lambda t, j=j: t[j]) for j in range(M_ITEMS)))
        dist = tv(d, marg.map(lambda t: tuple(t)))
        if dist < rev / (4 * V):
            note_laws(D=d, Rev=rev, D_p=marg, tv=dist, bound=rev / (4 * V))
            return False
        raise AssertionError("a law meets the hypothesis and the product of its marginals does "
                             "not refute: deciding the minimum over all products needs the "
                             "certificate method of S38")
    return True
