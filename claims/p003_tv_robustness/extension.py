"""Definition 3 (the DSIC extension) and Lemma 6 (S16): the extension of a DSIC, ex-post IR
mechanism on T^+ (with ⊥ in T_i^+) gives a type t_i outside T_i^+ the outcome of its best
report in T_i^+, so M-hat is ex-post IR iff max_{z in T_i^+} t_i(M(z, t_-i)) >= 0. Over every
DSIC, ex-post IR M on T^+ the least value of that maximum is one exact LP (minimise s with
s >= t_i(M(z, t_-i)) for every z), so the check covers all mechanisms, not samples."""

from __future__ import annotations

import itertools
from fractions import Fraction as F

from claims.p003_tv_robustness import paper
from claims.p003_tv_robustness.model import grid_laws
from verify import Ints, evidence, note
from verify.mech.lp import Constraint, LinearProgram, Variable, solve
from verify.mech.tv import mechanism_lp, optimum, single_item, tv
from verify.paper import Reading

BOTTOM = (
    Reading("Rbot2", "⊥ is the null type: v(⊥, ·) = 0, so IR at ⊥ makes M(⊥, ·) charge at most "
            "0 and every type has t_i(M(⊥, t_-i)) >= 0", kind="intended", expect="CHECKED",
            bottom_value=0),
    Reading("Rbot1", "⊥ is an ordinary type whose valuation the text leaves open (here it values "
            "the item at H)", kind="literal", expect="REFUTED", bottom_value=2),
)


def _least_best_report(k: int, bottom_value: int) -> tuple[F, dict]:
    """One agent, one item, H = 2, T^+ = ⊥ (valued at bottom_value) plus k - 1 types valuing the
    item at 2; the outside type values it at 1. Returns the least over DSIC, IR M on T^+ of
    max_z t(M(z)), and the minimising mechanism."""
    inside = {"⊥": bottom_value, **{f"v{j}": 2 for j in range(2, k + 1)}}
    env = single_item([inside], H=2)
    base = mechanism_lp(env, {}, dsic=True)
    rows = []
    for z in inside:
        b = (z,)
        rows.append(Constraint(f"best>={z}", {"s": 1, f"x[{b!r},0]": -1, f"p[{b!r},0]": 1},
                               ">=", 0))
    lp = LinearProgram((*base.variables, Variable.free("s")), {"s": 1},
                       (*base.constraints, *rows), "min")
    res = optimum(lp)
    assert res.value is not None
    mech = {z: (res.x.get(f"x[{(z,)!r},0]", F(0)), res.x.get(f"p[{(z,)!r},0]", F(0)))
            for z in inside}
    return res.value, mech


@paper.claim("S16.1", at=("proof of Lemma 6", 327), role="step", of="S16",
             says="For t_i outside T_i^+: max_{z in T_i^+} t_i(M(z, t_-i)) >= t_i(M(⊥, t_-i)) >= "
             "0, for every DSIC, ex-post IR M on T^+; hence M-hat is ex-post IR at t.",
             readings=BOTTOM, over={"k": Ints(1)}, limit={"k": 3},
             note="one agent, one item, H = 2; T^+ = ⊥ plus k - 1 types valuing the item at 2, "
             "outside type valuing it at 1; all DSIC, IR lotteries with payments in [-H, H] on "
             "T^+ (LP variables).")
def bottom_step(k: int, bottom_value: int) -> bool:
    evidence("exact LP over all DSIC, IR mechanisms on T^+, certificate re-checked")
    value, mech = _least_best_report(k, bottom_value)
    note(least_max_utility_of_outside_type=value, mechanism=mech)
    return value >= 0


@paper.claim("S16", at=("Lemma 6", 325, 331),
             says="For T_i^+ containing ⊥ and M on T^+ DSIC and ex-post IR, the Def 3 extension "
             "M-hat is DSIC and ex-post IR on T.", readings=BOTTOM, over={"k": Ints(1)},
             limit={"k": 3},
             note="the IR half over all mechanisms (the LP of S16.1: M-hat's utility for an "
             "outside type is its best report's); DSIC of M-hat follows from DSIC of M case by "
             "case (L329) and is not separately enumerated here.",
             deviation="only the ex-post IR half of the conclusion is decided")
def lemma6(k: int, bottom_value: int) -> bool:
    evidence("exact LP over all DSIC, IR mechanisms on T^+, certificate re-checked")
    value, mech = _least_best_report(k, bottom_value)
    note(least_max_utility_of_outside_type=value, mechanism=mech)
    return value >= 0


# ------------------------------------------------------------------ S08 (L37, L137, App. A.1)

TYPES = (0, 1, 2)
H2 = F(2)


def _worst_extended(dd: dict[int, F], dh: dict[int, F], alpha: F, f: str) -> tuple[F, F]:
    """(min over every DSIC, IR M on T^+ = supp(D) + {0} that is alpha-approximate under D, and
    every selection of maximisers in Def 3, of E_D-hat O(M-hat); OPT_T(D-hat))."""
    plus = sorted({t for t, m in dd.items() if m > 0} | {0})
    outside = [t for t in TYPES if t not in plus]
    env_plus = single_item([{t: t for t in plus}], H=H2)
    env_all = single_item([{t: t for t in TYPES}], H=H2)

    def obj(env_types: list[int], law: dict[int, F]) -> dict[str, F]:
        acc: dict[str, F] = {}
        for t in env_types:
            if law.get(t, 0):
                key = f"p[{(t,)!r},0]" if f == "Rev" else f"x[{(t,)!r},0]"
                acc[key] = acc.get(key, F(0)) + law[t] * (1 if f == "Rev" else t)
        return acc

    opt_d = optimum(mechanism_lp(env_plus, obj(plus, dd), dsic=True)).value
    opt_dh = optimum(mechanism_lp(env_all, obj(list(TYPES), dh), dsic=True)).value
    assert opt_d is not None and opt_dh is not None
    approx = Constraint("alpha-approx", obj(plus, dd), ">=", alpha * opt_d)
    best: F | None = None
    for sel in itertools.product(plus, repeat=len(outside)):
        rows, target = [approx], dict(obj(plus, dh))
        for t, z in zip(outside, sel, strict=True):
            for z2 in (z2 for z2 in plus if z2 != z):  # utility of report z: t x(z) - p(z)
                rows.append(Constraint(f"argmax {t}:{z}>={z2}", {
                    f"x[{(z,)!r},0]": t, f"p[{(z,)!r},0]": -1,
                    f"x[{(z2,)!r},0]": -t, f"p[{(z2,)!r},0]": 1}, ">=", 0))
            key = f"p[{(z,)!r},0]" if f == "Rev" else f"x[{(z,)!r},0]"
            target[key] = target.get(key, F(0)) + dh.get(t, F(0)) * (1 if f == "Rev" else t)
        lp = mechanism_lp(env_plus, target, sense="min", dsic=True, extra=rows)
        res = solve(lp)
        if res.status != "optimal" or res.value is None:
            continue
        res.verify()
        best = res.value if best is None else min(best, res.value)
    assert best is not None
    return best, opt_dh


@paper.claim("S08", at=("Section 3.1, L137; Appendix A.1", 137),
             says="A mechanism defined on the support of D plus ⊥ and extended by Def 3 gives "
             "'exactly the same guarantee' as Theorem 1 for every D-hat on T: E_D-hat O(M-hat) "
             ">= alpha OPT(D-hat) - (1 + alpha) V delta, OPT over ex-post IR DSIC mechanisms on T.",
             over={"d": Ints(1)}, limit={"d": 2}, expect="CHECKED",
             note="one agent, one item, T = {0, 1, 2} with 0 = ⊥ valuing nothing (Rbot2), H = 2; "
             "every pair of priors with masses in (1/d)Z, alpha in {1/2, 1}, O in {Rev (V = 2H), "
             "Val (V = H)}; M ranges over all alpha-approximate DSIC, IR mechanisms on T^+ "
             "(LP variables) and Def 3's argmax over every selection of maximisers (RT2).",
             analogue="a one-agent finite instance (reading RS3, OPT(D) over T^+)")
def extension_guarantee(d: int) -> bool:
    evidence("exact LPs over all mechanisms on T^+ and all maximiser selections")
    laws = list(grid_laws(list(TYPES), d))
    for dd, dh in itertools.product(laws, repeat=2):
        pd = {t: dd.mass(t) for t in TYPES}
        ph = {t: dh.mass(t) for t in TYPES}
        for f, v in (("Rev", 2 * H2), ("Val", H2)):
            for alpha in (F(1, 2), F(1)):
                worst, opt_dh = _worst_extended(pd, ph, alpha, f)
                if worst < alpha * opt_dh - (1 + alpha) * v * tv(dd, dh):
                    note(D=pd, D_hat=ph, O=f, alpha=alpha, worst=worst, OPT_D_hat=opt_dh)
                    return False
    return True
