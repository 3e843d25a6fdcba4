"""Exact-certified linear programming.

Floating point may *find* an answer; exact rationals *decide* it. :func:`solve` runs HiGHS
(floating point) to find an optimal basis, re-solves that basis exactly in rationals
(python-flint ``fmpq``, sparse elimination plus a dense ``fmpq_mat`` block), and accepts the
result only if the resulting :class:`Certificate` passes :meth:`Certificate.verify`, a re-check
in pure Python integer/Fraction arithmetic that uses neither HiGHS nor flint. When the exact
check fails (degenerate or wrong basis, numerical trouble) it falls back to z3's exact
``Optimize`` over the reals and builds the same kind of certificate from z3's answers.

Certificates (all numbers exact):

* optimal: a primal point ``x`` and dual multipliers ``y`` (one per constraint) with reduced
  costs ``d = c - A^T y`` (one per variable). ``verify`` checks primal feasibility, the dual sign
  conditions, and that the primal value ``c.x`` equals the dual bound
  ``b.y + sum_j d_j * (the bound of x_j that d_j prices)``. By weak duality that bound holds
  for every feasible point, so equality proves ``x`` optimal.
* infeasible: a Farkas vector ``y`` (``d = -A^T y``) with the dual sign conditions of a
  maximisation and a negative dual bound: every feasible ``x`` would give ``0 <= bound < 0``.
* unbounded: a feasible ``x`` and a ray ``r`` in the recession cone with improving objective.

Certificates are data: :meth:`Certificate.to_json` writes one with the content hash of its LP
(:func:`lp_sha256` of :func:`lp_to_data`), :meth:`Certificate.from_data` parses one strictly.
Inside :func:`recording` every certificate produced is logged with its LP (the engine stores
them with witnesses and, on request, for positive verdicts: verify.certificates). Inside
:func:`replaying` (replay mode) :func:`solve` and :func:`solve_lazy` import no solver: they look
the LP's certificate up by hash and re-check it in Fraction arithmetic. A MILP optimum from
HiGHS branch-and-bound has no certificate: it is labelled (``proof``, ``trusted``), logged in
:func:`trusting`, and refused in replay mode.

Sign conventions (``s = +1`` for "max", ``-1`` for "min"): ``s*y_i >= 0`` for ``<=`` rows,
``s*y_i <= 0`` for ``>=`` rows, ``y_i`` free for ``==`` rows; ``s*d_j > 0`` needs a finite upper
bound of ``x_j`` and ``s*d_j < 0`` a finite lower bound.
"""

from __future__ import annotations

import hashlib
import heapq
import itertools
import json
import math
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from fractions import Fraction
from types import MappingProxyType
from typing import Any, Literal

from verify.errors import InputError, VerifyError
from verify.mech._exact import as_fraction

__all__ = [
    "Certificate",
    "CertificateError",
    "Constraint",
    "LPResult",
    "LinearProgram",
    "MILPResult",
    "Separation",
    "Variable",
    "as_fraction",
    "lp_from_data",
    "lp_sha256",
    "lp_to_data",
    "recording",
    "replaying",
    "solve",
    "solve_lazy",
    "solve_many",
    "solve_milp",
    "trusting",
    "z3_optimum",
]

Number = int | Fraction | str
Sense = Literal["max", "min"]
Op = Literal["<=", ">=", "=="]
Status = Literal["optimal", "infeasible", "unbounded"]
Method = Literal["auto", "highs", "z3"]

METHOD_HIGHS = "highs+exact-basis"
METHOD_Z3 = "z3-optimize"

_OPS = ("<=", ">=", "==")
_ZERO = Fraction(0)


class CertificateError(VerifyError):
    """A certificate failed its exact re-check; the message names the culprit."""


class _ExactFailure(Exception):
    """Internal: the floating-point answer could not be turned into a verified certificate."""


# --------------------------------------------------------------------------- exact numbers


def _opt_fraction(value: object, field: str) -> Fraction | None:
    return None if value is None else as_fraction(value, field)


def _exact_dot(pairs: Iterable[tuple[Fraction, Fraction]]) -> Fraction:
    """Sum of products of Fractions, in plain Python integer arithmetic (no flint, no floats)."""
    num, den = 0, 1
    for a, b in pairs:
        n = a.numerator * b.numerator
        if n == 0:
            continue
        d = a.denominator * b.denominator
        if d == den:
            num += n
        elif d == 1:
            num += n * den
        else:
            g = math.gcd(d, den)
            lcm = den // g * d
            num = num * (lcm // den) + n * (lcm // d)
            den = lcm
    return Fraction(num, den)


class _ScaledPoint:
    """A point over one common denominator, for fast exact row checks in Python integers."""

    def __init__(self, x: Mapping[str, Fraction]) -> None:
        self.x = x
        den = math.lcm(*(v.denominator for v in x.values())) if x else 1
        self.den = den
        self.ints: dict[str, int] | None = None
        if den.bit_length() <= 512:
            self.ints = {k: v.numerator * (den // v.denominator) for k, v in x.items()}

    def activity(self, coeffs: Mapping[str, Fraction]) -> Fraction:
        """The exact value of ``coeffs . x``."""
        ints = self.ints
        if ints is not None:
            acc = 0
            for k, a in coeffs.items():
                xi = ints.get(k, 0)
                if xi:
                    if a.denominator != 1:
                        break
                    acc += a.numerator * xi
            else:
                return Fraction(acc, self.den)
        return _exact_dot((a, self.x.get(k, _ZERO)) for k, a in coeffs.items())

    def holds(self, c: Constraint) -> bool:
        """Whether constraint ``c`` holds at the point, exactly."""
        ints = self.ints
        if ints is not None:
            acc = 0
            for k, a in c.coeffs.items():
                xi = ints.get(k, 0)
                if xi:
                    if a.denominator != 1:
                        break
                    acc += a.numerator * xi
            else:
                rhs = c.rhs
                lhs, r = acc * rhs.denominator, rhs.numerator * self.den
                op = c.op
                return lhs <= r if op == "<=" else lhs >= r if op == ">=" else lhs == r
        return _holds(c.activity(self.x), c.op, c.rhs)


def _float(v: Fraction) -> float:
    """Nearest float (only ever used to *find* answers, never to decide them)."""
    d = v.denominator
    return float(v.numerator) if d == 1 else v.numerator / d


def _fmt(v: Fraction | None) -> str:
    return "None" if v is None else str(v)


# --------------------------------------------------------------------------- problem values


@dataclass(frozen=True)
class Variable:
    """A decision variable with bounds ``lower <= x <= upper``; ``None`` means unbounded."""

    name: str
    lower: Fraction | None = _ZERO
    upper: Fraction | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name:
            raise InputError(f"variable name: expected a non-empty string, got {self.name!r}")
        lo = _opt_fraction(self.lower, f"variable {self.name}: lower")
        up = _opt_fraction(self.upper, f"variable {self.name}: upper")
        if lo is not None and up is not None and lo > up:
            raise InputError(f"variable {self.name}: lower bound {lo} exceeds upper bound {up}")
        object.__setattr__(self, "lower", lo)
        object.__setattr__(self, "upper", up)

    @classmethod
    def free(cls, name: str) -> Variable:
        """A variable without bounds."""
        return cls(name, None, None)


def _coeff_map(coeffs: Mapping[str, object], owner: str) -> Mapping[str, Fraction]:
    """Coerce a coefficient mapping (``owner`` names it in error messages); drop zeros."""
    if type(coeffs) is not dict and not isinstance(coeffs, Mapping):
        raise InputError(f"{owner}: expected a mapping variable -> coefficient, got {coeffs!r}")
    out: dict[str, Fraction] = {}
    for k, v in coeffs.items():
        if type(k) is not str and not isinstance(k, str):
            raise InputError(f"{owner}: variable names must be strings, got {k!r}")
        f = v if type(v) is Fraction else as_fraction(v, f"{owner}[{k!r}]")
        if f:
            out[k] = f
    return MappingProxyType(out)


@dataclass(frozen=True)
class Constraint:
    """The linear constraint ``sum_j coeffs[j] * x_j  op  rhs``; zero coefficients are dropped."""

    name: str
    coeffs: Mapping[str, Fraction]
    op: Op
    rhs: Fraction = _ZERO

    def __post_init__(self) -> None:
        name = self.name
        if type(name) is not str and not isinstance(name, str) or not name:
            raise InputError(f"constraint name: expected a non-empty string, got {name!r}")
        if self.op not in _OPS:
            raise InputError(f"constraint {name}: op must be one of {_OPS}, got {self.op!r}")
        object.__setattr__(self, "coeffs", _coeff_map(self.coeffs, f"constraint {name}"))
        if type(self.rhs) is not Fraction:
            object.__setattr__(self, "rhs", as_fraction(self.rhs, f"constraint {name}: rhs"))

    def activity(self, x: Mapping[str, Fraction]) -> Fraction:
        """The exact left-hand side at ``x`` (missing variables count as 0)."""
        return _exact_dot((c, x.get(k, _ZERO)) for k, c in self.coeffs.items())

    def holds(self, x: Mapping[str, Fraction]) -> bool:
        """Whether ``x`` satisfies the constraint, exactly."""
        return _holds(self.activity(x), self.op, self.rhs)


def _holds(lhs: Fraction, op: str, rhs: Fraction) -> bool:
    if op == "<=":
        return lhs <= rhs
    if op == ">=":
        return lhs >= rhs
    return lhs == rhs


@dataclass(frozen=True)
class LinearProgram:
    """``sense`` (max/min) of ``objective . x`` subject to ``constraints`` and variable bounds.

    ``variables`` may be given as Variable objects or bare names (bounds ``[0, inf)``).
    Construction validates names (no duplicates, no unknown variables) and coerces numbers.
    """

    variables: tuple[Variable, ...]
    objective: Mapping[str, Fraction]
    constraints: tuple[Constraint, ...] = ()
    sense: Sense = "max"
    _index: Mapping[str, int] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.sense not in ("max", "min"):
            raise InputError(f"sense: expected 'max' or 'min', got {self.sense!r}")
        if isinstance(self.variables, str | bytes) or not isinstance(self.variables, Iterable):
            raise InputError(f"variables: expected a sequence, got {self.variables!r}")
        vs = tuple(v if isinstance(v, Variable) else Variable(v) for v in self.variables)
        if not vs:
            raise InputError("variables: a linear program needs at least one variable")
        index: dict[str, int] = {}
        for i, v in enumerate(vs):
            if v.name in index:
                raise InputError(f"variables: duplicate variable name {v.name!r}")
            index[v.name] = i
        obj = _coeff_map(self.objective, "objective")
        for k in obj:
            if k not in index:
                raise InputError(f"objective: unknown variable {k!r}")
        cons = tuple(self.constraints)
        seen: set[str] = set()
        for c in cons:
            if not isinstance(c, Constraint):
                raise InputError(f"constraints: expected Constraint objects, got {c!r}")
            if c.name in seen:
                raise InputError(f"constraints: duplicate constraint name {c.name!r}")
            seen.add(c.name)
            for k in c.coeffs:
                if k not in index:
                    raise InputError(f"constraint {c.name}: unknown variable {k!r}")
        object.__setattr__(self, "variables", vs)
        object.__setattr__(self, "objective", obj)
        object.__setattr__(self, "constraints", cons)
        object.__setattr__(self, "_index", MappingProxyType(index))

    def variable(self, name: str) -> Variable:
        """The variable called ``name`` (InputError if there is none)."""
        try:
            return self.variables[self._index[name]]
        except KeyError:
            raise InputError(f"unknown variable {name!r}") from None

    def with_constraints(self, extra: Iterable[Constraint]) -> LinearProgram:
        """The same program with ``extra`` constraints appended."""
        return LinearProgram(
            self.variables, self.objective, self.constraints + tuple(extra), self.sense
        )

    def with_objective(self, objective: Mapping[str, object]) -> LinearProgram:
        """The same program with another objective (only the objective is validated again)."""
        obj = _coeff_map(objective, "objective")
        for k in obj:
            if k not in self._index:
                raise InputError(f"objective: unknown variable {k!r}")
        new = object.__new__(LinearProgram)
        for name in ("variables", "constraints", "sense", "_index"):
            object.__setattr__(new, name, getattr(self, name))
        object.__setattr__(new, "objective", obj)
        return new

    def objective_value(self, x: Mapping[str, Fraction]) -> Fraction:
        """The exact objective at ``x``."""
        return _exact_dot((c, x.get(k, _ZERO)) for k, c in self.objective.items())


# --------------------------------------------------------------------------- certificates


def _dual_sign_ok(op: str, sy: Fraction) -> bool:
    if op == "<=":
        return sy >= 0
    if op == ">=":
        return sy <= 0
    return True


def _sign_rule(op: str, sense: str) -> str:
    s = "" if sense == "max" else "-"
    return {"<=": f"{s}y >= 0", ">=": f"{s}y <= 0", "==": "y free"}[op]


@dataclass(frozen=True)
class Certificate:
    """Exact evidence for an LP answer; :meth:`verify` re-checks it in Python integers.

    ``kind`` is "optimal", "infeasible" or "unbounded". ``x`` is the primal point (optimal or
    unbounded), ``y`` the duals / Farkas multipliers by constraint name and ``d`` the reduced
    costs / bound multipliers by variable name (missing entries of ``y``, ``d`` are 0),
    ``ray`` the improving direction (unbounded) and ``value`` the optimal value.
    """

    kind: Status
    x: Mapping[str, Fraction] = field(default_factory=dict)
    y: Mapping[str, Fraction] = field(default_factory=dict)
    d: Mapping[str, Fraction] = field(default_factory=dict)
    ray: Mapping[str, Fraction] = field(default_factory=dict)
    value: Fraction | None = None

    def __post_init__(self) -> None:
        if self.kind not in ("optimal", "infeasible", "unbounded"):
            raise InputError(f"certificate kind: unknown {self.kind!r}")
        for name in ("x", "y", "d", "ray"):
            m = getattr(self, name)
            fixed = {k: as_fraction(v, f"certificate {name}[{k!r}]") for k, v in m.items()}
            object.__setattr__(self, name, MappingProxyType(fixed))
        object.__setattr__(self, "value", _opt_fraction(self.value, "certificate value"))

    # ---- re-check -------------------------------------------------------------------------

    def verify(
        self,
        lp: LinearProgram,
        *,
        constraints: Iterable[Constraint] | None = None,
        oracle: Callable[[Mapping[str, Fraction]], object] | None = None,
    ) -> None:
        """Re-check this certificate against ``lp`` exactly; raise CertificateError if it fails.

        ``constraints`` (further constraints, e.g. the full set behind a lazily generated LP)
        and ``oracle`` (a separation oracle, which must report nothing violated) extend the
        primal feasibility check of optimal and unbounded certificates. A Farkas certificate
        of a sub-system also proves every super-system infeasible, so they are not needed then.
        """
        row_names = {c.name for c in lp.constraints}
        for k in self.y:
            if k not in row_names:
                raise CertificateError(f"certificate y names unknown constraint {k!r}")
        for name in ("x", "d", "ray"):
            for k in getattr(self, name):
                if k not in lp._index:
                    raise CertificateError(f"certificate {name} names unknown variable {k!r}")
        if self.kind == "optimal":
            self._verify_optimal(lp)
        elif self.kind == "infeasible":
            self._verify_farkas(lp)
        else:
            self._verify_unbounded(lp)
        if self.kind == "infeasible":
            return
        scaled = _ScaledPoint(self.x)
        for c in constraints or ():
            if not scaled.holds(c):
                raise CertificateError(
                    f"constraint {c.name} (extra): {c.activity(self.x)} {c.op} {c.rhs} fails at x"
                )
        if oracle is not None:
            found = _violated(oracle(self.x))
            if found:
                c = found[0]
                raise CertificateError(
                    f"separation oracle reports {len(found)} violated constraint(s), first "
                    f"{c.name}: {c.activity(self.x)} {c.op} {c.rhs} fails at x"
                )

    def _check_primal(self, lp: LinearProgram, point: Mapping[str, Fraction]) -> None:
        for v in lp.variables:
            if v.name not in point:
                raise CertificateError(
                    f"primal feasibility fails at variable {v.name}: missing from the point"
                )
            xv = point[v.name]
            if v.lower is not None and xv < v.lower:
                raise CertificateError(
                    f"primal feasibility fails at variable {v.name}: x = {xv} below lower "
                    f"bound {v.lower}"
                )
            if v.upper is not None and xv > v.upper:
                raise CertificateError(
                    f"primal feasibility fails at variable {v.name}: x = {xv} above upper "
                    f"bound {v.upper}"
                )
        scaled = _ScaledPoint(point)
        for c in lp.constraints:
            if not scaled.holds(c):
                raise CertificateError(
                    f"primal feasibility fails at constraint {c.name}: expected lhs {c.op} "
                    f"{c.rhs}, got lhs = {c.activity(point)}"
                )

    def _dual_bound(self, lp: LinearProgram, cost: Mapping[str, Fraction], sense: str) -> Fraction:
        """Check the dual sign conditions and ``d = cost - A^T y``; return the dual bound."""
        s = 1 if sense == "max" else -1
        terms: list[tuple[Fraction, Fraction]] = []
        used: list[tuple[Constraint, Fraction]] = []
        for c in lp.constraints:
            yi = self.y.get(c.name, _ZERO)
            if not yi:
                continue
            if not _dual_sign_ok(c.op, s * yi):
                raise CertificateError(
                    f"dual feasibility fails at constraint {c.name} ({c.op}, {sense}): dual "
                    f"must satisfy "
                    f"{_sign_rule(c.op, sense)}, got y = {yi}"
                )
            terms.append((c.rhs, yi))
            used.append((c, yi))
        # A^T y in Python integers over the common denominator of y (Fractions if it is huge).
        den = math.lcm(*(yi.denominator for _, yi in used)) if used else 1
        big = den.bit_length() > 512
        acc: dict[str, int] = {}
        rest: dict[str, Fraction] = {}
        for c, yi in used:
            yint = yi.numerator * (den // yi.denominator)
            for k, a in c.coeffs.items():
                if big or a.denominator != 1:
                    rest[k] = rest.get(k, _ZERO) + a * yi
                else:
                    acc[k] = acc.get(k, 0) + a.numerator * yint
        for v in lp.variables:
            aty = Fraction(acc.get(v.name, 0), den) + rest.get(v.name, _ZERO)
            dj = cost.get(v.name, _ZERO) - aty
            got = self.d.get(v.name, _ZERO)
            if dj != got:
                raise CertificateError(
                    f"dual feasibility fails at variable {v.name}: reduced cost recorded "
                    f"{got}, but c - A^T y gives {dj}"
                )
            if not dj:
                continue
            bound = v.upper if s * dj > 0 else v.lower
            if bound is None:
                side = "upper" if s * dj > 0 else "lower"
                raise CertificateError(
                    f"dual feasibility fails at variable {v.name}: reduced cost {dj} prices "
                    f"the {side} bound, "
                    f"which is infinite"
                )
            terms.append((dj, bound))
        return _exact_dot(terms)

    def _verify_optimal(self, lp: LinearProgram) -> None:
        self._check_primal(lp, self.x)
        primal = lp.objective_value(self.x)
        if self.value is None or self.value != primal:
            raise CertificateError(
                f"optimality fails: objective: recorded value {_fmt(self.value)}, but c.x "
                f"gives {primal}"
            )
        dual = self._dual_bound(lp, lp.objective, lp.sense)
        if dual == primal:
            return
        # Name a complementary-slackness culprit for the message.
        culprit = ""
        for c in lp.constraints:
            yi = self.y.get(c.name, _ZERO)
            if yi and c.activity(self.x) != c.rhs:
                slack = c.rhs - c.activity(self.x)
                culprit = f"; constraint {c.name} has dual {yi} but slack {slack}"
                break
        else:
            s = 1 if lp.sense == "max" else -1
            for v in lp.variables:
                dj = self.d.get(v.name, _ZERO)
                if dj:
                    bound = v.upper if s * dj > 0 else v.lower
                    if self.x[v.name] != bound:
                        culprit = (
                            f"; variable {v.name} has reduced cost {dj} but x = "
                            f"{self.x[v.name]} is not at its bound {bound}"
                        )
                        break
        raise CertificateError(
            f"optimality fails: duality gap: primal {primal} != dual bound {dual}{culprit}"
        )

    def _verify_farkas(self, lp: LinearProgram) -> None:
        if not self.y and not self.d:
            raise CertificateError("infeasibility certificate has no Farkas multipliers")
        bound = self._dual_bound(lp, {}, "max")
        if bound >= 0:
            raise CertificateError(
                f"Farkas certificate: the combined inequality needs a negative bound, got {bound}"
            )

    def _verify_unbounded(self, lp: LinearProgram) -> None:
        self._check_primal(lp, self.x)
        r = self.ray
        s = 1 if lp.sense == "max" else -1
        for v in lp.variables:
            rv = r.get(v.name, _ZERO)
            if v.lower is not None and rv < 0:
                raise CertificateError(f"ray: variable {v.name} has a lower bound, ray {rv} < 0")
            if v.upper is not None and rv > 0:
                raise CertificateError(f"ray: variable {v.name} has an upper bound, ray {rv} > 0")
        for c in lp.constraints:
            lhs = c.activity(r)
            if not _holds(lhs, c.op, _ZERO):
                raise CertificateError(
                    f"ray: constraint {c.name}: expected a.r {c.op} 0, got {lhs}"
                )
        gain = lp.objective_value(r)
        if s * gain <= 0:
            raise CertificateError(f"ray: objective change {gain} does not improve ({lp.sense})")

    # ---- JSON -----------------------------------------------------------------------------

    def to_data(self, lp_sha256: str | None = None) -> dict[str, Any]:
        """The certificate as a JSON object, every number an exact string ("p/q" or "p").

        ``lp_sha256`` (see :func:`lp_sha256`) names the LP the certificate is for; it is
        written as ``lp_sha256`` when given.
        """

        from verify.exact import fraction_text

        def enc(m: Mapping[str, Fraction]) -> dict[str, str]:
            return {k: fraction_text(v) for k, v in m.items()}

        data: dict[str, Any] = {
            "format": CERT_FORMAT,
            "kind": self.kind,
            "value": None if self.value is None else fraction_text(self.value),
            "x": enc(self.x),
            "y": enc(self.y),
            "d": enc(self.d),
            "ray": enc(self.ray),
        }
        if lp_sha256 is not None:
            data["lp_sha256"] = lp_sha256
        return data

    def to_json(self, lp_sha256: str | None = None) -> str:
        """:meth:`to_data` as JSON text (keys sorted, so equal certificates hash equally)."""
        return json.dumps(self.to_data(lp_sha256), sort_keys=True)

    def sha256(self, lp_sha256: str | None = None) -> str:
        """The sha256 of :meth:`to_json` (the certificate's content hash)."""
        return hashlib.sha256(self.to_json(lp_sha256).encode()).hexdigest()

    @classmethod
    def from_data(cls, data: object, where: str = "certificate") -> Certificate:
        """Parse a certificate object strictly (InputError naming the field on any defect).

        Numbers must be exact strings "p" or "p/q" of at most MAX_DIGITS digits, names at most
        MAX_NAME characters, maps at most MAX_ENTRIES entries; unknown fields are refused.
        Nothing is evaluated. ``lp_sha256``, when present, is checked by :meth:`lp_hash`.
        """
        if not isinstance(data, dict) or "kind" not in data:
            raise InputError(f"{where}: expected an object with a 'kind' field")
        unknown = sorted(set(data) - _CERT_FIELDS)
        if unknown:
            raise InputError(f"{where}: unknown field {unknown[0]!r}")
        if data.get("format", CERT_FORMAT) != CERT_FORMAT:
            raise InputError(f"{where}: format {data.get('format')!r}; expected {CERT_FORMAT!r}")
        if data["kind"] not in ("optimal", "infeasible", "unbounded"):
            raise InputError(f"{where}: kind: expected optimal, infeasible or unbounded, got "
                             f"{str(data['kind'])[:40]!r}")
        maps = {}
        for name in ("x", "y", "d", "ray"):
            maps[name] = _number_map(data.get(name, {}), f"{where}: {name}")
        value = data.get("value")
        if value is not None:
            value = _strict_number(value, f"{where}: value")
        sha = data.get("lp_sha256")
        if sha is not None and not (isinstance(sha, str) and len(sha) == 64
                                    and all(ch in "0123456789abcdef" for ch in sha)):
            raise InputError(f"{where}: lp_sha256: expected 64 lower-case hex digits")
        return cls(kind=data["kind"], value=value, **maps)

    @classmethod
    def from_json(cls, text: str) -> Certificate:
        """Inverse of :meth:`to_json` (InputError on malformed input)."""
        return cls.from_data(_load_json(text, "certificate JSON"), "certificate JSON")


CERT_FORMAT = "mechverify-lp-certificate/1"
_CERT_FIELDS = {"format", "kind", "value", "x", "y", "d", "ray", "lp_sha256"}
LP_FORMAT = "mechverify-lp/1"
MAX_DIGITS = 1_000_000  # digits of one exact number read (verify.exact's bound)
MAX_NAME = 200  # characters of a variable or constraint name
MAX_ENTRIES = 2_000_000  # entries of one map, variables or rows read from a file
MAX_JSON = 256 * 1024 * 1024  # bytes of one certificate or LP text


def _load_json(text: str, where: str) -> Any:
    if len(text) > MAX_JSON:
        raise InputError(f"{where}: larger than {MAX_JSON // 2**20} MiB")

    def no_float(s: str) -> Any:
        raise InputError(f"{where}: JSON number {s[:20]!r}; exact numbers are strings 'p/q'")

    try:
        return json.loads(text, parse_float=no_float, parse_int=no_float, parse_constant=no_float)
    except json.JSONDecodeError as e:
        raise InputError(f"{where}: not valid JSON (line {e.lineno}: {e.msg})") from None
    except RecursionError:
        raise InputError(f"{where}: JSON nested too deeply") from None


def _strict_number(value: object, where: str) -> Fraction:
    """An exact number string "-p" or "p/q" (q > 0), digits bounded; never evaluated."""
    if not isinstance(value, str):
        raise InputError(f"{where}: expected an exact number string like '3/4', got "
                         f"{type(value).__name__}")
    if len(value) > 2 * MAX_DIGITS + 2:
        raise InputError(f"{where}: number longer than {MAX_DIGITS} digits")
    from verify.exact import parse_number

    return Fraction(parse_number(value, where))


def _name(value: object, where: str) -> str:
    if not isinstance(value, str) or not value or len(value) > MAX_NAME:
        raise InputError(f"{where}: expected a name of 1 to {MAX_NAME} characters")
    return value


def _number_map(value: object, where: str) -> dict[str, Fraction]:
    if not isinstance(value, dict):
        raise InputError(f"{where}: expected an object mapping names to exact numbers")
    if len(value) > MAX_ENTRIES:
        raise InputError(f"{where}: more than {MAX_ENTRIES} entries")
    return {_name(k, where): _strict_number(v, f"{where}[{k[:40]!r}]") for k, v in value.items()}


def lp_to_data(lp: LinearProgram) -> dict[str, Any]:
    """The LP as a canonical JSON object (exact strings); :func:`lp_sha256` hashes it."""
    from verify.exact import fraction_text as text

    def opt(v: Fraction | None) -> str | None:
        return None if v is None else text(v)

    return {
        "format": LP_FORMAT,
        "sense": lp.sense,
        "variables": [[v.name, opt(v.lower), opt(v.upper)] for v in lp.variables],
        "objective": {k: text(a) for k, a in lp.objective.items()},
        "constraints": [
            [c.name, c.op, text(c.rhs), {k: text(a) for k, a in c.coeffs.items()}]
            for c in lp.constraints
        ],
    }


def lp_from_data(data: object, where: str = "LP") -> LinearProgram:
    """Parse :func:`lp_to_data`'s object strictly (InputError naming the field)."""
    if not isinstance(data, dict) or set(data) != {
        "format", "sense", "variables", "objective", "constraints"
    }:
        raise InputError(f"{where}: expected an object with fields format, sense, variables, "
                         "objective, constraints")
    if data["format"] != LP_FORMAT:
        raise InputError(f"{where}: format {str(data['format'])[:40]!r}; expected {LP_FORMAT!r}")
    for field_name in ("variables", "constraints"):
        if not isinstance(data[field_name], list) or len(data[field_name]) > MAX_ENTRIES:
            raise InputError(f"{where}: {field_name}: expected a list of at most {MAX_ENTRIES}")
    vs = []
    for i, v in enumerate(data["variables"]):
        at = f"{where}: variables[{i}]"
        if not isinstance(v, list) or len(v) != 3:
            raise InputError(f"{at}: expected [name, lower or null, upper or null]")
        lo = None if v[1] is None else _strict_number(v[1], f"{at}.lower")
        up = None if v[2] is None else _strict_number(v[2], f"{at}.upper")
        vs.append(Variable(_name(v[0], at), lo, up))
    cons = []
    for i, c in enumerate(data["constraints"]):
        at = f"{where}: constraints[{i}]"
        if not isinstance(c, list) or len(c) != 4 or c[1] not in _OPS:
            raise InputError(f"{at}: expected [name, '<=' | '>=' | '==', rhs, coefficients]")
        cons.append(Constraint(_name(c[0], at), _number_map(c[3], f"{at}.coeffs"), c[1],
                               _strict_number(c[2], f"{at}.rhs")))
    return LinearProgram(tuple(vs), _number_map(data["objective"], f"{where}: objective"),
                         tuple(cons), data["sense"])


def lp_sha256(lp: LinearProgram) -> str:
    """The content hash of an LP: sha256 of its canonical JSON (:func:`lp_to_data`, keys
    sorted). Two LPs with the same variables, bounds, objective and rows (same names, same
    order) hash equally, however they were built."""
    text = json.dumps(lp_to_data(lp), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


# --------------------------------------------------------------------------- record / replay

# Every certificate produced (or looked up) while a `recording()` block is active, with its LP.
_LOG: ContextVar[list[tuple[LinearProgram, Certificate]] | None] = ContextVar(
    "mechverify_lp_log", default=None
)
# In replay mode, the stored certificates by LP hash: solving looks them up instead of
# running a solver (see `replaying`).
_BOOK: ContextVar[Mapping[str, Certificate] | None] = ContextVar(
    "mechverify_lp_book", default=None
)
# Trusted steps (a MILP optimum from HiGHS branch-and-bound) taken inside `recording()`.
_TRUSTED: ContextVar[list[str] | None] = ContextVar("mechverify_lp_trusted", default=None)

METHOD_REPLAY = "stored certificate, re-checked exactly (no solver)"


@contextmanager
def collecting(var: ContextVar[list[Any] | None]) -> Iterator[list[Any]]:
    """Point the context variable `var` at a fresh list for the block and yield the list
    (what is reported into `var` inside the block lands there; nested blocks each collect
    their own)."""
    found: list[Any] = []
    token = var.set(found)
    try:
        yield found
    finally:
        var.reset(token)


def recording() -> AbstractContextManager[list[tuple[LinearProgram, Certificate]]]:
    """Collect (lp, certificate) of every LP solved inside the block, for witnesses and
    `mechverify check --certificates`."""
    return collecting(_LOG)  # type: ignore[arg-type]


def trusting() -> AbstractContextManager[list[str]]:
    """Collect the trusted (uncertified) steps taken inside the block: a MILP optimum that
    rests on HiGHS branch-and-bound. The engine never calls a point resting on one PROVED."""
    return collecting(_TRUSTED)  # type: ignore[arg-type]


@contextmanager
def replaying(book: Mapping[str, Certificate]) -> Iterator[None]:
    """Replay mode: inside the block :func:`solve` and :func:`solve_lazy` import no solver.
    Each LP is hashed (:func:`lp_sha256`), its certificate looked up in ``book`` and verified
    in Fraction arithmetic against the LP just built; a missing or failing certificate raises
    CertificateError naming the LP or the violated condition."""
    token = _BOOK.set(book)
    try:
        yield
    finally:
        _BOOK.reset(token)


def _log(lp: LinearProgram, cert: Certificate) -> None:
    log = _LOG.get()
    if log is not None:
        log.append((lp, cert))


def _from_book(lp: LinearProgram, book: Mapping[str, Certificate]) -> Certificate:
    key = lp_sha256(lp)
    cert = book.get(key)
    if cert is None:
        raise CertificateError(
            f"replay without solvers: no stored certificate for LP {key[:16]} "
            f"({len(lp.variables)} variables, {len(lp.constraints)} rows); the witness must "
            f"be rewritten with its certificates (mechverify rehash)"
        )
    try:
        cert.verify(lp)
    except CertificateError as e:
        raise CertificateError(f"stored certificate of LP {key[:16]}: {e}") from None
    return cert


def _violated(found: object) -> list[Constraint]:
    if isinstance(found, Separation):
        return list(found.violated)
    if isinstance(found, Iterable):
        out = list(found)
        for c in out:
            if not isinstance(c, Constraint):
                raise InputError(f"separation oracle: expected Constraint objects, got {c!r}")
        return out
    raise InputError(f"separation oracle: expected a Separation or list, got {found!r}")


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class LPResult:
    """A certified LP answer.

    ``value`` is the exact optimum (None unless ``status == "optimal"``); ``x`` the optimal
    point (a feasible point if unbounded, empty if infeasible). ``certificate.verify(lp)``
    re-checks everything; ``lp`` is the program that was certified (for :func:`solve_lazy` the
    final restricted program). ``trusted`` lists anything the answer rests on besides exact
    arithmetic (empty for a fully certified answer).
    """

    status: Status
    value: Fraction | None
    x: Mapping[str, Fraction]
    certificate: Certificate
    method: str
    lp: LinearProgram
    seconds: float = 0.0
    rounds: int = 1
    all_constraints_checked: int | None = None
    trusted: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    def verify(
        self,
        *,
        constraints: Iterable[Constraint] | None = None,
        oracle: Callable[[Mapping[str, Fraction]], object] | None = None,
    ) -> None:
        """Re-check the certificate against :attr:`lp` (plus optional constraints / oracle)."""
        self.certificate.verify(self.lp, constraints=constraints, oracle=oracle)

    def _sympy_(self) -> Any:
        """A certified value in relations: ``sp.Eq(h, i, evaluate=False)`` with LPResults
        ``h``, ``i`` compares their exact optima (the certificates are stored with a witness
        by the engine). Only an optimal result has a value."""
        if self.status != "optimal" or self.value is None:
            raise VerifyError(f"the LP is {self.status}: it has no optimal value to compare")
        import sympy as sp

        return sp.Rational(self.value.numerator, self.value.denominator)


def _result(
    lp: LinearProgram, cert: Certificate, method: str, t0: float, notes: Sequence[str] = ()
) -> LPResult:
    """Wrap a certificate that has already passed ``verify(lp)``."""
    return LPResult(
        status=cert.kind,
        value=cert.value if cert.kind == "optimal" else None,
        x=cert.x,
        certificate=cert,
        method=method,
        lp=lp,
        seconds=time.perf_counter() - t0,
        notes=tuple(notes),
    )


# --------------------------------------------------------------------------- compiled model


class _Model:
    """Index-based copy of a LinearProgram (mutable: rows can be appended)."""

    def __init__(self, lp: LinearProgram) -> None:
        self.lp = lp
        self.names = [v.name for v in lp.variables]
        self.index = dict(lp._index)
        self.lower = [v.lower for v in lp.variables]
        self.upper = [v.upper for v in lp.variables]
        self.cost = [lp.objective.get(n, _ZERO) for n in self.names]
        self.maximize = lp.sense == "max"
        self.row_names: list[str] = []
        self.row_idx: list[list[int]] = []
        self.row_val: list[list[Fraction]] = []
        self.ops: list[str] = []
        self.rhs: list[Fraction] = []
        self._qrows: dict[int, list[Any]] = {}
        self.add_rows(lp.constraints)

    @property
    def n(self) -> int:
        return len(self.names)

    @property
    def m(self) -> int:
        return len(self.row_names)

    def add_rows(self, cons: Iterable[Constraint]) -> None:
        index = self.index
        for c in cons:
            self.row_names.append(c.name)
            self.row_idx.append([index[k] for k in c.coeffs])
            self.row_val.append(list(c.coeffs.values()))
            self.ops.append(c.op)
            self.rhs.append(c.rhs)

    def qrow(self, i: int) -> list[Any]:
        """Row ``i``'s coefficients as flint fmpq (cached)."""
        row = self._qrows.get(i)
        if row is None:
            from flint import fmpq

            row = [fmpq(v.numerator, v.denominator) for v in self.row_val[i]]
            self._qrows[i] = row
        return row

    def highs_rows(self, start: int) -> tuple[Any, ...]:
        """Float CSR arrays (lower, upper, starts, index, values) of rows ``start..m-1``."""
        import numpy as np

        inf = math.inf
        lower, upper, starts = [], [], [0]
        idx: list[int] = []
        val: list[float] = []
        for i in range(start, self.m):
            op, b = self.ops[i], _float(self.rhs[i])
            lower.append(-inf if op == "<=" else b)
            upper.append(inf if op == ">=" else b)
            idx.extend(self.row_idx[i])
            val.extend(_float(v) for v in self.row_val[i])
            starts.append(len(idx))
        return (
            np.array(lower, dtype=np.float64),
            np.array(upper, dtype=np.float64),
            np.array(starts, dtype=np.int32),
            np.array(idx, dtype=np.int32),
            np.array(val, dtype=np.float64),
        )


_HIGHS_STATE = {"banner_done": False}


def _new_highs() -> Any:
    """A silent highspy.Highs (the one-off licence banner is kept off stdout)."""
    import highspy

    if _HIGHS_STATE["banner_done"]:
        h = highspy.Highs()
    else:
        _HIGHS_STATE["banner_done"] = True
        sys.stdout.flush()
        try:
            saved = os.dup(1)
            devnull = os.open(os.devnull, os.O_WRONLY)
        except OSError:
            h = highspy.Highs()
        else:
            try:
                os.dup2(devnull, 1)
                h = highspy.Highs()
            finally:
                os.dup2(saved, 1)
                os.close(saved)
                os.close(devnull)
    h.setOptionValue("output_flag", False)
    return h


class _HighsRunner:
    """A HiGHS instance holding a _Model; rows appended to the model can be pushed later."""

    def __init__(self, model: _Model, integer: Sequence[int] = ()) -> None:
        import highspy
        import numpy as np

        self.model = model
        self.h = _new_highs()
        inf = math.inf
        lower = np.array([-inf if v is None else float(v) for v in model.lower])
        upper = np.array([inf if v is None else float(v) for v in model.upper])
        cost = np.array([float(c) for c in model.cost])
        rl, ru, starts, idx, val = model.highs_rows(0)
        sense = highspy.ObjSense.kMaximize if model.maximize else highspy.ObjSense.kMinimize
        lp = highspy.HighsLp()
        lp.num_col_ = model.n
        lp.num_row_ = model.m
        lp.col_cost_ = cost
        lp.col_lower_ = lower
        lp.col_upper_ = upper
        lp.row_lower_ = rl
        lp.row_upper_ = ru
        lp.sense_ = sense
        lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
        lp.a_matrix_.num_col_ = model.n
        lp.a_matrix_.num_row_ = model.m
        lp.a_matrix_.start_ = starts
        lp.a_matrix_.index_ = idx
        lp.a_matrix_.value_ = val
        if integer:
            marked = set(integer)
            kint, kcont = highspy.HighsVarType.kInteger, highspy.HighsVarType.kContinuous
            lp.integrality_ = [kint if j in marked else kcont for j in range(model.n)]
        status = self.h.passModel(lp)
        if status == highspy.HighsStatus.kError:
            raise _ExactFailure("HiGHS rejected the model")
        self.pushed = model.m

    def set_costs(self, cost: Sequence[Fraction]) -> None:
        """Replace every column's cost (the basis is kept for a warm start)."""
        import numpy as np

        n = len(cost)
        self.h.changeColsCost(n, np.arange(n, dtype=np.int32),
                              np.array([_float(c) for c in cost], dtype=np.float64))

    def push_rows(self) -> None:
        if self.model.m == self.pushed:
            return
        rl, ru, starts, idx, val = self.model.highs_rows(self.pushed)
        self.h.addRows(len(rl), rl, ru, len(idx), starts[:-1], idx, val)
        self.pushed = self.model.m

    def run(self, time_limit: float | None) -> str:
        """Run HiGHS; return "optimal", "infeasible", "unbounded", "unbounded_or_infeasible"."""
        import highspy

        self.push_rows()
        self.h.setOptionValue(
            "time_limit", math.inf if time_limit is None else max(time_limit, 0.01)
        )
        self.h.run()
        st = self.h.getModelStatus()
        ms = highspy.HighsModelStatus
        if st == ms.kOptimal:
            return "optimal"
        if st == ms.kInfeasible:
            return "infeasible"
        if st == ms.kUnbounded:
            return "unbounded"
        if st == ms.kUnboundedOrInfeasible:
            return "unbounded_or_infeasible"
        if st == ms.kTimeLimit:
            raise VerifyError("time limit reached while HiGHS was solving the LP")
        raise _ExactFailure(f"HiGHS stopped with status {self.h.modelStatusToString(st)}")

    def basis(self) -> tuple[list[int], list[int]]:
        b = self.h.getBasis()
        if not b.valid:
            raise _ExactFailure("HiGHS returned no valid basis")
        return [int(s.value) for s in b.col_status], [int(s.value) for s in b.row_status]


# HighsBasisStatus values
_LOWER, _BASIC, _UPPER, _ZEROST = 0, 1, 2, 3


# --------------------------------------------------------------------------- exact linear algebra

_DENSE_MAX = 700


def _sparse_solve(rows: list[dict[int, Any]], rhs: list[Any], n: int) -> list[Any] | None:
    """Solve the square system ``rows . x = rhs`` exactly (fmpq entries); None if singular.

    Sparse Gaussian elimination: row and column singletons first (no fill-in), Markowitz
    pivots while the remaining block is large, and a dense flint ``fmpq_mat.solve`` on the
    remaining block once it is small. Exact arithmetic, so any nonzero pivot is valid.
    """
    from flint import fmpq_mat

    if n == 0:
        return []
    R = [dict(r) for r in rows]
    b = list(rhs)
    cols: list[set[int]] = [set() for _ in range(n)]
    for i, r in enumerate(R):
        if not r:
            return None
        for j in r:
            cols[j].add(i)
    if any(not c for c in cols):
        return None
    row_done = [False] * n
    col_done = [False] * n
    order: list[tuple[int, int]] = []
    rstack = [i for i in range(n) if len(R[i]) == 1]
    cstack = [j for j in range(n) if len(cols[j]) == 1]
    heap: list[tuple[int, int]] = []
    use_heap = False

    def touch(j: int) -> bool:
        k = len(cols[j])
        if k == 0:
            return False
        if k == 1:
            cstack.append(j)
        if use_heap:
            heapq.heappush(heap, (k, j))
        return True

    def pivot(p: int, c: int) -> bool:
        rp = R[p]
        piv = rp[c]
        bp = b[p]
        row_done[p] = True
        col_done[c] = True
        order.append((p, c))
        for j in rp:
            cols[j].discard(p)
        others = cols[c]
        cols[c] = set()
        for j in rp:
            if j != c and not touch(j):
                return False
        for i in others:
            ri = R[i]
            f = ri.pop(c) / piv
            if bp:
                b[i] -= f * bp
            for j, v in rp.items():
                if j == c:
                    continue
                old = ri.get(j)
                if old is None:
                    ri[j] = -f * v
                    cols[j].add(i)
                    if use_heap:
                        heapq.heappush(heap, (len(cols[j]), j))
                else:
                    nv = old - f * v
                    if nv == 0:
                        del ri[j]
                        cols[j].discard(i)
                        if not touch(j):
                            return False
                    else:
                        ri[j] = nv
            k = len(ri)
            if k == 0:
                return False
            if k == 1:
                rstack.append(i)
        return True

    x: list[Any] = [None] * n
    left = n
    while left:
        progressed = True
        while progressed and left:
            progressed = False
            while rstack:
                i = rstack.pop()
                if row_done[i] or len(R[i]) != 1:
                    continue
                (c,) = R[i]
                if not pivot(i, c):
                    return None
                left -= 1
                progressed = True
            while cstack:
                j = cstack.pop()
                if col_done[j] or len(cols[j]) != 1:
                    continue
                (p,) = cols[j]
                if not pivot(p, j):
                    return None
                left -= 1
                progressed = True
                break  # prefer row singletons again
        if not left:
            break
        if not use_heap:
            use_heap = True
            heap = [(len(cols[j]), j) for j in range(n) if not col_done[j]]
            heapq.heapify(heap)
        while True:
            k, j = heapq.heappop(heap)
            if not col_done[j] and len(cols[j]) == k:
                break
        if left <= _DENSE_MAX and k * 8 >= left:
            # Every remaining column is at least 1/8 full: finish with a dense exact solve.
            alive_r = [i for i in range(n) if not row_done[i]]
            alive_c = [j for j in range(n) if not col_done[j]]
            pos = {j: r for r, j in enumerate(alive_c)}
            entries: list[Any] = [0] * (left * left)
            for r, i in enumerate(alive_r):
                base = r * left
                for j, v in R[i].items():
                    entries[base + pos[j]] = v
            try:
                sol = fmpq_mat(left, left, entries).solve(
                    fmpq_mat(left, 1, [b[i] for i in alive_r])
                )
            except (ZeroDivisionError, ValueError):
                return None
            for r, j in enumerate(alive_c):
                x[j] = sol[r, 0]
            break
        p = min(cols[j], key=lambda i: len(R[i]))
        if not pivot(p, j):
            return None
        left -= 1
    for p, c in reversed(order):
        s = b[p]
        rp = R[p]
        for j, v in rp.items():
            if j != c:
                s -= v * x[j]
        x[c] = s / rp[c]
    return x


def _to_fraction(v: Any) -> Fraction:
    return Fraction(int(v.p), int(v.q))


def _certificate_from_basis(model: _Model, cs: list[int], rs: list[int]) -> Certificate:
    """Solve the basis exactly: primal vertex from the active rows, duals from the transpose."""
    from flint import fmpq

    n = model.n
    xq: list[Any] = [None] * n
    basic: list[int] = []
    for j, s in enumerate(cs):
        if s == _BASIC:
            basic.append(j)
        elif s == _LOWER:
            lo = model.lower[j]
            if lo is None:
                raise _ExactFailure(f"variable {model.names[j]} nonbasic at an infinite bound")
            xq[j] = fmpq(lo.numerator, lo.denominator)
        elif s == _UPPER:
            up = model.upper[j]
            if up is None:
                raise _ExactFailure(f"variable {model.names[j]} nonbasic at an infinite bound")
            xq[j] = fmpq(up.numerator, up.denominator)
        else:
            xq[j] = fmpq(0)
    active = [i for i, s in enumerate(rs) if s != _BASIC]
    if len(active) != len(basic):
        raise _ExactFailure(f"basis has {len(basic)} basic columns but {len(active)} active rows")
    pos = {j: k for k, j in enumerate(basic)}
    nb = len(basic)
    mrows: list[dict[int, Any]] = []
    mrhs: list[Any] = []
    cols_t: list[dict[int, Any]] = [{} for _ in range(nb)]
    for r, i in enumerate(active):
        b = model.rhs[i]
        acc = fmpq(b.numerator, b.denominator)
        row: dict[int, Any] = {}
        for j, a in zip(model.row_idx[i], model.qrow(i), strict=True):
            k = pos.get(j)
            if k is None:
                if xq[j]:
                    acc -= a * xq[j]
            else:
                row[k] = a
                cols_t[k][r] = a
        mrows.append(row)
        mrhs.append(acc)
    xb = _sparse_solve(mrows, mrhs, nb)
    if xb is None:
        raise _ExactFailure("basis matrix is singular in exact arithmetic")
    for k, j in enumerate(basic):
        xq[j] = xb[k]
    cb = []
    for j in basic:
        c = model.cost[j]
        cb.append(fmpq(c.numerator, c.denominator))
    ya = _sparse_solve(cols_t, cb, nb)
    if ya is None:
        raise _ExactFailure("transposed basis matrix is singular in exact arithmetic")
    x = {model.names[j]: _to_fraction(xq[j]) for j in range(n)}
    y: dict[str, Fraction] = {}
    aty: dict[int, Any] = {}
    for r, i in enumerate(active):
        yi = ya[r]
        if not yi:
            continue
        y[model.row_names[i]] = _to_fraction(yi)
        for j, a in zip(model.row_idx[i], model.qrow(i), strict=True):
            aty[j] = aty.get(j, 0) - a * yi
    d: dict[str, Fraction] = {}
    for j in range(n):
        c = model.cost[j]
        dj = fmpq(c.numerator, c.denominator) + aty.get(j, 0)
        if dj:
            d[model.names[j]] = _to_fraction(dj)
    lp = model.lp
    value = lp.objective_value(x)
    return Certificate("optimal", x=x, y=y, d=d, value=value)


# --------------------------------------------------------------------------- HiGHS path


def _fresh(prefix: str, taken: Mapping[str, object] | set[str]) -> Callable[[int], str]:
    k = 0
    while any(name.startswith(f"{prefix}{k}~") for name in taken):
        k += 1
    return lambda i: f"{prefix}{k}~{i}"


def _phase1(lp: LinearProgram) -> LinearProgram:
    """max -sum(e) s.t. each row relaxed by nonnegative slack e: feasible, bounded by 0."""
    name = _fresh("__e", lp._index)
    extra: list[Variable] = []
    cons: list[Constraint] = []
    one = Fraction(1)
    for i, c in enumerate(lp.constraints):
        coeffs = dict(c.coeffs)
        if c.op in ("<=", "=="):
            e = name(2 * i)
            extra.append(Variable(e))
            coeffs[e] = -one
        if c.op in (">=", "=="):
            e = name(2 * i + 1)
            extra.append(Variable(e))
            coeffs[e] = one
        cons.append(Constraint(c.name, coeffs, c.op, c.rhs))
    obj = {v.name: -one for v in extra}
    if not obj:  # no rows: objective 0 over the original variables
        obj = {}
    return LinearProgram(lp.variables + tuple(extra), obj, tuple(cons), "max")


def _ray_program(lp: LinearProgram) -> LinearProgram:
    """Directions in the recession cone inside the box [-1, 1]^n, optimising the objective."""
    vs = []
    for v in lp.variables:
        lo = Fraction(0) if v.lower is not None else Fraction(-1)
        up = Fraction(0) if v.upper is not None else Fraction(1)
        vs.append(Variable(v.name, lo, up))
    cons = tuple(Constraint(c.name, c.coeffs, c.op, _ZERO) for c in lp.constraints)
    return LinearProgram(tuple(vs), lp.objective, cons, lp.sense)


def _optimal_certificate(lp: LinearProgram, time_limit: float | None) -> Certificate:
    model = _Model(lp)
    runner = _HighsRunner(model)
    status = runner.run(time_limit)
    if status != "optimal":
        raise _ExactFailure(f"HiGHS says {status} for an auxiliary LP that has an optimum")
    cert = _certificate_from_basis(model, *runner.basis())
    try:
        cert.verify(lp)
    except CertificateError as e:
        raise _ExactFailure(str(e)) from None
    return cert


def _farkas_or_point(
    lp: LinearProgram, time_limit: float | None
) -> Certificate | dict[str, Fraction]:
    """A verified Farkas certificate, or a feasible point, via the exact phase-1 LP."""
    aux = _phase1(lp)
    cert = _optimal_certificate(aux, time_limit)
    assert cert.value is not None
    if cert.value < 0:
        y = dict(cert.y)
        d = {k: v for k, v in cert.d.items() if k in lp._index}
        farkas = Certificate("infeasible", y=y, d=d)
        try:
            farkas.verify(lp)
        except CertificateError as e:
            raise _ExactFailure(f"Farkas certificate from phase 1 failed: {e}") from None
        return farkas
    return {v.name: cert.x[v.name] for v in lp.variables}


def _unbounded_certificate(
    lp: LinearProgram, point: Mapping[str, Fraction], time_limit: float | None
) -> Certificate:
    ray_lp = _ray_program(lp)
    rc = _optimal_certificate(ray_lp, time_limit)
    assert rc.value is not None
    if (rc.value <= 0) if lp.sense == "max" else (rc.value >= 0):
        raise _ExactFailure("HiGHS reported unboundedness but no improving ray exists")
    ray = {k: v for k, v in rc.x.items() if v}
    return Certificate("unbounded", x=dict(point), ray=ray)


def _solve_highs_model(
    lp: LinearProgram, model: _Model, runner: _HighsRunner, time_limit: float | None
) -> Certificate:
    status = runner.run(time_limit)
    if status == "optimal":
        cert = _certificate_from_basis(model, *runner.basis())
        try:
            cert.verify(lp)
        except CertificateError as e:
            raise _ExactFailure(str(e)) from None
        return cert
    found = _farkas_or_point(lp, time_limit)
    if isinstance(found, Certificate):
        return found
    if status == "infeasible":
        raise _ExactFailure("HiGHS says infeasible, but the exact phase-1 LP found a point")
    return _unbounded_certificate(lp, found, time_limit)


# --------------------------------------------------------------------------- z3 path
#
# The z3 queries are written as SMT-LIB text (parsed by z3 in C++, far faster than building
# expressions through the Python API); every number is an exact rational literal.


def _z3_fraction(v: Any) -> Fraction:
    import z3

    if z3.is_int_value(v):
        return Fraction(v.as_long())
    if z3.is_rational_value(v):
        return Fraction(v.numerator_as_long(), v.denominator_as_long())
    raise _ExactFailure(f"z3 returned a non-rational value {v}")


def _smt_num(v: Fraction) -> str:
    n, d = v.numerator, v.denominator
    body = f"{abs(n)}.0" if d == 1 else f"(/ {abs(n)}.0 {d}.0)"
    return f"(- {body})" if n < 0 else body


def _smt_lin(terms: Iterable[tuple[Fraction, str]]) -> str:
    parts = [x if a == 1 else f"(* {_smt_num(a)} {x})" for a, x in terms if a]
    if not parts:
        return "0.0"
    return parts[0] if len(parts) == 1 else f"(+ {' '.join(parts)})"


_SMT_OP = {"<=": "<=", ">=": ">=", "==": "="}


def _z3_run(solver: Any, text: str, what: str) -> bool:
    import z3

    solver.from_string(text)
    r = solver.check()
    if r == z3.sat:
        return True
    if r == z3.unsat:
        return False
    raise VerifyError(f"z3 gave up on {what}: {solver.reason_unknown()}")


def _z3_values(solver: Any, names: Mapping[str, str], drop_zero: bool) -> dict[str, Fraction]:
    import z3

    model = solver.model()
    out: dict[str, Fraction] = {}
    for key, sym in names.items():
        v = _z3_fraction(model.eval(z3.Real(sym), model_completion=True))
        if v or not drop_zero:
            out[key] = v
    return out


def _smt_primal(lp: LinearProgram, prefix: str, cone: bool = False) -> tuple[dict[str, str], str]:
    """Declarations and assertions of ``lp``'s feasible set (or recession cone) as SMT-LIB."""
    names = {v.name: f"{prefix}{j}" for j, v in enumerate(lp.variables)}
    lines = [f"(declare-const {sym} Real)" for sym in names.values()]
    for v in lp.variables:
        sym = names[v.name]
        if v.lower is not None:
            lines.append(f"(assert (>= {sym} {_smt_num(_ZERO if cone else v.lower)}))")
        if v.upper is not None:
            lines.append(f"(assert (<= {sym} {_smt_num(_ZERO if cone else v.upper)}))")
    for c in lp.constraints:
        lhs = _smt_lin((a, names[k]) for k, a in c.coeffs.items())
        rhs = _smt_num(_ZERO if cone else c.rhs)
        lines.append(f"(assert ({_SMT_OP[c.op]} {lhs} {rhs}))")
    return names, "\n".join(lines)


def _z3_dual(
    lp: LinearProgram,
    cost: Mapping[str, Fraction],
    sense: str,
    bound: Fraction | None,
    ms: int | None,
) -> tuple[dict[str, Fraction], dict[str, Fraction]]:
    """Dual multipliers (y, d) for ``cost``: dual bound == ``bound``, or <= -1 (Farkas) if None.

    ``s*d_j = u_j - l_j`` with ``u_j >= 0`` pricing a finite upper bound and ``l_j >= 0`` a
    finite lower bound; merging the two parts never weakens the bound (see module docstring).
    """
    import z3

    s = 1 if sense == "max" else -1
    ys = {c.name: f"y{i}" for i, c in enumerate(lp.constraints)}
    lines = [f"(declare-const {sym} Real)" for sym in ys.values()]
    for c in lp.constraints:
        if c.op != "==":
            rel = ">=" if (c.op == "<=") == (s == 1) else "<="
            lines.append(f"(assert ({rel} {ys[c.name]} 0.0))")
    cols: dict[str, list[tuple[Fraction, str]]] = {v.name: [] for v in lp.variables}
    for c in lp.constraints:
        for k, a in c.coeffs.items():
            cols[k].append((a, ys[c.name]))
    dual_terms = [(c.rhs, ys[c.name]) for c in lp.constraints if c.rhs]
    parts_of: dict[str, list[tuple[Fraction, str]]] = {}
    for j, v in enumerate(lp.variables):
        parts: list[tuple[Fraction, str]] = []
        if v.upper is not None:
            lines.append(f"(declare-const u{j} Real)")
            lines.append(f"(assert (>= u{j} 0.0))")
            parts.append((Fraction(s), f"u{j}"))
            dual_terms.append((s * v.upper, f"u{j}"))
        if v.lower is not None:
            lines.append(f"(declare-const l{j} Real)")
            lines.append(f"(assert (>= l{j} 0.0))")
            parts.append((Fraction(-s), f"l{j}"))
            dual_terms.append((-s * v.lower, f"l{j}"))
        parts_of[v.name] = parts
        lhs = _smt_lin(cols[v.name] + parts)
        lines.append(f"(assert (= {lhs} {_smt_num(cost.get(v.name, _ZERO))}))")
    total = _smt_lin(dual_terms)
    goal = _smt_num(bound) if bound is not None else "(- 1.0)"
    lines.append(f"(assert ({'=' if bound is not None else '<='} {total} {goal}))")
    solver = z3.Solver()
    if ms is not None:
        solver.set("timeout", ms)
    if not _z3_run(solver, "\n".join(lines), "the dual certificate"):
        raise VerifyError("z3 found no dual certificate (this contradicts LP duality)")
    y = _z3_values(solver, ys, drop_zero=True)
    model = solver.model()
    d: dict[str, Fraction] = {}
    for name, parts in parts_of.items():
        val = _ZERO
        for a, sym in parts:
            val += a * _z3_fraction(model.eval(z3.Real(sym), model_completion=True))
        if val:
            d[name] = val
    return y, d


def _solve_z3_cert(lp: LinearProgram, time_limit: float | None) -> Certificate:
    import z3

    ms = None if time_limit is None else max(1, int(time_limit * 1000))
    names, text = _smt_primal(lp, "x")
    opt = z3.Optimize()
    if ms is not None:
        opt.set("timeout", ms)
    opt.from_string(text)
    obj = z3.Sum(
        [z3.RealVal(0)]
        + [z3.Q(a.numerator, a.denominator) * z3.Real(names[k]) for k, a in lp.objective.items()]
    )
    handle = opt.maximize(obj) if lp.sense == "max" else opt.minimize(obj)
    r = opt.check()
    if r == z3.unknown:
        raise VerifyError(f"z3 gave up on the LP: {opt.reason_unknown()}")
    if r == z3.unsat:
        y, d = _z3_dual(lp, {}, "max", None, ms)
        return Certificate("infeasible", y=y, d=d)
    val = handle.value()
    x = _z3_values(opt, names, drop_zero=False)
    if not (z3.is_rational_value(val) or z3.is_int_value(val)):
        # Unbounded: an improving ray of the recession cone, inside the box [-1, 1]^n.
        rnames, rtext = _smt_primal(lp, "r", cone=True)
        lines = [rtext]
        for sym in rnames.values():
            lines.append(f"(assert (<= {sym} 1.0))")
            lines.append(f"(assert (>= {sym} (- 1.0)))")
        gain = _smt_lin((a, rnames[k]) for k, a in lp.objective.items())
        lines.append(f"(assert ({'>' if lp.sense == 'max' else '<'} {gain} 0.0))")
        solver = z3.Solver()
        if ms is not None:
            solver.set("timeout", ms)
        if not _z3_run(solver, "\n".join(lines), "the unbounded ray"):
            raise VerifyError("z3 says unbounded but finds no improving ray")
        ray = _z3_values(solver, rnames, drop_zero=True)
        return Certificate("unbounded", x=x, ray=ray)
    value = _z3_fraction(val)
    y, d = _z3_dual(lp, lp.objective, lp.sense, value, ms)
    return Certificate("optimal", x=x, y=y, d=d, value=lp.objective_value(x))


def z3_optimum(lp: LinearProgram, *, time_limit: float | None = None) -> Fraction | None:
    """The optimum by z3 Optimize alone (no certificate); None if infeasible or unbounded.

    A baseline for benchmarks; :func:`solve` with ``method="z3"`` is the certified variant.
    """
    import z3

    names, text = _smt_primal(lp, "x")
    opt = z3.Optimize()
    if time_limit is not None:
        opt.set("timeout", max(1, int(time_limit * 1000)))
    opt.from_string(text)
    obj = z3.Sum(
        [z3.RealVal(0)]
        + [z3.Q(a.numerator, a.denominator) * z3.Real(names[k]) for k, a in lp.objective.items()]
    )
    handle = opt.maximize(obj) if lp.sense == "max" else opt.minimize(obj)
    r = opt.check()
    if r == z3.unknown:
        raise VerifyError(f"z3 gave up on the LP: {opt.reason_unknown()}")
    if r == z3.unsat:
        return None
    val = handle.value()
    if not (z3.is_rational_value(val) or z3.is_int_value(val)):
        return None
    return _z3_fraction(val)


# --------------------------------------------------------------------------- public solve


def _check_method(method: str) -> None:
    if method not in ("auto", "highs", "z3"):
        raise InputError(f"method: expected 'auto', 'highs' or 'z3', got {method!r}")


def _remaining(deadline: float | None) -> float | None:
    if deadline is None:
        return None
    left = deadline - time.perf_counter()
    if left <= 0:
        raise VerifyError("time limit reached")
    return left


Session = tuple[_Model, _HighsRunner]


def _certify(
    lp: LinearProgram,
    method: str,
    deadline: float | None,
    session: Session | None = None,
) -> tuple[Certificate, str, list[str], Session | None]:
    """A verified certificate for ``lp``: HiGHS + exact basis, then z3 (per ``method``).

    ``session`` (a HiGHS instance already holding ``lp``) is reused for warm starts; the session
    used is returned.
    """
    notes: list[str] = []
    book = _BOOK.get()
    if book is not None:
        cert = _from_book(lp, book)
        _log(lp, cert)
        return cert, METHOD_REPLAY, notes, session
    if method in ("auto", "highs"):
        try:
            if session is None:
                model = _Model(lp)
                session = (model, _HighsRunner(model))
            cert = _solve_highs_model(lp, session[0], session[1], _remaining(deadline))
            _log(lp, cert)
            return cert, METHOD_HIGHS, notes, session
        except _ExactFailure as e:
            if method == "highs":
                raise CertificateError(f"exact check of the HiGHS basis failed: {e}") from None
            notes.append(f"exact check of the HiGHS basis failed ({e}); fell back to z3")
    try:
        cert = _solve_z3_cert(lp, _remaining(deadline))
    except _ExactFailure as e:
        raise VerifyError(f"z3 fallback failed: {e}") from None
    cert.verify(lp)
    _log(lp, cert)
    return cert, METHOD_Z3, notes, session


def solve(
    lp: LinearProgram, *, time_limit: float | None = None, method: Method = "auto"
) -> LPResult:
    """Solve ``lp`` with a verified exact certificate.

    ``method``: "auto" (HiGHS + exact basis, z3 fallback), "highs" (no fallback: raise
    CertificateError if the exact check fails) or "z3" (z3 Optimize only). Raises VerifyError
    if the time limit (seconds) is reached. For LPs with very many rows and a cheap way to
    find violated ones, :func:`solve_lazy` is much faster.
    """
    _check_method(method)
    if not isinstance(lp, LinearProgram):
        raise InputError(f"lp: expected a LinearProgram, got {type(lp).__name__}")
    t0 = time.perf_counter()
    deadline = None if time_limit is None else t0 + time_limit
    cert, used, notes, _ = _certify(lp, method, deadline)
    return _result(lp, cert, used, t0, notes)


def solve_many(
    lp: LinearProgram,
    objectives: Iterable[Mapping[str, object]],
    *,
    time_limit: float | None = None,
    method: Method = "auto",
) -> list[LPResult]:
    """Solve ``lp`` once per objective (``lp``'s variables, bounds, constraints and sense; its
    own objective is ignored), sharing one HiGHS model: each objective replaces the costs and
    HiGHS starts from the previous optimal basis (a warm start, where one solve per objective
    would start cold). Every answer is certified exactly as by :func:`solve`: its own
    certificate for the program with that objective (``result.lp``), re-checked in Fraction
    arithmetic; the shared model only finds the bases. ``time_limit`` covers all objectives.
    """
    _check_method(method)
    if not isinstance(lp, LinearProgram):
        raise InputError(f"lp: expected a LinearProgram, got {type(lp).__name__}")
    start = time.perf_counter()
    deadline = None if time_limit is None else start + time_limit
    session: Session | None = None
    out: list[LPResult] = []
    for objective in objectives:
        t0 = time.perf_counter()
        current = lp.with_objective(objective)
        if session is not None:
            model, runner = session
            model.lp = current
            model.cost = [current.objective.get(n, _ZERO) for n in model.names]
            runner.set_costs(model.cost)
        cert, used, notes, session = _certify(current, method, deadline, session)
        out.append(_result(current, cert, used, t0, notes))
    return out


# --------------------------------------------------------------------------- lazy constraints


@dataclass(frozen=True)
class Separation:
    """A separation oracle's answer: the violated constraints found and how many it checked."""

    violated: tuple[Constraint, ...]
    checked: int


Separator = Callable[[Mapping[str, Fraction]], "Separation | Sequence[Constraint]"]


def solve_lazy(
    lp: LinearProgram,
    separate: Separator,
    *,
    max_rounds: int = 200,
    time_limit: float | None = None,
    method: Method = "auto",
) -> LPResult:
    """Solve a large LP by lazy constraint generation, with a certificate for the full LP.

    ``lp`` holds the variables, objective, bounds and the initial constraints. Each round solves
    the restricted LP with a certificate and calls ``separate(x)`` on its exact optimum; the
    oracle must return violated constraints (a Separation, or a plain list) whenever any
    constraint of the full family fails at ``x``, exactly, and nothing otherwise. Returned
    constraints are added and the loop repeats until none are returned.

    Why the answer is certified for the full LP: the restricted LP is a relaxation, so its
    certified optimum (dual bound) bounds the full optimum; the final ``x`` is feasible for
    every constraint (the oracle's exact empty answer, re-checkable through
    ``result.verify(oracle=separate)``), so it attains that bound. Likewise a Farkas certificate
    for the restricted LP proves the full LP infeasible. ``all_constraints_checked`` is the
    oracle's ``checked`` count from its final call (None if it returned a plain list).
    """
    _check_method(method)
    t0 = time.perf_counter()
    deadline = None if time_limit is None else t0 + time_limit
    current = lp
    session: Session | None = None
    notes: list[str] = []
    for rounds in range(1, max_rounds + 1):
        cert, used, round_notes, session = _certify(current, method, deadline, session)
        notes.extend(f"round {rounds}: {n}" for n in round_notes)
        if cert.kind == "infeasible":
            return _lazy_result(current, cert, used, t0, notes, rounds, None)
        if cert.kind == "unbounded":
            raise VerifyError(
                "the restricted LP is unbounded; give initial constraints that bound the objective"
            )
        answer = separate(cert.x)
        found = _violated(answer)
        checked = answer.checked if isinstance(answer, Separation) else None
        if not found:
            return _lazy_result(current, cert, used, t0, notes, rounds, checked)
        names = {c.name for c in current.constraints}
        unique: dict[str, Constraint] = {}
        for c in found:
            if unique.setdefault(c.name, c) != c:
                raise VerifyError(f"separation oracle returned two different constraints {c.name}")
        found = list(unique.values())
        for c in found:
            if c.name in names:
                raise VerifyError(
                    f"separation oracle returned constraint {c.name}, which is already in the "
                    f"LP and holds at x"
                )
            if c.holds(cert.x):
                raise VerifyError(
                    f"separation oracle returned constraint {c.name}, which holds at x"
                )
        current = current.with_constraints(found)
        if session is not None:
            session[0].lp = current
            session[0].add_rows(found)
        _remaining(deadline)
    raise VerifyError(f"lazy constraint generation did not converge in {max_rounds} rounds")


def _lazy_result(
    lp: LinearProgram,
    cert: Certificate,
    method: str,
    t0: float,
    notes: list[str],
    rounds: int,
    checked: int | None,
) -> LPResult:
    res = _result(lp, cert, method, t0, notes)
    return LPResult(
        status=res.status,
        value=res.value,
        x=res.x,
        certificate=cert,
        method=method,
        lp=lp,
        seconds=res.seconds,
        rounds=rounds,
        all_constraints_checked=checked,
        notes=res.notes,
    )


# --------------------------------------------------------------------------- small MILPs


@dataclass(frozen=True)
class MILPResult:
    """A mixed-integer answer: the integer part found (or enumerated), the rest certified.

    ``proof`` is "exhaustive" (every integer assignment in the bounds was solved exactly, so the
    optimum is proved) or "highs-branch-and-bound" (the integer values are HiGHS's; optimality
    over integer assignments rests on HiGHS, see ``trusted``). ``lp_result`` is the certified
    LP with the integer variables fixed at ``integer_values``.
    """

    status: Status
    value: Fraction | None
    x: Mapping[str, Fraction]
    integer_values: Mapping[str, Fraction]
    lp_result: LPResult | None
    proof: str
    trusted: tuple[str, ...]
    lps_solved: int
    seconds: float


def _fixed(lp: LinearProgram, values: Mapping[str, Fraction]) -> LinearProgram:
    vs = tuple(
        Variable(v.name, values[v.name], values[v.name]) if v.name in values else v
        for v in lp.variables
    )
    return LinearProgram(vs, lp.objective, lp.constraints, lp.sense)


def solve_milp(
    lp: LinearProgram,
    integer_vars: Iterable[str],
    *,
    exhaustive: bool = False,
    max_assignments: int = 4096,
    time_limit: float | None = None,
    method: Method = "auto",
) -> MILPResult:
    """Solve a small mixed-integer LP: find the integers, then certify the continuous part.

    Default: HiGHS branch-and-bound finds integer values; the LP with those values fixed is
    solved with a certificate (so ``value`` is exactly attained), but that no other integer
    assignment is better rests on HiGHS (recorded in ``trusted``). With ``exhaustive=True``
    every integer assignment within the (finite) bounds is solved exactly (at most
    ``max_assignments``), which proves the optimum; infeasible and unbounded answers are then
    certified too.
    """
    _check_method(method)
    t0 = time.perf_counter()
    deadline = None if time_limit is None else t0 + time_limit
    ints = list(dict.fromkeys(integer_vars))
    for k in ints:
        lp.variable(k)
    if exhaustive:
        return _milp_exhaustive(lp, ints, max_assignments, deadline, method, t0)
    if _BOOK.get() is not None:
        raise CertificateError(
            "replay without solvers: a MILP optimum from HiGHS branch-and-bound has no exact "
            "certificate (solve_milp(..., exhaustive=True) has one)"
        )
    trusted_steps = _TRUSTED.get()
    if trusted_steps is not None:
        trusted_steps.append("MILP optimum from HiGHS branch-and-bound (no exact certificate)")
    import numpy as np

    model = _Model(lp)
    runner = _HighsRunner(model, integer=[model.index[k] for k in ints])
    status = runner.run(_remaining(deadline))
    trusted = ("HiGHS branch-and-bound (optimality over integer assignments)",)
    if status == "unbounded_or_infeasible":
        raise VerifyError(
            "HiGHS could not tell an infeasible MILP from an unbounded one; try exhaustive=True"
        )
    if status != "optimal":
        return MILPResult(
            status="infeasible" if status == "infeasible" else "unbounded",
            value=None,
            x={},
            integer_values={},
            lp_result=None,
            proof="highs-branch-and-bound",
            trusted=(f"HiGHS MILP status {status}",),
            lps_solved=0,
            seconds=time.perf_counter() - t0,
        )
    sol = np.asarray(runner.h.getSolution().col_value)
    values: dict[str, Fraction] = {}
    for k in ints:
        f = float(sol[model.index[k]])
        r = round(f)
        if abs(f - r) > 1e-6:
            raise VerifyError(f"HiGHS returned a non-integer value {f} for integer variable {k}")
        values[k] = Fraction(r)
    res = solve(_fixed(lp, values), time_limit=_remaining(deadline), method=method)
    if res.status != "optimal":
        raise VerifyError(
            f"HiGHS's integer assignment leaves an LP that is exactly {res.status}; "
            f"no certified answer"
        )
    return MILPResult(
        status="optimal",
        value=res.value,
        x=res.x,
        integer_values=values,
        lp_result=res,
        proof="highs-branch-and-bound",
        trusted=trusted,
        lps_solved=1,
        seconds=time.perf_counter() - t0,
    )


def _milp_exhaustive(
    lp: LinearProgram,
    ints: list[str],
    max_assignments: int,
    deadline: float | None,
    method: Method,
    t0: float,
) -> MILPResult:
    ranges = []
    total = 1
    for k in ints:
        v = lp.variable(k)
        if v.lower is None or v.upper is None:
            raise InputError(f"exhaustive MILP: integer variable {k} needs finite bounds")
        lo, up = math.ceil(v.lower), math.floor(v.upper)
        ranges.append(range(lo, up + 1))
        total *= max(0, up - lo + 1)
    if total > max_assignments:
        raise InputError(
            f"exhaustive MILP: {total} integer assignments exceed max_assignments={max_assignments}"
        )
    best: LPResult | None = None
    best_values: dict[str, Fraction] = {}
    solved = 0
    sign = 1 if lp.sense == "max" else -1
    for combo in itertools.product(*ranges):
        values = {k: Fraction(c) for k, c in zip(ints, combo, strict=True)}
        res = solve(_fixed(lp, values), time_limit=_remaining(deadline), method=method)
        solved += 1
        if res.status == "unbounded":
            return MILPResult(
                "unbounded",
                None,
                res.x,
                values,
                res,
                "exhaustive",
                (),
                solved,
                time.perf_counter() - t0,
            )
        if res.status == "optimal":
            assert res.value is not None
            if best is None or best.value is None or sign * res.value > sign * best.value:
                best, best_values = res, values
    if best is None:
        return MILPResult(
            "infeasible", None, {}, {}, None, "exhaustive", (), solved, time.perf_counter() - t0
        )
    return MILPResult(
        "optimal",
        best.value,
        best.x,
        best_values,
        best,
        "exhaustive",
        (),
        solved,
        time.perf_counter() - t0,
    )
