"""Steps of the printed proof of Theorem 1 (L532-575): T1a (L534-543), T1c ((15), L563-569),
T1d (L567, L573) of spec shared/specs/rank-preserving.md.

Each step is stated for real unknowns (the entries q_k(v), q_k(v^σ), t(v), t(v^σ) and the
values v_k as symbols), the hypotheses the proof invokes at that link (symmetry, IC, the
orderings) as `given`. The number of objects n is unbounded and cut at `limit`, so a true
step is CHECKED (n <= limit), not PROVED.
"""

from __future__ import annotations

from itertools import combinations, permutations

import sympy as sp

from claims.p004_rank_preserving import paper
from verify import Forall, Ints, Reals

R = Reals()


def _sym(name: str) -> sp.Symbol:
    return sp.Symbol(name, real=True)


# ----------------------------------------------------------------------------- T1a

def _pair(n: int, i: int, j: int) -> dict:
    """Unknowns for the transposition σ = (i j): v, q(v), q(v^σ), t(v), t(v^σ)."""
    tag = f"{i + 1}{j + 1}"
    v = [_sym(f"v{k + 1}") for k in range(n)]
    q = [_sym(f"q{k + 1}") for k in range(n)]
    qs = [_sym(f"qs{tag}_{k + 1}") for k in range(n)]
    return {"v": v, "q": q, "qs": qs, "t": _sym("t"), "ts": _sym(f"ts{tag}"), "tag": tag}


def _sigma(k: int, i: int, j: int) -> int:
    return j if k == i else i if k == j else k


def _variables(n: int, pairs: list[dict]) -> dict:
    out = {}
    for p in pairs:
        for s in (*p["v"], *p["q"], *p["qs"], p["t"], p["ts"]):
            out[s] = R
    return out


def _symmetry_t(p: dict) -> dict:
    return {f"Def 1, σ = ({p['tag']}): t(v^σ) = t(v)": sp.Eq(p["ts"], p["t"], evaluate=False)}


def _symmetry_q(p: dict, i: int, j: int, ks: range | tuple) -> dict:
    return {f"Def 1, σ = ({p['tag']}): q_{k + 1}(v^σ) = q_{_sigma(k, i, j) + 1}(v)":
            sp.Eq(p["qs"][k], p["q"][_sigma(k, i, j)], evaluate=False) for k in ks}


def _ic(p: dict) -> dict:
    v, q, qs = p["v"], p["q"], p["qs"]
    u = sp.Add(*[a * b for a, b in zip(v, q, strict=True)]) - p["t"]
    dev = sp.Add(*[a * b for a, b in zip(v, qs, strict=True)]) - p["ts"]
    return {f"IC: v does not gain by reporting v^σ, σ = ({p['tag']})":
            sp.Ge(u, dev, evaluate=False)}


def _dot_diff(p: dict) -> sp.Expr:
    return sp.Add(*[a * (b - c) for a, b, c in zip(p["v"], p["q"], p["qs"], strict=True)])


def _two_terms(p: dict, i: int, j: int) -> sp.Expr:
    v, q, qs = p["v"], p["q"], p["qs"]
    return v[i] * (q[i] - qs[i]) + v[j] * (q[j] - qs[j])


def _t1a(n: int, link: str) -> Forall:
    pairs = [(i, j, _pair(n, i, j)) for i, j in combinations(range(n), 2)]
    given: dict = {}
    then: dict = {}
    for i, j, p in pairs:
        tag = f"σ = ({p['tag']}): "
        v, q = p["v"], p["q"]
        if link == "link1":
            given |= _symmetry_t(p)
            then[tag + "0 = t(v) - t(v^σ)"] = sp.Eq(0, p["t"] - p["ts"], evaluate=False)
        elif link == "link2":
            given |= _ic(p)
            then[tag + "t(v) - t(v^σ) <= v.(q(v) - q(v^σ))"] = sp.Le(
                p["t"] - p["ts"], _dot_diff(p), evaluate=False)
        elif link == "link3":
            given |= _symmetry_q(p, i, j, tuple(k for k in range(n) if k not in (i, j)))
            then[tag + "v.(q(v) - q(v^σ)) = v_i(q_i(v) - q_i(v^σ)) + v_j(q_j(v) - q_j(v^σ))"] = (
                sp.Eq(_dot_diff(p), _two_terms(p, i, j), evaluate=False))
        elif link == "link4":
            given |= _symmetry_q(p, i, j, (i, j))
            then[tag + "v_i(q_i(v) - q_i(v^σ)) + v_j(q_j(v) - q_j(v^σ)) = "
                 "(v_i - v_j)(q_i(v) - q_j(v))"] = sp.Eq(
                _two_terms(p, i, j), (v[i] - v[j]) * (q[i] - q[j]), evaluate=False)
        else:  # conclusion, for each ordered pair of the transposition
            given |= _symmetry_t(p) | _symmetry_q(p, i, j, range(n)) | _ic(p)
            for a, b in ((i, j), (j, i)):
                then[f"{tag}v_{a + 1} > v_{b + 1} => q_{a + 1}(v) >= q_{b + 1}(v)"] = sp.Or(
                    sp.Le(v[a], v[b], evaluate=False), sp.Ge(q[a], q[b], evaluate=False),
                    evaluate=False)
    return Forall(_variables(n, [p for _, _, p in pairs]), given=given, then=then)


T1A_AT = "Proof of Theorem 1, (i) => (ii)"
T1A_OVER = {"n": Ints(2)}
T1A_LIMIT = {"n": 5}
T1A_NOTE = ("one transposition σ = (i j) per pair i < j of {1..n}, each with its own unknowns "
            "q(v^σ), t(v^σ); v, q(v), t(v) shared")

for _label, _line, _says in (
    ("T1a.link1", 537, "For σ = (i j): 0 = t(v) - t(v^σ), by symmetry (Def 1)."),
    ("T1a.link2", 538, "For σ = (i j): t(v) - t(v^σ) <= v.(q(v) - q(v^σ)), by IC of v against "
                       "v^σ."),
    ("T1a.link3", 539, "For σ = (i j): v.(q(v) - q(v^σ)) = v_i(q_i(v) - q_i(v^σ)) + v_j(q_j(v) "
                       "- q_j(v^σ)), since q_k(v) = q_k(v^σ) for k not in {i, j} (symmetry)."),
    ("T1a.link4", 540, "For σ = (i j): v_i(q_i(v) - q_i(v^σ)) + v_j(q_j(v) - q_j(v^σ)) = "
                       "(v_i - v_j)(q_i(v) - q_j(v)), by symmetry q_i(v^σ) = q_j(v), "
                       "q_j(v^σ) = q_i(v)."),
    ("T1a.conclusion", 543, "Symmetry and IC of v against v^σ for σ = (i j) give: v_i > v_j "
                            "implies q_i(v) >= q_j(v) (rank preservation)."),
):
    _link = _label.split(".")[1]

    def _make(link: str = _link):
        def step(n: int) -> Forall:
            return _t1a(n, link)
        step.__name__ = f"t1a_{link}"
        return step

    paper.claim(_label, at=(T1A_AT, _line if _link != "conclusion" else 534, 543), says=_says,
                role="step", of="T1.i-ii", over=T1A_OVER, limit=T1A_LIMIT, note=T1A_NOTE,
                expect="CHECKED")(_make())


# ----------------------------------------------------------------------------- T1c

@paper.claim("T1c.rearrangement", at=("Proof of Theorem 1, (15); footnote 19", 563, 569),
             says="Rearrangement inequality used in (15): if x_1 > ... > x_n and y_1 >= ... "
                  ">= y_n then Σ x_i y_i >= Σ x_π(i) y_i for every permutation π of {1..n} "
                  "(x = v^σ, y = (q_σ̂(i)(v̂))_i).",
             role="step", of="T1.ii-i", over={"n": Ints(2)}, limit={"n": 4},
             expect="CHECKED")
def t1c_rearrangement(n: int) -> Forall:
    x = [_sym(f"x{i + 1}") for i in range(n)]
    y = [_sym(f"y{i + 1}") for i in range(n)]
    given = {**{f"x{i + 1} > x{i + 2}": sp.Gt(x[i], x[i + 1], evaluate=False)
                for i in range(n - 1)},
             **{f"y{i + 1} >= y{i + 2}": sp.Ge(y[i], y[i + 1], evaluate=False)
                for i in range(n - 1)}}
    lhs = sp.Add(*[a * b for a, b in zip(x, y, strict=True)])
    then = {f"π = {tuple(k + 1 for k in pi)}: Σ x_i y_i >= Σ x_π(i) y_i":
            sp.Ge(lhs, sp.Add(*[x[pi[i]] * y[i] for i in range(n)]), evaluate=False)
            for pi in permutations(range(n))}
    return Forall({**dict.fromkeys(x, R), **dict.fromkeys(y, R)}, given=given, then=then)


# ----------------------------------------------------------------------------- T1d

@paper.claim("T1d.reindex", at=("Proof of Theorem 1, l.567 and l.573", 567, 573),
             says="Reindexing: Σ_i v_σ̂(i) q_σ̂(i)(v̂) - t(v̂) = Σ_i v_i q_i(v̂) - t(v̂) for "
                  "every permutation σ̂ of {1..n}.",
             role="step", of="T1.ii-i", over={"n": Ints(2)}, limit={"n": 4},
             expect="CHECKED")
def t1d_reindex(n: int) -> Forall:
    v = [_sym(f"v{i + 1}") for i in range(n)]
    q = [_sym(f"q{i + 1}") for i in range(n)]
    t = _sym("t")
    rhs = sp.Add(*[a * b for a, b in zip(v, q, strict=True)]) - t
    then = {f"σ̂ = {tuple(k + 1 for k in s)}: Σ v_σ̂(i) q_σ̂(i) - t = Σ v_i q_i - t":
            sp.Eq(sp.Add(*[v[s[i]] * q[s[i]] for i in range(n)]) - t, rhs, evaluate=False)
            for s in permutations(range(n))}
    return Forall({**dict.fromkeys(v, R), **dict.fromkeys(q, R), t: R}, then=then)


# ----------------------------------------------------------------------------- T1b

def _vec(name: str, n: int) -> list[sp.Symbol]:
    return [_sym(f"{name}{k + 1}") for k in range(n)]


def _tag(s: tuple[int, ...]) -> str:
    return "".join(str(k + 1) for k in s)


def _t1b(n: int, link: str) -> Forall:
    """v in D(σ), v̂ in D(σ̂); v^σ_i = v_σ(i) (13). Unknowns: v, q(v), t(v), q(v̂), t(v̂) and,
    per σ (σ̂), q(v^σ), t(v^σ) (q(v̂^σ̂), t(v̂^σ̂))."""
    v, q, t = _vec("v", n), _vec("q", n), _sym("t")
    qh, th = _vec("qh", n), _sym("th")
    perms = list(permutations(range(n)))
    qv = {s: _vec(f"qv{_tag(s)}_", n) for s in perms}     # q(v^σ)
    tv = {s: _sym(f"tv{_tag(s)}") for s in perms}          # t(v^σ)
    qw = {s: _vec(f"qw{_tag(s)}_", n) for s in perms}     # q(v̂^σ̂)
    tw = {s: _sym(f"tw{_tag(s)}") for s in perms}          # t(v̂^σ̂)
    variables = dict.fromkeys([*v, *q, t, *qh, th], R)
    given: dict = {}
    then: dict = {}
    for s in perms:
        tag = f"σ = {_tag(s)}: "
        vs = [v[s[i]] for i in range(n)]                   # v^σ by (13)
        if link == "eq1":
            then[tag + "Σ v_i q_i(v) - t(v) = Σ v_σ(i) q_σ(i)(v) - t(v)"] = sp.Eq(
                sp.Add(*[v[i] * q[i] for i in range(n)]) - t,
                sp.Add(*[v[s[i]] * q[s[i]] for i in range(n)]) - t, evaluate=False)
        elif link == "eq2":
            variables |= dict.fromkeys([*qv[s], tv[s]], R)
            given |= {f"Def 1, {tag}q_{i + 1}(v^σ) = q_σ({i + 1})(v)":
                      sp.Eq(qv[s][i], q[s[i]], evaluate=False) for i in range(n)}
            given[f"Def 1, {tag}t(v^σ) = t(v)"] = sp.Eq(tv[s], t, evaluate=False)
            then[tag + "Σ v_σ(i) q_σ(i)(v) - t(v) = Σ v^σ_i q_i(v^σ) - t(v^σ)"] = sp.Eq(
                sp.Add(*[v[s[i]] * q[s[i]] for i in range(n)]) - t,
                sp.Add(*[vs[i] * qv[s][i] for i in range(n)]) - tv[s], evaluate=False)
        else:
            for h in perms:
                tag2 = f"σ = {_tag(s)}, σ̂ = {_tag(h)}: "
                if link == "ineq3":
                    variables |= dict.fromkeys([*qv[s], tv[s], *qw[h], tw[h]], R)
                    u = sp.Add(*[vs[i] * qv[s][i] for i in range(n)]) - tv[s]
                    dev = sp.Add(*[vs[i] * qw[h][i] for i in range(n)]) - tw[h]
                    given[f"IC on D(σ^I), {tag2}v^σ against v̂^σ̂"] = sp.Ge(u, dev,
                                                                             evaluate=False)
                    then[tag2 + "Σ v^σ_i q_i(v^σ) - t(v^σ) >= Σ v^σ_i q_i(v̂^σ̂) - t(v̂^σ̂)"] = (
                        sp.Ge(u, dev, evaluate=False))
                else:  # eq4, (14)
                    variables |= dict.fromkeys([*qw[h], tw[h]], R)
                    given |= {f"Def 1, σ̂ = {_tag(h)}: q_{i + 1}(v̂^σ̂) = q_σ̂({i + 1})(v̂)":
                              sp.Eq(qw[h][i], qh[h[i]], evaluate=False) for i in range(n)}
                    given[f"Def 1, σ̂ = {_tag(h)}: t(v̂^σ̂) = t(v̂)"] = sp.Eq(tw[h], th,
                                                                            evaluate=False)
                    then[tag2 + "Σ v^σ_i q_i(v̂^σ̂) - t(v̂^σ̂) = Σ v^σ_i q_σ̂(i)(v̂) - t(v̂)"] = (
                        sp.Eq(sp.Add(*[vs[i] * qw[h][i] for i in range(n)]) - tw[h],
                              sp.Add(*[vs[i] * qh[h[i]] for i in range(n)]) - th,
                              evaluate=False))
    return Forall(variables, given=given, then=then)


T1B_AT = "Proof of Theorem 1, (ii) => (i), (13)-(14)"
for _label, _lines, _says in (
    ("T1b.eq1", (552, 552), "Σ v_i q_i(v) - t(v) = Σ v_σ(i) q_σ(i)(v) - t(v) (reindexing)."),
    ("T1b.eq2", (553, 553), "Σ v_σ(i) q_σ(i)(v) - t(v) = Σ v^σ_i q_i(v^σ) - t(v^σ), by "
                            "symmetry and (13) v^σ_i = v_σ(i)."),
    ("T1b.ineq3", (554, 561), "Σ v^σ_i q_i(v^σ) - t(v^σ) >= Σ v^σ_i q_i(v̂^σ̂) - t(v̂^σ̂), "
                              "by IC on D(σ^I) (v^σ, v̂^σ̂ in D(σ^I))."),
    ("T1b.eq4", (559, 559), "(14): Σ v^σ_i q_i(v̂^σ̂) - t(v̂^σ̂) = Σ v^σ_i q_σ̂(i)(v̂) - t(v̂), "
                            "by symmetry."),
):
    _link = _label.split(".")[1]

    def _make_b(link: str = _link):
        def step(n: int) -> Forall:
            return _t1b(n, link)
        step.__name__ = f"t1b_{link}"
        return step

    paper.claim(_label, at=(T1B_AT, *_lines), says=_says, role="step", of="T1.ii-i",
                over={"n": Ints(2)}, limit={"n": 3},
                note="every σ (and σ̂) in S_n; v^σ written out by (13)",
                expect="CHECKED")(_make_b())


# ----------------------------------------------------------------------------- Lemma 2

def _inverse(s: tuple[int, ...]) -> list[int]:
    inv = [0] * len(s)
    for i, k in enumerate(s):
        inv[k] = i
    return inv


@paper.claim("L2a.rank-preserving", at=("Proof of Lemma 2", 577, 577),
             says="If (q, t) is rank preserving on D(σ^I) then its symmetric extension is "
                  "rank preserving on D^H: for v in D(σ) (v_σ(1) > ... > v_σ(n)), "
                  "q^s_σ(i)(v) = q_i(v^σ) with q_1(v^σ) >= ... >= q_n(v^σ), and v_a > v_b "
                  "implies q^s_a(v) >= q^s_b(v).",
             role="step", of="L2", over={"n": Ints(2)}, limit={"n": 4},
             note="every cone D(σ), σ in S_n, one conjunct per (σ, a, b)", expect="CHECKED")
def l2a_rank_preserving(n: int) -> Forall:
    perms = list(permutations(range(n)))
    qI = _vec("qI", n)                                      # q(v^σ), v^σ in D(σ^I)
    variables = dict.fromkeys(qI, R)
    given = {f"RP on D(σ^I): q_{i + 1}(v^σ) >= q_{i + 2}(v^σ)":
             sp.Ge(qI[i], qI[i + 1], evaluate=False) for i in range(n - 1)}
    then: dict = {}
    for s in perms:
        v = _vec(f"v{_tag(s)}_", n)                         # v in D(σ)
        variables |= dict.fromkeys(v, R)
        given |= {f"σ = {_tag(s)}: v_σ({i + 1}) > v_σ({i + 2})":
                  sp.Gt(v[s[i]], v[s[i + 1]], evaluate=False) for i in range(n - 1)}
        inv = _inverse(s)                                   # q^s_k(v) = q_{σ^-1(k)}(v^σ)
        for a in range(n):
            for b in range(n):
                if a != b:
                    then[f"σ = {_tag(s)}: v_{a + 1} > v_{b + 1} => q^s_{a + 1}(v) >= "
                         f"q^s_{b + 1}(v)"] = sp.Or(
                        sp.Le(v[a], v[b], evaluate=False),
                        sp.Ge(qI[inv[a]], qI[inv[b]], evaluate=False), evaluate=False)
    return Forall(variables, given=given, then=then)


@paper.claim("L2b.payoff", at=("Proof of Lemma 2", 579, 579),
             says="The payoff of v in D(σ) under the symmetric extension equals the payoff of "
                  "v^σ in D(σ^I): Σ_k v_k q^s_k(v) - t^s(v) = Σ_i v^σ_i q_i(v^σ) - t(v^σ), "
                  "with q^s_σ(i)(v) = q_i(v^σ), t^s(v) = t(v^σ), v^σ_i = v_σ(i).",
             role="step", of="L2", over={"n": Ints(2)}, limit={"n": 4},
             note="every σ in S_n; q^s(v) written out by Def 3", expect="CHECKED")
def l2b_payoff(n: int) -> Forall:
    v, qI, tI = _vec("v", n), _vec("qI", n), _sym("tI")
    then = {}
    for s in permutations(range(n)):
        inv = _inverse(s)
        then[f"σ = {_tag(s)}: u^s(v) = u(v^σ)"] = sp.Eq(
            sp.Add(*[v[k] * qI[inv[k]] for k in range(n)]) - tI,
            sp.Add(*[v[s[i]] * qI[i] for i in range(n)]) - tI, evaluate=False)
    return Forall(dict.fromkeys([*v, *qI, tI], R), then=then)
