"""Class-B entries of the buy-many paper, decided by the sympy -> z3 path.

S12 Claim 4 (l.182-185), S2 (b) subadditive prices (l.44), S11 (a)/(b) definitional
identities (l.130-172), S25 Claim 16 (l.374-405). The all-n statements are PROVED by induction
from a step over real variables that z3 decides; the per-n checks are the engine's own.
"""

from __future__ import annotations

import itertools

import sympy as sp

from claims.p002_buy_many import paper
from verify import Derivation, Forall, Ints, Reals
from verify.paper import Reading

OWN_INDUCTION = "a step of the project's induction, not a printed step"


def lottery(qs: list[sp.Expr]) -> sp.Expr:
    """Lot(q_1..q_k)_j = 1 - prod (1 - q_ij), one coordinate."""
    return 1 - sp.Mul(*[(1 - q) for q in qs])


@paper.claim("S12", at=("Claim 4", 182, 185),
             says="For all k >= 1, q_1..q_k in [0,1]^n and j in [n]: "
             "Lot(q_1..q_k)_j >= max_i q_ij (one coordinate suffices: coordinates are "
             "independent).",
             over={"k": Ints(1)}, limit={"k": 5}, expect="PROVED",
             by=Derivation(("p002/S12.step",), "induction on k (base k = 1: Lot(q_1) = q_1)"))
def claim4(k: int) -> Forall:
    qs = list(sp.symbols(f"q1:{k + 1}", real=True))
    lot = lottery(qs)
    return Forall({q: Reals(0, 1) for q in qs},
                  then={f"Lot >= q{i + 1}": sp.Ge(lot, q, evaluate=False)
                        for i, q in enumerate(qs)})


@paper.claim("S12.step", at=("Claim 4", 182, 185), role="step", of="S12",
             says="Induction step: if L = Lot(q_1..q_k)_j in [0,1] with L >= m, and q in [0,1], "
             "then Lot(q_1..q_k, q)_j = 1 - (1-L)(1-q) >= max(m, q).", expect="PROVED",
             deviation=f"{OWN_INDUCTION}: the printed proof (l.185) expands "
             "(1 - q_1j)(1 - prod_{i>=2}(1 - q_ij)) >= 0 directly.")
def claim4_step() -> Forall:
    L, m, q = sp.symbols("L m q", real=True)
    new = 1 - (1 - L) * (1 - q)
    return Forall({L: Reals(0, 1), m: Reals(0, 1), q: Reals(0, 1)},
                  given={"IH": sp.Ge(L, m)},
                  then={"new >= m": sp.Ge(new, m), "new >= q": sp.Ge(new, q)})


# S2 (b): a deterministic menu with entries S, T, S u T (S, T disjoint) and the null entry.
# Buying a multiset of deterministic entries allocates the union of their sets, so a type's
# value for a multiset is its value for the union; a menu entry is a set and a price.
S2_ENTRIES = ("S", "T", "ST")
S2_UNION = {frozenset(): "0", frozenset({"S"}): "S", frozenset({"T"}): "T",
            frozenset({"S", "T"}): "ST", frozenset({"ST"}): "ST", frozenset({"S", "ST"}): "ST",
            frozenset({"T", "ST"}): "ST"}


@paper.claim("S2.b", at=("Section 1, subadditive prices", 44),
             says="'the prices in (deterministic) buy-many mechanisms are always sub-additive: "
             "for any two disjoint sets of items S, T, p(S) + p(T) >= p(S u T)': in a "
             "deterministic menu offering S, T and S u T at prices p_S, p_T, p_ST >= 0, a "
             "monotone type that buys S u T under buy-2 IC (against every multiset of at most "
             "two entries) has p_ST <= p_S + p_T.", expect="PROVED",
             deviation="the informal sentence read under the revelation-principle convention "
             "that S u T is the entry some type chooses (an entry nobody chooses can carry any "
             "price); entries other than S, T, S u T only add IC constraints.",
             note="an instance of the buy-2 IC definition (the deviation to the multiset "
             "{S, T}), not a theorem: the spec calls the sentence informal (class E as stated); "
             "here the hypothesis is the whole definition, not the one constraint that is the "
             "conclusion.")
def subadditive() -> Forall:
    v = {name: sp.Symbol(f"v{name}", real=True) for name in ("0", "S", "T", "ST")}
    p = {name: sp.Symbol(f"p{name}", real=True) for name in S2_ENTRIES}
    chosen = v["ST"] - p["ST"]
    given: dict[str, sp.Basic] = {
        "v monotone": sp.And(sp.Le(v["0"], v["S"]), sp.Le(v["0"], v["T"]),
                             sp.Le(v["S"], v["ST"]), sp.Le(v["T"], v["ST"]))}
    for size in (0, 1, 2):
        for bag in itertools.combinations_with_replacement(S2_ENTRIES, size):
            value = v[S2_UNION[frozenset(bag)]]
            given[f"buy-2 IC vs {{{', '.join(bag)}}}"] = sp.Ge(
                chosen, value - sp.Add(*[p[e] for e in bag]), evaluate=False)
    return Forall({**{s: Reals() for s in v.values()}, **{s: Reals(0) for s in p.values()}},
                  given=given, then={"p_ST <= p_S + p_T": sp.Le(p["ST"], p["S"] + p["T"])})


def pr(q: list[sp.Expr], subset: tuple[int, ...]) -> sp.Expr:
    """Pr(q, S) = prod_{j in S} q_j prod_{j not in S} (1 - q_j)."""
    return sp.Mul(*[q[j] if j in subset else 1 - q[j] for j in range(len(q))])


def subsets(n: int) -> list[tuple[int, ...]]:
    return [s for r in range(n + 1) for s in itertools.combinations(range(n), r)]


SPLIT = ("the subsets of [n+1] are B and B u {n+1} for B in [n], with Pr(q, B) = "
         "Pr(q', B)(1 - q_{n+1}) and Pr(q, B u {n+1}) = Pr(q', B) q_{n+1}")


@paper.claim("S11.b", at=("Section 2, value of a random allocation", 130),
             says="sum over S of Pr(q, S) = 1, for every n >= 1 and q in [0,1]^n.",
             over={"n": Ints(1)}, limit={"n": 4}, expect="PROVED",
             note="implicit in the definition at l.130 (Pr(q, .) is a distribution over the "
             "subsets); not printed as a claim.",
             by=Derivation(("p002/S11.b.step",), f"induction on n (base n = 1: q + (1 - q) = 1): "
                           f"{SPLIT}"))
def probabilities_sum(n: int) -> Forall:
    q = list(sp.symbols(f"q1:{n + 1}", real=True))
    return Forall({v: Reals(0, 1) for v in q},
                  then={"sum Pr = 1": sp.Eq(sp.Add(*[pr(q, s) for s in subsets(n)]), 1,
                                             evaluate=False)})


@paper.claim("S11.b.step", at=("Section 2, value of a random allocation", 130), role="step",
             of="S11.b", says="If P = sum_{B in [n]} Pr(q', B) = 1 and q_{n+1} in [0,1], then "
             "sum_{S in [n+1]} Pr(q, S) = P(1 - q_{n+1}) + P q_{n+1} = 1.", expect="PROVED",
             deviation=OWN_INDUCTION + " (the paper prints no proof).")
def probabilities_sum_step() -> Forall:
    P, q = sp.symbols("P q", real=True)
    return Forall({P: Reals(), q: Reals(0, 1)}, given={"IH": sp.Eq(P, 1)},
                  then={"sum Pr = 1": sp.Eq(P * (1 - q) + P * q, 1)})


@paper.claim("S11.a", at=("Section 2, Def. 2 a special case of Def. 1", 164, 172),
             says="'One can check that the following definition is a special case of "
             "Definition 1': for additive x, sum_S x(S) Pr(q, S) = x . q, for every n >= 1 and "
             "q in [0,1]^n.",
             over={"n": Ints(1)}, limit={"n": 4}, expect="PROVED",
             by=Derivation(("p002/S11.a.step", "p002/S11.b"),
                           f"induction on n (base n = 1: x_1 q_1): {SPLIT}, and x(B u {{n+1}}) "
                           "= x(B) + x_{n+1}"))
def additive_value(n: int) -> Forall:
    q = list(sp.symbols(f"q1:{n + 1}", real=True))
    x = list(sp.symbols(f"x1:{n + 1}", real=True))
    lhs = sp.Add(*[sp.Add(*[x[j] for j in s]) * pr(q, s) for s in subsets(n)])
    rhs = sp.Add(*[x[j] * q[j] for j in range(n)])
    return Forall({**{v: Reals(0, 1) for v in q}, **{v: Reals(0) for v in x}},
                  then={"x(q) = x . q": sp.Eq(lhs, rhs, evaluate=False)})


@paper.claim("S11.a.step", at=("Section 2, Def. 2 a special case of Def. 1", 164, 172),
             role="step", of="S11.a",
             says="If V = sum_{B in [n]} x(B) Pr(q', B) = D (= x' . q', induction hypothesis) and "
             "P = sum_B Pr(q', B) = 1 (S11.b), then sum_{S in [n+1]} x(S) Pr(q, S) = "
             "V(1 - q_{n+1}) + (V + x_{n+1} P) q_{n+1} = D + x_{n+1} q_{n+1}.", expect="PROVED",
             deviation=OWN_INDUCTION + " (the paper prints no proof).")
def additive_value_step() -> Forall:
    V, D, P, q, xn = sp.symbols("V D P q x_n", real=True)
    return Forall({V: Reals(), D: Reals(), P: Reals(), q: Reals(0, 1), xn: Reals(0)},
                  given={"IH": sp.Eq(V, D), "sum Pr = 1": sp.Eq(P, 1)},
                  then={"x(q) = x . q": sp.Eq(V * (1 - q) + (V + xn * P) * q, D + xn * q)})


MONOTONE = (
    Reading("R1", "v(empty) = 0 and v >= 0 (a valuation in the usual sense)", kind="intended",
            expect="PROVED", normalised=True),
    Reading("R2", "monotone only, as printed at l.372 (v may be negative)", kind="literal",
            expect="PROVED", normalised=False),
)


@paper.claim("S25", at=("Claim 16", 374, 405),
             says="For every n >= 1, monotone v on 2^[n] and p <= q coordinatewise in [0,1]^n: "
             "v(p) <= v(q), where v(q) = sum_S v(S) Pr(q, S).",
             over={"n": Ints(1)}, limit={"n": 2}, readings=MONOTONE,
             by=Derivation(("p002/S25.step",),
                           "R1 is R2 with stronger hypotheses; R2 by induction on n (base n = 0: "
                           "v(q) = v(empty)): with q' = (q_1..q_{n-1}), v(q) = q_n v+(q') + "
                           "(1 - q_n) v-(q') (Eq. (9)) where v-(B) = v(B), v+(B) = v(B u {n}) are "
                           "monotone on 2^[n-1] with v- <= v+ pointwise, so v-(q') <= v+(q') (weights Pr(q', B) >= "
                           "0); the induction hypothesis gives v-(p') <= v-(q'), v+(p') <= "
                           "v+(q')"))
def monotone_extension(n: int, normalised: bool) -> Forall:
    sets = subsets(n)
    values = {s: sp.Symbol("v" + ("".join(str(j + 1) for j in s) or "0"), real=True)
              for s in sets}
    p = list(sp.symbols(f"p1:{n + 1}", real=True))
    q = list(sp.symbols(f"q1:{n + 1}", real=True))

    def ext(point: list[sp.Expr]) -> sp.Expr:
        return sp.Add(*[values[s] * pr(point, s) for s in sets])

    given: dict[str, sp.Basic] = {
        "v monotone": sp.And(*[sp.Le(values[s], values[tuple(sorted((*s, j)))])
                               for s in sets for j in range(n) if j not in s]),
        "p <= q": sp.And(*[sp.Le(a, b) for a, b in zip(p, q, strict=True)])}
    if normalised:
        given["v(empty) = 0"] = sp.Eq(values[()], 0)
    doms = {s: Reals(0, 1) for s in (*p, *q)}
    doms.update({s: Reals(0) if normalised else Reals() for s in values.values()})
    return Forall(doms, given=given, then={"v(p) <= v(q)": sp.Le(ext(p), ext(q))})


@paper.claim("S25.step", at=("Claim 16", 374, 405), role="step", of="S25",
             says="With a = v-(p'), b = v-(q'), c = v+(p'), d = v+(q'): if a <= b, c <= d, "
             "b <= d and p_n <= q_n in [0,1], then p_n c + (1 - p_n) a <= q_n d + (1 - q_n) b.",
             expect="PROVED",
             deviation=OWN_INDUCTION + ": the printed proof changes one coordinate at a time "
             "and uses Eq. (14), whose nonnegativity is the inequality b <= d here.")
def monotone_extension_step() -> Forall:
    a, b, c, d, pn, qn = sp.symbols("a b c d p_n q_n", real=True)
    return Forall({a: Reals(), b: Reals(), c: Reals(), d: Reals(), pn: Reals(0, 1),
                   qn: Reals(0, 1)},
                  given={"IH on v-": sp.Le(a, b), "IH on v+": sp.Le(c, d),
                         "v- <= v+ at q'": sp.Le(b, d), "p_n <= q_n": sp.Le(pn, qn)},
                  then={"v(p) <= v(q)": sp.Le(pn * c + (1 - pn) * a, qn * d + (1 - qn) * b)})
