"""Exhaustive enumeration of finite variable domains, in size order (smallest witness first)."""

from __future__ import annotations

import time
from typing import ClassVar

import sympy as sp

from verify import exact
from verify.backends.base import GaveUp, Outcome, Proof, Refutation, Vacuous
from verify.domains import product_in_size_order
from verify.statement import Forall


class Enumerate:
    name: ClassVar[str] = "enumerate"
    exact: ClassVar[bool] = True
    checks_vacuity: ClassVar[bool] = True

    def version(self) -> str:
        return "enumerate (exact, size order)"

    def accepts(self, problem: Forall) -> bool:
        return problem.is_finite()

    def run(self, problem: Forall, seconds: float) -> Outcome:
        deadline = time.monotonic() + seconds
        given = sp.And(*problem.given.values())
        then = sp.And(*problem.then.values())
        domains = {s.name: d for s, d in problem.variables.items()}
        total = relevant = 0
        for point in product_in_size_order(domains, {}):  # type: ignore[arg-type]
            total += 1
            if time.monotonic() > deadline:
                return GaveUp(f"enumerate: time limit after {total} points")
            try:
                if not exact.holds(given, point):
                    continue
                relevant += 1
                if not exact.holds(then, point):
                    return Refutation(point)
            except exact.Undecided as exc:  # the evaluator's limit, never the claim's ERROR
                return GaveUp(f"enumerate: sign not certified at {exact.to_json(point)}: {exc}")
        if not problem.variables and relevant:
            return Proof("exact evaluation of a closed statement")
        if relevant == 0:
            return Vacuous(f"exhaustive: hypotheses fail at all {total} points")
        return Proof(f"exhaustive: {total} points ({relevant} satisfy the hypotheses)")
