"""Appendix E of the symmetric-fairness paper: the reductions of Theorem 3.6's proof, Lemma E.3
(point mass in sum) and Lemma E.4 (symmetrisation), spec E-1, E-2, on every correlated prior of
a small slice: supports of size <= 3 in {0,1,2}^2 with masses of denominator <= 3.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from fractions import Fraction

from claims.p000_symmetric_fairness import paper
from verify import Ints, note
from verify.domains import Priors
from verify.mech.buyk import brev
from verify.mech.distributions import Distribution
from verify.mech.fairness import ssrev
from verify.paper import Reading

F = Fraction
SLICE = ("per m, every prior on {0,1,2}^m whose support has at most 3 points, with masses of "
         "denominator <= 3")


def priors(m: int) -> Iterator[Distribution]:
    """Every prior of the slice, smallest support first."""
    grid = list(itertools.product(map(F, range(3)), repeat=m))
    for k in (1, 2, 3):
        masses = Priors(k, 3, full=True).values
        for pts in itertools.combinations(grid, k):
            for ms in masses:
                yield Distribution(dict(zip(pts, ms, strict=True)))


def _text(d: Distribution) -> str:
    return ", ".join(f"({', '.join(str(x) for x in v)}): {p}" for v, p in d.items())


def _pms(d: Distribution, strict: bool) -> tuple[Distribution, Distribution | None, Fraction]:
    """D'' (vectors with sum > p_B (strict) or >= p_B scaled proportionally to sum p_B, the
    rest zeroed), D' = D'' given sum = p_B (None if empty), and q."""
    p_b = brev(d).price
    m = d.dim
    acc: dict[tuple, Fraction] = {}
    for v, w in d.items():
        s = sum(v, F(0))
        keep = s > p_b if strict else s >= p_b
        key = tuple(x * p_b / s for x in v) if keep and s else (F(0),) * m
        acc[key] = acc.get(key, F(0)) + w
    d2 = Distribution(acc)
    q = d2.probability(lambda v: sum(v, F(0)) == p_b and p_b > 0)
    d1 = d2.condition(lambda v: sum(v, F(0)) == p_b) if q else None
    return d2, d1, q


def _ratio(d: Distribution) -> Fraction | None:
    s = ssrev(d).revenue
    return None if not s else brev(d).revenue / s


STRICT = (
    Reading("ge", "Pr[sum_j v_j >= p_B] (the definition of BRev)", kind="intended",
            expect="CHECKED", strict=False),
    Reading("gt", "Pr[sum_j v_j > p_B] as printed", kind="literal", expect="REFUTED",
            strict=True),
)


@paper.claim("E-1.a", at=("Lemma E.3 proof", 841), role="step", of="E-1",
             says="With p_B the optimal bundle price and q = Pr[sum_j v_j > p_B]: BRev(D) = p_B q.",
             over={"m": Ints(1)}, limit={"m": 2}, readings=STRICT, note=SLICE + ".")
def e1a(m: int, strict: bool) -> bool:
    for d in priors(m):
        b = brev(d)
        q = d.probability(lambda v, p=b.price: (sum(v, F(0)) > p) if strict
                          else (sum(v, F(0)) >= p))
        if b.revenue != b.price * q:
            note(D=_text(d), p_B=b.price, q=q, BRev=b.revenue)
            return False
    return True


@paper.claim("E-1.b", at=("Lemma E.3 proof", 841), role="step", of="E-1",
             says="D'' (sum above p_B scaled to p_B, the rest zeroed) has BRev(D'') >= BRev(D) "
             "and SSRev(D'') <= SSRev(D).",
             over={"m": Ints(1)}, limit={"m": 2}, readings=STRICT,
             deviation="the paper does not say how a vector is scaled to sum p_B; proportional "
             "scaling (v p_B / sum v) is used.", note=SLICE + ".")
def e1b(m: int, strict: bool) -> bool:
    for d in priors(m):
        d2, _, _ = _pms(d, strict)
        if brev(d2).revenue < brev(d).revenue or ssrev(d2).revenue > ssrev(d).revenue:
            note(D=_text(d), D2=_text(d2), BRev=brev(d).revenue, BRev2=brev(d2).revenue,
                 SSRev=ssrev(d).revenue, SSRev2=ssrev(d2).revenue)
            return False
    return True


CDF = (
    Reading("lowered", "values are lowered: F''_j(x) >= F_j(x) for every item j and x (what the "
            "sentence's 'lowered in a stochastically dominating way' means)", kind="intended",
            expect="CHECKED", printed=False),
    Reading("printed", "F''(x) <= F(x) for all x, as printed, per item marginal",
            kind="literal", expect="REFUTED", printed=True),
)


@paper.claim("E-1.c", at=("Lemma E.3 proof", 841), role="step", of="E-1",
             says="'F''(x) <= F(x) for all x, and so values are lowered in a stochastically "
             "dominating way'.", over={"m": Ints(1)}, limit={"m": 2}, readings=CDF,
             note=SLICE + "; the '>=' construction of D''.")
def e1c(m: int, printed: bool) -> bool:
    for d in priors(m):
        d2, _, _ = _pms(d, False)
        for j in range(m):
            a, b = d.marginal(j), d2.marginal(j)
            for x in set(a.support) | set(b.support):
                ok = b.cdf(x) <= a.cdf(x) if printed else b.cdf(x) >= a.cdf(x)
                if not ok:
                    note(D=_text(d), item=j + 1, x=x, F=a.cdf(x), F2=b.cdf(x))
                    return False
    return True


@paper.claim("E-1", at=("Lemma E.3", 839, 847),
             says="Every D has a point-mass-in-sum D' with BRev(D')/SSRev(D') >= "
             "BRev(D)/SSRev(D); the proof's D' is D'' conditioned on sum = p_B.",
             over={"m": Ints(1)}, limit={"m": 2}, expect="CHECKED",
             note=SLICE + "; D' built as in the proof with '>=' and proportional scaling; D "
             "with SSRev(D) = 0 skipped (ratio undefined).")
def e1(m: int) -> bool:
    for d in priors(m):
        r = _ratio(d)
        if r is None:
            continue
        _, d1, q = _pms(d, False)
        r1 = None if d1 is None else _ratio(d1)
        if r1 is None or r1 < r:
            note(D=_text(d), ratio=r, ratio_Dprime=r1)
            return False
    return True


def _symmetrised(d: Distribution) -> Distribution:
    m = d.dim
    perms = list(itertools.permutations(range(m)))
    acc: dict[tuple, Fraction] = {}
    for v, w in d.items():
        for s in perms:
            key = tuple(v[s[j]] for j in range(m))
            acc[key] = acc.get(key, F(0)) + w / len(perms)
    return Distribution(acc)


@paper.claim("E-2", at=("Lemma E.4", 849, 853),
             says="Randomly permuting the coordinates of v ~ D gives a symmetric D' with "
             "BRev(D') = BRev(D) and SSRev(D') = SSRev(D) = SRev(D').",
             over={"m": Ints(1)}, limit={"m": 2}, expect="CHECKED",
             note=SLICE + "; m = 3 (3303 priors) takes about 17 s.")
def e2(m: int) -> bool:
    from verify.mech.fairness import srev

    for d in priors(m):
        ds = _symmetrised(d)
        if not (brev(ds).revenue == brev(d).revenue and ssrev(ds).revenue == ssrev(d).revenue
                == srev(ds)):
            note(D=_text(d))
            return False
    return True


@paper.claim("E-2.b", at=("Lemma E.4 proof", 853), role="step", of="E-2",
             says="'Pr[v'_k >= p] = sum_j (1/m) Pr[v_j > p]' for the symmetrised D'.",
             over={"m": Ints(1)}, limit={"m": 2}, readings=(
                 Reading("ge", "Pr[v_j >= p] on the right (the intended identity)",
                         kind="intended", expect="CHECKED", strict=False),
                 Reading("gt", "Pr[v_j > p] as printed", kind="literal", expect="REFUTED",
                         strict=True)),
             note=SLICE + "; every k and every positive p in the union of the supports.")
def e2b(m: int, strict: bool) -> bool:
    for d in priors(m):
        ds = _symmetrised(d)
        for p in sorted({x for v in d.support for x in v if x > 0}):
            rhs = sum((d.probability(lambda v, j=j, p=p: v[j] > p if strict else v[j] >= p)
                       for j in range(m)), F(0)) / m
            for k in range(m):
                if ds.probability(lambda v, k=k, p=p: v[k] >= p) != rhs:
                    note(D=_text(d), k=k + 1, p=p, rhs=rhs)
                    return False
    return True


@paper.claim("B-11", at=("Lemma B.10 ([10, 32])", 454, 456),
             says="For a finite, possibly correlated D and any partition S, S-bar of the items: "
             "Rev(D) <= E[sum_{j in S} v_j] + E_{v_S}[Rev(D_S-bar | v_S)].",
             over={"m": Ints(2)}, limit={"m": 2}, expect="CHECKED",
             note=SLICE + "; both partitions {1}|{2} and {2}|{1}; Rev(D) a certified LP over all "
             "truthful menus, the conditionals single-item optimal prices.")
def b11(m: int) -> bool:
    from verify.mech.fairness import optimum
    from verify.mech.single_item import optimal_reserve

    for d in priors(m):
        rev = optimum(d, "rev").revenue
        for s in range(m):
            rest = [j for j in range(m) if j != s]
            assert len(rest) == 1
            other = rest[0]
            first = d.expect(lambda v, s=s: v[s])
            cond = d.marginal(s).expect(lambda x, s=s, other=other, d=d: optimal_reserve(
                d.condition(lambda v, x=x, s=s: v[s] == x).marginal(other)).revenue)
            if rev > first + cond:
                note(D=_text(d), S=s + 1, Rev=rev, bound=first + cond)
                return False
    return True
