"""Total variation over finite supports: TV balls, robustness LPs, ε-BIC and (ε,q)-BIC checks.

The model is the one of mechanism-design robustness papers: n agents with finite type sets
(labels, one of which may be a bottom type ⊥), a finite set X of outcomes, valuations
``v_i(t_i, a) ∈ [0, H]``, and mechanisms ``M = (x, p)`` with ``x(b) ∈ Δ(X)`` and payments
``p(b) ∈ [-H, H]^n``. Utilities are quasi-linear, ``t_i(M(b)) = E_{a~x(b)} v_i(t_i, a) - p_i(b)``,
and the gain from truth-telling is ``u_i(t_i←w, t_-i) = t_i(M(t)) - t_i(M(w, t_-i))``.

* :func:`tv` is ``½‖P - Q‖₁`` (``distributions.tv_by_l1``); :func:`ball_optimum` optimises
  ``E_Q g`` over **every** law Q on a finite support with ``d_TV(P, Q) <= δ``: an exact LP
  (``verify.mech.lp``) in the masses of Q, re-checked on the returned Q.
* :class:`Environment` / :class:`Mechanism` hold the finite model; :func:`dsic_violation`,
  :func:`expost_ir_violation`, :func:`bic_violation` (worst interim deviation, division-free:
  ``Σ_{t_-i} D(t_i, t_-i) u_i >= -ε D_i(t_i)``, types of zero mass skipped) and
  :func:`eps_q_bic` (the bad set of the (ε,q)-BIC definition under the readings RQ1 / RQ2)
  return the worst deviation as a witness.
* :func:`mechanism_lp` is the LP over all mechanisms of an environment (allocation lotteries,
  payments in ``[-H, H]``) with DSIC / BIC / ex-post IR rows, for certified optima.
"""

from __future__ import annotations

import itertools
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Literal

from verify.errors import InputError
from verify.mech._exact import as_fraction
from verify.mech.distributions import Distribution, tv_by_l1
from verify.mech.lp import Constraint, LinearProgram, LPResult, Variable, solve
from verify.mech.mechanisms import CheckResult, Tally

Profile = tuple[Hashable, ...]
ZERO = Fraction(0)


def tv(p: Distribution, q: Distribution) -> Fraction:
    """``d_TV(P, Q) = ½ Σ_x |P(x) - Q(x)|``, exactly."""
    return tv_by_l1(p, q)


# ---------------------------------------------------------------- TV balls


@dataclass(frozen=True)
class BallOptimum:
    """The optimum of ``E_Q g`` over the TV ball, the optimal law Q and the certified LP."""

    value: Fraction
    law: Distribution
    lp: LPResult


def ball_optimum(center: Distribution, g: Mapping[Hashable, object], delta: object,
                 sense: Literal["min", "max"] = "min") -> BallOptimum:
    """``min`` (or ``max``) of ``E_Q g`` over every law Q on the keys of ``g`` with
    ``d_TV(center, Q) <= delta``.

    LP: ``q_x >= 0``, ``s_x >= |q_x - P(x)|``, ``Σ q_x = 1``, ``Σ s_x <= 2δ``; the optimum is
    certified by ``verify.mech.lp`` and re-checked on the returned Q (exact TV and expectation).
    """
    d = as_fraction(delta, "ball_optimum: delta")
    if d < 0:
        raise InputError(f"ball_optimum: delta must be >= 0, got {d}")
    points = list(g)
    missing = [x for x in center.support if x not in g]
    if missing:
        raise InputError(f"ball_optimum: g has no value at support point {missing[0]!r}")
    vals = [as_fraction(g[x], f"ball_optimum: g[{x!r}]") for x in points]
    qs = [f"q{k}" for k in range(len(points))]
    ss = [f"s{k}" for k in range(len(points))]
    cons = [Constraint("mass", {q: 1 for q in qs}, "==", 1),
            Constraint("radius", {s: 1 for s in ss}, "<=", 2 * d)]
    for k, x in enumerate(points):
        px = center.mass(x)
        cons.append(Constraint(f"up{k}", {ss[k]: 1, qs[k]: -1}, ">=", -px))
        cons.append(Constraint(f"down{k}", {ss[k]: 1, qs[k]: 1}, ">=", px))
    lp = LinearProgram(tuple(qs + ss), dict(zip(qs, vals, strict=True)), tuple(cons), sense)
    res = solve(lp)
    if res.status != "optimal" or res.value is None:
        raise AssertionError(f"ball_optimum: LP reported {res.status}")
    res.verify()
    law = Distribution({x: res.x.get(qs[k], ZERO) for k, x in enumerate(points)})
    exp = sum((law.mass(x) * v for x, v in zip(points, vals, strict=True)), ZERO)
    if tv(center, law) > d or exp != res.value:
        raise AssertionError("ball_optimum: optimal law failed the exact re-check")
    return BallOptimum(res.value, law, res)


# ---------------------------------------------------------------- the finite model


@dataclass(frozen=True)
class Environment:
    """Type sets ``T_i`` (labels), outcomes X, valuations ``v_i(t_i, a) ∈ [0, H]`` and H."""

    types: tuple[tuple[Hashable, ...], ...]
    outcomes: tuple[Hashable, ...]
    values: Mapping[tuple[int, Hashable, Hashable], Fraction]
    H: Fraction

    def __post_init__(self) -> None:
        object.__setattr__(self, "types", tuple(tuple(t) for t in self.types))
        object.__setattr__(self, "outcomes", tuple(self.outcomes))
        h = as_fraction(self.H, "Environment.H")
        if h <= 0:
            raise InputError(f"Environment.H: expected H > 0, got {h}")
        object.__setattr__(self, "H", h)
        table: dict[tuple[int, Hashable, Hashable], Fraction] = {}
        for i, ts in enumerate(self.types):
            for t in ts:
                for a in self.outcomes:
                    v = as_fraction(self.values.get((i, t, a), 0), f"Environment.values[{i}, {t!r}, {a!r}]")
                    if not 0 <= v <= h:
                        raise InputError(f"Environment.values[{i}, {t!r}, {a!r}] = {v}: "
                                         f"expected a value in [0, H] = [0, {h}]")
                    table[(i, t, a)] = v
        object.__setattr__(self, "values", table)

    @property
    def n(self) -> int:
        return len(self.types)

    def profiles(self) -> list[Profile]:
        return list(itertools.product(*self.types))

    def value(self, i: int, t: Hashable, a: Hashable) -> Fraction:
        return self.values[(i, t, a)]


def single_item(type_values: Sequence[Mapping[Hashable, object]], H: object) -> Environment:
    """One item, n agents: outcome ``None`` (unsold) or the winner's index; agent i of type t
    values winning at ``type_values[i][t]`` and anything else at 0."""
    n = len(type_values)
    outcomes: tuple[Hashable, ...] = (None, *range(n))
    values = {(i, t, i): as_fraction(v, f"single_item: value of agent {i} type {t!r}")
              for i, tv_ in enumerate(type_values) for t, v in tv_.items()}
    return Environment(tuple(tuple(tv_) for tv_ in type_values), outcomes, values, as_fraction(H, "H"))


@dataclass(frozen=True)
class Mechanism:
    """``x(b)``: a law on outcomes (mapping outcome -> probability), ``p(b)``: payments."""

    env: Environment
    alloc: Mapping[Profile, Mapping[Hashable, Fraction]]
    pay: Mapping[Profile, tuple[Fraction, ...]]

    def __post_init__(self) -> None:
        for b in self.env.profiles():
            if b not in self.alloc or b not in self.pay:
                raise InputError(f"Mechanism: profile {b!r} has no allocation or payment")
            total = sum((as_fraction(v, "Mechanism.alloc") for v in self.alloc[b].values()), ZERO)
            if total != 1 or any(as_fraction(v, "Mechanism.alloc") < 0 for v in self.alloc[b].values()):
                raise InputError(f"Mechanism.alloc[{b!r}]: expected a probability vector, sums to {total}")
            for i, p in enumerate(self.pay[b]):
                if abs(as_fraction(p, "Mechanism.pay")) > self.env.H:
                    raise InputError(f"Mechanism.pay[{b!r}][{i}] = {p}: outside [-H, H]")

    def utility(self, i: int, t_i: Hashable, b: Profile) -> Fraction:
        """``t_i(M(b)) = E_{a~x(b)} v_i(t_i, a) - p_i(b)``."""
        x = self.alloc[b]
        return sum((as_fraction(pr, "alloc") * self.env.value(i, t_i, a) for a, pr in x.items()),
                   ZERO) - as_fraction(self.pay[b][i], "pay")

    def gain(self, i: int, t: Profile, w: Hashable) -> Fraction:
        """``u_i(t_i←w, t_-i) = t_i(M(t)) - t_i(M(w, t_-i))``."""
        dev = t[:i] + (w,) + t[i + 1:]
        return self.utility(i, t[i], t) - self.utility(i, t[i], dev)

    def objective(self, f: str, b: Profile) -> Fraction:
        """``Rev`` (Σ_i p_i) or ``Val`` (Σ_i E v_i(b_i, ·)) at truthful profile b."""
        if f == "Rev":
            return sum((as_fraction(p, "pay") for p in self.pay[b]), ZERO)
        if f == "Val":
            return sum((self.utility(i, b[i], b) + as_fraction(self.pay[b][i], "pay")
                        for i in range(self.env.n)), ZERO)
        raise InputError(f"Mechanism.objective: unknown objective {f!r} (Rev or Val)")

    def expected(self, f: str, prior: Distribution) -> Fraction:
        return prior.expect(lambda b: self.objective(f, b))


def dsic_violation(m: Mechanism) -> CheckResult:
    """Worst ``-u_i(t_i←w, t_-i)`` over all i, t, w; witness ``(i, t, w)``."""
    tally = Tally()
    for t in m.env.profiles():
        for i in range(m.env.n):
            for w in m.env.types[i]:
                tally.add(-m.gain(i, t, w), (i, t, w))
    return tally.result()


def expost_ir_violation(m: Mechanism) -> CheckResult:
    """Worst ``-t_i(M(t))``; witness ``(i, t)``."""
    tally = Tally()
    for t in m.env.profiles():
        for i in range(m.env.n):
            tally.add(-m.utility(i, t[i], t), (i, t))
    return tally.result()


def marginal_mass(prior: Distribution, i: int, t_i: Hashable) -> Fraction:
    return prior.probability(lambda b: b[i] == t_i)


def interim_gain(m: Mechanism, prior: Distribution, i: int, t_i: Hashable, w: Hashable) -> Fraction:
    """``E_{t_-i ~ D_{-i|t_i}} u_i(t_i←w, t_-i)`` (the prior must give t_i positive mass)."""
    mass = marginal_mass(prior, i, t_i)
    if mass == 0:
        raise InputError(f"interim_gain: type {t_i!r} of agent {i} has zero mass")
    total = sum((pr * m.gain(i, b, w) for b, pr in prior.items() if b[i] == t_i), ZERO)
    return total / mass


def bic_violation(m: Mechanism, prior: Distribution) -> CheckResult:
    """Worst ``-E_{D_{-i|t_i}} u_i(t_i←w)`` over agents, types of positive mass (RC1) and
    reports; ``ε``-BIC iff ``max_violation <= ε``. Witness ``(i, t_i, w)``."""
    tally = Tally()
    for i in range(m.env.n):
        for t_i in m.env.types[i]:
            if marginal_mass(prior, i, t_i) == 0:
                continue
            for w in m.env.types[i]:
                tally.add(-interim_gain(m, prior, i, t_i, w), (i, t_i, w))
    return tally.result()


@dataclass(frozen=True)
class BadSet:
    """The (ε,q)-BIC bad set of one agent (and one report under RQ2): its mass, its types
    with their worst interim loss."""

    agent: int
    report: Hashable | None
    mass: Fraction
    types: tuple[tuple[Hashable, Fraction], ...]


def eps_q_bic(m: Mechanism, prior: Distribution, eps: object,
              reading: Literal["RQ1", "RQ2"] = "RQ1") -> BadSet:
    """The heaviest bad set of the (ε,q)-BIC definition; M is (ε,q)-BIC iff its mass is <= q.

    RQ1: for each agent, ``Pr_{t_i}[∃w: E u_i(t_i←w) < -ε]``. RQ2: for each agent and report w,
    ``Pr_{t_i}[E u_i(t_i←w) < -ε]``. Types of zero mass contribute no mass.
    """
    e = as_fraction(eps, "eps_q_bic: eps")
    best: BadSet | None = None
    for i in range(m.env.n):
        reports: list[Hashable | None] = [None] if reading == "RQ1" else list(m.env.types[i])
        for w0 in reports:
            bad: list[tuple[Hashable, Fraction]] = []
            mass = ZERO
            for t_i in m.env.types[i]:
                mt = marginal_mass(prior, i, t_i)
                if mt == 0:
                    continue
                ws = m.env.types[i] if w0 is None else (w0,)
                loss = max(-interim_gain(m, prior, i, t_i, w) for w in ws)
                if loss > e:
                    bad.append((t_i, loss))
                    mass += mt
            cand = BadSet(i, w0, mass, tuple(bad))
            if best is None or cand.mass > best.mass:
                best = cand
    assert best is not None
    return best


# ---------------------------------------------------------------- the LP over mechanisms


def _xv(b: Profile, a: Hashable) -> str:
    return f"x[{b!r},{a!r}]"


def _pv(b: Profile, i: int) -> str:
    return f"p[{b!r},{i}]"


def mechanism_lp(env: Environment, objective: Mapping[str, object], *,
                 sense: Literal["min", "max"] = "max", dsic: bool = False, ir: bool = True,
                 bic: Distribution | None = None, eps: object = 0,
                 extra: Iterable[Constraint] = ()) -> LinearProgram:
    """The LP over every mechanism of ``env``: ``x[b,a] >= 0`` with ``Σ_a x[b,a] = 1``,
    ``p[b,i] ∈ [-H, H]``; rows for DSIC, ex-post IR and ε-BIC w.r.t. ``bic`` (division-free,
    types of zero mass skipped). ``objective`` maps variable names (see :func:`objective_of`)
    to coefficients."""
    e = as_fraction(eps, "mechanism_lp: eps")
    names: list[Variable] = []
    cons: list[Constraint] = []
    for b in env.profiles():
        names += [Variable(_xv(b, a), ZERO, Fraction(1)) for a in env.outcomes]
        names += [Variable(_pv(b, i), -env.H, env.H) for i in range(env.n)]
        cons.append(Constraint(f"lottery{b!r}", {_xv(b, a): 1 for a in env.outcomes}, "==", 1))

    def util(i: int, t_i: Hashable, b: Profile, sign: int, acc: dict[str, Fraction]) -> None:
        for a in env.outcomes:
            acc[_xv(b, a)] = acc.get(_xv(b, a), ZERO) + sign * env.value(i, t_i, a)
        acc[_pv(b, i)] = acc.get(_pv(b, i), ZERO) - sign

    for t in env.profiles():
        for i in range(env.n):
            if ir:
                acc: dict[str, Fraction] = {}
                util(i, t[i], t, 1, acc)
                cons.append(Constraint(f"ir{i}{t!r}", acc, ">=", 0))
            if dsic:
                for w in env.types[i]:
                    if w == t[i]:
                        continue
                    acc = {}
                    util(i, t[i], t, 1, acc)
                    util(i, t[i], t[:i] + (w,) + t[i + 1:], -1, acc)
                    cons.append(Constraint(f"dsic{i}{t!r}{w!r}", acc, ">=", 0))
    if bic is not None:
        for i in range(env.n):
            for t_i in env.types[i]:
                mt = marginal_mass(bic, i, t_i)
                if mt == 0:
                    continue
                for w in env.types[i]:
                    if w == t_i:
                        continue
                    acc = {}
                    for b, pr in bic.items():
                        if b[i] != t_i:
                            continue
                        part: dict[str, Fraction] = {}
                        util(i, t_i, b, 1, part)
                        util(i, t_i, b[:i] + (w,) + b[i + 1:], -1, part)
                        for k, c in part.items():
                            acc[k] = acc.get(k, ZERO) + pr * c
                    cons.append(Constraint(f"bic{i}{t_i!r}{w!r}", acc, ">=", -e * mt))
    cons += list(extra)
    obj = {k: as_fraction(v, f"objective[{k}]") for k, v in objective.items()}
    return LinearProgram(tuple(names), obj, tuple(cons), sense)


def objective_of(env: Environment, f: str, prior: Distribution) -> dict[str, Fraction]:
    """The linear objective ``E_prior f(t, M(t))`` in the LP's variables, f = Rev or Val."""
    acc: dict[str, Fraction] = {}
    profiles = set(env.profiles())
    for b, pr in prior.items():
        if b not in profiles:
            raise InputError(f"objective_of: prior outcome {b!r} is not a type profile (a tuple "
                             f"with one type per agent)")
        if f == "Rev":
            for i in range(env.n):
                acc[_pv(b, i)] = acc.get(_pv(b, i), ZERO) + pr
        elif f == "Val":
            for a in env.outcomes:
                v = sum((env.value(i, b[i], a) for i in range(env.n)), ZERO)
                acc[_xv(b, a)] = acc.get(_xv(b, a), ZERO) + pr * v
        else:
            raise InputError(f"objective_of: unknown objective {f!r} (Rev or Val)")
    return acc


def decode(env: Environment, x: Mapping[str, Fraction]) -> Mechanism:
    """The mechanism of an LP point."""
    alloc = {b: {a: x.get(_xv(b, a), ZERO) for a in env.outcomes} for b in env.profiles()}
    pay = {b: tuple(x.get(_pv(b, i), ZERO) for i in range(env.n)) for b in env.profiles()}
    return Mechanism(env, alloc, pay)


def optimum(lp: LinearProgram) -> LPResult:
    """Solve and re-check an LP over mechanisms; raises if it is not optimal."""
    res = solve(lp)
    if res.status != "optimal" or res.value is None:
        raise AssertionError(f"mechanism LP reported {res.status}")
    res.verify()
    return res


# ---------------------------------------------------------------- the BIC extension (Def. 4)


@dataclass(frozen=True)
class BICExtension:
    """The extension ``M-hat`` of a mechanism to the whole type space (Def. 4 of the TV paper).

    ``mechanism`` is ``M-hat``; when a rescaled payment leaves ``[-H, H]`` its environment's H
    is widened to the largest ``|p-hat|`` (valuations are unchanged) and ``max_payment``
    says so. ``tau[i]`` maps every type of agent i to its image in ``T_i^+``; ``ratios[(i,
    t_i)]`` is ``E_{D_-i}[p_i(τ(t_i), ·)] / E_{D_-i}[v_i(t_i, x(τ(t_i), ·))]`` for ``t_i`` outside
    ``T_i^+`` (``None`` when the denominator is 0, reading RZ1: ``p-hat := 0``).
    """

    mechanism: Mechanism
    tau: tuple[dict[Hashable, Hashable], ...]
    ratios: dict[tuple[int, Hashable], Fraction | None]
    max_payment: Fraction


def _others(marginals: Sequence[Distribution], i: int) -> list[tuple[Profile, Fraction]]:
    """The product law of every agent but i, as (partial profile with None at i, mass)."""
    parts = [d.items() if j != i else [(None, Fraction(1))] for j, d in enumerate(marginals)]
    out = []
    for combo in itertools.product(*parts):
        mass = Fraction(1)
        for _, m in combo:
            mass *= m
        out.append((tuple(o for o, _ in combo), mass))
    return out


def interim_value(m: Mechanism, marginals: Sequence[Distribution], i: int, t_i: Hashable,
                  report: Hashable) -> Fraction:
    """``E_{t_-i ~ ×_{j≠i} D_j} [t_i(M(report, t_-i))]`` under a product prior."""
    return sum((pr * m.utility(i, t_i, b[:i] + (report,) + b[i + 1:])
                for b, pr in _others(marginals, i)), ZERO)


def best_reports(m: Mechanism, plus: Sequence[Sequence[Hashable]],
                 marginals: Sequence[Distribution], i: int, t: Hashable) -> tuple[Hashable, ...]:
    """Every maximiser over ``z ∈ T_i^+`` of ``E_{D_-i}[t_i(M(z, ·))]``, in the order of
    ``plus[i]`` (the first one is Def. 4's ``τ_i(t)`` under tie-break RT1)."""
    vals = [(z, interim_value(m, marginals, i, t, z)) for z in plus[i]]
    top = max(v for _, v in vals)
    return tuple(z for z, v in vals if v == top)


def bic_extension(m: Mechanism, plus: Sequence[Sequence[Hashable]],
                  marginals: Sequence[Distribution], *,
                  first_case: Literal["RP1", "RP2"] = "RP1",
                  valuation: Literal["RV1", "RV2"] = "RV1",
                  zero: Literal["RZ1", "RZ2"] = "RZ1",
                  choice: Mapping[tuple[int, Hashable], Hashable] | None = None) -> BICExtension:
    """Def. 4: ``τ_i`` is the identity on ``T_i^+`` and maps ``t_i ∉ T_i^+`` to the first (in
    the order of ``plus[i]``, tie-break RT1) maximiser over ``z ∈ T_i^+`` of
    ``E_{D_-i}[t_i(M(z, ·))]``; ``x-hat(t) = x(τ(t))``; ``p-hat_i(t) = p_i(t_i, τ_-i(t_-i))``
    (RP1) or ``p_i(t)`` (RP2) when ``t_i ∈ T_i^+``, else ``v_i(t_i, x-hat(t))`` times the ratio of
    :class:`BICExtension` (RV1: the true type's valuation; 0 when the denominator is 0).

    Other readings: ``valuation="RV2"`` values both ``x-hat(t)`` and the denominator with
    ``τ_i(t_i)``'s valuation; ``zero="RZ2"`` admits only instances with positive denominators
    (an InputError otherwise); ``choice[(i, t_i)]`` picks another maximiser as ``τ_i(t_i)`` (it
    must be one; :func:`bic_extensions` enumerates every choice, tie-break RT2).

    ``m`` is defined on the whole type space (Lemma 7 quantifies reports over ``T_i``); the
    expectations over ``D_-i`` use the product of ``marginals`` (one law per agent).
    """
    env = m.env
    if len(plus) != env.n or len(marginals) != env.n:
        raise InputError(f"bic_extension: expected {env.n} sets T_i^+ and {env.n} marginals")
    tau: list[dict[Hashable, Hashable]] = []
    for i, ts in enumerate(env.types):
        if not plus[i] or any(z not in ts for z in plus[i]):
            raise InputError(f"bic_extension: T_{i}^+ = {list(plus[i])!r} must be a nonempty "
                             f"subset of T_{i} = {list(ts)!r}")
        image: dict[Hashable, Hashable] = {}
        for t in ts:
            if t in plus[i]:
                image[t] = t
                continue
            tops = best_reports(m, plus, marginals, i, t)
            pick = tops[0] if choice is None else choice.get((i, t), tops[0])
            if pick not in tops:
                raise InputError(f"bic_extension: {pick!r} is not a maximiser for type {t!r} of "
                                 f"agent {i} (maximisers {list(tops)!r})")
            image[t] = pick
        tau.append(image)
    ratios: dict[tuple[int, Hashable], Fraction | None] = {}
    for i, ts in enumerate(env.types):
        for t in ts:
            if t in plus[i]:
                continue
            num = den = ZERO
            vt = t if valuation == "RV1" else tau[i][t]
            for b, pr in _others(marginals, i):
                prof = b[:i] + (tau[i][t],) + b[i + 1:]
                num += pr * as_fraction(m.pay[prof][i], "pay")
                den += pr * sum((as_fraction(q, "alloc") * env.value(i, vt, a)
                                 for a, q in m.alloc[prof].items()), ZERO)
            if den == 0 and zero == "RZ2":
                raise InputError(f"bic_extension: reading RZ2 needs a positive denominator; "
                                 f"E[v] = 0 for type {t!r} of agent {i}")
            ratios[(i, t)] = None if den == 0 else num / den
    alloc: dict[Profile, Mapping[Hashable, Fraction]] = {}
    pay: dict[Profile, tuple[Fraction, ...]] = {}
    for t in env.profiles():
        image_t = tuple(tau[j][t[j]] for j in range(env.n))
        alloc[t] = m.alloc[image_t]
        ps = []
        for i in range(env.n):
            if t[i] in plus[i]:
                src = t if first_case == "RP2" else image_t[:i] + (t[i],) + image_t[i + 1:]
                ps.append(as_fraction(m.pay[src][i], "pay"))
            else:
                r = ratios[(i, t[i])]
                vt = t[i] if valuation == "RV1" else tau[i][t[i]]
                v = sum((as_fraction(q, "alloc") * env.value(i, vt, a)
                         for a, q in alloc[t].items()), ZERO)
                ps.append(ZERO if r is None else v * r)
        pay[t] = tuple(ps)
    top = max((abs(p) for ps in pay.values() for p in ps), default=ZERO)
    wide = env if top <= env.H else Environment(env.types, env.outcomes, env.values, top)
    return BICExtension(Mechanism(wide, alloc, pay), tuple(tau), ratios, top)


def bic_extensions(m: Mechanism, plus: Sequence[Sequence[Hashable]],
                   marginals: Sequence[Distribution], **readings: Any) -> list[BICExtension]:
    """Tie-break RT2: the Def. 4 extension for every choice of maximiser ``τ_i(t_i)`` of every
    type outside ``T_i^+`` (``readings`` are :func:`bic_extension`'s other keywords)."""
    keys: list[tuple[int, Hashable]] = []
    options: list[tuple[Hashable, ...]] = []
    for i, ts in enumerate(m.env.types):
        for t in ts:
            if t not in plus[i]:
                keys.append((i, t))
                options.append(best_reports(m, plus, marginals, i, t))
    return [bic_extension(m, plus, marginals, choice=dict(zip(keys, pick, strict=True)),
                          **readings) for pick in itertools.product(*options)]


def pushforward(prior: Distribution, tau: Sequence[Mapping[Hashable, Hashable]]) -> Distribution:
    """``τ(D)``: the law of ``(τ_1(t_1), ..., τ_n(t_n))`` for ``t ~ D``."""
    return prior.map(lambda t: tuple(tau[i][x] for i, x in enumerate(t)))


def utility_terms(env: Environment, i: int, t_i: Hashable, b: Profile,
                  weight: object = 1) -> dict[str, Fraction]:
    """``weight · t_i(M(b))`` as coefficients on the variables of :func:`mechanism_lp`, for rows
    and objectives written by hand (interim utilities, argmax rows)."""
    w = as_fraction(weight, "utility_terms: weight")
    acc = {_xv(b, a): w * env.value(i, t_i, a) for a in env.outcomes}
    acc[_pv(b, i)] = -w
    return acc


def add_terms(*parts: Mapping[str, Fraction]) -> dict[str, Fraction]:
    """The sum of coefficient dicts (:func:`utility_terms`, :func:`objective_of`)."""
    out: dict[str, Fraction] = {}
    for part in parts:
        for k, v in part.items():
            out[k] = out.get(k, ZERO) + v
    return out
