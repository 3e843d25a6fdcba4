"""Information design over finite priors: signals as posteriors, exact throughout.

Model (information-intermediary spec §1, D6, D8, D9):

* A *prior* is a finite joint :class:`~verify.mech.distributions.Distribution` over value
  profiles (tuples, one value per buyer; a distribution over plain numbers is read as one
  buyer). A *signal* is the posterior it induces, again a joint distribution over profiles.
* A *signaling scheme* ``{(gamma_q, S_q)}`` is Bayes plausible iff ``gamma_q >= 0``,
  ``sum_q gamma_q = 1`` and ``sum_q gamma_q S_q = D`` profile by profile, checked exactly
  (:class:`SignalingScheme`; a one-line InputError names the first failure).
* Given a posterior S the seller runs a revenue-optimal auction that is ex-interim IC and
  interim IR under S (D6): the BIC/IR linear program of :func:`verify.mech.revenue.auction_lp`
  over the full product of the buyers' type sets, allocation ``x_i(v) >= 0`` with
  ``sum_i x_i(v) <= 1``, payments free. For one buyer this LP's optimum is the optimal posted
  price (lotteries never beat it), so "the seller posts the optimal price" is the same model.
* The seller's optimum need not be unique. :func:`seller_optimum` solves in two stages, as D6
  asks: first ``R* = max revenue``, then, with revenue fixed to ``R*``, minimise and maximise
  welfare ``W = sum_v S(v) sum_i v_i x_i(v)``. Consumer surplus ``CS = W - R*`` ranges over the
  interval ``[CS_min, CS_max]``; the seller's tie-breaking is an explicit parameter
  ``tie``: ``"fav"`` (consumer-favourable, CS_max) or ``"adv"`` (adversarial, CS_min), the
  conventions C1 of the spec. All three LPs carry exact certificates (:mod:`verify.mech.lp`).
* Scheme values are gamma-weighted sums (D8): ``R(Z)``, ``W(Z)``, ``CS(Z)``. Because the seller
  breaks ties signal by signal, the CS interval of a scheme is the sum of the signals' intervals.
* Benchmarks (D9): ``W* = E[max_i V_i]``, ``R(D)`` = the seller's optimum on the prior itself,
  ``OPT = W* - R(D)``.

The consumer-surplus-optimal scheme over a *finite candidate family* of posteriors is found by
column generation (:func:`optimal_scheme`); read its docstring for exactly what is certified.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from types import MappingProxyType
from typing import Literal

from verify.errors import InputError, VerifyError
from verify.mech._exact import as_fraction, show
from verify.mech.distributions import Distribution
from verify.mech.lp import Constraint, LinearProgram, LPResult, Method, Variable, solve
from verify.mech.revenue import _qa, auction_lp

__all__ = [
    "TIES",
    "Column",
    "OptimalScheme",
    "SchemeOutcome",
    "SellerOptimum",
    "SignalingScheme",
    "Tie",
    "as_profiles",
    "check_bayes_plausible",
    "efficient_welfare",
    "evaluate",
    "grid_posteriors",
    "max_weight_among_optima",
    "opt_benchmark",
    "optimal_scheme",
    "product_posteriors",
    "seller_optimum",
    "type_sets",
]

Profile = tuple[Fraction, ...]
Tie = Literal["fav", "adv"]
TIES: tuple[str, ...] = ("fav", "adv")

_ZERO = Fraction(0)
_ONE = Fraction(1)


def _check_tie(tie: object) -> None:
    if tie not in TIES:
        raise InputError(f"tie: expected 'fav' (CS_max) or 'adv' (CS_min), got {tie!r}")


# --------------------------------------------------------------------------- profiles


def as_profiles(dist: Distribution, field: str = "posterior") -> Distribution:
    """``dist`` with every outcome a tuple of Fractions of one common length.

    Plain-number outcomes become 1-tuples (one buyer). InputError (one line) otherwise.
    """
    if not isinstance(dist, Distribution):
        raise InputError(f"{field}: expected a Distribution, got {type(dist).__name__}")
    table: dict[Profile, Fraction] = {}
    length: int | None = None
    for outcome, mass in dist.items():
        if isinstance(outcome, tuple):
            prof = tuple(as_fraction(v, f"{field}: profile {show(outcome)}") for v in outcome)
        else:
            prof = (as_fraction(outcome, f"{field}: outcome {outcome!r}"),)
        if length is None:
            length = len(prof)
        elif len(prof) != length:
            raise InputError(f"{field}: profile {show(prof)} has {len(prof)} values, not {length}")
        if not prof:
            raise InputError(f"{field}: empty profile")
        table[prof] = table.get(prof, _ZERO) + mass
    return Distribution(table)


def type_sets(dist: Distribution) -> tuple[tuple[Fraction, ...], ...]:
    """Each buyer's support under ``dist``, sorted increasingly."""
    d = as_profiles(dist, "type_sets")
    n = len(next(iter(d.support)))
    return tuple(tuple(sorted({v[i] for v in d.support})) for i in range(n))


def _values(
    values: Sequence[Sequence[object]] | None, posterior: Distribution, field: str
) -> tuple[tuple[Fraction, ...], ...]:
    if values is None:
        return type_sets(posterior)
    if isinstance(values, str | bytes) or not isinstance(values, Sequence):
        raise InputError(f"{field}: expected one sequence of values per buyer, got {values!r}")
    out = tuple(
        tuple(sorted({as_fraction(x, f"{field}[{i}]") for x in vs})) for i, vs in enumerate(values)
    )
    n = len(next(iter(posterior.support)))
    if len(out) != n:
        raise InputError(f"{field}: {len(out)} type sets for profiles of {n} buyers")
    for v in posterior.support:
        for i, x in enumerate(v):
            if x not in out[i]:
                raise InputError(
                    f"{field}: profile {show(v)} has value {x} for buyer {i}, "
                    f"outside the type set {show(out[i])}"
                )
    return out


def efficient_welfare(prior: Distribution) -> Fraction:
    """``W* = E[max_i V_i]`` (spec D9; values are taken as they are, so a negative maximum
    counts; the paper's values are positive)."""
    d = as_profiles(prior, "prior")
    return d.expect(max)


# --------------------------------------------------------------------------- the seller


@dataclass(frozen=True)
class SellerOptimum:
    """The seller's optimal BIC/IR auction on one posterior (spec D6), with its tie interval.

    ``revenue`` is the exact optimum R*; ``welfare_min``/``welfare_max`` bound welfare over all
    revenue-optimal mechanisms (the optimal face), so ``cs_interval = [W_min - R*, W_max - R*]``.
    Each number carries its certified LP (``*_lp``).
    """

    posterior: Distribution
    values: tuple[tuple[Fraction, ...], ...]
    revenue: Fraction
    welfare_min: Fraction
    welfare_max: Fraction
    revenue_lp: LPResult = field(repr=False, compare=False)
    welfare_min_lp: LPResult = field(repr=False, compare=False)
    welfare_max_lp: LPResult = field(repr=False, compare=False)

    @property
    def cs_min(self) -> Fraction:
        return self.welfare_min - self.revenue

    @property
    def cs_max(self) -> Fraction:
        return self.welfare_max - self.revenue

    @property
    def cs_interval(self) -> tuple[Fraction, Fraction]:
        return (self.cs_min, self.cs_max)

    @property
    def unique(self) -> bool:
        """Whether every revenue-optimal mechanism gives the same consumer surplus."""
        return self.welfare_min == self.welfare_max

    def cs(self, tie: Tie) -> Fraction:
        """CS under the seller's tie-breaking: "fav" -> CS_max, "adv" -> CS_min."""
        _check_tie(tie)
        return self.cs_max if tie == "fav" else self.cs_min

    def welfare(self, tie: Tie) -> Fraction:
        _check_tie(tie)
        return self.welfare_max if tie == "fav" else self.welfare_min

    def verify(self) -> None:
        """Re-check the three certificates and that stages 2 fix revenue to R* exactly."""
        self.revenue_lp.verify()
        if self.revenue_lp.value != self.revenue:
            raise VerifyError("seller optimum: recorded revenue differs from the certified LP")
        for res, w in ((self.welfare_min_lp, self.welfare_min), (self.welfare_max_lp, self.welfare_max)):
            res.verify()
            if res.value != w:
                raise VerifyError("seller optimum: recorded welfare differs from the certified LP")
            fix = [c for c in res.lp.constraints if c.name == _REV_ROW]
            if len(fix) != 1 or fix[0].op != "==" or fix[0].rhs != self.revenue or dict(
                fix[0].coeffs
            ) != dict(self.revenue_lp.lp.objective):
                raise VerifyError("seller optimum: stage 2 does not fix revenue to R*")
            if res.lp.constraints[:-1] != self.revenue_lp.lp.constraints:
                raise VerifyError("seller optimum: stage 2 changed the BIC/IR constraints")


_REV_ROW = "REVENUE=R*"
_CACHE: dict[tuple[Distribution, tuple[tuple[Fraction, ...], ...], str], SellerOptimum] = {}
_CACHE_MAX = 200_000


def seller_optimum(
    posterior: Distribution,
    values: Sequence[Sequence[object]] | None = None,
    *,
    method: Method = "auto",
    cache: bool = True,
) -> SellerOptimum:
    """The seller's revenue-optimal BIC/IR auction on ``posterior`` and the CS tie interval.

    ``values`` are the buyers' type sets (default: the posterior's marginal supports). Types of
    zero posterior mass may be included (e.g. the prior's type sets): they can be reported but
    impose no constraint of their own, so R* and the interval do not change.
    Stage 1: ``R* = max E_S[sum_i p_i]`` s.t. BIC and interim IR (revenue.auction_lp, "BIC").
    Stage 2: the same constraints plus ``revenue == R*``; minimise and maximise welfare.
    """
    post = as_profiles(posterior)
    vals = _values(values, post, "values")
    key = (post, vals, method)
    if cache and key in _CACHE:
        return _CACHE[key]
    joint = dict(post.items())
    lp = auction_lp(vals, joint=joint, truthfulness="BIC")
    first = solve(lp, method=method)
    if first.status != "optimal" or first.value is None:
        raise VerifyError(f"seller LP on {post!r} is {first.status}; expected an optimum")
    index = [{x: k for k, x in enumerate(vs)} for vs in vals]
    welfare: dict[str, Fraction] = {}
    for v, m in post.items():
        prof = tuple(index[i][x] for i, x in enumerate(v))
        for i, x in enumerate(v):
            if x:
                name = _qa(i, prof)
                welfare[name] = welfare.get(name, _ZERO) + m * x
    fixed = lp.with_constraints([Constraint(_REV_ROW, dict(lp.objective), "==", first.value)])
    results = []
    for sense in ("min", "max"):
        stage = LinearProgram(fixed.variables, welfare, fixed.constraints, sense)
        res = solve(stage, method=method)
        if res.status != "optimal" or res.value is None:
            raise VerifyError(f"seller welfare LP ({sense}) is {res.status}; expected an optimum")
        results.append(res)
    lo, hi = results
    out = SellerOptimum(post, vals, first.value, lo.value, hi.value, first, lo, hi)  # type: ignore[arg-type]
    if cache:
        if len(_CACHE) >= _CACHE_MAX:
            _CACHE.clear()
        _CACHE[key] = out
    return out


def opt_benchmark(prior: Distribution, *, method: Method = "auto") -> Fraction:
    """``OPT = W* - R(D)`` (spec D9): the CS bound of every scheme for a product prior."""
    d = as_profiles(prior, "prior")
    return efficient_welfare(d) - seller_optimum(d, method=method).revenue


# --------------------------------------------------------------------------- schemes


@dataclass(frozen=True)
class SignalingScheme:
    """A Bayes-plausible scheme ``{(gamma_q, S_q)}`` for ``prior`` (validated exactly).

    Construction raises a one-line InputError unless every weight is an exact rational
    ``>= 0``, the weights sum to 1, and ``sum_q gamma_q S_q(v) = D(v)`` at every profile v.
    """

    prior: Distribution
    signals: tuple[tuple[Fraction, Distribution], ...]

    def __post_init__(self) -> None:
        prior = as_profiles(self.prior, "prior")
        if isinstance(self.signals, str | bytes) or not isinstance(self.signals, Iterable):
            raise InputError("signals: expected a sequence of (weight, posterior) pairs")
        sigs: list[tuple[Fraction, Distribution]] = []
        for k, pair in enumerate(self.signals):
            if not isinstance(pair, tuple | list) or len(pair) != 2:
                raise InputError(f"signals[{k}]: expected a (weight, posterior) pair, got {pair!r}")
            w = as_fraction(pair[0], f"signals[{k}]: weight")
            if w < 0:
                raise InputError(f"Bayes plausibility: weight of signal {k} is negative ({w})")
            sigs.append((w, as_profiles(pair[1], f"signals[{k}]: posterior")))
        if not sigs:
            raise InputError("signals: a scheme needs at least one signal")
        check_bayes_plausible(prior, sigs)
        object.__setattr__(self, "prior", prior)
        object.__setattr__(self, "signals", tuple(sigs))

    @property
    def weights(self) -> tuple[Fraction, ...]:
        return tuple(w for w, _ in self.signals)

    def send_probability(self, q: int, v: Sequence[object]) -> Fraction:
        """``Pr[signal q | profile v] = gamma_q S_q(v) / D(v)`` (D8), for ``D(v) > 0``."""
        prof = tuple(as_fraction(x, "profile") for x in v)
        dv = self.prior.mass(prof)
        if not dv:
            raise InputError(f"send_probability: profile {show(prof)} has prior mass 0")
        w, s = self.signals[q]
        return w * s.mass(prof) / dv


def check_bayes_plausible(prior: Distribution, signals: Sequence[tuple[Fraction, Distribution]]) -> None:
    """Raise a one-line InputError unless ``sum gamma = 1`` and ``sum gamma S = prior``."""
    total = sum((w for w, _ in signals), _ZERO)
    if total != 1:
        raise InputError(f"Bayes plausibility: weights sum to {total}, not 1")
    mix: dict[Profile, Fraction] = {}
    for w, s in signals:
        for v, m in s.items():
            mix[v] = mix.get(v, _ZERO) + w * m
    for v in sorted(set(mix) | set(prior.support)):
        got, want = mix.get(v, _ZERO), prior.mass(v)
        if got != want:
            raise InputError(
                f"Bayes plausibility fails at profile {show(v)}: sum_q gamma_q S_q = {got}, "
                f"prior = {want}"
            )


@dataclass(frozen=True)
class SchemeOutcome:
    """R(Z), W(Z), CS(Z) of a scheme under a tie rule, plus the CS interval over all ties."""

    scheme: SignalingScheme
    tie: Tie
    per_signal: tuple[SellerOptimum, ...]
    revenue: Fraction
    welfare: Fraction
    consumer_surplus: Fraction
    cs_interval: tuple[Fraction, Fraction]
    welfare_interval: tuple[Fraction, Fraction]


def evaluate(
    scheme: SignalingScheme,
    tie: Tie = "fav",
    values: Sequence[Sequence[object]] | None = None,
    *,
    method: Method = "auto",
) -> SchemeOutcome:
    """Revenue, welfare and consumer surplus of ``scheme`` (gamma-weighted, spec D8).

    Every posterior is solved with the prior's type sets (unless ``values`` is given).
    """
    _check_tie(tie)
    vals = _values(values, scheme.prior, "values")
    per = tuple(seller_optimum(s, vals, method=method) for _, s in scheme.signals)
    ws = scheme.weights

    def wsum(f: Callable[[SellerOptimum], Fraction]) -> Fraction:
        return sum((w * f(o) for w, o in zip(ws, per, strict=True)), _ZERO)

    return SchemeOutcome(
        scheme=scheme,
        tie=tie,
        per_signal=per,
        revenue=wsum(lambda o: o.revenue),
        welfare=wsum(lambda o: o.welfare(tie)),
        consumer_surplus=wsum(lambda o: o.cs(tie)),
        cs_interval=(wsum(lambda o: o.cs_min), wsum(lambda o: o.cs_max)),
        welfare_interval=(wsum(lambda o: o.welfare_min), wsum(lambda o: o.welfare_max)),
    )


# --------------------------------------------------------------------------- candidate families


def grid_posteriors(
    support: Iterable[Sequence[object]], denominator: int, max_support: int = 2
) -> Iterator[Distribution]:
    """Every distribution on the given profiles whose masses are multiples of
    ``1/denominator`` and whose support has at most ``max_support`` profiles.

    Ordered by support size, then lexicographically; exact and finite (for P profiles there
    are ``sum_{s <= k} C(P, s) C(N-1, s-1)`` of them).
    """
    if not isinstance(denominator, int) or isinstance(denominator, bool) or denominator < 1:
        raise InputError(f"denominator: expected a positive integer, got {denominator!r}")
    if not isinstance(max_support, int) or isinstance(max_support, bool) or max_support < 1:
        raise InputError(f"max_support: expected a positive integer, got {max_support!r}")
    profs = sorted(
        dict.fromkeys(
            tuple(as_fraction(x, "support profile") for x in (p if isinstance(p, tuple | list) else (p,)))
            for p in support
        )
    )
    n = denominator
    for size in range(1, min(max_support, len(profs)) + 1):
        for chosen in itertools.combinations(profs, size):
            for cut in itertools.combinations(range(1, n), size - 1):
                parts = [b - a for a, b in zip((0, *cut), (*cut, n), strict=True)]
                yield Distribution({v: Fraction(k, n) for v, k in zip(chosen, parts, strict=True)})


def product_posteriors(values: Sequence[Sequence[object]], denominator: int) -> Iterator[Distribution]:
    """Product posteriors: buyer i's marginal on ``values[i]`` with masses in
    ``(1/denominator) Z``, all combinations (independent buyers)."""
    marg = []
    for i, vs in enumerate(values):
        xs = sorted({as_fraction(x, f"values[{i}]") for x in vs})
        marg.append(list(grid_posteriors(xs, denominator, len(xs))))
    for combo in itertools.product(*marg):
        table: dict[Profile, Fraction] = {}
        for parts in itertools.product(*(d.items() for d in combo)):
            table[tuple(p[0][0] for p in parts)] = math.prod((p[1] for p in parts), start=_ONE)
        yield Distribution(table)


# --------------------------------------------------------------------------- optimal schemes


@dataclass(frozen=True)
class Column:
    """A candidate posterior with its seller optimum and the CS used under the tie rule."""

    posterior: Distribution
    seller: SellerOptimum = field(repr=False)
    cs: Fraction

    @property
    def revenue(self) -> Fraction:
        return self.seller.revenue


@dataclass(frozen=True)
class OptimalScheme:
    """The CS-maximal Bayes-plausible scheme over a finite candidate family, certified.

    ``value`` is the optimum, ``scheme`` attains it (positive weights only), ``duals[v]`` is
    the exact dual price of the Bayes-plausibility row of profile v, ``lp_result`` the
    certified final master LP, ``family`` every candidate that was priced (each with its
    certified seller optimum), ``rounds`` the number of master solves.
    """

    prior: Distribution
    tie: Tie
    value: Fraction
    scheme: SignalingScheme
    duals: Mapping[Profile, Fraction]
    lp_result: LPResult = field(repr=False)
    family: tuple[Column, ...] = field(repr=False)
    master: tuple[int, ...] = field(repr=False)
    rounds: int = 1

    def reduced_cost(self, column: Column) -> Fraction:
        """``CS(S) - sum_v y_v S(v)``: positive would mean S improves the master."""
        return column.cs - sum((self.duals.get(v, _ZERO) * m for v, m in column.posterior.items()), _ZERO)

    def max_reduced_cost(self) -> Fraction:
        return max(self.reduced_cost(c) for c in self.family)

    def verify(self, *, sellers: bool = False) -> None:
        """Re-check: the master certificate, the duals it records, exact pricing of the whole
        family (every reduced cost <= 0), and the scheme's value. ``sellers=True`` also
        re-checks every candidate's three seller certificates."""
        self.lp_result.verify()
        y = self.lp_result.certificate.y
        for v in self.prior.support:
            if y.get(_bp(v), _ZERO) != self.duals.get(v, _ZERO):
                raise VerifyError(f"optimal scheme: dual of profile {show(v)} differs from the certificate")
        for c in self.family:
            if c.cs != c.seller.cs(self.tie):
                raise VerifyError("optimal scheme: a column's CS differs from its seller optimum")
            if sellers:
                c.seller.verify()
            rc = self.reduced_cost(c)
            if rc > 0:
                raise VerifyError(
                    f"optimal scheme: candidate {c.posterior!r} has positive reduced cost {rc}"
                )
        cs = sum((w * self.family[k].cs for k, (w, _) in zip(self._used(), self.scheme.signals, strict=True)), _ZERO)
        if cs != self.value or self.lp_result.value != self.value:
            raise VerifyError("optimal scheme: the scheme's CS differs from the certified optimum")

    def _used(self) -> list[int]:
        x = self.lp_result.x
        return [k for k in self.master if x.get(_g(k), _ZERO) > 0]


def _bp(v: Profile) -> str:
    return "BP[" + ",".join(str(x) for x in v) + "]"


def _g(k: int) -> str:
    return f"g[{k}]"


def _master(prior: Distribution, family: Sequence[Column], cols: Sequence[int]) -> LinearProgram:
    rows: dict[Profile, dict[str, Fraction]] = {v: {} for v in prior.support}
    for k in cols:
        for v, m in family[k].posterior.items():
            rows[v][_g(k)] = m
    cons = tuple(Constraint(_bp(v), coeffs, "==", prior.mass(v)) for v, coeffs in rows.items())
    objective = {_g(k): family[k].cs for k in cols}
    return LinearProgram(tuple(Variable(_g(k)) for k in cols), objective, cons, "max")


def _family(
    prior: Distribution,
    candidates: Iterable[Distribution],
    tie: Tie,
    vals: tuple[tuple[Fraction, ...], ...],
    method: Method,
) -> tuple[list[Column], list[int]]:
    support = set(prior.support)
    points = [Distribution.point(v) for v in prior.support]
    seen: set[Distribution] = set()
    family: list[Column] = []
    initial: list[int] = []
    for k, cand in enumerate(itertools.chain(points, candidates)):
        post = as_profiles(cand, "candidate posterior")
        if post in seen or not set(post.support) <= support:
            continue  # duplicates add nothing; mass off the prior's support forces weight 0
        seen.add(post)
        opt = seller_optimum(post, vals, method=method)
        family.append(Column(post, opt, opt.cs(tie)))
        if k < len(points):
            initial.append(len(family) - 1)
    return family, initial


def optimal_scheme(
    prior: Distribution,
    candidates: Iterable[Distribution],
    *,
    tie: Tie = "fav",
    values: Sequence[Sequence[object]] | None = None,
    batch: int = 16,
    max_rounds: int = 10_000,
    method: Method = "auto",
) -> OptimalScheme:
    """Maximise ``sum_S gamma_S CS_tie(S)`` over Bayes-plausible schemes whose signals come
    from the finite family ``F = candidates ∪ {point masses on the prior's support}``.

    Master LP over the current columns: ``max sum_k g_k CS(S_k)`` s.t.
    ``sum_k g_k S_k(v) = D(v)`` for every profile v of the prior's support, ``g >= 0`` (these
    rows are Bayes plausibility; they imply ``sum_k g_k = 1``). It starts from the point
    masses (always feasible) and is solved with an exact certificate (lp.solve); its duals
    ``y`` price every member S of F exactly, ``rc(S) = CS(S) - sum_v y_v S(v)``, and the
    ``batch`` most positive are added, until no member of F has ``rc > 0``.

    What is certified, and nothing more: with every ``rc <= 0``, ``y`` is a feasible dual of
    the LP over the *whole* family F, so by weak duality ``value`` is the maximum CS over all
    Bayes-plausible schemes whose posteriors lie in F (each CS_tie(S) being itself a
    certified two-stage seller optimum). Posteriors outside F are not covered: a grid family
    (:func:`grid_posteriors`, :func:`product_posteriors`) is a finite slice of the posterior
    simplex, and restricting the support size can lose value (one buyer with uniform values
    {1, 2, 3}: no scheme of 2-point posteriors reaches OPT = 2/3). Candidates with mass off
    the prior's support are dropped (Bayes plausibility would force their weight to 0).
    """
    _check_tie(tie)
    d = as_profiles(prior, "prior")
    vals = _values(values, d, "values")
    family, cols = _family(d, candidates, tie, vals, method)
    in_master = set(cols)
    for rounds in range(1, max_rounds + 1):
        lp = _master(d, family, cols)
        res = solve(lp, method=method)
        if res.status != "optimal" or res.value is None:
            raise VerifyError(f"master LP is {res.status}; expected an optimum")
        y = res.certificate.y
        duals = {v: y.get(_bp(v), _ZERO) for v in d.support}
        priced = []
        for k, c in enumerate(family):
            if k in in_master:
                continue
            rc = c.cs - sum((duals[v] * m for v, m in c.posterior.items()), _ZERO)
            if rc > 0:
                priced.append((rc, k))
        if not priced:
            used = [k for k in cols if res.x.get(_g(k), _ZERO) > 0]
            scheme = SignalingScheme(d, tuple((res.x[_g(k)], family[k].posterior) for k in used))
            out = OptimalScheme(
                prior=d,
                tie=tie,
                value=res.value,
                scheme=scheme,
                duals=MappingProxyType(duals),
                lp_result=res,
                family=tuple(family),
                master=tuple(cols),
                rounds=rounds,
            )
            return out
        priced.sort(key=lambda t: (-t[0], t[1]))
        for _, k in priced[:batch]:
            cols.append(k)
            in_master.add(k)
    raise VerifyError(f"column generation did not converge in {max_rounds} rounds")


def max_weight_among_optima(
    result: OptimalScheme, selected: Callable[[Column], bool], *, method: Method = "auto"
) -> tuple[Fraction, SignalingScheme, LPResult]:
    """The largest total weight that an optimal scheme (over ``result.family``) can put on
    the columns ``selected`` picks, with a certified LP: maximise ``sum_{selected} g_S`` s.t.
    Bayes plausibility and ``sum_S g_S CS(S) >= result.value``. Returns the weight, a scheme
    attaining it (an optimal scheme), and the LP result. A positive weight proves that some
    optimal scheme over the family uses a selected column."""
    d = result.prior
    idx = list(range(len(result.family)))
    base = _master(d, result.family, idx)
    opt_row = Constraint("CS>=OPTIMUM", dict(base.objective), ">=", result.value)
    weight = {_g(k): _ONE for k in idx if selected(result.family[k])}
    if not weight:
        return _ZERO, result.scheme, result.lp_result
    lp = LinearProgram(base.variables, weight, (*base.constraints, opt_row), "max")
    res = solve(lp, method=method)
    if res.status != "optimal" or res.value is None:
        raise VerifyError(f"max-weight LP is {res.status}; expected an optimum")
    used = [k for k in idx if res.x.get(_g(k), _ZERO) > 0]
    scheme = SignalingScheme(d, tuple((res.x[_g(k)], result.family[k].posterior) for k in used))
    return res.value, scheme, res
