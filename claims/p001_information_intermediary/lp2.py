"""LP (2) of Theorem 5 (l.197-212) per instance, decided exactly.

* Finite part (kernel, certified): :func:`verify.mech.signaling.optimal_scheme` over a finite
  family F of product posteriors: a grid, the T1 corners (alpha_1, 0), (alpha_1, 1), T2 points
  on a phi-grid, the prior, and the images of every grid point under the (corrected) moves of
  the proof (so that the move argument can be replayed inside F). Each column's CS is the
  certified two-stage D6 optimum of its posterior (fav = CS_max, adv = CS_min).
* Continuum part (z3, exact): the dual y of the finite master certifies the value of LP (2)
  over *all* product signals (alpha', beta') in [0, 1]^2 when no signal has
  CS(s) > y . mu(s); CS(s) of a signal outside F is Proposition 1's formula under C1 (fav: the
  max of the applicable case formulas, adv: the min; checked against the D6 LP by
  p001/PR-1.C1). z3 decides each case region as a nonlinear real problem.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

from claims.p001_information_intermediary.model import ZERO, Inst, cases, cs_prop1, grid
from verify.mech.signaling import OptimalScheme, max_weight_among_optima, optimal_scheme

if TYPE_CHECKING:  # z3 is imported only by the functions that solve (witnesses replay without it)
    import z3

F = Fraction


def signal_of(s: Inst, post) -> tuple[Fraction, Fraction]:  # noqa: ANN001
    A = post.mass((s.a, s.c)) + post.mass((s.a, s.d))
    B = post.mass((s.a, s.c)) + post.mass((s.b, s.c))
    return A, B


def chain(s: Inst, A: Fraction, B: Fraction) -> list[tuple[Fraction, Fraction]]:
    """The T1 u T2 images of (A, B) under the corrected moves (empty if none applies)."""
    p1, p2 = s.phi1(A), s.phi2(B)
    out: list[tuple[Fraction, Fraction]] = []
    if p1 is not None and p1 > s.c and A > 0:
        out.append((s.alpha1, B))  # move 1
    if p1 is not None and p2 is not None:
        if p2 > p1 and p2 >= 0:  # case 2: phi_2 down to max(0, phi_1), then phi_1 up to 0
            m = max(ZERO, p1)
            out.append((A, (s.d - m) / (s.c - m)))
            if p1 < 0:
                out.append((s.b / s.a, s.d / s.c))
        if p2 < p1 and 0 <= p1 <= s.c:  # case 4: phi_1 down to max(0, phi_2), then phi_2 up
            m = max(ZERO, p2)
            out.append(((s.b - m) / (s.a - m), B))
            if p2 < 0:
                out.append((s.b / s.a, s.d / s.c))
    return out


def family(s: Inst, n: int, m: int) -> list[tuple[Fraction, Fraction]]:
    """Grid {0, 1/n, .., 1}^2, the T1 corners, T2 at phi = k d/m, the prior, move images."""
    pts = {(A, B) for A in grid(n) for B in grid(n)}
    pts |= {(s.alpha1, ZERO), (s.alpha1, F(1)), (s.alpha, s.beta)}
    pts |= {s.t2_point(s.d * k / m) for k in range(m + 1)}
    for A, B in list(pts):
        pts.update(chain(s, A, B))
    return sorted(pts, key=lambda p: (p[0].denominator, p[1].denominator, p))


def in_t(s: Inst, A: Fraction, B: Fraction) -> bool:
    return s.in_t1(A, B) or s.in_t2(A, B)


def solve_lp2(s: Inst, tie: str, pts: Iterable[tuple[Fraction, Fraction]]) -> OptimalScheme:
    return optimal_scheme(s.prior(), [s.posterior(A, B) for A, B in pts], tie=tie,  # type: ignore[arg-type]
                          values=s.values)


def offending_weight(s: Inst, res: OptimalScheme) -> tuple[Fraction, object]:
    """Largest weight an optimal scheme over the family puts on positive-CS columns outside
    T1 u T2 (certified LP), and a scheme attaining it."""
    def bad(col) -> bool:  # noqa: ANN001
        return col.cs > 0 and not in_t(s, *signal_of(s, col.posterior))
    w, scheme, _ = max_weight_among_optima(res, bad)
    return w, scheme


# ----------------------------------------------------------------------------- z3 continuum


def _q(x: Fraction) -> z3.ArithRef:
    import z3

    return z3.RealVal(f"{x.numerator}/{x.denominator}")


@dataclass
class Region:
    """z3 terms for a signal (A, B) of instance s; phi's are -infinity at A = 1 / B = 1."""

    A: z3.ArithRef
    B: z3.ArithRef
    P1: z3.ArithRef
    P2: z3.ArithRef
    base: list
    cond: dict[int, z3.BoolRef]
    f: dict[int, z3.ArithRef]
    mu: tuple


def region(s: Inst) -> Region:
    import z3

    a, b, c, d = (_q(x) for x in (s.a, s.b, s.c, s.d))
    A, B, P1, P2 = z3.Reals("A B phi1 phi2")
    base = [A >= 0, A <= 1, B >= 0, B <= 1,
            z3.Implies(A < 1, P1 * (1 - A) == b * (1 - A) - A * (a - b)),
            z3.Implies(B < 1, P2 * (1 - B) == d * (1 - B) - B * (c - d))]
    lo1, lo2 = A == 1, B == 1  # the -infinity cases
    cond = {
        1: z3.And(z3.Not(lo1), P1 >= c),
        2: z3.And(z3.Not(lo2), P2 >= 0, z3.Or(lo1, P2 >= P1)),
        3: z3.And(z3.Or(lo1, P1 <= 0), z3.Or(lo2, P2 <= 0)),
        4: z3.And(z3.Not(lo1), P1 >= 0, P1 <= c, z3.Or(lo2, P2 <= P1)),
    }
    f = {1: (a - b) * A, 2: (1 - A) * B * (c - d), 3: z3.RealVal(0), 4: A * (1 - B) * (a - b)}
    mu = (A * B, A * (1 - B), (1 - A) * B, (1 - A) * (1 - B))
    return Region(A, B, P1, P2, base, cond, f, mu)


def _value(v: z3.ArithRef) -> Fraction | None:
    import z3

    if z3.is_rational_value(v):
        return Fraction(v.numerator_as_long(), v.denominator_as_long())
    return None


def _approx(v: z3.ArithRef, digits: int) -> Fraction:
    import z3

    if z3.is_rational_value(v):
        return Fraction(v.numerator_as_long(), v.denominator_as_long())
    return Fraction(v.approx(digits).as_fraction())


def separate(s: Inst, y: tuple[Fraction, ...], tie: str = "fav",
             extra: Callable[[Region], list] | None = None,
             strict: bool = True, snap_t: bool = False) -> tuple[bool, list[tuple[Fraction, Fraction]]]:
    """Is there a product signal with CS_tie(s) > y . mu(s) (>= and CS > 0 if not
    ``strict``), plus the ``extra`` conditions?

    fav: some applicable case k has f_k > y.mu; adv: every applicable case has f_k > y.mu.
    Returns (found, rational signals near the models with exact positive reduced cost).
    """
    import z3

    r = region(s)
    ymu = sum((_q(yy) * m for yy, m in zip(y, r.mu, strict=True)), z3.RealVal(0))

    def beats(k: int) -> z3.BoolRef:
        return r.f[k] > ymu if strict else z3.And(r.f[k] >= ymu, r.f[k] > 0)

    if tie == "fav":
        queries = [z3.And(r.cond[k], beats(k)) for k in (1, 2, 4)]
    else:
        queries = [z3.And(z3.Or(*r.cond.values()),
                          *[z3.Implies(r.cond[k], beats(k)) for k in (1, 2, 3, 4)])]
    found, cols = False, []
    for q in queries:
        sol = z3.Solver()
        sol.add(*r.base, q, *(extra(r) if extra else []))
        res = sol.check()
        if res == z3.unknown:
            raise RuntimeError(f"z3 gave up: {sol.reason_unknown()}")
        if res == z3.sat:
            found = True
            mdl = sol.model()
            for digits in (3, 6, 12, 24):
                A = _approx(mdl.eval(r.A, model_completion=True), digits)
                B = _approx(mdl.eval(r.B, model_completion=True), digits)
                if snap_t:  # keep the column exactly on T1 or T2
                    if A != s.alpha1 and abs(A - s.alpha1) < abs(A - 1) * 0 + Fraction(1, 10**digits):
                        A = s.alpha1
                    if not s.in_t1(A, B):
                        phi = _approx(mdl.eval(r.P1, model_completion=True), digits)
                        phi = min(max(phi, ZERO), s.d)
                        A, B = s.t2_point(phi)
                rc = cs_prop1(s, A, B, tie) - sum(
                    (yy * m for yy, m in zip(y, s.mu(A, B), strict=True)), ZERO)
                if 0 <= A <= 1 and 0 <= B <= 1 and (rc > 0 if strict else rc >= 0):
                    cols.append((A, B))
                    break
    return found, cols


def outside_t(s: Inst) -> Callable[[Region], list]:
    """z3 conditions: the signal is in neither T1 nor T2."""
    a, b, c = _q(s.a), _q(s.b), _q(s.c)

    def cond(r: Region) -> list:
        import z3

        t1 = r.A * (a - c) == b - c
        t2 = z3.And(r.A < 1, r.B < 1, r.P1 == r.P2, r.P1 >= 0)
        return [z3.Not(t1), z3.Not(t2)]

    return cond


def in_t_z3(s: Inst) -> Callable[[Region], list]:
    """z3 condition: the signal is in T1 or T2."""
    a, b, c = _q(s.a), _q(s.b), _q(s.c)

    def cond(r: Region) -> list:
        import z3

        t1 = r.A * (a - c) == b - c
        t2 = z3.And(r.A < 1, r.B < 1, r.P1 == r.P2, r.P1 >= 0)
        return [z3.Or(t1, t2)]

    return cond


def duals(s: Inst, res: OptimalScheme) -> tuple[Fraction, ...]:
    return tuple(res.duals[v] for v in s.cells())


def certified_lp2(s: Inst, tie: str, n: int, m: int, rounds: int = 20):
    """LP (2) over all product signals: column generation with z3 separation until no signal
    has positive reduced cost. Returns (result over the final family, family, rounds)."""
    pts = family(s, n, m)
    for k in range(1, rounds + 1):
        res = solve_lp2(s, tie, pts)
        found, cols = separate(s, duals(s, res), "fav" if tie == "fav" else "adv")
        if not found:
            return res, pts, k
        new = [p for p in cols if p not in pts]
        if not new:
            raise RuntimeError("z3 found a violated region but no rational column near it")
        pts = pts + new
    raise RuntimeError("continuum column generation did not converge")


def certified_restricted(s: Inst, tie: str, pts: list[tuple[Fraction, Fraction]], rounds: int = 20):
    """LP (2) with positive-CS columns restricted to T1 u T2 (plus point masses), over the
    whole of T1 u T2: column generation with z3 separation restricted to T1 u T2."""
    tp = [p for p in pts if in_t(s, *p)]
    for k in range(1, rounds + 1):
        res = solve_lp2(s, tie, tp)
        found, cols = separate(s, duals(s, res), tie, in_t_z3(s), snap_t=True)
        if not found:
            return res, tp, k
        new = [p for p in cols if p not in tp and in_t(s, *p)]
        if not new:
            raise RuntimeError("z3 found a violated part of T1 u T2 but no rational column on it")
        tp = tp + new
    raise RuntimeError("restricted column generation did not converge")


# ----------------------------------------------------------------------------- adv: the sup


def _conds_at(s: Inst, A: z3.ArithRef, B: Fraction, P1: z3.ArithRef) -> tuple[list, dict]:
    """Case conditions at (A, B) with A symbolic (A < 1 asserted) and B a number."""
    import z3

    a, b, c = _q(s.a), _q(s.b), _q(s.c)
    base = [A < 1, P1 * (1 - A) == b * (1 - A) - A * (a - b)]
    p2 = s.phi2(B)
    P2 = None if p2 is None else _q(p2)
    cond = {
        1: P1 >= c,
        2: z3.BoolVal(False) if P2 is None else z3.And(P2 >= 0, P2 >= P1),
        3: z3.And(P1 <= 0, z3.BoolVal(True) if P2 is None else P2 <= 0),
        4: z3.And(P1 >= 0, P1 <= c, z3.BoolVal(True) if P2 is None else P2 <= P1),
    }
    return base, cond


def adv_sup_certificate(s: Inst, res: OptimalScheme) -> dict:
    """Certify sup_Z CS_adv(Z) >= CS_fav(res.scheme) (= the fav optimum V): a family Z_t,
    t in (0, t0], of Bayes-plausible schemes with CS_adv(Z_t) = P(t), P a polynomial with
    P(0) = V. Z_t moves every column whose adv CS is below its fav CS to (alpha' - t, beta'),
    where (z3, for all t in (0, t0]) only the case giving its fav CS applies, scales all columns
    by lambda(t) = 1 - K t and fills the freed mass with point masses (z3: lambda(t) sum w mu_v
    <= D(v) for every cell v and t in (0, t0]). Raises RuntimeError when it cannot certify."""
    import z3

    cols = []
    for wt, post in res.scheme.signals:
        A, B = signal_of(s, post)
        fav, adv = cs_prop1(s, A, B, "fav"), cs_prop1(s, A, B, "adv")
        ks = [k for k in cases(s, A, B) if k in (1, 4) and _formula(s, k, A, B) == fav]
        cols.append((wt, A, B, ks[0] if fav > adv and ks else None, fav))
        if fav > adv and not ks:
            raise RuntimeError(f"adv sup: no case 1/4 formula gives the fav CS at {(A, B)}")
    D = s.mu(s.alpha, s.beta)
    ds = [sum((-wt * _dmu_dA(B)[v] for wt, A, B, k, _ in cols if k), ZERO) for v in range(4)]
    K = 1 + max([ds[v] / D[v] for v in range(4) if ds[v] > 0 and D[v] > 0], default=ZERO)
    if any(ds[v] > 0 and D[v] == 0 for v in range(4)):
        raise RuntimeError("adv sup: perturbation needs mass on a zero-mass cell")
    t0 = min([A / 2 for _, A, _, k, _ in cols if k] + [F(1, 2 * K)])
    if any(k == 4 for *_, k, _ in cols):
        t0 = min([t0] + [(A - s.alpha1) / 2 for _, A, _, k, _ in cols if k == 4])
    for _ in range(12):
        t = z3.Real("t")
        sol = z3.Solver()
        sol.add(t > 0, t <= _q(t0))
        bad = []
        for j, (_wt, A, B, k, _) in enumerate(cols):
            if not k:
                continue
            P1 = z3.Real(f"p{j}")
            base, cond = _conds_at(s, _q(A) - t, B, P1)
            sol.add(*base)
            bad.append(z3.Or(z3.Not(cond[k]), *[cond[i] for i in (1, 2, 3, 4) if i != k]))
        lam = 1 - _q(K) * t
        for v in range(4):
            load = sum((_q(wt) * _mu_z3((_q(A) - t) if k else _q(A), B)[v] for wt, A, B, k, _ in cols),
                       z3.RealVal(0))
            bad.append(lam * load > _q(D[v]))
        bad.append(lam <= 0)
        sol.add(z3.Or(*bad))
        if sol.check() == z3.unsat:
            value0 = sum((wt * f for wt, *_, f in cols), ZERO)
            p_t0 = (1 - K * t0) * sum((wt * (_formula(s, k, A - t0, B) if k else f)
                                        for wt, A, B, k, f in cols), ZERO)
            lp_t0 = _scheme_at(s, cols, t0, K)
            if lp_t0 != p_t0:
                raise RuntimeError(f"adv sup: P(t0) = {p_t0} but the D6 LP gives {lp_t0}")
            return {"t0": t0, "K": K, "P(0)": value0, "P(t0) = CS_adv(Z_t0) (D6 LP)": p_t0}
        t0 /= 2
    raise RuntimeError("adv sup: could not certify the perturbed schemes")


def _formula(s: Inst, k: int, A: Fraction, B: Fraction) -> Fraction:
    from claims.p001_information_intermediary.model import formula
    return formula(s, k, A, B)


def _dmu_dA(B: Fraction) -> tuple[Fraction, ...]:
    return (B, 1 - B, -B, -(1 - B))


def _mu_z3(A, B: Fraction) -> tuple:  # noqa: ANN001
    Bq = _q(B)
    return (A * Bq, A * (1 - Bq), (1 - A) * Bq, (1 - A) * (1 - Bq))


def _scheme_at(s: Inst, cols: list, t: Fraction, K: Fraction) -> Fraction:
    """CS_adv of the perturbed scheme Z_t, evaluated with the exact D6 LP (a cross-check of
    the formula-based family at one point)."""
    from verify.mech.distributions import Distribution
    from verify.mech.signaling import SignalingScheme, evaluate

    lam = 1 - K * t
    sigs, load = [], dict.fromkeys(s.cells(), ZERO)
    for wt, A, B, k, _ in cols:
        post = s.posterior(A - t if k else A, B)
        sigs.append((lam * wt, post))
        for v, m in post.items():
            load[v] += lam * wt * m
    prior = s.prior()
    for v in s.cells():
        rest = prior.mass(v) - load[v]
        if rest:
            sigs.append((rest, Distribution.point(v)))
    return evaluate(SignalingScheme(prior, tuple(sigs)), "adv", s.values).consumer_surplus
