"""Statements: what a claim asserts at one parameter point.

A claim function returns either a `bool` (an exact predicate, decided by evaluating it) or a
`Forall`: for all values of the variables in their domains, if every `given` conjunct holds
then every `then` conjunct holds. Conjuncts are sympy relations (or Boolean combinations),
named so that a report can say which one failed. The engine negates a Forall once
(exists variables: domains and given and not then) and hands that to the back-ends.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import sympy as sp
from sympy.printing.repr import ReprPrinter

from verify.domains import Choice, Domain, Ints, Rationals, Reals, unimplied_assumptions
from verify.errors import EncodingError

Conjuncts = Mapping[str, Any] | Iterable[Any] | Any


class _Srepr(ReprPrinter):
    """`sp.srepr`, the same text, printing a sum met again as the same object only once (a
    claim's conjuncts often share one: u(v) in every IC constraint of v)."""

    def __init__(self) -> None:
        super().__init__()
        self._seen: dict[int, tuple[sp.Add, str]] = {}  # id -> (the object, kept alive; text)

    def _print(self, expr: Any, **kwargs: Any) -> str:
        if kwargs or not isinstance(expr, sp.Add):
            return str(super()._print(expr, **kwargs))
        hit = self._seen.get(id(expr))
        if hit is None:
            hit = (expr, str(super()._print(expr)))
            self._seen[id(expr)] = hit
        return hit[1]


def _named(conjuncts: Conjuncts, prefix: str) -> dict[str, sp.Basic]:
    if conjuncts is None:
        return {}
    if isinstance(conjuncts, Mapping):
        items = list(conjuncts.items())
    elif isinstance(conjuncts, list | tuple):
        items = [(f"{prefix}{i + 1}", c) for i, c in enumerate(conjuncts)]
    else:
        items = [(prefix.rstrip("_") or "then", conjuncts)]
    out: dict[str, sp.Basic] = {}
    for name, c in items:
        if isinstance(c, sp.logic.boolalg.BooleanAtom):
            raise EncodingError(
                f"conjunct {name!r} arrived already decided ({c}): sympy evaluated the relation "
                "when it was built, by its own (possibly floating-point) rules, so it is no "
                "evidence; build it unevaluated, e.g. sp.Lt(a, b, evaluate=False)"
            )
        if isinstance(c, bool):  # a Python comparison of exact numbers (int, Fraction)
            c = sp.true if c else sp.false
        if not isinstance(c, sp.logic.boolalg.Boolean):
            raise EncodingError(f"conjunct {name!r} is not a relation: {c!r}")
        out[str(name)] = c
    return out


def _check_assumptions(sym: sp.Symbol, dom: Domain, what: str) -> None:
    extra = unimplied_assumptions(sym, dom)
    if extra:
        raise EncodingError(
            f"{what} {sym.name} carries sympy assumptions {', '.join(extra)} that its domain "
            f"{dom.describe(sym.name)} does not imply; sympy may already have simplified the "
            f"statement with them: create it as sp.Symbol({sym.name!r}, real=True) (or with "
            "only what the domain implies)"
        )


@dataclass(frozen=True, init=False)
class Forall:
    """For all `variables` in their domains: all `given` imply all `then`."""

    variables: dict[sp.Symbol, Domain]
    given: dict[str, sp.Basic]
    then: dict[str, sp.Basic]
    # a point where every hypothesis holds (checked exactly): shows the hypotheses are not
    # contradictory when no back-end can decide that (not part of the statement's hash)
    example: dict[str, Any] | None

    def __init__(
        self,
        variables: Mapping[sp.Symbol | str, Domain],
        *,
        given: Conjuncts = None,
        then: Conjuncts,
        example: Mapping[sp.Symbol | str, Any] | None = None,
    ) -> None:
        vs: dict[sp.Symbol, Domain] = {}
        for key, dom in variables.items():
            sym = key if isinstance(key, sp.Symbol) else sp.Symbol(str(key), real=True)
            if not isinstance(dom, Ints | Reals | Rationals | Choice):
                raise EncodingError(f"variable {sym}: domain {dom!r} is not a Domain")
            vs[sym] = dom
        for sym, dom in vs.items():
            _check_assumptions(sym, dom, "variable")
        object.__setattr__(self, "variables", vs)
        object.__setattr__(self, "given", _named(given, "given_"))
        object.__setattr__(self, "then", _named(then, "then_"))
        object.__setattr__(self, "example", None if example is None else {
            (k.name if isinstance(k, sp.Symbol) else str(k)): v for k, v in example.items()})
        if not self.then:
            raise EncodingError("a Forall needs at least one `then` conjunct")
        names = {s.name: d for s, d in vs.items()}
        for label, c in [*self.given.items(), *self.then.items()]:
            extra = {s.name for s in c.free_symbols} - set(names)
            if extra:
                raise EncodingError(
                    f"conjunct {label!r} uses {', '.join(sorted(extra))}, which is not a "
                    "quantified variable (bind parameters with their values first)"
                )
            for s in c.free_symbols:
                _check_assumptions(s, names[s.name], f"conjunct {label!r}: symbol")

    @classmethod
    def built(cls, variables: Mapping[sp.Symbol, Domain], given: Mapping[str, sp.Basic],
              then: Mapping[str, sp.Basic], example: Mapping[str, Any] | None = None) -> Forall:
        """An engine-internal Forall from the parts of already validated statements."""
        obj = object.__new__(cls)
        object.__setattr__(obj, "variables", dict(variables))
        object.__setattr__(obj, "given", dict(given))
        object.__setattr__(obj, "then", dict(then))
        object.__setattr__(obj, "example", None if example is None else dict(example))
        return obj

    def by_name(self) -> dict[str, sp.Symbol]:
        return {s.name: s for s in self.variables}

    def domain_constraints(self) -> list[sp.Basic]:
        return [c for s, d in self.variables.items() for c in d.constraints(s)]

    def describe(self) -> str:
        return ", ".join(d.describe(s.name) for s, d in self.variables.items())

    def fingerprint(self) -> str:
        """A stable text of the statement, for hashing (`sp.srepr` of every conjunct)."""
        srepr = _Srepr().doprint
        parts = [f"{s.name}:{d!r}" for s, d in self.variables.items()]
        parts += [f"given {k}: {srepr(v)}" for k, v in self.given.items()]
        parts += [f"then {k}: {srepr(v)}" for k, v in self.then.items()]
        return "\n".join(parts)

    def is_polynomial(self) -> bool:
        syms = list(self.variables)
        for c in [*self.given.values(), *self.then.values()]:
            for rel in c.atoms(sp.core.relational.Relational):
                expr = rel.lhs - rel.rhs
                num, den = sp.fraction(sp.together(expr))
                if not (num.is_polynomial(*syms) and den.is_polynomial(*syms)):
                    return False
        return True

    def is_finite(self) -> bool:
        return all(d.is_finite for d in self.variables.values())


@dataclass(frozen=True, init=False)
class Exists:
    """There is a point of `variables` in their domains where all `given` and all `such_that`
    hold ("there exists a mechanism / a pair / a signal such that ...").

    A witness found by any back-end is re-checked exactly and makes the point PROVED. Only an
    exhausted finite domain REFUTES it (replayable by re-enumeration); a search that finds
    nothing on a slice, or a solver's word that nothing exists, is UNKNOWN.
    """

    variables: dict[sp.Symbol, Domain]
    given: dict[str, sp.Basic]
    such_that: dict[str, sp.Basic]

    def __init__(self, variables: Mapping[sp.Symbol | str, Domain], *, given: Conjuncts = None,
                 such_that: Conjuncts) -> None:
        inner = Forall(variables, given=given, then=such_that)  # the same validation
        object.__setattr__(self, "variables", inner.variables)
        object.__setattr__(self, "given", inner.given)
        object.__setattr__(self, "such_that", inner.then)

    def negation(self) -> Forall:
        """For all points satisfying `given`, some `such_that` conjunct fails."""
        wanted = sp.And(*self.such_that.values())
        return Forall.built(self.variables, self.given, {"no witness": sp.Not(wanted)})

    def by_name(self) -> dict[str, sp.Symbol]:
        return {s.name: s for s in self.variables}

    def describe(self) -> str:
        return ", ".join(d.describe(s.name) for s, d in self.variables.items())

    def fingerprint(self) -> str:
        return "exists\n" + self.negation().fingerprint()

    def is_finite(self) -> bool:
        return all(d.is_finite for d in self.variables.values())


def statement_hash(claim_id: str, params: Mapping[str, Any], body: str) -> str:
    """sha256 of a claim instantiated at parameters; a witness stores it to detect staleness."""
    from verify.exact import to_json

    text = f"{claim_id}\n{sorted((k, repr(to_json(v))) for k, v in params.items())}\n{body}"
    return hashlib.sha256(text.encode()).hexdigest()
