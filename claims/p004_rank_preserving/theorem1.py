"""Theorem 1 (L154-157, proof L532-575) and Lemma 2 (L188, proof L577-579) on finite grids.

Finite analogue (spec §1.11): V = {0..g}, n objects, types V^n. Every claim is ONE universal
query per grid: its variables are all unknowns of a mechanism table (q_i(v) in [0, 1], t(v)
in R, for every type of the grid or of the cone), its hypotheses and conclusions are the
linear (in)equalities of Defs 1-3, IC and IR. PROVED at a grid means: every mechanism table on
that grid satisfying the hypotheses satisfies the conclusions (exact LP certificates, or z3
unsat). The theorem's finite analogue speaks of every grid, so `g` is unbounded and cut at
`limit` (CHECKED g <= limit); e.g. `python -m verify check 'p004/T1.ii-i@strict' --no-cache
--limit g=6 --timeout 3600` reaches n = 3, V = {0..6} (docs/findings/rank-preserving.md) in
about 16 s CPU (i => ii: 10 s), and `--limit n=4 --limit g=6` reaches n = 4, V = {0..6} in
about 7 minutes on 2 cores for both directions (bench/bench_theorem1.py). On strict grids IC is
stated once per orbit of pairs (ORBITS, an exact reformulation under Def 1) and the LP
back-end settles each IC conclusion over the hypotheses at its two types (local relaxations).

Readings (spec §1.12): DOM R1 = strict grids (the paper's D^H, strict types; TIE readings do
not arise), DOM R2 = closed grids V^n, where D(σ^I) is the weak cone {v_1 >= ... >= v_n}
(T^I of spec §1.11) and TIE-SYM (Def 1 on strict types only, R1, as printed; or on all types,
R2), TIE-RP (v_i > v_j, R1, as printed; v_i >= v_j, R2) and, for the extension, EXT (average
over sorting permutations, R1; stable sort, R2) are separate claims.
"""

from __future__ import annotations

import math

from claims.p004_rank_preserving import paper
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
from verify import Forall, Ints, assume, claim, definition
from verify.mech.types import all_perms, identity
from verify.paper import Reading

BACKENDS = ("lp", "z3")  # certified exact LP first; z3 if it gives up (both with --cross-check)


definition("p004/1.2.IC", source=paper.source("IC and IR", 106, 110),
           statement="IC: u(v) >= v.q(v') - t(v') for all types v, v'; IR: u(v) >= 0, where "
           "u(v) = v.q(v) - t(v).")
definition("p004/1.4.symmetric", source=paper.source("Definition 1", 140, 142),
           statement="(q, t) is symmetric if for every v in D^H and every permutation σ: "
           "q_i(v^σ) = q_σ(i)(v) for all i and t(v^σ) = t(v).")
definition("p004/1.4.rank-preserving", source=paper.source("Definition 2", 146),
           statement="(q, t) is rank preserving if for every v in D^H, q_i(v) >= q_j(v) for "
           "all v_i > v_j.")
definition("p004/1.4.extension", source=paper.source("Definition 3", 180, 184),
           statement="The symmetric extension of (q, t) on D(σ^I) is (q^s, t^s) on D^H with "
           "q^s_σ(i)(v) = q_i(v^σ), t^s(v) = t(v^σ) for every σ and v in D(σ); a mechanism on "
           "D(σ), σ != σ^I, is extended after relabeling the axes.")
definition("p004/1.11.grid", source=paper.source("finite analogue (spec §1.11)", 74, 88),
           statement="Grid V = {0..g}; strict grid = strict types of V^n (D^H); closed grid = "
           "V^n; D(σ) on a strict grid = {v_σ(1) > ... > v_σ(n)}, on a closed grid the weak "
           "cone {v_σ(1) >= ... >= v_σ(n)}.")

DEFS = ("p004/1.2.IC", "p004/1.4.symmetric", "p004/1.4.rank-preserving", "p004/1.11.grid")

T1_STATEMENT = ("Suppose that (q, t) is a symmetric mechanism in M^H. Then, the following are "
                "equivalent: (i) (q, t) is IC on D^H. (ii) (q, t) is rank preserving and "
                "(q, t) restricted to D(σ^I) is IC.")

T1_READINGS = {
    "strict": {"closed": False, "sym_strict_only": True, "rp_weak": False},
    "closed.SYM1.RP1": {"closed": True, "sym_strict_only": True, "rp_weak": False},
    "closed.SYM1.RP2": {"closed": True, "sym_strict_only": True, "rp_weak": True},
    "closed.SYM2.RP1": {"closed": True, "sym_strict_only": False, "rp_weak": False},
    "closed.SYM2.RP2": {"closed": True, "sym_strict_only": False, "rp_weak": True},
}
_GRID = ("finite analogue on the grid V = {0..g}, n in {2, 3}, for all mechanism tables at "
         "once (one query per grid; g unbounded, cut at the limit). ")
T1_TEXTS = {
    "strict": _GRID + "DOM R1: the strict types of V^n (the paper's D^H); D(σ^I) = "
    "{v_1 > ... > v_n}.",
    "closed.SYM1.RP1": _GRID + "DOM R2: all of V^n, D(σ^I) = {v_1 >= ... >= v_n}; TIE-SYM R1 "
    "(Def 1 on strict types only, as printed); TIE-RP R1 (v_i > v_j, as printed).",
    "closed.SYM1.RP2": _GRID + "DOM R2: all of V^n, D(σ^I) = {v_1 >= ... >= v_n}; TIE-SYM R1 "
    "(Def 1 on strict types only, as printed); TIE-RP R2 (v_i >= v_j).",
    "closed.SYM2.RP1": _GRID + "DOM R2: all of V^n, D(σ^I) = {v_1 >= ... >= v_n}; TIE-SYM R2 "
    "(Def 1 at every type, ties included); TIE-RP R1 (v_i > v_j, as printed).",
    "closed.SYM2.RP2": _GRID + "DOM R2: all of V^n, D(σ^I) = {v_1 >= ... >= v_n}; TIE-SYM R2 "
    "(Def 1 at every type, ties included); TIE-RP R2 (v_i >= v_j).",
}
OVER = {"n": Ints(2), "g": Ints(1)}


def _setup(n: int, g: int, closed: bool) -> tuple[Table, list, list]:
    types = grid(n, g, closed)
    assume(len(types) > 1)  # a strict grid needs g >= n - 1 (else no strict type)
    sorted_cone = cone(types, identity(n), closed)
    return Table.on(n, types), types, sorted_cone


STRICT = {"strict": T1_READINGS["strict"]}
CLOSED = {k: v for k, v in T1_READINGS.items() if k != "strict"}
FINITE = ("; finite analogue for every grid V = {0..g}, n in {2, 3}, all mechanism tables at "
          "once: g is unbounded, so the verdict is CHECKED up to the limit]")
I_II = ("Theorem 1, (i) => (ii); proof L534-543", T1_STATEMENT + " [direction (i) => (ii): a "
        "symmetric mechanism that is IC on D^H is rank preserving and IC on D(σ^I)" + FINITE)
II_I = ("Theorem 1, (ii) => (i); proof L545-575", T1_STATEMENT + " [direction (ii) => (i): a "
        "symmetric, rank-preserving mechanism that is IC on D(σ^I) is IC on D^H" + FINITE)


def _ic_pairs(types: list, sorted_cone: list, reduce: bool) -> list:
    """IC on every pair of types; with `reduce` (ORBITS) only the pairs (v, w) with v in the
    sorted cone: every pair is (v^σ, w^σ) of one of them."""
    firsts = sorted_cone if reduce else types
    return [(v, w) for v in firsts for w in types]


def t1_i_ii(n: int, g: int, closed: bool, sym_strict_only: bool, rp_weak: bool,
            reduce: bool = True) -> Forall:
    """Given: Def 1 (TIE-SYM) and IC on every pair of types; then: Def 2 (TIE-RP) and IC on
    every pair of D(σ^I). On strict grids (`reduce`, the default) IC by ORBITS."""
    tab, types, sorted_cone = _setup(n, g, closed)
    q, t = tab.q, tab.t
    return Forall(
        tab.variables(),
        given={**symmetric(tab, sym_strict_only),
               **ic(q, t, _ic_pairs(types, sorted_cone, reduce and not closed))},
        then={**rank_preserving(q, types, rp_weak),
              **ic(q, t, ((v, w) for v in sorted_cone for w in sorted_cone))},
    )


def t1_ii_i(n: int, g: int, closed: bool, sym_strict_only: bool, rp_weak: bool,
            reduce: bool = True) -> Forall:
    """Given: Def 1 (TIE-SYM), Def 2 (TIE-RP) and IC on every pair of D(σ^I); then: IC on
    every pair of types. On strict grids (`reduce`, the default) IC by ORBITS."""
    tab, types, sorted_cone = _setup(n, g, closed)
    q, t = tab.q, tab.t
    return Forall(
        tab.variables(),
        given={**symmetric(tab, sym_strict_only),
               **rank_preserving(q, types, rp_weak),
               **ic(q, t, ((v, w) for v in sorted_cone for w in sorted_cone))},
        then=ic(q, t, _ic_pairs(types, sorted_cone, reduce and not closed)),
    )


ORBITS = ("On strict grids IC is stated for the pairs (v, w) with v in the sorted cone {v_1 > "
          "... > v_n}: every pair of types is (v^σ, w^σ) for one of them, and for a table "
          "satisfying Def 1 (a hypothesis of both directions) IC of (v^σ, w^σ) is the same "
          "inequality as IC of (v, w), so this is an exact reformulation, not a departure.")

# Strict grids reach g <= 4 in the default gate, closed grids (V^n: (g+1)^n types, all
# (g+1)^{2n} IC pairs) g <= 3; `--limit` reaches further (docs/findings/rank-preserving.md).
claim("p004/T1.i-ii", source=paper.source(I_II[0], 154, 157), statement=I_II[1], over=OVER,
      limit={"n": 3, "g": 4}, uses=DEFS, readings=STRICT, reading_texts=T1_TEXTS, backends=BACKENDS,
      note=ORBITS, expect={"strict": "CHECKED"})(t1_i_ii)
claim("p004/T1.i-ii", source=paper.source(I_II[0], 154, 157), statement=I_II[1], over=OVER,
      limit={"n": 3, "g": 3}, uses=DEFS, readings=CLOSED, reading_texts=T1_TEXTS, backends=BACKENDS,
      expect={"closed.SYM1.RP1": "REFUTED", "closed.SYM1.RP2": "REFUTED",
              "closed.SYM2.RP1": "CHECKED", "closed.SYM2.RP2": "CHECKED"})(t1_i_ii)
claim("p004/T1.ii-i", source=paper.source(II_I[0], 154, 157), statement=II_I[1], over=OVER,
      limit={"n": 3, "g": 4}, uses=DEFS, readings=STRICT, reading_texts=T1_TEXTS, backends=BACKENDS,
      note=ORBITS, expect={"strict": "CHECKED"})(t1_ii_i)
claim("p004/T1.ii-i", source=paper.source(II_I[0], 154, 157), statement=II_I[1], over=OVER,
      limit={"n": 3, "g": 3}, uses=DEFS, readings=CLOSED, reading_texts=T1_TEXTS, backends=BACKENDS,
      expect={"closed.SYM1.RP1": "REFUTED", "closed.SYM1.RP2": "REFUTED",
              "closed.SYM2.RP1": "CHECKED", "closed.SYM2.RP2": "CHECKED"})(t1_ii_i)


# ----------------------------------------------------------------------------- Lemma 2

L2_STATEMENT = ("Let (q, t) defined on D(σ) be a rank-preserving, IC and IR mechanism [on D(σ)]. "
                "Then the symmetric extension of (q, t) to D^H is rank-preserving, IC and IR."
                " [" + FINITE[2:])
L2_USES = (*DEFS, "p004/1.4.extension")


def _lemma2(n: int, g: int, sigma: tuple[int, ...], closed: bool, rp_weak: bool,
            tie: str) -> Forall:
    types = grid(n, g, closed)
    on_cone = cone(types, sigma, closed)
    assume(len(on_cone) > 0)
    tab = Table.on(n, on_cone)
    qs, ts = extension(tab, sigma, types, tie, closed)
    return Forall(
        tab.variables(),
        given={**rank_preserving(tab.q, on_cone, rp_weak),
               **ic(tab.q, tab.t, ((v, w) for v in on_cone for w in on_cone)),
               **ir(tab.q, tab.t, on_cone)},
        then={**{f"ext {k}": c for k, c in rank_preserving(qs, types, rp_weak).items()},
              **{f"ext {k}": c for k, c in ic(qs, ts, ((v, w) for v in types
                                                       for w in types)).items()},
              **{f"ext {k}": c for k, c in ir(qs, ts, types).items()}},
    )


@claim("p004/L2", source=paper.source("Lemma 2; proof L577-579", 188),
       statement=L2_STATEMENT,
       over={"n": Ints(2), "g": Ints(1), "cone": Ints(0, 5)}, limit={"n": 3, "g": 3},
       uses=L2_USES, backends=BACKENDS,
       analogue="grid V = {0..g}, n in {2, 3}: every mechanism table at once (strict types "
                "stand for D^H)",
       readings=(
           Reading("strict",
                   "finite analogue on the grid V = {0..g}, n in {2, 3}, for all mechanism "
                   "tables at once (one query per grid; g unbounded, cut at the limit). DOM "
                   "R1: strict types; every cone D(σ), σ = the cone-th permutation of S_n in "
                   "lexicographic order (cone < n!); the table lives on D(σ), its extension "
                   "q^s(v) = q(v^ρ)^{ρ^-1}, t^s(v) = t(v^ρ) with v^ρ in D(σ) (Def 3 after "
                   "relabeling the axes).",
                   kind="intended", expect="CHECKED"),
       ),
)
def lemma2_strict(n: int, g: int, cone: int) -> Forall:
    assume(cone < math.factorial(n))
    return _lemma2(n, g, all_perms(n)[cone], closed=False, rp_weak=False, tie="stable")


_L2_CLOSED = _GRID + ("DOM R2: the table lives on the weak cone {v_1 >= ... >= v_n} "
                      "(σ = σ^I, where the EXT readings are defined), the extension on V^n; ")


@claim("p004/L2", source=paper.source("Lemma 2; proof L577-579", 188),
       statement=L2_STATEMENT, over=OVER, limit={"n": 3, "g": 3}, uses=L2_USES, backends=BACKENDS,
       analogue="grid V = {0..g}, n in {2, 3}: every mechanism table at once (strict types "
                "stand for D^H)",
       readings=(
           Reading("closed.RP1.EXT1",
                   "finite analogue on the grid V = {0..g}, n in {2, 3}, for all mechanism "
                   "tables at once (one query per grid; g unbounded, cut at the limit). DOM "
                   "R2: the table lives on the weak cone {v_1 >= ... >= v_n} (σ = σ^I, where "
                   "the EXT readings are defined), the extension on V^n; TIE-RP R1 (v_i > "
                   "v_j, as printed) for the table and the extension; EXT R1 (at tied v, "
                   "q^s(v) averages q(v^π)^{π^-1} over all sorting π).",
                   kind="literal", expect="REFUTED", rp_weak=False, tie="average"),
           Reading("closed.RP1.EXT2",
                   "finite analogue on the grid V = {0..g}, n in {2, 3}, for all mechanism "
                   "tables at once (one query per grid; g unbounded, cut at the limit). DOM "
                   "R2: the table lives on the weak cone {v_1 >= ... >= v_n} (σ = σ^I, where "
                   "the EXT readings are defined), the extension on V^n; TIE-RP R1 (v_i > "
                   "v_j, as printed) for the table and the extension; EXT R2 (at tied v, the "
                   "stable sort π only).",
                   kind="literal", expect="REFUTED", rp_weak=False, tie="stable"),
           Reading("closed.RP2.EXT1",
                   "finite analogue on the grid V = {0..g}, n in {2, 3}, for all mechanism "
                   "tables at once (one query per grid; g unbounded, cut at the limit). DOM "
                   "R2: the table lives on the weak cone {v_1 >= ... >= v_n} (σ = σ^I, where "
                   "the EXT readings are defined), the extension on V^n; TIE-RP R2 (v_i >= "
                   "v_j) for the table and the extension; EXT R1 (average over all sorting "
                   "π).",
                   kind="alternative", expect="CHECKED", rp_weak=True, tie="average"),
           Reading("closed.RP2.EXT2",
                   "finite analogue on the grid V = {0..g}, n in {2, 3}, for all mechanism "
                   "tables at once (one query per grid; g unbounded, cut at the limit). DOM "
                   "R2: the table lives on the weak cone {v_1 >= ... >= v_n} (σ = σ^I, where "
                   "the EXT readings are defined), the extension on V^n; TIE-RP R2 (v_i >= "
                   "v_j) for the table and the extension; EXT R2 (stable sort).",
                   kind="alternative", expect="CHECKED", rp_weak=True, tie="stable"),
       ),
)
def lemma2_closed(n: int, g: int, rp_weak: bool, tie: str) -> Forall:
    return _lemma2(n, g, identity(n), closed=True, rp_weak=rp_weak, tie=tie)
