"""Verdicts: immutable values saying what was decided, on what scope, resting on what.

A false claim is data (a REFUTED verdict with a witness), never an exception.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, replace
from typing import Any


class Status(enum.Enum):
    """Ordered worst -> best by `rank`; merging verdicts keeps the worst."""

    ERROR = "ERROR"  # encoding raised, back-ends disagree, a witness does not replay
    REFUTED = "REFUTED"  # a witness that replays exactly against the statement
    VACUOUS = "VACUOUS"  # the hypotheses cannot hold together (at every point)
    UNKNOWN = "UNKNOWN"  # every applicable back-end gave up or timed out
    SAMPLED = "SAMPLED"  # search found nothing: evidence, never proof
    CHECKED = "CHECKED"  # exact and complete on a stated finite slice of the domain
    PROVED = "PROVED"  # exact, over the whole domain the claim states

    @property
    def rank(self) -> int:
        return list(Status).index(self)

    @classmethod
    def parse(cls, text: str) -> Status:
        try:
            return cls[text.upper()]
        except KeyError:
            names = ", ".join(s.value for s in cls)
            raise ValueError(f"unknown status {text!r}; expected one of {names}") from None


@dataclass(frozen=True)
class Witness:
    """A point at which the claim is false, in exact JSON form (see verify.exact)."""

    claim_id: str
    statement_sha256: str
    params: dict[str, Any]  # JSON-exact values ("87/16", {"root_of": ...})
    assignment: dict[str, Any]  # the quantified variables, JSON-exact
    first_false: dict[str, str]  # {"name", "relation", "lhs", "rhs"} evaluated exactly
    notes: dict[str, Any]
    found_by: str
    backend_version: str
    path: str | None = None  # where it is stored, once stored


@dataclass(frozen=True)
class Verdict:
    claim_id: str
    status: Status
    scope: str  # "k <= 40 of k >= 1", "whole domain: k >= 1, x in (0, 1)"
    evidence: tuple[str, ...]  # what it rests on: ("z3 unsat",), ("exhaustive: 1331 points",)
    backend: str  # "z3 4.13.0", "enumerate", "replay", ...
    seconds: float = 0.0
    witness: Witness | None = None
    reason: str = ""  # for UNKNOWN / ERROR / VACUOUS: why
    details: dict[str, Any] = field(default_factory=dict)

    def with_(self, **changes: Any) -> Verdict:
        return replace(self, **changes)

    def to_json(self) -> dict[str, Any]:
        from dataclasses import asdict

        out = asdict(self)
        out["status"] = self.status.value
        out["evidence"] = list(self.evidence)
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Verdict:
        witness = data.get("witness")
        return cls(
            claim_id=data["claim_id"],
            status=Status(data["status"]),
            scope=data["scope"],
            evidence=tuple(data["evidence"]),
            backend=data["backend"],
            seconds=data.get("seconds", 0.0),
            witness=Witness(**witness) if witness else None,
            reason=data.get("reason", ""),
            details=data.get("details", {}),
        )


def worst(statuses: list[Status]) -> Status:
    return min(statuses, key=lambda s: s.rank)
