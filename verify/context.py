"""What a claim function may call while it runs: note() and assume()."""

from __future__ import annotations

from typing import Any

_NOTES: list[dict[str, Any]] = [{}]


class Skip(Exception):
    """Raised by assume(False): the point lies outside the claim's hypotheses."""


def note(**values: Any) -> None:
    """Record exact values; they are kept in the witness if this point refutes the claim."""
    _NOTES[-1].update(values)


def assume(condition: bool) -> None:
    """Skip this parameter point when `condition` is false (counted; all skipped = VACUOUS)."""
    if not condition:
        raise Skip()


def begin_point() -> None:
    _NOTES[-1] = {}


def notes() -> dict[str, Any]:
    return dict(_NOTES[-1])
