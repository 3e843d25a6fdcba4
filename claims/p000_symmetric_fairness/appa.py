"""Appendix A.1 of the symmetric-fairness paper: Example A.1 with three bidders and its
two-bidder variant (spec A-2, A-3), and the Chernoff bound of Def C.19 (C-13).

Ex A.1: D_11 = D_12 = delta_1; D_21 in {2, 0} (1/2 each), D_22 = delta_0; D_31 = delta_0, D_32 in
{2, 0} (1/2 each). The auction gives each item to the highest bidder at their value; no ties
arise on this support (bidder one's 1 is never matched).
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import sympy as sp

from claims.p000_symmetric_fairness import paper
from verify import Ints, Samples, evidence, note
from verify.mech.fairness import count_law
from verify.paper import Reading

F = Fraction
TYPES = {
    1: [((F(1), F(1)), F(1))],
    2: [((F(2), F(0)), F(1, 2)), ((F(0), F(0)), F(1, 2))],
    3: [((F(0), F(0)), F(1, 2)), ((F(0), F(2)), F(1, 2))],
}


def _profiles(bidders: tuple[int, ...]) -> list[tuple[Fraction, dict[int, tuple]]]:
    out = []
    for combo in itertools.product(*[TYPES[b] for b in bidders]):
        p = F(1)
        for _, q in combo:
            p *= q
        out.append((p, {b: t for b, (t, _) in zip(bidders, combo, strict=True)}))
    return out


def _outcome(prof: dict[int, tuple]) -> tuple[dict[int, list[Fraction]], dict[int, Fraction]]:
    """Each item to the highest bidder (ties: none on this support), who pays their value."""
    x = {b: [F(0), F(0)] for b in prof}
    pay = dict.fromkeys(prof, F(0))
    for j in range(2):
        best = max(prof, key=lambda b, j=j: prof[b][j])
        if prof[best][j] > 0:
            x[best][j] = F(1)
            pay[best] += prof[best][j]
    return x, pay


def _interim_outcome(bidders: tuple[int, ...], who: int, t: tuple
                     ) -> tuple[list[Fraction], Fraction]:
    """Bidder ``who``'s interim allocation and interim price at type t (truthful reports)."""
    acc, price, total = [F(0), F(0)], F(0), F(0)
    for p, prof in _profiles(bidders):
        if prof[who] != t:
            continue
        total += p
        x, pay = _outcome(prof)
        acc = [a + p * xi for a, xi in zip(acc, x[who], strict=True)]
        price += p * pay[who]
    return [a / total for a in acc], price / total


def _interim(bidders: tuple[int, ...], who: int, t: tuple) -> list[Fraction]:
    return _interim_outcome(bidders, who, t)[0]


@paper.claim("A-2", at=("Example A.1", 310, 320),
             says="Three bidders: the auction (each item to the highest bidder at their value) "
             "earns the expected welfare (so it is revenue-optimal); pi_11(1,1) = pi_12(1,1) = "
             "1/2 (interim fair and symmetric w.r.t. bidder one, whose only type is (1,1)); "
             "x_11((1,1),(2,0),(0,0)) = 0 and x_12 = 1 (not ex-post fair).", expect="PROVED",
             note="truthfulness: every bidder's utility is 0 at every profile and no report in "
             "the support raises it (checked); optimality: revenue = welfare bounds every IR "
             "mechanism.")
def a2() -> bool:
    bidders = (1, 2, 3)
    rev = welfare = F(0)
    for p, prof in _profiles(bidders):
        x, pay = _outcome(prof)
        rev += p * sum(pay.values(), F(0))
        welfare += p * sum((x[b][j] * prof[b][j] for b in prof for j in range(2)), F(0))
    truthful = _truthful(bidders)
    pi = _interim(bidders, 1, (F(1), F(1)))
    x, _ = _outcome({1: (F(1), F(1)), 2: (F(2), F(0)), 3: (F(0), F(0))})
    note(revenue=rev, welfare=welfare, pi_1=tuple(pi), x_1_at_profile=tuple(x[1]))
    evidence("exact enumeration of the 4 profiles")
    return truthful and rev == welfare and pi == [F(1, 2), F(1, 2)] and x[1] == [F(0), F(1)]


def _truthful(bidders: tuple[int, ...]) -> bool:
    """Interim IC and IR over the support of each bidder's type (R-BIC: support)."""
    for b in bidders:
        for t, _ in TYPES[b]:
            for r, _ in TYPES[b]:
                u = F(0)
                mass = F(0)
                for p, prof in _profiles(bidders):
                    if prof[b] != t:
                        continue
                    mass += p
                    x, pay = _outcome({**prof, b: r})
                    u += p * (sum((x[b][j] * t[j] for j in range(2)), F(0)) - pay[b])
                if r == t and u < 0:
                    return False
                if r != t and u > 0:
                    return False
    return True


@paper.claim("A-3", at=("Example A.1, two-bidder variant", 324),
             says="With bidders one and two only, the optimal auction is still highest bidder "
             "at full value, and 'pi_11(1,1) = 1 while pi_12(1,1) = 1/2', so it is interim "
             "unfair.", expect="REFUTED",
             note="the auction's optimality (revenue = welfare) and its interim unfairness are "
             "checked too; the printed values are what fails.")
def a3() -> bool:
    bidders = (1, 2)
    rev = welfare = F(0)
    for p, prof in _profiles(bidders):
        x, pay = _outcome(prof)
        rev += p * sum(pay.values(), F(0))
        welfare += p * sum((x[b][j] * prof[b][j] for b in prof for j in range(2)), F(0))
    pi = _interim(bidders, 1, (F(1), F(1)))
    note(pi_11=pi[0], pi_12=pi[1], revenue=rev, welfare=welfare,
         truthful=_truthful(bidders))
    return rev == welfare and pi == [F(1), F(1, 2)]


@paper.claim("A-3.unfair", at=("Example A.1, two-bidder variant", 324), role="statement",
             says="With bidders one and two only, the auction is optimal and interim unfair "
             "(pi_11(1,1) != pi_12(1,1)).", expect="PROVED")
def a3_unfair() -> bool:
    bidders = (1, 2)
    pi = _interim(bidders, 1, (F(1), F(1)))
    rev = sum((p * sum(_outcome(prof)[1].values(), F(0)) for p, prof in _profiles(bidders)),
              F(0))
    note(pi_11=pi[0], pi_12=pi[1], revenue=rev)
    return pi[0] != pi[1] and _truthful(bidders)


# Ex A.1's truthfulness under R-BIC with reports in R^2_{>=0} (A-2.a.Rm in rbic.py, A-3.Rm)
RM_READINGS = (
    Reading("ext", "the auction on the support, extended to every other report by the menu view "
            "(l.85-92): a report outside the support takes the option of its favourite support "
            "report or the null option", kind="intended", expect="PROVED", rule=False),
    Reading("rule", "the printed rule (each item to the highest report, who pays its report) "
            "applied to every report in R^2_{>=0}", kind="literal", expect="REFUTED", rule=True),
)


@paper.claim("A-3.Rm", at=("Example A.1, two-bidder variant", 324),
             says="With bidders one and two only, 'the optimal auction is still to award each "
             "item to the highest bidder and charge their full value', optimal among truthful "
             "auctions: BIC and BIR against every report in R^2_{>=0} (R-BIC).",
             readings=RM_READINGS,
             note="as A-2.a.Rm with bidders one and two (rbic.rm_violation): ext decides IC "
             "exactly on the finite interim menus (2 profiles); rule tries the reports in {0, "
             "1/2, ..., 5/2}^2 for every bidder and type, the first profitable one is the "
             "witness (no tie involved).")
def a3_rm(rule: bool) -> bool:
    from claims.p000_symmetric_fairness.rbic import rm_violation

    bad = rm_violation((1, 2), rule)
    if bad is not None:
        note(**bad)
        return False
    if not rule:
        evidence("taxation principle: IC + IR of the interim menus on the support, exact")
    return True


DELTAS = (F(1, 4), F(1, 2), F(3, 4))


@paper.claim("C-13", at=("Definition C.19 (Chernoff bound)", 737, 739),
             says="For independent X_i in [0, 1], X = sum_i X_i, mu = E[X] and 0 < delta < 1: "
             "Pr[X <= (1-delta) mu] <= e^{-delta^2 mu/2}.",
             over={"n": Ints(1), "k": Samples(3, "values of delta (1/4, 1/2, 3/4)")},
             limit={"n": 6},
             note="per n, every vector of Bernoulli parameters in {1/4, 1/2, 3/4, 1} (as a "
             "multiset); X's law exact, the bound compared exactly (exp by interval "
             "evaluation). delta is a real parameter tried at three values, hence SAMPLED.",
             expect="SAMPLED")
def c13(n: int, k: int) -> dict:
    delta = DELTAS[k]
    out = {}
    for qs in itertools.combinations_with_replacement((F(1, 4), F(1, 2), F(3, 4), F(1)), n):
        law = count_law(list(qs))
        mu = sum(qs, F(0))
        pr = law.probability(lambda c, mu=mu: F(c) <= (1 - delta) * mu)
        rhs = sp.exp(-sp.Rational(delta.numerator, delta.denominator) ** 2
                     * sp.Rational(mu.numerator, mu.denominator) / 2)
        out[f"q={','.join(map(str, qs))}"] = sp.Le(sp.Rational(pr.numerator, pr.denominator),
                                                    rhs, evaluate=False)
    return out


R_GRID = tuple(F(k, 10) for k in range(1, 10))


def _yao(r: Fraction) -> list:
    from verify.mech.distributions import Distribution, iid

    b = iid(Distribution({F(1): r, F(2): 1 - r}), 2)
    return [b, b]


@paper.claim("A-5", at=("footnote 10 (and l.354)", 354, 364),
             says="Even when the entire input is i.i.d. (two bidders, two items, values i.i.d. "
             "on {1, 2}), the revenue-optimal BIC auction need not be ex-post symmetric: for "
             "some Pr[v = 1], every ex-post symmetric BIC auction earns less than the optimum.",
             expect="PROVED",
             note="Def 2.2 as printed (R-EXPOST: permute only bidder i's vector, for every "
             "bidder i); r = Pr[v = 1] tried in 1/10, ..., 9/10, the first gap is the witness; "
             "certified LPs over all BIC/BIR auctions on the 16 profiles.")
def a5() -> bool:
    from verify.mech.fairness import multi_bidder_optimum

    for r in R_GRID:
        rev = multi_bidder_optimum(_yao(r))
        sym = multi_bidder_optimum(_yao(r), "own")
        if sym < rev:
            note(Pr_v_eq_1=r, Rev=rev, ExpostSymRev=sym)
            evidence("certified LP optima at the witness r")
            return True
    return False


@paper.claim("A-5.joint", at=("footnote 10", 364), role="variant", of="A-5",
             says="Under the joint reading of ex-post symmetry (all bidders' vectors permuted "
             "together, R-EXPOST), some revenue-optimal BIC auction is ex-post symmetric: the "
             "constrained optimum equals Rev.",
             over={"k": Samples(9, "values of Pr[v = 1] in 1/10..9/10")}, expect="SAMPLED",
             deviation="the joint reading of Def 2.2, under which footnote 10's example does not "
             "work (averaging an optimum over item permutations keeps it optimal).")
def a5_joint(k: int) -> bool:
    from verify.mech.fairness import multi_bidder_optimum

    r = R_GRID[k]
    rev, sym = multi_bidder_optimum(_yao(r)), multi_bidder_optimum(_yao(r), "joint")
    note(Rev=rev, JointSymRev=sym)
    return rev == sym
