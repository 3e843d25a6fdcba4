"""Claim 26 (S42, l.666-682): alpha_k, the smallest positive root of
f_k(x) = 12(1 - (1-x)^k) - 7kx - 1, exists in (0, 1) and strictly decreases in k.

Layout: the statement (a), (b); every printed proof step 26.1-26.14 as printed; and the
lemmas of an all-k proof (S42.L-*) that replaces the printed steps where they fail. Per-k
claims are exact at every k up to their limit (CHECKED); a claim is PROVED for all k only
through a Derivation whose premises are all PROVED, and the derivation names its trusted rule.
"""

from __future__ import annotations

from fractions import Fraction

import sympy as sp

from claims.p002_buy_many import paper
from claims.p002_buy_many.alpha import (
    alpha_sympy,
    beta,
    f,
    f_sign,
    k_sym,
    separator,
)
from verify import Derivation, Forall, Ints, Reals, note
from verify.paper import Reading

K = k_sym
a = sp.Symbol("a", real=True)
t = sp.Symbol("t", real=True)
Y = sp.Symbol("Y", real=True)
Z = sp.Symbol("Z", real=True)
P = sp.Symbol("P", real=True)


paper.definition("1.7.f_k", at=("Appendix C, definition of f_k", 654),
                 says="f_k(x) = 12(1 - (1-x)^k) - 7k x - 1, a polynomial of degree k.")
paper.definition("1.7.alpha_k", at=("Claim 26", 666),
                 says="alpha_k = the smallest positive real root of f_k.")
USES = ("p002/1.7.f_k", "p002/1.7.alpha_k")


def line1(k: sp.Expr, at: sp.Expr) -> sp.Expr:  # l.670, first printed line
    return -12 * (1 - (1 - at) ** (k + 1)) - 7 * at * (k + 1) - 1


def line2(k: sp.Expr, at: sp.Expr) -> sp.Expr:  # l.672
    return -12 * (1 - at) ** (k + 1) + 12 * (1 - at) ** k - 7 * at


def line3(k: sp.Expr, at: sp.Expr) -> sp.Expr:  # l.673
    return -12 * (1 - at) ** k * at - 7 * at


def frac(r: Fraction) -> sp.Rational:
    return sp.Rational(r.numerator, r.denominator)


# ----------------------------------------------------------------------------- lemmas

@paper.claim("S42.L-concave", at=("Claim 26 proof (all-k route)", 666, 682),
             role="repair", of="S42.b",
             says="f_k is concave on [0, 1]: f_k''(x) <= 0 for x in [0, 1].",
             over={"k": Ints(1)}, limit={"k": 8}, uses=USES, expect="PROVED",
             by=Derivation(("p002/S42.L-concave.identity",),
                           "f_k'' = -12k(k-1)(1-x)^(k-2), and k(k-1) >= 0, (1-x)^(k-2) >= 0 on [0,1)"))
def concave(k: int) -> Forall:
    return Forall({a: Reals(0, 1)}, then={"f_k''(a) <= 0": sp.Le(sp.diff(f(k, a), a, 2), 0,
                                                                     evaluate=False)})


@paper.claim("S42.L-concave.identity", at=("Claim 26 proof (all-k route)", 666, 682),
             role="repair", of="S42.b",
             says="For symbolic k: f_k''(x) = -12k(k-1)(1-x)^(k-2).", uses=USES, expect="PROVED")
def concave_identity() -> Forall:
    second = sp.diff(f(K, a), a, 2)
    return Forall({K: Ints(1), a: Reals(0, 1, hi_open=True)},
                  then={"f_k'' closed form": sp.Eq(second, -12 * K * (K - 1) * (1 - a) ** (K - 2))})


@paper.claim("S42.L-binom.base", at=("Claim 26 proof (all-k route)", 666, 682),
             role="repair", of="S42.b",
             says="(1+t)^1 >= 1 + t for t >= 0.", expect="PROVED")
def binom_base() -> Forall:
    return Forall({t: Reals(0)}, then={"base": sp.Ge(1 + t, 1 + t, evaluate=False)})


@paper.claim("S42.L-binom.step", at=("Claim 26 proof (all-k route)", 666, 682),
             role="repair", of="S42.b",
             says="If Z >= 1 + kt + k(k-1)t^2/2 (Z standing for (1+t)^k), t >= 0, k >= 1, then "
             "(1+t)Z >= 1 + (k+1)t + (k+1)k t^2/2.", expect="PROVED")
def binom_step() -> Forall:
    return Forall({K: Ints(1), t: Reals(0), Z: Reals()},
                  given={"IH": sp.Ge(Z, 1 + K * t + K * (K - 1) * t**2 / 2)},
                  then={"step": sp.Ge((1 + t) * Z, 1 + (K + 1) * t + (K + 1) * K * t**2 / 2)})


@paper.claim("S42.L-binom", at=("Claim 26 proof (all-k route)", 666, 682),
             role="repair", of="S42.b",
             says="For integers k >= 1 and t >= 0: (1+t)^k >= 1 + kt + k(k-1)t^2/2.",
             over={"k": Ints(1)}, limit={"k": 6}, expect="PROVED",
             by=Derivation(("p002/S42.L-binom.base", "p002/S42.L-binom.step"), "induction on k"))
def binom(k: int) -> Forall:
    return Forall({t: Reals(0)},
                  then={"binomial bound": sp.Ge((1 + t) ** k, 1 + k * t + k * (k - 1) * t**2 / 2,
                                                   evaluate=False)})


@paper.claim("S42.L-prod.step", at=("Claim 26 proof (all-k route)", 666, 682),
             role="repair", of="S42.b",
             says="If 0 <= P <= 1 (P standing for ((1-t)(1+t))^k) and 0 <= t <= 1 then "
             "0 <= P(1-t)(1+t) <= 1.", expect="PROVED")
def prod_step() -> Forall:
    return Forall({t: Reals(0, 1), P: Reals(0, 1)},
                  then={"upper": sp.Le(P * (1 - t) * (1 + t), 1),
                        "lower": sp.Ge(P * (1 - t) * (1 + t), 0)})


@paper.claim("S42.L-prod", at=("Claim 26 proof (all-k route)", 666, 682),
             role="repair", of="S42.b",
             says="For integers k >= 1 and 0 <= t <= 1: 0 <= (1-t)^k (1+t)^k <= 1.",
             over={"k": Ints(1)}, limit={"k": 6}, expect="PROVED",
             by=Derivation(("p002/S42.L-prod.step",),
                           "induction on k (base k=0: the product is 1) with P := ((1-t)(1+t))^k"))
def prod(k: int) -> Forall:
    value = (1 - t) ** k * (1 + t) ** k
    return Forall({t: Reals(0, 1)}, then={"upper": sp.Le(value, 1, evaluate=False),
                                          "lower": sp.Ge(value, 0, evaluate=False)})


@paper.claim("S42.L-power.combine", at=("Claim 26 proof (all-k route)", 666, 682),
             role="repair", of="S42.b",
             says="For k >= 9, t = 4/(7k): if Y >= 0, Z > 0, YZ <= 1 and "
             "Z >= 1 + kt + k(k-1)t^2/2, then Y < 7/12.", expect="PROVED")
def power_combine() -> Forall:
    tk = sp.Rational(4, 7) / K
    return Forall({K: Ints(9), Y: Reals(0), Z: Reals(0, lo_open=True)},
                  given={"YZ <= 1": sp.Le(Y * Z, 1),
                         "binomial": sp.Ge(Z, 1 + K * tk + K * (K - 1) * tk**2 / 2)},
                  then={"Y < 7/12": sp.Lt(Y, sp.Rational(7, 12))})


@paper.claim("S42.L-power", at=("Claim 26 proof (all-k route)", 666, 682),
             role="repair", of="S42.b",
             says="For integers k >= 9: (1 - 4/(7k))^k < 7/12.",
             over={"k": Ints(9)}, limit={"k": 200}, expect="PROVED",
             by=Derivation(("p002/S42.L-power.combine", "p002/S42.L-binom", "p002/S42.L-prod"),
                           "instantiate Y := (1-t)^k, Z := (1+t)^k at t = 4/(7k)"))
def power(k: int) -> dict[str, sp.Basic]:
    return {"(1-4/(7k))^k < 7/12": sp.Lt((1 - sp.Rational(4, 7 * k)) ** k, sp.Rational(7, 12),
                                         evaluate=False)}


@paper.claim("S42.L-power-small", at=("Claim 26 proof (all-k route)", 666, 682),
             role="repair", of="S42.b",
             says="For k in {1..8}: (1 - 4/(7k))^k < 7/12.",
             over={"k": Ints(1, 8)}, expect="PROVED")
def power_small(k: int) -> dict[str, sp.Basic]:
    return power(k)


@paper.claim("S42.L-root-bound", at=("Claim 26 proof (all-k route)", 666, 682),
             role="repair", of="S42.b",
             says="For integers k >= 1: f_k(4/(7k)) > 0.", over={"k": Ints(1)},
             limit={"k": 300}, uses=USES, expect="PROVED",
             by=Derivation(("p002/S42.L-root-bound.identity", "p002/S42.L-power",
                            "p002/S42.L-power-small"),
                           "f_k(4/(7k)) = 7 - 12(1-4/(7k))^k > 0 iff (1-4/(7k))^k < 7/12"))
def root_bound(k: int) -> bool:
    return f_sign(k, Fraction(4, 7 * k)) > 0


@paper.claim("S42.L-root-bound.identity", at=("Claim 26 proof (all-k route)", 666, 682),
             role="repair", of="S42.b",
             says="For symbolic k: f_k(4/(7k)) = 7 - 12(1 - 4/(7k))^k.", uses=USES,
             expect="PROVED")
def root_bound_identity() -> Forall:
    r = sp.Rational(4, 7) / K
    return Forall({K: Ints(1)}, then={"value": sp.Eq(f(K, r), 7 - 12 * (1 - r) ** K,
                                                        evaluate=False)})


@paper.claim("S42.L-step", at=("Claim 26 proof (all-k route), cf. l.670-675", 670, 675),
             role="repair", of="S42.b",
             says="For k >= 1, 0 < a < 1, Y standing for (1-a)^k: if f_k(a) = 0, i.e. "
             "12(1-Y) - 7ka - 1 = 0, and 7ka < 4, then f_{k+1}(a) = 12(1 - Y(1-a)) - 7(k+1)a - 1 > 0.",
             uses=USES, expect="PROVED")
def step() -> Forall:
    return Forall({K: Ints(1), a: Reals(0, 1, lo_open=True, hi_open=True), Y: Reals()},
                  given={"f_k(a) = 0": sp.Eq(12 * (1 - Y) - 7 * K * a - 1, 0),
                         "7ka < 4": sp.Lt(7 * K * a, 4)},
                  then={"f_{k+1}(a) > 0": sp.Gt(12 * (1 - Y * (1 - a)) - 7 * (K + 1) * a - 1, 0)})


# ----------------------------------------------------------------------------- statement

@paper.claim("S42.a", at=("Claim 26 (a)", 666),
             says="For all integers k >= 1, f_k(x) has a positive real root below 1.",
             over={"k": Ints(1)}, limit={"k": 300}, uses=USES, expect="PROVED",
             by=Derivation(("p002/S42.L-root-bound",),
                           "intermediate value theorem: f_k(0) = -1 < 0 < f_k(4/(7k)), 0 < 4/(7k) < 1"))
def has_root(k: int) -> bool:
    r = Fraction(4, 7 * k)
    note(sign_change_at=r)
    return f_sign(k, Fraction(0)) < 0 < f_sign(k, r) and 0 < r < 1


@paper.claim("S42.b", at=("Claim 26 (b)", 666),
             says="The sequence alpha_k (smallest positive real root of f_k) is strictly "
             "decreasing: alpha_{k+1} < alpha_k for all k >= 1.",
             over={"k": Ints(1)}, limit={"k": 300}, uses=USES, rests_on=("p002/S42.L-concave",),
             expect="PROVED",
             by=Derivation(("p002/S42.L-root-bound", "p002/S42.L-step"),
                           "IVT: alpha_k < 4/(7k) (f_k(0) < 0 < f_k(4/(7k))), so f_{k+1}(alpha_k) > 0 "
                           "= L-step with Y := (1-alpha_k)^k, then f_{k+1}(0) < 0 puts a root in "
                           "(0, alpha_k)"))
def decreasing(k: int) -> bool:
    """A rational c with f_k(c) < 0 < f_k(4/(7k)), c < 4/(7k), and f_{k+1}(c) > 0 gives
    alpha_{k+1} < c < alpha_k (f_k concave with f_k(0) < 0; IVT for f_{k+1})."""
    c = separator(k)
    if c is None:  # the float guess did not verify: compare exact algebraic numbers
        from claims.p002_buy_many.alpha import alpha

        return bool(alpha(k + 1) < alpha(k))
    note(separator=c)
    r = Fraction(4, 7 * k)
    return f_sign(k, c) < 0 < f_sign(k, r) and c < r and f_sign(k + 1, c) > 0


# ----------------------------------------------------------------------------- printed steps

SMALL = 8  # per-k limit for the steps that evaluate closed forms at algebraic alpha_k


@paper.claim("S42.26.1", at=("Claim 26 proof, step 26.1", 668),
             role="step", of="S42.a",
             says="f_k(0) = -1 for all k >= 1 (and f is continuous: a polynomial).",
             uses=USES, expect="PROVED")
def step_1() -> Forall:
    return Forall({K: Ints(1)}, then={"f_k(0) = -1": sp.Eq(f(K, sp.Integer(0)), -1,
                                                             evaluate=False)})


@paper.claim("S42.26.2", at=("Claim 26 proof, step 26.2", 668),
             role="step", of="S42.a",
             says="'By the proof of Proposition 1, we have that f_1(0.2) = 0 < 1.'",
             readings=(Reading("R1", "f_1(1/5) = 0 and 1/5 < 1 (alpha_1 = 0.2 < 1)",
                               kind="intended", expect="PROVED", literal=False),
                       Reading("R2", "the literal chain f_1(0.2) = 0 and 0 < 1", kind="literal",
                               expect="PROVED", literal=True)),
             uses=USES)
def step_2(literal: bool) -> dict[str, sp.Basic]:
    fifth = sp.Rational(1, 5)
    second = sp.Lt(0, 1, evaluate=False) if literal else sp.Lt(fifth, 1, evaluate=False)
    return {"f_1(1/5) = 0": sp.Eq(f(1, fifth), 0, evaluate=False), "... < 1": second}


@paper.claim("S42.26.2.alpha1", at=("Claim 26 proof, step 26.2", 668),
             role="step", of="S42.a",
             says="0.2 is the smallest positive root of f_1 (alpha_1 = 1/5).", uses=USES,
             expect="PROVED")
def step_2_alpha1() -> dict[str, sp.Basic]:
    roots = [r for r in sp.Poly(f(1, a), a).real_roots() if r > 0]
    return {"alpha_1 = 1/5": sp.Eq(min(roots), sp.Rational(1, 5), evaluate=False)}


@paper.claim("S42.26.3", at=("Claim 26 proof, step 26.3 (induction hypothesis)", 668),
             role="step", of="S42.a",
             says="f_k(alpha_k) = 0 and alpha_k <= 1, for k >= 1.", over={"k": Ints(1)},
             limit={"k": SMALL}, uses=USES, expect="PROVED",
             by=Derivation(("p002/S42.a",), "alpha_k is a root of f_k, below 4/(7k) <= 4/7 by (a)"))
def step_3(k: int) -> dict[str, sp.Basic]:
    ak = alpha_sympy(k)
    return {"f_k(alpha_k) = 0": sp.Eq(f(k, ak), 0, evaluate=False),
            "alpha_k <= 1": sp.Le(ak, 1, evaluate=False)}


@paper.claim("S42.26.4", at=("Claim 26 proof, step 26.4", 668),
             role="step", of="S42.b",
             says="f_{k+1}(0) < 0 < f_{k+1}(alpha_k) implies f_{k+1} has a root "
             "0 < alpha_{k+1} < alpha_k (IVT).", over={"k": Ints(1)}, limit={"k": SMALL},
             uses=USES, expect="PROVED",
             by=Derivation(("p002/S42.b",), "the conclusion 0 < alpha_{k+1} < alpha_k holds for "
                           "every k by (b) (alpha_{k+1} > 0 by definition), so the implication holds"))
def step_4(k: int) -> dict[str, sp.Basic]:
    ak, ak1 = alpha_sympy(k), alpha_sympy(k + 1)
    premise = sp.And(sp.Lt(f(k + 1, sp.Integer(0)), 0, evaluate=False),
                     sp.Gt(f(k + 1, ak), 0, evaluate=False), evaluate=False)
    conclusion = sp.And(sp.Lt(0, ak1, evaluate=False), sp.Lt(ak1, ak, evaluate=False),
                        evaluate=False)
    return {"IVT step": sp.Implies(premise, conclusion, evaluate=False)}


EQUALITIES = {
    # entry: (left, right, uses the hypothesis f_k(alpha_k) = 0, text)
    "26.5": (lambda k, v: f(k + 1, v), line1, False, "f_{k+1}(alpha_k) = line 1 (l.670)"),
    "26.6": (line1, line2, True, "line 1 (l.670) = line 2 (l.672)"),
    "26.6.def": (lambda k, v: f(k + 1, v), line2, True, "f_{k+1}(alpha_k) = line 2 (l.672)"),
    "26.7": (line2, line3, True, "line 2 (l.672) = line 3 (l.673)"),
    "26.7.def": (lambda k, v: f(k + 1, v), line3, True, "f_{k+1}(alpha_k) = line 3 (l.673)"),
}
EQ_EXPECT = {"26.5": "REFUTED", "26.6": "REFUTED", "26.6.def": "PROVED", "26.7": "REFUTED",
             "26.7.def": "REFUTED"}


def _register_equality(entry: str) -> None:
    left, right, hyp, text = EQUALITIES[entry]
    lines = (670, 673)
    exp = EQ_EXPECT[entry]

    @paper.claim(f"S42.{entry}", at=(f"Claim 26 proof, step {entry}", *lines),
                 role="step", of="S42.b",
                 says=f"{text}, for every k >= 1"
                 + (" (where alpha_k is a root of f_k)" if hyp else ""),
                 over={"k": Ints(1)}, limit={"k": SMALL}, uses=USES,
                 readings=(Reading("alpha", "at the exact algebraic alpha_k, per k",
                                   kind="intended", expect=exp, form="alpha"),
                           Reading("x", "for every real x in (0,1)"
                                   + (" with f_k(x) = 0" if hyp else "") + ", per k",
                                   kind="alternative", expect=exp, form="x")),
                 **({"by": Derivation((f"p002/S42.{entry}.all-k",), "the identity holds for "
                                      "symbolic k")} if exp == "PROVED" else {}))
    def equality(k: int, form: str) -> dict[str, sp.Basic] | Forall:
        if form == "alpha":
            ak = alpha_sympy(k)
            note(alpha_k=ak)
            return {text: sp.Eq(left(k, ak), right(k, ak), evaluate=False)}
        given = {"f_k(x) = 0": sp.Eq(f(k, a), 0)} if hyp else None
        return Forall({a: Reals(0, 1, lo_open=True, hi_open=True)}, given=given,
                      then={text: sp.Eq(left(k, a), right(k, a))})

    if exp == "PROVED":
        @paper.claim(f"S42.{entry}.all-k", at=(f"Claim 26 proof, step {entry}", *lines),
                     role="step", of="S42.b",
                     says=f"{text} as an identity in symbolic k and x, modulo f_k(x) = 0",
                     uses=USES, expect="PROVED")
        def equality_all_k() -> Forall:
            given = {"f_k(x) = 0": sp.Eq(f(K, a), 0)} if hyp else None
            return Forall({K: Ints(1), a: Reals(0, 1, lo_open=True, hi_open=True)}, given=given,
                          then={text: sp.Eq(left(K, a), right(K, a))},
                          example={K: 1, a: sp.Rational(1, 5)} if hyp else None)


for _entry in EQUALITIES:
    _register_equality(_entry)


# ----------------------------------------------------------------------------- 26.8-26.14

def lt(left: sp.Expr, right: sp.Expr) -> sp.Basic:
    return sp.Lt(left, right, evaluate=False)


def gt(left: sp.Expr, right: sp.Expr) -> sp.Basic:
    return sp.Gt(left, right, evaluate=False)


@paper.claim("S42.26.8.i", at=("Claim 26 proof, step 26.8 (i)", 675),
             role="step", of="S42.b",
             says="'it suffices to show alpha_k < 1 - (7/12)^(1/k) to prove f_{k+1}(alpha_k) > 0': "
             "alpha_k < beta_k implies f_{k+1}(alpha_k) > 0, with f_{k+1} from its definition.",
             over={"k": Ints(1)}, limit={"k": SMALL}, uses=USES, expect="PROVED",
             by=Derivation(("p002/S42.26.8.i.sym",),
                           "Y := (1-alpha_k)^k; alpha_k < beta_k iff Y > 7/12 (y -> y^k is strictly "
                           "increasing on [0, 1])"))
def step_8_i(k: int) -> dict[str, sp.Basic]:
    ak = alpha_sympy(k)
    return {"alpha_k < beta_k => f_{k+1}(alpha_k) > 0":
            sp.Implies(lt(ak, beta(k)), gt(f(k + 1, ak), 0), evaluate=False)}


@paper.claim("S42.26.8.i.sym", at=("Claim 26 proof, step 26.8 (i)", 675),
             role="step", of="S42.b",
             says="For k >= 1, 0 < a < 1, Y standing for (1-a)^k: 12(1-Y) - 7ka - 1 = 0 and "
             "Y > 7/12 imply 12(1 - Y(1-a)) - 7(k+1)a - 1 > 0.", expect="PROVED")
def step_8_i_sym() -> Forall:
    return Forall({K: Ints(1), a: Reals(0, 1, lo_open=True, hi_open=True), Y: Reals()},
                  given={"f_k(a) = 0": sp.Eq(12 * (1 - Y) - 7 * K * a - 1, 0),
                         "a < beta_k": sp.Gt(Y, sp.Rational(7, 12))},
                  then={"f_{k+1}(a) > 0": sp.Gt(12 * (1 - Y * (1 - a)) - 7 * (K + 1) * a - 1, 0)})


@paper.claim("S42.26.8.ii", at=("Claim 26 proof, step 26.8 (ii)", 673, 675),
             role="step", of="S42.b",
             says="alpha_k < beta_k implies that the printed reduced form "
             "-12(1-alpha_k)^k alpha_k - 7 alpha_k is positive.",
             over={"k": Ints(1)}, limit={"k": SMALL}, uses=USES, expect="REFUTED")
def step_8_ii(k: int) -> dict[str, sp.Basic]:
    ak = alpha_sympy(k)
    return {"alpha_k < beta_k => line 3 > 0":
            sp.Implies(lt(ak, beta(k)), gt(line3(k, ak), 0), evaluate=False)}


def _f_at_beta_line1(k: sp.Expr) -> sp.Expr:  # l.677
    r = sp.Rational(7, 12) ** (sp.Integer(1) / k)
    return -12 * r**k - 7 * k * (1 - r) + 11


def _f_at_beta_line2(k: sp.Expr) -> sp.Expr:  # l.678
    return -7 * k * beta(k) + 4


BETA_LIMIT = 40


@paper.claim("S42.26.9", at=("Claim 26 proof, step 26.9", 677),
             role="step", of="S42.b",
             says="f_k(1 - (7/12)^(1/k)) = -12((7/12)^(1/k))^k - 7k(1 - (7/12)^(1/k)) + 11.",
             over={"k": Ints(1)}, limit={"k": BETA_LIMIT}, uses=USES, expect="PROVED",
             by=Derivation(("p002/S42.26.9.all-k",), "the identity holds for symbolic k"))
def step_9(k: int) -> dict[str, sp.Basic]:
    return {"f_k(beta_k) = line 1": sp.Eq(f(k, beta(k)), _f_at_beta_line1(k), evaluate=False)}


@paper.claim("S42.26.9.all-k", at=("Claim 26 proof, step 26.9", 677),
             role="step", of="S42.b",
             says="26.9 as an identity in symbolic k >= 1.", uses=USES, expect="PROVED")
def step_9_all() -> Forall:
    return Forall({K: Ints(1)}, then={"f_k(beta_k) = line 1":
                                      sp.Eq(f(K, beta(K)), _f_at_beta_line1(K),
                                            evaluate=False)})


@paper.claim("S42.26.10", at=("Claim 26 proof, step 26.10", 677, 678),
             role="step", of="S42.b",
             says="line 1 (l.677) = -7k(1 - (7/12)^(1/k)) + 4 (l.678); also against f_k(beta_k).",
             over={"k": Ints(1)}, limit={"k": BETA_LIMIT}, uses=USES,
             readings=(Reading("line", "line 1 (l.677) = line 2 (l.678)", kind="intended",
                               expect="PROVED", left="line"),
                       Reading("def", "f_k(beta_k) = line 2 (l.678)", kind="alternative",
                               expect="PROVED", left="def")),
             by=Derivation(("p002/S42.26.10.all-k",), "the identities hold for symbolic k"))
def step_10(k: int, left: str) -> dict[str, sp.Basic]:
    lhs = _f_at_beta_line1(k) if left == "line" else f(k, beta(k))
    return {f"{left} = line 2": sp.Eq(lhs, _f_at_beta_line2(k), evaluate=False)}


@paper.claim("S42.26.10.all-k", at=("Claim 26 proof, step 26.10", 677, 678),
             role="step", of="S42.b",
             says="26.10 (both forms) as identities in symbolic k >= 1.", uses=USES,
             expect="PROVED")
def step_10_all() -> Forall:
    return Forall({K: Ints(1)}, then={
        "line 1 = line 2": sp.Eq(_f_at_beta_line1(K), _f_at_beta_line2(K), evaluate=False),
        "f_k(beta_k) = line 2": sp.Eq(f(K, beta(K)), _f_at_beta_line2(K), evaluate=False)})


@paper.claim("S42.26.11", at=("Claim 26 proof, step 26.11", 679),
             role="step", of="S42.b",
             says="-7k(1 - (7/12)^(1/k)) + 4 > 0 for all integers k >= 1.",
             over={"k": Ints(1)}, limit={"k": BETA_LIMIT}, expect="PROVED",
             by=Derivation(("p002/S42.L-power", "p002/S42.L-power-small"),
                           "4 - 7k beta_k > 0 iff (7/12)^(1/k) > 1 - 4/(7k) iff 7/12 > (1 - 4/(7k))^k "
                           "(y -> y^k strictly increasing on [0, oo), 1 - 4/(7k) > 0)"))
def step_11(k: int) -> dict[str, sp.Basic]:
    return {"4 - 7k beta_k > 0": gt(_f_at_beta_line2(k), 0)}


@paper.claim("S42.26.12", at=("Claim 26 proof, step 26.12", 681),
             role="step", of="S42.b",
             says="Since f_k(beta_k) > 0, by the IVT alpha_k < 1 - (7/12)^(1/k).",
             over={"k": Ints(1)}, limit={"k": SMALL}, uses=USES, expect="PROVED",
             by=Derivation(("p002/S42.26.11", "p002/S42.26.10@def", "p002/S42.26.1"),
                           "IVT: f_k(0) = -1 < 0 < f_k(beta_k) puts a root of f_k in (0, beta_k)"))
def step_12(k: int) -> dict[str, sp.Basic]:
    return {"alpha_k < beta_k": lt(alpha_sympy(k), beta(k))}


@paper.claim("S42.26.13", at=("Claim 26 proof, step 26.13", 681),
             role="step", of="S42.b",
             says="Consequently f_{k+1}(alpha_k) > 0.", over={"k": Ints(1)},
             limit={"k": SMALL}, uses=USES, expect="PROVED",
             by=Derivation(("p002/S42.26.12", "p002/S42.26.8.i"), "modus ponens"))
def step_13(k: int) -> dict[str, sp.Basic]:
    return {"f_{k+1}(alpha_k) > 0": gt(f(k + 1, alpha_sympy(k)), 0)}


@paper.claim("S42.26.14", at=("Claim 26 proof, step 26.14", 681, 682),
             role="step", of="S42.b",
             says="... finishing the proof that 0 < alpha_{k+1} < alpha_k < 1.",
             over={"k": Ints(1)}, limit={"k": SMALL}, uses=USES, expect="PROVED",
             by=Derivation(("p002/S42.a", "p002/S42.b", "p002/S42.L-root-bound"),
                           "alpha_{k+1} > 0 by definition; alpha_{k+1} < alpha_k by (b); "
                           "alpha_k < 4/(7k) < 1 by IVT"))
def step_14(k: int) -> dict[str, sp.Basic]:
    ak, ak1 = alpha_sympy(k), alpha_sympy(k + 1)
    return {"0 < alpha_{k+1}": lt(0, ak1), "alpha_{k+1} < alpha_k": lt(ak1, ak),
            "alpha_k < 1": lt(ak, 1)}
