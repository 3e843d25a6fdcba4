"""The Limits of an Information Intermediary in Auction Design (Alijani, Banerjee, Munagala,
Wang). Paper: shared/papers/001_ce7b3291bf213a0c.txt; spec: shared/specs/information-intermediary.md.

Proposition 1 (PR-1) and Theorem 5 (TH-5, TH-5-T2) live in ``prop1``, ``moves`` and
``structure``, on the Section 3 objects of ``model`` and the exact LP (2) tools of ``lp2``;
Sections 1-3 in ``sec1_3`` (helpers ``_early_tools``), Sections 4-5 in ``sec4_5`` (helpers
``_late_tools``; both helper modules implement BBM, independently). The findings are declared
in ``findings``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from verify.paper import Paper, Reading

paper = Paper("p001", "The Limits of an Information Intermediary in Auction Design",
              authors="Alijani, Banerjee, Munagala, Wang", year=2020,
              text="001_ce7b3291bf213a0c.txt", page="information-intermediary")


def as_readings(args: Mapping[str, Mapping[str, Any]], texts: Mapping[str, str] | None,
             expect: Any, kinds: Mapping[str, str]) -> tuple[Reading, ...]:
    """The Reading objects of a claim from its reading -> keyword-arguments mapping, the texts,
    the expectation (one status, or one per reading) and each reading's kind (intended,
    literal, alternative)."""
    out = []
    for name, kw in args.items():
        exp = expect[name] if isinstance(expect, Mapping) else expect
        out.append(Reading(name, (texts or {}).get(name, ""), kind=kinds[name], expect=exp,
                           **kw))
    return tuple(out)
