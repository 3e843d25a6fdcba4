"""What a claim function may call while it runs: note() and assume()."""

from __future__ import annotations

from typing import Any

_NOTES: list[dict[str, Any]] = [{}]
_EVIDENCE: list[list[str]] = [[]]


class Skip(Exception):
    """Raised by assume(False): the point lies outside the claim's hypotheses."""


def note(**values: Any) -> None:
    """Record exact values; they are kept in the witness if this point refutes the claim."""
    _NOTES[-1].update(values)


def assume(condition: bool) -> None:
    """Skip this parameter point when `condition` is false (counted; all skipped = VACUOUS)."""
    if not condition:
        raise Skip()


def evidence(text: str) -> None:
    """Name what this point's decision rests on, e.g. "exact LP optimum, dual certificate
    re-checked"; it is shown in the verdict's evidence (default: "exact predicate")."""
    if text not in _EVIDENCE[-1]:
        _EVIDENCE[-1].append(text)


def begin_point() -> None:
    _NOTES[-1] = {}
    _EVIDENCE[-1] = []


def evidences() -> list[str]:
    return list(_EVIDENCE[-1])


def notes() -> dict[str, Any]:
    return dict(_NOTES[-1])
