"""Introduction, §2 (model) and §3 side statements, §4 revenue bookkeeping of p004 (spec §2.1–
§2.4: I1–I3, M1–M4, L1, S2, D1/D2, S3, S4, E1, E2, D3, S5, F6, R1, R2, RV, D4, X1).

Finite analogues follow spec §1.11: grids V = {0..g} (tables of ``claims.p004_rank_preserving
.tables``), strict grids for the paper's D^M (DOM R1) and closed grids with the tie readings
(TIE-SYM, TIE-RP, EXT, WEIGHT, REGION, PAY) as separate claims. Universal statements over
mechanism tables are one ``Forall`` per grid (every table at once); statements about optima are
certified exact LPs on instances indexed by an unbounded integer (CHECKED up to a limit);
existential statements are decided by an exhibited witness that the claim re-checks exactly.
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction
from random import Random

import sympy as sp

from claims.p004_rank_preserving import paper
from claims.p004_rank_preserving._model_tools import (
    exchangeable_pmf,
    ext_exponent_sigma,
    ext_printed,
    feasible,
    h_types,
    i_types,
    ic_failure,
    ir_failure,
    menu_table,
    optimum,
    orbit_weights,
    random_menu,
    rp_failure,
    symmetry_failure,
    utility,
    values,
)
from claims.p004_rank_preserving.tables import (
    Table,
    cone,
    extension,
    grid,
    ic,
    ir,
    rank_preserving,
    symmetric,
)
from verify import (
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
from verify.mech.mechanisms import DirectMechanism, ic_violation
from verify.mech.symmetry import (
    rank_preservation_violation,
    symmetric_extension,
    symmetry_violation,
)
from verify.mech.types import (
    all_perms,
    compose,
    identity,
    in_cone,
    inverse,
    is_sorted,
    is_strict,
    permute,
    sorting_perm,
)
from verify.paper import Reading

F = Fraction


def _show(v: tuple) -> str:
    return "(" + ", ".join(str(x) for x in v) + ")"


def R(x: int | Fraction) -> sp.Rational:
    x = Fraction(x)
    return sp.Rational(x.numerator, x.denominator)


# ============================================================================ definitions (M1, D4)

definition("p004/M1.feasibility", source=paper.source("Section 2, feasibility (1)", 100, 102),
           statement="In M^I, q_i(v) is the probability of at least i units; feasibility (1): "
           "q_i(v) >= q_{i+1}(v) for all v in D̄^I and all i. No such restriction in M^H.")
definition("p004/M1.IC", source=paper.source("Section 2, IC", 106, 108),
           statement="(q, t) is IC if u(v) >= v.q(v') - t(v') = u(v') + (v - v').q(v') for all "
           "v, v' in D̄^M, where u(v) := v.q(v) - t(v).")
definition("p004/M1.IR", source=paper.source("Section 2, IR", 110),
           statement="(q, t) is IR if u(v) >= 0 for every v in D̄^M.")
definition("p004/M1.deterministic", source=paper.source("Section 2, deterministic", 104),
           statement="(q, t) is deterministic if q_i(v) in {0, 1} for all v and i.")
definition("p004/D4", source=paper.source("Definition 4", 208, 222),
           statement="M^H and M^I are symmetric equivalent if (a) every symmetric IC+IR (q^H, "
           "t^H) of M^H has an IC+IR (q^I, t^I) of M^I with (4) (q^I, t^I) = (q^H, t^H) for "
           "almost all v in D̄^I and (5) equal revenue, and (b) every IC+IR (q^I, t^I) has a "
           "symmetric IC+IR (q^H, t^H) with (6) a.e. equality on D̄^I and (7) equal revenue. "
           "Finite analogue: 'almost all v in D̄^I' is DOM R1 (all of T^I_s) or R2 (all of T^I); "
           "revenues per WEIGHT.")
definition("p004/D4.weak", source=paper.source("Definition 4, last sentence", 222),
           statement="'If only (4) and (6) hold, but (5) and (7) do not, then M^H and M^I are "
           "weakly symmetric equivalent.' Read as: (4) and (6) hold (the literal 'but (5) and "
           "(7) do not' would make weak and full symmetric equivalence exclusive; see findings).")

MODEL = ("p004/M1.IC", "p004/M1.IR")
TAB = ("p004/1.2.IC", "p004/1.4.symmetric", "p004/1.4.rank-preserving", "p004/1.11.grid")


def _sorted_types(types: list, closed: bool) -> list:
    return cone(types, identity(len(types[0])), closed) if types else []


def _feasible_all(tab: Table, types: list) -> dict[str, sp.Basic]:
    return {f"(1) at {v}: q{i + 1} >= q{i + 2}": rel for v in types
            for i, rel in enumerate(feasible(tab.q[v]))}


# ============================================================================ I1-I3 (introduction)

@claim("p004/I1.1.H-to-I", source=paper.source("Introduction, equivalence (1)", 31, 36),
       statement="One-to-one map between IC+IR mechanisms of M^I and symmetric IC+IR mechanisms "
       "of M^H, direction H -> I: the restriction of a symmetric IC+IR table on T^H_s to "
       "T^I_s satisfies (1) (so it is a feasible IC+IR mechanism of M^I), and the table is the "
       "symmetric extension of its restriction (so restriction is one-to-one).",
       over={"n": Ints(2), "g": Ints(1)}, limit={"n": 3, "g": 3}, backends=("lp",),
       uses=(*TAB, "p004/1.4.extension", "p004/M1.feasibility", "p004/T2.a1@strict"),
       expect="CHECKED",
       analogue="grid V = {0..g}, n in {2, 3}: every mechanism table at once (strict types "
                "stand for D^H)",
)
def i1_h_to_i(n: int, g: int) -> Forall:
    types = grid(n, g, False)
    assume(len(types) > 1)
    tab = Table.on(n, types)
    top = _sorted_types(types, False)
    qs, ts = extension(tab, identity(n), types, "average", False)
    then = _feasible_all(tab, top)
    for v in types:
        then.update({f"E(R(x)) = x: q{i + 1}{v}": sp.Eq(qs[v][i], tab.q[v][i], evaluate=False)
                     for i in range(n)})
        then[f"E(R(x)) = x: t{v}"] = sp.Eq(ts[v], tab.t[v], evaluate=False)
    given = {**symmetric(tab, True), **ic(tab.q, tab.t, itertools.product(types, types)),
             **ir(tab.q, tab.t, types)}
    return Forall(tab.variables(), given=given, then=then)


def _ext_claim(n: int, g: int, closed: bool, tie: str, sym_strict: bool, rp_weak: bool,
               conclusions: tuple[str, ...]) -> Forall:
    """A feasible IC+IR table on T^I (strict or closed) and its extension to T^H (EXT ``tie``)."""
    types = grid(n, g, closed)
    top = _sorted_types(types, closed)
    assume(len(top) > 0)
    tab = Table.on(n, top)
    qs, ts = extension(tab, identity(n), types, tie, closed)
    given = {**_feasible_all(tab, top), **ic(tab.q, tab.t, itertools.product(top, top)),
             **ir(tab.q, tab.t, top)}
    then: dict[str, sp.Basic] = {}
    if "IC" in conclusions:
        then.update(ic(qs, ts, itertools.product(types, types)))
    if "IR" in conclusions:
        then.update(ir(qs, ts, types))
    if "RP" in conclusions:
        then.update(rank_preserving(qs, types, rp_weak))
    if "SYM" in conclusions:
        ext_tab = Table(n, tuple(types), qs, ts)  # type: ignore[arg-type]
        then.update({k: r for k, r in symmetric(ext_tab, sym_strict).items()
                     if not isinstance(r, sp.logic.boolalg.BooleanAtom)})
    then = {k: r for k, r in then.items() if r is not sp.true}
    return Forall(tab.variables(), given=given, then=then or {"trivial": sp.true})


@claim("p004/I1.1.I-to-H", source=paper.source("Introduction, equivalence (1)", 31, 36),
       statement="One-to-one map, direction I -> H: the symmetric extension (Def 3) of every "
       "feasible IC+IR table on T^I_s is a symmetric IC+IR table on T^H_s (it agrees with the "
       "table on T^I_s by construction, so extension is one-to-one).",
       over={"n": Ints(2), "g": Ints(1)}, limit={"n": 3, "g": 3}, backends=("lp",),
       uses=(*TAB, "p004/1.4.extension", "p004/M1.feasibility", "p004/T2.a2@strict"),
       expect="CHECKED",
       analogue="grid V = {0..g}, n in {2, 3}: every mechanism table at once (strict types "
                "stand for D^H)",
)
def i1_i_to_h(n: int, g: int) -> Forall:
    assume(g >= n - 1)
    return _ext_claim(n, g, False, "average", True, False, ("IC", "IR", "SYM"))


@claim("p004/I1.2", source=paper.source("Introduction, equivalence (2)", 33, 34),
       statement="With an exchangeable distribution, the expected revenue of an IC+IR "
       "mechanism of M^I equals that of its equivalent (symmetric) mechanism of M^H: for a "
       "symmetric table on T^H_s and an exchangeable pmf p^H, sum_{T^H_s} p^H t = "
       "sum_{T^I_s} n! p^H t (f^I := n! f^H as in Theorem 2).",
       over={"n": Ints(2), "g": Ints(1)}, limit={"n": 4, "g": 6},
       uses=(*TAB, "p004/T2.b1@strict"), expect="CHECKED",
       analogue="grid V = {0..g}, n in {2, 3}: every mechanism table at once (strict types "
                "stand for D^H)",
)
def i1_revenue(n: int, g: int) -> Forall:
    types = grid(n, g, False)
    top = _sorted_types(types, False)
    assume(len(top) > 0)
    # a symmetric table and an exchangeable pmf are constant on orbits: one unknown per orbit
    p = {w: sp.Symbol(f"p{w}", real=True) for w in top}
    t = {w: sp.Symbol(f"t{w}", real=True) for w in top}
    rep = {v: tuple(sorted(v, reverse=True)) for v in types}
    lhs = sp.Add(*[p[rep[v]] * t[rep[v]] for v in types])
    rhs = sp.Add(*[math.factorial(n) * p[w] * t[w] for w in top])
    variables = {**{t[w]: Reals() for w in top}, **{p[w]: Reals(0, 1) for w in top}}
    return Forall(variables, then={"REV_H = REV_I": sp.Eq(lhs, rhs, evaluate=False)})


GRIDS_OPT = ((2, 2), (2, 3), (3, 2), (3, 3))


def _instance(k: int, closed: bool) -> tuple[int, int, int]:
    grids = GRIDS_OPT if not closed else ((2, 1), (2, 2), (3, 1), (2, 3), (3, 2))
    n, g = grids[k % len(grids)]
    return n, g, k // len(grids)


@claim("p004/I1.3", source=paper.source("Introduction, equivalence (3)", 35),
       statement="With an exchangeable distribution the optimal revenues in the two models are "
       "equal: OPT over all IC+IR tables on T^H (pmf p^H) = OPT over feasible IC+IR tables on "
       "T^I (weights p^I).",
       over={"k": Samples(12, "instances (grid cycled, random exchangeable pmf)")},
       uses=(*MODEL, "p004/M1.feasibility", "p004/T2.b2@strict", "p004/T3.a@strict",
             "p004/C1@strict"),
       analogue="grid V = {0..g}, n in {2, 3}: every mechanism table at once (strict types "
                "stand for D^H)",
       readings=(
           Reading("strict",
                   "DOM R1: strict grids; p^I = n! p^H (WEIGHT R1 = R2 on strict types). "
                   "Instance k: grid (n, g) = (2,2), (2,3), (3,2), (3,3) cyclically, "
                   "exchangeable pmf seed k // 4 (0 uniform, 1 i.i.d., then random per-orbit "
                   "weights).",
                   kind="intended", expect="SAMPLED", closed=False, rule="factorial"),
           Reading("closed.W1",
                   "DOM R2: closed grids (2,1), (2,2), (3,1), (2,3), (3,2) cyclically; p^I(v)"
                   " = n! p^H(v) (WEIGHT R1, as printed at L236).",
                   kind="literal", expect="REFUTED", closed=True, rule="factorial"),
           Reading("closed.W2",
                   "DOM R2: closed grids as closed.W1; p^I(v) = |orbit(v)| p^H(v) (WEIGHT R2).",
                   kind="alternative", expect="SAMPLED", closed=True, rule="orbit"),
       ),
)
def i1_opt(k: int, closed: bool, rule: str) -> bool:
    n, g, seed = _instance(k, closed)
    types = h_types(n, values(g), strict=not closed)
    top = i_types(n, values(g), strict=not closed)
    p = exchangeable_pmf(types, seed)
    opt_h = optimum(types, p)
    opt_i = optimum(top, orbit_weights(p, top, rule), decreasing=True)
    note(n=n, grid_top=g, seed=seed, OPT_H=opt_h.value, OPT_I=opt_i.value)
    evidence("exact LP optima (certificates re-checked in Fractions)")
    return opt_h.value == opt_i.value


@claim("p004/I2", source=paper.source("Introduction, outcome counts", 56),
       statement="With n identical objects allocation rules are distributions over n + 1 "
       "outcomes, with n heterogeneous objects over 2^n outcomes: the 0/1 vectors satisfying "
       "(1) number n + 1, all 0/1 vectors 2^n.",
       over={"n": Ints(1)}, limit={"n": 12}, uses=("p004/M1.feasibility",), expect="CHECKED")
def i2_counts(n: int) -> bool:
    vectors = list(itertools.product((0, 1), repeat=n))
    feasible_count = sum(1 for x in vectors if is_sorted(x))
    note(identical=feasible_count, heterogeneous=len(vectors))
    return feasible_count == n + 1 and len(vectors) == 2**n


@claim("p004/I3", source=paper.source("Section 3 after Def 2 (also Introduction L52)", 148),
       statement="In the identical objects model any feasible mechanism is rank preserving: for "
       "v in D^I (v_1 > ... > v_n) and q in [0,1]^n with (1), v_i > v_j implies q_i >= q_j.",
       over={"n": Ints(2)}, limit={"n": 7},
       uses=("p004/M1.feasibility", "p004/1.4.rank-preserving"),
       readings=(
           Reading("strict",
                   "v in D^I, strictly decreasing (as printed); symbolic v, q.",
                   kind="intended", expect="CHECKED", closed=False, weak=False),
           Reading("closed.RP1",
                   "v in D̄^I (v_1 >= ... >= v_n), TIE-RP R1 (v_i > v_j).",
                   kind="alternative", expect="CHECKED", closed=True, weak=False),
           Reading("closed.RP2",
                   "v in D̄^I, TIE-RP R2 (v_i >= v_j => q_i >= q_j).",
                   kind="alternative", expect="REFUTED", closed=True, weak=True),
       ),
)
def i3_feasible_rp(n: int, closed: bool, weak: bool) -> Forall:
    v = sp.symbols(f"v1:{n + 1}", real=True)
    q = sp.symbols(f"q1:{n + 1}", real=True)
    given = {f"v{i + 1} {'>=' if closed else '>'} v{i + 2}":
             (sp.Ge if closed else sp.Gt)(v[i], v[i + 1]) for i in range(n - 1)}
    given.update({f"(1) q{i + 1} >= q{i + 2}": sp.Ge(q[i], q[i + 1]) for i in range(n - 1)})
    then = {}
    for i, j in itertools.permutations(range(n), 2):
        premise = sp.Ge(v[i], v[j]) if weak else sp.Gt(v[i], v[j])
        then[f"v{i + 1} {'>=' if weak else '>'} v{j + 1} => q{i + 1} >= q{j + 1}"] = sp.Implies(
            premise, sp.Ge(q[i], q[j]))
    variables = {**{x: Reals(0) for x in v}, **{x: Reals(0, 1) for x in q}}
    return Forall(variables, given=given, then=then)


# ============================================================================ M2-M4 (Section 2)

@claim("p004/M2.cont", source=paper.source("Section 2, IR of an IC mechanism", 110),
       statement="If (q, t) is IC, it is IR if and only if u(v̲, ..., v̲) >= 0. Continuous: for "
       "symbolic v in [v̲, v̄]^n, allocations q(v), q(v̲1) in [0,1]^n and utilities u(v), "
       "u(v̲1) tied by the two IC constraints between v and v̲1 (L108), u(v̲1) >= 0 implies "
       "u(v) >= 0; the converse is IR at the type v̲1 itself.",
       over={"n": Ints(1)}, limit={"n": 4}, uses=MODEL, expect="CHECKED")
def m2_cont(n: int) -> Forall:
    lo, hi = sp.symbols("vlow vhigh", real=True)
    v = sp.symbols(f"v1:{n + 1}", real=True)
    qv = sp.symbols(f"qv1:{n + 1}", real=True)
    q0 = sp.symbols(f"qlow1:{n + 1}", real=True)
    uv, u0 = sp.symbols("uv ulow", real=True)
    given = {"IC v -> v̲1": sp.Ge(uv, u0 + sp.Add(*[(v[i] - lo) * q0[i] for i in range(n)])),
             "IC v̲1 -> v": sp.Ge(u0, uv + sp.Add(*[(lo - v[i]) * qv[i] for i in range(n)])),
             "0 <= v̲ < v̄": sp.And(sp.Ge(lo, 0), sp.Lt(lo, hi))}
    given.update({f"v{i + 1} in [v̲, v̄]": sp.And(sp.Ge(v[i], lo), sp.Le(v[i], hi))
                  for i in range(n)})
    variables = {lo: Reals(), hi: Reals(), uv: Reals(), u0: Reals(),
                 **{x: Reals() for x in v}, **{x: Reals(0, 1) for x in (*qv, *q0)}}
    return Forall(variables, given=given,
                  then={"u(v̲1) >= 0 => u(v) >= 0": sp.Implies(sp.Ge(u0, 0), sp.Ge(uv, 0))})


def _m2_grid(n: int, g: int, model: str) -> Forall:
    closed_types = grid(n, g, True)
    types = closed_types if model == "H" else _sorted_types(closed_types, True)
    tab = Table.on(n, types)
    low = tuple([0] * n)
    given = dict(ic(tab.q, tab.t, itertools.product(types, types)))
    if model == "I":
        given.update(_feasible_all(tab, types))
    u = {v: sp.Add(*[a * b for a, b in zip(v, tab.q[v], strict=True)], -tab.t[v]) for v in types}
    given[f"u{low} >= 0"] = sp.Ge(u[low], 0)
    then = {f"u{v} >= 0": sp.Ge(u[v], 0) for v in types if v != low}
    return Forall(tab.variables(), given=given, then=then)


M2_GRID = ("If (q, t) is IC, it is IR if and only if u(v̲, ..., v̲) >= 0: every table on the "
           "closed grid V^n, V = {0..g}, that is IC on the grid and has u(0, ..., 0) >= 0 is IR "
           "(the converse is IR at the type (0, ..., 0) itself).")


@claim("p004/M2.grid.H", source=paper.source("Section 2, IR of an IC mechanism", 110),
       statement=M2_GRID + " M = H: all of V^n.", over={"n": Ints(1), "g": Ints(1)},
       limit={"n": 3, "g": 2}, backends=("lp",), uses=MODEL, expect="CHECKED",
       analogue="grid V = {0..g}, n in {2, 3}: every mechanism table at once (strict types "
                "stand for D^H)",
)
def m2_grid_h(n: int, g: int) -> Forall:
    return _m2_grid(n, g, "H")


@claim("p004/M2.grid.I", source=paper.source("Section 2, IR of an IC mechanism", 110),
       statement=M2_GRID + " M = I: {v_1 >= ... >= v_n}, tables with (1).",
       over={"n": Ints(1), "g": Ints(1)}, limit={"n": 3, "g": 2}, backends=("lp",),
       uses=(*MODEL, "p004/M1.feasibility"), expect="CHECKED",
       analogue="grid V = {0..g}, n in {2, 3}: every mechanism table at once (strict types "
                "stand for D^H)",
)
def m2_grid_i(n: int, g: int) -> Forall:
    return _m2_grid(n, g, "I")


M3_GRIDS = ((1, 0, 1), (1, 1, 2), (1, 0, 2), (1, 1, 3), (2, 0, 1), (2, 1, 2), (2, 0, 2),
            (2, 1, 3))


@claim("p004/M3", source=paper.source("Section 2, payments", 112),
       statement="'We assume that every mechanism (q, t) satisfies t(v) >= v̲ for all v. This is "
       "without loss of generality as the seller is interested in maximizing expected "
       "revenue': the optimal revenue over IC+IR tables equals the optimum with the payment "
       "bound added.",
       over={"k": Samples(24, "instances (grid cycled, random exchangeable pmf)")},
       uses=MODEL,
       role="assumption",
       of="p004/T3.a",
       analogue="grid V = {0..g}, n in {2, 3}: every mechanism table at once (strict types "
                "stand for D^H)",
       note="the standing assumption of L112 (t >= v_low, 'without loss of generality'); of= "
            "names Theorem 3, the first optimal-revenue statement that relies on it",
       readings=(
           Reading("R1",
                   "PAY R1: t(v) >= v̲ (as printed). Instance k: closed grid (n, {lo..top}) ="
                   " (1,{0,1}), (1,{1,2}), (1,{0..2}), (1,{1..3}), (2,{0,1}), (2,{1,2}), "
                   "(2,{0..2}), (2,{1..3}) cyclically, exchangeable pmf seed k // 8.",
                   kind="intended", expect="REFUTED", bound="vlow"),
           Reading("R2",
                   "PAY R2: t(v) >= 0 (the bound used at L530); instances as R1.",
                   kind="alternative", expect="SAMPLED", bound="zero"),
       ),
)
def m3_wlog(k: int, bound: str) -> bool:
    n, lo, top = M3_GRIDS[k % len(M3_GRIDS)]
    seed = k // len(M3_GRIDS)
    types = h_types(n, values(top, lo), strict=False)
    p = exchangeable_pmf(types, seed)
    free = optimum(types, p)
    bounded = optimum(types, p, pay_lower=F(lo) if bound == "vlow" else F(0))
    note(n=n, values=values(top, lo), pmf={_show(v): m for v, m in p.items()},
         OPT_IC_IR=free.value, OPT_with_bound=bounded.value,
         optimal_table={_show(v): {"q": free.q[v], "t": free.t[v]} for v in types})
    evidence("exact LP optima (certificates re-checked in Fractions)")
    return free.value == bounded.value


@claim("p004/M3.cont.bound", source=paper.source("Section 2, payments (continuous n = 1)", 112),
       statement="n = 1, types in [a, b] with a > 0: an IC+IR mechanism with t >= a has t(v) <= a "
       "for every v (IR at a forces q(a) = 1, t(a) = a; IC of v against a gives t(v) <= t(a)), "
       "so its expected revenue is at most a.",
       uses=MODEL, expect="PROVED",
       role="assumption",
       of="p004/T3.a",
       note="not printed: the bound that makes L112 costly (n = 1, U[a, b])",
)
def m3_bound() -> Forall:
    a, b, v, qa, ta, qv, tv = sp.symbols("a b v qa ta qv tv", real=True)
    given = {"0 < a < b": sp.And(sp.Gt(a, 0), sp.Lt(a, b)), "v in [a, b]": sp.And(
        sp.Ge(v, a), sp.Le(v, b)), "t >= a": sp.And(sp.Ge(ta, a), sp.Ge(tv, a)),
        "IR at a": sp.Ge(a * qa - ta, 0), "IC v -> a": sp.Ge(v * qv - tv, v * qa - ta)}
    variables = {a: Reals(), b: Reals(), v: Reals(), qa: Reals(0, 1), qv: Reals(0, 1),
                 ta: Reals(), tv: Reals()}
    return Forall(variables, given=given, then={"t(v) <= a": sp.Le(tv, a)})


@claim("p004/M3.cont", source=paper.source("Section 2, payments (continuous n = 1)", 112),
       statement="Continuous n = 1, v ~ U[a, b], 0 < a < b: the bound t >= a costs no revenue, "
       "i.e. no IC+IR mechanism earns more than a (the most a mechanism with t >= a can earn, "
       "M3.cont.bound); in particular every posted price p in [a, b], revenue "
       "p(b - p)/(b - a), earns at most a.",
       uses=("p004/M3.cont.bound", *MODEL), rests_on=("p004/M3.cont.bound",), expect="REFUTED",
       role="assumption",
       of="p004/T3.a",
       note="the standing assumption of L112 in the continuum, n = 1",
)
def m3_cont() -> Forall:
    a, b, p = sp.symbols("a b p", real=True)
    return Forall({a: Reals(0, lo_open=True), b: Reals(), p: Reals()},
                  given={"a < b": sp.Lt(a, b), "p in [a, b]": sp.And(sp.Ge(p, a), sp.Le(p, b))},
                  then={"REV(price p) <= a": sp.Le(p * (b - p) / (b - a), a)})


@claim("p004/M4", source=paper.source("Section 2, boundedness", 112),
       statement="With t >= v̲, IR and the bounded domain: v̲ <= t(v) <= n v̄ and "
       "0 <= u(v) <= n v̄ - v̲ for every IC+IR mechanism and every v.",
       over={"n": Ints(1)}, limit={"n": 4}, uses=MODEL, expect="CHECKED")
def m4_bounds(n: int) -> Forall:
    lo, hi, t = sp.symbols("vlow vhigh t", real=True)
    v = sp.symbols(f"v1:{n + 1}", real=True)
    q = sp.symbols(f"q1:{n + 1}", real=True)
    u = sp.Add(*[a * b for a, b in zip(v, q, strict=True)]) - t
    given = {"0 <= v̲ < v̄": sp.And(sp.Ge(lo, 0), sp.Lt(lo, hi)), "t >= v̲": sp.Ge(t, lo),
             "IR": sp.Ge(u, 0)}
    given.update({f"v{i + 1} in [v̲, v̄]": sp.And(sp.Ge(v[i], lo), sp.Le(v[i], hi))
                  for i in range(n)})
    then = {"v̲ <= t": sp.Le(lo, t), "t <= n v̄": sp.Le(t, n * hi), "0 <= u": sp.Ge(u, 0),
            "u <= n v̄ - v̲": sp.Le(u, n * hi - lo)}
    variables = {lo: Reals(), hi: Reals(), t: Reals(), **{x: Reals() for x in v},
                 **{x: Reals(0, 1) for x in q}}
    return Forall(variables, given=given, then=then)


# ============================================================================ L1 (Lemma 1)

L1_STATEMENT = ("Lemma 1: let (q, t) be an IC and IR mechanism defined on D^M, M = H or I. There "
                "exists an IC and IR mechanism (q̄, t̄) defined on D̄^M with (q̄(v), t̄(v)) = "
                "(q(v), t(v)) for all v in D^M.")


@claim("p004/L1a", source=paper.source("Proof of Lemma 1", 530),
       statement="'t(v^k) >= 0 is bounded above due to IR and bounded D̄^M': for v in "
       "[v̲, v̄]^n, q in [0,1]^n and IR (v.q - t >= 0), 0 <= t <= n v̄.",
       over={"n": Ints(1)}, limit={"n": 3},
       uses=MODEL,
       role="step",
       of="p004/L1.grid.H",
       readings=(
           Reading("R1",
                   "PAY R1: the standing assumption t >= v̲ (L112).",
                   kind="intended", expect="CHECKED", pay="vlow"),
           Reading("R2", "PAY R2: t >= 0.", kind="alternative", expect="CHECKED", pay="zero"),
           Reading("R3",
                   "PAY R3: IR only (no payment bound).",
                   kind="alternative", expect="REFUTED", pay="none"),
       ),
)
def l1a_bounds(n: int, pay: str) -> Forall:
    lo, hi, t = sp.symbols("vlow vhigh t", real=True)
    v = sp.symbols(f"v1:{n + 1}", real=True)
    q = sp.symbols(f"q1:{n + 1}", real=True)
    given = {"0 <= v̲ < v̄": sp.And(sp.Ge(lo, 0), sp.Lt(lo, hi)),
             "IR": sp.Ge(sp.Add(*[a * b for a, b in zip(v, q, strict=True)]) - t, 0)}
    given.update({f"v{i + 1} in [v̲, v̄]": sp.And(sp.Ge(v[i], lo), sp.Le(v[i], hi))
                  for i in range(n)})
    if pay == "vlow":
        given["t >= v̲"] = sp.Ge(t, lo)
    elif pay == "zero":
        given["t >= 0"] = sp.Ge(t, 0)
    variables = {lo: Reals(), hi: Reals(), t: Reals(), **{x: Reals() for x in v},
                 **{x: Reals(0, 1) for x in q}}
    return Forall(variables, given=given, then={"t >= 0": sp.Ge(t, 0), "t <= n v̄": sp.Le(t, n * hi)})


@claim("p004/L1b", source=paper.source("Proof of Lemma 1 (M = I: limits keep (1))", 530),
       statement="Accumulation points of allocations satisfying (1) satisfy (1): the set "
       "{q : q_1 >= ... >= q_n} is closed, i.e. if a point x violates q_i >= q_{i+1} by a "
       "margin 3d > 0, every y with |y - x|_inf <= d violates it too (so no sequence of "
       "feasible vectors converges to x; the ε-δ reading of 'limit' is the trusted step).",
       over={"n": Ints(2)}, limit={"n": 5}, uses=("p004/M1.feasibility",), expect="CHECKED",
       role="step",
       of="p004/L1.grid.H",
)
def l1b_closed(n: int) -> Forall:
    x = sp.symbols(f"x1:{n + 1}", real=True)
    y = sp.symbols(f"y1:{n + 1}", real=True)
    d = sp.Symbol("d", real=True)
    given = {f"|y{j + 1} - x{j + 1}| <= d": sp.Le(sp.Abs(y[j] - x[j]), d) for j in range(n)}
    given["d > 0"] = sp.Gt(d, 0)
    then = {f"x{i + 2} - x{i + 1} >= 3d => y{i + 1} < y{i + 2}": sp.Implies(
        sp.Ge(x[i + 1] - x[i], 3 * d), sp.Lt(y[i], y[i + 1])) for i in range(n - 1)}
    return Forall({**{s: Reals() for s in (*x, *y)}, d: Reals()}, given=given, then=then)


@claim("p004/L1c.product", source=paper.source("Proof of Lemma 1 (continuity of the payoff)", 530),
       statement="Continuity of the payoff term v_j q_j: for v, v' in [0, v̄] and a, a' in [0, 1] "
       "with |v' - v| <= e and |a' - a| <= e: |v'a' - va| <= (1 + v̄) e.",
       uses=MODEL, expect="PROVED",
       role="step",
       of="p004/L1.grid.H",
       note="not printed: the continuity of the payoff that the proof of Lemma 1 invokes",
)
def l1c_product() -> Forall:
    hi, e, v, v2, a, a2 = sp.symbols("vhigh e v vv a aa", real=True)
    return Forall({hi: Reals(0), e: Reals(0), v: Reals(0), v2: Reals(0), a: Reals(0, 1),
                   a2: Reals(0, 1)},
                  given={"v, v' <= v̄": sp.And(sp.Le(v, hi), sp.Le(v2, hi)),
                         "|v' - v| <= e": sp.Le(sp.Abs(v2 - v), e),
                         "|a' - a| <= e": sp.Le(sp.Abs(a2 - a), e)},
                  then={"|v'a' - va| <= (1 + v̄) e": sp.Le(sp.Abs(v2 * a2 - v * a), (1 + hi) * e)})


L1C = ("'As (q, t) is IC and IR on D^M, and the buyer's payoff function is continuous in v, "
       "(q̄, t̄) is IC and IR on D̄^M': the IC inequality sum_j v_j a_j - s >= sum_j v_j b_j - r "
       "(a = q(v), s = t(v), b = q(w), r = t(w)) and IR sum_j v_j a_j - s >= 0 define closed "
       "sets: a point violating one by d > 0 has a neighbourhood of sup-radius e, "
       "d = (2n(1 + v̄) + 3) e, where it is still violated. The products v_j a_j are atoms P_j "
       "whose change is at most E = (1 + v̄) e by L1c.product.")
def _l1c_closed(n: int, which: str) -> Forall:
    e, big, d, s, s2, r, r2 = sp.symbols("e E d s s2 r r2", real=True)
    p = sp.symbols(f"P1:{n + 1}", real=True)
    p2 = sp.symbols(f"PP1:{n + 1}", real=True)
    b = sp.symbols(f"Q1:{n + 1}", real=True)
    b2 = sp.symbols(f"QQ1:{n + 1}", real=True)
    if which == "IC":
        g0, g1 = sp.Add(*p) - s - sp.Add(*b) + r, sp.Add(*p2) - s2 - sp.Add(*b2) + r2
        terms = [*zip(p, p2, strict=True), *zip(b, b2, strict=True)]
        scalars = [(s, s2), (r, r2)]
        radius = 2 * n * big + 3 * e
    else:
        g0, g1 = sp.Add(*p) - s, sp.Add(*p2) - s2
        terms, scalars = list(zip(p, p2, strict=True)), [(s, s2)]
        radius = n * big + 2 * e
    given = {"violated by d": sp.Le(g0, -d), "e > 0": sp.Gt(e, 0), "E >= e": sp.Ge(big, e),
             "d = radius": sp.Eq(d, radius)}
    given.update({f"|{y} - {x}| <= E": sp.Le(sp.Abs(y - x), big) for x, y in terms})
    given.update({f"|{y} - {x}| <= e": sp.Le(sp.Abs(y - x), e) for x, y in scalars})
    syms = set().union(*(rel.free_symbols for rel in given.values())) | g1.free_symbols
    return Forall({x: Reals() for x in sorted(syms, key=str)}, given=given,
                  then={"still violated": sp.Lt(g1, 0)})


@claim("p004/L1c.IC", source=paper.source("Proof of Lemma 1 (IC passes to limits)", 530),
       statement=L1C + " Part: the IC inequality.", over={"n": Ints(1)}, limit={"n": 6},
       uses=(*MODEL, "p004/L1c.product"), rests_on=("p004/L1c.product",), expect="CHECKED",
       role="step",
       of="p004/L1.grid.H",
)
def l1c_ic(n: int) -> Forall:
    return _l1c_closed(n, "IC")


@claim("p004/L1c.IR", source=paper.source("Proof of Lemma 1 (IR passes to limits)", 530),
       statement=L1C + " Part: the IR inequality.", over={"n": Ints(1)}, limit={"n": 6},
       uses=(*MODEL, "p004/L1c.product"), rests_on=("p004/L1c.product",), expect="CHECKED",
       role="step",
       of="p004/L1.grid.H",
)
def l1c_ir(n: int) -> Forall:
    return _l1c_closed(n, "IR")


L1_GRIDS = ((2, 2), (2, 3), (3, 3), (2, 4))


def _menu_extension(q: dict, t: dict, targets: list, average_stabiliser: bool) -> tuple[dict, dict]:
    """Lemma 1, finite: a tied type picks a best option among the strict types' options and the
    null option (first maximiser in type order); with ``average_stabiliser`` the pick is averaged
    over the permutations fixing the type (TIE-SYM R2)."""
    n = len(next(iter(q)))
    options = [(tuple(F(0) for _ in range(n)), F(0)), *((q[v], t[v]) for v in q)]
    qq, tt = dict(q), dict(t)
    for w in targets:
        if w in q:
            continue
        best = max(options, key=lambda o: utility(w, o[0], o[1]))
        alloc = best[0]
        if average_stabiliser:
            stab = [s for s in all_perms(n) if permute(w, s) == w]
            alloc = tuple(sum((permute(alloc, s)[i] for s in stab), F(0)) / len(stab)
                          for i in range(n))
        qq[w], tt[w] = alloc, best[1]
    return qq, tt


L1_GRID = (L1_STATEMENT + " Finite analogue: every IC+IR table on the strict grid extends to "
           "an IC+IR table on the closed grid (tied types choose a best option from the strict "
           "types' options and the null option), checked on tables from random menus (even k) "
           "and from exact revenue optima for exchangeable pmfs (odd k); instance k uses the "
           "grid (n, g) = (2,2), (2,3), (3,3), (2,4) cyclically.")
L1_SAMPLES = Samples(16, "tables (random menus; optima of random exchangeable pmfs)")


def _l1_grid(k: int, model: str) -> bool:
    n, g = L1_GRIDS[k % len(L1_GRIDS)]
    seed = k // len(L1_GRIDS)
    vals = values(g)
    rng = Random(k)
    strict_h, closed_h = h_types(n, vals, True), h_types(n, vals, False)
    strict_i, closed_i = i_types(n, vals, True), i_types(n, vals, False)
    src_types = strict_i if model in ("I", "sym") else strict_h
    if k % 2 == 0:
        menu = random_menu(n, rng, 4, decreasing=model != "H", deterministic=False, top=g)
        q, t = menu_table(menu, src_types, "seller")
    else:
        pmf = exchangeable_pmf(strict_h, seed)
        weights = pmf if model == "H" else orbit_weights(pmf, strict_i, "factorial")
        opt = optimum(src_types, weights, decreasing=model != "H")
        q, t = opt.q, opt.t
    if model == "sym":  # the symmetric table on the strict grid: Def 3 of the T^I_s table
        ext = symmetric_extension(DirectMechanism(q, t), strict_h)
        q, t = dict(ext.q), dict(ext.t)
        assert symmetry_failure(q, t) is None
    assert ic_failure(q, t) is None and ir_failure(q, t) is None  # the input is IC + IR
    targets = closed_i if model == "I" else closed_h
    qq, tt = _menu_extension(q, t, targets, model == "sym")
    fails = {"IC": ic_failure(qq, tt), "IR": ir_failure(qq, tt)}
    if model == "I":
        fails["(1)"] = next((v for v in qq if not is_sorted(qq[v])), None)
    if model == "sym":
        fails["symmetric"] = symmetry_failure(qq, tt, strict_only=False)
    note(n=n, grid_top=g, failures={a: b for a, b in fails.items() if b is not None})
    return all(f is None for f in fails.values())


@claim("p004/L1.grid.H", source=paper.source("Lemma 1", 120, 122),
       statement=L1_GRID + " M = H: tables on the strict types of V^n; closed grid V^n.",
       over={"k": L1_SAMPLES}, uses=MODEL, expect="SAMPLED",
       analogue="grid V = {0..g}, n in {2, 3}: every mechanism table at once (strict types "
                "stand for D^H)",
)
def l1_grid_h(k: int) -> bool:
    return _l1_grid(k, "H")


@claim("p004/L1.grid.I", source=paper.source("Lemma 1", 120, 122),
       statement=L1_GRID + " M = I: tables with (1) on {v_1 > ... > v_n}; closed grid "
       "{v_1 >= ... >= v_n}; the extension must keep (1).",
       over={"k": L1_SAMPLES}, uses=(*MODEL, "p004/M1.feasibility"),
       expect="SAMPLED",
       analogue="grid V = {0..g}, n in {2, 3}: every mechanism table at once (strict types "
                "stand for D^H)",
)
def l1_grid_i(k: int) -> bool:
    return _l1_grid(k, "I")


@claim("p004/L1.grid.sym", source=paper.source("Lemma 1 (symmetric tables, as used in Remark 1)", 120, 122),
       statement=L1_GRID + " Symmetric tables on the strict grid (TIE-SYM R1); the extension "
       "must be symmetric at every type (TIE-SYM R2): the pick of a tied type is averaged over "
       "its stabiliser.",
       over={"k": L1_SAMPLES}, uses=(*MODEL, "p004/1.4.symmetric"),
       expect="SAMPLED",
       analogue="grid V = {0..g}, n in {2, 3}: every mechanism table at once (strict types "
                "stand for D^H)",
)
def l1_grid_sym(k: int) -> bool:
    return _l1_grid(k, "sym")


# ============================================================================ S2 (cones)

def _cone_formula(v: tuple, sigma: tuple[int, ...]) -> sp.Basic:
    w = permute(v, sigma)  # the kernel's (v^σ)_j = v_σ(j)
    return sp.And(*[sp.Gt(w[j], w[j + 1], evaluate=False) for j in range(len(v) - 1)])


def _strict_formula(v: tuple) -> sp.Basic:
    return sp.And(*[sp.Ne(v[i], v[j], evaluate=False)
                    for i, j in itertools.combinations(range(len(v)), 2)])


S2_TEXT = ("Symbolic v in R^n (z3), with (v^σ)_j = v_σ(j) computed by the kernel; D(σ) = "
           "{v_σ(1) > ... > v_σ(n)} (2), D^H = strict types.")
def _s2_cones(n: int, part: str) -> Forall:
    v = sp.symbols(f"v1:{n + 1}", real=True)
    perms = all_perms(n)
    cones = {s: _cone_formula(v, s) for s in perms}
    strict = _strict_formula(v) if n > 1 else sp.true
    then: dict[str, sp.Basic] = {}
    given: dict[str, sp.Basic] = {}
    if part == "a":
        then = {f"D{a} ∩ D{b} = ∅": sp.Not(sp.And(cones[a], cones[b]))
                for a, b in itertools.combinations(perms, 2)} or {"n = 1": sp.true}
    elif part == "b":
        then = {"strict => in some D(σ)": sp.Implies(strict, sp.Or(*cones.values()))}
        then.update({f"D{s} ⊂ D^H": sp.Implies(cones[s], strict) for s in perms})
    elif part == "c":
        weak = sp.And(*[sp.Ge(v[j], v[j + 1], evaluate=False) for j in range(n - 1)])
        both = sp.And(strict, weak)
        then = {"strict and decreasing => D(σ^I)": sp.Implies(both, cones[identity(n)]),
                "D(σ^I) => strict and decreasing": sp.Implies(cones[identity(n)], both)}
    elif part == "d":
        top = identity(n)
        for s in perms:
            vs = permute(v, s)
            in_top = _cone_formula(vs, top)
            # at σ = σ^I both sides are the same formula: keep the implication unevaluated
            then[f"v in D{s} => v^σ in D(σ^I)"] = sp.Implies(cones[s], in_top, evaluate=False)
            then[f"v^σ in D(σ^I) => v in D{s}"] = sp.Implies(in_top, cones[s], evaluate=False)
    else:
        given = {"v strict": strict}
        exactly = [sp.And(cones[s], *[sp.Not(cones[r]) for r in perms if r != s]) for s in perms]
        then = {"exactly one cone": sp.Or(*exactly)}
    if n == 1:
        # one coordinate: D^H and the one cone are empty conjunctions (no pair of coordinates),
        # so no conjunct holds a relation; a conclusion that sympy's logic reduced to a
        # constant is passed as that exact truth value, a hypothesis reduced to True (v strict)
        # constrains nothing and is left out
        assert not any(r.atoms(sp.core.relational.Relational)
                       for r in (*given.values(), *then.values()))

        def exact(r: sp.Basic) -> sp.Basic | bool:
            return bool(r) if isinstance(r, sp.logic.boolalg.BooleanAtom) else r

        given = {k: r for k, r in given.items() if r is not sp.true}
        then = {k: exact(r) for k, r in then.items()}
    return Forall({x: Reals() for x in v}, given=given, then=then)


@claim("p004/S2.a", source=paper.source("Section 3, the cones D(σ) (2)", 128, 134),
       statement="(a) D(σ) ∩ D(σ') = ∅ for σ != σ'. " + S2_TEXT, over={"n": Ints(1)}, limit={"n": 4}, expect="CHECKED")
def s2_a(n: int) -> Forall:
    return _s2_cones(n, "a")


@claim("p004/S2.b", source=paper.source("Section 3, the cones D(σ) (2)", 128, 134),
       statement="(b) ∪_σ D(σ) = D^H (both inclusions). " + S2_TEXT, over={"n": Ints(1)}, limit={"n": 4}, expect="CHECKED")
def s2_b(n: int) -> Forall:
    return _s2_cones(n, "b")


@claim("p004/S2.c", source=paper.source("Section 3, the cones D(σ) (2)", 128, 134),
       statement="(c) D^I = D(σ^I): the strict types of D̄^I = {v_1 >= ... >= v_n} are exactly D(σ^I). " + S2_TEXT, over={"n": Ints(1)}, limit={"n": 4}, expect="CHECKED")
def s2_c(n: int) -> Forall:
    return _s2_cones(n, "c")


@claim("p004/S2.d", source=paper.source("Section 3, the cones D(σ) (2)", 128, 134),
       statement="(d) v in D(σ) iff v^σ in D(σ^I). " + S2_TEXT, over={"n": Ints(1)}, limit={"n": 4}, expect="CHECKED")
def s2_d(n: int) -> Forall:
    return _s2_cones(n, "d")


@claim("p004/S2.e", source=paper.source("Section 3, the cones D(σ) (2)", 128, 134),
       statement="(e) each strict v lies in exactly one D(σ). " + S2_TEXT, over={"n": Ints(1)}, limit={"n": 4}, expect="CHECKED")
def s2_e(n: int) -> Forall:
    return _s2_cones(n, "e")


@claim("p004/S2.kernel", source=paper.source("Section 3, the cones D(σ) (2)", 128, 134),
       statement="The kernel's cones (verify.mech.types.in_cone, permute) satisfy (a)-(e) of S2 "
       "on the strict grid {0..n}^n and on a grid with rational values.",
       over={"n": Ints(1)}, limit={"n": 4}, expect="CHECKED",
       note="a convention check of the kernel's cones against (2)",
)
def s2_kernel(n: int) -> bool:
    ok = True
    for vals in (values(n), tuple(F(k, 3) for k in range(n + 2))):
        strict = h_types(n, vals, True)
        for v in strict:
            inside = [s for s in all_perms(n) if in_cone(v, s)]
            ok &= len(inside) == 1  # (a), (b), (e)
            ok &= all(in_cone(v, s) == is_sorted(permute(v, s), strict=True) for s in all_perms(n))
        ok &= [v for v in strict if in_cone(v, identity(n))] == i_types(n, vals, True)  # (c)
        ok &= all(not in_cone(v, s) for v in h_types(n, vals, False) if not is_strict(v)
                  for s in all_perms(n))  # tied types lie in no D(σ)
    return ok


# ============================================================================ D1/D2 (Defs 1, 2)

@claim("p004/D1.compose", source=paper.source("Section 3, permutations; Def 1", 134, 142),
       statement="The action v -> v^σ, (v^σ)_j = v_σ(j), composes as (v^α)^β = v^{α∘β} with "
       "(α∘β)(j) = α(β(j)) (so Def 1 applied twice is Def 1 for the composite), checked on "
       "symbolic v for all α, β in S_n.",
       over={"n": Ints(1)}, limit={"n": 5}, uses=("p004/1.4.symmetric",), expect="CHECKED")
def d1_compose(n: int) -> bool:
    v = sp.symbols(f"v1:{n + 1}", real=True)
    return all(permute(permute(v, a), b) == permute(v, compose(a, b))
               for a in all_perms(n) for b in all_perms(n))


@claim("p004/D1.generators", source=paper.source("Definition 1", 140, 142),
       statement="Def 1 respects composition: a table satisfying Def 1 for the adjacent "
       "transpositions satisfies it for every σ.",
       over={"n": Ints(2), "g": Ints(1)}, limit={"n": 3, "g": 3}, backends=("lp",),
       uses=TAB,
       analogue="grid V = {0..g}, n in {2, 3}: every mechanism table at once (strict types "
                "stand for D^H)",
       readings=(
           Reading("strict",
                   "strict grid (TIE-SYM R1).",
                   kind="intended", expect="CHECKED", closed=False),
           Reading("closed",
                   "closed grid, Def 1 at every type (TIE-SYM R2).",
                   kind="alternative", expect="CHECKED", closed=True),
       ),
)
def d1_generators(n: int, g: int, closed: bool) -> Forall:
    types = grid(n, g, closed)
    assume(len(types) > 1)
    tab = Table.on(n, types)
    given: dict[str, sp.Basic] = {}
    for i in range(n - 1):
        s = tuple(i + 1 if j == i else i if j == i + 1 else j for j in range(n))
        for v in types:
            w = permute(v, s)
            for j in range(n):
                if tab.q[w][j] is not tab.q[v][s[j]]:
                    given[f"gen q{j + 1}{w} = q{s[j] + 1}{v}"] = sp.Eq(tab.q[w][j], tab.q[v][s[j]])
            if tab.t[w] is not tab.t[v]:
                given[f"gen t{w} = t{v}"] = sp.Eq(tab.t[w], tab.t[v])
    return Forall(tab.variables(), given=given, then=symmetric(tab, not closed))


def _action(q: dict, t: dict, sigma: tuple[int, ...]) -> tuple[dict, dict]:
    """(q, t) -> (v -> (q(v^σ)^{σ^{-1}}, t(v^σ)))."""
    inv = inverse(sigma)
    return ({v: permute(q[permute(v, sigma)], inv) for v in q},
            {v: t[permute(v, sigma)] for v in t})


@claim("p004/D1.action", source=paper.source("Definition 1", 140, 142),
       statement="Symmetric tables are the fixed points of the group action A_σ: (q, t) -> "
       "(v -> (q(v^σ)^{σ^{-1}}, t(v^σ))): A_β A_α = A_{β∘α}, and the equations A_σ x = x "
       "(all σ) are exactly the equations of Def 1 (symbolic tables on the strict grid).",
       over={"n": Ints(2), "g": Ints(1)}, limit={"n": 3, "g": 3}, uses=TAB, expect="CHECKED",
       analogue="grid V = {0..g}, n in {2, 3}: every mechanism table at once (strict types "
                "stand for D^H)",
)
def d1_action(n: int, g: int) -> bool:
    types = grid(n, g, False)
    assume(len(types) > 1)
    tab = Table.on(n, types)
    q, t = dict(tab.q), dict(tab.t)
    ok = True
    for a in all_perms(n):
        qa, ta = _action(q, t, a)
        for b in all_perms(n):
            qba, tba = _action(qa, ta, b)
            qc, tc = _action(q, t, compose(b, a))
            ok &= qba == qc and tba == tc
    fixed = set()
    for s in all_perms(n):
        qs, ts = _action(q, t, s)
        fixed |= {frozenset((qs[v][i], q[v][i])) for v in types for i in range(n)}
        fixed |= {frozenset((ts[v], t[v])) for v in types}
    def1 = {frozenset((r.lhs, r.rhs)) for r in symmetric(tab, True).values()}
    fixed = {e for e in fixed if len(e) == 2}
    note(fixed_equations=len(fixed), def1_equations=len(def1))
    return ok and fixed == def1


@claim("p004/D1.subspace", source=paper.source("Definition 1", 140, 142),
       statement="Symmetric tables form a linear subspace: Def 1 is a conjunction of equalities "
       "x_a = x_b between table entries, and if x_a = x_b and y_a = y_b then "
       "(x + c y)_a = (x + c y)_b for every real c.",
       uses=TAB, expect="PROVED")
def d1_subspace() -> Forall:
    xa, xb, ya, yb, c = sp.symbols("xa xb ya yb c", real=True)
    return Forall({xa: Reals(), xb: Reals(), ya: Reals(), yb: Reals(), c: Reals()},
                  given={"x_a = x_b": sp.Eq(xa, xb), "y_a = y_b": sp.Eq(ya, yb)},
                  then={"(x + c y)_a = (x + c y)_b": sp.Eq(xa + c * ya, xb + c * yb)})


@claim("p004/D2.action", source=paper.source("Definition 2", 146),
       statement="Rank preservation is invariant under the action of D1.action: if q is RP on "
       "the strict grid, so is v -> q(v^σ)^{σ^{-1}} for every σ.",
       over={"n": Ints(2), "g": Ints(1)}, limit={"n": 3, "g": 3}, backends=("lp",),
       uses=TAB, expect="CHECKED",
       analogue="grid V = {0..g}, n in {2, 3}: every mechanism table at once (strict types "
                "stand for D^H)",
)
def d2_action(n: int, g: int) -> Forall:
    types = grid(n, g, False)
    assume(len(types) > 1)
    tab = Table.on(n, types)
    then: dict[str, sp.Basic] = {}
    for s in all_perms(n)[1:]:
        qs, _ = _action(dict(tab.q), dict(tab.t), s)
        then.update({f"σ={s}: {k}": r for k, r in rank_preserving(qs, types, False).items()})
    return Forall(tab.variables(), given=rank_preserving(tab.q, types, False), then=then)


@claim("p004/D2.convex", source=paper.source("Definition 2", 146),
       statement="Rank-preserving allocation rules are closed under convex combinations: Def 2 "
       "is a conjunction of inequalities q_i(v) >= q_j(v), and if q_i >= q_j and q'_i >= q'_j "
       "then λ q_i + (1 - λ) q'_i >= λ q_j + (1 - λ) q'_j for λ in [0, 1].",
       uses=TAB, expect="PROVED")
def d2_convex() -> Forall:
    a, b, c, d, lam = sp.symbols("qi qj qqi qqj lam", real=True)
    return Forall({a: Reals(0, 1), b: Reals(0, 1), c: Reals(0, 1), d: Reals(0, 1),
                   lam: Reals(0, 1)},
                  given={"q_i >= q_j": sp.Ge(a, b), "q'_i >= q'_j": sp.Ge(c, d)},
                  then={"mixture": sp.Ge(lam * a + (1 - lam) * c, lam * b + (1 - lam) * d)})


# ============================================================================ S3, S4 (L150)

def _fixed_object(types: list, k: int) -> DirectMechanism:
    n = len(types[0])
    e_k = tuple(F(int(i == k)) for i in range(n))
    return DirectMechanism({v: e_k for v in types}, {v: F(0) for v in types})


@claim("p004/S3.ic", source=paper.source("Section 3 after Def 2", 150),
       statement="'A mechanism which allocates some fixed object for zero payment to all types "
       "is IC and IR': q ≡ e_k, t ≡ 0 satisfies u(v) >= v.q(w) - t(w) and u(v) >= 0 for all "
       "v, w in [v̲, v̄]^n (symbolic) and every k.",
       over={"n": Ints(1)}, limit={"n": 5}, uses=MODEL, expect="CHECKED")
def s3_ic(n: int) -> Forall:
    lo, hi = sp.symbols("vlow vhigh", real=True)
    v = sp.symbols(f"v1:{n + 1}", real=True)
    w = sp.symbols(f"w1:{n + 1}", real=True)
    given = {"0 <= v̲ < v̄": sp.And(sp.Ge(lo, 0), sp.Lt(lo, hi))}
    given.update({f"{x} in [v̲, v̄]": sp.And(sp.Ge(x, lo), sp.Le(x, hi)) for x in (*v, *w)})
    then: dict[str, sp.Basic] = {}
    for k in range(n):
        e_k = [int(i == k) for i in range(n)]
        u_v = sp.Add(*[a * b for a, b in zip(v, e_k, strict=True)]) - 0
        report = sp.Add(*[a * b for a, b in zip(v, e_k, strict=True)]) - 0
        then[f"k={k + 1}: IC v -> w"] = sp.Ge(u_v, report, evaluate=False)
        then[f"k={k + 1}: IR"] = sp.Ge(u_v, 0, evaluate=False)
    variables = {lo: Reals(), hi: Reals(), **{x: Reals() for x in (*v, *w)}}
    return Forall(variables, given=given, then=then)


@claim("p004/S3.grid", source=paper.source("Section 3 after Def 2", 150),
       statement="The fixed-object mechanism q ≡ e_k, t ≡ 0 is IC and IR, is not rank "
       "preserving ('an IC mechanism need not be rank preserving') and is not symmetric ('these "
       "mechanisms are not symmetric'), for every k, on the strict and the closed grid "
       "{0..n}^n (kernel checks: ic_violation, rank_preservation_violation, "
       "symmetry_violation).",
       over={"n": Ints(2)}, limit={"n": 3}, uses=(*MODEL, *TAB), expect="CHECKED")
def s3_grid(n: int) -> bool:
    ok = True
    for strict in (True, False):
        types = h_types(n, values(n), strict)
        for k in range(n):
            mech = _fixed_object(types, k)
            ok &= ic_violation(mech).ok and all(mech.utility(v) >= 0 for v in types)
            ok &= not rank_preservation_violation(mech).ok
            ok &= not symmetry_violation(mech, "strict").ok
    return ok


S4_TYPES = h_types(2, values(3), True)
S4_PMF = {v: F(1, 4) if v == (1, 2) else F(3, 4) if v == (1, 3) else F(0) for v in S4_TYPES}


@claim("p004/S4", source=paper.source("Section 3 after Def 2 (Hart-Reny 2015, Prop 3)", 150),
       statement="'Even an optimal mechanism need not be rank preserving.' Finite witness: n = 2, "
       "the strict grid {0..3}^2, pmf 1/4 on (1,2) and 3/4 on (1,3) (not exchangeable; found by "
       "a size-ordered search over two- and three-point supports with weights <= 4).",
       uses=(*MODEL, "p004/1.4.rank-preserving"),
       analogue="a finite witness instance: n = 2, the strict grid {0..3}^2",
       readings=(
           Reading("R1",
                   "some instance has a non-RP optimal table (the certified optimum found is "
                   "not RP).",
                   kind="intended", expect="PROVED", part="R1"),
           Reading("R2",
                   "some instance has no RP optimal table: OPT over all IC+IR tables > OPT "
                   "over RP IC+IR tables.",
                   kind="alternative", expect="PROVED", part="R2"),
       ),
)
def s4_optimal_not_rp(part: str) -> bool:
    best = optimum(S4_TYPES, S4_PMF)
    evidence("exact LP optima (certificates re-checked in Fractions)")
    assert ic_failure(best.q, best.t) is None and ir_failure(best.q, best.t) is None
    if part == "R1":
        bad = rp_failure(best.q)
        note(OPT=best.value, rp_violation=bad, table={str(v): (best.q[v], best.t[v])
                                                     for v in ((1, 2), (1, 3))})
        return bad is not None
    rp = optimum(S4_TYPES, S4_PMF, rank_preserving=True)
    note(OPT_all=best.value, OPT_RP=rp.value)
    return best.value > rp.value


# ============================================================================ E1 (Example 1)

def _e1(v: tuple) -> tuple[F, F]:
    """Example 1: q = (0, 1) if v_1 > v_2, (1, 0) if v_1 < v_2 (t ≡ 0); strict types only."""
    return (F(0), F(1)) if v[0] > v[1] else (F(1), F(0))


def _e1_mech(g: int) -> DirectMechanism:
    types = h_types(2, tuple(F(k, g) for k in range(g + 1)), True)
    return DirectMechanism({v: _e1(v) for v in types}, {v: F(0) for v in types})


E1_TEXT = ("Example 1 (n = 2, t ≡ 0, q = (0,1) if v_1 > v_2, (1,0) if v_1 < v_2) on the strict "
           "points of the grid {0, 1/g, ..., 1}^2 of the unit square (kernel checks).")
def _e1_grid(g: int, part: str) -> bool:
    mech = _e1_mech(g)
    if part == "a":
        return symmetry_violation(mech, "strict").ok
    if part == "b":
        return not rank_preservation_violation(mech).ok
    if part in ("c", "d"):
        inside = [v for v in mech.types if (v[0] > v[1]) == (part == "c")]
        return ic_violation(mech, inside, inside).ok
    return not ic_violation(mech).ok


@claim("p004/E1.a", source=paper.source("Example 1", 161, 165), statement=E1_TEXT + " (a) symmetric.",
       over={"g": Ints(1)}, limit={"g": 8}, uses=(*MODEL, *TAB), expect="CHECKED",
       analogue="grid {0, 1/g, ..., 1}^2",
)
def e1_a(g: int) -> bool:
    return _e1_grid(g, "a")


@claim("p004/E1.b", source=paper.source("Example 1", 161, 165), statement=E1_TEXT + " (b) not rank preserving.",
       over={"g": Ints(1)}, limit={"g": 8}, uses=(*MODEL, *TAB), expect="CHECKED",
       analogue="grid {0, 1/g, ..., 1}^2",
)
def e1_b(g: int) -> bool:
    return _e1_grid(g, "b")


@claim("p004/E1.c", source=paper.source("Example 1", 161, 165), statement=E1_TEXT + " (c) IC restricted to D(σ^I) = {v_1 > v_2}.",
       over={"g": Ints(1)}, limit={"g": 8}, uses=(*MODEL, *TAB), expect="CHECKED",
       analogue="grid {0, 1/g, ..., 1}^2",
)
def e1_c(g: int) -> bool:
    return _e1_grid(g, "c")


@claim("p004/E1.d", source=paper.source("Example 1", 161, 165), statement=E1_TEXT + " (d) IC restricted to D(σ^2) = {v_1 < v_2}.",
       over={"g": Ints(1)}, limit={"g": 8}, uses=(*MODEL, *TAB), expect="CHECKED",
       analogue="grid {0, 1/g, ..., 1}^2",
)
def e1_d(g: int) -> bool:
    return _e1_grid(g, "d")


@claim("p004/E1.e.grid", source=paper.source("Example 1", 161, 165), statement=E1_TEXT + " (e) not IC.",
       over={"g": Ints(1)}, limit={"g": 8}, uses=(*MODEL, *TAB), expect="CHECKED",
       analogue="grid {0, 1/g, ..., 1}^2",
)
def e1_e_grid(g: int) -> bool:
    return _e1_grid(g, "e")


@claim("p004/E1.e", source=paper.source("Example 1", 161, 165),
       statement="'The mechanism is not IC as any type in D(σ^I) benefits by reporting a type in "
       "D(σ^2) and vice versa' (continuous, symbolic v, w in [0,1]^2, z3).",
       uses=MODEL,
       readings=(
           Reading("R1",
                   "for every v some w in the other cone gives a positive gain (w = v^σ, σ "
                   "the transposition).",
                   kind="intended", expect="PROVED", every_w=False),
           Reading("R2",
                   "for every v and every w in the other cone the gain is positive.",
                   kind="alternative", expect="PROVED", every_w=True),
       ),
)
def e1_not_ic(every_w: bool) -> Forall:
    v1, v2, w1, w2 = sp.symbols("v1 v2 w1 w2", real=True)
    then: dict[str, sp.Basic] = {}
    for v, w, name in (((v1, v2), (w1, w2), "D(σ^I) -> D(σ^2)"),
                       ((v2, v1), (w2, w1), "D(σ^2) -> D(σ^I)")):
        # v ranges over one cone; the report is w (R2) or v^σ (R1), in the other cone
        rep = w if every_w else (v[1], v[0])
        cone_v = (sp.Gt(v[0], v[1], evaluate=False) if name.startswith("D(σ^I)")
                  else sp.Lt(v[0], v[1], evaluate=False))
        qv = _e1((1, 0)) if name.startswith("D(σ^I)") else _e1((0, 1))
        qw = _e1((0, 1)) if name.startswith("D(σ^I)") else _e1((1, 0))
        gain = sum(R(a) * x for a, x in zip(qw, v, strict=True)) - sum(
            R(a) * x for a, x in zip(qv, v, strict=True))
        other = (sp.Lt(rep[0], rep[1], evaluate=False) if name.startswith("D(σ^I)")
                 else sp.Gt(rep[0], rep[1], evaluate=False))
        then[name] = sp.Implies(sp.And(cone_v, other), sp.Gt(gain, 0, evaluate=False))
        if not every_w:  # R1: other is cone_v read at v^σ, the same relation: keep it unevaluated
            then[name + ": v^σ in the other cone"] = sp.Implies(cone_v, other, evaluate=False)
    return Forall({x: Reals(0, 1) for x in (v1, v2, w1, w2)}, then=then)


# ============================================================================ E2 (Example 2)

E2_MENU = (((F(1), F(0)), F(1, 2)), ((F(0), F(1)), F(3, 4)), ((F(1), F(1)), F(1)))
E2_TEXT = ("menu {∅: 0, {1}: 1/2, {2}: 3/4, {1,2}: 1} on [0,1]^2 (Figure 1 is missing; this "
           "menu is our instance of the existential claim)")


@claim("p004/E2.rp", source=paper.source("Example 2", 172, 176),
       statement="Example 2: there is a deterministic IC mechanism on [0,1]^2 that is rank "
       "preserving and not symmetric. RP part for the " + E2_TEXT + ": at every strict type, "
       "every utility-maximising entry (any tie rule, TB R1; seller R2, fewest-units R3 and "
       "random R4 choose among these) gives the higher-valued object (z3, symbolic v).",
       uses=(*MODEL, "p004/1.4.rank-preserving"), expect="PROVED")
def e2_rp() -> Forall:
    v1, v2 = sp.symbols("v1 v2", real=True)
    entries = [((0, 0), 0), *[((int(x[0]), int(x[1])), R(p)) for x, p in E2_MENU]]

    def u(e: tuple) -> sp.Expr:
        return e[0][0] * v1 + e[0][1] * v2 - e[1]

    def optimal(e: tuple) -> sp.Basic:
        return sp.And(*[sp.Ge(u(e), u(f)) for f in entries if f is not e])

    then = {"{1} optimal => v1 > v2": sp.Implies(optimal(entries[1]), sp.Gt(v1, v2)),
            "{2} optimal => v2 > v1": sp.Implies(optimal(entries[2]), sp.Gt(v2, v1))}
    return Forall({v1: Reals(0, 1), v2: Reals(0, 1)}, given={"strict": sp.Ne(v1, v2)}, then=then)


@claim("p004/E2.grid", source=paper.source("Example 2", 172, 176),
       statement="Example 2 on the grid {0, 1/g, ..., 1}^2 with the " + E2_TEXT + ": the table "
       "of choices is deterministic and IC on the grid, RP at strict types, and not symmetric.",
       over={"g": Ints(2)}, limit={"g": 8},
       uses=(*MODEL, "p004/M1.deterministic", "p004/1.4.rank-preserving", "p004/1.4.symmetric"),
       analogue="grid {0, 1/g, ..., 1}^2",
       readings=(
           Reading("R2",
                   "TB R2: seller-favourable ties (most expensive entry).",
                   kind="intended", expect="CHECKED", rule="seller"),
           Reading("R3",
                   "TB R3: fewest units, then lexicographic.",
                   kind="alternative", expect="CHECKED", rule="buyer"),
           Reading("R4",
                   "TB R4: uniform randomisation over the maximisers (expected allocation; "
                   "'deterministic' is then not required).",
                   kind="alternative", expect="CHECKED", rule="average"),
       ),
)
def e2_grid(g: int, rule: str) -> bool:
    types = h_types(2, tuple(F(k, g) for k in range(g + 1)), False)
    q, t = menu_table(list(E2_MENU), types, rule)
    strict = {v: q[v] for v in types if is_strict(v)}
    det = all(x in (0, 1) for v in types for x in q[v]) or rule == "average"
    asym = symmetry_failure(strict, {v: t[v] for v in strict})
    note(asymmetric_at=asym)
    return det and ic_failure(q, t) is None and rp_failure(strict) is None and asym is not None


@claim("p004/E2.nonsym", source=paper.source("Example 2", 172, 176),
       statement="The " + E2_TEXT + " is not symmetric: type (3/5, 1/10) buys {1}, type "
       "(1/10, 3/5) buys nothing (no ties at either type).",
       uses=("p004/1.4.symmetric",), expect="PROVED")
def e2_nonsym() -> bool:
    v = (F(3, 5), F(1, 10))
    w = permute(v, (1, 0))
    entries = [((F(0), F(0)), F(0)), *E2_MENU]
    utils_v = sorted(utility(v, x, p) for x, p in entries)
    utils_w = sorted(utility(w, x, p) for x, p in entries)
    qv = max(entries, key=lambda e: utility(v, e[0], e[1]))[0]
    qw = max(entries, key=lambda e: utility(w, e[0], e[1]))[0]
    note(q_v=qv, q_v_sigma=qw)
    no_ties = utils_v[-1] > utils_v[-2] and utils_w[-1] > utils_w[-2]
    return no_ties and qw != permute(qv, (1, 0))


# ============================================================================ D3 (Def 3)

DEF3 = ("p004/1.4.extension", "p004/1.4.symmetric")


@claim("p004/D3.printed", source=paper.source("Definition 3", 180, 182),
       statement="Def 3 is well defined on D^H and computed as printed: for v in D(σ) (σ unique, "
       "S2 (e)) the vector with q^s_σ(i)(v) = q_i(v^σ) equals q(v^σ)^{σ^{-1}}, the formula of "
       "the kernel (verify.mech.symmetry.symmetric_extension) and of tables.extension "
       "(symbolic tables on the strict grid {0..n}^n; a rational table for the kernel).",
       over={"n": Ints(2)}, limit={"n": 4}, uses=DEF3, expect="CHECKED")
def d3_printed(n: int) -> bool:
    types = grid(n, n, False)
    top = _sorted_types(types, False)
    tab = Table.on(n, top)
    qs, _ = extension(tab, identity(n), types, "average", False)
    ok = True
    for v in types:
        sigmas = [s for s in all_perms(n) if in_cone(v, s)]
        ok &= len(sigmas) == 1 and ext_printed(dict(tab.q), v, sigmas[0]) == qs[v]
    rational = {w: tuple(F(k + 1, (3 * k + 2 * i) % 7 + 2) % 1 for i in range(n))
                for k, w in enumerate(top)}
    kern = symmetric_extension(DirectMechanism(rational, {w: F(0) for w in top}), types)
    ok &= all(kern.q[v] == ext_printed(rational, v, sorting_perm(v)) for v in types)
    return ok


@claim("p004/D3.sym", source=paper.source("Definition 3", 180, 184),
       statement="The symmetric extension of any table on D(σ^I) is symmetric (Def 1) on D^H and "
       "equals the table on D(σ^I) (symbolic tables on the strict grid {0..g}^n).",
       over={"n": Ints(2), "g": Ints(1)}, limit={"n": 4, "g": 4}, uses=DEF3, expect="CHECKED",
       analogue="grid V = {0..g}, n in {2, 3}: every mechanism table at once (strict types "
                "stand for D^H)",
)
def d3_sym(n: int, g: int) -> bool:
    types = grid(n, g, False)
    top = _sorted_types(types, False)
    assume(len(top) > 0)
    tab = Table.on(n, top)
    qs, ts = extension(tab, identity(n), types, "average", False)
    agree = all(qs[v] == tab.q[v] and ts[v] == tab.t[v] for v in top)
    ext_tab = Table(n, tuple(types), qs, ts)  # type: ignore[arg-type]
    return agree and all(sp.expand(r.lhs - r.rhs) == 0 for r in symmetric(ext_tab, True).values())


@claim("p004/D3.exponent", source=paper.source("Definition 3", 180, 182),
       statement="Variant (not the paper's formula, recorded as such): the extension with "
       "exponent σ instead of σ^{-1}, q^s(v) := q(v^σ)^σ (σ sorting v), is symmetric for every "
       "table. Coincides with Def 3 for n = 2 (transpositions are involutions).",
       over={"n": Ints(2)}, limit={"n": 4}, uses=DEF3, expect="REFUTED",
       role="variant",
       deviation="exponent sigma instead of the printed sigma^{-1} in Def 3, to show the "
                 "printed exponent matters",
)
def d3_exponent(n: int) -> bool:
    types = grid(n, n, False)
    tab = Table.on(n, _sorted_types(types, False))
    qs = {v: ext_exponent_sigma(dict(tab.q), v) for v in types}
    for v in types:
        for s in all_perms(n):
            if qs[permute(v, s)] != permute(qs[v], s):
                note(v=v, sigma=s, q_at_v_sigma=[str(x) for x in qs[permute(v, s)]],
                     q_v_permuted=[str(x) for x in permute(qs[v], s)])
                return False
    return True


@claim("p004/D3.relabel", source=paper.source("Def 3, relabeling remark", 184),
       statement="'A mechanism defined on D(σ), σ != σ^I, may also be extended symmetrically "
       "using Definition 3 after first relabeling the axes': relabel (q, t) on D(τ) to "
       "q'(w) = q(w^{τ^{-1}})^τ, t'(w) = t(w^{τ^{-1}}) on D(σ^I), extend by Def 3; the result is "
       "symmetric, equals (q, t) on D(τ), and equals tables.extension from the cone τ.",
       over={"n": Ints(2), "g": Ints(1)}, limit={"n": 4, "g": 4}, uses=DEF3, expect="CHECKED",
       analogue="grid V = {0..g}, n in {2, 3}: every mechanism table at once (strict types "
                "stand for D^H)",
)
def d3_relabel(n: int, g: int) -> bool:
    types = grid(n, g, False)
    assume(len(types) > 0)
    ok = True
    for tau in all_perms(n):
        home = cone(types, tau, False)
        tab = Table.on(n, home)
        inv = inverse(tau)
        top = _sorted_types(types, False)
        q1 = {w: permute(tab.q[permute(w, inv)], tau) for w in top}
        t1 = {w: tab.t[permute(w, inv)] for w in top}
        qs = {v: ext_printed(q1, v, sorting_perm(v)) for v in types}
        ts = {v: t1[permute(v, sorting_perm(v))] for v in types}
        ok &= all(qs[v] == tab.q[v] and ts[v] == tab.t[v] for v in home)
        ok &= all(qs[permute(v, s)] == permute(qs[v], s) and ts[permute(v, s)] == ts[v]
                  for v in types for s in all_perms(n))
        qc, tc = extension(tab, tau, types, "average", False)
        ok &= all(qc[v] == qs[v] and tc[v] == ts[v] for v in types)
    return ok


@claim("p004/D3.closed", source=paper.source("Definition 3 on closed grids (EXT)", 180, 184),
       statement="On closed grids (tied types lie in several weak cones, reading EXT) the "
       "symmetric extension of any table on {v_1 >= ... >= v_n} is symmetric.",
       over={"n": Ints(2), "g": Ints(1)}, limit={"n": 3, "g": 3},
       uses=DEF3,
       analogue="grid V = {0..g}, n in {2, 3}: every mechanism table at once (strict types "
                "stand for D^H)",
       readings=(
           Reading("avg.SYM1",
                   "EXT R1 (average over all sorting σ); Def 1 at strict types (TIE-SYM R1).",
                   kind="alternative", expect="CHECKED", tie="average", strict_only=True),
           Reading("avg.SYM2",
                   "EXT R1; Def 1 at every type (TIE-SYM R2).",
                   kind="alternative", expect="CHECKED", tie="average", strict_only=False),
           Reading("stable.SYM1",
                   "EXT R2 (stable sort); TIE-SYM R1.",
                   kind="alternative", expect="CHECKED", tie="stable", strict_only=True),
           Reading("stable.SYM2",
                   "EXT R2 (stable sort); TIE-SYM R2.",
                   kind="alternative", expect="REFUTED", tie="stable", strict_only=False),
       ),
)
def d3_closed(n: int, g: int, tie: str, strict_only: bool) -> bool:
    types = grid(n, g, True)
    tab = Table.on(n, _sorted_types(types, True))
    qs, ts = extension(tab, identity(n), types, tie, True)
    ext_tab = Table(n, tuple(types), qs, ts)  # type: ignore[arg-type]
    for name, r in symmetric(ext_tab, strict_only).items():
        if sp.expand(r.lhs - r.rhs) != 0:
            note(failing=name, lhs=str(r.lhs), rhs=str(r.rhs))
            return False
    return True


# ============================================================================ S5, F6 (L184-186)

@claim("p004/S5", source=paper.source("Section 3 after Def 3", 184),
       statement="'An arbitrary mechanism (q, t) defined on D(σ^I) ≡ D^I need not be rank "
       "preserving' (no (1) imposed): the table q ≡ (0, 1), t ≡ 0 on the strict types of "
       "{0, 1, 2}^2 with v_1 > v_2 is not RP.",
       uses=("p004/1.4.rank-preserving",), expect="PROVED")
def s5_not_rp() -> bool:
    top = i_types(2, values(2), True)
    mech = DirectMechanism({v: (F(0), F(1)) for v in top}, {v: F(0) for v in top})
    note(types=top, violation=rank_preservation_violation(mech).witness)
    return not rank_preservation_violation(mech).ok


@claim("p004/S5.ic", source=paper.source("Section 3 after Def 3", 184),
       statement="Strengthened variant (ours): the witness of S5 is moreover IC and IR on D^I, "
       "so even IC+IR mechanisms on D^I (without (1)) need not be rank preserving; checked on "
       "the strict grid {0..g}^2 with v_1 > v_2.",
       over={"g": Ints(1)}, limit={"g": 8}, uses=(*MODEL, "p004/1.4.rank-preserving"),
       expect="CHECKED",
       analogue="grid V = {0..g}, n in {2, 3}: every mechanism table at once (strict types "
                "stand for D^H)",
       deviation="strengthened: the witness of the remark is moreover IC and IR",
)
def s5_ic(g: int) -> bool:
    top = i_types(2, values(g), True)
    mech = DirectMechanism({v: (F(0), F(1)) for v in top}, {v: F(0) for v in top})
    return (ic_violation(mech).ok and all(mech.utility(v) >= 0 for v in top)
            and not rank_preservation_violation(mech).ok)


F6_STATEMENT = ("'The symmetric extension of a non-rank-preserving mechanism on D^I will not be "
                "IC on D^H.' Encoded as the contrapositive (logically equivalent): for every "
                "table on the sorted grid whose symmetric extension is IC on the whole grid, the "
                "table is RP.")


@claim("p004/F6", source=paper.source("Footnote 6", 186), statement=F6_STATEMENT,
       over={"n": Ints(2), "g": Ints(1)}, limit={"n": 3, "g": 3}, backends=("lp",),
       uses=(*TAB, "p004/1.4.extension"),
       analogue="grid V = {0..g}, n in {2, 3}: every mechanism table at once (strict types "
                "stand for D^H)",
       readings=(
           Reading("strict",
                   "strict grid (DOM R1): the strict types of V^n, V = {0..g}, stand for D^H "
                   "and {v_1 > ... > v_n} for D^I.",
                   kind="intended", expect="CHECKED", closed=False, weak=False, tie="average"),
       ),
)
@claim("p004/F6.closed", source=paper.source("Footnote 6 on closed grids (tie readings)", 186),
       statement=F6_STATEMENT + " Closed grids.",
       over={"n": Ints(2), "g": Ints(1)}, limit={"n": 3, "g": 2}, backends=("lp",),
       uses=(*TAB, "p004/1.4.extension"),
       analogue="grid V = {0..g}, n in {2, 3}: every mechanism table at once (strict types "
                "stand for D^H)",
       readings=(
           Reading("RP1.avg",
                   "RP in the sense TIE-RP R1 (v_i > v_j); EXT R1 (average).",
                   kind="alternative", expect="REFUTED", closed=True, weak=False, tie="average"),
           Reading("RP1.stable",
                   "TIE-RP R1; EXT R2 (stable sort).",
                   kind="alternative", expect="CHECKED", closed=True, weak=False, tie="stable"),
           Reading("RP2.avg",
                   "TIE-RP R2 (v_i >= v_j, so q_i = q_j at ties); EXT R1.",
                   kind="alternative", expect="REFUTED", closed=True, weak=True, tie="average"),
           Reading("RP2.stable",
                   "TIE-RP R2; EXT R2.",
                   kind="alternative", expect="REFUTED", closed=True, weak=True, tie="stable"),
       ),
)
def f6_not_ic(n: int, g: int, closed: bool, weak: bool, tie: str) -> Forall:
    types = grid(n, g, closed)
    top = _sorted_types(types, closed)
    assume(len(top) > 0)
    tab = Table.on(n, top)
    qs, ts = extension(tab, identity(n), types, tie, closed)
    then = rank_preserving(tab.q, top, weak) or {"no pair to rank": sp.true}
    return Forall(tab.variables(), given=ic(qs, ts, itertools.product(types, types)), then=then)


@claim("p004/F6.ex1", source=paper.source("Footnote 6 ('Example 1 illustrates this')", 186),
       statement="Example 1 illustrates footnote 6: its restriction to D(σ^I) is not RP, its "
       "symmetric extension is Example 1 itself on D^H, and that is not IC (strict points of "
       "the grid {0, 1/g, ..., 1}^2).",
       over={"g": Ints(1)}, limit={"g": 6}, uses=(*TAB, "p004/1.4.extension"), expect="CHECKED",
       analogue="grid V = {0..g}, n in {2, 3}: every mechanism table at once (strict types "
                "stand for D^H)",
)
def f6_example(g: int) -> bool:
    mech = _e1_mech(g)
    top = {v: mech.q[v] for v in mech.types if v[0] > v[1]}
    ext = symmetric_extension(DirectMechanism(top, {v: F(0) for v in top}), mech.types)
    return (rp_failure(top) is not None and dict(ext.q) == dict(mech.q)
            and not ic_violation(ext).ok)


# ============================================================================ R1, R2 (Remarks 1, 2)

@claim("p004/R1", source=paper.source("Remark 1", 190),
       statement="Remark 1: any mechanism of M^I is rank preserving; the symmetric extension of "
       "an IC+IR mechanism of M^I is a rank-preserving, IC and IR mechanism on D^H (and it is "
       "symmetric, Def 3). Every feasible IC+IR table on the sorted grid, all at once.",
       over={"n": Ints(2), "g": Ints(1)}, limit={"n": 3, "g": 2}, backends=("lp",),
       uses=(*TAB, "p004/1.4.extension", "p004/M1.feasibility", "p004/I3@strict"),
       analogue="grid V = {0..g}, n in {2, 3}: every mechanism table at once (strict types "
                "stand for D^H)",
       readings=(
           Reading("strict",
                   "strict grid (DOM R1): the strict types of V^n, V = {0..g}, stand for D^H "
                   "and {v_1 > ... > v_n} for D^I; RP (TIE-RP R1), IC, IR and Def 1 on the "
                   "strict grid.",
                   kind="intended", expect="CHECKED", closed=False, tie="average", weak=False),
           Reading("closed.avg",
                   "closed grids ('which can be extended to D̄^H'): the extension by EXT R1 "
                   "(average) to all of V^n is IC, IR, RP (TIE-RP R1) and symmetric (TIE-SYM "
                   "R1).",
                   kind="alternative", expect="CHECKED", closed=True, tie="average", weak=False),
           Reading("closed.stable",
                   "closed grids, extension by EXT R2 (stable sort); as closed.avg.",
                   kind="alternative", expect="CHECKED", closed=True, tie="stable", weak=False),
       ),
)
def r1_extension(n: int, g: int, closed: bool, tie: str, weak: bool) -> Forall:
    return _ext_claim(n, g, closed, tie, True, weak, ("IC", "IR", "RP", "SYM"))


@claim("p004/R1.ties", source=paper.source("Remark 1 on closed grids (tie readings)", 190),
       statement="As R1 on closed grids, with the tie readings TIE-RP R2 (q_i = q_j where "
       "v_i = v_j) and TIE-SYM R2 (Def 1 at tied types too) for the extension.",
       over={"n": Ints(2), "g": Ints(1)}, limit={"n": 3, "g": 3}, backends=("lp",),
       uses=(*TAB, "p004/1.4.extension", "p004/M1.feasibility"),
       analogue="grid V = {0..g}, n in {2, 3}: every mechanism table at once (strict types "
                "stand for D^H)",
       readings=(
           Reading("avg",
                   "EXT R1 (average over all sorting σ).",
                   kind="alternative", expect="CHECKED", tie="average"),
           Reading("stable",
                   "EXT R2 (stable sort).",
                   kind="alternative", expect="REFUTED", tie="stable"),
       ),
)
def r1_ties(n: int, g: int, tie: str) -> Forall:
    return _ext_claim(n, g, True, tie, False, True, ("RP", "SYM"))


R2_STATEMENT = ("Remark 2: a symmetric, IC and IR mechanism of M^H coincides on D^H with the "
                "symmetric extension of its restriction to D(σ), for every σ. All symmetric "
                "IC+IR tables on the grid at once, every σ.")


@claim("p004/R2", source=paper.source("Remark 2", 192), statement=R2_STATEMENT,
       over={"n": Ints(2), "g": Ints(1)}, limit={"n": 3, "g": 3}, backends=("lp",),
       uses=(*TAB, "p004/1.4.extension"),
       analogue="grid V = {0..g}, n in {2, 3}: every mechanism table at once (strict types "
                "stand for D^H)",
       readings=(
           Reading("strict",
                   "strict grid (DOM R1): the strict types of V^n, V = {0..g}, stand for D^H "
                   "and {v_1 > ... > v_n} for D^I; D(σ) strict cones.",
                   kind="intended", expect="CHECKED", closed=False, tie="average", sym_strict=True),
       ),
)
@claim("p004/R2.closed", source=paper.source("Remark 2 on closed grids (tie readings)", 192),
       statement=R2_STATEMENT + " Closed grids, D(σ) read as the weak cone.",
       over={"n": Ints(2), "g": Ints(1)}, limit={"n": 3, "g": 2}, backends=("lp",),
       uses=(*TAB, "p004/1.4.extension"),
       analogue="grid V = {0..g}, n in {2, 3}: every mechanism table at once (strict types "
                "stand for D^H)",
       readings=(
           Reading("SYM1.avg",
                   "Def 1 at strict types only (TIE-SYM R1); EXT R1 (average).",
                   kind="alternative", expect="REFUTED", closed=True, tie="average", sym_strict=True),
           Reading("SYM1.stable",
                   "TIE-SYM R1; EXT R2 (stable sort).",
                   kind="alternative", expect="REFUTED", closed=True, tie="stable", sym_strict=True),
           Reading("SYM2.avg",
                   "Def 1 at every type (TIE-SYM R2); EXT R1.",
                   kind="alternative", expect="CHECKED", closed=True, tie="average", sym_strict=False),
           Reading("SYM2.stable",
                   "TIE-SYM R2; EXT R2.",
                   kind="alternative", expect="CHECKED", closed=True, tie="stable", sym_strict=False),
       ),
)
def r2_restriction(n: int, g: int, closed: bool, tie: str, sym_strict: bool) -> Forall:
    types = grid(n, g, closed)
    assume(len(types) > 1)
    tab = Table.on(n, types)
    given = {**symmetric(tab, sym_strict), **ic(tab.q, tab.t, itertools.product(types, types)),
             **ir(tab.q, tab.t, types)}
    then: dict[str, sp.Basic] = {}
    for sigma in all_perms(n):
        home = cone(types, sigma, closed)
        if not home:
            continue
        sub = Table(n, tuple(home), {v: tab.q[v] for v in home}, {v: tab.t[v] for v in home})
        qs, ts = extension(sub, sigma, types, tie, closed)
        for v in types:
            for i in range(n):
                if qs[v][i] is not tab.q[v][i]:
                    then[f"σ={sigma}: q{i + 1}{v}"] = sp.Eq(tab.q[v][i], qs[v][i])
            if ts[v] is not tab.t[v]:
                then[f"σ={sigma}: t{v}"] = sp.Eq(tab.t[v], ts[v])
    return Forall(tab.variables(), given=given, then=then or {"identical": sp.true})


# ============================================================================ RV (revenue, (3))

@claim("p004/RV.a", source=paper.source("Section 4, REV over D̄^M and D^M", 198, 200),
       statement="REV(q, t; f^M) = ∫_{D̄^M} t f^M = ∫_{D^M} t f^M: on the closed grid V^n, "
       "sum_{V^n} p t = sum over strict types of p t (symbolic p, t).",
       over={"n": Ints(2), "g": Ints(1)}, limit={"n": 3, "g": 2},
       uses=(*MODEL,), backends=("z3",),
       analogue="grid V = {0..g}, n in {2, 3}: every mechanism table at once (strict types "
                "stand for D^H)",
       readings=(
           Reading("density",
                   "p has no mass on tied types (the paper's densities, L124-126).",
                   kind="intended", expect="CHECKED", atoms=False),
           Reading("atoms",
                   "any pmf on V^n (atoms on tied types allowed).",
                   kind="alternative", expect="REFUTED", atoms=True),
       ),
)
def rv_a(n: int, g: int, atoms: bool) -> Forall:
    types = grid(n, g, True)
    p = {v: sp.Symbol(f"p{v}", real=True) for v in types}
    t = {v: sp.Symbol(f"t{v}", real=True) for v in types}
    given: dict[str, sp.Basic] = {}
    if atoms:
        given["sum p = 1"] = sp.Eq(sp.Add(*p.values()), 1)
    else:
        given = {f"p{v} = 0": sp.Eq(p[v], 0) for v in types if not is_strict(v)}
    lhs = sp.Add(*[p[v] * t[v] for v in types])
    rhs = sp.Add(*[p[v] * t[v] for v in types if is_strict(v)])
    variables = {**{p[v]: Reals(0, 1) for v in types}, **{t[v]: Reals() for v in types}}
    return Forall(variables, given=given, then={"REV over D̄ = over D": sp.Eq(lhs, rhs)})


@claim("p004/RV.b", source=paper.source("Section 4, (3)", 202, 204),
       statement="(3): REV(q, t; f^H) = sum_σ REV^σ(q, t; f^H), REV^σ := ∫_{D(σ)} t f^H "
       "(symbolic p, t on the grid).",
       over={"n": Ints(2), "g": Ints(1)}, limit={"n": 3, "g": 2},
       uses=(*MODEL,),
       analogue="grid V = {0..g}, n in {2, 3}: every mechanism table at once (strict types "
                "stand for D^H)",
       readings=(
           Reading("R1",
                   "REGION R1: strict grids only.",
                   kind="intended", expect="CHECKED", region="strict"),
           Reading("R2",
                   "REGION R2: closed grid, weak cones {v_σ(1) >= ... >= v_σ(n)}, each type "
                   "weighted 1/|Stab(v)|.",
                   kind="alternative", expect="CHECKED", region="weak"),
           Reading("R3",
                   "REGION R3: closed grid, literal (2): tied types lie in no cone.",
                   kind="literal", expect="REFUTED", region="literal"),
       ),
)
def rv_b(n: int, g: int, region: str) -> Forall:
    types = grid(n, g, region != "strict")
    assume(len(types) > 0)
    p = {v: sp.Symbol(f"p{v}", real=True) for v in types}
    t = {v: sp.Symbol(f"t{v}", real=True) for v in types}
    total = sp.Add(*[p[v] * t[v] for v in types])
    parts = []
    for sigma in all_perms(n):
        for v in types:
            if region == "weak" and is_sorted(permute(v, sigma)):
                stab = sum(1 for s in all_perms(n) if permute(v, s) == v)
                parts.append(p[v] * t[v] / stab)
            elif region != "weak" and in_cone(v, sigma):
                parts.append(p[v] * t[v])
    given = ({"sum p = 1": sp.Eq(sp.Add(*p.values()), 1, evaluate=False)}
             if region == "literal" else {})
    variables = {**{p[v]: Reals(0, 1) for v in types}, **{t[v]: Reals() for v in types}}
    return Forall(variables, given=given,
                  then={"REV = sum_σ REV^σ": sp.Eq(total, sp.Add(*parts), evaluate=False)})


# ============================================================================ X1 (exchangeability)

def _exchangeable_identity(pmf: dict, n: int) -> bool:
    return all(sp.expand(pmf[permute(v, s)] - pmf[v]) == 0 for v in pmf for s in all_perms(n))


@claim("p004/X1.a", source=paper.source("Section 4, exchangeability", 224, 226),
       statement="'Exchangeability is satisfied if v_1, ..., v_n are i.i.d.': the pmf "
       "prod_i g(v_i) of n i.i.d. values on {0..m} (symbolic g) is permutation invariant; the "
       "kernel's iid(...) of a rational marginal is exchangeable.",
       over={"n": Ints(2), "m": Ints(1)}, limit={"n": 4, "m": 3}, expect="CHECKED",
       analogue="grid V = {0..g}, n in {2, 3}: every mechanism table at once (strict types "
                "stand for D^H)",
)
def x1_iid(n: int, m: int) -> bool:
    from verify.mech.distributions import Distribution, iid

    g = sp.symbols(f"g0:{m + 1}", real=True)
    pmf = {v: sp.Mul(*[g[x] for x in v]) for v in itertools.product(range(m + 1), repeat=n)}
    marginal = Distribution({x: F(x + 1, (m + 1) * (m + 2) // 2) for x in range(m + 1)})
    return _exchangeable_identity(pmf, n) and iid(marginal, n).is_exchangeable()


@claim("p004/X1.b", source=paper.source("Section 4, exchangeability", 228),
       statement="'Exchangeable random variables may be positively correlated such as when "
       "v_1, ..., v_n are distributed i.i.d. conditional on an underlying state variable': the "
       "mixture sum_s w_s prod_i g_s(v_i) (two states, symbolic w, g) is permutation invariant.",
       over={"n": Ints(2), "m": Ints(1)}, limit={"n": 4, "m": 3}, expect="CHECKED",
       analogue="grid V = {0..g}, n in {2, 3}: every mechanism table at once (strict types "
                "stand for D^H)",
)
def x1_mixture(n: int, m: int) -> bool:
    w = sp.symbols("w0:2", real=True)
    g = [sp.symbols(f"g{s}_0:{m + 1}", real=True) for s in range(2)]
    pmf = {v: sp.Add(*[w[s] * sp.Mul(*[g[s][x] for x in v]) for s in range(2)])
           for v in itertools.product(range(m + 1), repeat=n)}
    return _exchangeable_identity(pmf, n)


@claim("p004/X1.b.corr", source=paper.source("Section 4, exchangeability", 228),
       statement="Such exchangeable values may be positively correlated: state H or L with "
       "probability 1/2 each, v_i i.i.d. given the state, 1 w.p. 3/4 under H and 1/4 under L "
       "(else 0): the law is exchangeable and Cov(v_1, v_2) = 1/16 > 0.",
       expect="PROVED")
def x1_corr() -> bool:
    from verify.mech.distributions import Distribution

    pmf: dict[tuple, F] = {}
    for h in (F(3, 4), F(1, 4)):
        for v in itertools.product((0, 1), repeat=2):
            mass = F(1, 2) * math.prod(h if x else 1 - h for x in v)
            pmf[v] = pmf.get(v, F(0)) + mass
    d = Distribution(pmf)
    cov = d.expect(lambda v: v[0] * v[1]) - d.expect(lambda v: v[0]) * d.expect(lambda v: v[1])
    note(covariance=cov)
    return d.is_exchangeable() and cov == F(1, 16)


@claim("p004/X1.c", source=paper.source("Section 4, permits example", 230),
       statement="v_i = η m_i with η ~ any law, m_i i.i.d. and independent of η: the law of v is "
       "exchangeable (η on {1, 2, 3}, m_i on {1, ..., m}, all probabilities symbolic; collisions "
       "such as 1·2 = 2·1 are summed).",
       over={"n": Ints(2), "m": Ints(1)}, limit={"n": 3, "m": 3}, expect="CHECKED",
       analogue="grid V = {0..g}, n in {2, 3}: every mechanism table at once (strict types "
                "stand for D^H)",
)
def x1_permits(n: int, m: int) -> bool:
    h = sp.symbols("h1:4", real=True)
    g = sp.symbols(f"g1:{m + 1}", real=True)
    pmf: dict[tuple, sp.Expr] = {}
    for eta in (1, 2, 3):
        for ms in itertools.product(range(1, m + 1), repeat=n):
            v = tuple(eta * x for x in ms)
            pmf[v] = pmf.get(v, sp.Integer(0)) + h[eta - 1] * sp.Mul(*[g[x - 1] for x in ms])
    full = {permute(v, s): pmf.get(permute(v, s), sp.Integer(0)) for v in pmf for s in all_perms(n)}
    return _exchangeable_identity(full, n)
