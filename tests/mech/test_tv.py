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


def _subsidy_mechanism() -> tuple[Mechanism, list[Distribution]]:
    """Agent 1 (⊥, a, b; a and b value o1 at 1) gets o1 free when agent 2 reports s0 (prob.
    1/4) and a subsidy 1 otherwise; agent 2 is a signal."""
    from verify.mech.tv import Environment

    env = Environment((("⊥", "a", "b"), ("s0", "s1")), ("none", "o1"),
                      {(0, "a", "o1"): 1, (0, "b", "o1"): 1}, 1)
    alloc = {(t1, t2): {"o1": 1} if t1 != "⊥" and t2 == "s0" else {"none": 1}
             for t1 in env.types[0] for t2 in env.types[1]}
    pay = {(t1, t2): (F(-1) if t2 == "s1" else F(0), F(0)) for t1 in env.types[0]
           for t2 in env.types[1]}
    return Mechanism(env, alloc, pay), [Distribution.uniform(env.types[0]),
                                        Distribution({"s0": F(1, 4), "s1": F(3, 4)})]


def test_bic_extension_rescales_payments_by_the_interim_ratio() -> None:
    from verify.mech.tv import bic_extension

    m, margs = _subsidy_mechanism()
    ext = bic_extension(m, [("⊥", "a"), ("s0", "s1")], margs)
    assert ext.tau[0] == {"⊥": "⊥", "a": "a", "b": "a"} and ext.tau[1]["s1"] == "s1"
    assert ext.ratios == {(0, "b"): F(-3)}  # E[p] = -3/4, E[v] = 1/4
    hat = ext.mechanism
    assert hat.pay[("b", "s0")] == (F(-3), F(0)) and hat.pay[("b", "s1")] == (F(0), F(0))
    assert hat.alloc[("b", "s0")] == m.alloc[("a", "s0")]
    assert ext.max_payment == 3 and hat.env.H == 3  # widened: -3 is outside [-1, 1]
    assert hat.pay[("a", "s1")] == m.pay[("a", "s1")]
    # on average over D_-i the rescaled payment equals M's payment at tau(b)
    assert F(1, 4) * hat.pay[("b", "s0")][0] == F(1, 4) * 0 + F(3, 4) * (-1)


def test_bic_extension_zero_denominator_and_first_case_readings() -> None:
    from verify.mech.tv import Environment, bic_extension, pushforward

    env = Environment((("⊥", "a"), ("y", "z")), ("none", "o1"), {(0, "a", "o1"): 1}, 1)
    alloc = {(t1, t2): {"o1": 1} if (t1, t2) == ("a", "z") else {"none": 1}
             for t1 in env.types[0] for t2 in env.types[1]}
    pay = {(t1, t2): (F(1) if (t1, t2) == ("a", "z") else F(0), F(0))
           for t1 in env.types[0] for t2 in env.types[1]}
    m = Mechanism(env, alloc, pay)
    margs = [Distribution.uniform(ts) for ts in env.types]
    rp1 = bic_extension(m, [("⊥", "a"), ("y",)], margs)
    rp2 = bic_extension(m, [("⊥", "a"), ("y",)], margs, first_case="RP2")
    assert rp1.mechanism.pay[("a", "z")][0] == 0 and rp2.mechanism.pay[("a", "z")][0] == 1
    assert expost_ir_violation(rp1.mechanism).ok and not expost_ir_violation(rp2.mechanism).ok
    assert rp1.ratios == {(1, "z"): None}  # agent 2 values nothing: denominator 0, p-hat = 0
    law = product(*margs)
    assert pushforward(law, rp1.tau) == product(margs[0], Distribution({"y": 1}))


def test_bic_extension_rejects_a_foreign_plus_set() -> None:
    from verify.mech.tv import bic_extension

    m, margs = _subsidy_mechanism()
    with pytest.raises(InputError):
        bic_extension(m, [("⊥", "c"), ("s0",)], margs)


def test_bic_extension_valuation_reading_rv2() -> None:
    """RV2 values x-hat and the denominator with tau(b) = a's valuation, RV1 with b's own."""
    from verify.mech.tv import Environment, bic_extension

    env = Environment((("⊥", "a", "b"), ("s0", "s1")), ("none", "o1", "o2"),
                      {(0, "a", "o1"): 1, (0, "a", "o2"): 1, (0, "b", "o1"): 1,
                       (0, "b", "o2"): F(1, 2)}, 1)
    alloc = {(t1, t2): {("o1" if t2 == "s0" else "o2"): 1} if t1 == "a" else {"none": 1}
             for t1 in env.types[0] for t2 in env.types[1]}
    pay = {(t1, t2): (F(1, 2) if t1 == "a" else F(0), F(0)) for t1 in env.types[0]
           for t2 in env.types[1]}
    m = Mechanism(env, alloc, pay)
    margs = [Distribution.uniform(ts) for ts in env.types]
    plus = [("⊥", "a"), ("s0", "s1")]
    rv1 = bic_extension(m, plus, margs)
    rv2 = bic_extension(m, plus, margs, valuation="RV2")
    assert rv1.tau[0]["b"] == rv2.tau[0]["b"] == "a"
    assert rv1.ratios[(0, "b")] == F(2, 3) and rv2.ratios[(0, "b")] == F(1, 2)
    assert [rv1.mechanism.pay[("b", s)][0] for s in ("s0", "s1")] == [F(2, 3), F(1, 3)]
    assert [rv2.mechanism.pay[("b", s)][0] for s in ("s0", "s1")] == [F(1, 2), F(1, 2)]


def test_bic_extension_zero_reading_rz2() -> None:
    """RZ2 rejects an instance with a zero denominator and agrees with RZ1 otherwise."""
    from verify.mech.tv import Environment, bic_extension

    env = Environment((("⊥", "a"), ("y", "z")), ("none", "o1"), {(0, "a", "o1"): 1}, 1)
    m = Mechanism(env, {t: {"none": 1} for t in env.profiles()},
                  {t: (F(0), F(0)) for t in env.profiles()})
    margs = [Distribution.uniform(ts) for ts in env.types]
    assert bic_extension(m, [("⊥", "a"), ("y",)], margs).ratios == {(1, "z"): None}
    with pytest.raises(InputError, match="RZ2"):
        bic_extension(m, [("⊥", "a"), ("y",)], margs, zero="RZ2")
    sub, sub_margs = _subsidy_mechanism()
    plus = [("⊥", "a"), ("s0", "s1")]
    assert (bic_extension(sub, plus, sub_margs, zero="RZ2").mechanism
            == bic_extension(sub, plus, sub_margs).mechanism)


def test_bic_extensions_every_maximiser_rt2() -> None:
    """b (values o1 at 1/2) is indifferent between reports ⊥ and a: RT2 gives both extensions;
    a choice outside the maximisers is rejected."""
    from verify.mech.tv import Environment, bic_extension, bic_extensions

    env = Environment((("⊥", "a", "b"),), ("none", "o1"),
                      {(0, "a", "o1"): 1, (0, "b", "o1"): F(1, 2)}, 1)
    m = Mechanism(env, {(t,): {"o1": 1} if t == "a" else {"none": 1} for t in env.types[0]},
                  {(t,): (F(1, 2) if t == "a" else F(0),) for t in env.types[0]})
    margs, plus = [Distribution.uniform(env.types[0])], [("⊥", "a")]
    exts = bic_extensions(m, plus, margs)
    assert [e.tau[0]["b"] for e in exts] == ["⊥", "a"]
    assert exts[0].mechanism.pay == bic_extension(m, plus, margs).mechanism.pay
    assert [e.mechanism.pay[("b",)][0] for e in exts] == [F(0), F(1, 2)]
    assert exts[1].ratios == {(0, "b"): F(1)}
    with pytest.raises(InputError, match="not a maximiser"):
        bic_extension(m, plus, margs, choice={(0, "b"): "b"})


# ---------------------------------------------------------------- p003 claim helpers (p003b)


def test_lemma3_violation_decides_every_q(monkeypatch: pytest.MonkeyPatch) -> None:
    import itertools

    from claims.p003_tv_robustness import lemma4 as l4
    from claims.p003_tv_robustness.model import grid_laws

    def brute(dd: Distribution, dh: Distribution) -> bool:
        big_t = l4.tv(dd, dh)
        for q in (F(k, 240) for k in range(1, 241)):
            bad = F(0)
            for x in l4.X3:
                hx = dh.probability(lambda t, x=x: t[0] == x)
                if hx == 0:
                    continue
                px = dd.probability(lambda t, x=x: t[0] == x)
                hc = {y: dh.mass((x, y)) / hx for y in ("y1", "y2")}
                c = (1 - min(hc.values()) if px == 0 else
                     sum((abs(dd.mass((x, y)) / px - hc[y]) for y in hc), F(0)) / 2)
                if c * q > 2 * big_t:
                    bad += hx
            if bad > q:
                return True
        return False

    laws = list(grid_laws(l4.CELLS32, 2))[:12]
    for dd, dh in itertools.product(laws, repeat=2):
        assert (l4.lemma3_violation(dd, dh, True) is not None) == brute(dd, dh)
    # with d_TV shrunk eightfold the bound 2T/q is too small and violations appear
    monkeypatch.setattr(l4, "tv", lambda a, b: tv(a, b) / 8)
    found = 0
    for dd, dh in itertools.product(laws, repeat=2):
        hit = l4.lemma3_violation(dd, dh, True)
        assert (hit is not None) == brute(dd, dh)
        found += hit is not None
    assert found > 0


def test_exp_kl_comparison_is_exact() -> None:
    import math

    from claims.p003_tv_robustness import prop4

    for law, node, _j in prop4.representations(2, 1) + prop4.representations(3, 2):
        kl = sum(float(m) * math.log(float(m) / float(node.mass(c))) for c, m in law.items())
        for jj in (0, 1, 2):
            if abs(kl - jj * math.log(2)) > 1e-9:
                assert prop4.exp_kl_le_power_of_two(law, node, jj) == (kl <= jj * math.log(2))
    same = Distribution({c: F(1, 4) for c in prop4.CELLS})
    assert prop4.exp_kl_le_power_of_two(same, same, 0)


def test_mrf_products_and_delta_min() -> None:
    from claims.p003_tv_robustness import prop4

    assert len(prop4.full_laws(4)) == 1 and len(prop4.full_laws(5)) == 4
    law = prop4.mrf3_law((F(1, 3), F(1, 2), F(2, 3)), (0, 0, 0))
    t, _ = prop4.find_product3(law)
    assert t == 0
    assert prop4.delta_min3((0, 0, 0)) == 0
    assert prop4.delta_min3((-3, 0, 0)) == F(3, 4)  # one edge: |L|/4
    d2 = prop4.full_laws(12)[0]
    t2, p2 = prop4.find_product(d2)
    assert t2 == tv(d2, p2) and t2 <= tv(d2, product(d2.map(lambda x: x[0]),
                                                     d2.map(lambda x: x[1])))
