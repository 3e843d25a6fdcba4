"""Rank-preserving spec §2.5 (end) to §2.8: MC1, CR3, P4, DD, P5, CR4, RB1, G1, UP1-UP5, P6, P7.

Finite analogue (spec §1.11): integer value sets, n = 2 (3 where cheap), closed grids V^n and
strict grids; payments t >= v_low with v_low = 0 (PAY R1 = R2) unless the instance family
says otherwise (the optimal-mechanism entries use random value subsets of {0..m}, some without
0: there the bound is t >= 0, reading PAY R2). Helpers: :mod:`._robust_tools`. Every optimum
is an exact certified LP or an exhaustive integer-price menu enumeration re-checked in
Fractions; every universal table statement is a Forall over symbolic tables decided by z3, the
certified-LP back-end or sympy.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterator, Sequence
from fractions import Fraction

import sympy as sp

from claims.p004_rank_preserving import paper
from claims.p004_rank_preserving._model_tools import orbit_weights as i_weights
from claims.p004_rank_preserving._robust_tools import (
    F,
    Vec,
    avg_marginal,
    bundles,
    closure,
    det_opt,
    extend,
    grid,
    ic_arcs,
    iid_pmf,
    inner_extremes,
    lp_opt,
    pmf_family,
    potentials_from,
    rep,
    robust_lp,
    rp_allows,
    show,
    uniform_price_table,
    uniform_sup,
    units,
)
from verify import (
    Derivation,
    Forall,
    Ints,
    Reals,
    Samples,
    assume,
    claim,
    definition,
    evidence,
    note,
)
from verify.mech.types import all_perms, inverse, is_sorted, is_strict, orbit, permute
from verify.paper import Reading

LP_EVIDENCE = "exact LP optimum, dual certificate re-checked"
DET_EVIDENCE = ("deterministic optimum: exhaustive integer-price menus (integral payments by "
                "total unimodularity), best table re-checked exactly")


def R(x: object) -> sp.Rational:
    f = Fraction(x)  # type: ignore[arg-type]
    return sp.Rational(f.numerator, f.denominator)


def lt(a: object, b: object) -> sp.Basic:
    return sp.Lt(a, b, evaluate=False)


def le(a: object, b: object) -> sp.Basic:
    return sp.Le(a, b, evaluate=False)


def ge(a: object, b: object) -> sp.Basic:
    return sp.Ge(a, b, evaluate=False)


def eq(a: object, b: object) -> sp.Basic:
    return sp.Eq(a, b, evaluate=False)


def tag(v: Sequence[object]) -> str:
    return ",".join(str(x) for x in v)


# ------------------------------------------------------------------------------ definitions

definition("p004/1.7.cond11", source=paper.source("condition (11)", 421),
           statement="3 f^M(v) + v . grad f^M(v) >= 0 for all v in D̄^M, M = H or I.")
definition("p004/1.5.opt-det", source=paper.source("optimal deterministic mechanism", 444, 446),
           statement="(q^d, t^d) is an optimal deterministic mechanism if it is deterministic, "
           "IC and IR and REV(q^d, t^d) >= REV(q, t) for every deterministic IC and IR (q, t).")
definition("p004/1.11.finite-opt", source=paper.source("finite analogue of optimality (spec §1.11)", 248, 250),
           statement="On a finite grid: OPT = max sum_v p(v) t(v) over IC + IR tables with "
           "t >= 0 (certified LP); OPT^det over deterministic tables (exhaustive integer-price "
           "menus); H side on V^n (closed) or its strict types, I side on the sorted types with "
           "(1) and weights per WEIGHT (R1 n! p^H, R2 |orbit| p^H).")
definition("p004/1.8.uniform-price", source=paper.source("Definition 10", 500, 504),
           statement="Uniform price p: q_i(v) = 1 if v_i >= p else 0, t(v) = p sum_i q_i(v).")
definition("p004/1.8.F-avg", source=paper.source("G_avg and F^avg", 480, 484),
           statement="G_avg(x) = (1/n) sum_i G_i(x), G_i the marginal cdf of unit i in M^I; "
           "F^avg = joint laws on D̄^I with average marginal G_avg.")
definition("p004/1.8.robust", source=paper.source("Definition 9", 494, 496),
           statement="(q*, t*) is average robust optimal if inf_{F in F^avg} REV(q*, t*; F) = "
           "sup_{(q,t) in M^I} inf_{F in F^avg} REV(q, t; F).")
definition("p004/1.9.subdiff", source=paper.source("subdifferential, Q(u), Defs 11-12", 753, 821),
           statement="x in ∂u(v) iff u(v') - u(v) >= x.(v' - v) for all v' in D^I; Q(u) = "
           "{q̂ : q̂(v) in ∂u(v)}; L-maximal q♯ (Def 11); ∂̃u(v): x in ∂u(v) with x_i in {0,1} "
           "for i != k and x_1 >= ... >= x_n; L^d-maximal (Def 12).")

COND11 = ("p004/1.7.cond11",)
OPT = ("p004/1.5.opt-det", "p004/1.11.finite-opt")
ROB = ("p004/1.8.uniform-price", "p004/1.8.F-avg", "p004/1.8.robust")
SUBD = ("p004/1.9.subdiff",)

# ================================================================================== MC1, CR3

x1, x2 = sp.symbols("v1 v2", real=True)
lam, vb, aa, bb, cc = sp.symbols("lambda vbar a b c", real=True)


def cond11(f: sp.Expr) -> sp.Expr:
    """3 f + v . grad f for n = 2 (coefficient 3; COEF R1 = R2 at n = 2)."""
    return 3 * f + x1 * sp.diff(f, x1) + x2 * sp.diff(f, x2)


@claim("p004/MC1.uniform", source=paper.source("uniform family satisfies (11)", 423),
       statement="The uniform family satisfies (11): n = 2, f^H = 1/(b-a)^2 on [a,b]^2 and "
       "f^I = 2/(b-a)^2 on D̄^I, for all 0 <= a < b.", uses=COND11, expect="PROVED")
def mc1_uniform() -> Forall:
    fh = 1 / (bb - aa) ** 2
    fi = 2 / (bb - aa) ** 2
    return Forall({aa: Reals(0), bb: Reals(0), x1: Reals(0), x2: Reals(0)},
                  given={"a < b": lt(aa, bb), "v in [a,b]^2": sp.And(
                      le(aa, x1), le(x1, bb), le(aa, x2), le(x2, bb))},
                  then={"(11) for f^H": ge(cond11(fh), 0), "(11) for f^I": ge(cond11(fi), 0)})


def _exp_density() -> sp.Expr:
    return cc * sp.exp(-lam * (x1 + x2))


@claim("p004/MC1.exp.identity", source=paper.source("truncated exponential and (11)", 423),
       statement="For f = c exp(-lambda (v1 + v2)) (truncated exponential on [0, vbar]^2, c its "
       "normalising constant): 3 f + v . grad f = f (3 - lambda (v1 + v2)).",
       uses=COND11, expect="PROVED",
       role="step",
       of="p004/MC1.exp",
       note="not printed: the identity that reduces (11) for the truncated exponential",
)
def mc1_exp_identity() -> Forall:
    f = _exp_density()
    return Forall({cc: Reals(0), lam: Reals(), x1: Reals(), x2: Reals()},
                  then={"ratio": eq(cond11(f), f * (3 - lam * (x1 + x2)))})


MC1_EXP_TEXT = ("The truncated exponential distribution f ∝ exp(-lambda(v1 + v2)) on [0, vbar]^2 "
                "satisfies (11); since f > 0, (11) is 3 - lambda(v1 + v2) >= 0 on the square "
                "(MC1.exp.identity).")


@claim("p004/MC1.exp", source=paper.source("truncated exponential satisfies (11)", 423),
       statement=MC1_EXP_TEXT, over={"lam": Ints(1), "vbar": Ints(1)}, limit={"lam": 4, "vbar": 4},
       uses=COND11, rests_on=("p004/MC1.exp.identity",),
       readings=(
           Reading("R1",
                   "every lambda > 0 and vbar > 0 (integer parameters enumerated)",
                   kind="intended", expect="REFUTED"),
       ),
)
def mc1_exp_all(lam: int, vbar: int) -> Forall:
    return Forall({x1: Reals(0, vbar), x2: Reals(0, vbar)},
                  then={"3 - lambda(v1+v2) >= 0": ge(3 - lam * (x1 + x2), 0)})


@claim("p004/MC1.exp", source=paper.source("truncated exponential satisfies (11)", 423),
       statement=MC1_EXP_TEXT,
       uses=COND11, rests_on=("p004/MC1.exp.identity",),
       readings=(
           Reading("R2",
                   "some non-empty sub-family: every real lambda, vbar > 0 with 2 lambda vbar"
                   " <= 3",
                   kind="alternative", expect="PROVED"),
       ),
)
def mc1_exp_sub() -> Forall:
    big_l, big_b = sp.symbols("lambda vbar", positive=True)
    return Forall({big_l: Reals(0, lo_open=True), big_b: Reals(0, lo_open=True),
                   x1: Reals(0), x2: Reals(0)},
                  given={"2 lambda vbar <= 3": le(2 * big_l * big_b, 3),
                         "v in [0,vbar]^2": sp.And(le(x1, big_b), le(x2, big_b))},
                  then={"3 - lambda(v1+v2) >= 0": ge(3 - big_l * (x1 + x2), 0)})


def _beta(a: int, b: int) -> sp.Expr:
    """i.i.d. Beta(a, b) density on [0,1]^2, integer parameters (a polynomial)."""
    const = sp.Rational(math.factorial(a + b - 1), math.factorial(a - 1) * math.factorial(b - 1))
    one = x1 ** (a - 1) * (1 - x1) ** (b - 1)
    two = x2 ** (a - 1) * (1 - x2) ** (b - 1)
    return const**2 * one * two


MC1_BETA_TEXT = ("i.i.d. Beta(a, b) on [0,1]^2 satisfies (11) (integer a, b >= 1 enumerated: "
                 "then the density is a polynomial).")


@claim("p004/MC1.beta", source=paper.source("a family of Beta distributions satisfies (11)", 423),
       statement=MC1_BETA_TEXT, over={"a": Ints(1), "b": Ints(1)}, limit={"a": 4, "b": 4},
       uses=COND11,
       role="variant",
       deviation="every Beta(a, b) instead of the printed 'a family of Beta distributions': "
                 "shows which sub-family the remark can mean",
       readings=(
           Reading("R1", "every Beta(a, b)", kind="alternative", expect="REFUTED"),
       ),
)
def mc1_beta_all(a: int, b: int) -> Forall:
    return Forall({x1: Reals(0, 1), x2: Reals(0, 1)},
                  then={"(11)": ge(sp.expand(cond11(_beta(a, b))), 0)})


@claim("p004/MC1.beta", source=paper.source("a family of Beta distributions satisfies (11)", 423),
       statement=MC1_BETA_TEXT, over={"a": Ints(1)}, limit={"a": 6},
       uses=COND11,
       by=Derivation(("p004/MC1.beta.identity",),
                     "for b = 1: 3f + v.grad f = (2a+1) f with f >= 0 and 2a + 1 > 0 (every real "
                     "a > 0, in particular every integer a >= 1)"),
       readings=(
           Reading("R2", "some non-empty sub-family: Beta(a, 1)", kind="intended", expect="PROVED"),
       ),
)
def mc1_beta_sub(a: int) -> Forall:
    return Forall({x1: Reals(0, 1), x2: Reals(0, 1)},
                  then={"(11)": ge(sp.expand(cond11(_beta(a, 1))), 0)})


@claim("p004/MC1.beta.identity", source=paper.source("a family of Beta distributions satisfies (11)", 423),
       statement="For Beta(a, 1), f = a^2 (v1 v2)^(a-1) on (0,1)^2 and real a > 0: "
       "3 f + v . grad f = (2a + 1) f, so (11) holds (f >= 0, 2a + 1 > 0).",
       uses=COND11, expect="PROVED",
       role="step",
       of="p004/MC1.beta",
       note="not printed: the identity behind the Beta(a, 1) family",
)
def mc1_beta_identity() -> Forall:
    pa = sp.Symbol("a", positive=True)
    p1, p2 = sp.symbols("v1 v2", positive=True)
    f = pa**2 * (p1 * p2) ** (pa - 1)
    lhs = 3 * f + p1 * sp.diff(f, p1) + p2 * sp.diff(f, p2)
    return Forall({pa: Reals(0, lo_open=True), p1: Reals(0, 1, lo_open=True),
                   p2: Reals(0, 1, lo_open=True)},
                  then={"3f + v.grad f = (2a+1) f": eq(lhs, (2 * pa + 1) * f)})


@claim("p004/CR3.homog", source=paper.source("Corollary 3 (piece B: f^I = 2 f^H)", 423, 428),
       statement="(11) is linear homogeneous in f: for c > 0, 3(cf) + v.grad(cf) >= 0 iff "
       "3f + v.grad f >= 0; so f^I = 2 f^H satisfies (11) on D̄^I iff f^H does there "
       "(f, its partial derivatives and v free reals).", uses=COND11, expect="PROVED",
       note="the homogeneity piece of Corollary 3 (f^I = 2 f^H); the corollary itself is "
            "class E",
)
def cr3_homog() -> Forall:
    f, fa, fb = sp.symbols("f f1 f2", real=True)
    scaled = 3 * cc * f + x1 * cc * fa + x2 * cc * fb
    plain = 3 * f + x1 * fa + x2 * fb
    return Forall({cc: Reals(0, lo_open=True), f: Reals(), fa: Reals(), fb: Reals(),
                   x1: Reals(), x2: Reals()},
                  then={"=>": sp.Implies(ge(scaled, 0), ge(plain, 0)),
                        "<=": sp.Implies(ge(plain, 0), ge(scaled, 0))})


# ================================================================================ P4, CR4

INSTANCE = {"m": Ints(2), "d": Ints(1)}
INSTANCE_LIMIT = {"m": 3, "d": 2}
P4_LIMIT = {"m": 3, "d": 3}  # d = 3 reaches the first closed instance with a randomised optimum
INSTANCE_TEXT = ("instances (n = 2): at (m, d) every value set {a < b < m} of three values with "
                 "largest value m, and every exchangeable pmf on its grid whose orbit weights "
                 "have least common denominator d (zero weights allowed)")


Instance = tuple[tuple[Fraction, ...], list[Vec], list[Vec], dict[Vec, Fraction]]


def _instances(m: int, d: int, strict: bool) -> Iterator[Instance]:
    """Every instance of the (m, d) layer of the systematic family (INSTANCE_TEXT), smallest
    first, so that m <= M and d <= D together cover every value set in {0..M} of size 3 and
    every exchangeable pmf with orbit weights of denominator <= D."""
    from verify.domains import Priors

    for low in itertools.combinations(range(m), 2):
        vals = tuple(F(x) for x in (*low, m))
        th = grid(2, vals, strict=strict)
        ti = grid(2, vals, strict=strict, sorted_=True)
        reps = list(dict.fromkeys(rep(v) for v in th))
        older = set(Priors(len(reps), d - 1).values) if d > 1 else set()
        for weights in Priors(len(reps), d).values:
            if weights in older:
                continue
            per = dict(zip(reps, weights, strict=True))
            size = {r: sum(1 for v in th if rep(v) == r) for r in reps}
            yield vals, th, ti, {v: per[rep(v)] / size[rep(v)] for v in th}


def _first_failure(m: int, d: int, strict: bool,
                   test: Callable[[list[Vec], list[Vec], dict[Vec, Fraction]], dict | None]
                   ) -> bool:
    """Run `test` on every instance of the (m, d) layer; a failing one (a dict of exact values
    for the witness) is noted and makes the point false."""
    count = 0
    for vals, th, ti, p in _instances(m, d, strict):
        count += 1
        bad = test(th, ti, p)
        if bad is not None:
            note(values=[str(x) for x in vals], pmf={tag(v): p[v] for v in th}, **bad)
            return False
    note(instances=count)
    return True


@claim("p004/P4", source=paper.source("Proposition 4", 434, 442),
       statement="M^I has an optimal mechanism that is deterministic iff its symmetric "
       "equivalent M^H has an optimal mechanism that is deterministic and symmetric: "
       "[OPT_I^det = OPT_I] <=> [OPT_H^det,sym = OPT_H^all], per instance; " + INSTANCE_TEXT + ".",
       over=INSTANCE, limit=P4_LIMIT,
       uses=OPT,
       deviation="n = 2 only (the paper's n is general): the deterministic optima enumerate "
                 "every integer-price menu, out of reach for n = 3",
       analogue="grids V = {0..m}, pmfs on V^n (closed T^I, T^H and their strict types)",
       readings=(
           Reading("strict",
                   "DOM R1 (strict grids; WEIGHT R1 = R2, TIE-SYM R1 = R2 there)",
                   kind="intended", expect="CHECKED", strict=True, weight="orbit", tiesym="R1"),
           Reading("closed-W2-S1",
                   "DOM R2 (closed grids), WEIGHT R2 (|orbit| p^H), TIE-SYM R1 (strict types)",
                   kind="alternative", expect="CHECKED", strict=False, weight="orbit", tiesym="R1"),
           Reading("closed-W2-S2",
                   "closed grids, WEIGHT R2, TIE-SYM R2 (ties included)",
                   kind="alternative", expect="CHECKED", strict=False, weight="orbit", tiesym="R2"),
           Reading("closed-W1-S1",
                   "closed grids, WEIGHT R1 (n! p^H as printed), TIE-SYM R1",
                   kind="literal", expect="REFUTED", strict=False, weight="factorial", tiesym="R1"),
           Reading("closed-W1-S2",
                   "closed grids, WEIGHT R1, TIE-SYM R2",
                   kind="alternative", expect="REFUTED", strict=False, weight="factorial", tiesym="R2"),
       ),
)
def p4(m: int, d: int, strict: bool, weight: str, tiesym: str) -> bool:
    def test(th: list[Vec], ti: list[Vec], p: dict[Vec, Fraction]) -> dict | None:
        wi = i_weights(p, ti, weight)  # type: ignore[arg-type]
        opt_i = lp_opt(ti, wi, decreasing=True).value
        det_i = det_opt(ti, wi, units(2)).value
        opt_h = lp_opt(th, p).value
        det_s = det_opt(th, p, bundles(2), "sym", tiesym).value
        if (det_i == opt_i) == (det_s == opt_h):
            return None
        return {"OPT_I": opt_i, "OPT_I_det": det_i, "OPT_H_all": opt_h, "OPT_H_det_sym": det_s}

    evidence(LP_EVIDENCE)
    evidence(DET_EVIDENCE)
    return _first_failure(m, d, strict, test)


def _sym_failure(q: dict[Vec, Vec], t: dict[Vec, Fraction], strict_only: bool) -> tuple | None:
    for v in q:
        if strict_only and not is_strict(v):
            continue
        for s in all_perms(len(v)):
            w = permute(v, s)
            if q[w] != permute(q[v], s) or t[w] != t[v]:
                return v, s
    return None


@claim("p004/P4a", source=paper.source("Proposition 4, remark after it", 442),
       statement="'deterministic mechanisms in M^I map into deterministic, symmetric mechanisms "
       "in M^H': the symmetric extension of every deterministic table on T^I is deterministic "
       "and symmetric on T^H (every table: all (n+1)^|T^I| allocations enumerated, t(v) "
       "distinct per type).",
       over={"n": Ints(2), "m": Ints(1)}, limit={"n": 3, "m": 2},
       uses=("p004/1.5.opt-det",),
       analogue="grids V = {0..m}, pmfs on V^n (closed T^I, T^H and their strict types)",
       readings=(
           Reading("strict",
                   "strict grids (EXT and TIE-SYM readings agree there)",
                   kind="intended", expect="CHECKED", strict=True, ext="R1", tiesym="R1"),
           Reading("closed-E1-S1",
                   "closed grids, EXT R1 (average over sorting σ at ties), TIE-SYM R1",
                   kind="alternative", expect="REFUTED", strict=False, ext="R1", tiesym="R1"),
           Reading("closed-E1-S2",
                   "closed grids, EXT R1, TIE-SYM R2 (Def 1 at tied types too)",
                   kind="alternative", expect="REFUTED", strict=False, ext="R1", tiesym="R2"),
           Reading("closed-E2-S1",
                   "closed grids, EXT R2 (stable sort), TIE-SYM R1",
                   kind="alternative", expect="CHECKED", strict=False, ext="R2", tiesym="R1"),
           Reading("closed-E2-S2",
                   "closed grids, EXT R2, TIE-SYM R2",
                   kind="alternative", expect="REFUTED", strict=False, ext="R2", tiesym="R2"),
       ),
)
def p4a(n: int, m: int, strict: bool, ext: str, tiesym: str) -> bool:
    assume(n == 2 or m == 1)
    vals = range(m + 1)
    ti = grid(n, vals, strict=strict, sorted_=True)
    th = grid(n, vals, strict=strict)
    assume(bool(ti))
    opts = [tuple(F(1) if i < k else F(0) for i in range(n)) for k in range(n + 1)]
    t = {v: F(k) for k, v in enumerate(ti)}
    for choice in itertools.product(opts, repeat=len(ti)):
        q = dict(zip(ti, choice, strict=True))
        qs: dict[Vec, Vec] = {}
        ts: dict[Vec, Fraction] = {}
        for v in th:
            qs[v], ts[v] = extend(q, t, v, ext)
        bad = next((v for v in th if any(a not in (0, 1) for a in qs[v])), None)
        sym = _sym_failure(qs, ts, strict_only=tiesym == "R1")
        if bad is not None or sym is not None:
            note(table={tag(v): tag(q[v]) for v in ti},
                 not_deterministic_at=None if bad is None else tag(bad),
                 extension_there=None if bad is None else tag(qs[bad]),
                 not_symmetric_at=None if sym is None else f"v={tag(sym[0])}, σ={sym[1]}")
            return False
    note(tables=len(opts) ** len(ti))
    return True


# ----------------------------------------------------------------------- P5 and its proof


@claim("p004/P5", source=paper.source("Proposition 5", 452, 455),
       statement="f^H exchangeable: (i) there is a symmetric optimal deterministic mechanism iff "
       "(ii) there is a rank-preserving optimal deterministic mechanism; per instance: "
       "[OPT^det_sym = OPT^det_all] <=> [OPT^det_RP = OPT^det_all]; " + INSTANCE_TEXT + ".",
       over=INSTANCE, limit=INSTANCE_LIMIT,
       uses=OPT,
       deviation="n = 2 only (the paper's n is general): the deterministic optima enumerate "
                 "every integer-price menu, out of reach for n = 3",
       analogue="grids V = {0..m}, pmfs on V^n (closed T^I, T^H and their strict types)",
       readings=(
           Reading("strict",
                   "strict grids (TIE-SYM, TIE-RP readings agree there)",
                   kind="intended", expect="CHECKED", strict=True, tiesym="R1", tierp="R1"),
           Reading("closed-S1-RP1",
                   "closed grids, TIE-SYM R1 (strict types), TIE-RP R1 (v_i > v_j)",
                   kind="alternative", expect="CHECKED", strict=False, tiesym="R1", tierp="R1"),
           Reading("closed-S1-RP2",
                   "closed grids, TIE-SYM R1, TIE-RP R2 (v_i >= v_j)",
                   kind="alternative", expect="CHECKED", strict=False, tiesym="R1", tierp="R2"),
           Reading("closed-S2-RP1",
                   "closed grids, TIE-SYM R2 (ties too), TIE-RP R1",
                   kind="alternative", expect="CHECKED", strict=False, tiesym="R2", tierp="R1"),
           Reading("closed-S2-RP2",
                   "closed grids, TIE-SYM R2, TIE-RP R2",
                   kind="alternative", expect="CHECKED", strict=False, tiesym="R2", tierp="R2"),
       ),
)
def p5(m: int, d: int, strict: bool, tiesym: str, tierp: str) -> bool:
    def test(th: list[Vec], ti: list[Vec], p: dict[Vec, Fraction]) -> dict | None:
        det_all = det_opt(th, p, bundles(2)).value
        det_sym = det_opt(th, p, bundles(2), "sym", tiesym).value
        det_rp = det_opt(th, p, bundles(2), "rp", tierp).value
        if (det_sym == det_all) == (det_rp == det_all):
            return None
        return {"det_all": det_all, "det_sym": det_sym, "det_rp": det_rp}

    evidence(DET_EVIDENCE)
    return _first_failure(m, d, strict, test)


def _sym_allocations(types: list[Vec], tiesym: str):  # type: ignore[no-untyped-def]
    """Every symmetric 0/1 allocation on an n = 2 grid: one bundle per strict orbit (the
    transposed bundle on the mirror type) and per tied type (stabiliser-invariant under R2)."""
    opts = [(0, 0), (1, 0), (0, 1), (1, 1)]
    reps = [v for v in types if v[0] > v[1]]
    ties = [v for v in types if v[0] == v[1]]
    tie_opts = opts if tiesym == "R1" else [(0, 0), (1, 1)]
    for a in itertools.product(opts, repeat=len(reps)):
        for b in itertools.product(tie_opts, repeat=len(ties)):
            q: dict[Vec, Vec] = {}
            key: dict[Vec, Vec] = {}
            for v, x in zip(reps, a, strict=True):
                q[v] = (F(x[0]), F(x[1]))
                q[(v[1], v[0])] = (F(x[1]), F(x[0]))
                key[v] = key[(v[1], v[0])] = v
            for v, x in zip(ties, b, strict=True):
                q[v] = (F(x[0]), F(x[1]))
                key[v] = v
            yield q, key


@claim("p004/P5a", source=paper.source("Proposition 5 proof, (i) => (ii)", 697),
       statement="By Theorem 1 a symmetric IC deterministic mechanism is rank preserving: every "
       "symmetric 0/1 allocation on the grid (n = 2) that some symmetric t makes IC is RP "
       "(all allocations enumerated; implementability decided exactly by a Floyd-Warshall "
       "closure of the difference constraints of IC, a violating table gets its explicit t).",
       over={"m": Ints(1)}, limit={"m": 2},
       uses=OPT,
       role="step",
       of="p004/P5",
       analogue="grids V = {0..m}, pmfs on V^n (closed T^I, T^H and their strict types)",
       readings=(
           Reading("strict",
                   "strict grids (TIE-SYM, TIE-RP readings agree there)",
                   kind="intended", expect="CHECKED", strict=True, tiesym="R1", tierp="R1"),
           Reading("closed-S1-RP1",
                   "closed grids, TIE-SYM R1 (strict types), TIE-RP R1 (v_i > v_j)",
                   kind="alternative", expect="CHECKED", strict=False, tiesym="R1", tierp="R1"),
           Reading("closed-S1-RP2",
                   "closed grids, TIE-SYM R1, TIE-RP R2 (v_i >= v_j)",
                   kind="alternative", expect="REFUTED", strict=False, tiesym="R1", tierp="R2"),
           Reading("closed-S2-RP1",
                   "closed grids, TIE-SYM R2 (ties too), TIE-RP R1",
                   kind="alternative", expect="CHECKED", strict=False, tiesym="R2", tierp="R1"),
           Reading("closed-S2-RP2",
                   "closed grids, TIE-SYM R2, TIE-RP R2",
                   kind="alternative", expect="CHECKED", strict=False, tiesym="R2", tierp="R2"),
       ),
)
def p5a(m: int, strict: bool, tiesym: str, tierp: str) -> bool:
    th = grid(2, range(m + 1), strict=strict)
    count = 0
    for q, key in _sym_allocations(th, tiesym):
        bad = next((v for v in th if not rp_allows(v, q[v], tierp == "R2")), None)
        if bad is None:
            continue  # RP already: nothing to show for this allocation
        nodes = list(dict.fromkeys(key.values()))
        cl = closure(nodes, ic_arcs(q, key))
        if cl is None:
            count += 1  # not RP, and no symmetric t makes it IC (negative cycle)
            continue
        pot = potentials_from(nodes, cl)
        low = min(pot.values())
        table = {v: pot[key[v]] - low for v in th}  # IC and Def 1 survive a constant shift
        ok_ic = all(sum((a * b for a, b in zip(v, q[v], strict=True)), F(0)) - table[v]
                    >= sum((a * b for a, b in zip(v, q[w], strict=True)), F(0)) - table[w]
                    for v in th for w in th)
        ok_sym = _sym_failure(q, table, strict_only=tiesym == "R1") is None
        note(q={tag(v): tag(q[v]) for v in th}, t={tag(v): table[v] for v in th},
             IC_rechecked=ok_ic, symmetric_rechecked=ok_sym, not_RP_at=tag(bad))
        return not (ok_ic and ok_sym)
    note(non_RP_allocations_shown_not_implementable=count)
    return True


def _cone_extension(qc: dict[Vec, Vec], sigma: tuple[int, ...], v: Vec, ext: str) -> tuple[Vec, Vec]:
    """Extension of a table on the cone of σ̂ (relabelled Def 3, L184): q^s(v) = q(w)^π for
    v = w^π, w the orbit's element in the cone; ties: average over π (R1) or one π (R2)."""
    n = len(v)
    pis = [p for p in all_perms(n) if permute(v, p) in qc and is_sorted(permute(permute(v, p), sigma))]
    w = permute(v, pis[0])
    # v = w^{π^{-1}}: q^s(v) = q(w)^{π^{-1}}
    parts = [permute(qc[permute(v, p)], inverse(p)) for p in (pis if ext == "R1" else pis[:1])]
    return w, tuple(sum(col, F(0)) / len(parts) for col in zip(*parts, strict=True))


@claim("p004/P5b", source=paper.source("Proposition 5 proof, (19) and the extension", 699, 703),
       statement="For a deterministic, rank-preserving table (q, t) that is IC on D(σ̂), the "
       "symmetric extension of its restriction to D(σ̂) is IC on D^H (Theorem 1) and "
       "deterministic; every σ̂ in S_2, every deterministic RP allocation on the cone and "
       "every cone-IC t (the largest payment difference allowed is a shortest path, exact).",
       over={"m": Ints(1)}, limit={"m": 2},
       uses=OPT,
       role="step",
       of="p004/P5",
       analogue="grids V = {0..m}, pmfs on V^n (closed T^I, T^H and their strict types)",
       readings=(
           Reading("strict",
                   "strict grids, cone D(σ̂) = {v_σ̂(1) > v_σ̂(2)}",
                   kind="intended", expect="CHECKED", strict=True, ext="R1", tierp="R1"),
           Reading("closed-E1-RP1",
                   "closed grids, weak cone, EXT R1 (average at ties), TIE-RP R1",
                   kind="alternative", expect="REFUTED", strict=False, ext="R1", tierp="R1"),
           Reading("closed-E1-RP2",
                   "closed grids, weak cone, EXT R1, TIE-RP R2 (q_1 = q_2 at ties)",
                   kind="alternative", expect="CHECKED", strict=False, ext="R1", tierp="R2"),
           Reading("closed-E2-RP1",
                   "closed grids, weak cone, EXT R2 (stable sort), TIE-RP R1",
                   kind="alternative", expect="REFUTED", strict=False, ext="R2", tierp="R1"),
           Reading("closed-E2-RP2",
                   "closed grids, weak cone, EXT R2, TIE-RP R2",
                   kind="alternative", expect="CHECKED", strict=False, ext="R2", tierp="R2"),
       ),
)
def p5b(m: int, strict: bool, ext: str, tierp: str) -> bool:
    th = grid(2, range(m + 1), strict=strict)
    checked = 0
    opts = [(0, 0), (1, 0), (0, 1), (1, 1)]
    for sigma in all_perms(2):
        cone = [v for v in th if is_sorted(permute(v, sigma))]
        per_type = [[x for x in opts if rp_allows(v, x, tierp == "R2")] for v in cone]
        for choice in itertools.product(*per_type):
            qc = {v: (F(x[0]), F(x[1])) for v, x in zip(cone, choice, strict=True)}
            cl = closure(cone, ic_arcs(qc))
            if cl is None:
                continue
            checked += 1
            ext_q = {v: _cone_extension(qc, sigma, v, ext) for v in th}
            for v in th:
                wv, qv = ext_q[v]
                if any(a not in (0, 1) for a in qv):
                    note(sigma=sigma, cone_table={tag(c): tag(qc[c]) for c in cone},
                         not_deterministic_at=tag(v), extension=tag(qv))
                    return False
                for w in th:
                    ww, qw = ext_q[w]
                    allowed = sum((a * (b - c) for a, b, c in zip(v, qv, qw, strict=True)), F(0))
                    worst = cl.get((ww, wv))  # max t(wv) - t(ww) over cone-IC t
                    if worst is None or worst > allowed:
                        pot = potentials_from(cone, cl)
                        note(sigma=sigma, cone_table={tag(c): tag(qc[c]) for c in cone},
                             violating_pair=f"{tag(v)} -> {tag(w)}",
                             max_t_difference=worst, allowed=allowed,
                             some_cone_IC_t={tag(c): pot[c] for c in cone})
                        return False
    note(cone_tables_checked=checked)
    return True


# ----------------------------------------------------- REV^σ links of P5 and Corollary 4

REGION_READINGS = {"strict": {"strict": True, "region": "R1"},
                   "closed-R2": {"strict": False, "region": "R2"},
                   "closed-R3": {"strict": False, "region": "R3"}}
REGION_TEXTS = {"strict": "strict grids (REGION R1)",
                "closed-R2": "closed grids, weak cones, each type weighted 1/|Stab(v)| (REGION R2)",
                "closed-R3": "closed grids, literal (2): strict cones only, tied types in no cone "
                "(REGION R3)"}


def _rev_sigma(th: list[Vec], sigma: tuple[int, ...], region: str, p: dict[Vec, sp.Expr],
               t: dict[Vec, sp.Expr]) -> sp.Expr:
    """REV^σ = Σ over the cone of σ of p(v) t(v), per REGION reading."""
    out = sp.Integer(0)
    for v in th:
        w = permute(v, sigma)
        if region == "R2" and is_sorted(w):
            out += p[v] * t[v] / math.prod(math.factorial(c) for c in
                                           (v.count(x) for x in set(v)))
        elif region != "R2" and is_sorted(w, strict=True):
            out += p[v] * t[v]
    return out


def _rev_setup(m: int, strict: bool, exchangeable: bool, prefix: str = ""
               ) -> tuple[list[Vec], dict[Vec, sp.Expr], dict[Vec, sp.Symbol], dict]:
    th = grid(2, range(m + 1), strict=strict)
    if exchangeable:
        ws = {r: sp.Symbol(f"p[{tag(r)}]", real=True) for r in dict.fromkeys(rep(v) for v in th)}
        p: dict[Vec, sp.Expr] = {v: ws[rep(v)] for v in th}
        doms = {s: Reals(0) for s in ws.values()}
    else:
        p = {v: sp.Symbol(f"p[{tag(v)}]", real=True) for v in th}
        doms = {s: Reals(0) for s in p.values()}
    t = {v: sp.Symbol(f"{prefix}t[{tag(v)}]", real=True) for v in th}
    doms.update({s: Reals() for s in t.values()})
    return th, p, t, doms


def _ext_t(th: list[Vec], t: dict[Vec, sp.Expr], sigma: tuple[int, ...]) -> dict[Vec, sp.Expr]:
    """t^s of the extension of (q, t) restricted to the (weak) cone of σ̂: t at the orbit's
    element in that cone (the same under EXT R1 and R2)."""
    out = {}
    for v in th:
        w = next(permute(v, p) for p in all_perms(2) if is_sorted(permute(permute(v, p), sigma)))
        out[v] = t[w]
    return out


@claim("p004/P5c", source=paper.source("Proposition 5 proof, REV^σ̂ of the extension", 705),
       statement="REV^σ̂(q^s, t^s) = REV^σ̂(q, t): the extension of (q, t) restricted to D(σ̂) "
       "agrees with (q, t) on D(σ̂) (n = 2, every σ̂, payments symbolic, pmf symbolic).",
       over={"m": Ints(1)}, limit={"m": 3},
       uses=OPT,
       role="step",
       of="p004/P5",
       analogue="grids V = {0..m}, pmfs on V^n (closed T^I, T^H and their strict types)",
       readings=(
           Reading("strict",
                   "strict grids (REGION R1)",
                   kind="intended", expect="CHECKED", strict=True, region="R1"),
           Reading("closed-R2",
                   "closed grids, weak cones, each type weighted 1/|Stab(v)| (REGION R2)",
                   kind="alternative", expect="CHECKED", strict=False, region="R2"),
           Reading("closed-R3",
                   "closed grids, literal (2): strict cones only, tied types in no cone "
                   "(REGION R3)",
                   kind="literal", expect="CHECKED", strict=False, region="R3"),
       ),
)
def p5c(m: int, strict: bool, region: str) -> Forall:
    th, p, t, doms = _rev_setup(m, strict, exchangeable=False)
    then = {}
    for sigma in all_perms(2):
        ts = _ext_t(th, t, sigma)
        then[f"σ̂={sigma}"] = eq(_rev_sigma(th, sigma, region, p, ts),
                                _rev_sigma(th, sigma, region, p, t))
    return Forall(doms, then=then)


@claim("p004/P5d.1", source=paper.source("Proposition 5 proof, first equality of the last display",
                                 709, 711),
       statement="REV(q^s, t^s; f^H) = n! REV^σ̂(q, t; f^H) 'from the fact that f^H is "
       "exchangeable' (n = 2, every σ̂, payments and orbit weights symbolic).",
       over={"m": Ints(1)}, limit={"m": 3},
       uses=OPT,
       role="step",
       of="p004/P5",
       analogue="grids V = {0..m}, pmfs on V^n (closed T^I, T^H and their strict types)",
       readings=(
           Reading("strict",
                   "strict grids (REGION R1)",
                   kind="intended", expect="CHECKED", strict=True, region="R1"),
           Reading("closed-R2",
                   "closed grids, weak cones, each type weighted 1/|Stab(v)| (REGION R2)",
                   kind="alternative", expect="CHECKED", strict=False, region="R2"),
           Reading("closed-R3",
                   "closed grids, literal (2): strict cones only, tied types in no cone "
                   "(REGION R3)",
                   kind="literal", expect="REFUTED", strict=False, region="R3"),
           Reading("strict-nonexch",
                   "strict grids, pmf NOT exchangeable (the hypothesis the printed proof "
                   "names for this equality dropped)",
                   kind="alternative", expect="REFUTED", strict=True, region="R1", exch=False,
                   role="variant",
                   deviation="exchangeability of the pmf dropped, to show the equality needs it "
                             "as the proof says"),
       ),
)
def p5d1(m: int, strict: bool, region: str, exch: bool = True) -> Forall:
    th, p, t, doms = _rev_setup(m, strict, exchangeable=exch)
    then = {}
    for sigma in all_perms(2):
        ts = _ext_t(th, t, sigma)
        total = sp.Add(*[p[v] * ts[v] for v in th])
        then[f"σ̂={sigma}"] = eq(total, 2 * _rev_sigma(th, sigma, region, p, t))
    return Forall(doms, then=then)


@claim("p004/P5d.2", source=paper.source("Proposition 5 proof, the inequality of the last display",
                                 709, 711),
       statement="(19) REV^σ̂ >= REV^σ for all σ implies n! REV^σ̂(q, t) >= Σ_σ REV^σ(q, t) "
       "(n = 2, payments and pmf symbolic).",
       over={"m": Ints(1)}, limit={"m": 2},
       uses=OPT,
       role="step",
       of="p004/P5",
       analogue="grids V = {0..m}, pmfs on V^n (closed T^I, T^H and their strict types)",
       readings=(
           Reading("strict",
                   "strict grids (REGION R1)",
                   kind="intended", expect="CHECKED", strict=True, region="R1"),
           Reading("closed-R2",
                   "closed grids, weak cones, each type weighted 1/|Stab(v)| (REGION R2)",
                   kind="alternative", expect="CHECKED", strict=False, region="R2"),
           Reading("closed-R3",
                   "closed grids, literal (2): strict cones only, tied types in no cone "
                   "(REGION R3)",
                   kind="literal", expect="CHECKED", strict=False, region="R3"),
       ),
)
def p5d2(m: int, strict: bool, region: str) -> Forall:
    th, p, t, doms = _rev_setup(m, strict, exchangeable=False)
    sig_hat = all_perms(2)[0]
    revs = {s: _rev_sigma(th, s, region, p, t) for s in all_perms(2)}
    return Forall(doms, given={f"(19) vs σ={s}": ge(revs[sig_hat], revs[s]) for s in revs},
                  then={"n! REV^σ̂ >= Σ REV^σ": ge(2 * revs[sig_hat], sp.Add(*revs.values()))})


@claim("p004/P5d.3", source=paper.source("Proposition 5 proof, last equality (|Σ| = n!)", 709, 711),
       statement="Σ_σ REV^σ(q, t) = REV(q, t) (n = 2, payments and pmf symbolic).",
       over={"m": Ints(1)}, limit={"m": 3},
       uses=OPT,
       role="step",
       of="p004/P5",
       analogue="grids V = {0..m}, pmfs on V^n (closed T^I, T^H and their strict types)",
       readings=(
           Reading("strict",
                   "strict grids (REGION R1)",
                   kind="intended", expect="CHECKED", strict=True, region="R1"),
           Reading("closed-R2",
                   "closed grids, weak cones, each type weighted 1/|Stab(v)| (REGION R2)",
                   kind="alternative", expect="CHECKED", strict=False, region="R2"),
           Reading("closed-R3",
                   "closed grids, literal (2): strict cones only, tied types in no cone "
                   "(REGION R3)",
                   kind="literal", expect="REFUTED", strict=False, region="R3"),
       ),
)
def p5d3(m: int, strict: bool, region: str) -> Forall:
    th, p, t, doms = _rev_setup(m, strict, exchangeable=False)
    total = sp.Add(*[_rev_sigma(th, s, region, p, t) for s in all_perms(2)])
    return Forall(doms, then={"Σ REV^σ = REV": eq(total, sp.Add(*[p[v] * t[v] for v in th]))})


def _cr4_links(m: int, strict: bool, region: str) -> tuple[dict, dict[str, sp.Basic],
                                                           dict[str, sp.Basic]]:
    th, p, t, doms = _rev_setup(m, strict, exchangeable=True)
    tp = {v: sp.Symbol(f"t'[{tag(v)}]", real=True) for v in th if is_sorted(v)}
    doms.update({s: Reals() for s in tp.values()})
    ident = all_perms(2)[0]
    tprime = {v: tp[rep(v)] for v in th}  # t' on D(σ^I) and its symmetric extension
    ext = _ext_t(th, tprime, ident)
    revs = {s: _rev_sigma(th, s, region, p, t) for s in all_perms(2)}
    rev_p = _rev_sigma(th, ident, region, p, tprime)
    given = {"line mechanism: REV^σI(q',t') >= REV^σI(q,t)": ge(rev_p, revs[ident]),
             **{f"(19) σ̂ = σ^I vs σ={s}": ge(revs[ident], revs[s]) for s in revs}}
    links = {
        "1: REV(q^s',t^s') = n! REV^σI(q',t')": eq(sp.Add(*[p[v] * ext[v] for v in th]),
                                                   2 * rev_p),
        "2: n! REV^σI(q',t') >= n! REV^σI(q,t)": ge(2 * rev_p, 2 * revs[ident]),
        "3: n! REV^σI(q,t) >= Σ_σ REV^σ(q,t)": ge(2 * revs[ident], sp.Add(*revs.values())),
        "4: Σ_σ REV^σ(q,t) = REV(q,t)": eq(sp.Add(*revs.values()),
                                           sp.Add(*[p[v] * t[v] for v in th])),
        "chain: REV(q^s',t^s') >= REV(q,t)": ge(sp.Add(*[p[v] * ext[v] for v in th]),
                                               sp.Add(*[p[v] * t[v] for v in th])),
    }
    return doms, given, links


CR4A_EXPECT = {
    "1": {"strict": "CHECKED", "closed-R2": "CHECKED", "closed-R3": "REFUTED"},
    "2": {r: "CHECKED" for r in REGION_READINGS},
    "3": {r: "CHECKED" for r in REGION_READINGS},
    "4": {"strict": "CHECKED", "closed-R2": "CHECKED", "closed-R3": "REFUTED"},
    "chain": {"strict": "CHECKED", "closed-R2": "CHECKED", "closed-R3": "REFUTED"},
}


REGION_KINDS = {"strict": "intended", "closed-R2": "alternative", "closed-R3": "literal"}


def _register_cr4a(link: str) -> None:
    @claim(f"p004/CR4a.{link}",
           source=paper.source("Corollary 4 proof, the display", 721),
           statement="Corollary 4 proof (n = 2, σ̂ = σ^I maximising REV^σ, (q', t') IC on "
           "D(σ^I) with REV^σI(q',t') >= REV^σI(q,t), f^H exchangeable): REV(q^s',t^s') = "
           "n! REV^σI(q',t') >= n! REV^σI(q,t) >= Σ_σ REV^σ(q,t) = REV(q,t); link " + link +
           " (payments and orbit weights symbolic).",
           over={"m": Ints(1)}, limit={"m": 2}, uses=OPT,
           analogue="grids V = {0..m}, pmfs on V^n (closed T^I, T^H and their strict types)",
           note="the display in the proof of Corollary 4 (the corollary itself is class E)",
           readings=tuple(Reading(r, REGION_TEXTS[r], kind=REGION_KINDS[r],
                                  expect=CR4A_EXPECT[link][r], **REGION_READINGS[r])
                          for r in REGION_READINGS))
    def cr4a(m: int, strict: bool, region: str) -> Forall:
        doms, given, links = _cr4_links(m, strict, region)
        name = next(k for k in links if k.startswith(f"{link}:"))
        return Forall(doms, given=given, then={name: links[name]})


for _link in CR4A_EXPECT:
    _register_cr4a(_link)


@claim("p004/CR4.bnr", source=paper.source("Corollary 4, remark on Babaioff et al. (2018)", 461),
       statement="'Babaioff et al. (2018) prove a similar result under the condition that the "
       "values for the two objects are i.i.d.': for n = 2 and an i.i.d. pmf there is a "
       "symmetric optimal deterministic mechanism, OPT^det_sym = OPT^det_all (V = {0..m}, "
       "marginal weights in {1,2,3}, instance k = their index).",
       over={"m": Ints(1), "k": Ints(0)}, limit={"m": 3, "k": 80},
       uses=OPT,
       analogue="grids V = {0..m}, pmfs on V^n (closed T^I, T^H and their strict types)",
       readings=(
           Reading("strict",
                   "strict grids (i.i.d. restricted to distinct values)",
                   kind="intended", expect="CHECKED", strict=True, tiesym="R1"),
           Reading("closed-S1",
                   "closed grids, TIE-SYM R1",
                   kind="alternative", expect="CHECKED", strict=False, tiesym="R1"),
           Reading("closed-S2",
                   "closed grids, TIE-SYM R2",
                   kind="alternative", expect="CHECKED", strict=False, tiesym="R2"),
       ),
)
def cr4_bnr(m: int, k: int, strict: bool, tiesym: str) -> bool:
    weights = list(itertools.product((1, 2, 3), repeat=m + 1))
    assume(k < len(weights))
    th = grid(2, range(m + 1), strict=strict)
    p = iid_pmf(th, {F(x): w for x, w in enumerate(weights[k])})
    det_all = det_opt(th, p, bundles(2)).value
    det_sym = det_opt(th, p, bundles(2), "sym", tiesym).value
    evidence(DET_EVIDENCE)
    note(marginal_weights=list(weights[k]), det_all=det_all, det_sym=det_sym)
    return det_all == det_sym


# ======================================================================== RB1, G1 (§5.3)

RB_SEARCH = ((2, 1), (2, 2), (2, 3), (2, 4), (3, 2), (3, 3))


def _marginal_rows(n: int, m: int, strict: bool, weight: str
                   ) -> tuple[list[Vec], list[Vec], dict[Vec, int]]:
    th = grid(n, range(m + 1), strict=strict)
    reps = list(dict.fromkeys(rep(v) for v in th))
    factor = {r: math.factorial(n) if weight == "factorial" else len(orbit(r)) for r in reps}
    return th, reps, factor


def _rb_forms(n: int, m: int, strict: bool, weight: str, pre: str
              ) -> tuple[dict[str, sp.Symbol], dict[str, sp.Expr], dict[tuple[int, int], sp.Expr],
                         dict[int, sp.Expr], sp.Expr]:
    """Orbit weights w (p^H(v) = w_rep(v)), the H marginal P(v_1 = x), the I unit marginals
    P^I(v_i = x), their average over i, and the total mass of p^H."""
    th, reps, factor = _marginal_rows(n, m, strict, weight)
    w = {tag(r): sp.Symbol(f"{pre}w[{tag(r)}]", real=True) for r in reps}
    h = {x: sp.Add(*[w[tag(rep(v))] for v in th if v[0] == x]) for x in range(m + 1)}
    unit = {(i, x): sp.Add(*[factor[r] * w[tag(r)] for r in reps if r[i] == x])
            for i in range(n) for x in range(m + 1)}
    avg = {x: sp.Add(*[unit[(i, x)] for i in range(n)]) / n for x in range(m + 1)}
    total = sp.Add(*[w[tag(rep(v))] for v in th])
    return w, h, unit, avg, total  # type: ignore[return-value]


def _rb_pair_lp(n: int, m: int, strict: bool, weight: str, same: str, differ: str
                ) -> Fraction | None:
    """Exact LP search on the grid (n, m) for two exchangeable pmfs p, p' agreeing in ``same``
    ("H": the common H marginal, "units": every unit marginal of M^I) and differing in
    ``differ`` ("units", "avg", "H"): maximise the difference at one value x (certified). A
    positive optimum is a witness, re-checked in Fractions and noted (returns None); else the
    largest certified difference, 0 when no pair exists on this grid."""
    from verify.mech.lp import Constraint as Row
    from verify.mech.lp import LinearProgram, solve

    w, h, unit, avg, total = _rb_forms(n, m, strict, weight, "")
    w2, h2, unit2, avg2, total2 = _rb_forms(n, m, strict, weight, "'")
    syms = [*w.values(), *w2.values()]
    names = {s: s.name for s in syms}

    def row(expr: sp.Expr, label: str, op: str = "==", rhs: int = 0) -> Row:
        poly = sp.Poly(sp.expand(expr), *syms)
        coeffs = {names[syms[mon.index(1)]]: Fraction(int(c.p), int(c.q))
                  for mon, c in zip(poly.monoms(), poly.coeffs(), strict=True) if any(mon)}
        return Row(label, coeffs, op, rhs)  # type: ignore[arg-type]

    rows = [row(total, "sum p = 1", "==", 1), row(total2, "sum p' = 1", "==", 1)]
    pairs = ({x: (h[x], h2[x]) for x in h} if same == "H" else
             {k: (unit[k], unit2[k]) for k in unit})
    rows += [row(a - b, f"same {k}") for k, (a, b) in pairs.items()]
    targets = ({k: (unit[k], unit2[k]) for k in unit} if differ == "units" else
               {x: (avg[x], avg2[x]) for x in avg} if differ == "avg" else
               {x: (h[x], h2[x]) for x in h})
    best = Fraction(0)
    for k, (a, b) in targets.items():
        obj = row(a - b, "objective").coeffs
        res = solve(LinearProgram(tuple(names.values()), obj, tuple(rows), "max"))
        res.verify()
        assert res.value is not None
        best = max(best, res.value)
        if res.value > 0:
            val = {s: res.x.get(names[s], Fraction(0)) for s in syms}

            def ev(e: sp.Expr, val: dict = val) -> Fraction:
                r = e.subs({s: R(x) for s, x in val.items()})
                return Fraction(int(r.p), int(r.q))

            ok = (all(ev(a0) == ev(b0) for a0, b0 in pairs.values()) and ev(total) == 1
                  and ev(total2) == 1 and ev(a) != ev(b) and all(x >= 0 for x in val.values()))
            if not ok:
                raise ValueError(f"LP witness on grid n={n}, m={m} fails the exact re-check")
            note(differs_at=str(k), orbit_weights_p={s.name: x for s, x in val.items()
                                                     if "'" not in s.name},
                 orbit_weights_p2={s.name: x for s, x in val.items() if "'" in s.name},
                 value_p=ev(a), value_p2=ev(b))
            return None
    return best


def _rb_search(strict: bool, weight: str, same: str, differ: str) -> bool:
    """RB1.a: a witness pair on the first grid of RB_SEARCH that has one (certified LP)."""
    maxima = {}
    for n, m in RB_SEARCH:
        if strict and m + 1 < n:
            continue
        best = _rb_pair_lp(n, m, strict, weight, same, differ)
        evidence(LP_EVIDENCE)
        if best is None:
            note(n=n, m=m)
            return True
        maxima[f"n={n}, m={m}"] = best
    note(largest_difference_per_grid=maxima)
    return False


def _rb_avg_decide(n: int, m: int, strict: bool, weight: str, same: str, differ: str) -> bool:
    """RB1.a-avg / RB1.b on the grid (n, m): is there a pair of exchangeable pmfs agreeing in
    ``same`` and differing in ``differ``? Decided first by the identity G_avg = H (exact
    linear forms in the orbit weights: if it holds, equal H marginals force equal G_avg and
    equal unit marginals force equal H, so there is no pair); else by a certified LP."""
    assume(not strict or m + 1 >= n)  # the strict grid needs n distinct values
    _, h, _, avg, _ = _rb_forms(n, m, strict, weight, "")
    gaps = {x: sp.expand(avg[x] - h[x]) for x in h}
    if all(g == 0 for g in gaps.values()):
        evidence("identity G_avg(x) = H(x) as exact linear forms in the orbit weights, every x "
                 "(sympy expand): equal H marginals force equal G_avg, equal unit marginals "
                 "force equal H")
        note(identity="(1/n) sum_i G_i(x) = H(x) for every exchangeable pmf")
        return False
    best = _rb_pair_lp(n, m, strict, weight, same, differ)
    evidence(LP_EVIDENCE)
    note(identity_fails_at={str(x): str(g) for x, g in gaps.items() if g != 0},
         largest_difference=best)
    return best is None


def _rb_readings(strict: str, closed_w2: str, closed_w1: str) -> tuple[Reading, ...]:
    """The weighting readings of RB1 (WEIGHT R1/R2 on strict and closed grids), with the
    expected verdict of each."""
    return (
        Reading("strict", "strict grids (WEIGHT R1 = R2 there): p^I = n! p^H on T^I_s",
                kind="intended", expect=strict, strict=True, weight="orbit"),
        Reading("closed-W2", "closed grids, p^I(v) = |orbit(v)| p^H(v) (WEIGHT R2: the law of "
                "the sorted vector)", kind="alternative", expect=closed_w2, strict=False,
                weight="orbit"),
        Reading("closed-W1", "closed grids, p^I(v) = n! p^H(v) as printed (WEIGHT R1; not a "
                "probability when ties have mass)", kind="literal", expect=closed_w1,
                strict=False, weight="factorial"),
    )


RB_GRIDS = "grids V = {0..m}, m >= 3, pmfs on V^n (closed T^I, T^H and their strict types)"
RB_NOTE = ("each grid (n, m), m >= 3, is one model of the analogue (at least four values, so "
           "that small grids, where the unit marginals pin the pmf down, do not decide it); the "
           "identity that settles it, (1/n) Σ_i G_i(x) = H(x), also holds for every "
           "exchangeable F^H on [v_low, v_high]^n (the count of coordinates <= x is the same "
           "for v and its decreasing rearrangement), so the printed statement fails for the "
           "continuous model as well")


@claim("p004/RB1.a", source=paper.source("Section 5.3, uncertainty in M^I vs M^H", 476),
       statement="'knowledge of this marginal distribution in M^H is not sufficient to obtain in "
       "M^I [...] the marginal distribution of each unit': there are two exchangeable pmfs with "
       "the same common H marginal whose M^I unit marginals G_i differ (searched on grids "
       "n = 2, m <= 4 and n = 3, m <= 3; each candidate pair is a certified LP vertex).",
       uses=ROB,
       analogue="grids n = 2, m <= 4 and n = 3, m <= 3 (certified LP over pmf pairs)",
       readings=_rb_readings("PROVED", "PROVED", "PROVED"),
)
def rb1_a(strict: bool, weight: str) -> bool:
    return _rb_search(strict, weight, "H", "units")


@claim("p004/RB1.a-avg", source=paper.source("Section 5.3, uncertainty in M^I vs M^H", 476),
       statement="'knowledge of this marginal distribution in M^H is not sufficient to obtain in "
       "M^I [...] the average of these marginal distributions': for the model on the grid "
       "V = {0..m}, V^n, there are two exchangeable pmfs with the same common H marginal whose "
       "M^I average marginals G_avg differ (decided per grid: the identity G_avg = H as exact "
       "linear forms in the orbit weights, else a certified LP).",
       over={"n": Ints(2), "m": Ints(3)}, limit={"n": 3, "m": 3},
       uses=ROB,
       analogue=RB_GRIDS, note=RB_NOTE,
       readings=_rb_readings("REFUTED", "REFUTED", "CHECKED"),
)
def rb1_a_avg(n: int, m: int, strict: bool, weight: str) -> bool:
    return _rb_avg_decide(n, m, strict, weight, "H", "avg")


@claim("p004/RB1.b", source=paper.source("Section 5.3, uncertainty in M^I vs M^H", 476),
       statement="'Nor can one pin down the marginal distribution in M^H from the marginal "
       "distributions of the units in M^I': for the model on the grid V = {0..m}, V^n, there "
       "are two exchangeable pmfs whose M^I unit marginals all agree but whose common H "
       "marginals differ (decided per grid: the identity G_avg = H as exact linear forms in "
       "the orbit weights, else a certified LP).",
       over={"n": Ints(2), "m": Ints(3)}, limit={"n": 3, "m": 3},
       uses=ROB,
       analogue=RB_GRIDS, note=RB_NOTE,
       readings=_rb_readings("REFUTED", "REFUTED", "CHECKED"),
)
def rb1_b(n: int, m: int, strict: bool, weight: str) -> bool:
    return _rb_avg_decide(n, m, strict, weight, "units", "H")


@claim("p004/RB1.L-avg", source=paper.source("Section 5.3 (lemma behind RB1: G_avg = H marginal)", 476),
       statement="Lemma (not in the paper; explains RB1): for every exchangeable p^H the average "
       "(1/n) Σ_i G_i of the M^I unit marginals equals the common H marginal, value by value "
       "(orbit weights symbolic).",
       over={"n": Ints(2), "m": Ints(1)}, limit={"n": 3, "m": 4},
       uses=ROB,
       role="repair",
       analogue="grids V = {0..m}, pmfs on V^n (closed T^I, T^H and their strict types)",
       note="not in the paper: the identity that settles RB1 (the average unit marginal "
            "equals the M^H marginal)",
       readings=_rb_readings("CHECKED", "CHECKED", "REFUTED"),
)
def rb1_lemma(n: int, m: int, strict: bool, weight: str) -> Forall:
    assume(not strict or m + 1 >= n)
    w, h, _, avg, total = _rb_forms(n, m, strict, weight, "")
    return Forall({s: Reals(0) for s in w.values()}, given={"sum p = 1": eq(total, 1)},
                  then={f"x={x}": eq(avg[x], h[x]) for x in h})


@claim("p004/G1.incl", source=paper.source("G_i FOSD G_{i+1}", 480),
       statement="On D̄^I, {v_{i+1} > x} ⊆ {v_i > x}: v_i >= v_{i+1} > x implies v_i > x.",
       uses=ROB, expect="PROVED")
def g1_incl() -> Forall:
    a, b, x = sp.symbols("v_i v_i+1 x", real=True)
    return Forall({a: Reals(), b: Reals(), x: Reals()}, given={"v_i >= v_i+1": ge(a, b)},
                  then={"inclusion": sp.Implies(sp.Gt(b, x), sp.Gt(a, x))})


@claim("p004/G1", source=paper.source("G_i FOSD G_{i+1}, footnote 16", 480, 490),
       statement="For every joint pmf on the closed T^I: G_i(x) <= G_{i+1}(x) for every x and "
       "i < n, i.e. G_i first-order stochastically dominates G_{i+1} (pmf symbolic).",
       over={"n": Ints(2), "m": Ints(1)}, limit={"n": 3, "m": 3},
       uses=ROB,
       analogue="grids V = {0..m}, pmfs on V^n (closed T^I, T^H and their strict types)",
       readings=(
           Reading("R1", "CDF R1: G(x) = P(X <= x)", kind="intended", expect="CHECKED", cdf="R1"),
           Reading("R2", "CDF R2: G(x) = P(X < x)", kind="alternative", expect="CHECKED", cdf="R2"),
       ),
)
def g1(n: int, m: int, cdf: str) -> Forall:
    ti = grid(n, range(m + 1), strict=False, sorted_=True)
    pi = {v: sp.Symbol(f"pi[{tag(v)}]", real=True) for v in ti}

    def G(i: int, x: int) -> sp.Expr:
        return sp.Add(*[pi[v] for v in ti if (v[i] <= x if cdf == "R1" else v[i] < x)])

    return Forall({s: Reals(0, 1) for s in pi.values()},
                  given={"sum = 1": eq(sp.Add(*pi.values()), 1)},
                  then={f"G_{i + 1}({x}) <= G_{i + 2}({x})": le(G(i, x), G(i + 1, x))
                        for i in range(n - 1) for x in range(m + 1)})


# ============================================================================= UP1 - UP5

@claim("p004/UP1.fn18.pair", source=paper.source("footnote 18", 522),
       statement="For one pair of coordinates: a >= b (v_i >= v_j, i < j, on D̄^I) rules out "
       "a < p < b, for every real a, b, p.",
       uses=ROB, role="step", of="p004/UP1.fn18", expect="PROVED",
       note="not printed: the pair form of footnote 18 that its every-n derivation rests on")
def up1_fn18_pair() -> Forall:
    a, b, p = sp.symbols("a b p", real=True)
    return Forall({a: Reals(), b: Reals(), p: Reals()}, given={"a >= b": ge(a, b)},
                  then={"not (a < p < b)": sp.Not(sp.And(lt(a, p), lt(p, b)))})


@claim("p004/UP1.fn18", source=paper.source("footnote 18", 522),
       statement="On D̄^I, v_i < p < v_j with i < j is impossible (so q(v) of a uniform price "
       "buys units 1..k: the 'only if' of 'unit i bought iff v_i >= p').",
       over={"n": Ints(2)}, limit={"n": 4}, uses=ROB,
       by=Derivation(("p004/UP1.fn18.pair",),
                     "on D̄^I, v_i >= v_j for i < j (transitivity along v_i >= v_{i+1} >= ... "
                     ">= v_j), then the pair form for (v_i, v_j)"),
       expect="PROVED")
def up1_fn18(n: int) -> Forall:
    v = sp.symbols(f"v1:{n + 1}", real=True)
    p = sp.Symbol("p", real=True)
    return Forall({**{s: Reals() for s in v}, p: Reals()},
                  given={"v in D̄^I": sp.And(*[ge(a, b) for a, b in itertools.pairwise(v)])},
                  then={f"not (v{i + 1} < p < v{j + 1})": sp.Not(sp.And(lt(v[i], p), lt(p, v[j])))
                        for i in range(n) for j in range(i + 1, n)})


@claim("p004/UP1.term", source=paper.source("Definition 10 and 'easy to verify'", 500, 506),
       statement="Termwise: for every real a, p, max(a - p, 0) >= 0 and max(a - p, 0) >= a - p; "
       "and for reals a >= b, b >= p implies a >= p.",
       uses=ROB, role="step", of="p004/UP1", expect="PROVED",
       note="not printed: the termwise bounds that 'easy to verify' sums over the units")
def up1_term() -> Forall:
    a, b, p = sp.symbols("a b p", real=True)
    return Forall({a: Reals(), b: Reals(), p: Reals()},
                  then={"max(a - p, 0) >= 0": ge(sp.Max(a - p, 0), 0),
                        "max(a - p, 0) >= a - p": ge(sp.Max(a - p, 0), a - p),
                        "a >= b, b >= p => a >= p": sp.Implies(sp.And(ge(a, b), ge(b, p)),
                                                              ge(a, p))})


@claim("p004/UP1", source=paper.source("Definition 10 and 'easy to verify'", 500, 506),
       statement="A uniform-price mechanism is IC and IR in M^I: for all v, v' in D̄^I and p >= 0, "
       "u(v) = Σ_i max(v_i - p, 0) >= 0 and u(v) >= v.q(v') - t(v'), where the report v' buys "
       "units 1..k, k = #{i: v'_i >= p} (footnote 18), and its allocation satisfies (1).",
       over={"n": Ints(2)}, limit={"n": 4}, uses=ROB, rests_on=("p004/UP1.fn18",),
       by=Derivation(("p004/UP1.term", "p004/UP1.fn18"),
                     "sum the termwise bounds over the units: max(v_i - p, 0) >= v_i - p for "
                     "i <= k and >= 0 for i > k (IC and IR), and (1) at each adjacent pair of v'"),
       expect="PROVED")
def up1(n: int) -> Forall:
    v = sp.symbols(f"v1:{n + 1}", real=True)
    w = sp.symbols(f"w1:{n + 1}", real=True)
    p = sp.Symbol("p", real=True)
    u = sp.Add(*[sp.Max(a - p, 0) for a in v])
    then: dict[str, sp.Basic] = {"IR": ge(u, 0)}
    for k in range(n + 1):
        buys_k = sp.And(*([ge(w[k - 1], p)] if k > 0 else []), *([lt(w[k], p)] if k < n else []))
        then[f"IC vs a report buying {k} units"] = sp.Implies(
            buys_k, ge(u, sp.Add(*[v[i] - p for i in range(k)])))
    for i in range(n - 1):
        then[f"(1) at the report, q_{i + 1} >= q_{i + 2}"] = sp.Implies(ge(w[i + 1], p),
                                                                         ge(w[i], p))
    sorted_ = [ge(a, b) for a, b in itertools.pairwise(v)] + [ge(a, b) for a, b in
                                                              itertools.pairwise(w)]
    return Forall({**{s: Reals(0) for s in (*v, *w)}, p: Reals(0)},
                  given={"v, v' in D̄^I": sp.And(*sorted_)}, then=then)


UP_OVER = {"n": Ints(2), "m": Ints(1), "p2": Ints(0, 7)}
CDF_TEXTS = {"R1": "CDF R1: G(x) = P(X <= x), so 1 - G(p) = P(X > p)",
             "R2": "CDF R2: G(x) = P(X < x), so 1 - G(p) = P(X >= p)"}


def _up2_setup(n: int, m: int, p2: int, pre: str = ""
               ) -> tuple[list[Vec], dict[Vec, sp.Symbol], sp.Rational, sp.Expr]:
    assume(n == 2 or m <= 2)
    assume(p2 <= 2 * m + 1)
    ti = grid(n, range(m + 1), strict=False, sorted_=True)
    pi = {v: sp.Symbol(f"{pre}pi[{tag(v)}]", real=True) for v in ti}
    p = sp.Rational(p2, 2)
    rev = sp.Add(*[pi[v] * p * sum(1 for x in v if x >= p) for v in ti])
    return ti, pi, p, rev


def _ghat(ti: list[Vec], pi: dict[Vec, sp.Symbol], i: int, p: sp.Rational, cdf: str) -> sp.Expr:
    return sp.Add(*[pi[v] for v in ti if (v[i] <= p if cdf == "R1" else v[i] < p)])


@claim("p004/UP2.1", source=paper.source("(12), first equality", 508),
       statement="REV(q, t; F̂) = Σ_i p(1 - Ĝ_i(p)) for a uniform price p and any joint pmf F̂ on "
       "the closed T^I (pmf symbolic; p on and between grid values).",
       over=UP_OVER, limit={"n": 3, "m": 3}, uses=ROB,
       analogue="grids V = {0..m}, pmfs on V^n (closed T^I, T^H and their strict types)",
       readings=(
           Reading("R1",
                   "CDF R1: G(x) = P(X <= x), so 1 - G(p) = P(X > p)",
                   kind="intended", expect="REFUTED", cdf="R1"),
           Reading("R2",
                   "CDF R2: G(x) = P(X < x), so 1 - G(p) = P(X >= p)",
                   kind="alternative", expect="CHECKED", cdf="R2"),
       ),
)
def up2_1(n: int, m: int, p2: int, cdf: str) -> Forall:
    ti, pi, p, rev = _up2_setup(n, m, p2)
    rhs = sp.Add(*[p * (1 - _ghat(ti, pi, i, p, cdf)) for i in range(n)])
    return Forall({s: Reals(0, 1) for s in pi.values()},
                  given={"sum = 1": eq(sp.Add(*pi.values()), 1)},
                  then={"REV = Σ p(1 - Ĝ_i(p))": eq(rev, rhs)})


@claim("p004/UP2.2.sum", source=paper.source("(12), second equality", 508),
       statement="With S = Σ_i Ĝ_i(p): np − pS = np(1 − S/n) for every integer n >= 1 and real "
       "p, S (n symbolic).",
       uses=ROB, role="step", of="p004/UP2.2", expect="PROVED",
       note="not printed: the algebra of the second equality of (12) with the sum abstracted")
def up2_2_sum() -> Forall:
    n = sp.Symbol("n", integer=True)
    p, total = sp.symbols("p S", real=True)
    return Forall({n: Ints(1), p: Reals(), total: Reals()},
                  then={"identity": eq(n * p - p * total, n * p * (1 - total / n))})


@claim("p004/UP2.2", source=paper.source("(12), second equality", 508),
       statement="Σ_i p(1 - Ĝ_i(p)) = np(1 - (1/n) Σ_i Ĝ_i(p)) (algebra; p, Ĝ_i symbolic).",
       over={"n": Ints(2)}, limit={"n": 4}, uses=ROB,
       by=Derivation(("p004/UP2.2.sum",),
                     "linearity of the finite sum: Σ_i p(1 − Ĝ_i(p)) = np − p Σ_i Ĝ_i(p)"),
       expect="PROVED")
def up2_2(n: int) -> Forall:
    g = sp.symbols(f"G1:{n + 1}", real=True)
    p = sp.Symbol("p", real=True)
    return Forall({**{s: Reals() for s in g}, p: Reals()},
                  then={"identity": eq(sp.Add(*[p * (1 - x) for x in g]),
                                       n * p * (1 - sp.Add(*g) / n))})


@claim("p004/UP2.3", source=paper.source("(12), the whole chain", 506, 508),
       statement="REV(q, t; F̂) = np(1 - G_avg(p)) for every F̂ in F^avg (G_avg the average of "
       "F̂'s unit marginals; pmf symbolic; p on and between grid values).",
       over=UP_OVER, limit={"n": 3, "m": 3}, uses=ROB,
       analogue="grids V = {0..m}, pmfs on V^n (closed T^I, T^H and their strict types)",
       readings=(
           Reading("R1",
                   "CDF R1: G(x) = P(X <= x), so 1 - G(p) = P(X > p)",
                   kind="intended", expect="REFUTED", cdf="R1"),
           Reading("R2",
                   "CDF R2: G(x) = P(X < x), so 1 - G(p) = P(X >= p)",
                   kind="alternative", expect="CHECKED", cdf="R2"),
       ),
)
def up2_3(n: int, m: int, p2: int, cdf: str) -> Forall:
    ti, pi, p, rev = _up2_setup(n, m, p2)
    gavg = sp.Add(*[_ghat(ti, pi, i, p, cdf) for i in range(n)]) / n
    return Forall({s: Reals(0, 1) for s in pi.values()},
                  given={"sum = 1": eq(sp.Add(*pi.values()), 1)},
                  then={"REV = np(1 - G_avg(p))": eq(rev, n * p * (1 - gavg))})


@claim("p004/UP2.4", source=paper.source("(12): 'the same for all joint distributions in F^avg'", 506),
       statement="The revenue of a uniform price is the same for all joint pmfs on the closed "
       "T^I with the same average marginal (two pmfs symbolic).",
       over=UP_OVER, limit={"n": 3, "m": 3}, uses=ROB, expect="CHECKED", backends=("lp", "z3"),
       analogue="grids V = {0..m}, pmfs on V^n (closed T^I, T^H and their strict types)",
)
def up2_4(n: int, m: int, p2: int) -> Forall:
    ti, pi, p, rev = _up2_setup(n, m, p2)
    _, pi2, _, rev2 = _up2_setup(n, m, p2, "'")
    avg = {x: sp.Add(*[pi[v] * v.count(x) for v in ti]) for x in range(m + 1)}
    avg2 = {x: sp.Add(*[pi2[v] * v.count(x) for v in ti]) for x in range(m + 1)}
    return Forall({s: Reals(0, 1) for s in (*pi.values(), *pi2.values())},
                  given={"sum = 1": eq(sp.Add(*pi.values()), 1),
                         "sum' = 1": eq(sp.Add(*pi2.values()), 1),
                         **{f"same average marginal at {x}": eq(avg[x], avg2[x]) for x in avg}},
                  then={"same revenue": eq(rev, rev2)})


@claim("p004/UP2.cont", source=paper.source("(12), continuous instance", 506, 508),
       statement="For (max, min) of two i.i.d. U[0,1] values (density 2 on D̄^I): REV of a "
       "uniform price p in [0,1] = p(1 - G_1(p)) + p(1 - G_2(p)) = 2p(1 - G_avg(p)) with "
       "G_1(x) = x^2, G_2(x) = 2x - x^2, G_avg(x) = x.", uses=ROB, expect="PROVED",
       note="a continuous instance of (12): two i.i.d. U[0, 1] values",
)
def up2_cont() -> Forall:
    p, a, b = sp.symbols("p a b", real=True)
    dens = 2
    p_max = sp.integrate(sp.integrate(dens, (b, 0, a)), (a, p, 1))  # P(v1 >= p)
    p_min = sp.integrate(sp.integrate(dens, (b, p, a)), (a, p, 1))  # P(v2 >= p)
    g1_, g2_ = p**2, 2 * p - p**2
    return Forall({p: Reals(0, 1)}, then={
        "REV = Σ p(1 - G_i(p))": eq(p * (p_max + p_min), p * (1 - g1_) + p * (1 - g2_)),
        "= 2p(1 - G_avg(p))": eq(p * (1 - g1_) + p * (1 - g2_), 2 * p * (1 - (g1_ + g2_) / 2)),
        "G_avg(p) = p": eq((g1_ + g2_) / 2, p)})


PRANGE_TEXTS = {"PR1": "PRANGE R1: p in [0, 1] as printed", "PR2": "PRANGE R2: p in [v_low, v_high]"}


def _prange(m: int, pr: str) -> tuple[Fraction, Fraction]:
    return (F(0), F(1)) if pr == "PR1" else (F(0), F(m))


G_OVER = {"m": Ints(1), "k": Ints(0)}
G_TEXT = ("G_avg = the k-th pmf on {0..m} with integer weights 0..2 (increasing total weight, then "
          "lexicographic)")


@claim("p004/UP3", source=paper.source("p† and the optimal uniform price", 510, 514),
       statement="The maximum defining p† is attained: sup over the price range of "
       "p(1 - G_avg(p)) is attained (" + G_TEXT + "; the supremum over each open interval "
       "between support points is computed exactly with its one-sided limit).",
       over=G_OVER, limit={"m": 3, "k": 30},
       uses=ROB,
       analogue="grids V = {0..m}, pmfs on V^n (closed T^I, T^H and their strict types)",
       readings=(
           Reading("R1-PR1",
                   "CDF R1: G(x) = P(X <= x), so 1 - G(p) = P(X > p); PRANGE R1: p in [0, 1] "
                   "as printed",
                   kind="literal", expect="REFUTED", cdf="R1", pr="PR1"),
           Reading("R1-PR2",
                   "CDF R1: G(x) = P(X <= x), so 1 - G(p) = P(X > p); PRANGE R2: p in [v_low,"
                   " v_high]",
                   kind="intended", expect="REFUTED", cdf="R1", pr="PR2"),
           Reading("R2-PR1",
                   "CDF R2: G(x) = P(X < x), so 1 - G(p) = P(X >= p); PRANGE R1: p in [0, 1] "
                   "as printed",
                   kind="literal", expect="CHECKED", cdf="R2", pr="PR1"),
           Reading("R2-PR2",
                   "CDF R2: G(x) = P(X < x), so 1 - G(p) = P(X >= p); PRANGE R2: p in [v_low,"
                   " v_high]",
                   kind="alternative", expect="CHECKED", cdf="R2", pr="PR2"),
       ),
)
def up3(m: int, k: int, cdf: str, pr: str) -> bool:
    g = pmf_family(m, k)
    assume(g is not None)
    assert g is not None
    lo, hi = _prange(m, pr)
    res = uniform_sup(g, lo, hi, cdf)  # type: ignore[arg-type]
    note(g=g, sup=res.sup, attained=res.attained, argmax=res.argmax)
    return res.attained


def _g_setup(n: int, m: int, k: int) -> dict[Fraction, Fraction]:
    assume(n == 2 or m <= 2)
    g = pmf_family(m, k)
    assume(g is not None)
    assert g is not None
    return g


P6_OVER = {"n": Ints(2), "m": Ints(1), "k": Ints(0)}
P6_LIMIT = {"n": 3, "m": 3, "k": 12}


@claim("p004/P6", source=paper.source("Proposition 6", 516, 518),
       statement="n p†(1 - G_avg(p†)) = sup over IC + IR (q, t) of M^I of inf over F^I in F^avg "
       "of REV(q, t; F^I). Finite: tables on the closed T^I (with (1), t >= 0), inner infimum "
       "over pmfs on T^I with average marginal G_avg, replaced by its LP dual; one certified "
       "LP; " + G_TEXT + ".",
       over=P6_OVER, limit=P6_LIMIT, uses=ROB,
       analogue="grids V = {0..m}, pmfs on V^n (closed T^I, T^H and their strict types)",
       readings=(
           Reading("R1-PR1",
                   "CDF R1: G(x) = P(X <= x), so 1 - G(p) = P(X > p) (R1: the value is the "
                   "supremum, p† need not exist, UP3); PRANGE R1: p in [0, 1] as printed",
                   kind="literal", expect="REFUTED", cdf="R1", pr="PR1"),
           Reading("R1-PR2",
                   "CDF R1: G(x) = P(X <= x), so 1 - G(p) = P(X > p) (R1: the value is the "
                   "supremum, p† need not exist, UP3); PRANGE R2: p in [v_low, v_high]",
                   kind="intended", expect="CHECKED", cdf="R1", pr="PR2"),
           Reading("R2-PR1",
                   "CDF R2: G(x) = P(X < x), so 1 - G(p) = P(X >= p); PRANGE R1: p in [0, 1] "
                   "as printed",
                   kind="literal", expect="REFUTED", cdf="R2", pr="PR1"),
           Reading("R2-PR2",
                   "CDF R2: G(x) = P(X < x), so 1 - G(p) = P(X >= p); PRANGE R2: p in [v_low,"
                   " v_high]",
                   kind="alternative", expect="CHECKED", cdf="R2", pr="PR2"),
       ),
)
def p6(n: int, m: int, k: int, cdf: str, pr: str) -> dict[str, sp.Basic]:
    g = _g_setup(n, m, k)
    lo, hi = _prange(m, pr)
    best = uniform_sup(g, lo, hi, cdf)  # type: ignore[arg-type]
    robust = robust_lp(n, [F(x) for x in range(m + 1)], g).value
    evidence(LP_EVIDENCE)
    note(g=g, p_dagger=best.argmax, sup_attained=best.attained)
    return {"n sup_p p(1 - G_avg(p)) = robust value": eq(n * R(best.sup), R(robust))}


def _p_dagger(g: dict[Fraction, Fraction], m: int) -> tuple[Fraction, Fraction]:
    best = uniform_sup(g, F(0), F(m), "R2")
    assert best.argmax is not None
    return best.argmax, best.sup


@claim("p004/P6a.L725", source=paper.source("Proposition 6 proof, first sentence", 725),
       statement="'For any distribution F in F^avg, the seller can guarantee an expected revenue "
       "equal to p†(1 - G_avg(p†)) by using the optimal uniform-price mechanism' (CDF R2, "
       "PRANGE R2; min and max of REV(q†, t†; F) over F in F^avg by certified LPs; " + G_TEXT
       + ").",
       over=P6_OVER, limit=P6_LIMIT,
       uses=ROB,
       role="step",
       of="p004/P6",
       analogue="grids V = {0..m}, pmfs on V^n (closed T^I, T^H and their strict types)",
       readings=(
           Reading("eq",
                   "'equal to': REV(q†, t†; F) = p†(1 - G_avg(p†)) for every F",
                   kind="literal", expect="REFUTED", how="eq"),
           Reading("geq",
                   "'guarantee': REV(q†, t†; F) >= p†(1 - G_avg(p†)) for every F",
                   kind="alternative", expect="CHECKED", how="geq"),
       ),
)
def p6a_l725(n: int, m: int, k: int, how: str) -> dict[str, sp.Basic]:
    g = _g_setup(n, m, k)
    pd, value = _p_dagger(g, m)
    ti = grid(n, range(m + 1), strict=False, sorted_=True)
    _, t = uniform_price_table(ti, pd)
    lo_rev, hi_rev = inner_extremes(n, [F(x) for x in range(m + 1)], g, t)
    evidence(LP_EVIDENCE)
    note(g=g, p_dagger=pd)
    if how == "eq":
        return {"min_F REV = p†(1 - G(p†))": eq(R(lo_rev), R(value)),
                "max_F REV = p†(1 - G(p†))": eq(R(hi_rev), R(value))}
    return {"min_F REV >= p†(1 - G(p†))": ge(R(lo_rev), R(value))}


@claim("p004/P6a.20", source=paper.source("Proposition 6 proof, (20)", 727),
       statement="(20): REV(q†, t†; F) >= n p†(1 - G_avg(p†)) for all F in F^avg (read with "
       "(q†, t†) where (20) prints (q, t); CDF R2, PRANGE R2; min over F by a certified LP; "
       + G_TEXT + ").",
       over=P6_OVER, limit=P6_LIMIT, uses=ROB, expect="CHECKED",
       role="step",
       of="p004/P6",
       analogue="grids V = {0..m}, pmfs on V^n (closed T^I, T^H and their strict types)",
       deviation="read with (q†, t†) where (20) prints (q, t)",
)
def p6a_20(n: int, m: int, k: int) -> dict[str, sp.Basic]:
    g = _g_setup(n, m, k)
    pd, value = _p_dagger(g, m)
    ti = grid(n, range(m + 1), strict=False, sorted_=True)
    _, t = uniform_price_table(ti, pd)
    lo_rev, _ = inner_extremes(n, [F(x) for x in range(m + 1)], g, t)
    evidence(LP_EVIDENCE)
    note(g=g, p_dagger=pd)
    return {"min_F REV(q†,t†;F) >= n p†(1 - G(p†))": ge(R(lo_rev), R(n * value))}


def _sym_table(types: list[Vec], pre: str = "") -> tuple[dict[Vec, tuple], dict[Vec, sp.Symbol],
                                                          dict[sp.Symbol, Reals]]:
    n = len(types[0])
    q = {v: tuple(sp.Symbol(f"{pre}q[{tag(v)}][{i + 1}]", real=True) for i in range(n))
         for v in types}
    t = {v: sp.Symbol(f"{pre}t[{tag(v)}]", real=True) for v in types}
    doms: dict[sp.Symbol, Reals] = {s: Reals(0, 1) for v in types for s in q[v]}
    doms.update({s: Reals() for s in t.values()})
    return q, t, doms


def _sym_extend(q: dict[Vec, tuple], t: dict[Vec, sp.Symbol], v: Vec, ext: str
                ) -> tuple[tuple, sp.Expr]:
    from verify.mech.types import sorting_perm, sorting_perms

    sigmas = sorting_perms(v) if ext == "R1" else (sorting_perm(v),)
    w = permute(v, sigmas[0])
    parts = [permute(q[w], inverse(s)) for s in sigmas]
    return tuple(sp.Add(*col) / len(parts) for col in zip(*parts, strict=True)), t[w]


def _dot(v: Vec, x: Sequence[sp.Expr]) -> sp.Expr:
    return sp.Add(*[R(a) * b for a, b in zip(v, x, strict=True)])


@claim("p004/P6b", source=paper.source("Proposition 6 proof, 'From Remark 1'", 729),
       statement="The symmetric extension (q^s, t^s) to D̄^H of any IC + IR mechanism (q, t) of "
       "M^I is IC and IR (closed grids; table symbolic; one z3 query per grid).",
       over={"n": Ints(2), "m": Ints(1)}, limit={"n": 3, "m": 2},
       uses=ROB,
       role="step",
       of="p004/P6",
       analogue="grids V = {0..m}, pmfs on V^n (closed T^I, T^H and their strict types)",
       readings=(
           Reading("E1",
                   "EXT R1: at tied types average q over every sorting σ",
                   kind="intended", expect="CHECKED", ext="R1"),
           Reading("E2",
                   "EXT R2: at tied types use the stable sort",
                   kind="alternative", expect="CHECKED", ext="R2"),
       ),
)
def p6b(n: int, m: int, ext: str) -> Forall:
    assume(n == 2 or m == 1)
    ti = grid(n, range(m + 1), strict=False, sorted_=True)
    th = grid(n, range(m + 1), strict=False)
    q, t, doms = _sym_table(ti)
    given: dict[str, sp.Basic] = {}
    for v in ti:
        given[f"IR {tag(v)}"] = ge(_dot(v, q[v]) - t[v], 0)
        for i in range(n - 1):
            given[f"(1) {tag(v)} {i}"] = ge(q[v][i], q[v][i + 1])
        for w in ti:
            if w != v:
                given[f"IC {tag(v)}>{tag(w)}"] = ge(_dot(v, q[v]) - t[v], _dot(v, q[w]) - t[w])
    ext_ = {v: _sym_extend(q, t, v, ext) for v in th}
    then: dict[str, sp.Basic] = {}
    for v in th:
        qv, tv = ext_[v]
        then[f"IR {tag(v)}"] = ge(_dot(v, qv) - tv, 0)
        for w in th:
            if w != v:
                qw, tw = ext_[w]
                then[f"IC {tag(v)}>{tag(w)}"] = ge(_dot(v, qv) - tv, _dot(v, qw) - tw)
    return Forall(doms, given=given, then=then)


def _fmin_pmf(n: int, m: int, g: dict[Fraction, Fraction]) -> dict[Vec, Fraction]:
    """The pmf on V^n whose cdf is F(v) = G(min_i v_i) (F^min(v) = G_avg(v_n) on D̄^I),
    obtained from the cdf by inclusion-exclusion over the grid (CDF R1: G(x) = P(X <= x))."""
    vals = [F(x) for x in range(m + 1)]

    def G(x: Fraction | None) -> Fraction:
        return F(0) if x is None else sum((c for y, c in g.items() if y <= x), F(0))

    def cdf(v: Sequence[Fraction | None]) -> Fraction:
        return F(0) if any(x is None for x in v) else G(min(v))  # type: ignore[type-var]

    prev = {x: (vals[i - 1] if i > 0 else None) for i, x in enumerate(vals)}
    out = {}
    for v in grid(n, vals, strict=False):
        total = F(0)
        for sub in itertools.product((0, 1), repeat=n):
            point = [prev[x] if b else x for x, b in zip(v, sub, strict=True)]
            total += (-1) ** sum(sub) * cdf(point)
        if total:
            out[v] = total
    return out


@claim("p004/P6c", source=paper.source("Proposition 6 proof, F^min", 731, 735),
       statement="F^min(v) = G_avg(v_n) on D̄^I: its pmf (inclusion-exclusion of the cdf "
       "G_avg(min_i v_i) on V^n) lives on the diagonal v_1 = ... = v_n with masses G_avg; every "
       "marginal is G_avg, on D̄^I and on D̄^H; so F^min is in F^avg (" + G_TEXT + ").",
       over=P6_OVER, limit={"n": 3, "m": 3, "k": 30}, uses=ROB, expect="CHECKED",
       role="step",
       of="p004/P6",
       analogue="grids V = {0..m}, pmfs on V^n (closed T^I, T^H and their strict types)",
)
def p6c(n: int, m: int, k: int) -> bool:
    g = _g_setup(n, m, k)
    pmf = _fmin_pmf(n, m, g)
    diagonal = all(len(set(v)) == 1 for v in pmf) and all(pmf[v] >= 0 for v in pmf)
    masses = {v[0]: c for v, c in pmf.items()} == {x: c for x, c in g.items() if c}
    marginals = all({x: sum((c for v, c in pmf.items() if v[i] == x), F(0))
                     for x in g} == dict(g) for i in range(n))
    note(g=g, pmf={tag(v): c for v, c in pmf.items()}, diagonal=diagonal, masses=masses,
         marginals=marginals)
    return diagonal and masses and marginals


@claim("p004/P6d", source=paper.source("Proposition 6 proof, (21)", 737),
       statement="(21) REV(q, t; F^min) = REV(q^s, t^s; F^min): F^min lives on the (tied) "
       "diagonal types, where (q^s, t^s) is defined per EXT (payments and G_avg symbolic, all "
       "tables at once).",
       over={"n": Ints(2), "m": Ints(1)}, limit={"n": 3, "m": 4},
       uses=ROB,
       role="step",
       of="p004/P6",
       analogue="grids V = {0..m}, pmfs on V^n (closed T^I, T^H and their strict types)",
       readings=(
           Reading("E1",
                   "EXT R1: at tied types average q over every sorting σ",
                   kind="intended", expect="CHECKED", ext="R1"),
           Reading("E2",
                   "EXT R2: at tied types use the stable sort",
                   kind="alternative", expect="CHECKED", ext="R2"),
       ),
)
def p6d(n: int, m: int, ext: str) -> Forall:
    ti = grid(n, range(m + 1), strict=False, sorted_=True)
    q, t, doms = _sym_table(ti)
    gs = {x: sp.Symbol(f"g[{x}]", real=True) for x in range(m + 1)}
    doms.update({s: Reals(0) for s in gs.values()})
    diag = {x: tuple(F(x) for _ in range(n)) for x in range(m + 1)}
    lhs = sp.Add(*[gs[x] * t[diag[x]] for x in gs])
    rhs = sp.Add(*[gs[x] * _sym_extend(q, t, diag[x], ext)[1] for x in gs])
    return Forall(doms, then={"(21)": eq(lhs, rhs)})


@claim("p004/P6d.L1", source=paper.source("Proposition 6 proof, (21) with Lemma 1's extension", 729, 737),
       statement="(21) when (q^s, t^s) on the tied diagonal is Lemma 1's extension of the strict "
       "table (a tied type takes a utility-maximising option among the strict types' options "
       "and (0, 0), highest payment first): REV(q, t; F^min) = REV(q^s, t^s; F^min), for every "
       "IC + IR table of M^I on the closed grid that an integer-price deterministic menu "
       "induces (seller ties), n = 2, G_avg uniform on {0..m}.",
       over={"m": Ints(1)}, limit={"m": 3}, uses=ROB, expect="REFUTED",
       role="step",
       of="p004/P6",
       analogue="grids V = {0..m}, pmfs on V^n (closed T^I, T^H and their strict types)",
)
def p6d_l1(m: int) -> bool:
    from claims.p004_rank_preserving._robust_tools import menu_choice

    ti = grid(2, range(m + 1), strict=False, sorted_=True)
    g = {F(x): F(1, m + 1) for x in range(m + 1)}
    for p1, p2 in itertools.product([*range(m + 1), None], [*range(2 * m + 1), None]):
        menu = [(x, F(p)) for x, p in (((F(1), F(0)), p1), ((F(1), F(1)), p2)) if p is not None]
        q, t = menu_choice(ti, menu, "seller")
        strict_opts = [(q[v], t[v]) for v in ti if is_strict(v)] + [((F(0), F(0)), F(0))]
        t_l1 = {}
        for x in range(m + 1):
            v = (F(x), F(x))
            best = max(sum((a * b for a, b in zip(v, o, strict=True)), F(0)) - p
                       for o, p in strict_opts)
            t_l1[v] = max(p for o, p in strict_opts
                          if sum((a * b for a, b in zip(v, o, strict=True)), F(0)) - p == best)
        rev = sum((g[v[0]] * t[v] for v in t_l1), F(0))
        rev_l1 = sum((g[v[0]] * t_l1[v] for v in t_l1), F(0))
        if rev != rev_l1:
            note(menu=[f"{show(a)} at {p}" for a, p in menu],
                 t_diagonal={tag(v): t[v] for v in t_l1},
                 t_lemma1_diagonal={tag(v): c for v, c in t_l1.items()},
                 REV_q_t_Fmin=rev, REV_qs_ts_Fmin=rev_l1)
            return False
    return True


@claim("p004/P6e", source=paper.source("Proposition 6 proof, (22)", 739, 741),
       statement="(22) REV(q^s, t^s; F^min) <= n p†(1 - G_avg(p†)): max of Σ_x G_avg(x) "
       "t(x,...,x) over IC + IR tables (certified LP) is at most n sup_p p(1 - G_avg(p)) (" +
       G_TEXT + "; CDF readings give the same supremum).",
       over=P6_OVER, limit=P6_LIMIT, uses=ROB,
       role="step",
       of="p004/P6",
       analogue="grids V = {0..m}, pmfs on V^n (closed T^I, T^H and their strict types)",
       readings=(
           Reading("I-PR2",
                   "tables of M^I on the closed T^I; PRANGE R2",
                   kind="intended", expect="CHECKED", model="I", pr="PR2"),
           Reading("I-PR1",
                   "tables of M^I on the closed T^I; PRANGE R1 (p in [0,1])",
                   kind="literal", expect="REFUTED", model="I", pr="PR1"),
           Reading("Hsym-PR2",
                   "symmetric IC + IR tables on the closed T^H = V^n (TIE-SYM R2); PRANGE R2",
                   kind="alternative", expect="CHECKED", model="H", pr="PR2"),
       ),
)
def p6e(n: int, m: int, k: int, model: str, pr: str) -> dict[str, sp.Basic]:
    g = _g_setup(n, m, k)
    lo, hi = _prange(m, pr)
    best = uniform_sup(g, lo, hi, "R2")
    weights = {tuple(x for _ in range(n)): c for x, c in g.items()}
    value = robust_lp(n, [F(x) for x in range(m + 1)], objective_at=weights,
                      symmetric_h=model == "H").value
    evidence(LP_EVIDENCE)
    note(g=g)
    return {"max REV(.; F^min) <= n sup p(1 - G(p))": le(R(value), n * R(best.sup))}


@claim("p004/P6f", source=paper.source("Proposition 6 proof, separate sales under F^min", 739),
       statement="Separate sales at p† under F^min viewed on D̄^H (marginals G_avg) earns "
       "n p†(1 - G_avg(p†)) (CDF R2, PRANGE R2; exact sum over the diagonal; " + G_TEXT + ").",
       over=P6_OVER, limit={"n": 3, "m": 3, "k": 30}, uses=ROB, expect="CHECKED",
       role="step",
       of="p004/P6",
       analogue="grids V = {0..m}, pmfs on V^n (closed T^I, T^H and their strict types)",
)
def p6f(n: int, m: int, k: int) -> dict[str, sp.Basic]:
    g = _g_setup(n, m, k)
    pd, value = _p_dagger(g, m)
    th = grid(n, range(m + 1), strict=False)
    _, t = uniform_price_table(th, pd)  # separate sales at p†: item i sold iff v_i >= p†
    fmin = _fmin_pmf(n, m, g)
    rev = sum((c * t[v] for v, c in fmin.items()), F(0))
    note(g=g, p_dagger=pd)
    return {"REV(separate sales; F^min) = n p†(1 - G(p†))": eq(R(rev), n * R(value))}


@claim("p004/UP4.a", source=paper.source("extension of a uniform price = separate sales", 524),
       statement="The symmetric extension of a uniform-price mechanism (closed T^I) to the "
       "closed T^H is the separate-sales mechanism at the same price (exact tables; p on and "
       "between grid values).",
       over={"n": Ints(2), "m": Ints(1), "p2": Ints(0, 7)}, limit={"n": 3, "m": 3},
       uses=ROB,
       analogue="grids V = {0..m}, pmfs on V^n (closed T^I, T^H and their strict types)",
       readings=(
           Reading("E1",
                   "EXT R1: at tied types average q over every sorting σ",
                   kind="intended", expect="CHECKED", ext="R1"),
           Reading("E2",
                   "EXT R2: at tied types use the stable sort",
                   kind="alternative", expect="CHECKED", ext="R2"),
       ),
)
def up4_a(n: int, m: int, p2: int, ext: str) -> bool:
    assume(n == 2 or m <= 2)
    assume(p2 <= 2 * m + 1)
    p = F(p2, 2)
    ti = grid(n, range(m + 1), strict=False, sorted_=True)
    th = grid(n, range(m + 1), strict=False)
    q, t = uniform_price_table(ti, p)
    qs, ts = uniform_price_table(th, p)
    bad = next((v for v in th if extend(q, t, v, ext) != (qs[v], ts[v])), None)
    if bad is not None:
        note(type=tag(bad), extension=str(extend(q, t, bad, ext)), separate=str((qs[bad], ts[bad])))
    return bad is None


@claim("p004/UP4.b", source=paper.source("the comonotone law is in F^avg", 524),
       statement="The comonotone joint law with identical marginals G_avg (mass G_avg(x) at "
       "(x,...,x)) is a law on D̄^I whose average marginal (and every unit marginal) is G_avg, "
       "so it is in F^avg (" + G_TEXT + ").",
       over=P6_OVER, limit={"n": 3, "m": 3, "k": 30}, uses=ROB, expect="CHECKED",
       analogue="grids V = {0..m}, pmfs on V^n (closed T^I, T^H and their strict types)",
)
def up4_b(n: int, m: int, k: int) -> bool:
    g = _g_setup(n, m, k)
    pi = {tuple(x for _ in range(n)): c for x, c in g.items()}
    in_di = all(is_sorted(v) for v in pi)
    avg = avg_marginal(pi) == dict(g)
    note(g=g, on_D_I=in_di, average_marginal_is_G=avg)
    return in_di and avg


@claim("p004/UP5", source=paper.source("uncertainty I: lower bound", 526),
       statement="Under uncertainty I (all unit marginals G_1..G_n of M^I known), the "
       "worst-case revenue of the best mechanism, sup_(q,t) min over joint pmfs on T^I with "
       "those unit marginals (certified LP, inner problem dualised), is at least "
       "n sup_p p(1 - G_avg(p)) (unit marginals from a random full-support pmf on the closed "
       "T^I, seed; PRANGE R2).",
       over={"n": Ints(2), "m": Ints(1), "seed": Samples(5, "random full-support pmfs")},
       limit={"n": 3, "m": 3},
       uses=ROB,
       analogue="grids V = {0..m}, pmfs on V^n (closed T^I, T^H and their strict types)",
       readings=(
           Reading("R1",
                   "CDF R1: G(x) = P(X <= x), so 1 - G(p) = P(X > p)",
                   kind="intended", expect="SAMPLED", cdf="R1"),
           Reading("R2",
                   "CDF R2: G(x) = P(X < x), so 1 - G(p) = P(X >= p)",
                   kind="alternative", expect="SAMPLED", cdf="R2"),
       ),
)
def up5(n: int, m: int, seed: int, cdf: str) -> dict[str, sp.Basic]:
    import random

    from claims.p004_rank_preserving._robust_tools import unit_marginals

    assume(n == 2 or m <= 2)
    ti = grid(n, range(m + 1), strict=False, sorted_=True)
    rng = random.Random(f"up5-{n}-{m}-{seed}")
    raw = {v: rng.randint(1, 4) for v in ti}
    total = sum(raw.values())
    pi = {v: F(c, total) for v, c in raw.items()}
    gs = unit_marginals(pi, n)
    g = avg_marginal(pi)
    best = uniform_sup(g, F(0), F(m), cdf)  # type: ignore[arg-type]
    value = robust_lp(n, [F(x) for x in range(m + 1)], unit_gs=gs).value
    evidence(LP_EVIDENCE)
    note(unit_marginals=[dict(x) for x in gs])
    return {"robust value (uncertainty I) >= n sup p(1 - G_avg(p))": ge(R(value), n * R(best.sup))}


# ================================================================== P7 (Appendix B)

P7_OVER = {"n": Ints(2), "m": Ints(2), "seed": Samples(3, "random menus")}
P7_LIMIT = {"n": 3, "m": 3}
P7_INPUT = ("inputs: IC + IR tables on T^I (V = {0..m}) induced by random menus, seed 0 "
            "deterministic with seller ties (TB R2), 1 deterministic with fewest-units ties "
            "(TB R3), 2 AD lotteries with seller ties")
DOM_TEXTS = {"strict": "D^I as printed: strict types v_1 > ... > v_n (DOM R1)",
             "closed": "closed grid v_1 >= ... >= v_n (DOM R2)"}


def _p7_input(n: int, m: int, strict: bool, seed: int
              ) -> tuple[list[Vec], dict[Vec, Vec], dict[Vec, Fraction], dict[Vec, Fraction]]:
    from claims.p004_rank_preserving._robust_tools import p7_table, utility

    assume(n == 2 or m <= 2)
    vals = [F(x) for x in range(m + 1)]
    assume(bool(grid(n, vals, strict=strict, sorted_=True)))
    ts, q, t, how = p7_table(n, vals, strict, seed)
    note(input=how)
    return ts, q, t, {v: utility(v, q[v], t[v]) for v in ts}


def _nb_failure(ts: list[Vec], q: dict[Vec, Vec]) -> tuple | None:
    """Def 7 on pairs of T^I differing in one coordinate: equal q_i implies equal q."""
    for v, w in itertools.combinations(ts, 2):
        diff = [i for i in range(len(v)) if v[i] != w[i]]
        if len(diff) == 1 and q[v][diff[0]] == q[w][diff[0]] and q[v] != q[w]:
            return v, w, diff[0]
    return None


def _sharp(ts: list[Vec], u: dict[Vec, Fraction]) -> tuple[dict[Vec, Vec], dict[Vec, Fraction]]:
    from claims.p004_rank_preserving._robust_tools import lexmax

    qs: dict[Vec, Vec] = {}
    for v in ts:
        x = lexmax(ts, u, v, "R2")
        assert x is not None
        qs[v] = x
    return qs, {v: sum((a * b for a, b in zip(v, qs[v], strict=True)), F(0)) - u[v] for v in ts}


@claim("p004/P7", source=paper.source("Proposition 7", 747, 751),
       statement="For an IC + IR (q, t) on D^I there is an IC + IR, object non-bossy (q♯, t♯) "
       "agreeing with (q, t) for almost all v. Finite: q♯(v) = lexmax ∂u(v) (SUBD R2, LMAX R2; "
       "n certified LPs per type), t♯ = v.q♯ - u; checked: (1), IC, IR, NB on D^I pairs, and "
       "u♯ = u ('almost all' read as LMAX/agreement R3; " + P7_INPUT + ").",
       over=P7_OVER, limit=P7_LIMIT, uses=SUBD,
       analogue="grids V = {0..m}, pmfs on V^n (closed T^I, T^H and their strict types)",
       readings=(
           Reading("strict",
                   "D^I as printed: strict types v_1 > ... > v_n (DOM R1)",
                   kind="intended", expect="SAMPLED", strict=True),
           Reading("closed",
                   "closed grid v_1 >= ... >= v_n (DOM R2)",
                   kind="alternative", expect="SAMPLED", strict=False),
       ),
)
def p7(n: int, m: int, seed: int, strict: bool) -> bool:
    from claims.p004_rank_preserving._robust_tools import ic_ir_failure, utility

    ts, q, t, u = _p7_input(n, m, strict, seed)
    qs, tsh = _sharp(ts, u)
    feas = all(all(0 <= a <= 1 for a in qs[v]) and is_sorted(qs[v]) for v in ts)
    icir = ic_ir_failure(qs, tsh)
    nb = _nb_failure(ts, qs)
    same_u = all(utility(v, qs[v], tsh[v]) == u[v] for v in ts)
    evidence(LP_EVIDENCE)
    note(q_sharp={tag(v): tag(qs[v]) for v in ts}, feasible=feas, ic_ir_failure=str(icir),
         nb_failure=str(nb), same_utility=same_u)
    return feas and icir is None and nb is None and same_u


@claim("p004/P7.agree", source=paper.source("Proposition 7, 'for almost all v'", 747, 749),
       statement="q♯(v) = q(v), t♯(v) = t(v) for almost all v (q♯ the pointwise lexmax of "
       "∂u(v), SUBD R2; " + P7_INPUT + "; strict grids).",
       over=P7_OVER, limit=P7_LIMIT,
       uses=SUBD,
       analogue="grids V = {0..m}, pmfs on V^n (closed T^I, T^H and their strict types)",
       readings=(
           Reading("R1",
                   "every type of the finite grid",
                   kind="literal", expect="REFUTED", how="every"),
           Reading("R2",
                   "equal revenue under the uniform (full-support) pmf on T^I_s",
                   kind="alternative", expect="REFUTED", how="revenue"),
       ),
)
def p7_agree(n: int, m: int, seed: int, how: str) -> bool:
    ts, q, t, u = _p7_input(n, m, True, seed)
    qs, tsh = _sharp(ts, u)
    evidence(LP_EVIDENCE)
    note(q={tag(v): tag(q[v]) for v in ts}, t={tag(v): t[v] for v in ts},
         q_sharp={tag(v): tag(qs[v]) for v in ts}, t_sharp={tag(v): tsh[v] for v in ts})
    if how == "every":
        return all(qs[v] == q[v] and tsh[v] == t[v] for v in ts)
    return sum(tsh.values(), F(0)) == sum(t.values(), F(0))


SUBD_TEXTS = {"R1": "SUBD R1: ∂u(v) relative to D^I only, as printed",
              "R2": "SUBD R2: ∂u(v) ∩ {x in [0,1]^n : x_1 >= ... >= x_n}"}


@claim("p004/P7.CMP", source=paper.source("Proposition 7 proof, first sentence", 753),
       statement="For IC (q, t) on D^I, u is convex and ∂u(v) is non-empty, convex and compact "
       "for each v in D^I. Finite: u(v) = max_w (v.q(w) - t(w)) (convex), q(v) in ∂u(v) "
       "(non-empty), ∂u(v) a polyhedron (convex), and the max and min of every coordinate over "
       "∂u(v) finite (compact; certified LPs) (" + P7_INPUT + "; strict grids).",
       over=P7_OVER, limit=P7_LIMIT,
       uses=SUBD,
       role="step",
       of="p004/P7",
       analogue="grids V = {0..m}, pmfs on V^n (closed T^I, T^H and their strict types)",
       readings=(
           Reading("R1",
                   "SUBD R1: ∂u(v) relative to D^I only, as printed",
                   kind="literal", expect="REFUTED", subd="R1"),
           Reading("R2",
                   "SUBD R2: ∂u(v) ∩ {x in [0,1]^n : x_1 >= ... >= x_n}",
                   kind="intended", expect="SAMPLED", subd="R2"),
       ),
)
def p7_cmp(n: int, m: int, seed: int, subd: str) -> bool:
    from claims.p004_rank_preserving._robust_tools import coordinate_range, in_subdiff, utility

    ts, q, t, u = _p7_input(n, m, True, seed)
    convex = all(u[v] == max(utility(v, q[w], t[w]) for w in ts) for v in ts)
    nonempty = all(in_subdiff(ts, u, v, q[v], subd) for v in ts)  # type: ignore[arg-type]
    evidence(LP_EVIDENCE)
    for v in ts:
        for i in range(n):
            for sense in ("max", "min"):
                res = coordinate_range(ts, u, v, i, subd, sense)  # type: ignore[arg-type]
                if res.status != "optimal":
                    note(type=tag(v), coordinate=i + 1, sense=sense, status=res.status,
                         convex=convex, nonempty=nonempty)
                    return False
    return convex and nonempty


def _cl_instances(ts: list[Vec]) -> list[tuple[Vec, int, Vec]]:
    out = []
    for v in ts:
        for w in ts:
            diff = [i for i in range(len(v)) if v[i] != w[i]]
            if len(diff) == 1:
                out.append((v, diff[0], w))
    return out


def _member(ts: list[Vec], u: dict[Vec, sp.Symbol], v: Vec, x: Sequence[sp.Expr], subd: str,
            ad: str | None = None, k: int | None = None) -> sp.Basic | bool:
    """x in ∂u(v) (SUBD), optionally in ∂̃u(v): x_j in {0,1} for j != k (AD-K R1: some k per
    vector; R2: the given k)."""
    conds = [ge(u[w] - u[v], _dot(tuple(a - b for a, b in zip(w, v, strict=True)), x))
             for w in ts if w != v]
    if subd == "R2" or ad is not None:
        conds += [ge(a, 0) for a in x] + [le(a, 1) for a in x]
        conds += [ge(a, b) for a, b in itertools.pairwise(x)]
    if ad is not None:
        def zero_one(a: sp.Expr) -> sp.Basic:
            return sp.Or(eq(a, 0), eq(a, 1))
        ks = range(len(x)) if ad == "K1" else [k]
        conds.append(sp.Or(*[sp.And(*[zero_one(a) for j, a in enumerate(x) if j != kk])
                             for kk in ks]))
    if not conds:  # a one-type grid under SUBD R1: no inequality, ∂u(v) = R^n
        return True  # the empty conjunction, exactly (no relation for sympy to have decided)
    return sp.And(*conds)


@claim("p004/P7.Cl1", source=paper.source("Claim 1 and its proof (23)", 757, 775),
       statement="Claim 1: for v in D^I, i, v'_i != v_i: x in ∂u(v) and (x_i, y_-i) in "
       "∂u(v'_i, v_-i) imply x in ∂u(v'_i, v_-i) and (x_i, y_-i) in ∂u(v). Finite: u free on "
       "the grid, x, y free, every (v, i, v') with both types on the grid (one z3 query).",
       over={"n": Ints(2), "m": Ints(1)}, limit={"n": 3, "m": 2},
       uses=SUBD,
       role="step",
       of="p004/P7",
       analogue="grids V = {0..m}, pmfs on V^n (closed T^I, T^H and their strict types)",
       readings=(
           Reading("strict-R1",
                   "D^I as printed: strict types v_1 > ... > v_n (DOM R1); SUBD R1: ∂u(v) "
                   "relative to D^I only, as printed",
                   kind="intended", expect="CHECKED", strict=True, subd="R1"),
           Reading("strict-R2",
                   "D^I as printed: strict types v_1 > ... > v_n (DOM R1); SUBD R2: ∂u(v) ∩ "
                   "{x in [0,1]^n : x_1 >= ... >= x_n}",
                   kind="alternative", expect="CHECKED", strict=True, subd="R2"),
           Reading("closed-R1",
                   "closed grid v_1 >= ... >= v_n (DOM R2); SUBD R1: ∂u(v) relative to D^I "
                   "only, as printed",
                   kind="literal", expect="CHECKED", strict=False, subd="R1"),
           Reading("closed-R2",
                   "closed grid v_1 >= ... >= v_n (DOM R2); SUBD R2: ∂u(v) ∩ {x in [0,1]^n : "
                   "x_1 >= ... >= x_n}",
                   kind="alternative", expect="CHECKED", strict=False, subd="R2"),
       ),
)
def p7_cl1(n: int, m: int, strict: bool, subd: str) -> Forall:
    assume(n == 2 or m <= (2 if strict else 1))
    ts = grid(n, [F(x) for x in range(m + 1)], strict=strict, sorted_=True)
    insts = _cl_instances(ts)
    assume(bool(insts))
    u = {v: sp.Symbol(f"u[{tag(v)}]", real=True) for v in ts}
    doms: dict[sp.Symbol, Reals] = {s: Reals() for s in u.values()}
    then = {}
    for k, (v, i, w) in enumerate(insts):
        x = sp.symbols(f"x{k}_1:{n + 1}", real=True)
        y = sp.symbols(f"y{k}_1:{n + 1}", real=True)
        doms.update({s: Reals() for s in (*x, *y)})
        xy = tuple(x[j] if j == i else y[j] for j in range(n))
        hyp = sp.And(_member(ts, u, v, x, subd), _member(ts, u, w, xy, subd))
        con = sp.And(_member(ts, u, w, x, subd), _member(ts, u, v, xy, subd))
        then[f"v={tag(v)}, i={i + 1}, v'={tag(w)}"] = sp.Implies(hyp, con)
    return Forall(doms, then=then)


@claim("p004/P7.Cl2", source=paper.source("Claim 2 (∂̃u)", 807, 811),
       statement="Claim 2: Claim 1 with ∂̃u(v) = {x in ∂u(v): x_i in {0,1} for i != k, x_1 >= "
       "... >= x_n} (the printed chain 'x_1 >= ... >= x_2' read as x_1 >= ... >= x_n; "
       "x in [0,1]^n). Finite: u free on the closed grid, x, y free, one z3 query.",
       over={"n": Ints(2), "m": Ints(1)}, limit={"n": 3, "m": 2},
       uses=SUBD,
       role="step",
       of="p004/P7",
       analogue="grids V = {0..m}, pmfs on V^n (closed T^I, T^H and their strict types)",
       readings=(
           Reading("K1",
                   "AD-K R1: k may depend on the vector (Def 8)",
                   kind="intended", expect="CHECKED", ad="K1"),
           Reading("K2",
                   "AD-K R2: one k for all v (as in the proof, L807; every k checked)",
                   kind="alternative", expect="CHECKED", ad="K2"),
       ),
)
def p7_cl2(n: int, m: int, ad: str) -> Forall:
    assume(n == 2 or m <= 1)
    ts = grid(n, [F(x) for x in range(m + 1)], strict=False, sorted_=True)
    insts = _cl_instances(ts)
    u = {v: sp.Symbol(f"u[{tag(v)}]", real=True) for v in ts}
    doms: dict[sp.Symbol, Reals] = {s: Reals() for s in u.values()}
    then = {}
    for kk in (range(n) if ad == "K2" else [None]):
        for k, (v, i, w) in enumerate(insts):
            x = sp.symbols(f"x{k}_{kk}_1:{n + 1}", real=True)
            y = sp.symbols(f"y{k}_{kk}_1:{n + 1}", real=True)
            doms.update({s: Reals() for s in (*x, *y)})
            xy = tuple(x[j] if j == i else y[j] for j in range(n))
            hyp = sp.And(_member(ts, u, v, x, "R2", ad, kk), _member(ts, u, w, xy, "R2", ad, kk))
            con = sp.And(_member(ts, u, w, x, "R2", ad, kk), _member(ts, u, v, xy, "R2", ad, kk))
            then[f"k={kk}, v={tag(v)}, i={i + 1}, v'={tag(w)}"] = sp.Implies(hyp, con)
    return Forall(doms, then=then)


@claim("p004/P7.L777", source=paper.source("Proposition 7 proof, Q(u)", 777),
       statement="Choosing q̂(v) in ∂u(v) at every v defines an IC mechanism (q̂, u) of M^I "
       "(q̂(v) in [0,1]^n with (1), and IC for t̂ = v.q̂ - u). Finite: u and q̂ free on the "
       "strict grid (one query).",
       over={"n": Ints(2), "m": Ints(1)}, limit={"n": 3, "m": 2},
       uses=SUBD,
       role="step",
       of="p004/P7",
       analogue="grids V = {0..m}, pmfs on V^n (closed T^I, T^H and their strict types)",
       readings=(
           Reading("R1",
                   "SUBD R1: ∂u(v) relative to D^I only, as printed",
                   kind="literal", expect="REFUTED", subd="R1"),
           Reading("R2",
                   "SUBD R2: ∂u(v) ∩ {x in [0,1]^n : x_1 >= ... >= x_n}",
                   kind="intended", expect="CHECKED", subd="R2"),
       ),
)
def p7_l777(n: int, m: int, subd: str) -> Forall:
    assume(n == 2 or m <= 2)
    ts = grid(n, [F(x) for x in range(m + 1)], strict=True, sorted_=True)
    assume(bool(ts))
    u = {v: sp.Symbol(f"u[{tag(v)}]", real=True) for v in ts}
    x = {v: tuple(sp.Symbol(f"x[{tag(v)}][{i + 1}]", real=True) for i in range(n)) for v in ts}
    doms: dict[sp.Symbol, Reals] = {s: Reals() for s in u.values()}
    doms.update({s: Reals() for v in ts for s in x[v]})
    given = {f"q̂({tag(v)}) in ∂u": _member(ts, u, v, x[v], subd) for v in ts}
    t = {v: _dot(v, x[v]) - u[v] for v in ts}
    then: dict[str, sp.Basic] = {}
    for v in ts:
        then[f"q̂({tag(v)}) feasible"] = sp.And(*[ge(a, 0) for a in x[v]], *[le(a, 1) for a in x[v]],
                                               *[ge(a, b) for a, b in itertools.pairwise(x[v])])
        for w in ts:
            if w != v:
                then[f"IC {tag(v)}>{tag(w)}"] = ge(_dot(v, x[v]) - t[v], _dot(v, x[w]) - t[w])
    return Forall(doms, given=given, then=then)


@claim("p004/P7.L777.conv", source=paper.source("Proposition 7 proof, Q(u), converse", 777),
       statement="'Conversely, every IC mechanism (q̂, u) must satisfy q̂ in Q(u)': for an IC "
       "table (q̂, t̂) of M^I with u = v.q̂ - t̂, q̂(v) in ∂u(v) for every v (strict grid, table "
       "symbolic).",
       over={"n": Ints(2), "m": Ints(1)}, limit={"n": 3, "m": 2}, uses=SUBD, expect="CHECKED",
       role="step",
       of="p004/P7",
       analogue="grids V = {0..m}, pmfs on V^n (closed T^I, T^H and their strict types)",
)
def p7_l777_conv(n: int, m: int) -> Forall:
    assume(n == 2 or m <= 2)
    ts = grid(n, [F(x) for x in range(m + 1)], strict=True, sorted_=True)
    assume(bool(ts))
    q, t, doms = _sym_table(ts)
    u = {v: _dot(v, q[v]) - t[v] for v in ts}
    given = {f"IC {tag(v)}>{tag(w)}": ge(u[v], _dot(v, q[w]) - t[w])
             for v in ts for w in ts if w != v}
    given.update({f"(1) {tag(v)}": sp.And(*[ge(a, b) for a, b in itertools.pairwise(q[v])])
                  for v in ts})
    then = {f"q̂({tag(v)}) in ∂u": _member(ts, u, v, q[v], "R2") for v in ts}  # type: ignore[arg-type]
    return Forall(doms, given=given, then=then)


@claim("p004/P7.L789", source=paper.source("Proposition 7 proof, existence of the L-maximal rule", 781, 789),
       statement="'As Q(u) is compact, an L-maximal allocation rule exists and, by definition, "
       "is unique for u' (" + P7_INPUT + "; strict grids).",
       over=P7_OVER, limit=P7_LIMIT,
       uses=SUBD,
       role="step",
       of="p004/P7",
       analogue="grids V = {0..m}, pmfs on V^n (closed T^I, T^H and their strict types)",
       readings=(
           Reading("lit",
                   "LMAX R1 (Def 11 literally: q♯(v) >_lex q̂(v) at EVERY v for every q̂ != "
                   "q♯ in Q(u)); SUBD R2",
                   kind="literal", expect="REFUTED", lmax="R1", subd="R2"),
           Reading("pointwise",
                   "LMAX R2 (q♯(v) = lexmax ∂u(v)); SUBD R2",
                   kind="intended", expect="SAMPLED", lmax="R2", subd="R2"),
           Reading("pointwise-subd1",
                   "LMAX R2; SUBD R1 (∂u(v) relative to D^I only)",
                   kind="alternative", expect="REFUTED", lmax="R2", subd="R1"),
       ),
)
def p7_l789(n: int, m: int, seed: int, lmax: str, subd: str) -> bool:
    from claims.p004_rank_preserving._robust_tools import coordinate_range, lexmax

    ts, q, t, u = _p7_input(n, m, True, seed)
    evidence(LP_EVIDENCE)
    if lmax == "R2":
        for v in ts:
            if lexmax(ts, u, v, subd) is None:  # type: ignore[arg-type]
                note(no_lexmax_at=tag(v), reason="a stage LP is unbounded")
                return False
        return True
    if len(ts) < 2:
        return True
    for v in ts:
        for i in range(n):
            hi = coordinate_range(ts, u, v, i, "R2", "max").value
            lo = coordinate_range(ts, u, v, i, "R2", "min").value
            if hi != lo:
                note(non_singleton_at=tag(v), coordinate=i + 1, x_min=lo, x_max=hi,
                     why="q̂ := q♯ except at this type violates Def 11 at every other type")
                return False
    return True


@claim("p004/P7.NBs", source=paper.source("Proposition 7 proof, (24)-(25)", 795, 801),
       statement="For q♯ (pointwise lexmax, SUBD R2) and v'_i > v_i with q♯_i(v_i, v_-i) = "
       "q♯_i(v'_i, v_-i): (24) q♯(v_i, v_-i) in ∂u(v'_i, v_-i) and (25) q♯(v'_i, v_-i) in "
       "∂u(v_i, v_-i) (exact membership; " + P7_INPUT + ").",
       over=P7_OVER, limit=P7_LIMIT, uses=SUBD,
       role="step",
       of="p004/P7",
       analogue="grids V = {0..m}, pmfs on V^n (closed T^I, T^H and their strict types)",
       readings=(
           Reading("strict",
                   "D^I as printed: strict types v_1 > ... > v_n (DOM R1)",
                   kind="intended", expect="SAMPLED", strict=True),
           Reading("closed",
                   "closed grid v_1 >= ... >= v_n (DOM R2)",
                   kind="alternative", expect="SAMPLED", strict=False),
       ),
)
def p7_nbs(n: int, m: int, seed: int, strict: bool) -> bool:
    from claims.p004_rank_preserving._robust_tools import in_subdiff

    ts, q, t, u = _p7_input(n, m, strict, seed)
    qs, _ = _sharp(ts, u)
    evidence(LP_EVIDENCE)
    count = 0
    for v, w, i in [(v, w, i) for v, i, w in _cl_instances(ts) if v[i] < w[i]]:
        if qs[v][i] == qs[w][i]:
            count += 1
            if not (in_subdiff(ts, u, w, qs[v], "R2") and in_subdiff(ts, u, v, qs[w], "R2")):
                note(pair=f"{tag(v)} / {tag(w)}", q_sharp=(tag(qs[v]), tag(qs[w])))
                return False
    note(pairs_with_equal_coordinate=count)
    return True


@claim("p004/P7.L807", source=paper.source("Proposition 7 proof, start of the AD part", 807),
       statement="'Let (q, t) be an almost deterministic and rank preserving IC and IR mechanism "
       "on D^I. Then, there is a k in N such that q_i(v) in {0,1} for all v in D^I, for all "
       "i != k' (AD per Def 8, k may depend on v; inputs: IC + IR tables of AD decreasing "
       "lottery menus, seller ties, V = {0..m}, closed grids).",
       over={"n": Ints(2), "m": Ints(1), "seed": Samples(6, "random AD lottery menus")},
       limit={"n": 3, "m": 3}, uses=SUBD,
       expect="REFUTED",
       role="step",
       of="p004/P7",
       analogue="grids V = {0..m}, pmfs on V^n (closed T^I, T^H and their strict types)",
)
def p7_l807(n: int, m: int, seed: int) -> bool:
    from claims.p004_rank_preserving._robust_tools import ad_table, is_ad

    assume(n == 2 or m <= 2)
    ts, q, t, how = ad_table(n, [F(x) for x in range(m + 1)], False, seed, None)
    common = [k for k in range(n) if all(is_ad(q[v], k) for v in ts)]
    note(input=how, table={tag(v): tag(q[v]) for v in ts}, common_k=common)
    return bool(common)


@claim("p004/P7.L823", source=paper.source("Proposition 7 proof, L^d-maximal rule", 815, 823),
       statement="For an AD, RP, IC + IR (q, t): 'a unique q♯ exists. By definition, it is "
       "almost deterministic and rank-preserving'; it is non-bossy and (q♯, u) is IC + IR. "
       "Finite: q♯(v) = lexmax ∂̃u(v) (exact, finitely many 0/1 patterns), t♯ = v.q♯ - u; "
       "checked: exists at every v, AD (per reading), (1), IC, IR, NB, u♯ = u (inputs: IC + IR "
       "AD decreasing lottery menus, seller ties, closed grids V = {0..m}).",
       over={"n": Ints(2), "m": Ints(1), "seed": Samples(3, "random AD lottery menus")},
       limit={"n": 3, "m": 3},
       uses=SUBD,
       role="step",
       of="p004/P7",
       analogue="grids V = {0..m}, pmfs on V^n (closed T^I, T^H and their strict types)",
       readings=(
           Reading("K1",
                   "AD-K R1: ∂̃u with k per vector; inputs AD per Def 8",
                   kind="intended", expect="SAMPLED", ad="K1"),
           Reading("K2",
                   "AD-K R2: one k for all v; inputs with a common k = seed mod n",
                   kind="alternative", expect="SAMPLED", ad="K2"),
       ),
)
def p7_l823(n: int, m: int, seed: int, ad: str) -> bool:
    from claims.p004_rank_preserving._robust_tools import (
        ad_table,
        ic_ir_failure,
        is_ad,
        lexmax_ad,
        utility,
    )

    assume(n == 2 or m <= 2)
    k = None if ad == "K1" else seed % n
    ts, q, t, how = ad_table(n, [F(x) for x in range(m + 1)], False, seed, k)
    u = {v: utility(v, q[v], t[v]) for v in ts}
    qs: dict[Vec, Vec] = {}
    for v in ts:
        x = lexmax_ad(ts, u, v, k)
        if x is None:
            note(input=how, empty_at=tag(v))
            return False
        qs[v] = x
    tsh = {v: sum((a * b for a, b in zip(v, qs[v], strict=True)), F(0)) - u[v] for v in ts}
    ok_ad = all(is_ad(qs[v], k) and is_sorted(qs[v]) for v in ts)
    icir = ic_ir_failure(qs, tsh)
    nb = _nb_failure(ts, qs)
    note(input=how, q_sharp={tag(v): tag(qs[v]) for v in ts}, ad_rp=ok_ad, ic_ir=str(icir),
         nb=str(nb))
    return ok_ad and icir is None and nb is None


@claim("p004/P7.CMP.cont", source=paper.source("Proposition 7 proof, first sentence (continuous)", 753),
       statement="Continuous check of compactness under SUBD R1: n = 2, D^I = strict types of "
       "[0,1]^2, the zero mechanism (u = 0, IC and IR) and the boundary type v = (1, 1/2) in "
       "D^I: (s, 0) is in ∂u(v) for every s >= 0, i.e. 0 >= (s, 0).(v' - v) for all v' in D^I; "
       "so ∂u(v) is unbounded (PROVED here means the unbounded ray exists, i.e. 'compact for "
       "each v in D^I' fails at boundary types).", uses=SUBD, expect="PROVED",
       role="step",
       of="p004/P7",
)
def p7_cmp_cont() -> Forall:
    s_, a, b = sp.symbols("s w1 w2", real=True)
    v = (sp.Integer(1), sp.Rational(1, 2))
    return Forall({s_: Reals(0), a: Reals(0, 1), b: Reals(0, 1)},
                  given={"v' in D^I": sp.Gt(a, b)},
                  then={"(s,0) in ∂u(1,1/2)": ge(0, s_ * (a - v[0]) + 0 * (b - v[1]))})
