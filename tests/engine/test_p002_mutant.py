"""The engine's own quality check on the buy-many paper's Claim 26 (b): the mutant "alpha_k
increases" (NOT the paper's statement) must be REFUTED at k = 1, with an exact algebraic
witness alpha_2 = root of 12x^2 - 10x + 1 in (0, 1/4) against alpha_1 = 1/5.

It used to be registered as the claim p002/S42.b-mutant; a self-test is no claim of the paper,
so it lives here, on an in-memory Registry."""

from __future__ import annotations

import sympy as sp

from claims.p002_buy_many.alpha import alpha_sympy
from verify import Ints, Source, Status, claim, note
from verify.claim import Registry
from verify.engine import Settings, check

SRC = Source("002_00786031d819b294.txt", "Claim 26 (b), mutated: NOT the paper's statement",
             (666, 666))


def increasing_mutant(k: int) -> dict[str, sp.Basic]:
    note(alpha_k=alpha_sympy(k), alpha_next=alpha_sympy(k + 1))
    return {"alpha_{k+1} > alpha_k": sp.Gt(alpha_sympy(k + 1), alpha_sympy(k), evaluate=False)}


def test_increasing_alpha_mutant_is_refuted_at_k_1() -> None:
    reg = Registry()
    claim("p002/S42.b-mutant", source=SRC, registry=reg, over={"k": Ints(1)}, limit={"k": 20},
          statement="MUTANT: alpha_{k+1} > alpha_k (increasing). Must be REFUTED.",
          expect="REFUTED")(increasing_mutant)
    v = check(reg.get("p002/S42.b-mutant"), Settings(timeout=60))
    assert v.status is Status.REFUTED, v
    assert v.witness is not None
    assert {n: str(x) for n, x in v.witness.params.items()} == {"k": "1"}, v.witness
