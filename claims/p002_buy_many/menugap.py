"""Menu gaps: Definitions 1-2 remarks (S11 c-e), Claim 5 (S13), Claim 14 and Lemma 7 (S22,
S23), Observation 15 (S24), Eqs. (12)-(14) (S26), Lemma 8 (S27).

Statements over all sequences (X, Q) are checked exactly on every instance of a finite grid
(the `analogue` names it) with N, the number of points, as the parameter a user can raise;
steps whose variables are real vectors of fixed length are z3/sympy proofs per n.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from fractions import Fraction

import sympy as sp

from claims.p002_buy_many import paper
from claims.p002_buy_many.inequalities import pr, subsets
from verify import Forall, Ints, Reals, note
from verify.mech.buyk import coordinate_max, gap, lottery, menu_gap
from verify.mech.mechanisms import value
from verify.mech.types import SetFunctionType
from verify.paper import Reading

F = Fraction
Q_GRID = (F(0), F(1, 2), F(1))
X_GRID = (0, 1, 2)
GRID = ("n = 2 items, allocations in {0, 1/2, 1}^2, additive types in {0, 1, 2}^2 minus 0, "
        "every sequence of N points")

GRID_SMALL = ("n = 2 items, allocations in {0, 1/2, 1}^2, additive types (1,0), (0,1), (1,1), "
              "(1,2), (2,1), every sequence of N points")


def additive_instances(N: int, n: int = 2, small: bool = False) -> Iterator[tuple[list, list]]:
    xs_all = [x for x in itertools.product(X_GRID, repeat=n) if any(x)]
    if small:
        xs_all = [x for x in xs_all if sorted(x) in ([0, 1], [1, 1], [1, 2])]
    qs_all = list(itertools.product(Q_GRID, repeat=n))
    for xs in itertools.product(xs_all, repeat=N):
        for qs in itertools.product(qs_all, repeat=N):
            yield list(xs), [(F(0),) * n, *qs]


@paper.claim("S11.c", at=("Section 2, Lot of a multiset", 130),
             says="Lot counts multiplicity: m copies of q give Lot_j = 1 - (1 - q_j)^m.",
             over={"m": Ints(1)}, limit={"m": 8}, expect="CHECKED",
             analogue="q in {0, 1/4, 1/2, 3/4, 1}^2")
def lot_multiplicity(m: int) -> bool:
    grid = [F(i, 4) for i in range(5)]
    return all(lottery([q] * m, 2) == tuple(1 - (1 - c) ** m for c in q)
               for q in itertools.product(grid, repeat=2))


@paper.claim("S11.d", at=("Section 2, after Def. 2", 174),
             says="'For the case where k = 1, we exactly recover these earlier definitions': "
             "gap_i^1 = min_{j<i} x_i . (q_i - q_j).", over={"N": Ints(1)}, limit={"N": 2},
             expect="CHECKED", analogue=GRID)
def k1_gap(N: int) -> bool:
    for xs, qs in additive_instances(N):
        for i in range(1, N + 1):
            direct = min(value(xs[i - 1], qs[i]) - value(xs[i - 1], qs[j]) for j in range(i))
            if gap(xs, qs, i, 1)[0] != direct:
                note(X=str(xs), Q=str(qs), i=i)
                return False
    return True


@paper.claim("S11.e", at=("Def. 1, Eq. (1)", 156), role="assumption", of="S23",
             says="gap_i^k <= x_i(q_i) (take j_1 = .. = j_k = 0, q_0 = 0).",
             over={"N": Ints(1)}, limit={"N": 2}, expect="CHECKED", analogue=GRID_SMALL + ", k = 1, 2")
def gap_at_most_value(N: int) -> bool:
    return all(gap(xs, qs, i, k)[0] <= value(xs[i - 1], qs[i])
               for xs, qs in additive_instances(N, small=True) for i in range(1, N + 1)
               for k in (1, 2))


def drop_nonpositive(xs: list, qs: list, k: int) -> tuple[list, list]:
    keep = [i for i in range(1, len(xs) + 1) if gap(xs, qs, i, k)[0] > 0]
    return [xs[i - 1] for i in keep], [qs[0], *[qs[i] for i in keep]]


@paper.claim("S13", at=("Claim 5", 189, 193),
             says="Removing every pair (x_i, q_i) with gap_i^k(X, Q) <= 0 gives (X', Q') with "
             "MenuGap^k(X, Q) <= MenuGap^k(X', Q').", over={"N": Ints(1)}, limit={"N": 2},
             expect="CHECKED", analogue=GRID_SMALL + ", k = 1, 2",
             note="N = 3 (91 125 instances per k) takes minutes: --limit N=3.")
def claim5(N: int) -> bool:
    for k in (1, 2):
        for xs, qs in additive_instances(N, small=True):
            xs2, qs2 = drop_nonpositive(xs, qs, k)
            before = menu_gap(xs, qs, k)
            after = menu_gap(xs2, qs2, k) if xs2 else F(0)
            if before > after:
                note(X=str(xs), Q=str(qs), k=k, before=before, after=after)
                return False
    return True


@paper.claim("S13.step", at=("Claim 5 proof", 193), role="step", of="S13",
             says="Removing q_i can only raise later gaps: gap_j^k(X', Q') >= gap_j^k(X, Q) for "
             "every kept j (a minimum over fewer earlier points).", over={"N": Ints(1)},
             limit={"N": 2}, expect="CHECKED", analogue=GRID_SMALL + ", k = 1, 2, removing any one "
             "earlier point")
def claim5_step(N: int) -> bool:
    for k in (1, 2):
        for xs, qs in additive_instances(N, small=True):
            for r in range(1, N):
                xs2 = [x for i, x in enumerate(xs, 1) if i != r]
                qs2 = [q for i, q in enumerate(qs) if i != r]
                for j in range(r + 1, N + 1):
                    if gap(xs2, qs2, j - 1, k)[0] < gap(xs, qs, j, k)[0]:
                        return False
    return True


# ----------------------------------------------------------------------------- Lemma 7

def claim14_rhs(qs: list, i: int) -> Fraction:
    m_prev = coordinate_max(qs, i - 1)
    return sum((max(qs[i][d] - m_prev[d], F(0)) for d in range(len(m_prev))), F(0))


@paper.claim("S22", at=("Claim 14", 322, 351),
             says="For k = n and additive x_i != 0: gap_i^n(X, Q)/||x_i||_1 <= sum_d max{q_{i,d} "
             "- m_{i-1,d}, 0}.", over={"N": Ints(1)}, limit={"N": 2}, expect="CHECKED",
             analogue=GRID)
def claim14(N: int) -> bool:
    for xs, qs in additive_instances(N):
        for i in range(1, N + 1):
            if gap(xs, qs, i, 2)[0] / sum(xs[i - 1]) > claim14_rhs(qs, i):
                note(X=str(xs), Q=str(qs), i=i)
                return False
    return True


def _vec(name: str, n: int) -> list[sp.Symbol]:
    return list(sp.symbols(f"{name}1:{n + 1}", real=True))


@paper.claim("S22.chain", at=("Claim 14 proof, display", 340, 349), role="step", of="S22",
             says="With L_d >= m_d (Claim 4: Lot of the witnesses i*_d dominates m_{i-1}), x >= 0, "
             "||x||_1 = s > 0: sum_d x_d (q_d - L_d)/s <= sum_d x_d (q_d - m_d)/s <= sum_d "
             "max{0, q_d - m_d}.", over={"n": Ints(1)}, limit={"n": 3}, expect="CHECKED",
             note="each of the printed lines (l.340-349) is one conjunct; z3 per n.")
def claim14_chain(n: int) -> Forall:
    x, q, L, m = _vec("x", n), _vec("q", n), _vec("L", n), _vec("m", n)
    s = sp.Add(*x)
    line1 = sp.Add(*[x[d] * (q[d] - L[d]) for d in range(n)])
    line2 = sp.Add(*[x[d] * (q[d] - m[d]) for d in range(n)])
    line3 = sp.Add(*[sp.Max(0, q[d] - m[d]) for d in range(n)]) * s
    doms = {v: Reals(0) for v in x} | {v: Reals(0, 1) for v in (*q, *L, *m)}
    return Forall(doms, given={"L >= m": sp.And(*[sp.Ge(L[d], m[d]) for d in range(n)]),
                               "x != 0": sp.Gt(s, 0)},
                  then={"line 2 <= line 3": sp.Le(line1, line2),
                        "line 3 <= line 4": sp.Le(line2, line3)})


@paper.claim("S23", at=("Lemma 7", 205, 366),
             says="For all additive X (x_i != 0) and all Q: MenuGap^n(X, Q) <= n.",
             over={"N": Ints(1)}, limit={"N": 2}, expect="CHECKED", analogue=GRID)
def lemma7(N: int) -> bool:
    worst = F(0)
    for xs, qs in additive_instances(N):
        g = menu_gap(xs, qs, 2)
        worst = max(worst, g)
        if g > 2:
            note(X=str(xs), Q=str(qs), menu_gap=g)
            return False
    note(max_menu_gap=worst)
    return True


@paper.claim("S23.chain", at=("Lemma 7 proof", 355, 366), role="step", of="S23",
             says="Per coordinate, with q_i <= m_i, m_i = max(m_{i-1}, q_i), m_0 = 0: sum_i "
             "max{q_i - m_{i-1}, 0} <= sum_i max{m_i - m_{i-1}, 0} = sum_i (m_i - m_{i-1}) = m_N "
             "<= 1.", over={"N": Ints(1)}, limit={"N": 4}, expect="CHECKED",
             note="one coordinate suffices (the sums separate over d); z3 per N.")
def lemma7_chain(N: int) -> Forall:
    q = _vec("q", N)
    m = [sp.Integer(0)]
    for i in range(N):
        m.append(sp.Max(m[-1], q[i]))
    s1 = sp.Add(*[sp.Max(q[i] - m[i], 0) for i in range(N)])
    s2 = sp.Add(*[sp.Max(m[i + 1] - m[i], 0) for i in range(N)])
    s3 = sp.Add(*[m[i + 1] - m[i] for i in range(N)])
    return Forall({v: Reals(0, 1) for v in q},
                  then={"first <= second": sp.Le(s1, s2, evaluate=False),
                        "second <= third": sp.Le(s2, s3, evaluate=False),
                        "third <= 1": sp.Le(s3, 1, evaluate=False)})


@paper.claim("S24", at=("Observation 15", 368),
             says="X = Q = the standard basis of R^n gives MenuGap^n(X, Q) = n (Lemma 7 is "
             "tight).", over={"n": Ints(1)}, limit={"n": 5}, expect="CHECKED")
def observation15(n: int) -> bool:
    basis = [tuple(1 if d == j else 0 for d in range(n)) for j in range(n)]
    return menu_gap(basis, [(0,) * n, *basis], n) == n


# ----------------------------------------------------------------------------- Claim 16 identities

@paper.claim("S26", at=("Claim 16 proof, Eqs. (9)-(14)", 382, 403), role="step", of="S25",
             says="With p_i = q_i for i < n: Eq. (12) Pr(q, B+n) - Pr(p, B+n) = (q_n - p_n) W_B, "
             "Eq. (13) Pr(q, B) - Pr(p, B) = ((1-q_n) - (1-p_n)) W_B, W_B = prod_{i in B} q_i "
             "prod_{i notin B+n} (1 - q_i), and Eq. (14) v(q) - v(p) = sum_B p_B (v(B+n) - v(B)), "
             "for every B of [n-1] and every v.", over={"n": Ints(1)}, limit={"n": 3},
             expect="CHECKED")
def eqs_12_14(n: int) -> Forall:
    q = _vec("q", n)
    p = [*q[:-1], sp.Symbol("p_n", real=True)]
    vals = {s: sp.Symbol("v" + ("".join(str(j + 1) for j in s) or "0"), real=True)
            for s in subsets(n)}
    then: dict[str, sp.Basic] = {}
    total = sp.Integer(0)
    for B in subsets(n - 1):
        Bn = (*B, n - 1)
        w = sp.Mul(*[q[i] if i in B else 1 - q[i] for i in range(n - 1)])
        d_plus = pr(q, Bn) - pr(p, Bn)
        then[f"(12) B={B}"] = sp.Eq(d_plus, (q[-1] - p[-1]) * w, evaluate=False)
        then[f"(13) B={B}"] = sp.Eq(pr(q, B) - pr(p, B), ((1 - q[-1]) - (1 - p[-1])) * w,
                                    evaluate=False)
        total += d_plus * (vals[Bn] - vals[B])
    vq = sp.Add(*[vals[s] * pr(q, s) for s in subsets(n)])
    vp = sp.Add(*[vals[s] * pr(p, s) for s in subsets(n)])
    then["(14)"] = sp.Eq(vq - vp, total, evaluate=False)
    doms = {v: Reals(0, 1) for v in (*q, p[-1])} | {v: Reals() for v in vals.values()}
    return Forall(doms, then=then)


# ----------------------------------------------------------------------------- Lemma 8

def monotone_tables(n: int, top: int) -> Iterator[SetFunctionType]:
    sets = [frozenset(s) for s in subsets(n)]
    for vals in itertools.product(range(-top, top + 1), repeat=len(sets)):
        table = dict(zip(sets, vals, strict=True))
        if table[frozenset(range(n))] <= 0:
            continue
        if all(table[s] <= table[s | {j}] for s in sets for j in range(n) if j not in s):
            yield SetFunctionType(n, {tuple(sorted(s)): v for s, v in table.items()})


LEMMA8 = (Reading("R1", "valuations with v(empty) = 0 and v >= 0", kind="intended",
                  expect="CHECKED", normalised=True),
          Reading("R2", "monotone only, as defined at l.130 (v(empty) may be negative)",
                  kind="literal", expect="REFUTED", normalised=False))


@paper.claim("S27", at=("Lemma 8", 219, 440),
             says="For all monotone X and all Q: MenuGap^n(X, Q) <= n 2^n.",
             over={"N": Ints(1)}, limit={"N": 1}, readings=LEMMA8,
             analogue="n = 1, 2 items; monotone tables with integer values in [-2, 2] (R1: in "
             "[0, 2] with v(empty) = 0), v([n]) > 0; allocations in {0, 1/2, 1}^n; N points",
             note="N = 2 with n = 2 (about 10^5 instances) takes minutes: --limit N=2.")
def lemma8(N: int, normalised: bool) -> bool:
    for n in (1, 2):
        qs_all = list(itertools.product(Q_GRID, repeat=n))
        vals = [v for v in monotone_tables(n, 2)
                if not normalised or (v(()) == 0 and all(c >= 0 for c in v.values.values()))]
        for xs in itertools.product(vals, repeat=N):
            for qs in itertools.product(qs_all, repeat=N):
                g = menu_gap(list(xs), [(F(0),) * n, *qs], n)
                if g > n * 2**n:
                    note(n=n, X="; ".join(", ".join(f"v{sorted(s)} = {c}" for s, c in sorted(
                        x.values.items(), key=lambda kv: (len(kv[0]), sorted(kv[0]))))
                        for x in xs), Q=", ".join(str(tuple(map(str, q))) for q in qs),
                        menu_gap=g)
                    return False
    return True


HYBRID = (Reading("printed", "m^(0) = m_i, m^(n) = m_{i-1} as printed, with m^(j) matching m_i "
                  "on the first j coordinates and m_{i-1} on the rest", kind="literal",
                  expect="REFUTED", printed=True),
          Reading("swapped", "m^(0) = m_{i-1}, m^(n) = m_i (what 'matches m_i on the first j "
                  "coordinates' defines)", kind="intended", expect="PROVED", printed=False))


@paper.claim("S27.vi", at=("Lemma 8 proof, hybrid sequence", 424), role="step", of="S27",
             says="The hybrid sequence m_i = m^(0), ..., m^(n) = m_{i-1}, where m^(j) matches m_i "
             "on the first j coordinates and m_{i-1} on the last n - j, is well defined (its "
             "end points are as stated).", readings=HYBRID,
             note="the triangle inequality only needs consecutive hybrids to differ in one "
             "coordinate, which holds in either orientation.")
def hybrid(printed: bool) -> Forall:
    mi, mp = _vec("a", 2), _vec("b", 2)
    hyb = [[mi[d] if d < j else mp[d] for d in range(2)] for j in range(3)]
    first, last = (mi, mp) if printed else (mp, mi)
    return Forall({v: Reals(0, 1) for v in (*mi, *mp)},
                  given={"m_{i-1} <= m_i": sp.And(*[sp.Le(mp[d], mi[d]) for d in range(2)])},
                  then={f"m^({j})_{d + 1} as stated": sp.Eq(hyb[j][d], end[d], evaluate=False)
                        for j, end in ((0, first), (2, last)) for d in range(2)})


@paper.claim("S27.vii", at=("Lemma 8 proof", 430), role="step", of="S27",
             says="|Pr(m^(j), A) - Pr(m^(j-1), A)| <= m_{i,j} - m_{i-1,j} when m^(j), m^(j-1) "
             "differ only in coordinate j (m_{i-1} <= m_i), for every A.",
             over={"n": Ints(1)}, limit={"n": 3}, expect="CHECKED",
             deviation="the display prints both products with superscript (j) (then the left "
             "side is 0); encoded with (j-1) in the second product, as the text means.")
def pr_lipschitz(n: int) -> Forall:
    lo, hi = sp.Symbol("lo", real=True), sp.Symbol("hi", real=True)
    rest = _vec("r", n)
    then = {}
    for A in subsets(n):
        a_hi = pr([hi, *rest[1:]], A)
        a_lo = pr([lo, *rest[1:]], A)
        then[f"A={A}"] = sp.Le(sp.Abs(a_hi - a_lo), hi - lo)
    return Forall({lo: Reals(0, 1), hi: Reals(0, 1)} | {v: Reals(0, 1) for v in rest[1:]},
                  given={"lo <= hi": sp.Le(lo, hi)}, then=then)


@paper.claim("S27.iv", at=("Lemma 8 proof", 416, 420), role="step", of="S27",
             says="sum_A (v(A)/v([n])) [Pr(m_i, A) - Pr(m_{i-1}, A)] <= sum_A |Pr(m_i, A) - "
             "Pr(m_{i-1}, A)| 'since v_i(A) <= v_i([n]) by monotonicity'.",
             over={"n": Ints(1)}, limit={"n": 2},
             readings=(Reading("R1", "v(empty) = 0, v >= 0", kind="intended", expect="CHECKED",
                               normalised=True),
                       Reading("R2", "monotone only (v may be negative)", kind="literal",
                               expect="REFUTED", normalised=False)))
def lemma8_iv(n: int, normalised: bool) -> Forall:
    a, b = _vec("a", n), _vec("b", n)
    vals = {s: sp.Symbol("v" + ("".join(str(j + 1) for j in s) or "0"), real=True)
            for s in subsets(n)}
    full = vals[tuple(range(n))]
    lhs = sp.Add(*[vals[s] * (pr(a, s) - pr(b, s)) for s in subsets(n)])
    rhs = full * sp.Add(*[sp.Abs(pr(a, s) - pr(b, s)) for s in subsets(n)])
    given: dict[str, sp.Basic] = {
        "v monotone": sp.And(*[sp.Le(vals[s], vals[tuple(sorted((*s, j)))])
                               for s in subsets(n) for j in range(n) if j not in s]),
        "v([n]) > 0": sp.Gt(full, 0)}
    if normalised:
        given["v(empty) = 0"] = sp.Eq(vals[()], 0)
    doms = {v: Reals(0, 1) for v in (*a, *b)}
    doms |= {v: Reals(0) if normalised else Reals() for v in vals.values()}
    return Forall(doms, given=given, then={"times v([n])": sp.Le(lhs, rhs)})
