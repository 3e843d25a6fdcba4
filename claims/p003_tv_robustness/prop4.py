"""Proposition 4 (S38) and its proof (S39) on pairwise MRFs over two binary items.

S38 runs over every law on {0,1}^2 with full support and small-denominator masses (each such law
is a pairwise MRF), at the least Delta of any representation; the existential 'some product
D^p' is witnessed by an explicit rational product whose TV is exact. S39.4-S39.6 run over every
representation (node product, edge weights) on a grid, with the proof's node-potential product.
All comparisons are exact (rational, or verify.exact for e^x against a rational).
"""

from __future__ import annotations

import functools
import itertools
import math
from fractions import Fraction as F

import sympy as sp

from claims.p003_tv_robustness import paper
from claims.p003_tv_robustness.model import grid_priors, note_laws, storable
from verify import Forall, Ints, Reals, evidence, exact
from verify.mech.distributions import Distribution
from verify.mech.tv import tv
from verify.paper import Reading

CELLS = [(x, y) for x in (0, 1) for y in (0, 1)]


def _r(v: F) -> sp.Rational:
    return sp.Rational(v.numerator, v.denominator)


# ------------------------------------------------------------------ S38 over every law (p003b)
#
# Every law D on {0,1}^2 with full support is a pairwise MRF (one edge), and its least Delta
# over all representations is Delta_min = |L|/4 with L = ln r, r = D00 D11/(D01 D10) (the node
# potentials cancel in L; psi_e = +-L/4 attains it). The bound is increasing in Delta, so the
# statement for every representation (RΔ1) is the statement at Delta_min (RΔ2). With m = 2 and
# R = max(r, 1/r): sqrt(m Delta)/4 >= TV iff exp(32 TV^2) <= R, and sqrt(1 - e^(-m Delta/2))
# >= TV iff R (1 - TV^2)^4 >= 1 (rational). The product D^p is found by a float search (floats
# only find), rounded to rationals; its TV is exact and every comparison is exact
# (verify.exact.sign for the exponential). A law for which the found product misses the bound is
# an error of the search, never a refutation (no lower bound on the minimum over products).


def full_laws(d: int) -> list[Distribution]:
    """Every law on {0,1}^2 with full support whose masses have least common denominator d."""
    out = []
    for masses in grid_priors(4, d):
        if min(masses) > 0 and math.lcm(*(m.denominator for m in masses)) == d:
            out.append(Distribution(dict(zip(CELLS, masses, strict=True))))
    return out


def _product(x: F, y: F) -> Distribution:
    return Distribution({(a, b): (x if a == 0 else 1 - x) * (y if b == 0 else 1 - y)
                         for a, b in CELLS})


def find_product(dist: Distribution) -> tuple[F, Distribution]:
    """A product close to ``dist`` in TV: a float search over x in [0, 1] with, for each x, the
    breakpoints in y of the convex piecewise-linear y -> TV; then rounded to rationals. Returns
    the exact TV and the product (the product of marginals if that is closer)."""
    import numpy as np  # floats only find the product; the returned TV is exact

    dm = np.array([[float(dist.mass((a, b))) for b in (0, 1)] for a in (0, 1)])
    best = (9.0, 0.5, 0.5)
    lo, hi = 0.0, 1.0
    for _ in range(3):
        xs = np.linspace(lo, hi, 401)
        xm = np.stack([xs, 1 - xs], axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            cand = np.concatenate([dm[:, :1].T / xm, 1 - dm[:, 1:].T / xm,
                                   np.zeros((len(xs), 1)), np.ones((len(xs), 1))], axis=1)
        cand = np.clip(np.nan_to_num(cand, nan=0.0, posinf=1.0, neginf=0.0), 0, 1)
        for k in range(cand.shape[1]):
            y = cand[:, k]
            val = 0.5 * sum(np.abs(dm[a, 0] - xm[:, a] * y) + np.abs(dm[a, 1] - xm[:, a] * (1 - y))
                            for a in (0, 1))
            j = int(val.argmin())
            if val[j] < best[0]:
                best = (float(val[j]), float(xs[j]), float(y[j]))
        step = (hi - lo) / 400
        lo, hi = max(0.0, best[1] - 2 * step), min(1.0, best[1] + 2 * step)
    x = min(max(F(best[1]).limit_denominator(10**5), F(0)), F(1))
    y = min(max(F(best[2]).limit_denominator(10**5), F(0)), F(1))
    found = _product(x, y)
    marg = _product(dist.probability(lambda t: t[0] == 0), dist.probability(lambda t: t[1] == 0))
    return min((tv(dist, found), found), (tv(dist, marg), marg), key=lambda c: c[0])


def log_odds_ratio(dist: Distribution) -> F:
    """R = max(r, 1/r) for r = D00 D11/(D01 D10): Delta_min = ln(R)/4."""
    r = dist.mass((0, 0)) * dist.mass((1, 1)) / (dist.mass((0, 1)) * dist.mass((1, 0)))
    return max(r, 1 / r)


def _pinsker_term_holds(t: F, big_r: F) -> bool:
    """t <= sqrt(m Delta)/4 with m = 2, Delta = ln(R)/4, i.e. exp(32 t^2) <= R, exactly."""
    return exact.sign(sp.exp(_r(32 * t * t)) - _r(big_r), {}) <= 0


def _bh_term_holds(t: F, big_r: F) -> bool:
    """t <= sqrt(1 - e^(-m Delta/2)) with m = 2, Delta = ln(R)/4, i.e. R (1 - t^2)^4 >= 1."""
    return t <= 1 and big_r * (1 - t * t) ** 4 >= 1


TERMS = (
    Reading("min", "the stated bound min{sqrt(m Delta)/4, sqrt(1 - e^(-m Delta/2))}",
            kind="intended", expect="CHECKED", term="min"),
    Reading("pinsker", "the first term alone, sqrt(m Delta)/4 (S38.a)", kind="alternative",
            expect="CHECKED", term="a"),
    Reading("bh", "the second term alone, sqrt(1 - e^(-m Delta/2)) (S38.b)",
            kind="alternative", expect="CHECKED", term="b"),
)


@functools.cache
def _witnesses(d: int) -> tuple[tuple[Distribution, F, F, Distribution], ...]:
    return tuple((law, log_odds_ratio(law), *find_product(law)) for law in full_laws(d))


@paper.claim("S38", at=("Proposition 4", 227),
             says="For every D produced by an MRF with only pairwise edges on m items, some "
             "product D^p has d_TV(D, D^p) <= min{sqrt(m Delta)/4, sqrt(1 - e^(-m Delta/2))}.",
             readings=TERMS, over={"d": Ints(4)}, limit={"d": 12},
             note="m = 2 binary items: every law on {0,1}^2 with full support and masses in "
             "(1/d)Z (each is a pairwise MRF), at Delta_min = |ln r|/4, the least Delta of any "
             "representation (so every representation, RΔ1, is covered); natural log (RL1). "
             "The witness product is exact; its TV is at most about 0.94 of the stated bound.",
             deviation="m = 2 binary items only")
def prop4(d: int, term: str) -> bool:
    evidence("exact TV of an explicit product; exp(32 TV^2) <= R by verify.exact.sign, the "
             "second term rational")
    for law, big_r, t, dp in _witnesses(d):
        ok_a = _pinsker_term_holds(t, big_r) if term in ("a", "min") else True
        ok_b = _bh_term_holds(t, big_r) if term in ("b", "min") else True
        if not (ok_a and ok_b):
            raise AssertionError(f"the product search found no product within the bound for "
                                 f"{storable(law)} (best TV {t}, R = {big_r}, product "
                                 f"{storable(dp)}): not a refutation, decide it with a lower "
                                 f"bound on the minimum over products")
    return True


# ------------------------------------------------------------------ S39.4-6 over representations
#
# A representation of a pairwise MRF on two binary items is a node product D^p = p (x) q (the
# proof's D^p, L605) and one edge with weights w_t = e^(psi_e(t)); D is proportional to D^p w.
# Delta = max_t |ln w_t| (d_1 = d_2 = max_x |psi_e(x)|) and m Delta/2 = Delta. With w_t in
# {2^j : |j| <= J}, e^Delta = 2^jmax and every comparison is exact: e^KL against 2^jmax through
# prod_t (D_t/P_t)^(N D_t) against 2^(jmax N) (N the common denominator of the weights of the
# divergence, rational), e^(2 TV^2) against 2^jmax by verify.exact.sign, and 1 - 2^-jmax
# rationally.


def representations(d: int, big_j: int) -> list[tuple[Distribution, Distribution, int]]:
    """(D, D^p, jmax) for every node product with marginal masses in (1/d)Z strictly inside
    (0, 1) and every edge weight vector in {2^j : |j| <= J}^4 with max |j| = J exactly (smaller
    J are the earlier slices)."""
    out = []
    inner = [F(k, d) for k in range(1, d)]
    for x, y in itertools.product(inner, repeat=2):
        if math.lcm(x.denominator, y.denominator) != d:
            continue
        node = _product(x, y)
        for js in itertools.product(range(-big_j, big_j + 1), repeat=4):
            if max(abs(j) for j in js) != big_j:
                continue
            raw = {c: node.mass(c) * F(2) ** j for c, j in zip(CELLS, js, strict=True)}
            z = sum(raw.values(), F(0))
            out.append((Distribution({c: v / z for c, v in raw.items()}), node, big_j))
    return out


def exp_kl_le_power_of_two(p: Distribution, q: Distribution, j: int) -> bool:
    """D_KL(p || q) <= j ln 2, exactly: prod_t (p_t/q_t)^(N p_t) <= 2^(j N)."""
    n = math.lcm(*(m.denominator for _, m in p.items()))
    lhs = F(1)
    for c, m in p.items():
        lhs *= (m / q.mass(c)) ** int(m * n)
    return lhs <= F(2) ** (j * n)


REPS = ("m = 2 binary items; every representation with node product masses in (1/d)Z and "
        "edge weights in {2^j : |j| <= J} (slices: d and the largest |j|); natural log.")


@paper.claim("S39.4", at=("proof of Proposition 4", 633), role="step", of="S38",
             says="With D^p the node-potential product (L605): min{D_KL(D^p || D), D_KL(D || D^p)} "
             "<= m Delta/2 (from S39.1, S39.2 and S39.3).", expect="CHECKED", note=REPS,
             over={"d": Ints(2), "J": Ints(0)}, limit={"d": 4, "J": 1},
             deviation="m = 2 binary items, edge weights powers of 2")
def kl_bound(d: int, J: int) -> bool:  # noqa: N803 - the paper's bound name
    evidence("exact rational comparison of e^KL with e^(m Delta/2)")
    for law, node, j in representations(d, J):
        if not (exp_kl_le_power_of_two(law, node, j) or exp_kl_le_power_of_two(node, law, j)):
            note_laws(D=law, D_p=node, jmax=j)
            return False
    return True


@paper.claim("S39.5", at=("proof of Proposition 4", 633), role="step", of="S38",
             says="Pinsker: d_TV(D, D^p) <= sqrt(min KL/2) <= sqrt(m Delta/4), for the node "
             "product D^p.", expect="CHECKED", note=REPS,
             over={"d": Ints(2), "J": Ints(0)}, limit={"d": 4, "J": 1},
             deviation="m = 2 binary items, edge weights powers of 2")
def pinsker(d: int, J: int) -> bool:  # noqa: N803
    evidence("exact TV; exp(2 TV^2) <= 2^jmax by verify.exact.sign")
    for law, node, j in representations(d, J):
        t = tv(law, node)
        if exact.sign(sp.exp(_r(2 * t * t)) - 2**j, {}) > 0:
            note_laws(D=law, D_p=node, jmax=j, tv=t)
            return False
    return True


@paper.claim("S39.6", at=("proof of Proposition 4", 633), role="step", of="S38",
             says="Bretagnolle-Huber: d_TV(D, D^p) <= sqrt(1 - exp(-m Delta/2)), for the node "
             "product D^p.", expect="CHECKED", note=REPS,
             over={"d": Ints(2), "J": Ints(0)}, limit={"d": 4, "J": 1},
             deviation="m = 2 binary items, edge weights powers of 2")
def bretagnolle_huber(d: int, J: int) -> bool:  # noqa: N803
    evidence("exact rational comparison TV^2 <= 1 - 2^-jmax")
    for law, node, j in representations(d, J):
        t = tv(law, node)
        if t * t > 1 - F(1, 2**j):
            note_laws(D=law, D_p=node, jmax=j, tv=t)
            return False
    return True


mD = sp.Symbol("mDelta", real=True)


@paper.claim("S39.7", at=("proof of Proposition 4", 633), role="step", of="S38",
             says="'Combining these inequalities we have the desired bound': the Pinsker bound "
             "sqrt(m Delta/4) of S39.5 is at most the stated first term sqrt(m Delta)/4, for "
             "every m Delta > 0.", expect="REFUTED",
             note="sqrt(m Delta/4) = sqrt(m Delta)/2, twice the stated term.")
def combine() -> Forall:
    return Forall({mD: Reals(0, lo_open=True)},
                  then={"sqrt(mD/4) <= sqrt(mD)/4": sp.Le(sp.sqrt(mD / 4), sp.sqrt(mD) / 4)})


@paper.claim("S39.3", at=("proof of Proposition 4", 631), role="step", of="S38",
             says="For pairwise edges: sum_e psi_e(t_e) = (1/2) sum_i sum_{e containing i} "
             "psi_e(t_e), so |sum_e psi_e| <= m Delta/2 when every |sum_{e containing i}| <= "
             "Delta (m = 3, a triangle).", expect="PROVED")
def pairwise_sum() -> Forall:
    a, b, c, dl = sp.symbols("psi01 psi12 psi02 Delta", real=True)
    per = [a + c, a + b, b + c]
    given = {f"|node {i}| <= Delta": sp.Le(sp.Abs(v), dl) for i, v in enumerate(per)}
    return Forall({a: Reals(), b: Reals(), c: Reals(), dl: Reals(0)}, given=given,
                  then={"sum = half": sp.Eq(a + b + c, sp.Add(*per) / 2, evaluate=False),
                        "|sum| <= 3 Delta/2": sp.Le(sp.Abs(a + b + c), 3 * dl / 2)})


# ------------------------------------------------------------------ S38 for m = 3 (p003b)
#
# Three binary items, all three pairwise edges. A law of the family is D(x) proportional to
# prod_i n_i(x_i) prod_e w_e(x_e) with n_i = (p_i, 1 - p_i) and w_e(1, 1) = 2^k_e (else 1). Every
# representation of D has edge potentials psi_e(x, y) = (k_e x y + a_e + b_e x + c_e y) ln 2 (the
# x_i x_j coefficient of ln D is unique), so Delta_min / ln 2 is an exact LP over (a, b, c).

CUBE = list(itertools.product((0, 1), repeat=3))
EDGES3 = ((0, 1), (1, 2), (0, 2))


def mrf3_law(ps: tuple[F, F, F], ks: tuple[int, int, int]) -> Distribution:
    raw = {}
    for x in CUBE:
        v = F(1)
        for i in range(3):
            v *= ps[i] if x[i] == 0 else 1 - ps[i]
        for (i, j), k in zip(EDGES3, ks, strict=True):
            if x[i] == 1 and x[j] == 1:
                v *= F(2) ** k
        raw[x] = v
    z = sum(raw.values(), F(0))
    return Distribution({x: v / z for x, v in raw.items()})


@functools.cache
def delta_min3(ks: tuple[int, int, int]) -> F:
    """min over every representation of max_i max_x |sum_{e containing i} psi_e(x_e)|, in
    units of ln 2: an exact LP (verify.mech.lp, certificate re-checked)."""
    from verify.mech.lp import Constraint, LinearProgram, Variable, solve

    names = [f"{c}{e}" for e in range(3) for c in "abc"]
    rows = []
    for i in range(3):
        for x in CUBE:
            coef: dict[str, F] = {}
            const = F(0)
            for e, (u, v) in enumerate(EDGES3):
                if i not in (u, v):
                    continue
                const += ks[e] * x[u] * x[v]
                coef[f"a{e}"] = coef.get(f"a{e}", F(0)) + 1
                coef[f"b{e}"] = coef.get(f"b{e}", F(0)) + x[u]
                coef[f"c{e}"] = coef.get(f"c{e}", F(0)) + x[v]
            rows.append(Constraint(f"up{i}{x}", {**coef, "t": F(-1)}, "<=", -const))
            rows.append(Constraint(f"lo{i}{x}", {**{k: -c for k, c in coef.items()}, "t": F(-1)},
                                   "<=", const))
    lp = LinearProgram((*(Variable.free(n) for n in names), Variable("t")), {"t": 1},
                       tuple(rows), "min")
    res = solve(lp)
    res.verify()
    assert res.value is not None
    return res.value


def find_product3(dist: Distribution) -> tuple[F, Distribution]:
    """A product close to ``dist``: float coordinate descent (each coordinate's TV is convex
    piecewise linear, minimised at a breakpoint) from several starts, rounded to rationals;
    the returned TV is exact (the product of marginals is kept if it is closer)."""
    import numpy as np  # floats only find the product

    dm = np.array([float(dist.mass(x)) for x in CUBE])
    bits = np.array(CUBE)
    marg = [dist.probability(lambda t, i=i: t[i] == 0) for i in range(3)]
    best_z, best_v = None, 9.0
    starts = [tuple(float(m) for m in marg), *itertools.product((0.25, 0.75), repeat=3)]
    for start in starts:
        z = np.array(start, dtype=float)
        for _ in range(12):
            for i in range(3):
                others = np.delete(bits, i, 1)
                rest = np.prod(np.where(others == 0, np.delete(z, i), 1 - np.delete(z, i)),
                               axis=1)
                with np.errstate(divide="ignore", invalid="ignore"):
                    cands = np.where(bits[:, i] == 0, dm / rest, 1 - dm / rest)
                cands = np.clip(np.nan_to_num(np.append(cands, [0.0, 1.0])), 0, 1)
                own = np.where(bits[None, :, i] == 0, cands[:, None], 1 - cands[:, None])
                vals = 0.5 * np.abs(dm[None, :] - own * rest[None, :]).sum(axis=1)
                z[i] = cands[int(np.argmin(vals))]
        v = 0.5 * np.abs(dm - np.prod(np.where(bits == 0, z, 1 - z), axis=1)).sum()
        if v < best_v:
            best_v, best_z = v, z.copy()
    assert best_z is not None
    zs = [min(max(F(float(c)).limit_denominator(10**5), F(0)), F(1)) for c in best_z]
    out = []
    for z3 in (zs, marg):
        p = Distribution({x: math.prod((z3[i] if x[i] == 0 else 1 - z3[i]) for i in range(3))
                          for x in CUBE})
        out.append((tv(dist, p), p))
    return min(out, key=lambda c: c[0])


def mrf3_laws(d: int, big_k: int) -> list[tuple[tuple[F, F, F], tuple[int, int, int]]]:
    """Node weights in (1/d)Z strictly inside (0, 1) with least common denominator d, edge
    exponents in {-K..K}^3 with max |k_e| = K."""
    inner = [F(j, d) for j in range(1, d)]
    out = []
    for ps in itertools.product(inner, repeat=3):
        if math.lcm(*(p.denominator for p in ps)) != d:
            continue
        for ks in itertools.product(range(-big_k, big_k + 1), repeat=3):
            if max((abs(k) for k in ks), default=0) == big_k:
                out.append((ps, ks))
    return out


@functools.cache
def _m3_witnesses(d: int, big_k: int) -> tuple[tuple[tuple[F, F, F], tuple[int, int, int], F, F],
                                              ...]:
    """(node weights, interactions, TV of the found product, Delta_min / ln 2) per law."""
    return tuple((ps, ks, find_product3(mrf3_law(ps, ks))[0], delta_min3(ks))
                 for ps, ks in mrf3_laws(d, big_k))


@paper.claim("S38.m3", at=("Proposition 4", 227),
             says="For every D produced by an MRF with only pairwise edges on m = 3 items, some "
             "product D^p has d_TV(D, D^p) <= min{sqrt(m Delta)/4, sqrt(1 - e^(-m Delta/2))}.",
             readings=TERMS, over={"d": Ints(2), "K": Ints(0)}, limit={"d": 2, "K": 2},
             note="m = 3 binary items, all three pairwise edges: node weights in (1/d)Z and "
             "interaction weights 2^k_e, |k_e| <= K; Delta = Delta_min (exact LP over every "
             "representation, so RΔ1 for every representation is covered); natural log.",
             deviation="m = 3 binary items, a grid of rational node weights and power-of-2 "
             "interactions")
def prop4_m3(d: int, K: int, term: str) -> bool:  # noqa: N803 - the grid's bound name
    evidence("exact TV of an explicit product; Delta_min by an exact LP; the comparisons by "
             "verify.exact.sign")
    ln2 = sp.log(2)
    for ps, ks, t, dl_f in _m3_witnesses(d, K):
        dl, tt = _r(dl_f), _r(t)
        ok_a = term == "b" or exact.sign(16 * tt**2 - 3 * dl * ln2, {}) <= 0
        ok_b = term == "a" or exact.sign(tt**2 - 1 + sp.Integer(2) ** (-3 * dl / 2), {}) <= 0
        if not (ok_a and ok_b):
            raise AssertionError(f"the product search found no product within the bound for "
                                 f"node weights {ps}, interactions 2^{ks} (TV {tt}, Delta_min = "
                                 f"{dl} ln 2): not a refutation")
    return True
