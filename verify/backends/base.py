"""The back-end protocol: a back-end proposes, the engine decides.

A back-end receives one instantiated `Forall` and returns an Outcome. It never builds a
Verdict: a Refutation is only a candidate until the engine re-checks it with verify.exact, and
a Proof names what it rests on ("z3 unsat", "sympy identity", "exhaustive: 1331 points").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Protocol

from verify.statement import Forall


@dataclass(frozen=True)
class Proof:
    evidence: str


@dataclass(frozen=True)
class Vacuous:
    evidence: str


@dataclass(frozen=True)
class Refutation:
    assignment: dict[str, Any]  # variable name -> exact value (int, Fraction, RealAlgebraic)


@dataclass(frozen=True)
class Sampled:
    examples: int


@dataclass(frozen=True)
class GaveUp:
    reason: str


Outcome = Proof | Vacuous | Refutation | Sampled | GaveUp


class Backend(Protocol):
    name: ClassVar[str]
    exact: ClassVar[bool]  # False for search: its silence is evidence, never proof
    # True when a Proof from this back-end already rules out contradictory hypotheses (it
    # returns Vacuous for them); otherwise the engine checks vacuity before accepting a Proof
    checks_vacuity: ClassVar[bool]

    def version(self) -> str: ...

    def accepts(self, problem: Forall) -> bool: ...

    def run(self, problem: Forall, seconds: float) -> Outcome: ...
