"""Sections 4-5 (and l.581) of "The Limits of an Information Intermediary in Auction Design":
Lemma 2, the mechanism under RANK_t, Lemma 3 and its proof, the OPT decomposition (Eq. 4-6),
Lemmas 4-7, Algorithms 3-5 (S_0, S_0^2, TRUNC, S_1, S_2), Theorems 6-8, Corollaries 1-4 and
the conclusion's two-point i.i.d. remark (spec entries L-2 ... CO-1).

The paper's type spaces are discrete; "every product prior" is encoded by the size-ordered
families of ``_late_tools`` (laws with support in {1..h} and masses in (1/h)Z, smaller h
first): a claim over ``k`` checks the first k+1 instances exactly, so its verdict is CHECKED
``k <= limit`` of ``k >= 0``, and its first failure is the smallest instance in that order.
Consumer surplus of a posterior is the certified two-stage seller LP (spec D6) under the tie
conventions C1: ``fav`` = CS_max, ``adv`` = CS_min over the revenue-optimal face.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from fractions import Fraction

import sympy as sp

from claims.p001_information_intermediary import _late_tools as T
from claims.p001_information_intermediary import as_readings, paper
from verify import Derivation, Forall, Ints, Reals, claim, definition, evidence, note
from verify.mech.signaling import evaluate

F = Fraction
ZERO = F(0)
ONE = F(1)
LP = "exact LP optimum, dual certificate re-checked"
Rel = dict[str, sp.Basic]


def q(x: Fraction | int) -> sp.Rational:
    x = F(x)
    return sp.Rational(x.numerator, x.denominator)


def ge(a: Fraction, b: Fraction) -> sp.Basic:
    return sp.Ge(q(a), q(b), evaluate=False)


def le(a: Fraction, b: Fraction) -> sp.Basic:
    return sp.Le(q(a), q(b), evaluate=False)


def eq(a: Fraction, b: Fraction) -> sp.Basic:
    return sp.Eq(q(a), q(b), evaluate=False)


def gt(a: Fraction, b: Fraction) -> sp.Basic:
    return sp.Gt(q(a), q(b), evaluate=False)


def sv(v: object) -> str:
    """Readable exact form of a value, a profile or a signal key."""
    if isinstance(v, tuple):
        return "(" + ", ".join(sv(x) for x in v) + ")"
    return str(v)


def sk(key: tuple) -> str:
    """A RANK_t signal key with buyers numbered from 1: (v°, T, j, l) or (v°, T = {})."""
    if len(key) == 2:
        return f"(v°={key[0]}, T={{}})"
    vo, tset, j, ell = key
    return f"(v°={vo}, T={{{', '.join(str(i + 1) for i in tset)}}}, j={j + 1}, l={ell + 1})"


def tightest(rows: list[tuple[str, Fraction, Fraction]], op: str = ">=") -> Rel:
    """The row with the smallest slack (a failing row if there is one), as a closed relation."""
    if not rows:
        return {"no case to check": sp.Eq(0, 0, evaluate=False)}
    if op == "==":
        bad = [r for r in rows if r[1] != r[2]]
        name, a, b = bad[0] if bad else rows[0]
        return {name: eq(a, b)}
    sign = 1 if op in (">=", ">") else -1
    name, a, b = min(rows, key=lambda r: sign * (r[1] - r[2]))
    rel = {">=": ge, ">": gt, "<=": le}[op]
    return {name: rel(a, b)}


def at_least_over_1_plus_ln(lhs: Fraction, num: Fraction, n: int) -> bool:
    """lhs >= num / (1 + ln n), decided exactly (rational enclosures of ln n, spec C5)."""
    if num <= 0:
        return lhs >= 0 or num / (1 + (T.ln_bounds(n)[0])) <= lhs
    if lhs <= 0:
        return False
    return T.cmp_ln(n, num / lhs - 1) >= 0


TIE = {"fav": {"tie": "fav"}, "adv": {"tie": "adv"}}
TIE_TEXT = {
    "fav": "C1 fav: each posterior's CS is CS_max over the seller's revenue-optimal face",
    "adv": "C1 adv: each posterior's CS is CS_min over the seller's revenue-optimal face",
}
FAM = ("k indexes the size-ordered family of _late_tools (support in {1..h}, masses in "
       "(1/h)Z, smaller h first)")

definition("p001/D12", source=paper.source("RANK_t, prose and Algorithm 2", 297, 313),
           statement="RANK_t: v° = (t+1)-st largest value (0 when t = n), T = {i : v_i > v°}; "
           "if T is non-empty pick j uniformly from T and reveal (v°, T, j, s) with s = "
           "BBM(v_j - v°, D_{j|>v°} - v°); else reveal (v°, T). Posterior mass of (v°,T,j,l) on v: "
           "Pr(v) (1/|T|) gamma_l q_l(v_j - v°)/f_{D'_j}(v_j - v°).")
definition("p001/D13", source=paper.source("Sections 4-5 objects", 321, 559),
           statement="p_i = Pr[V_i < r_i]; Y_i ~ D_{i|<r_i} independent; Z_l the l-th largest Y "
           "(Z_{n+1} := 0); P = prod p_i; x_1 < ... < x_K the union of supports, x_0 = 0; CS_0 the "
           "welfare Algorithm 1 loses by not allocating; S_0 (Alg. 3), S_0^2 (Alg. 4), TRUNC "
           "(Alg. 5), S_1 (l.525), S_2 (l.559).")
USES = ("p001/D12", "p001/D13")


# =============================================================================== Lemma 2

def _thresholds(d: T.Law) -> list[Fraction]:
    """v° = 0 (below the minimum), every half-integer up to the top: on and off the support."""
    top = T.points(d)[-1]
    return [F(k, 2) for k in range(0, int(2 * top)) if T.gt(d, F(k, 2)) > 0]


def _law(k: int) -> T.Law:
    return T.graded_laws(7)[k][1]


L2_LIMIT = 120


@claim("p001/L-2.i", source=paper.source("Lemma 2 (reserve part)", 289),
       statement="For D' = D_{|>v°} - v°: r_{D'} >= r_D - v° (every discrete law D with positive "
       "support; v° = 0, on and off the support). " + FAM + " (one law per k).",
       over={"k": Ints(0)}, limit={"k": L2_LIMIT}, uses=USES, expect="PROVED",
       by=Derivation(("p001/L-2.i.step1", "p001/L-2.i.step2"),
                     "contradiction with D3: if r' < r - v° had r' S_D'(r') >= (r - v°) S_D'(r - v°), "
                     "then r' + v° < r would maximise x S_D(x) too, using S_D(x) = Pr[V > v°] "
                     "S_D'(x - v°) for x > v° (definition of D'); if r <= v° then r' > 0 >= r - v°"))
def lemma2_reserve(k: int) -> Rel:
    d = _law(k)
    note(law=T.describe([d]))
    rows = []
    for vo in _thresholds(d):
        dp = T.excess(d, vo)
        assert dp is not None
        rows.append((f"r_D' >= r_D - v° at v°={vo}", T.reserve(dp), T.reserve(d) - vo))
    return tightest(rows)


r_, rp_, vo_, s1_, s2_, c_ = sp.symbols("r rp vo S1 S2 c", real=True)


@claim("p001/L-2.i.step1", role="step", of="p001/L-2.i", source=paper.source("Lemma 2 proof", 291),
       statement="If r' < r - v°, r' S1 >= (r - v°) S2 and S1 >= S2 >= 0 (S1 = S_D'(r'), S2 = "
       "S_D'(r - v°), S non-increasing), v° >= 0, then (r' + v°) S1 >= r S2.", expect="PROVED")
def lemma2_step1() -> Forall:
    return Forall({r_: Reals(), rp_: Reals(0), vo_: Reals(0), s1_: Reals(0, 1), s2_: Reals(0, 1)},
                  given={"r' < r - v°": sp.Lt(rp_, r_ - vo_),
                         "r'S1 >= (r-v°)S2": sp.Ge(rp_ * s1_, (r_ - vo_) * s2_),
                         "S1 >= S2": sp.Ge(s1_, s2_)},
                  then={"(r'+v°)S1 >= r S2": sp.Ge((rp_ + vo_) * s1_, r_ * s2_)})


@claim("p001/L-2.i.step2", role="step", of="p001/L-2.i", source=paper.source("Lemma 2 proof", 291),
       statement="(r' + v°) S1 >= r S2 and c = Pr[V > v°] > 0 imply (r' + v°)(c S1) >= r (c S2), "
       "i.e. (r'+v°) S_D(r'+v°) >= r S_D(r).", expect="PROVED")
def lemma2_step2() -> Forall:
    return Forall({r_: Reals(), rp_: Reals(), vo_: Reals(), s1_: Reals(), s2_: Reals(),
                   c_: Reals(0, 1, lo_open=True)},
                  given={"(r'+v°)S1 >= rS2": sp.Ge((rp_ + vo_) * s1_, r_ * s2_)},
                  then={"scaled": sp.Ge((rp_ + vo_) * c_ * s1_, r_ * c_ * s2_)})


L2_PHI = "For every support point v > v°: phi_{D'}(v - v°) = phi_D(v) - v° (Eq. 1). " + FAM + "."
L2_PHI_TEXT = {"phi": "the virtual value of Eq. (1), as stated",
               "ironed": "non-regular variant (P-4, footnote 1): ironed virtual values phi-bar of "
               "spec D5 in place of phi"}


def lemma2_phi(k: int, ironed: bool) -> Rel:
    d = _law(k)
    note(law=T.describe([d]))
    fn = T.phibar if ironed else T.phi
    rows = []
    for vo in _thresholds(d):
        dp = T.excess(d, vo)
        assert dp is not None
        for v in T.points(d):
            if v > vo:
                rows.append((f"phi_D'({v}-{vo}) = phi_D({v}) - {vo}", fn(dp)[v - vo], fn(d)[v] - vo))
    return tightest(rows, "==")


claim("p001/L-2.ii", source=paper.source("Lemma 2 (virtual values)", 289, 293), statement=L2_PHI,
      over={"k": Ints(0)}, limit={"k": L2_LIMIT}, uses=USES, readings=as_readings({"phi": {"ironed": False}}, L2_PHI_TEXT, {"phi": "PROVED"}, kinds={'phi': 'intended'}),
      by=Derivation(("p001/L-2.ii.identity",),
                    "D_{|>v°} keeps the points above v° in order with masses and tails scaled by "
                    "1/Pr[V > v°]; shifting by v° maps z to z - v° (definition of D')"))(lemma2_phi)
claim("p001/L-2.ii", role="assumption", of="p001/L-2.ii", note='Footnote 1 (l.123): for non-regular D the proofs use ironed virtual values.', source=paper.source("Lemma 2 (virtual values), non-regular variant", 289, 293),
      statement=L2_PHI, over={"k": Ints(0)}, limit={"k": L2_LIMIT}, uses=USES,
      readings=as_readings({"ironed": {"ironed": True}}, L2_PHI_TEXT, {"ironed": "REFUTED"}, kinds={'ironed': 'intended'}))(lemma2_phi)


@claim("p001/L-2.ii.identity", role="step", of="p001/L-2.ii", source=paper.source("Lemma 2 proof (second part)", 293),
       statement="With masses f and tail S scaled by 1/c (c = Pr[V > v°] > 0) and values shifted "
       "by v°: (z - v°) - ((z' - v°) - (z - v°)) (S/c)/(f/c) = z - (z' - z) S/f - v°.",
       expect="PROVED")
def lemma2_identity() -> Forall:
    z, zn, fm, sn = sp.symbols("z zn f S", real=True)
    lhs = (z - vo_) - ((zn - vo_) - (z - vo_)) * (sn / c_) / (fm / c_)
    rhs = z - (zn - z) * sn / fm - vo_
    return Forall({z: Reals(), zn: Reals(), fm: Reals(0, 1, lo_open=True), sn: Reals(0, 1),
                   c_: Reals(0, 1, lo_open=True), vo_: Reals()},
                  then={"phi shifts by v°": sp.Eq(lhs, rhs, evaluate=False)})


L2_NEW = ("Given V > v°, the new reserve price v° + r_{D'} is greater than the original reserve "
          "r_D. " + FAM + ".")
L2_NEW_TEXT = {"weak": "v° + r_{D'} >= r_D", "strict": "v° + r_{D'} > r_D"}


def lemma2_new_reserve(k: int, strict: bool) -> Rel:
    d = _law(k)
    note(law=T.describe([d]))
    rows = []
    for vo in _thresholds(d):
        dp = T.excess(d, vo)
        assert dp is not None
        rows.append((f"v° + r_D' vs r_D at v°={vo}", vo + T.reserve(dp), T.reserve(d)))
    return tightest(rows, ">" if strict else ">=")


claim("p001/L-2.new-reserve", source=paper.source("remark after Lemma 2", 295), statement=L2_NEW,
      over={"k": Ints(0)}, limit={"k": L2_LIMIT}, uses=USES, readings=as_readings({"weak": {"strict": False}}, L2_NEW_TEXT, {"weak": "PROVED"}, kinds={'weak': 'intended'}),
      by=Derivation(("p001/L-2.i",), "add v° to both sides of r_D' >= r_D - v°"))(lemma2_new_reserve)
claim("p001/L-2.new-reserve", source=paper.source("remark after Lemma 2", 295), statement=L2_NEW,
      over={"k": Ints(0)}, limit={"k": L2_LIMIT}, uses=USES,
      readings=as_readings({"strict": {"strict": True}}, L2_NEW_TEXT, {"strict": "REFUTED"}, kinds={'strict': 'literal'}))(lemma2_new_reserve)


# =============================================================================== R-1

N2 = "regular"  # the n = 2 family of regular product priors (P = 0 allowed)


def _rank_signals_all(p: tuple[T.Law, ...]) -> list[tuple[int, tuple, Fraction, T.Distribution]]:
    out = []
    for t in range(1, len(p) + 1):
        sig = T.rank_signals(p, t)
        T.scheme_of(p, sig)  # Bayes plausibility, exactly (InputError otherwise)
        out.extend((t, key, w, post) for key, (w, post) in sig.items())
    return out


R1_LIMIT = 60


@claim("p001/R-1.i", source=paper.source("Optimal mechanism under RANK_t", 301),
       statement="Under every signal of RANK_t with t < n the seller's optimal revenue is at least "
       "v° (the (t+1)-st buyer is guaranteed to pay v°). n = 2 regular product priors; " + FAM
       + ".", over={"k": Ints(0)}, limit={"k": R1_LIMIT}, uses=USES, expect="CHECKED")
def r1_revenue(k: int) -> Rel:
    p = T.inst(2, N2, k)
    note(prior=T.describe(p))
    evidence(LP)
    rows = [(f"R(S) >= v° for t={t}, signal {sk(key)}", T.seller(post).revenue, key[0])
            for t, key, _, post in _rank_signals_all(p) if t < len(p)]
    return tightest(rows)


X_, P_, V_, VO_ = sp.symbols("X P v vo", real=True)


@claim("p001/R-1.ii", source=paper.source("Optimal mechanism under RANK_t", 301),
       statement="Only buyers in T can pay more than v°: a buyer of value v <= v° (not in T) has "
       "interim payment P <= v X <= v° under interim IR (P <= v X), X in [0, 1] her interim "
       "allocation probability.", expect="PROVED")
def r1_only_t() -> Forall:
    return Forall({X_: Reals(0, 1), P_: Reals(), V_: Reals(0), VO_: Reals(0)},
                  given={"interim IR": sp.Le(P_, V_ * X_), "v <= v°": sp.Le(V_, VO_)},
                  then={"P <= v°": sp.Le(P_, VO_)})


@claim("p001/R-1.iii", source=paper.source("Optimal mechanism under RANK_t", 301),
       statement="The seller can charge at least v° to a buyer in T and further run an auction on "
       "the excess values of T: R(S) >= v° + R(law of (v_i - v°)_{i in T} under S), for every "
       "signal with T non-empty. n = 2 regular; " + FAM + ".",
       over={"k": Ints(0)}, limit={"k": R1_LIMIT}, uses=USES, expect="CHECKED")
def r1_excess(k: int) -> Rel:
    p = T.inst(2, N2, k)
    note(prior=T.describe(p))
    evidence(LP)
    rows = []
    for t, key, _, post in _rank_signals_all(p):
        if len(key) == 2:
            continue
        vo, tset = key[0], key[1]
        exc = post.map(lambda v, vo=vo, tset=tset: tuple(v[i] - vo for i in tset))
        rows.append((f"R(S) >= v° + R(excess) for t={t}, signal {sk(key)}", T.seller(post).revenue,
                     vo + T.seller(exc).revenue))
    return tightest(rows)


def _product_check(p: tuple[T.Law, ...], key: tuple, post: T.Distribution) -> list[str]:
    """Failures of R-1 (iv) on one signal (empty list: it holds)."""
    n = len(p)
    vo, tset, j, ell = key
    rest = [i for i in range(n) if i not in tset]
    marg = {i: post.marginal(i) for i in tset}
    rest_law = post.map(lambda v: tuple(v[i] for i in rest))
    bad = []
    for v in itertools.product(*[marg[i].support for i in tset]):
        for w in rest_law.support:
            prof = [ZERO] * n
            for i, x in zip(tset, v, strict=True):
                prof[i] = x
            for i, x in zip(rest, w, strict=True):
                prof[i] = x
            want = rest_law.mass(w)
            for i, x in zip(tset, v, strict=True):
                want *= marg[i].mass(x)
            if post.mass(tuple(prof)) != want:
                bad.append(f"not a product at {tuple(prof)}")
    dj = T.excess(p[j], vo)
    assert dj is not None
    seg = T.shift(T.bbm(dj)[ell][1], -vo)
    if marg[j] != seg:
        bad.append(f"buyer j={j}: marginal {marg[j]} is not v° + BBM segment {seg}")
    for i in tset:
        if i != j and marg[i] != T.above(p[i], vo):
            bad.append(f"buyer {i}: marginal is not D_(i|>v°)")
    return bad


@claim("p001/R-1.iv", source=paper.source("Optimal mechanism under RANK_t", 315),
       statement="The D'_i are independent and BBM modifies j independently of them: under every "
       "signal (v°, T, j, l) the posterior is (product over i in T of its marginals) x (law of the "
       "others), buyer i in T \\ {j} has marginal D_{i|>v°} and j has v° + the BBM segment l. "
       "n = 2 and n = 3 regular priors (mixed family, no LP).",
       over={"k": Ints(0)}, limit={"k": 60}, uses=USES, expect="CHECKED")
def r1_product(k: int) -> bool:
    p = T.inst_mixed("regular", k)
    note(prior=T.describe(p))
    for t in range(1, len(p) + 1):
        for key, (_, post) in T.rank_signals(p, t).items():
            if len(key) == 4:
                bad = _product_check(p, key, post)
                if bad:
                    note(t=t, signal=sk(key), failure=bad[0])
                    return False
    return True


def r1_wins(k: int, tie: str) -> Rel:
    p = T.inst(2, N2, k)
    note(prior=T.describe(p))
    evidence(LP)
    rows = []
    for t, key, _, post in _rank_signals_all(p):
        if len(key) == 2:
            continue
        vo, tset, j, _ = key
        ev = {v: m for v, m in post.items()
              if all(v[i] - vo < T.reserve(T.excess(p[i], vo)) for i in tset if i != j)}
        if not ev:
            continue
        mass = sum(ev.values(), ZERO)
        got = T.face_extreme(post, {(j, v): m for v, m in ev.items()},
                             "max" if tie == "fav" else "min")
        rows.append((f"Pr[j wins, E] = Pr[E] for t={t}, signal {sk(key)}", got, mass))
    return tightest(rows, "==")


claim("p001/R-1.v", source=paper.source("Optimal mechanism under RANK_t", 317, 319),
      statement="The item is always allocated to j when every other i in T has v_i - v° < "
      "r_{D'_i}: on that event E, x_j(v) = 1 (fav: some revenue-optimal mechanism does so; adv: "
      "every one does). n = 2 regular; " + FAM + ".",
      over={"k": Ints(0)}, limit={"k": R1_LIMIT}, uses=USES, readings=as_readings(TIE, TIE_TEXT, {"fav": "CHECKED", "adv": "REFUTED"}, kinds={'fav': 'intended', 'adv': 'alternative'}))(r1_wins)


# =============================================================================== Lemma 3

L3_LIMIT = 80
N2P = "regular+P"  # n = 2 regular product priors with P > 0 (P = 0 makes every bound 0 <= CS)
POS = (" Instances with P > 0 (P = 0 makes the bound 0, and CS >= 0 holds by interim IR). ")


def lemma3(k: int, tie: str, n: int = 2, kind: str = N2P) -> Rel:
    p = T.inst(n, kind, k)
    note(prior=T.describe(p))
    evidence(LP)
    return {f"CS(RANK_{t}) >= Lemma 3 bound":
            ge(T.rank_cs(p, t, tie), T.lemma3_bound(p, t)) for t in range(1, n + 1)}


L3_TEXT = ("For 1 <= t <= n: CS(RANK_t) >= P ((1/t) sum_{l<=t} E[Z_l] - E[Z_{t+1}]) (Z_{n+1} := 0), "
           "CS(RANK_t) from exact per-signal LPs on the full n-buyer posterior.")

claim("p001/L-3", source=paper.source("Lemma 3", 323, 325),
      statement=L3_TEXT + POS + "n = 2 regular priors; " + FAM + ".",
      over={"k": Ints(0)}, limit={"k": L3_LIMIT}, uses=USES, readings=as_readings(TIE, TIE_TEXT, {"fav": "CHECKED", "adv": "REFUTED"}, kinds={'fav': 'intended', 'adv': 'alternative'}))(lemma3)


def lemma3_n3(k: int, tie: str) -> Rel:
    return lemma3(k, tie, 3)


claim("p001/L-3.n3", source=paper.source("Lemma 3", 323, 325),
      statement=L3_TEXT + POS + "n = 3 regular priors; " + FAM + ".",
      over={"k": Ints(0)}, limit={"k": 3}, uses=USES, readings=as_readings(TIE, TIE_TEXT, {"fav": "CHECKED", "adv": "REFUTED"}, kinds={'fav': 'intended', 'adv': 'alternative'}))(lemma3_n3)


def lemma3_nonregular(k: int, tie: str) -> Rel:
    return lemma3(k, tie, 2, "nonregular+P")


claim("p001/L-3.nonregular", role="assumption", of="p001/L-3", note='Footnote 1 (l.123): for non-regular D the proofs use ironed virtual values.', source=paper.source("Lemma 3, non-regular variant (P-4)", 323, 325),
      statement=L3_TEXT + POS + "n = 2 priors with a non-regular buyer; " + FAM + ".",
      over={"k": Ints(0)}, limit={"k": 15}, uses=USES, readings=as_readings(TIE, TIE_TEXT, {"fav": "CHECKED", "adv": "REFUTED"}, kinds={'fav': 'intended', 'adv': 'alternative'}))(lemma3_nonregular)


# =============================================================================== Lemma 3 proof


def _q_events(p: tuple[T.Law, ...], t: int) -> list[tuple[int, tuple[Fraction, ...], Fraction]]:
    """(b, v_{-b}, v_b^t) for every buyer b and every v_{-b} with v_i < r_i for i != b (l.327);
    v_b^t is the t-th largest of v_{-b} (0 when t > n - 1, as v^(n+1) = 0)."""
    n = len(p)
    out = []
    for b in range(n):
        others = [i for i in range(n) if i != b]
        below = [[z for z in T.points(p[i]) if z < T.reserve(p[i])] for i in others]
        for vmb in itertools.product(*below):
            out.append((b, tuple(vmb), T.kth_largest(vmb, t)))
    return out


def _full(b: int, vmb: Sequence[Fraction], vb: Fraction) -> tuple[Fraction, ...]:
    return (*vmb[:b], vb, *vmb[b:])


def _pr_q(p: tuple[T.Law, ...], t: int, b: int, vmb: Sequence[Fraction], vbt: Fraction) -> Fraction:
    """Pr[Q(v_{-b}, b, t)] = Pr[V_{-b} = v_{-b}, V_b > v_b^t, b selected], exactly from RANK_t."""
    tot = ZERO
    for vb, m in p[b].numeric_items():
        if vb <= vbt:
            continue
        v = _full(b, vmb, vb)
        vo, tset = T.rank_threshold(v, t)
        assert b in tset
        pv = m
        for i, x in zip([i for i in range(len(p)) if i != b], vmb, strict=True):
            pv *= p[i].mass(x)
        tot += pv / len(tset)
    return tot


L3P_LIMIT = 150
MIXED = " n = 2 and n = 3 regular priors with P > 0 (mixed family, by height; no LP)."


@claim("p001/L3-P.i", role="step", of="p001/L-3", source=paper.source("Lemma 3 proof", 331),
       statement="Given Q(v_{-b}, b, t): RANK_t sets v° = v_b^t and every i in T \\ {b} has "
       "v_i < v° + r_{D'_i}, D'_i = D_{i|>v°} - v°." + MIXED,
       over={"k": Ints(0)}, limit={"k": L3P_LIMIT}, uses=USES, expect="CHECKED")
def l3p_i(k: int) -> bool:
    p = T.inst_mixed("regular+P", k)
    note(prior=T.describe(p))
    for t in range(1, len(p) + 1):
        for b, vmb, vbt in _q_events(p, t):
            for vb in T.points(p[b]):
                if vb <= vbt:
                    continue
                v = _full(b, vmb, vb)
                vo, tset = T.rank_threshold(v, t)
                if vo != vbt:
                    note(t=t, profile=sv(v), v_circ=vo, v_b_t=vbt)
                    return False
                for i in tset:
                    if i != b and not v[i] < vo + T.reserve(T.excess(p[i], vo)):
                        note(t=t, profile=sv(v), buyer=i)
                        return False
    return True


def l3p_i_bbm(k: int, tie: str) -> Rel:
    """Given Q the auction acts like BBM(v'_b, D'_b): on every signal (v°, T, b, l) the profiles
    of Q (v_i < r_i for i != b) give the item to b over the optimal face."""
    p = T.inst(2, N2P, k)
    note(prior=T.describe(p))
    evidence(LP)
    rows = []
    for t in range(1, len(p) + 1):
        for key, (_, post) in T.rank_signals(p, t).items():
            if len(key) == 2:
                continue
            vo, tset, j, _ = key
            ev = {v: m for v, m in post.items()
                  if all(v[i] < T.reserve(p[i]) for i in range(len(p)) if i != j)}
            if ev:
                got = T.face_extreme(post, {(j, v): m for v, m in ev.items()},
                                     "max" if tie == "fav" else "min")
                rows.append((f"Pr[b wins on Q] = Pr[Q] for t={t}, signal {sk(key)}", got,
                             sum(ev.values(), ZERO)))
    return tightest(rows, "==")


claim("p001/L3-P.i.bbm", role="step", of="p001/L-3", source=paper.source("Lemma 3 proof", 331),
      statement="Conditioned on Q(v_{-b}, b, t) the auction behaves like BBM(v'_b, D'_b): b gets the "
      "item on every profile of Q under the signal (fav: in some revenue-optimal mechanism; adv: "
      "in every one)." + POS + "n = 2 regular; " + FAM + ".",
      over={"k": Ints(0)}, limit={"k": 40}, uses=USES, readings=as_readings(TIE, TIE_TEXT, {"fav": "CHECKED", "adv": "REFUTED"}, kinds={'fav': 'intended', 'adv': 'alternative'}))(l3p_i_bbm)


@claim("p001/L3-P.ii.a", role="step", of="p001/L-3", source=paper.source("Lemma 3 proof, first inequality", 333),
       statement="E[CS | Q] >= sum_{v'_b < r'_b} v'_b Pr[D'_b = v'_b], read with E[CS | Q] := "
       "CS(BBM(D'_b)) (the auction acts like BBM on D'_b, L3-P.i.bbm; Lemma 1 (2) on D'_b)." + MIXED,
       over={"k": Ints(0)}, limit={"k": L3P_LIMIT}, uses=USES, expect="CHECKED")
def l3p_ii_a(k: int) -> Rel:
    p = T.inst_mixed("regular+P", k)
    note(prior=T.describe(p))
    rows = []
    for t in range(1, len(p) + 1):
        for b, vmb, vbt in _q_events(p, t):
            dp = T.excess(p[b], vbt)
            if dp is None:
                continue
            rp = T.reserve(dp)
            low = sum((z * m for z, m in dp.numeric_items() if z < rp), ZERO)
            rows.append((f"CS(BBM(D'_b)) >= sum_(v'<r') v' f' at t={t}, b={b}, v_-b={sv(vmb)}",
                         T.bbm_cs(dp), low))
    return tightest(rows)


def l3p_ii_b(k: int, strict_tail: bool) -> Rel:
    p = T.inst_mixed("regular+P", k)
    note(prior=T.describe(p))
    rows = []
    for t in range(1, len(p) + 1):
        for b, vmb, vbt in _q_events(p, t):
            dp = T.excess(p[b], vbt)
            if dp is None:
                continue
            rp = T.reserve(dp)
            low = sum((z * m for z, m in dp.numeric_items() if z < rp), ZERO)
            s = T.gt(p[b], vbt) if strict_tail else T.S(p[b], vbt)
            rb = T.reserve(p[b])
            right = sum(((vb - vbt) * m / s for vb, m in p[b].numeric_items() if vbt < vb < rb),
                        ZERO)
            rows.append((f"sum' >= sum (v_b - v_b^t) f/S at t={t}, b={b}, v_-b={sv(vmb)}", low, right))
    return tightest(rows)


S_READ = {"R1": {"strict_tail": False}, "R2": {"strict_tail": True}}
S_TEXT = {"R1": "S_{D_b}(x) = Pr[V_b >= x] as defined at l.90",
          "R2": "S_{D_b}(x) read as Pr[V_b > x], the event of Q (l.329)"}

claim("p001/L3-P.ii.b", role="step", of="p001/L-3", source=paper.source("Lemma 3 proof, second inequality", 333),
      statement="sum_{v'_b < r'_b} v'_b Pr[D'_b = v'_b] >= sum_{v_b^t < v_b < r_b} (v_b - v_b^t) "
      "f(v_b)/S_{D_b}(v_b^t)." + MIXED, over={"k": Ints(0)}, limit={"k": L3P_LIMIT}, uses=USES,
      readings=as_readings(S_READ, S_TEXT, {"R1": "CHECKED", "R2": "CHECKED"}, kinds={'R1': 'literal', 'R2': 'alternative'}))(l3p_ii_b)


def l3p_iii(k: int, strict_tail: bool, ge_only: bool = False) -> Rel:
    p = T.inst_mixed("regular+P", k)
    note(prior=T.describe(p))
    rows = []
    for t in range(1, len(p) + 1):
        for b, vmb, vbt in _q_events(p, t):
            if T.gt(p[b], vbt) == 0:
                continue
            prod = ONE
            for i, x in zip([i for i in range(len(p)) if i != b], vmb, strict=True):
                prod *= p[i].mass(x)
            s = T.gt(p[b], vbt) if strict_tail else T.S(p[b], vbt)
            rows.append((f"Pr[Q] vs (1/t) prod f S at t={t}, b={b}, v_-b={sv(vmb)}",
                         _pr_q(p, t, b, vmb, vbt), prod * s / t))
    return tightest(rows, ">=" if ge_only else "==")


claim("p001/L3-P.iii", role="step", of="p001/L-3", source=paper.source("Lemma 3 proof", 335),
      statement="Pr[Q(v_{-b}, b, t)] = (1/t) (prod_{i != b} f_{D_i}(v_i) 1{v_i < r_i}) "
      "S_{D_b}(v_b^t), Pr[Q] computed exactly from RANK_t (b selected w.p. 1/|T|)." + MIXED,
      over={"k": Ints(0)}, limit={"k": L3P_LIMIT}, uses=USES, readings=as_readings(S_READ, S_TEXT, {"R1": "REFUTED", "R2": "REFUTED"}, kinds={'R1': 'literal', 'R2': 'alternative'}))(l3p_iii)


def l3p_iii_ge(k: int) -> Rel:
    return l3p_iii(k, True, True)


claim("p001/L3-P.iii.ge", role="variant", deviation="Weakened from the printed '=' to '>=' (the direction the proof uses).", source=paper.source("Lemma 3 proof (weakened: the direction the proof uses)", 335),
      statement="VARIANT (weaker than printed): Pr[Q] >= (1/t) prod_{i != b} f(v_i) Pr[V_b > v_b^t]."
      + MIXED, over={"k": Ints(0)}, limit={"k": L3P_LIMIT}, uses=USES,
      expect="CHECKED")(l3p_iii_ge)


def _iv_sides(p: tuple[T.Law, ...], t: int, b: int, vmb: Sequence[Fraction], vbt: Fraction
              ) -> tuple[Fraction, Fraction, Fraction]:
    """E[CS 1_Q] := Pr[Q] CS(BBM(D'_b)), the middle and the right side of l.337."""
    others = [i for i in range(len(p)) if i != b]
    prod = ONE
    for i, x in zip(others, vmb, strict=True):
        prod *= p[i].mass(x)
    rb = T.reserve(p[b])
    mid = prod * sum(((vb - vbt) * m for vb, m in p[b].numeric_items() if vbt < vb < rb), ZERO) / t
    right = sum((prod * m * max(vb - vbt, ZERO) for vb, m in p[b].numeric_items() if vb < rb),
                ZERO) / t
    dp = T.excess(p[b], vbt)
    left = ZERO if dp is None else _pr_q(p, t, b, vmb, vbt) * T.bbm_cs(dp)
    return left, mid, right


@claim("p001/L3-P.iv", role="step", of="p001/L-3", source=paper.source("Lemma 3 proof", 337),
       statement="E[CS 1_Q] >= (1/t)(prod_{i != b} f(v_i)) sum_{v_b^t < v_b < r_b} (v_b - v_b^t) "
       "f(v_b), with E[CS 1_Q] := Pr[Q] CS(BBM(D'_b))." + MIXED,
       over={"k": Ints(0)}, limit={"k": L3P_LIMIT}, uses=USES, expect="CHECKED")
def l3p_iv(k: int) -> Rel:
    p = T.inst_mixed("regular+P", k)
    note(prior=T.describe(p))
    rows = []
    for t in range(1, len(p) + 1):
        for b, vmb, vbt in _q_events(p, t):
            left, mid, _ = _iv_sides(p, t, b, vmb, vbt)
            rows.append((f"E[CS 1_Q] >= middle at t={t}, b={b}, v_-b={sv(vmb)}", left, mid))
    return tightest(rows)


@claim("p001/L3-P.iv.eq", role="step", of="p001/L-3", source=paper.source("Lemma 3 proof", 337),
       statement="(1/t)(prod_{i != b} f(v_i)) sum_{v_b^t < v_b < r_b}(v_b - v_b^t) f(v_b) = "
       "(1/t) sum_{v_b < r_b} (prod_i f(v_i)) max{v_b - v_b^t, 0}." + MIXED,
       over={"k": Ints(0)}, limit={"k": L3P_LIMIT}, uses=USES, expect="CHECKED")
def l3p_iv_eq(k: int) -> Rel:
    p = T.inst_mixed("regular+P", k)
    note(prior=T.describe(p))
    rows = []
    for t in range(1, len(p) + 1):
        for b, vmb, vbt in _q_events(p, t):
            _, mid, right = _iv_sides(p, t, b, vmb, vbt)
            rows.append((f"middle = right at t={t}, b={b}, v_-b={sv(vmb)}", mid, right))
    return tightest(rows, "==")


@claim("p001/L3-P.v", role="step", of="p001/L-3", source=paper.source("Lemma 3 proof, Eq. (3)", 339, 343),
       statement="For every real vector v and 1 <= t <= n: sum_b max(v_b - v_b^t, 0) = "
       "sum_{i in I_t(v)} (v_i - v^(t+1)) = t ((sum_{i in I_t} v_i / t) - v^(t+1)), with v_b^t the "
       "t-th largest of v_{-b} and v^(n+1) = v_b^n := 0; every n >= 1, every weak order of the "
       "coordinates (sympy identity on each cell).",
       over={"n": Ints(1)}, limit={"n": 4}, expect="CHECKED")
def l3p_v(n: int) -> bool:
    ys = sp.symbols(f"y0:{n}", positive=True)
    for ranks in T.weak_orders(n):
        nb = max(ranks) + 1
        # block r gets value y_0 + ... + y_{nb-1-r} (decreasing in r, all positive)
        val = [sum(ys[: nb - r]) for r in ranks]
        num = [F(nb - r) for r in ranks]  # a numeric point with the same weak order
        for t in range(1, n + 1):
            def kth(xs: list, k: int, keys: list[Fraction]) -> sp.Expr:
                if k > len(xs):
                    return sp.Integer(0)
                order = sorted(range(len(xs)), key=lambda m, keys=keys: -keys[m])
                return xs[order[k - 1]]
            lhs = 0
            for b in range(n):
                idx = [i for i in range(n) if i != b]
                vbt = kth([val[i] for i in idx], t, [num[i] for i in idx])
                vbt_num = T.kth_largest([num[i] for i in idx], t)
                if num[b] > vbt_num:
                    lhs += val[b] - vbt
            order = sorted(range(n), key=lambda i: -num[i])
            top = order[:t]
            nxt = kth(val, t + 1, num)
            mid = sum(val[i] - nxt for i in top)
            right = t * (sum(val[i] for i in top) / t - nxt)
            if sp.expand(lhs - mid) != 0 or sp.expand(mid - right) != 0:
                note(order=str(ranks), t=t)
                return False
    evidence("sympy identity on every weak-order cell")
    return True


@claim("p001/L3-P.vi", role="step", of="p001/L-3", source=paper.source("Lemma 3 proof", 346, 348),
       statement="sum_{v: v_i < r_i} (prod_i f(v_i)) ((sum_{i in I_t} v_i)/t - v^(t+1)) = "
       "P ((sum_{l<=t} E[Z_l])/t - E[Z_{t+1}])." + MIXED,
       over={"k": Ints(0)}, limit={"k": L3P_LIMIT}, uses=USES, expect="CHECKED")
def l3p_vi(k: int) -> Rel:
    p = T.inst_mixed("regular+P", k)
    note(prior=T.describe(p))
    out = {}
    for t in range(1, len(p) + 1):
        left = T.joint(p).expect(
            lambda v, t=t: (sum(sorted(v, reverse=True)[:t], ZERO) / t - T.kth_largest(v, t + 1))
            if all(v[i] < T.reserve(p[i]) for i in range(len(p))) else ZERO)
        out[f"t={t}"] = eq(left, T.lemma3_bound(p, t))
    return out


def l3p_vii(k: int, tie: str) -> Rel:
    p = T.inst(2, N2P, k)
    note(prior=T.describe(p))
    evidence(LP)
    out = {}
    for t in range(1, len(p) + 1):
        total = ZERO
        for b, vmb, vbt in _q_events(p, t):
            total += _iv_sides(p, t, b, vmb, vbt)[0]
        out[f"CS(RANK_{t}) >= sum_b sum_v-b E[CS 1_Q]"] = ge(T.rank_cs(p, t, tie), total)
    return out


claim("p001/L3-P.vii", role="step", of="p001/L-3", source=paper.source("Lemma 3 proof", 350, 352),
      statement="The events Q(v_{-b}, b, t) are disjoint and CS(RANK_t) >= sum_b sum_{v_{-b}} "
      "E[CS 1_Q], with E[CS 1_Q] := Pr[Q] CS(BBM(D'_b))." + POS + "n = 2 regular; " + FAM + ".",
      over={"k": Ints(0)}, limit={"k": L3_LIMIT}, uses=USES, readings=as_readings(TIE, TIE_TEXT, {"fav": "CHECKED", "adv": "REFUTED"}, kinds={'fav': 'intended', 'adv': 'alternative'}))(l3p_vii)


@claim("p001/L3-P.vii.disjoint", role="step", of="p001/L-3", source=paper.source("Lemma 3 proof", 350),
       statement="The events Q(v_{-b}, b, t) (over b and v_{-b} with v_i < r_i, i != b) are pairwise "
       "disjoint: each (profile, selected buyer) lies in at most one." + MIXED,
       over={"k": Ints(0)}, limit={"k": L3P_LIMIT}, uses=USES, expect="CHECKED")
def l3p_vii_disjoint(k: int) -> bool:
    p = T.inst_mixed("regular+P", k)
    note(prior=T.describe(p))
    for t in range(1, len(p) + 1):
        seen: set[tuple] = set()
        for b, vmb, vbt in _q_events(p, t):
            for vb in T.points(p[b]):
                if vb > vbt:
                    cell = (_full(b, vmb, vb), b)
                    if cell in seen:
                        note(t=t, cell=sv(cell))
                        return False
                    seen.add(cell)
    return True


# =============================================================================== Eq. (4)-(6), Lemma 4

definition("p001/E-5", source=paper.source("Eq. (5)", 506, 509),
           statement="CS_i = sum over v with i = argmax_j phi_{D_j}(v_j) (ties toward the higher "
           "value) of Pr[D = v] (max_j v_j - v_i).")
definition("p001/E-6", source=paper.source("Eq. (6)", 511, 514),
           statement="CS-hat_k = sum over v with x_k = max_j phi_{D_j}(v_j) of Pr[D = v] "
           "(max_j v_j - x_k) (ties toward the higher value).")
EQ = ("p001/E-5", "p001/E-6", *USES)
D4_LIMIT = 210
E5_READ = {"alloc": {"alloc": True}, "all": {"alloc": False}}
E5_TEXT = {"alloc": "E5/6-R: only profiles where Algorithm 1 allocates (max phi >= 0; "
           "'wins the auction', l.506)", "all": "E5/6-R: the sum over all profiles v, as printed"}
D4_BASE = ("OPT = W* - R(D), R(D) the certified LP optimum on D; CS(D) = W(Algorithm 1, ties "
           "toward the higher value, sell at phi >= 0) - R(D); CS_0 = welfare lost when Algorithm 1 "
           "does not allocate. n = 2 regular priors; " + FAM + ".")


def _d4(p: tuple[T.Law, ...], extra: Fraction) -> Rel:
    evidence(LP)
    return {"OPT = CS(D) + CS_0 + sum": eq(T.opt(p), T.cs_d(p) + T.cs0_alg1(p) + extra)}


def d4_i(k: int, alloc: bool) -> Rel:
    p = T.inst(2, "regular", k)
    note(prior=T.describe(p))
    return _d4(p, sum((T.cs_i(p, i, alloc) for i in range(len(p))), ZERO))


claim("p001/D-4.i", source=paper.source("Eq. (4), first decomposition", 360, 373),
      statement="OPT = CS(D) + CS_0 + sum_i CS_i (Eq. 5). " + D4_BASE,
      over={"k": Ints(0)}, limit={"k": D4_LIMIT}, uses=EQ, readings=as_readings(E5_READ, E5_TEXT, {"alloc": "CHECKED", "all": "REFUTED"}, kinds={'alloc': 'intended', 'all': 'literal'}))(d4_i)

E6_READ = {f"{r}-{a}": {"reading": r, "alloc": a == "alloc"} for r in ("R1", "R2")
           for a in ("alloc", "all")}
E6_TEXT = {f"{r}-{a}": t + "; " + E5_TEXT[a] for r, t in
           (("R1", "E6-R1: Eq. (6) as printed, v with x_k = max_j phi_j(v_j)"),
            ("R2", "E6-R2: x_k is the winner's value (prose l.511)")) for a in ("alloc", "all")}


def d4_ii(k: int, reading: str, alloc: bool) -> Rel:
    p = T.inst(2, "regular", k)
    note(prior=T.describe(p))
    kk = len(T.union_support(p))
    return _d4(p, sum((T.cs_hat(p, j, reading, alloc) for j in range(1, kk + 1)), ZERO))


claim("p001/D-4.ii", source=paper.source("Eq. (4), second decomposition", 360, 373),
      statement="OPT = CS(D) + CS_0 + sum_k CS-hat_k (Eq. 6). " + D4_BASE,
      over={"k": Ints(0)}, limit={"k": D4_LIMIT}, uses=EQ, readings=as_readings(E6_READ, E6_TEXT, {"R1-alloc": "REFUTED", "R1-all": "REFUTED", "R2-alloc": "CHECKED",
              "R2-all": "REFUTED"}, kinds={'R1-alloc': 'alternative', 'R1-all': 'literal', 'R2-alloc': 'intended', 'R2-all': 'alternative'}))(d4_ii)


@claim("p001/D-4.iii", source=paper.source("Section 5, i.i.d. decomposition", 370),
       statement="For i.i.d. regular buyers OPT = CS(D) + CS_0 (the highest virtual-value and "
       "highest-value buyers coincide). CS(D), CS_0 as in D-4.i; every n >= 1 (checked for n <= 3), k indexes i.i.d. "
       "priors in size order.",
       over={"n": Ints(1), "k": Ints(0)}, limit={"n": 3, "k": 60}, uses=EQ, expect="CHECKED")
def d4_iii(n: int, k: int) -> Rel:
    p = T.inst(n, "iid-regular", k)
    note(prior=T.describe(p))
    return _d4(p, ZERO)


def d4_c1(k: int, tie: str) -> Rel:
    p = T.inst(2, "regular", k)
    note(prior=T.describe(p))
    evidence(LP)
    so = T.seller(T.joint(p))
    rest = T.cs0_alg1(p) + sum((T.cs_i(p, i, True) for i in range(len(p))), ZERO)
    return {"OPT = CS(D) + CS_0 + sum_i CS_i": eq(T.opt(p), so.cs(tie) + rest)}


claim("p001/D-4.C1", source=paper.source("Eq. (4), CS(D) from the optimal-auction LP", 360, 373),
      statement="OPT = CS(D) + CS_0 + sum_i CS_i with CS(D) the consumer surplus of the "
      "revenue-optimal auction (D6 interval, ties C1), CS_0 and CS_i (allocated profiles) from "
      "Algorithm 1. n = 2 regular priors; " + FAM + ".",
      over={"k": Ints(0)}, limit={"k": D4_LIMIT}, uses=EQ, readings=as_readings(TIE, TIE_TEXT, {"fav": "CHECKED", "adv": "REFUTED"}, kinds={'fav': 'intended', 'adv': 'alternative'}))(d4_c1)


def d4_nonregular(k: int, tie: str) -> Rel:
    p = T.inst(2, "nonregular", k)
    note(prior=T.describe(p))
    evidence(LP)
    so = T.seller(T.joint(p))
    rest = T.cs0_alg1(p, True) + sum((T.cs_i(p, i, True, True) for i in range(len(p))), ZERO)
    return {"OPT = CS(D) + CS_0 + sum_i CS_i": eq(T.opt(p), so.cs(tie) + rest)}


claim("p001/D-4.nonregular", role="assumption", of="p001/D-4.i", note='Footnote 1 (l.123): for non-regular D the proofs use ironed virtual values.', source=paper.source("Eq. (4), non-regular variant (P-4)", 360, 373),
      statement="VARIANT (non-regular D, footnote 1): OPT = CS(D) + CS_0 + sum_i CS_i with ironed "
      "virtual values in Algorithm 1 and Eq. (5), CS(D) from the optimal-auction LP (C1). n = 2 "
      "priors with a non-regular buyer; " + FAM + ".",
      over={"k": Ints(0)}, limit={"k": 40}, uses=EQ, readings=as_readings(TIE, TIE_TEXT, {"fav": "CHECKED", "adv": "REFUTED"}, kinds={'fav': 'intended', 'adv': 'alternative'}))(d4_nonregular)


L4_LIMIT = 400


def lemma4(k: int, family: str, ironed: bool) -> Rel:
    p = T.inst_mixed(family, k)
    note(prior=T.describe(p))
    return {"CS_0 = P E[Z_1]": eq(T.cs0_alg1(p, ironed), T.cs0_lemma4(p))}


claim("p001/L-4", source=paper.source("Lemma 4", 397, 403),
      statement="CS_0 (welfare lost when Algorithm 1 does not allocate) = P E[Z_1] = prod_i "
      "Pr[v_i < r_i] E[max_i v_i | v_i < r_i for all i]. n = 2, 3 regular priors (mixed family, "
      "by height).", over={"k": Ints(0)}, limit={"k": L4_LIMIT}, uses=USES,
      readings=as_readings({"regular": {"family": "regular", "ironed": False}}, None, {"regular": "CHECKED"}, kinds={'regular': 'intended'}))(lemma4)
claim("p001/L-4", role="variant", deviation="Non-regular D with Algorithm 1's raw phi, whereas footnote 1 (l.123) replaces phi by the ironed phi-bar for non-regular D.", source=paper.source("Lemma 4, non-regular variants (P-4)", 397, 403),
      statement="VARIANT (non-regular D, raw phi): CS_0 of Algorithm 1 with phi as printed "
      "= P E[Z_1]. n = 2, 3 priors with a non-regular buyer (mixed family).",
      over={"k": Ints(0)}, limit={"k": L4_LIMIT}, uses=USES,
      readings=as_readings({"phi": {"family": "nonregular", "ironed": False}}, {"phi": "Algorithm 1 with the virtual values of Eq. (1)"}, {"phi": "REFUTED"}, kinds={'phi': 'alternative'}))(lemma4)
claim("p001/L-4", role="assumption", of="p001/L-4", note='Footnote 1 (l.123): for non-regular D the proofs use ironed virtual values.', source=paper.source("Lemma 4 with footnote 1 (ironed virtual values)", 397, 403),
      statement="Footnote 1 (l.123) applied to Lemma 4: for non-regular D, with ironed virtual "
      "values phi-bar in Algorithm 1, CS_0 = P E[Z_1]. n = 2, 3 priors with a non-regular buyer "
      "(mixed family).",
      over={"k": Ints(0)}, limit={"k": L4_LIMIT}, uses=USES,
      readings=as_readings({"ironed": {"family": "nonregular", "ironed": True}}, {"ironed": "Algorithm 1 with ironed virtual values (footnote 1)"}, {"ironed": "CHECKED"}, kinds={'ironed': 'intended'}))(lemma4)


@claim("p001/L-4.unalloc", role="step", of="p001/L-4", source=paper.source("Lemma 4 proof", 399),
       statement="Algorithm 1 leaves the item unallocated exactly on the profiles with v_i < r_i for "
       "every i (regular D). n = 2, 3 regular priors (mixed family).",
       over={"k": Ints(0)}, limit={"k": L4_LIMIT}, uses=USES, expect="CHECKED")
def lemma4_unalloc(k: int) -> bool:
    p = T.inst_mixed("regular", k)
    note(prior=T.describe(p))
    for v in T.joint(p).support:
        below = all(v[i] < T.reserve(p[i]) for i in range(len(p)))
        if (T.winner(p, v) is None) != below:
            note(profile=sv(v))
            return False
    return True


def e5_prose(k: int, alloc: bool) -> Rel:
    p = T.inst(2, "regular", k)
    note(prior=T.describe(p))
    out = {}
    for i in range(len(p)):
        lost = T.joint(p).expect(lambda v, i=i: max(v) - v[i] if T.winner(p, v) == i else ZERO)
        out[f"CS_{i + 1} = loss when {i + 1} wins"] = eq(T.cs_i(p, i, alloc), lost)
    return out


claim("p001/E-5.prose", source=paper.source("Eq. (5) and its prose", 506, 509),
      statement="CS_i of Eq. (5) is the surplus lost when buyer i (not of highest value) wins the "
      "auction: it equals sum_{v: Algorithm 1 gives the item to i} Pr[v] (max v - v_i). n = 2 "
      "regular; " + FAM + ".", over={"k": Ints(0)}, limit={"k": D4_LIMIT}, uses=EQ,
      readings=as_readings(E5_READ, E5_TEXT, {"alloc": "CHECKED", "all": "REFUTED"}, kinds={'alloc': 'intended', 'all': 'literal'}))(e5_prose)


def e6_prose(k: int, reading: str, alloc: bool) -> Rel:
    p = T.inst(2, "regular", k)
    note(prior=T.describe(p))
    xs = T.union_support(p)
    out = {}
    for j, x in enumerate(xs, start=1):
        lost = T.joint(p).expect(
            lambda v, x=x: max(v) - x if (w := T.winner(p, v)) is not None and v[w] == x else ZERO)
        out[f"CS-hat_{j} = loss when a buyer of value {x} wins"] = eq(
            T.cs_hat(p, j, reading, alloc), lost)
    return out


claim("p001/E-6.prose", source=paper.source("Eq. (6) and its prose", 511, 514),
      statement="CS-hat_k of Eq. (6) is the surplus lost when the item goes to a buyer with value "
      "x_k: it equals sum_{v: Algorithm 1's winner has value x_k} Pr[v] (max v - x_k). n = 2 "
      "regular; " + FAM + ".", over={"k": Ints(0)}, limit={"k": D4_LIMIT}, uses=EQ,
      readings=as_readings(E6_READ, E6_TEXT, {"R1-alloc": "REFUTED", "R1-all": "REFUTED", "R2-alloc": "CHECKED",
              "R2-all": "REFUTED"}, kinds={'R1-alloc': 'alternative', 'R1-all': 'literal', 'R2-alloc': 'intended', 'R2-all': 'alternative'}))(e6_prose)


# =============================================================================== Algorithm 5

definition("p001/A-5", source=paper.source("Algorithm 5, TRUNC(v, D, c)", 516, 523),
           statement="a = max{v_i : v_i <= c}; T = {j : v_j > a}; D_{T,a} = prod_{j in T} "
           "(D_{j|>c} - a); v' = v_T - a; s = S_0(v', D_{T,a}); return (a, T, s).")
A5_READ = {"R1": {"a_default": True}, "R2": {"a_default": False}}
A5_TEXT = {"R1": "a := 0 when no v_i <= c", "R2": "profiles with no v_i <= c excluded"}
a_, cc_, vj_ = sp.symbols("a c v_j", real=True)


def a5_t(a_default: bool) -> Forall:
    if a_default:  # no value <= c, a := 0: every v_j > c >= 0 = a
        return Forall({cc_: Reals(0), vj_: Reals(0, lo_open=True)},
                      given={"no value <= c": sp.Gt(vj_, cc_)},
                      then={"v_j > a iff v_j > c": sp.Equivalent(sp.Gt(vj_, 0), sp.Gt(vj_, cc_))})
    return Forall({a_: Reals(), cc_: Reals(), vj_: Reals()},
                  given={"a <= c": sp.Le(a_, cc_),
                         "a = max of the values <= c": sp.Or(sp.Gt(vj_, cc_), sp.Le(vj_, a_))},
                  then={"v_j > a iff v_j > c": sp.Equivalent(sp.Gt(vj_, a_), sp.Gt(vj_, cc_))})


claim("p001/A-5.T", source=paper.source("Algorithm 5 and its prose", 516, 523),
      statement="T = {j : v_j > a} is the set of buyers with value strictly greater than c "
      "(values positive, c >= 0).", uses=("p001/A-5",), readings=as_readings(A5_READ, A5_TEXT, {"R1": "PROVED", "R2": "PROVED"}, kinds={'R1': 'intended', 'R2': 'alternative'}))(a5_t)


def _cutoffs(p: tuple[T.Law, ...]) -> list[Fraction]:
    xs = T.union_support(p)
    mids = [(x + y) / 2 for x, y in zip([ZERO, *xs], xs, strict=False)]
    return sorted({*xs, *mids, ZERO})


@claim("p001/A-5.a-ne-c", source=paper.source("Algorithm 5 prose", 518),
       statement="c can differ from a exactly when no buyer's value equals c: for every profile "
       "with some v_i <= c, a = c iff some v_i = c. n = 2, 3 regular priors (mixed family), every "
       "cut-off c in {0} u supports u midpoints.",
       over={"k": Ints(0)}, limit={"k": 200}, uses=("p001/A-5",), expect="CHECKED")
def a5_a_ne_c(k: int) -> bool:
    p = T.inst_mixed("regular", k)
    note(prior=T.describe(p))
    for c in _cutoffs(p):
        for v in T.joint(p).support:
            at = T.trunc_a_t(v, c, a_default=False)
            if at is not None and (at[0] == c) != (c in v):
                note(profile=sv(v), c=c)
                return False
    return True


def a5_posterior(k: int, a_default: bool) -> bool:
    p = T.inst_mixed("regular", k)
    note(prior=T.describe(p))
    n = len(p)
    for c in _cutoffs(p):
        groups: dict[tuple, dict[tuple, Fraction]] = {}
        for v, m in T.joint(p).items():
            at = T.trunc_a_t(v, c, a_default)
            if at is None or not at[1]:
                continue
            groups.setdefault(at, {})[v] = m
        for (a, tset), rows in groups.items():
            tot = sum(rows.values(), ZERO)
            want = T.joint(T.d_ta(p, tset, c, a))
            rest = [i for i in range(n) if i not in tset]
            got: dict[tuple, Fraction] = {}
            restm: dict[tuple, Fraction] = {}
            for v, m in rows.items():
                key = tuple(v[j] - a for j in tset)
                got[key] = got.get(key, ZERO) + m / tot
                rk = tuple(v[i] for i in rest)
                restm[rk] = restm.get(rk, ZERO) + m / tot
            if T.Distribution(got) != want:
                note(c=c, a=a, T=sv(tset), failure="law of v_T - a is not D_{T,a}")
                return False
            for v, m in rows.items():
                key = tuple(v[j] - a for j in tset)
                if m / tot != got[key] * restm[tuple(v[i] for i in rest)]:
                    note(c=c, a=a, T=sv(tset), failure="v_T not independent of the others")
                    return False
    return True


claim("p001/A-5.posterior", source=paper.source("Algorithm 5, line 2", 516, 523),
      statement="Given TRUNC's (a, T) (before S_0), the posterior of v_T - a is D_{T,a} = prod_{j in "
      "T} (D_{j|>c} - a) and is independent of the buyers outside T. n = 2, 3 regular priors "
      "(mixed family), every cut-off c in {0} u supports u midpoints.",
      over={"k": Ints(0)}, limit={"k": 200}, uses=("p001/A-5",), readings=as_readings(A5_READ, A5_TEXT, {"R1": "CHECKED", "R2": "CHECKED"}, kinds={'R1': 'intended', 'R2': 'alternative'}))(a5_posterior)


# =============================================================================== S_0, Lemma 5, Corollaries

S0_LIMIT = 50


def _ratio_note(cs: Fraction, cs0: Fraction) -> None:
    note(cs_scheme=cs, cs_0=cs0, ratio=(cs / cs0 if cs0 else None))


def cor1_bound(k: int, tie: str) -> bool:
    p = T.inst(2, N2P, k)
    note(prior=T.describe(p))
    evidence(LP)
    cs, t = T.s0_cs(p, tie)
    cs0 = T.cs0_alg1(p)
    _ratio_note(cs, cs0)
    note(t=t)
    return at_least_over_1_plus_ln(cs, cs0, len(p))


claim("p001/C-1", source=paper.source("Corollary 1 (explicit constant of Lemma 5)", 443, 445),
      statement="S_0 is an O(log n)-approximation to CS_0; explicit form from Lemma 5: CS(S_0) >= "
      "CS_0/(1 + ln n), CS(S_0) = max_t CS(RANK_t) (Algorithm 3) from exact per-signal LPs."
      + POS + "n = 2 regular; " + FAM + ".",
      over={"k": Ints(0)}, limit={"k": S0_LIMIT}, uses=USES, readings=as_readings(TIE, TIE_TEXT, {"fav": "CHECKED", "adv": "REFUTED"}, kinds={'fav': 'intended', 'adv': 'alternative'}))(cor1_bound)


def s0_vs_s02(k: int, tie: str) -> Rel:
    p = T.inst(2, N2P, k)
    note(prior=T.describe(p))
    evidence(LP)
    sig = T.s0_squared_signals(p, reveal_t=True)
    T.scheme_of(p, sig)
    return {"CS(S_0) >= CS(S_0^2)": ge(T.s0_cs(p, tie)[0], T.scheme_cs(sig, tie))}


claim("p001/C-1.ineq", role="step", of="p001/C-1", source=paper.source("Lemma 5 preamble and Corollary 1", 405, 443),
      statement="CS(S_0^2) <= CS(S_0) (S_0 picks the RANK_t of largest CS; S_0^2 randomises t as in "
      "Algorithm 4, t revealed)." + POS + "n = 2 regular; " + FAM + ".",
      over={"k": Ints(0)}, limit={"k": S0_LIMIT}, uses=USES, readings=as_readings(TIE, TIE_TEXT, {"fav": "CHECKED", "adv": "CHECKED"}, kinds={'fav': 'intended', 'adv': 'alternative'}))(s0_vs_s02)


def cor2_ineq(k: int, tie: str) -> Rel:
    p = T.inst(2, N2P, k)
    note(prior=T.describe(p))
    evidence(LP)
    t0 = T.s0_cs(p, tie)[1]  # Algorithm 3's choice of t
    scheme = T.scheme_of(p, T.rank_signals(p, t0))
    best = evaluate(scheme, tie).consumer_surplus  # S_0's CS through the kernel's evaluator
    return {f"CS(S_0) >= CS(RANK_{t})": ge(best, T.rank_cs(p, t, tie)) for t in range(1, 3)}


claim("p001/C-2.ineq", role="step", of="p001/C-2", source=paper.source("before Corollary 2", 498),
      statement="CS(S_0) >= CS(RANK_t') for every t' (Algorithm 3 takes the argmax)." + POS
      + "n = 2 regular; " + FAM + ".",
      over={"k": Ints(0)}, limit={"k": S0_LIMIT}, uses=USES, readings=as_readings(TIE, TIE_TEXT, {"fav": "CHECKED", "adv": "CHECKED"}, kinds={'fav': 'intended', 'adv': 'alternative'}))(cor2_ineq)


def cor2_bound(k: int, tie: str) -> Rel:
    p = T.inst(2, N2P, k)
    note(prior=T.describe(p))
    evidence(LP)
    kk = len(T.union_support(p))
    return {"CS(S_0) >= CS_0/(5K)": ge(T.s0_cs(p, tie)[0], T.cs0_alg1(p) / (5 * kk))}


claim("p001/C-2", source=paper.source("Corollary 2 (explicit constant of Lemmas 6-7 and l.455)", 498, 500),
      statement="S_0 is an O(K)-approximation to CS_0; explicit form: CS(S_0) >= CS_0/(5K). The "
      "proof assumes n > 5 (l.449); n > 5 is out of reach of the exact LPs, so this is the n <= 5 "
      "variant, n = 2." + POS + FAM + ".",
      over={"k": Ints(0)}, limit={"k": S0_LIMIT}, uses=USES, readings=as_readings(TIE, TIE_TEXT, {"fav": "CHECKED", "adv": "REFUTED"}, kinds={'fav': 'intended', 'adv': 'alternative'}))(cor2_bound)


def theorem6(k: int, tie: str, n: int = 2) -> bool:
    p = T.inst(n, N2P, k)
    note(prior=T.describe(p))
    evidence(LP)
    cs, t = T.s0_cs(p, tie)
    cs0 = T.cs0_alg1(p)
    _ratio_note(cs, cs0)
    kk = len(T.union_support(p))
    return cs >= cs0 / (5 * kk) or at_least_over_1_plus_ln(cs, cs0, n)


TH6 = ("CS(S_0) is an O(min(log n, K))-approximation to CS_0; bounded form with the proofs' "
       "constants: CS(S_0) >= CS_0 / min(1 + ln n, 5K).")
claim("p001/TH-6", source=paper.source("Algorithm 3 and Theorem 6", 379, 387),
      statement=TH6 + POS + "n = 2 regular; " + FAM + ".",
      over={"k": Ints(0)}, limit={"k": S0_LIMIT}, uses=USES, readings=as_readings(TIE, TIE_TEXT, {"fav": "CHECKED", "adv": "REFUTED"}, kinds={'fav': 'intended', 'adv': 'alternative'}))(theorem6)


def theorem6_n3(k: int, tie: str) -> bool:
    return theorem6(k, tie, 3)


claim("p001/TH-6.n3", source=paper.source("Algorithm 3 and Theorem 6", 379, 387),
      statement=TH6 + POS + "n = 3 regular; " + FAM + ".",
      over={"k": Ints(0)}, limit={"k": 2}, uses=USES, readings=as_readings(TIE, TIE_TEXT, {"fav": "CHECKED", "adv": "REFUTED"}, kinds={'fav': 'intended', 'adv': 'alternative'}))(theorem6_n3)


def iid_best(k: int, tie: str, constant: str) -> bool:
    p = T.inst(2, "iid-regular", k)
    note(prior=T.describe(p))
    evidence(LP)
    best = max(T.seller(T.joint(p)).cs(tie), T.s0_cs(p, tie)[0])
    o = T.opt(p)
    note(best=best, OPT=o)
    if constant == "K":
        return best * (1 + 5 * len(T.union_support(p))) >= o
    if best == 0:
        return o == 0
    return T.cmp_ln(2, o / best - 2) >= 0  # OPT/best <= 2 + ln n


claim("p001/I-1", source=paper.source("Section 5.1, identically distributed buyers", 391),
      statement="For i.i.d. buyers the better of {no signal, S_0} is an O(min(log n, K))-"
      "approximation to OPT (OPT = CS(D) + CS_0). Explicit constants from the proofs: "
      "OPT <= (2 + ln n) max(CS(D), CS(S_0)) and OPT <= (1 + 5K) max(...). n = 2 i.i.d. regular "
      "priors in size order.",
      over={"k": Ints(0)}, limit={"k": 25}, uses=EQ,
      readings=as_readings({f"{c}-{t}": {"tie": t, "constant": c} for c in ("log", "K") for t in TIE}, {f"{c}-{t}": f"constant {'2 + ln n' if c == 'log' else '1 + 5K'}; "
                     + TIE_TEXT[t] for c in ("log", "K") for t in TIE}, {"log-fav": "CHECKED", "log-adv": "REFUTED", "K-fav": "CHECKED",
              "K-adv": "REFUTED"}, kinds={'log-fav': 'intended', 'log-adv': 'alternative', 'K-fav': 'intended', 'K-adv': 'alternative'}))(iid_best)


# ----------------------------------------------------------------------------- Lemma 5

@claim("p001/L-5.i", role="step", of="p001/L-5.vii", source=paper.source("Algorithm 4", 409, 413),
       statement="Algorithm 4's weights (w_j = 1/(j+1) for j <= n-2, w_{n-1} = w_n = 1) are "
       "positive and define each w_1..w_n exactly once, so rank t is drawn with probability "
       "w_t / sum w (a distribution on {1..n}); n >= 2.",
       over={"n": Ints(2)}, limit={"n": 200}, expect="CHECKED")
def l5_i(n: int) -> bool:
    assigned = list(range(1, n - 1)) + [n - 1, n]
    w = T.s2_weights(n)
    tot = sum(w, ZERO)
    return sorted(assigned) == list(range(1, n + 1)) and all(x > 0 for x in w) and \
        sum((x / tot for x in w), ZERO) == 1


def l5_ii(k: int, tie: str, reveal: bool, n: int = 2) -> Rel:
    p = T.inst(n, N2P, k)
    note(prior=T.describe(p))
    evidence(LP)
    sig = T.s0_squared_signals(p, reveal)
    T.scheme_of(p, sig)
    w = T.s2_weights(n)
    avg = sum((w[t - 1] * T.rank_cs(p, t, tie) for t in range(1, n + 1)), ZERO) / sum(w, ZERO)
    return {"CS(S_0^2) = sum w_t CS(RANK_t)/sum w_t": eq(T.scheme_cs(sig, tie), avg)}


L5II_READ = {f"{r}-{t}": {"tie": t, "reveal": r == "reveal"} for r in ("reveal", "merge")
             for t in TIE}
L5II_TEXT = {f"{r}-{t}": ("the signal carries t" if r == "reveal" else "as printed: step 4 "
             "returns RANK_t's output only, so equal outputs of different t merge")
             + "; " + TIE_TEXT[t] for r in ("reveal", "merge") for t in TIE}

claim("p001/L-5.ii", role="step", of="p001/L-5.vii", source=paper.source("Lemma 5 proof", 419),
      statement="CS(S_0^2) = sum_t w_t CS(RANK_t) / sum_t w_t (S_0^2 from Algorithm 4, exact "
      "per-signal LPs)." + POS + "n = 2 regular; " + FAM + ".",
      over={"k": Ints(0)}, limit={"k": 30}, uses=USES, readings=as_readings(L5II_READ, L5II_TEXT, {r: "CHECKED" for r in L5II_READ}, kinds={'reveal-fav': 'alternative', 'reveal-adv': 'alternative', 'merge-fav': 'intended', 'merge-adv': 'alternative'}))(l5_ii)


def l5_ii_n3(k: int, tie: str, reveal: bool) -> Rel:
    return l5_ii(k, tie, reveal, 3)


claim("p001/L-5.ii.n3", role="step", of="p001/L-5.vii", source=paper.source("Lemma 5 proof", 419),
      statement="CS(S_0^2) = sum_t w_t CS(RANK_t) / sum_t w_t." + POS + "n = 3 regular; " + FAM
      + ".", over={"k": Ints(0)}, limit={"k": 2}, uses=USES,
      readings=as_readings({"merge-fav": {"tie": "fav", "reveal": False}}, {"merge-fav": L5II_TEXT["merge-fav"]}, {"merge-fav": "CHECKED"}, kinds={'merge-fav': 'intended'}))(l5_ii_n3)


def l5_iii_ge(k: int, tie: str) -> Rel:
    p = T.inst(2, N2P, k)
    note(prior=T.describe(p))
    evidence(LP)
    n = len(p)
    w = T.s2_weights(n)
    lhs = sum((w[t - 1] * T.rank_cs(p, t, tie) for t in range(1, n + 1)), ZERO)
    return {"sum w_t CS(RANK_t) >= P(E[Z_1] - E[Z_n]) + CS(RANK_n)": ge(
        lhs, _l5_expression(p) + T.rank_cs(p, n, tie))}


def _l5_expression(p: tuple[T.Law, ...]) -> Fraction:
    """P (sum_{t<=n-2} E[Z_t] sum_{j=t}^{n-2} 1/(j(j+1)) - sum_{t=2}^{n-1} E[Z_t]/t
    + sum_{t<=n-1} E[Z_t]/(n-1) - E[Z_n]) as printed (l.426)."""
    n = len(p)
    z = {t: T.ez(p, t) for t in range(1, n + 1)}
    a = sum((z[t] * sum((F(1, j * (j + 1)) for j in range(t, n - 1)), ZERO)
             for t in range(1, n - 1)), ZERO)
    b = sum((z[t] / t for t in range(2, n)), ZERO)
    c = sum((z[t] / (n - 1) for t in range(1, n)), ZERO)
    return T.big_p(p) * (a - b + c - z[n])


claim("p001/L-5.iii", role="step", of="p001/L-5.vii", source=paper.source("Lemma 5 proof, via Lemma 3", 423, 426),
      statement="sum_{t<n} w_t CS(RANK_t) + w_n CS(RANK_n) >= P((sum_{t=1}^{n-2} E[Z_t] "
      "sum_{j=t}^{n-2} 1/(j(j+1))) - sum_{t=2}^{n-1} E[Z_t]/t + sum_{t=1}^{n-1} E[Z_t]/(n-1) - "
      "E[Z_n]) + CS(RANK_n)." + POS + "n = 2 regular; " + FAM + ".",
      over={"k": Ints(0)}, limit={"k": S0_LIMIT}, uses=USES, readings=as_readings(TIE, TIE_TEXT, {"fav": "CHECKED", "adv": "REFUTED"}, kinds={'fav': 'intended', 'adv': 'alternative'}))(l5_iii_ge)


@claim("p001/L-5.iii.eq", role="step", of="p001/L-5.vii", source=paper.source("Lemma 5 proof", 426, 429),
       statement="As an identity in E[Z_1..Z_n]: (sum_{t=1}^{n-2} E[Z_t] sum_{j=t}^{n-2} "
       "1/(j(j+1))) - sum_{t=2}^{n-1} E[Z_t]/t + sum_{t=1}^{n-1} E[Z_t]/(n-1) - E[Z_n] = E[Z_1] - "
       "E[Z_n], and it is the Lemma-3 combination sum_{t<n} w_t((1/t) sum_{l<=t} E[Z_l] - "
       "E[Z_{t+1}]) (sympy, symbols per n).",
       over={"n": Ints(2)}, limit={"n": 40}, expect="CHECKED")
def l5_iii_eq(n: int) -> bool:
    z = sp.symbols(f"z1:{n + 1}")
    a = sum(z[t - 1] * sum(sp.Rational(1, j * (j + 1)) for j in range(t, n - 1))
            for t in range(1, n - 1))
    b = sum(z[t - 1] / t for t in range(2, n))
    c = sum(z[t - 1] / (n - 1) for t in range(1, n))
    expr = a - b + c - z[n - 1]
    w = T.s2_weights(n)
    combo = sum(q(w[t - 1]) * (sum(z[:t]) / t - z[t]) for t in range(1, n))
    evidence("sympy polynomial identity")
    return sp.expand(expr - (z[0] - z[n - 1])) == 0 and sp.expand(combo - expr) == 0


def l5_iv(k: int, tie: str) -> Rel:
    p = T.inst(2, N2P, k)
    note(prior=T.describe(p))
    evidence(LP)
    n = len(p)
    return {"CS(RANK_n) >= P E[Z_n]": ge(T.rank_cs(p, n, tie), T.big_p(p) * T.ez(p, n))}


claim("p001/L-5.iv", role="step", of="p001/L-5.vii", source=paper.source("Lemma 5 proof", 431),
      statement="CS(RANK_n) >= P E[Z_n]." + POS + "n = 2 regular; " + FAM + ".",
      over={"k": Ints(0)}, limit={"k": S0_LIMIT}, uses=USES, readings=as_readings(TIE, TIE_TEXT, {"fav": "CHECKED", "adv": "REFUTED"}, kinds={'fav': 'intended', 'adv': 'alternative'}))(l5_iv)


def l5_v(k: int, tie: str) -> Rel:
    p = T.inst(2, N2P, k)
    note(prior=T.describe(p))
    evidence(LP)
    n = len(p)
    w = T.s2_weights(n)
    lhs = sum((w[t - 1] * T.rank_cs(p, t, tie) for t in range(1, n + 1)), ZERO)
    return {"sum w_t CS(RANK_t) >= P E[Z_1]": ge(lhs, T.big_p(p) * T.ez(p, 1)),
            "P E[Z_1] = CS_0": eq(T.big_p(p) * T.ez(p, 1), T.cs0_alg1(p))}


claim("p001/L-5.v", role="step", of="p001/L-5.vii", source=paper.source("Lemma 5 proof", 433),
      statement="sum_i w_i CS(RANK_i) >= P E[Z_1] = CS_0." + POS + "n = 2 regular; " + FAM + ".",
      over={"k": Ints(0)}, limit={"k": S0_LIMIT}, uses=USES, readings=as_readings(TIE, TIE_TEXT, {"fav": "CHECKED", "adv": "REFUTED"}, kinds={'fav': 'intended', 'adv': 'alternative'}))(l5_v)


@claim("p001/L-5.vi.eq", role="step", of="p001/L-5.vii", source=paper.source("Lemma 5 proof", 437),
       statement="sum_{t=1}^n w_t = 1 + sum_{t=1}^{n-1} 1/t for Algorithm 4's weights, n >= 2.",
       over={"n": Ints(2)}, limit={"n": 1000}, expect="CHECKED")
def l5_vi_eq(n: int) -> Rel:
    return {"sum w = 1 + H_(n-1)": eq(sum(T.s2_weights(n), ZERO), 1 + T.harmonic(n - 1))}


@claim("p001/L-5.vi.le", role="step", of="p001/L-5.vii", source=paper.source("Lemma 5 proof", 437),
       statement="1 + sum_{t=1}^{n-1} 1/t <= 1 + ln n, for n >= 2 (ln n decided with exact "
       "rational enclosures).", over={"n": Ints(2)}, limit={"n": 1000}, expect="REFUTED")
def l5_vi_le(n: int) -> bool:
    h = T.harmonic(n - 1)
    lo, hi = T.ln_bounds(n, 4)
    note(lhs=1 + h, one_plus_ln_n_lo=1 + lo, one_plus_ln_n_hi=1 + hi)
    return T.cmp_ln(n, h) >= 0  # ln n >= H_{n-1}


@claim("p001/L-5.vi.gt", role="repair", of="p001/L-5.vii", source=paper.source("Lemma 5 proof (repair)", 437),
       statement="REPAIR FACT (not printed): 1 + sum_{t=1}^{n-1} 1/t > 1 + ln n for every n >= 2 "
       "(so the printed bound fails at every n), and 1 + sum_{t=1}^{n-1} 1/t <= 2 + ln(n-1).",
       over={"n": Ints(2)}, limit={"n": 1000}, expect="CHECKED")
def l5_vi_gt(n: int) -> bool:
    h = T.harmonic(n - 1)
    return T.cmp_ln(n, h) < 0 and (n == 2 or T.cmp_ln(n - 1, h - 1) >= 0) and (n != 2 or h <= 1)


def l5_vii(k: int, tie: str, corrected: bool, n: int = 2) -> bool:
    p = T.inst(n, N2P, k)
    note(prior=T.describe(p))
    evidence(LP)
    sig = T.s0_squared_signals(p, reveal_t=True)
    T.scheme_of(p, sig)
    cs = T.scheme_cs(sig, tie)
    cs0 = T.cs0_alg1(p)
    _ratio_note(cs, cs0)
    if corrected:
        return cs * (1 + T.harmonic(n - 1)) >= cs0
    return at_least_over_1_plus_ln(cs, cs0, n)


L5VII_READ = {f"{c}-{t}": {"tie": t, "corrected": c == "fixed"} for c in ("printed", "fixed")
              for t in TIE}
L5VII_TEXT = {f"{c}-{t}": ("as printed: CS(S_0^2) >= CS_0/(1 + ln n)" if c == "printed" else
                           "REPAIRED constant: CS(S_0^2) >= CS_0/(1 + H_{n-1}) (the chain with the "
                           "true sum of weights)") + "; " + TIE_TEXT[t]
              for c in ("printed", "fixed") for t in TIE}

claim("p001/L-5.vii", source=paper.source("Lemma 5, conclusion", 441),
      statement="CS(S_0^2) >= CS_0/(1 + ln n) (S_0^2 of Algorithm 4 with t revealed, exact "
      "per-signal LPs)." + POS + "n = 2 regular; " + FAM + ".",
      over={"k": Ints(0)}, limit={"k": S0_LIMIT}, uses=USES,
      readings=as_readings({r: L5VII_READ[r] for r in ("printed-fav", "printed-adv")}, L5VII_TEXT, {"printed-fav": "REFUTED", "printed-adv": "REFUTED"}, kinds={'printed-fav': 'intended', 'printed-adv': 'alternative'}))(l5_vii)
claim("p001/L-5.vii", role="repair", of="p001/L-5.vii", source=paper.source("Lemma 5, conclusion (repaired constant)", 441),
      statement="REPAIR (not printed): CS(S_0^2) >= CS_0/(1 + H_{n-1}) (S_0^2 of Algorithm 4 with "
      "t revealed, exact per-signal LPs)." + POS + "n = 2 regular; " + FAM + ".",
      over={"k": Ints(0)}, limit={"k": S0_LIMIT}, uses=USES,
      readings=as_readings({r: L5VII_READ[r] for r in ("fixed-fav", "fixed-adv")}, L5VII_TEXT, {"fixed-fav": "CHECKED", "fixed-adv": "REFUTED"}, kinds={'fixed-fav': 'intended', 'fixed-adv': 'alternative'}))(l5_vii)


# =============================================================================== K-1 (layer cake)


def _kstar(p: tuple[T.Law, ...]) -> tuple[int, list[Fraction], T.Distribution]:
    """k* = the smallest argmax_k Pr[Z_1 >= x_k](x_k - x_{k-1}) (x over the union of the D_i's
    supports, x_0 = 0), the list x_0..x_K and the joint law of (Y_1..Y_n). Requires P > 0."""
    xs = [ZERO, *T.union_support(p)]
    zl = T.z_law(p)
    assert zl is not None
    vals = [zl.probability(lambda y, x=xs[k]: max(y) >= x) * (xs[k] - xs[k - 1])
            for k in range(1, len(xs))]
    best = max(vals)
    return vals.index(best) + 1, xs, zl


K1_LIMIT = 300
K1_FAM = " n = 2, 3 regular priors with P > 0 (mixed family, by height; no LP)."


@claim("p001/K-1.i", role="step", of="p001/C-2", source=paper.source("Section 5.1.2, layer cake", 451),
       statement="E[Z_1] = sum_{k=1}^K Pr[Z_1 >= x_k](x_k - x_{k-1}), x_0 = 0." + K1_FAM,
       over={"k": Ints(0)}, limit={"k": K1_LIMIT}, uses=USES, expect="CHECKED")
def k1_i(k: int) -> Rel:
    p = T.inst_mixed("regular+P", k)
    note(prior=T.describe(p))
    _, xs, zl = _kstar(p)
    cake = sum((zl.probability(lambda y, x=xs[j]: max(y) >= x) * (xs[j] - xs[j - 1])
                for j in range(1, len(xs))), ZERO)
    return {"E[Z_1] = layer cake": eq(T.ez(p, 1), cake)}


@claim("p001/K-1.ii", role="step", of="p001/C-2", source=paper.source("Section 5.1.2", 453),
       statement="Some k* in {1..K} has E[Z_1] <= K Pr[Z_1 >= x_{k*}](x_{k*} - x_{k*-1}); k* the "
       "argmax of the layer terms." + K1_FAM,
       over={"k": Ints(0)}, limit={"k": K1_LIMIT}, uses=USES, expect="CHECKED")
def k1_ii(k: int) -> Rel:
    p = T.inst_mixed("regular+P", k)
    note(prior=T.describe(p))
    ks, xs, zl = _kstar(p)
    term = zl.probability(lambda y: max(y) >= xs[ks]) * (xs[ks] - xs[ks - 1])
    return {"E[Z_1] <= K term(k*)": le(T.ez(p, 1), (len(xs) - 1) * term)}


@claim("p001/K-1.ii.pigeonhole", role="step", of="p001/C-2", source=paper.source("Section 5.1.2", 453),
       statement="For reals a_1..a_K >= 0: sum a_k <= K max_k a_k (the pigeonhole step), every "
       "K >= 1.", over={"K": Ints(1)}, limit={"K": 12}, expect="CHECKED")
def k1_pigeonhole(K: int) -> Forall:  # noqa: N803
    a = sp.symbols(f"a1:{K + 1}", real=True)
    m = sp.Symbol("m", real=True)
    return Forall({**{x: Reals(0) for x in a}, m: Reals()},
                  given={f"m >= a{i + 1}": sp.Ge(m, x) for i, x in enumerate(a)},
                  then={"sum <= K m": sp.Le(sum(a), K * m)})


@claim("p001/K-1.iii", role="step", of="p001/C-2", source=paper.source("Section 5.1.2", 455),
       statement="CS_0 <= K P Pr[Z_1 >= x_{k*}](x_{k*} - x_{k*-1}), CS_0 the non-allocation loss of "
       "Algorithm 1." + K1_FAM,
       over={"k": Ints(0)}, limit={"k": K1_LIMIT}, uses=USES, expect="CHECKED")
def k1_iii(k: int) -> Rel:
    p = T.inst_mixed("regular+P", k)
    note(prior=T.describe(p))
    ks, xs, zl = _kstar(p)
    term = zl.probability(lambda y: max(y) >= xs[ks]) * (xs[ks] - xs[ks - 1])
    return {"CS_0 <= K P term(k*)": le(T.cs0_alg1(p), (len(xs) - 1) * T.big_p(p) * term)}


cs_, c0_, bb_, kk_, om_ = sp.symbols("CS CS0 B K omega", real=True)


@claim("p001/K-1.iv", role="step", of="p001/C-2", source=paper.source("Section 5.1.2", 457),
       statement="If CS(S_0) >= omega B and CS_0 <= K B (B = P Pr[Z_1 >= x_{k*}] Delta >= 0, "
       "omega > 0, K >= 1), then CS(S_0) >= (omega/K) CS_0: an O(K)-approximation.",
       expect="PROVED")
def k1_iv() -> Forall:
    return Forall({cs_: Reals(), c0_: Reals(), bb_: Reals(0), kk_: Reals(1),
                   om_: Reals(0, lo_open=True)},
                  given={"CS(S_0) >= omega B": sp.Ge(cs_, om_ * bb_), "CS_0 <= K B": sp.Le(c0_, kk_ * bb_)},
                  then={"CS(S_0) K >= omega CS_0": sp.Ge(cs_ * kk_, om_ * c0_)})


@claim("p001/K-1.v", role="step", of="p001/C-2", source=paper.source("Section 5.1.2", 449),
       statement="For n <= 5 the O(log n) analysis already gives a constant: the Lemma-5 "
       "denominator sum_t w_t is at most 37/12 for n in {2..5} (printed bound 1 + ln n <= 1 + "
       "ln 5).", over={"n": Ints(2, 5)},
       note="The paper itself states this finite domain: n <= 5, the values of n that Section "
       "5.1.2 leaves to the O(log n) analysis (l.449).", expect="PROVED")
def k1_v(n: int) -> Rel:
    return {"sum w_t <= 37/12": le(sum(T.s2_weights(n), ZERO), F(37, 12))}


# =============================================================================== Lemma 6


def _bernoulli_vectors(n: int, m: int) -> list[tuple[Fraction, ...]]:
    """Multisets of n probabilities from {0, 1/m, ..., 1} (N's law depends on the multiset)."""
    grid = [F(i, m) for i in range(m + 1)]
    return list(itertools.combinations_with_replacement(grid, n))


L6_GRID = 4


def _l6_holds(alpha: list[Fraction], n: int) -> tuple[bool, Fraction]:
    best = max(T.lemma6_lhs(alpha, j) for j in range(1, n + 1))
    return best >= T.tail(alpha, 1) / 5, best


def lemma6(n: int) -> bool:
    for ps in _bernoulli_vectors(n, L6_GRID):
        alpha = T.poisson_binomial(ps)
        ok, best = _l6_holds(alpha, n)
        if not ok:
            note(p=sv(ps), best=best, pr_n_ge_1=T.tail(alpha, 1))
            return False
    return True


claim("p001/L-6", source=paper.source("Lemma 6", 461, 463),
      statement="For independent Bernoulli X_1..X_n, N = sum X_i, some j in {1..n} has min(1, "
      "E[N]/j) - Pr[N >= j+1] >= Pr[N >= 1]/5; exact over every p in {0, 1/4, ..., 1}^n.",
      over={"n": Ints(1)}, limit={"n": 9},
      readings=as_readings({"all-n": {}}, {"all-n": "Dom-R1: every n >= 1, as stated"}, {"all-n": "CHECKED"}, kinds={'all-n': 'intended'}))(lemma6)


def lemma6_gt5(n: int) -> bool:
    return lemma6(n)


claim("p001/L-6", source=paper.source("Lemma 6 (n > 5, l.449)", 461, 463),
      statement="As L-6@all-n, for n > 5 (the section's assumption, l.449).",
      over={"n": Ints(6)}, limit={"n": 10},
      readings=as_readings({"n-gt-5": {}}, {"n-gt-5": "Dom-R2: n > 5"}, {"n-gt-5": "CHECKED"}, kinds={'n-gt-5': 'alternative'}))(lemma6_gt5)


@claim("p001/L-6.sym", source=paper.source("Lemma 6", 461, 463),
       statement="Lemma 6 for every n >= 1 and every p in [0,1]^n (z3 over the reals, per n): OR "
       "over j of [1 - Pr[N >= j+1] >= Pr[N >= 1]/5 and E[N]/j - Pr[N >= j+1] >= Pr[N >= 1]/5].",
       over={"n": Ints(1)}, limit={"n": 3}, expect="CHECKED")
def lemma6_sym(n: int) -> Forall:
    ps = sp.symbols(f"p1:{n + 1}", real=True)
    alpha: list[sp.Expr] = [sp.Integer(1)]
    for p in ps:
        nxt = [sp.Integer(0)] * (len(alpha) + 1)
        for i, a in enumerate(alpha):
            nxt[i] += a * (1 - p)
            nxt[i + 1] += a * p
        alpha = [sp.expand(x) for x in nxt]
    e = sum(ps)
    pr1 = 1 - alpha[0]
    cases = []
    for j in range(1, n + 1):
        tl = sum(alpha[j + 1:]) if j + 1 < len(alpha) else sp.Integer(0)
        cases.append(sp.And(sp.Ge(1 - tl, pr1 / 5), sp.Ge(e / j - tl, pr1 / 5)))
    return Forall({p: Reals(0, 1) for p in ps}, then={"some j works": sp.Or(*cases)})


def _l6_alpha(n: int) -> list[tuple[tuple[Fraction, ...], list[Fraction]]]:
    return [(ps, T.poisson_binomial(ps)) for ps in _bernoulli_vectors(n, L6_GRID)]


@claim("p001/L-6.b1.j", role="step", of="p001/L-6", source=paper.source("Lemma 6 proof, first bullet", 467),
       statement="Bullet 1 (E[N] < 5) takes j = 5, and j must lie in {1..n}: for every n >= 1 "
       "with some p giving E[N] < 5, 5 <= n.", over={"n": Ints(1)}, limit={"n": 16},
       readings=as_readings({"all-n": {}}, {"all-n": "Dom-R1: every n >= 1"}, {"all-n": "REFUTED"}, kinds={'all-n': 'literal'}))
def l6_b1_j(n: int) -> Rel:
    return {"j = 5 <= n (E[N] = 0 < 5 at p = 0)": le(F(5), F(n))}


@claim("p001/L-6.b1.link0", role="step", of="p001/L-6", source=paper.source("Lemma 6 proof, first bullet", 469),
       statement="E[N] < 5 implies min(1, E[N]/5) - Pr[N >= 6] = E[N]/5 - Pr[N >= 6].",
       expect="PROVED")
def l6_b1_link0() -> Forall:
    e, t6 = sp.symbols("E t6", real=True)
    return Forall({e: Reals(0), t6: Reals(0, 1)}, given={"E[N] < 5": sp.Lt(e, 5)},
                  then={"min(1, E/5) = E/5": sp.Eq(sp.Min(1, e / 5) - t6, e / 5 - t6)})


@claim("p001/L-6.b1.link1", role="step", of="p001/L-6", source=paper.source("Lemma 6 proof, first bullet", 469, 470),
       statement="(1/5) E[N] - Pr[N >= 6] >= (1/5) sum_q q alpha_q - alpha_6 (alpha_q = Pr[N = q]), "
       "exact over every p in {0, 1/4, ..., 1}^n with E[N] < 5.",
       over={"n": Ints(1)}, limit={"n": 12}, expect="REFUTED")
def l6_b1_link1(n: int) -> Rel:
    rows = []
    for ps, al in _l6_alpha(n):
        e = sum((i * a for i, a in enumerate(al)), ZERO)
        if e >= 5:
            continue
        a6 = al[6] if len(al) > 6 else ZERO
        rows.append((f"link 1 at p={sv(ps)}", e / 5 - T.tail(al, 6), e / 5 - a6))
    return tightest(rows)


_q = sp.Symbol("q", integer=True)
_alq = sp.Symbol("alpha_q", real=True)


@claim("p001/L-6.b1.terms", role="step", of="p001/L-6", source=paper.source("Lemma 6 proof, first bullet", 469, 470),
       statement="Termwise form of bullet 1's last two lines: for every integer q >= 1 and "
       "alpha_q >= 0, ((q-1)/5 - [q = 6]) alpha_q >= 0 (line 2 minus line 3, with the printed "
       "alpha_6) and ((q-1)/5 - [q >= 6]) alpha_q >= 0 (with the true tail Pr[N >= 6]).",
       expect="PROVED")
def l6_b1_terms() -> Forall:
    term = (_q - 1) / 5 * _alq
    return Forall({_q: Ints(1), _alq: Reals(0)},
                  then={"q != 6: (q-1)/5 alpha_q >= 0": sp.Implies(
                            sp.Ne(_q, 6), sp.Ge(term, 0, evaluate=False)),
                        "q = 6: ((q-1)/5 - 1) alpha_q >= 0": sp.Implies(
                            sp.Eq(_q, 6, evaluate=False), sp.Ge(term - _alq, 0, evaluate=False)),
                        "q <= 5: (q-1)/5 alpha_q >= 0": sp.Implies(
                            sp.Le(_q, 5, evaluate=False), sp.Ge(term, 0, evaluate=False)),
                        "q >= 6: ((q-1)/5 - 1) alpha_q >= 0": sp.Implies(
                            sp.Ge(_q, 6, evaluate=False), sp.Ge(term - _alq, 0, evaluate=False))})


@claim("p001/L-6.b1.link2", role="step", of="p001/L-6", source=paper.source("Lemma 6 proof, first bullet", 470),
       statement="For every distribution alpha on {0..n}: (1/5) sum_{q>=1} q alpha_q - alpha_6 >= "
       "(1/5) sum_{q>=1} alpha_q (alpha_6 := 0 when n < 6); every n >= 1 (own check: z3, linear "
       "in alpha, per n).",
       over={"n": Ints(1)}, limit={"n": 10}, expect="PROVED",
       by=Derivation(("p001/L-6.b1.terms",), "left minus right is sum_{q=1}^n ((q-1)/5 - [q = 6]) "
                     "alpha_q, a finite sum of terms that are non-negative for every q >= 1 and "
                     "alpha_q >= 0 (L-6.b1.terms)"))
def l6_b1_link2(n: int) -> Forall:
    al = sp.symbols(f"alpha0:{n + 1}", real=True)
    a6 = al[6] if n >= 6 else 0
    return Forall({a: Reals(0, 1) for a in al},
                  given={"sum = 1": sp.Eq(sum(al), 1, evaluate=False)},
                  then={"link 2": sp.Ge(sum(q * al[q] for q in range(1, n + 1)) / 5 - a6,
                                        sum(al[1:]) / 5, evaluate=False)})


@claim("p001/L-6.b1.end", role="repair", of="p001/L-6", source=paper.source("Lemma 6 proof, first bullet (end to end)", 469, 470),
       statement="For every distribution alpha on {0..n}: (1/5) sum_q q alpha_q - sum_{q>=6} "
       "alpha_q >= (1/5) sum_{q>=1} alpha_q, i.e. bullet 1's conclusion with the true tail Pr[N >= "
       "6]; every n >= 1 (own check: z3, linear in alpha, per n).", over={"n": Ints(1)},
       limit={"n": 10}, expect="PROVED",
       by=Derivation(("p001/L-6.b1.terms",), "left minus right is sum_{q=1}^n ((q-1)/5 - [q >= 6]) "
                     "alpha_q, a finite sum of terms that are non-negative for every q >= 1 and "
                     "alpha_q >= 0 (L-6.b1.terms)"))
def l6_b1_end(n: int) -> Forall:
    al = sp.symbols(f"alpha0:{n + 1}", real=True)
    return Forall({a: Reals(0, 1) for a in al},
                  given={"sum = 1": sp.Eq(sum(al), 1, evaluate=False)},
                  then={"bullet 1": sp.Ge(sum(q * al[q] for q in range(1, n + 1)) / 5
                                          - sum(al[6:]), sum(al[1:]) / 5, evaluate=False)})


@claim("p001/L-6.b2.min", role="step", of="p001/L-6", source=paper.source("Lemma 6 proof, second bullet", 472),
       statement="If 5 <= E <= n/3 and j = 2 ceil(E) then min(1, E/j) >= 0.4 and 1 <= j <= n "
       "(z3: m = ceil(E), m - 1 < E <= m).", expect="PROVED")
def l6_b2_min() -> Forall:
    e, m, n = sp.symbols("E m n", real=True)
    return Forall({e: Reals(5), m: Ints(1), n: Ints(1)},
                  given={"m - 1 < E": sp.Lt(m - 1, e), "E <= m": sp.Le(e, m),
                         "E <= n/3": sp.Le(e, n / 3)},
                  then={"E/(2m) >= 2/5": sp.Ge(e, sp.Rational(4, 5) * m),
                        "1 <= 2m <= n": sp.And(sp.Ge(2 * m, 1), sp.Le(2 * m, n))})


def _binomial(n: int, p: Fraction) -> list[Fraction]:
    return [F(__import__("math").comb(n, i)) * p**i * (1 - p) ** (n - i) for i in range(n + 1)]


B2_GRID = 24


@claim("p001/L-6.b2.tail", role="step", of="p001/L-6", source=paper.source("Lemma 6 proof, second bullet", 474),
       statement="If 5 <= E[N] <= n/3 and j = 2 ceil(E[N]) then Pr[N >= j+1] < e^{-5/3}; exact for "
       "i.i.d. X_i with p in {0, 1/24, ..., 1} (e^{-5/3} by a rational enclosure).",
       over={"n": Ints(15)}, limit={"n": 80}, expect="CHECKED")
def l6_b2_tail(n: int) -> bool:
    lo, _ = T.exp_bounds(F(-5, 3))
    for i in range(B2_GRID + 1):
        p = F(i, B2_GRID)
        e = n * p
        if not 5 <= e <= F(n, 3):
            continue
        al = _binomial(n, p)
        j = 2 * -(-e.numerator // e.denominator)
        if not T.tail(al, j + 1) < lo:
            note(p=p, tail=T.tail(al, j + 1))
            return False
    return True


@claim("p001/L-6.b2.chernoff", role="step", of="p001/L-6", source=paper.source("Lemma 6 proof, second bullet (optional step)", 474),
       statement="Pr[N >= 2 E[N]] <= e^{-E[N]/3} when E[N] >= 5; exact for i.i.d. X_i with p in "
       "{0, 1/24, ..., 1} (exponential by a rational enclosure).",
       over={"n": Ints(15)}, limit={"n": 80}, expect="CHECKED")
def l6_b2_chernoff(n: int) -> bool:
    for i in range(B2_GRID + 1):
        p = F(i, B2_GRID)
        e = n * p
        if e < 5:
            continue
        al = _binomial(n, p)
        j = -(-(2 * e).numerator // (2 * e).denominator)  # smallest integer >= 2E
        lo, _ = T.exp_bounds(-e / 3)
        if not T.tail(al, j) <= lo:
            note(p=p, tail=T.tail(al, j))
            return False
    return True


@claim("p001/L-6.const", role="step", of="p001/L-6", source=paper.source("Lemma 6 proof, constants", 474, 482),
       statement="e^{-5/3} < 0.19; 0.4 - 0.19 >= 0.2; 0.2 >= Pr[N >= 1]/5 (Pr <= 1); 1/3 >= "
       "Pr[N >= 1]/5 (exact; e^{-5/3} by a rational upper bound).", expect="PROVED")
def l6_const() -> Rel:
    _, hi = T.exp_bounds(F(-5, 3))
    note(e_53_upper=hi)
    return {"e^(-5/3) < 0.19": sp.Lt(q(hi), sp.Rational(19, 100), evaluate=False),
            "0.4 - 0.19 >= 0.2": ge(F(2, 5) - F(19, 100), F(1, 5)),
            "0.2 >= 1/5": ge(F(1, 5), F(1, 5)), "1/3 >= 1/5": ge(F(1, 3), F(1, 5))}


@claim("p001/L-6.b3", role="step", of="p001/L-6", source=paper.source("Lemma 6 proof, third bullet", 480, 482),
       statement="If E[N] >= n/3 (n >= 1, Pr[N >= 1] <= 1) then min(1, E[N]/n) - Pr[N >= n+1] = "
       "E[N]/n >= 1/3 >= Pr[N >= 1]/5.", expect="PROVED")
def l6_b3() -> Forall:
    e, n, pr = sp.symbols("E n pr", real=True)
    return Forall({e: Reals(0), n: Ints(1), pr: Reals(0, 1)},
                  given={"E >= n/3": sp.Ge(e, n / 3), "E <= n": sp.Le(e, n)},
                  then={"E/n >= 1/3": sp.Ge(e / n, sp.Rational(1, 3)),
                        "1/3 >= pr/5": sp.Ge(sp.Rational(1, 3), pr / 5)})


@claim("p001/L-6.cases", role="step", of="p001/L-6", source=paper.source("Lemma 6 proof", 465, 480),
       statement="'At least one of the following holds': E < 5, or 5 <= E <= n/3, or E >= n/3, for "
       "every real E and n.", expect="PROVED")
def l6_cases() -> Forall:
    e, n = sp.symbols("E n", real=True)
    return Forall({e: Reals(0), n: Reals(1)},
                  then={"cases cover": sp.Or(sp.Lt(e, 5), sp.And(sp.Ge(e, 5), sp.Le(e, n / 3)),
                                             sp.Ge(e, n / 3))})


# =============================================================================== Lemma 7


def _g_law(p: tuple[T.Law, ...]) -> tuple[int, Fraction, T.Distribution, Fraction]:
    ks, xs, zl = _kstar(p)
    x = xs[ks]
    g = zl.map(lambda y: sum(1 for z in y if z >= x))
    return ks, xs[ks] - xs[ks - 1], g, zl.probability(lambda y: max(y) >= x)


def _l7_rhs(p: tuple[T.Law, ...], t: int) -> tuple[Fraction, Fraction]:
    """(left, right) of l.490 line 2 at t."""
    _, delta, g, _ = _g_law(p)
    left = T.lemma3_bound(p, t)
    right = T.big_p(p) * delta * (min(ONE, g.mean() / t) - g.probability(lambda c: c >= t + 1))
    return left, right


L7_LIMIT = 700


def l7_b(n: int, k: int, at: str) -> Rel:
    p = T.inst(n, "iid-regular+P", k)
    note(prior=T.describe(p))
    _, _, g, _ = _g_law(p)
    alpha = [g.mass(c) for c in range(n + 1)]
    rows = []
    for t in range(1, n + 1):
        if at != "all" and not T.lemma6_lhs(alpha, t) >= T.tail(alpha, 1) / 5:
            continue
        left, right = _l7_rhs(p, t)
        rows.append((f"line 2 at t={t}", left, right))
    if at == "some":  # some t' satisfying Lemma 6 also satisfies line 2
        ok = [r for r in rows if r[1] >= r[2]]
        rows = ok[:1] or rows
        return {rows[0][0]: ge(rows[0][1], rows[0][2])}
    return tightest(rows)


IID_FAM = (" i.i.d. regular priors with P > 0, every n >= 1 (checked for n <= 3); k indexes the laws in size order "
           "(no LP).")
L7B = ("P E[(1/t) sum_{i<=t} Z_i - Z_{t+1}] >= P Delta (min(1, E[G]/t) - Pr[G >= t+1]), "
       "Delta = x_{k*} - x_{k*-1}, G = #{i : Y_i >= x_{k*}}, k* as in K-1.")
claim("p001/L-7.b", role="step", of="p001/L-7", source=paper.source("Lemma 7 proof, second line", 490),
      statement=L7B + IID_FAM, over={"n": Ints(1), "k": Ints(0)}, limit={"n": 3, "k": 120}, uses=USES,
      readings=as_readings({"R1": {"at": "all"}, "R2": {"at": "lemma6"}}, {"R1": "for every t in {1..n}",
                     "R2": "at every t' that satisfies Lemma 6's inequality for G (Lemma 6 only "
                     "gives some such t', so the proof needs the line at each of them)"}, {"R1": "REFUTED", "R2": "REFUTED"}, kinds={'R1': 'literal', 'R2': 'intended'}))(l7_b)
claim("p001/L-7.b", role="variant", deviation="Weakened: the inequality at some t' satisfying Lemma 6, not at every t.", source=paper.source("Lemma 7 proof, second line (weakened)", 490),
      statement=L7B + IID_FAM, over={"n": Ints(1), "k": Ints(0)}, limit={"n": 3, "k": 120}, uses=USES,
      readings=as_readings({"R3": {"at": "some"}}, {"R3": "VARIANT (weaker): at some t' that satisfies Lemma 6's inequality"}, {"R3": "CHECKED"}, kinds={'R3': 'alternative'}))(l7_b)


def l7_b_fixed(n: int, k: int) -> Rel:
    p = T.inst(n, "iid-regular+P", k) if n > 0 else T.inst_mixed("regular+P", k)
    note(prior=T.describe(p))
    _, delta, g, _ = _g_law(p)
    rows = []
    for t in range(1, len(p) + 1):
        right = T.big_p(p) * delta * (g.expect(lambda c, t=t: min(ONE, F(c, t)))
                                      - g.probability(lambda c, t=t: c >= t + 1))
        rows.append((f"pointwise line 2 at t={t}", T.lemma3_bound(p, t), right))
    return tightest(rows)


claim("p001/L-7.b.fixed", role="repair", of="p001/L-7", source=paper.source("Lemma 7 proof, second line (repair)", 490),
      statement="REPAIR (not printed): P E[(1/t) sum_{i<=t} Z_i - Z_{t+1}] >= P Delta (E[min(1, "
      "G/t)] - Pr[G >= t+1]) for every t (the pointwise bound, before Jensen)." + IID_FAM,
      over={"n": Ints(1), "k": Ints(0)}, limit={"n": 3, "k": 120}, uses=USES,
      expect="CHECKED")(l7_b_fixed)


def l7_b_fixed_mixed(k: int) -> Rel:
    return l7_b_fixed(0, k)


claim("p001/L-7.b.fixed.mixed", role="repair", of="p001/L-7", source=paper.source("Lemma 7 proof, second line (repair)", 490),
      statement="As L-7.b.fixed, on the non-i.i.d. family:" + K1_FAM,
      over={"k": Ints(0)}, limit={"k": K1_LIMIT}, uses=USES, expect="CHECKED")(l7_b_fixed_mixed)


@claim("p001/L-7.c", role="step", of="p001/L-7", source=paper.source("Lemma 7 proof", 492, 494),
       statement="With X_i = 1{Y_i >= x_{k*}}, Lemma 6 gives t' in {1..n} with min(1, E[G]/t') - "
       "Pr[G >= t'+1] >= Pr[G >= 1]/5, and Pr[G >= 1] = Pr[Z_1 >= x_{k*}]." + K1_FAM,
       over={"k": Ints(0)}, limit={"k": K1_LIMIT}, uses=USES, expect="CHECKED")
def l7_c(k: int) -> Rel:
    p = T.inst_mixed("regular+P", k)
    note(prior=T.describe(p))
    n = len(p)
    _, _, g, prz = _g_law(p)
    alpha = [g.mass(c) for c in range(n + 1)]
    best = max(T.lemma6_lhs(alpha, t) for t in range(1, n + 1))
    return {"some t' satisfies Lemma 6": ge(best, T.tail(alpha, 1) / 5),
            "Pr[G >= 1] = Pr[Z_1 >= x_k*]": eq(T.tail(alpha, 1), prz)}


def l7_a(k: int, tie: str) -> Rel:
    return lemma3(k, tie)


claim("p001/L-7.a", role="step", of="p001/L-7", source=paper.source("Lemma 7 proof, first line (Lemma 3)", 490),
      statement="CS(RANK_t) >= P E[(1/t) sum_{i<=t} Z_i - Z_{t+1}] for every t (Lemma 3)." + POS
      + "n = 2 regular; " + FAM + ".",
      over={"k": Ints(0)}, limit={"k": S0_LIMIT}, uses=USES, readings=as_readings(TIE, TIE_TEXT, {"fav": "CHECKED", "adv": "REFUTED"}, kinds={'fav': 'intended', 'adv': 'alternative'}))(l7_a)


def l7_explicit(k: int, tie: str, n: int = 2, kind: str = N2P) -> Rel:
    p = T.inst(n, kind, k)
    note(prior=T.describe(p))
    evidence(LP)
    _, delta, _, prz = _g_law(p)
    best = max(T.rank_cs(p, t, tie) for t in range(1, n + 1))
    return {"max_t CS(RANK_t) >= (1/5) P Delta Pr[Z_1 >= x_k*]":
            ge(best, T.big_p(p) * delta * prz / 5)}


claim("p001/L-7", source=paper.source("Lemma 7, explicit constant of Lemma 6", 486, 496),
      statement="Some t' has CS(RANK_t') >= Omega(1) P Pr[Z_1 >= x_{k*}](x_{k*} - x_{k*-1}); "
      "explicit form with Lemma 6's constant: >= (1/5) P Delta Pr[Z_1 >= x_{k*}]." + POS
      + "n = 2 regular; " + FAM + ".",
      over={"k": Ints(0)}, limit={"k": S0_LIMIT}, uses=USES, readings=as_readings(TIE, TIE_TEXT, {"fav": "CHECKED", "adv": "REFUTED"}, kinds={'fav': 'intended', 'adv': 'alternative'}))(l7_explicit)


# =============================================================================== Theorem 7 (S_1)


def istar(p: tuple[T.Law, ...], alloc: bool = True, ironed: bool = False) -> int:
    """i* = argmax_i CS_i (Eq. 5), the smallest index among maximisers (depends only on D)."""
    vals = [T.cs_i(p, i, alloc, ironed) for i in range(len(p))]
    return vals.index(max(vals))


def pr_ta(p: tuple[T.Law, ...], cut: Callable[[tuple], Fraction]) -> dict[tuple, Fraction]:
    """Pr(T, a) for TRUNC with cut-off c(v) (R1: a := 0 when no v_i <= c)."""
    out: dict[tuple, Fraction] = {}
    for v, m in T.joint(p).items():
        at = T.trunc_a_t(v, cut(v))
        assert at is not None
        out[at] = out.get(at, ZERO) + m
    return out


def th7_sum(p: tuple[T.Law, ...], i: int, ironed: bool = False) -> tuple[Fraction, dict]:
    """sum_{T,a} Pr(T,a) CS_0(D_{T,a}) for S_1 (c = v_{i*}, so a = c), and the Pr(T,a)."""
    pt = pr_ta(p, lambda v: v[i])
    total = sum((m * T.cs0_alg1(tuple(T.d_ta(p, ts, a, a)), ironed)
                 for (a, ts), m in pt.items() if ts), ZERO)
    return total, pt


TH7_LIMIT = 150


def th7_a(k: int, tie: str, full: bool) -> bool:
    p = T.inst(2, "regular", k)
    note(prior=T.describe(p))
    evidence(LP)
    i = istar(p)
    total, pt = th7_sum(p, i)
    if full:
        sig = T.signals_from(T.trunc_table(p, lambda v: v[i], tie))
        T.scheme_of(p, sig)
        cs = T.scheme_cs(sig, tie)
    else:
        cs = sum((m * T.s0_cs(tuple(T.d_ta(p, ts, a, a)), tie)[0]
                  for (a, ts), m in pt.items() if ts), ZERO)
    note(i_star=i + 1, cs_s1=cs, sum_cs0=total)
    return at_least_over_1_plus_ln(cs, total, len(p))


TH7A_READ = {f"{r}-{t}": {"tie": t, "full": r == "R1"} for r in ("R1", "R2") for t in TIE}
TH7A_TEXT = {f"{r}-{t}": ("R1: CS(S_1) from exact per-signal LPs on the full n-buyer posterior"
                          if r == "R1" else "R2: CS(S_1) := sum_{T,a} Pr(T,a) CS(S_0 on the |T|-"
                          "buyer instance D_{T,a}), as in the proof") + "; " + TIE_TEXT[t]
             for r in ("R1", "R2") for t in TIE}

claim("p001/TH-7.a", role="step", of="p001/C-3", source=paper.source("Theorem 7 proof", 529, 533),
      statement="CS(S_1) >= (1/(ln n + 1)) sum_{T,a} Pr(T,a) CS_0(D_{T,a}), Pr(T,a) = Pr[v_{i*} = a "
      "and {i : v_i > a} = T], S_1 = TRUNC(v, D, v_{i*}), i* = argmax_i CS_i. n = 2 regular; "
      + FAM + ".", over={"k": Ints(0)}, limit={"k": TH7_LIMIT}, uses=USES + ("p001/A-5",),
      readings=as_readings(TH7A_READ, TH7A_TEXT, {"R1-fav": "CHECKED", "R1-adv": "REFUTED", "R2-fav": "CHECKED",
              "R2-adv": "REFUTED"}, kinds={'R1-fav': 'intended', 'R1-adv': 'alternative', 'R2-fav': 'alternative', 'R2-adv': 'alternative'}))(th7_a)

TH7_FAM = " n = 2, 3 regular priors (mixed family, by height; no LP)."


def th7_b(k: int, alloc: bool, kind: str = "regular", ironed: bool = False) -> Rel:
    p = T.inst_mixed(kind, k)
    note(prior=T.describe(p))
    i = istar(p, alloc, ironed)
    total, _ = th7_sum(p, i, ironed)
    note(i_star=i + 1)
    return {"CS_i* <= sum Pr(T,a) CS_0(D_T,a)": le(T.cs_i(p, i, alloc, ironed), total)}


claim("p001/TH-7.b", role="step", of="p001/C-3", source=paper.source("Theorem 7 proof, key step", 535, 537),
      statement="CS_{i*} <= sum_{T,a} Pr(T,a) CS_0(D_{T,a}) (CS_0 of the |T|-buyer instance: "
      "Algorithm 1's non-allocation loss)." + TH7_FAM,
      over={"k": Ints(0)}, limit={"k": 300}, uses=EQ + ("p001/A-5",), readings=as_readings(E5_READ, E5_TEXT, {"alloc": "CHECKED", "all": "CHECKED"}, kinds={'alloc': 'intended', 'all': 'literal'}))(th7_b)


def th7_b_nonregular(k: int, alloc: bool) -> Rel:
    return th7_b(k, alloc, "nonregular", True)


claim("p001/TH-7.b.nonregular", role="assumption", of="p001/C-3", note='Footnote 1 (l.123): for non-regular D the proofs use ironed virtual values.', source=paper.source("Theorem 7 proof, key step (P-4 variant)", 535, 537),
      statement="VARIANT (non-regular D, footnote 1): CS_{i*} <= sum_{T,a} Pr(T,a) CS_0(D_{T,a}) "
      "with ironed virtual values in Eq. (5) and Algorithm 1. n = 2, 3 priors with a non-regular "
      "buyer (mixed family).", over={"k": Ints(0)}, limit={"k": 300},
      uses=EQ + ("p001/A-5",), readings=as_readings(E5_READ, E5_TEXT, {"alloc": "CHECKED", "all": "CHECKED"}, kinds={'alloc': 'intended', 'all': 'literal'}))(th7_b_nonregular)


@claim("p001/TH-7.c", role="step", of="p001/C-3", source=paper.source("Theorem 7 proof", 543, 545),
       statement="Pr(T,a) CS_0(D_{T,a}) = sum_{v': v'_j < r'_j for all j in T} Pr(T,a) Pr[D_{T,a} = "
       "v'] max_{j in T} v'_j, D'_i = D_{i|>a} - a with reserve r'_i." + TH7_FAM,
       over={"k": Ints(0)}, limit={"k": 300}, uses=USES + ("p001/A-5",), expect="CHECKED")
def th7_c(k: int) -> Rel:
    p = T.inst_mixed("regular", k)
    note(prior=T.describe(p))
    i = istar(p)
    out = {}
    for (a, ts), m in pr_ta(p, lambda v: v[i]).items():
        if not ts:
            continue
        sub = tuple(T.d_ta(p, ts, a, a))
        rs = [T.reserve(T.excess(p[j], a)) for j in ts]
        right = T.joint(sub).expect(
            lambda w, rs=rs: max(w) if all(x < r for x, r in zip(w, rs, strict=True)) else ZERO)
        out[f"(T,a)=({sv(ts)},{a})"] = eq(m * T.cs0_alg1(sub), m * right)
    return out or {"no (T, a) with T non-empty": sp.Eq(0, 0, evaluate=False)}


def _th7_map(p: tuple[T.Law, ...], i: int) -> dict[tuple, list[tuple]]:
    """(T, a, v') -> the profiles v that map to it under TRUNC(v, D, v_{i*})."""
    out: dict[tuple, list[tuple]] = {}
    for v in T.joint(p).support:
        a, ts = T.trunc_a_t(v, v[i])  # type: ignore[misc]
        out.setdefault((ts, a, tuple(v[j] - a for j in ts)), []).append(v)
    return out


def th7_d(k: int, summed: bool, nonempty: bool = False) -> Rel:
    p = T.inst_mixed("regular", k)
    note(prior=T.describe(p))
    i = istar(p)
    pt = pr_ta(p, lambda v: v[i])
    d = T.joint(p)
    rows = []
    for (ts, a, vp), vs in _th7_map(p, i).items():
        if nonempty and not ts:
            continue
        right = pt[(a, ts)] * (T.joint(T.d_ta(p, ts, a, a)).mass(vp) if ts else ONE)
        if summed:
            rows.append((f"sum Pr[D=v] over v -> (T={sv(ts)}, a={a}, v'={sv(vp)})",
                         sum((d.mass(v) for v in vs), ZERO), right))
        else:
            rows.extend((f"Pr[D={sv(v)}] = Pr(T,a) Pr[D_T,a = v']", d.mass(v), right) for v in vs)
    return tightest(rows, "==")


claim("p001/TH-7.d", role="step", of="p001/C-3", source=paper.source("Theorem 7 proof", 547, 549),
      statement="Every v maps to (T, a, v') and Pr[D = v] = Pr(T,a) Pr[D_{T,a} = v']." + TH7_FAM,
      over={"k": Ints(0)}, limit={"k": 300}, uses=USES + ("p001/A-5",),
      readings=as_readings({"printed": {"summed": False}, "printed-T": {"summed": False, "nonempty": True}}, {"printed": "per profile, as printed (every v)",
                     "printed-T": "per profile, only profiles with T non-empty (those that can "
                     "contribute to CS_i*)"}, {"printed": "REFUTED", "printed-T": "REFUTED"}, kinds={'printed': 'intended', 'printed-T': 'alternative'}))(th7_d)
claim("p001/TH-7.d", role="repair", of="p001/C-3", source=paper.source("Theorem 7 proof (repair)", 547, 549),
      statement="REPAIR (not printed): summed over the profiles v that map to the same (T, a, v'), "
      "sum Pr[D = v] = Pr(T,a) Pr[D_{T,a} = v']." + TH7_FAM,
      over={"k": Ints(0)}, limit={"k": 300}, uses=USES + ("p001/A-5",),
      readings=as_readings({"summed": {"summed": True}}, {"summed": "REPAIR: summed over the fibre of the map"}, {"summed": "CHECKED"}, kinds={'summed': 'intended'}))(th7_d)


def _contributions(p: tuple[T.Law, ...], i: int) -> list[tuple[tuple, int]]:
    """Profiles with a positive contribution to CS_{i*} (allocated reading) and the j with
    v_j = max v (the smallest such index)."""
    out = []
    for v in T.joint(p).support:
        if T.argmax_phi(p, v) == i and T.winner(p, v) is not None and max(v) > v[i]:
            out.append((v, v.index(max(v))))
    return out


@claim("p001/TH-7.e", role="step", of="p001/C-3", source=paper.source("Theorem 7 proof", 551),
       statement="A positive contribution to CS_{i*} occurs when v_j = max_i v_i and phi_{D_j}(v_j) < "
       "phi_{D_{i*}}(v_{i*}) <= v_{i*} = a (ties toward the higher value); it equals v_j - v_{i*}."
       + TH7_FAM, over={"k": Ints(0)}, limit={"k": 300}, uses=EQ, expect="CHECKED")
def th7_e(k: int) -> bool:
    p = T.inst_mixed("regular", k)
    note(prior=T.describe(p))
    i = istar(p)
    for v, j in _contributions(p, i):
        ph = [T.phi(d) for d in p]
        a = T.trunc_a_t(v, v[i])[0]  # type: ignore[index]
        if not (ph[j][v[j]] < ph[i][v[i]] <= v[i] == a):
            note(profile=sv(v), j=j + 1)
            return False
    return True


def th7_f(k: int, which: str, printed: bool) -> Rel:
    p = T.inst_mixed("regular", k)
    note(prior=T.describe(p))
    i = istar(p)
    rows = []
    for v in T.joint(p).support:
        a, ts = T.trunc_a_t(v, v[i])  # type: ignore[misc]
        if which == "R1":
            js = [j for w, j in _contributions(p, i) if w == v]
        else:
            js = [j for j in ts if T.phi(p[j])[v[j]] < a]
        for j in js:
            dp = T.excess(p[j], a)
            assert dp is not None
            left = T.phi(dp)[v[j] - a]
            if printed:
                rows.append((f"phi_D'_j(v_j - a) = phi_D_j(v_j) at v={sv(v)}, j={j + 1}", left,
                             T.phi(p[j])[v[j]]))
            else:
                rows.append((f"phi_D'_j(v'_j) < 0 at v={sv(v)}, j={j + 1}", ZERO, left))
                rows.append((f"v'_j < r'_j at v={sv(v)}, j={j + 1}", T.reserve(dp), v[j] - a))
    if printed:
        return tightest(rows, "==")
    return tightest(rows, ">")


TH7F_READ = {"R1": {"which": "R1"}, "R2": {"which": "R2"}}
TH7F_TEXT = {"R1": "for the j of (e)", "R2": "for every j in T with phi_{D_j}(v_j) < a"}
claim("p001/TH-7.f.eq", role="step", of="p001/C-3", source=paper.source("Theorem 7 proof, 'By Lemma 2'", 553),
      statement="By Lemma 2, phi_{D'_j}(v_j - a) = phi_{D_j}(v_j) (D'_j = D_{j|>a} - a)." + TH7_FAM,
      over={"k": Ints(0)}, limit={"k": 300}, uses=EQ, readings=as_readings({r: {**x, "printed": True}
                                                               for r, x in TH7F_READ.items()}, TH7F_TEXT, {"R1": "REFUTED", "R2": "REFUTED"}, kinds={'R1': 'intended', 'R2': 'alternative'}))(th7_f)
claim("p001/TH-7.f.impl", role="step", of="p001/C-3", source=paper.source("Theorem 7 proof", 553),
      statement="phi_{D_j}(v_j) < a = v_{i*} implies phi_{D'_j}(v'_j) < 0, hence v'_j < r'_j (so "
      "v' contributes v'_j = v_j - v_{i*} to CS_0(D_{T,a}))." + TH7_FAM,
      over={"k": Ints(0)}, limit={"k": 300}, uses=EQ, readings=as_readings({r: {**x, "printed": False}
                                                               for r, x in TH7F_READ.items()}, TH7F_TEXT, {"R1": "CHECKED", "R2": "CHECKED"}, kinds={'R1': 'intended', 'R2': 'alternative'}))(th7_f)


def cor3(k: int, tie: str) -> bool:
    p = T.inst(2, "regular", k)
    note(prior=T.describe(p))
    evidence(LP)
    n = len(p)
    i = istar(p)
    sig = T.signals_from(T.trunc_table(p, lambda v: v[i], tie))
    best = max(T.seller(T.joint(p)).cs(tie), T.s0_cs(p, tie)[0], T.scheme_cs(sig, tie))
    o = T.opt(p)
    note(best=best, OPT=o)
    if best == 0:
        return o == 0
    # OPT <= (1 + (n+1)(1 + ln n)) best  <=>  ln n >= (OPT/best - 1)/(n+1) - 1
    return T.cmp_ln(n, (o / best - 1) / (n + 1) - 1) >= 0


claim("p001/C-3", source=paper.source("Corollary 3", 555, 557),
      statement="Every product D admits O(n log n)-approximate signaling; bounded form with the "
      "proofs' constants: OPT <= (1 + (n+1)(1 + ln n)) max(CS(D), CS(S_0), CS(S_1)). n = 2 "
      "regular; " + FAM + ".",
      over={"k": Ints(0)}, limit={"k": TH7_LIMIT}, uses=EQ + ("p001/A-5",), readings=as_readings(TIE, TIE_TEXT, {"fav": "CHECKED", "adv": "REFUTED"}, kinds={'fav': 'intended', 'adv': 'alternative'}))(cor3)


# =============================================================================== Theorem 8 (S_2)


def kstar8(p: tuple[T.Law, ...], reading: str) -> int:
    """k* = argmax_k CS-hat_k (Eq. 6, allocated profiles), smallest maximiser (1-based)."""
    vals = [T.cs_hat(p, k, reading, True) for k in range(1, len(T.union_support(p)) + 1)]
    return vals.index(max(vals)) + 1


def th8_sum(p: tuple[T.Law, ...], x: Fraction, alg5: bool) -> Fraction:
    """R1: sum_T Pr(T) CS_0(prod_{j in T}(D_{j|>x} - x)); R2: sum_{T,a} Pr(T,a) CS_0(D_{T,a}) with
    Algorithm 5's D_{T,a} = prod (D_{j|>x} - a), a = max{v_i <= x} (0 if none)."""
    pt = pr_ta(p, lambda v: x)
    out: dict[tuple, Fraction] = {}
    for (a, ts), m in pt.items():
        key = (a, ts) if alg5 else (x, ts)
        out[key] = out.get(key, ZERO) + m
    return sum((m * T.cs0_alg1(tuple(T.d_ta(p, ts, x, a))) for (a, ts), m in out.items() if ts),
               ZERO)


def th8_b(k: int, alg5: bool, reading: str) -> Rel:
    p = T.inst_mixed("regular", k)
    note(prior=T.describe(p))
    ks = kstar8(p, reading)
    x = T.union_support(p)[ks - 1]
    note(k_star=ks)
    return {"CS-hat_k* <= sum Pr CS_0": le(T.cs_hat(p, ks, reading, True), th8_sum(p, x, alg5))}


TH8B_READ = {f"{d}-{e}": {"alg5": d == "R2", "reading": e} for d in ("R1", "R2")
             for e in ("R1", "R2")}
TH8B_TEXT = {f"{d}-{e}": ("D_{T,x_{k*}} = prod (D_{j|>x} - x) (proof notation)" if d == "R1" else
                          "Algorithm 5's D_{T,a}, summed over (T, a)") + "; " +
             ("E6-R1 as printed" if e == "R1" else "E6-R2 (winner's value)")
             for d in ("R1", "R2") for e in ("R1", "R2")}
claim("p001/TH-8.b", role="step", of="p001/C-4", source=paper.source("Theorem 8 proof, key step", 567, 569),
      statement="CS-hat_{k*} <= sum_T Pr(T) CS_0(D_{T,x_{k*}}), k* = argmax_k CS-hat_k, Pr(T) = "
      "Pr[{i : v_i > x_{k*}} = T] (allocated profiles in Eq. 6)." + TH7_FAM,
      over={"k": Ints(0)}, limit={"k": 300}, uses=EQ + ("p001/A-5",), readings=as_readings(TH8B_READ, TH8B_TEXT, {"R1-R1": "REFUTED", "R2-R1": "REFUTED", "R1-R2": "CHECKED", "R2-R2": "CHECKED"}, kinds={'R1-R1': 'literal', 'R1-R2': 'intended', 'R2-R1': 'alternative', 'R2-R2': 'alternative'}))(th8_b)


def th8_a(k: int, tie: str) -> Rel:
    p = T.inst(2, "regular", k)
    note(prior=T.describe(p))
    evidence(LP)
    x = T.union_support(p)[kstar8(p, "R2") - 1]
    sig = T.signals_from(T.trunc_table(p, lambda v: x, tie))
    T.scheme_of(p, sig)
    kk = len(T.union_support(p))
    return {"CS(S_2) >= (1/(5K)) sum_T Pr(T) CS_0": ge(T.scheme_cs(sig, tie),
                                                       th8_sum(p, x, False) / (5 * kk))}


claim("p001/TH-8.a", role="step", of="p001/C-4", source=paper.source("Theorem 8 proof", 563, 567),
      statement="CS(S_2) >= Omega(1/K) sum_T Pr(T) CS_0(D_{T,x_{k*}}); explicit constant of "
      "Corollary 2: 1/(5K). S_2 = TRUNC(v, D, x_{k*}) with exact per-signal LPs on the full "
      "posterior. n = 2 regular; " + FAM + ".",
      over={"k": Ints(0)}, limit={"k": TH7_LIMIT}, uses=EQ + ("p001/A-5",), readings=as_readings(TIE, TIE_TEXT, {"fav": "CHECKED", "adv": "REFUTED"}, kinds={'fav': 'intended', 'adv': 'alternative'}))(th8_a)


def cor4(k: int, tie: str) -> Rel:
    p = T.inst(2, "regular", k)
    note(prior=T.describe(p))
    evidence(LP)
    x = T.union_support(p)[kstar8(p, "R2") - 1]
    sig = T.signals_from(T.trunc_table(p, lambda v: x, tie))
    kk = len(T.union_support(p))
    best = max(T.seller(T.joint(p)).cs(tie), T.s0_cs(p, tie)[0], T.scheme_cs(sig, tie))
    return {"OPT <= (1 + 5K + 5K^2) max(CS(D), CS(S_0), CS(S_2))":
            le(T.opt(p), (1 + 5 * kk + 5 * kk * kk) * best)}


claim("p001/C-4", source=paper.source("Corollary 4", 573, 575),
      statement="Every product D admits O(K^2)-approximate signaling; bounded form with the proofs' "
      "constants: OPT <= (1 + 5K + 5K^2) max(CS(D), CS(S_0), CS(S_2)). n = 2 regular; " + FAM + ".",
      over={"k": Ints(0)}, limit={"k": TH7_LIMIT}, uses=EQ + ("p001/A-5",), readings=as_readings(TIE, TIE_TEXT, {"fav": "CHECKED", "adv": "REFUTED"}, kinds={'fav': 'intended', 'adv': 'alternative'}))(cor4)


# =============================================================================== Conclusion


def co1(n: int, k: int, tie: str) -> Rel:
    p = T.inst(n, "twopoint-iid", k)
    note(prior=T.describe(p))
    evidence(LP)
    best = max(T.seller(T.joint(p)).cs(tie), T.s0_cs(p, tie)[0])
    return {"max(CS(D), CS(S_0)) = OPT": eq(best, T.opt(p))}


claim("p001/CO-1", source=paper.source("Conclusion", 581),
      statement="For two-valued i.i.d. distributions the approximation ratio is one: the better of "
      "{no signal, S_0} has CS = OPT. Every n >= 1 (checked for n <= 3); k indexes two-point laws in size order.",
      over={"n": Ints(1), "k": Ints(0)}, limit={"n": 3, "k": 12}, uses=USES,
      readings=as_readings({"R2-fav": {"tie": "fav"}, "R2-adv": {"tie": "adv"}}, {"R2-fav": "R2 (the paper's schemes); " + TIE_TEXT["fav"],
                     "R2-adv": "R2 (the paper's schemes); " + TIE_TEXT["adv"]}, {"R2-fav": "CHECKED", "R2-adv": "REFUTED"}, kinds={'R2-fav': 'intended', 'R2-adv': 'alternative'}))(co1)


def co1_r1(n: int, k: int) -> Rel:
    p = T.inst(n, "twopoint-iid", k)
    note(prior=T.describe(p))
    evidence(LP)
    cands = [T.seller(T.joint(p)).cs("fav")] + [T.rank_cs(p, t, "fav") for t in range(1, n + 1)]
    return {"some scheme in {no signal, RANK_1..RANK_n} has CS = OPT": eq(max(cands), T.opt(p))}


claim("p001/CO-1", source=paper.source("Conclusion", 581),
      statement="For two-valued i.i.d. distributions some signaling scheme achieves CS = OPT "
      "(witness searched among no signal and RANK_1..RANK_n). Every n >= 1 (checked for n <= 3); two-point laws in size "
      "order.", over={"n": Ints(1), "k": Ints(0)}, limit={"n": 3, "k": 12}, uses=USES,
      readings=as_readings({"R1-fav": {}}, {"R1-fav": "R1 (some scheme); " + TIE_TEXT["fav"]}, {"R1-fav": "CHECKED"}, kinds={'R1-fav': 'alternative'}))(co1_r1)


def l7_explicit_iid(k: int, tie: str) -> Rel:
    return l7_explicit(k, tie, 2, "iid-regular+P")


claim("p001/L-7.iid", source=paper.source("Lemma 7, explicit constant of Lemma 6", 486, 496),
      statement="As L-7 (some t' has CS(RANK_t') >= (1/5) P Delta Pr[Z_1 >= x_{k*}]) on n = 2 "
      "i.i.d. regular priors with P > 0 (the family where L-7.b fails).",
      over={"k": Ints(0)}, limit={"k": 70}, uses=USES, readings=as_readings(TIE, TIE_TEXT, {"fav": "CHECKED", "adv": "REFUTED"}, kinds={'fav': 'intended', 'adv': 'alternative'}))(l7_explicit_iid)


def l5_vii_n3(k: int, tie: str, corrected: bool) -> bool:
    return l5_vii(k, tie, corrected, 3)


claim("p001/L-5.vii.n3", source=paper.source("Lemma 5, conclusion", 441),
      statement="CS(S_0^2) >= CS_0/(1 + ln n) (t revealed)." + POS + "n = 3 regular; " + FAM + ".",
      over={"k": Ints(0)}, limit={"k": 2}, uses=USES,
      readings=as_readings({"printed-fav": {"tie": "fav", "corrected": False}}, {r: L5VII_TEXT[r] for r in ("printed-fav",)}, {"printed-fav": "REFUTED"}, kinds={'printed-fav': 'intended'}))(l5_vii_n3)
claim("p001/L-5.vii.n3", role="repair", of="p001/L-5.vii", source=paper.source("Lemma 5, conclusion (repaired constant)", 441),
      statement="REPAIR (not printed): CS(S_0^2) >= CS_0/(1 + H_{n-1}) (t revealed)." + POS
      + "n = 3 regular; " + FAM + ".",
      over={"k": Ints(0)}, limit={"k": 2}, uses=USES,
      readings=as_readings({"fixed-fav": {"tie": "fav", "corrected": True}}, {r: L5VII_TEXT[r] for r in ("fixed-fav",)}, {"fixed-fav": "CHECKED"}, kinds={'fixed-fav': 'intended'}))(l5_vii_n3)


@claim("p001/L-6.b1.j", role="step", of="p001/L-6", source=paper.source("Lemma 6 proof, first bullet (n > 5)", 467),
       statement="Bullet 1 takes j = 5, and j must lie in {1..n}: 5 <= n for every n > 5 (the "
       "section's assumption, l.449).", readings=as_readings({"n-gt-5": {}}, {"n-gt-5": "Dom-R2: n > 5"}, {"n-gt-5": "PROVED"}, kinds={'n-gt-5': 'intended'}))
def l6_b1_j_gt5() -> Forall:
    n = sp.Symbol("n", integer=True)
    return Forall({n: Ints(6)}, then={"5 <= n": sp.Le(5, n)})
