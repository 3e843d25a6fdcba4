"""Section 3.1, the proof of Lemma 6: Claims 9, 10 (S15, S16), Lemma 11 (S17), bins and
Claims 12, 13 (S18, S19), Eqs. (5)-(8) and the constant (S20, S21), Lemma 6 (S14).

Every statement about 'a buy-k IC mechanism M for D' is checked on every buy-k IC pair (D, M)
of a finite family (`IC_FAMILY`) plus the paper's own menus, exactly (best multisets by
enumeration, ties by the reading's rule); c ranges over a few values. The bins and
representatives are built as printed (l.264), δ = 1/100 or 0 (finite D)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from fractions import Fraction
from functools import cache

import sympy as sp

from claims.p002_buy_many import paper
from claims.p002_buy_many.model import EX1, EX1_MENU, EX2, M1_PRINTED
from verify import Forall, Ints, Reals, note
from verify.mech.buyk import (
    best_multisets,
    brev,
    buyk_ic_violation,
    gap,
    grand_value,
    menu_gap,
)
from verify.mech.distributions import Distribution
from verify.mech.mechanisms import Menu, MenuEntry
from verify.paper import Reading

F = Fraction
TYPES = [(1, 0), (0, 1), (2, 1), (3, 3)]
ALLOCS = [(1, 0), (0, 1), (1, 1), (F(1, 2), F(1, 2))]
PRICES = (1, 3, 9)
CS = (F(1), F(2), F(4))
IC_FAMILY = ("every prior uniform on 2-3 of the types (1,0), (0,1), (2,1), (3,3) and every menu "
             "of 1-2 entries with allocation in {(1,0), (0,1), (1,1), (1/2,1/2)} and price in "
             "{1, 3, 9} that is buy-k IC for it (seller ties), plus Example 1 with its menu and "
             "Example 2 with M_1 (k = 1); c in {1, 2, 4}")


def priors() -> list[Distribution]:
    return [Distribution.uniform(list(c)) for r in (2, 3) for c in itertools.combinations(TYPES, r)]


def menus() -> list[Menu]:
    entries = [(q, p) for q in ALLOCS for p in PRICES]
    return [Menu(tuple(c)) for r in (1, 2) for c in itertools.combinations(entries, r)]


@cache
def ic_pairs(k: int) -> tuple[tuple[Distribution, Menu], ...]:
    out = [(d, m) for d in priors() for m in menus() if buyk_ic_violation(m, d.support, k).ok]
    if k == 1:
        out += [(EX1, EX1_MENU), (EX2, M1_PRINTED)]
    return tuple(out)


def all_pairs() -> Iterator[tuple[Distribution, Menu]]:
    for d in priors():
        for m in menus():
            yield d, m


def sub_menu(menu: Menu, keep) -> Menu:
    live = [e for e in menu.entries if not e.is_null and keep(e)]
    return Menu((MenuEntry((0,) * menu.n, 0, "null"), *live))


def revenue(menu: Menu, d: Distribution, k: int, tie: str) -> Fraction:
    """Buy^kRev(D, M) under tie rule: 'seller', 'buyer-cheapest', or 'min'/'max' over all
    maximisers (R3: the revenue must hold for every selection)."""
    if tie in ("seller", "buyer-cheapest"):
        return d.expect(lambda x: best_multisets(x, menu, k, tie).price)
    pick = min if tie == "min" else max
    return d.expect(lambda x: pick(best_multisets(x, menu, k, "all").prices))


def band(p: Fraction, c: Fraction, k: int) -> int:
    """i with p in [c (2k)^i, c (2k)^(i+1)) (p >= c), exactly."""
    i = 0
    while p >= c * (2 * k) ** (i + 1):
        i += 1
    return i


def parity_menu(menu: Menu, c: Fraction, k: int, a: int) -> Menu:
    return sub_menu(menu, lambda e: e.p >= c and band(e.p, c, k) % 2 == a)


# ----------------------------------------------------------------------------- Claim 9

TIES = (Reading("R1", "ties to the seller (max price among maximisers)", kind="intended",
                expect="CHECKED", tie="seller"),
        Reading("R2", "ties to the buyer's cheapest maximiser", kind="alternative",
                expect="CHECKED", tie="buyer-cheapest"))


@paper.claim("S15", at=("Claim 9", 233, 235),
             says="M buy-k IC, M_c = the entries of price >= c: Buy^kRev(D, M_c) >= "
             "Buy^kRev(D, M) - c.", over={"k": Ints(1)}, limit={"k": 2}, readings=TIES,
             analogue=IC_FAMILY)
def claim9(k: int, tie: str) -> bool:
    lo = hi = tie
    for d, m in ic_pairs(k):
        for c in CS:
            mc = sub_menu(m, lambda e, c=c: e.p >= c)
            if revenue(mc, d, k, lo) < revenue(m, d, k, hi) - c:
                note(prior=str(d), menu=str(m), c=c)
                return False
    return True


@paper.claim("S15.i", at=("Claim 9 proof", 235), role="step", of="S15",
             says="A type whose chosen entry in M has price >= c buys the same entry in M_c.",
             over={"k": Ints(1)}, limit={"k": 2}, expect="CHECKED", analogue=IC_FAMILY,
             deviation="ties to the seller in both menus.")
def claim9_i(k: int) -> bool:
    for d, m in ic_pairs(k):
        for c in CS:
            mc = sub_menu(m, lambda e, c=c: e.p >= c)
            for x in d.support:
                ch = best_multisets(x, m, k, "seller")
                bag = ch.pick
                if ch.price >= c and len(bag) == 1:  # type: ignore[arg-type]
                    e = m.entries[bag[0]]  # type: ignore[index]
                    new = best_multisets(x, mc, k, "seller")
                    if [mc.entries[i] for i in new.pick] != [e]:  # type: ignore[union-attr]
                        return False
    return True


# ----------------------------------------------------------------------------- Claim 10

HYP = (Reading("R3", "M = M_c from a buy-k IC menu (all prices >= c), as Lemma 11 uses it",
               kind="intended", expect="CHECKED", hyp="Mc"),
       Reading("R1", "'Let M be a mechanism': any menu, any prices", kind="literal",
               expect="REFUTED", hyp="any"),
       Reading("R1c", "any menu (not necessarily buy-k IC) with all prices >= c",
               kind="alternative", expect="CHECKED", hyp="any>=c"))


def claim10_cases(k: int, hyp: str) -> Iterator[tuple[Distribution, Menu, Fraction]]:
    if hyp in ("any", "any>=c"):
        for d, m in all_pairs():
            for c in CS:
                if hyp == "any" or all(e.p >= c for e in m.entries if not e.is_null):
                    yield d, m, c
        return
    for d, m in ic_pairs(k):
        for c in CS:
            yield d, (sub_menu(m, lambda e, c=c: e.p >= c) if hyp == "Mc" else m), c


@paper.claim("S16", at=("Claim 10", 237, 248),
             says="With M_1, M_2 the entries priced in the even resp. odd bands [c(2k)^i, "
             "c(2k)^(i+1)): max_i Buy^kRev(D, M_i) >= Buy^kRev(D, M)/2.",
             over={"k": Ints(1)}, limit={"k": 2}, readings=HYP, analogue=IC_FAMILY + "; R1: "
             "every menu of the family (not only the IC ones)", deviation="ties to the seller.")
def claim10(k: int, hyp: str) -> bool:
    for d, m, c in claim10_cases(k, hyp):
        whole = revenue(m, d, k, "seller")
        parts = [revenue(parity_menu(m, c, k, a), d, k, "seller") for a in (0, 1)]
        if max(parts) < whole / 2:
            note(prior=str(d), menu=str(m), c=c, whole=whole, parts=str(parts))
            return False
    return True


@paper.claim("S16.i", at=("Claim 10 proof", 246), role="step", of="S16",
             says="Buy^kRev(D, M) <= Buy^kRev(D, M_1) + Buy^kRev(D, M_2) 'because M_1 u M_2 = M'.",
             over={"k": Ints(1)}, limit={"k": 2}, readings=HYP, analogue=IC_FAMILY,
             deviation="ties to the seller.")
def claim10_i(k: int, hyp: str) -> bool:
    for d, m, c in claim10_cases(k, hyp):
        whole = revenue(m, d, k, "seller")
        if whole > sum(revenue(parity_menu(m, c, k, a), d, k, "seller") for a in (0, 1)):
            note(prior=str(d), menu=str(m), c=c)
            return False
    return True


# ----------------------------------------------------------------------------- bins, Claims 12-13

def construction(d: Distribution, m: Menu, k: int, c: Fraction, delta: Fraction, a: int,
                 membership: str):
    """M'' (parity a of M_c), bins B_j, representatives x_j and (X, Q) as printed (l.264)."""
    m2 = parity_menu(m, c, k, a)
    bins: dict[int, list] = {}
    for x in d.support:
        if membership == "M":
            bag = best_multisets(x, m, k, "seller").pick
            e = m.entries[bag[0]] if len(bag) == 1 else None  # type: ignore[arg-type, index]
        else:
            bag = best_multisets(x, m2, k, "seller").pick
            e = m2.entries[bag[0]] if len(bag) == 1 else None  # type: ignore[arg-type, index]
        if e is None or e.is_null or e.p < c or band(e.p, c, k) % 2 != a:
            continue
        bins.setdefault(band(e.p, c, k) // 2, []).append((x, e))
    reps = {}
    for j, members in bins.items():
        x_j, e_j = min(members, key=lambda t: grand_value(t[0]))
        assert all(grand_value(x_j) <= (1 + delta) * grand_value(x) for x, _ in members)
        reps[j] = (x_j, e_j)
    order = sorted(reps)
    X = [reps[j][0] for j in order]
    Q = [(0,) * m.n, *[reps[j][1].q for j in order]]
    return m2, bins, reps, order, X, Q


def member(r1: str) -> tuple[Reading, Reading]:
    return (Reading("R1", "x in B_j if (p(x), q(x)), the entry x chooses in the buy-k IC M, is "
                    "in B_j (l.264 as printed)", kind="literal", expect=r1, membership="M"),
            Reading("R2", "x in B_j if x's best response in M'' is a single entry of B_j",
                    kind="alternative", expect="CHECKED", membership="M2"))


def instances(k: int):
    for d, m in ic_pairs(k):
        for c in CS:
            for a in (0, 1):
                yield d, m, c, a


@paper.claim("S18", at=("Claim 12", 266, 272),
             says="Pr(x in B_j) <= BRev(D)(1 + delta)/x_j([n]).", over={"k": Ints(1)},
             limit={"k": 1}, readings=member("CHECKED"),
             analogue=IC_FAMILY + ", delta = 1/100, a in {0, 1}")
def claim12(k: int, membership: str) -> bool:
    delta = F(1, 100)
    for d, m, c, a in instances(k):
        _, bins, reps, _, _, _ = construction(d, m, k, c, delta, a, membership)
        b = brev(d).revenue
        for j, members in bins.items():
            if sum(d.mass(x) for x, _ in members) > b * (1 + delta) / grand_value(reps[j][0]):
                return False
    return True


@paper.claim("S19", at=("Claim 13", 274, 288),
             says="gap_j^k(X, Q)/x_j([n]) >= p_j/(2 x_j([n])) >= Pr(x in B_j) p_j/(2 BRev(D)(1 + "
             "delta)).", over={"k": Ints(1)}, limit={"k": 1},
             readings=member("CHECKED"), analogue=IC_FAMILY + ", delta = 1/100, a in {0, 1}")
def claim13(k: int, membership: str) -> bool:
    delta = F(1, 100)
    for d, m, c, a in instances(k):
        _, bins, reps, order, X, Q = construction(d, m, k, c, delta, a, membership)
        b = brev(d).revenue
        for idx, j in enumerate(order, 1):
            xv = grand_value(X[idx - 1])
            p_j = reps[j][1].p
            g = gap(X, Q, idx, k)[0]
            prob = sum(d.mass(x) for x, _ in bins[j])
            if not (g / xv >= p_j / (2 * xv) >= prob * p_j / (2 * b * (1 + delta))):
                note(prior=str(d), menu=str(m), c=c, a=a, j=j)
                return False
    return True


@paper.claim("S19.iv", at=("Claim 13 proof", 286), role="step", of="S19",
             says="If p >= 2k p_i >= 0 for i = 1..k then p - sum_i p_i >= p/2.",
             over={"k": Ints(1)}, limit={"k": 6}, expect="CHECKED")
def claim13_iv(k: int) -> Forall:
    ps = list(sp.symbols(f"p1:{k + 1}", real=True))
    P = sp.Symbol("P", real=True)
    return Forall({P: Reals(0), **{v: Reals(0) for v in ps}},
                  given={f"p >= 2k p_{i + 1}": sp.Ge(P, 2 * k * v) for i, v in enumerate(ps)},
                  then={"p - sum >= p/2": sp.Ge(P - sp.Add(*ps), P / 2)})


@paper.claim("S19.iii", at=("Claim 13 proof", 286), role="step", of="S19",
             says="For same-parity bins j' < j: p_j >= c(2k)^{2j+a} and p_{j'} < c(2k)^{2j'+a+1} "
             "give p_j >= 2k p_{j'}.", over={"k": Ints(1)}, limit={"k": 6}, expect="CHECKED")
def claim13_iii(k: int) -> Forall:
    c, e, pj, pi = sp.symbols("c e p_j p_i", real=True)  # e = (2k)^{2j'+a+1}, j >= j'+1
    return Forall({c: Reals(0, lo_open=True), e: Reals(1), pj: Reals(0), pi: Reals(0)},
                  given={"p_j >= c e (2k)": sp.Ge(pj, c * e * 2 * k),
                         "p_j' < c e": sp.Lt(pi, c * e)},
                  then={"p_j >= 2k p_j'": sp.Ge(pj, 2 * k * pi)})


# ----------------------------------------------------------------------------- Eqs. (5)-(8), Lemma 6

@paper.claim("S20", at=("Proof of Lemma 6, Eq. (5)", 290, 295),
             says="Buy^kRev(D, M'') = sum_j sum_{x in B_j} p(x) f(x) <= sum_j Pr(x in B_j) 2k p_j.",
             over={"k": Ints(1)}, limit={"k": 1}, readings=member("REFUTED"),
             analogue=IC_FAMILY + ", delta = 1/100, a in {0, 1}", deviation="ties to the seller.")
def eq5(k: int, membership: str) -> bool:
    delta = F(1, 100)
    for d, m, c, a in instances(k):
        m2, bins, reps, _, _, _ = construction(d, m, k, c, delta, a, membership)
        rev = revenue(m2, d, k, "seller")
        middle = sum((d.mass(x) * e.p for members in bins.values() for x, e in members), F(0))
        right = sum((sum(d.mass(x) for x, _ in bins[j]) * 2 * k * reps[j][1].p for j in bins),
                    F(0))
        if not rev == middle <= right:
            note(prior=str(d), menu=str(m), c=c, a=a, revenue=rev, middle=middle, right=right)
            return False
    return True


@paper.claim("S21.const", at=("Proof of Lemma 6, l.310-312", 310, 312), role="step", of="S14",
             says="With c = Rev/100, delta = 1/100: 99/(101 * 8k) >= 1/(9k) for every k >= 1.",
             expect="PROVED")
def lemma6_constant() -> Forall:
    k = sp.Symbol("k", real=True)
    return Forall({k: Reals(1)}, then={"constant": sp.Ge(sp.Rational(99, 808) / k,
                                                         sp.Rational(1, 9) / k)})


@paper.claim("S21", at=("Proof of Lemma 6, Eqs. (6)-(8)", 297, 308), role="step", of="S14",
             says="(6) MenuGap^k(X, Q) >= sum_j Pr(B_j) p_j/(2 BRev(1+delta)); (7) sum_j Pr(B_j) "
             "p_j >= Buy^kRev(D, M'')/(2k); (8) MenuGap^k >= (Buy^kRev(D, M) - c)/(8k BRev "
             "(1+delta)) for the better parity a.", over={"k": Ints(1)}, limit={"k": 1},
             readings=member("REFUTED"), analogue=IC_FAMILY + ", delta = 1/100",
             deviation="ties to the seller; 'better parity' = the a with the larger "
             "Buy^kRev(D, M'') (Lemma 11's choice).")
def eqs6_8(k: int, membership: str) -> bool:
    delta = F(1, 100)
    for d, m in ic_pairs(k):
        b = brev(d).revenue
        whole = revenue(m, d, k, "seller")
        for c in CS:
            best_a = max((0, 1), key=lambda a, c=c: revenue(parity_menu(m, c, k, a), d, k,
                                                            "seller"))
            m2, bins, reps, order, X, Q = construction(d, m, k, c, delta, best_a, membership)
            s = sum((sum(d.mass(x) for x, _ in bins[j]) * reps[j][1].p for j in bins), F(0))
            mg = menu_gap(X, Q, k) if X else F(0)
            if not (mg >= s / (2 * b * (1 + delta))
                    and s >= revenue(m2, d, k, "seller") / (2 * k)
                    and mg >= (whole - c) / (8 * k * b * (1 + delta))):
                note(prior=str(d), menu=show_menu(m), c=c, a=best_a, menu_gap=mg, sum=s)
                return False
    return True


def show_menu(m: Menu) -> str:
    return "; ".join(f"q = ({', '.join(map(str, e.q))}), p = {e.p}" for e in m.entries
                     if not e.is_null)


@paper.claim("S14.construction", at=("Proof of Lemma 6", 264, 312), role="step", of="S14",
             says="The printed construction (c = Buy^kRev(D, M)/100, delta = 1/100, M'' the "
             "better parity of M_c, bins B_j, representatives x_j, Q their allocations) gives "
             "MenuGap^k(X, Q) >= Buy^kRev(D, M)/(9k BRev(D)).", over={"k": Ints(1)},
             limit={"k": 1}, readings=member("REFUTED"), analogue=IC_FAMILY + " (additive types)")
def lemma6_construction(k: int, membership: str) -> bool:
    delta = F(1, 100)
    for d, m in ic_pairs(k):
        whole = revenue(m, d, k, "seller")
        if whole == 0:
            continue
        c = whole / 100
        best_a = max((0, 1), key=lambda a: revenue(parity_menu(m, c, k, a), d, k, "seller"))
        *_, X, Q = construction(d, m, k, c, delta, best_a, membership)
        mg = menu_gap(X, Q, k) if X else F(0)
        if mg < whole / (9 * k * brev(d).revenue):
            note(prior=str(d), menu=show_menu(m), a=best_a, menu_gap=mg,
                 bound=whole / (9 * k * brev(d).revenue))
            return False
    return True


def sequence_reaching(d: Distribution, m: Menu, k: int, bound: Fraction) -> bool:
    """Is there an ordered sequence of distinct support types, each paired with an allocation
    of M (q_0 = 0), with MenuGap^k >= bound? Exhaustive, shortest sequences first."""
    support = [x for x in d.support if grand_value(x) > 0]
    allocs = [e.q for e in m.entries if not e.is_null]
    for r in range(1, len(support) + 1):
        for xs in itertools.permutations(support, r):
            for qs in itertools.product(allocs, repeat=r):
                if menu_gap(list(xs), [(0,) * m.n, *qs], k) >= bound:
                    return True
    return False


@paper.claim("S14", at=("Lemma 6", 199, 201),
             says="For every D of monotone valuations and every buy-k IC M there are X in the "
             "support and Q in M's allocations (q_0 = 0) with MenuGap^k(X, Q) >= Buy^kRev(D, M)"
             "/(9k BRev(D)).", over={"k": Ints(1)}, limit={"k": 2}, expect="CHECKED",
             analogue=IC_FAMILY + " (additive types)",
             note="existential form: every ordered sequence of distinct support types with "
             "every choice of M's allocations is tried, shortest first, until one reaches the "
             "bound.")
def lemma6(k: int) -> bool:
    for d, m in ic_pairs(k):
        whole = revenue(m, d, k, "seller")
        if whole == 0:
            continue
        if not sequence_reaching(d, m, k, whole / (9 * k * brev(d).revenue)):
            note(prior=str(d), menu=show_menu(m))
            return False
    return True


@paper.claim("S17", at=("Lemma 11", 250, 256),
             says="There is a sub-menu M'' of the buy-k IC M with all prices >= c, all prices "
             "in the bands of one parity a, and Buy^kRev(D, M'') >= (Buy^kRev(D, M) - c)/2.",
             over={"k": Ints(1)}, limit={"k": 2}, expect="CHECKED", analogue=IC_FAMILY,
             deviation="reading R1 of the third bullet ('Buy^kRev(D) c / 2' printed without an "
             "operator, l.254): (Buy^kRev(D, M) - c)/2 as the proof's last display; ties to the "
             "seller.")
def lemma11(k: int) -> bool:
    for d, m in ic_pairs(k):
        whole = revenue(m, d, k, "seller")
        for c in CS:
            if max(revenue(parity_menu(m, c, k, a), d, k, "seller") for a in (0, 1)) < (
                    whole - c) / 2:
                return False
    return True


