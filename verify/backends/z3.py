"""z3: decides linear and polynomial real and integer arithmetic exactly.

The negated query (domains and given and not then) is one z3 problem; quantified variables are
free constants, so `sat` yields a model: rationals exactly, algebraic numbers as a polynomial
and an isolating interval. unsat of the negation is a proof; unsat of domains and given alone
is vacuity.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, ClassVar

import sympy as sp
import z3

from verify.backends.base import GaveUp, Outcome, Proof, Refutation, Vacuous
from verify.domains import Ints, Rationals
from verify.errors import EncodingError
from verify.exact import RealAlgebraic
from verify.statement import Forall


class Unsupported(Exception):
    pass


def to_z3(expr: Any, env: dict[sp.Symbol, Any]) -> Any:
    """Compile a sympy formula or term to z3 (Unsupported for anything non-polynomial)."""
    if expr is True or expr == sp.true:
        return z3.BoolVal(True)
    if expr is False or expr == sp.false:
        return z3.BoolVal(False)
    if isinstance(expr, sp.Symbol):
        if expr not in env:
            raise Unsupported(f"free symbol {expr}")
        return env[expr]
    if isinstance(expr, sp.Integer):
        return z3.IntVal(int(expr))
    if isinstance(expr, sp.Rational):
        return z3.RealVal(Fraction(int(expr.p), int(expr.q)))
    rel = {sp.Eq: lambda a, b: a == b, sp.Ne: lambda a, b: a != b, sp.Lt: lambda a, b: a < b,
           sp.Le: lambda a, b: a <= b, sp.Gt: lambda a, b: a > b, sp.Ge: lambda a, b: a >= b}
    for cls, make in rel.items():
        if isinstance(expr, cls):
            return make(to_z3(expr.lhs, env), to_z3(expr.rhs, env))
    if isinstance(expr, sp.And):
        return z3.And(*[to_z3(a, env) for a in expr.args])
    if isinstance(expr, sp.Or):
        return z3.Or(*[to_z3(a, env) for a in expr.args])
    if isinstance(expr, sp.Not):
        return z3.Not(to_z3(expr.args[0], env))
    if isinstance(expr, sp.Implies):
        return z3.Implies(to_z3(expr.args[0], env), to_z3(expr.args[1], env))
    if isinstance(expr, sp.Equivalent):
        args = [to_z3(a, env) for a in expr.args]
        return z3.And(*[args[0] == a for a in args[1:]])
    if isinstance(expr, sp.Add):
        return z3.Sum(*[to_z3(a, env) for a in expr.args])
    if isinstance(expr, sp.Mul):
        out = to_z3(expr.args[0], env)
        for a in expr.args[1:]:
            out = out * to_z3(a, env)
        return out
    if isinstance(expr, sp.Pow) and expr.exp.is_Integer:
        n = int(expr.exp)
        base = to_z3(expr.base, env)
        if n == 0:
            return z3.IntVal(1)
        power = base
        for _ in range(abs(n) - 1):
            power = power * base
        return power if n > 0 else z3.RealVal(1) / power
    if isinstance(expr, sp.Abs):
        a = to_z3(expr.args[0], env)
        return z3.If(a >= 0, a, -a)
    if isinstance(expr, sp.Min | sp.Max):
        args = [to_z3(a, env) for a in expr.args]
        out = args[0]
        for a in args[1:]:
            out = z3.If(a < out, a, out) if isinstance(expr, sp.Min) else z3.If(a > out, a, out)
        return out
    raise Unsupported(f"{type(expr).__name__}: {expr}")


def from_z3(value: Any) -> int | Fraction | RealAlgebraic:
    """An exact Python value of a z3 numeral (rational or algebraic)."""
    if z3.is_int_value(value):
        return int(value.as_long())
    if z3.is_rational_value(value):
        return Fraction(value.numerator_as_long(), value.denominator_as_long())
    if z3.is_algebraic_value(value):
        coeffs = [from_z3(c) for c in value.poly()]  # lowest degree first
        poly = sp.Poly([sp.Rational(str(c)) for c in reversed(coeffs)], sp.Symbol("x"))
        near = Fraction(value.approx(60).as_fraction())
        slack = Fraction(1, 10**55)
        for (lo, hi), _mult in poly.intervals(eps=sp.Rational(1, 10**50)):
            if Fraction(str(lo)) - slack <= near <= Fraction(str(hi)) + slack:
                return RealAlgebraic.from_sympy(sp.CRootOf(poly.as_expr(), _index(poly, lo)))
        raise EncodingError(f"could not isolate z3 algebraic value {value}")
    raise EncodingError(f"z3 value {value} is not a number")


def _index(poly: sp.Poly, lo: Any) -> int:
    return int(poly.count_roots(-sp.oo, lo)) - (1 if poly.eval(lo) == 0 else 0)


class Z3:
    name: ClassVar[str] = "z3"
    exact: ClassVar[bool] = True
    checks_vacuity: ClassVar[bool] = True

    def version(self) -> str:
        return f"z3 {z3.get_version_string()}"

    def _compile(self, problem: Forall) -> tuple[dict[sp.Symbol, Any], list[Any], list[Any], Any]:
        env: dict[sp.Symbol, Any] = {}
        for sym, dom in problem.variables.items():
            env[sym] = z3.Int(sym.name) if isinstance(dom, Ints) else z3.Real(sym.name)
        domains = [to_z3(c, env) for c in problem.domain_constraints()]
        given = [to_z3(c, env) for c in problem.given.values()]
        then = z3.And(*[to_z3(c, env) for c in problem.then.values()])
        return env, domains, given, then

    def accepts(self, problem: Forall) -> bool:
        try:
            self._compile(problem)
        except Unsupported:
            return False
        return True

    def run(self, problem: Forall, seconds: float) -> Outcome:
        env, domains, given, then = self._compile(problem)
        ms = max(1, int(seconds * 1000))
        if given:
            hyp = _solver(ms)
            hyp.add(*domains, *given)
            verdict = hyp.check()
            if verdict == z3.unsat:
                return Vacuous("z3 unsat of domains and hypotheses")
            if verdict == z3.unknown:
                return GaveUp(f"z3 (hypotheses): {_why(hyp)}")
        solver = _solver(ms)
        solver.add(*domains, *given, z3.Not(then))
        result = solver.check()
        _record(solver)
        if result == z3.unsat:
            from verify.certificates import note_unsat  # keeps the query for --certificates

            note_unsat(solver)
            return Proof("z3 unsat of the negation")
        if result == z3.sat:
            model = solver.model()
            point = {s.name: from_z3(model.eval(v, model_completion=True)) for s, v in env.items()}
            irrational = [s.name for s, d in problem.variables.items()
                          if isinstance(d, Rationals) and isinstance(point[s.name], RealAlgebraic)]
            if irrational:
                # z3 reasons over the reals: its model is no witness for a rational variable
                return GaveUp(f"z3: the counter-model is irrational in {', '.join(irrational)}, "
                              "which ranges over the rationals")
            return Refutation(point)
        return GaveUp(f"z3: {_why(solver)}")


RLIMIT = 100_000_000  # z3 resource units per query; the registry's largest query uses ~17M


def _solver(ms: int) -> Any:
    solver = z3.Solver()
    solver.set("timeout", ms)
    solver.set("rlimit", RLIMIT)
    return solver


def _record(solver: Any) -> None:
    """Append the query's rlimit use to $MECHVERIFY_Z3_STATS (for calibrating RLIMIT)."""
    import os

    path = os.environ.get("MECHVERIFY_Z3_STATS")
    if path:
        stats = solver.statistics()
        used = next((stats.get_key_value(k) for k in stats.keys() if k == "rlimit count"), 0)
        with open(path, "a") as fh:
            fh.write(f"{used}\n")


def _why(solver: Any) -> str:
    reason = solver.reason_unknown()
    if "resource" in reason:
        return f"resource limit {RLIMIT:,} reached (rlimit)"
    if "timeout" in reason or "canceled" in reason:
        return "time limit reached"
    return reason


def check_negation(problem: Forall, seconds: float,
                   rlimit: int = RLIMIT) -> tuple[str, dict[str, Any] | str]:
    """One z3 query for other back-ends' reductions (verify.backends.interval): is
    `domains and given and not then` satisfiable? ("unsat", "") means the statement holds
    (vacuity is not checked here); ("sat", point) gives an exact model of every variable;
    ("unknown", why) and ("unsupported", why) say why not."""
    try:
        env, domains, given, then = Z3()._compile(problem)
    except Unsupported as exc:
        return "unsupported", str(exc)
    solver = z3.Solver()
    solver.set("timeout", max(1, int(seconds * 1000)))
    solver.set("rlimit", rlimit)
    solver.add(*domains, *given, z3.Not(then))
    result = solver.check()
    if result == z3.unsat:
        return "unsat", ""
    if result == z3.sat:
        model = solver.model()
        return "sat", {s.name: from_z3(model.eval(v, model_completion=True)) for s, v in env.items()}
    reason = solver.reason_unknown()
    return "unknown", ("resource limit reached (rlimit)" if "resource" in reason else reason)
