"""Proposition 2 (S34) on small single-buyer instances: one additive buyer, two items with
values in {0, 1, 2} (H = 4, the grand-bundle value bound), every support of s points and every
full-support prior on it with masses in (1/4)Z. Rev(D) is the certified optimal randomised menu
LP with free prices (verify.mech.revenue.optimal_menu), SRev and BRev exact posted prices
(verify.mech.buyk). The check is max{SRev, BRev} >= Rev/6, the statement at delta -> 0, which
implies it for every delta > d_TV(D, D^p) and every product D^p (the loss term only helps)."""

from __future__ import annotations

import itertools

from claims.p003_tv_robustness import paper
from claims.p003_tv_robustness.model import note_laws, support_laws
from verify import Ints, evidence
from verify.mech.buyk import brev, srev
from verify.mech.revenue import optimal_menu

POINTS = list(itertools.product((0, 1, 2), repeat=2))


@paper.claim("S34", at=("Proposition 2", 221),
             says="If d_TV(D, D^p) < delta for a product D^p, then max{SRev(D), BRev(D)} >= "
             "Rev(D)/6 - (7/6) H delta (one additive buyer).",
             over={"s": Ints(1)}, limit={"s": 4}, expect="CHECKED",
             note="m = 2 items, values in {0, 1, 2}; every support of s points, every "
             "full-support prior with masses in (1/4)Z; randomised menus with free prices. "
             "Checked at delta -> 0 (max{SRev, BRev} >= Rev/6), which implies every delta.")
def prop2(s: int) -> bool:
    evidence("certified menu LP for Rev; exact posted-price revenues")
    for d in support_laws(POINTS, s, 4):
        rev = optimal_menu([list(t) for t in d.support], [m for _, m in d.items()]).revenue
        simple = max(srev(d)[0], brev(d).revenue)
        if 6 * simple < rev:
            note_laws(D=d, Rev=rev, SRev=srev(d)[0], BRev=brev(d).revenue)
            return False
    return True
