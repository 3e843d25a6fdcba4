from __future__ import annotations

from fractions import Fraction as F

import pytest

from verify.errors import InputError
from verify.mech.distributions import Distribution, product
from verify.mech.tv import (
    Mechanism,
    ball_optimum,
    bic_violation,
    decode,
    dsic_violation,
    eps_q_bic,
    expost_ir_violation,
    mechanism_lp,
    objective_of,
    optimum,
    single_item,
    tv,
)


def test_tv_point_masses() -> None:
    p = Distribution({"a": 1})
    q = Distribution({"a": F(2, 3), "b": F(1, 3)})
    assert tv(p, q) == F(1, 3)


def test_ball_optimum_moves_mass_to_the_worst_point() -> None:
    p = Distribution({0: F(1, 2), 1: F(1, 2)})
    res = ball_optimum(p, {0: 0, 1: 1, 2: 5}, F(1, 4), "min")
    assert res.value == F(1, 4)  # move 1/4 of the mass at 1 to 0
    assert tv(p, res.law) == F(1, 4)
    top = ball_optimum(p, {0: 0, 1: 1, 2: 5}, F(1, 4), "max")
    assert top.value == F(1, 2) + F(5, 4) - 0  # move 1/4 from 0 to 2
    assert top.law.mass(2) == F(1, 4)


def test_ball_optimum_rejects_negative_radius() -> None:
    with pytest.raises(InputError):
        ball_optimum(Distribution({0: 1}), {0: 1}, -1)


def _bic_example(eps: F) -> tuple[Mechanism, Distribution]:
    env = single_item([{1: 1, 2: 2}, {1: 1, 2: 2}], H=2)
    alloc = {(2, 1): {0: 1}, (2, 2): {0: 1}, (1, 1): {0: 1}, (1, 2): {1: 1}}
    pay = {(2, 1): (F(3, 2), 0), (2, 2): (F(3, 2), 0), (1, 1): (1, 0), (1, 2): (0, 2)}
    half = Distribution({1: F(1, 2), 2: F(1, 2)})
    second = Distribution({1: F(1, 2) + eps, 2: F(1, 2) - eps})
    return Mechanism(env, alloc, pay), product(half, second)


def test_bic_checks_on_the_papers_example() -> None:
    m, prior = _bic_example(F(0))
    assert bic_violation(m, prior).ok
    assert expost_ir_violation(m).ok
    assert not dsic_violation(m).ok  # bidder 1 of type 2 facing 1 gains by reporting 1
    m, prior = _bic_example(F(1, 10))
    res = bic_violation(m, prior)
    assert res.max_violation == F(1, 10) and res.witness == (0, 2, 1)
    bad = eps_q_bic(m, prior, F(1, 20), "RQ1")
    assert bad.mass == F(1, 2) and bad.types == ((2, F(1, 10)),)
    assert eps_q_bic(m, prior, F(1, 10), "RQ2").mass == 0


def test_mechanism_lp_single_buyer_posted_price() -> None:
    env = single_item([{0: 0, 1: 1, 2: 2}], H=2)
    prior = Distribution({(1,): F(1, 2), (2,): F(1, 2)})
    res = optimum(mechanism_lp(env, objective_of(env, "Rev", prior), dsic=True))
    assert res.value == 1  # price 1 or price 2 both earn 1
    m = decode(env, res.x)
    assert dsic_violation(m).ok and expost_ir_violation(m).ok
    assert m.expected("Rev", prior) == 1


def test_mechanism_lp_bic_rows_bind() -> None:
    env = single_item([{1: 1, 2: 2}, {1: 1, 2: 2}], H=2)
    prior = product(Distribution({1: F(1, 2), 2: F(1, 2)}), Distribution({1: F(1, 2), 2: F(1, 2)}))
    bic = optimum(mechanism_lp(env, objective_of(env, "Rev", prior), bic=prior))
    dsic = optimum(mechanism_lp(env, objective_of(env, "Rev", prior), dsic=True))
    assert bic.value is not None and dsic.value is not None and bic.value >= dsic.value
    assert bic_violation(decode(env, bic.x), prior).ok


def test_mechanism_rejects_payment_outside_range() -> None:
    env = single_item([{1: 1}], H=1)
    with pytest.raises(InputError):
        Mechanism(env, {(1,): {0: 1}}, {(1,): (F(2),)})
