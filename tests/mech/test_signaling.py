"""Information design: Bayes plausibility, seller optima with tie intervals, scheme values,
and the CS-optimal scheme by column generation, against hand-derived values."""

from __future__ import annotations

from fractions import Fraction

import pytest

from verify.errors import InputError
from verify.mech.distributions import Distribution, product
from verify.mech.signaling import (
    SignalingScheme,
    efficient_welfare,
    evaluate,
    grid_posteriors,
    max_weight_among_optima,
    opt_benchmark,
    optimal_scheme,
    product_posteriors,
    seller_optimum,
)
from verify.mech.single_item import myerson

F = Fraction
UNIFORM3 = Distribution({1: F(1, 3), 2: F(1, 3), 3: F(1, 3)})


# ----------------------------------------------------------------------------- Bayes plausibility


def test_example_1_scheme_is_bayes_plausible_and_reaches_opt() -> None:
    # Paper Example 1: D uniform on {1, 2, 3}; monopoly price 2, R(D) = 4/3, W* = 2, OPT = 2/3.
    s1 = Distribution({1: F(1, 2), 2: F(1, 6), 3: F(1, 3)})
    s2 = Distribution({2: F(1, 3), 3: F(2, 3)})
    s3 = Distribution.point(2)
    z = SignalingScheme(UNIFORM3, ((F(2, 3), s1), (F(1, 6), s2), (F(1, 6), s3)))
    assert opt_benchmark(UNIFORM3) == F(2, 3)
    fav = evaluate(z, "fav")
    # Every segment is equal-revenue: all support prices are optimal. R(S1) = 1, R(S2) = 2,
    # R(S3) = 2, so R(Z) = 2/3 + 1/3 + 1/3 = 4/3 = R(D).
    assert [o.revenue for o in fav.per_signal] == [1, 2, 2]
    assert fav.revenue == F(4, 3)
    # Seller prices lowest (fav): CS(S1) = E[v] - 1 = 5/6, CS(S2) = E[v] - 2 = 2/3, CS(S3) = 0.
    # Highest price (adv): 0 everywhere. So CS(Z) in [0, 2/3 * 5/6 + 1/6 * 2/3] = [0, 2/3].
    assert [o.cs_interval for o in fav.per_signal] == [(0, F(5, 6)), (0, F(2, 3)), (0, 0)]
    assert fav.consumer_surplus == F(2, 3) and fav.cs_interval == (0, F(2, 3))
    assert fav.welfare == 2
    assert evaluate(z, "adv").consumer_surplus == 0
    assert z.send_probability(0, (1,)) == 1  # value 1 only appears in S1
    assert z.send_probability(2, (2,)) == F(1, 6) / F(1, 3)


@pytest.mark.parametrize(
    ("signals", "message"),
    [
        (((F(1, 2), Distribution.point(1)), (F(1, 3), Distribution.point(2))), "weights sum to 5/6"),
        (((F(2, 3), Distribution.point(1)), (F(1, 3), Distribution.point(2))), "fails at profile (1)"),
        (((F(-1, 3), Distribution.point(1)), (F(4, 3), UNIFORM3)), "is negative"),
        (((0.5, UNIFORM3), (F(1, 2), UNIFORM3)), "expected an exact rational"),
        (((F(1),),), "expected a (weight, posterior) pair"),
    ],
)
def test_bayes_plausibility_errors_are_one_line(signals: tuple, message: str) -> None:
    with pytest.raises(InputError) as err:
        SignalingScheme(UNIFORM3, signals)
    assert message in str(err.value)
    assert "\n" not in str(err.value)


def test_scheme_rejects_mass_off_the_prior() -> None:
    # Mass 1/2 on value 4 (prior mass 0): the first profile in order that fails is (1):
    # 1/2 * 1/3 = 1/6 against the prior's 1/3.
    with pytest.raises(InputError, match=r"fails at profile \(1\): sum_q gamma_q S_q = 1/6, prior = 1/3"):
        SignalingScheme(UNIFORM3, ((F(1, 2), Distribution.point(4)), (F(1, 2), UNIFORM3)))


# ----------------------------------------------------------------------------- seller optimum


@pytest.mark.parametrize(
    ("pmf", "revenue", "interval"),
    [
        # prices 1, 2 both earn 1: CS from price 1 is 1/2 * 1 = 1/2, from price 2 is 0.
        ({1: F(1, 2), 2: F(1, 2)}, F(1), (F(0), F(1, 2))),
        # unique price 2 (earns 4/3 > 1): CS = 2/3 * 0 ... only value 2 buys at 2: CS 0.
        ({1: F(1, 3), 2: F(2, 3)}, F(4, 3), (F(0), F(0))),
        # prices 1, 2, 3 earn 1, 3/2, 3/2: optimal 2 or 3; CS at 2 = 1/2 * (3 - 2), at 3 = 0.
        ({1: F(1, 4), 2: F(1, 4), 3: F(1, 2)}, F(3, 2), (F(0), F(1, 2))),
        # point mass: full extraction.
        ({5: F(1)}, F(5), (F(0), F(0))),
    ],
)
def test_one_buyer_interval_is_the_optimal_posted_prices(pmf: dict, revenue: Fraction,
                                                        interval: tuple) -> None:
    opt = seller_optimum(Distribution(pmf))
    assert opt.revenue == revenue
    assert opt.cs_interval == interval
    assert opt.unique == (interval[0] == interval[1])
    assert opt.cs("fav") == interval[1] and opt.cs("adv") == interval[0]
    opt.verify()


def test_two_buyers_prop1_triple_point() -> None:
    # Section 3 instance a, b, c, d = 4, 2, 1, 1/2 with alpha' = beta' = 1/2: phi_1(b) = 2 - 2 = 0
    # and phi_2(d) = 1/2 - 1/2 = 0. R* = E[max(phi)^+] = 1/4 (4 + 4 + 1 + 0) = 9/4. At (b, d) the
    # seller may sell to buyer 1 at b (CS = Pr(a, d)(a - b) = 1/4 * 2 = 1/2), to buyer 2, or not.
    post = product(Distribution({4: F(1, 2), 2: F(1, 2)}), Distribution({1: F(1, 2), F(1, 2): F(1, 2)}))
    opt = seller_optimum(post)
    assert opt.revenue == F(9, 4)
    assert opt.cs_interval == (0, F(1, 2))


def test_two_buyers_unique_optimum_matches_myerson() -> None:
    d1 = Distribution({3: F(1, 2), 1: F(1, 2)})
    d2 = Distribution({2: F(1, 3), 1: F(2, 3)})
    opt = seller_optimum(product(d1, d2))
    my = myerson([d1, d2])
    assert opt.revenue == my.revenue
    assert opt.cs_min <= my.consumer_surplus <= opt.cs_max


def test_correlated_posterior_full_extraction() -> None:
    # Perfectly correlated: the seller learns everything; R = E[max] = 1/2 (3 + 2), CS = 0.
    post = Distribution({(3, 2): F(1, 2), (2, 1): F(1, 2)})
    opt = seller_optimum(post)
    assert opt.revenue == efficient_welfare(post) == F(5, 2)
    assert opt.cs_interval == (0, 0)


def test_type_sets_and_tie_are_validated() -> None:
    with pytest.raises(InputError, match="outside the type set"):
        seller_optimum(UNIFORM3, [[1, 2]])
    with pytest.raises(InputError, match="tie: expected 'fav'"):
        seller_optimum(UNIFORM3).cs("best")  # type: ignore[arg-type]


# ----------------------------------------------------------------------------- families


def test_grid_family_sizes() -> None:
    # support <= 3 of 3 points, masses in (1/6)Z: 3 + C(3,2) C(5,1) + C(5,2) = 3 + 15 + 10 = 28.
    assert len(list(grid_posteriors([1, 2, 3], 6, 3))) == 28
    assert len(list(grid_posteriors([1, 2, 3], 6, 2))) == 18
    fam = list(product_posteriors([[1, 2], [3, 4]], 4))
    assert len(fam) == 25  # (N + 1)^2 product posteriors
    assert all(len(d.support[0]) == 2 for d in fam)


# ----------------------------------------------------------------------------- optimal schemes


def test_bbm_consumer_optimum_by_column_generation() -> None:
    # Any scheme has R(Z) >= R(D) (posting the monopoly price 2 in every segment earns R(D)) and
    # W(Z) <= W* = E[V] = 2, so CS(Z) <= OPT = 2 - 4/3 = 2/3. The BBM segments of Example 1
    # have masses in (1/6)Z, so the family attains 2/3, which forces R = 4/3 and W = 2.
    res = optimal_scheme(UNIFORM3, grid_posteriors([1, 2, 3], 6, 3), tie="fav")
    assert res.value == F(2, 3) == opt_benchmark(UNIFORM3)
    out = evaluate(res.scheme, "fav")
    assert out.revenue == F(4, 3)
    assert out.welfare == efficient_welfare(UNIFORM3) == 2
    assert out.consumer_surplus == res.value
    assert res.max_reduced_cost() <= 0
    res.verify(sellers=True)


def test_two_point_prior_bbm() -> None:
    # D = (1/3, 2/3) on {1, 2}: prices earn 1 and 4/3, so r = 2, R(D) = 4/3, W* = 5/3, OPT = 1/3.
    # BBM: the equal-revenue law on {1, 2} is (1/2, 1/2) (S(2) = 1/2); largest weight 2/3, then
    # the point mass at 2 with weight 1/3. CS = 2/3 * (3/2 - 1) = 1/3 = OPT.
    prior = Distribution({1: F(1, 3), 2: F(2, 3)})
    res = optimal_scheme(prior, grid_posteriors([1, 2], 2, 2), tie="fav")
    assert res.value == F(1, 3) == opt_benchmark(prior)
    assert sorted((w, tuple(s.items())) for w, s in res.scheme.signals) == sorted(
        [(F(2, 3), (((1,), F(1, 2)), ((2,), F(1, 2)))), (F(1, 3), (((2,), F(1)),))])
    # The optimum is unique: weight 1/3 on the point mass at 2, none on the one at 1.
    def at(v: int):  # noqa: ANN202
        return lambda col: col.posterior == Distribution.point((v,))
    assert max_weight_among_optima(res, at(2))[0] == F(1, 3)
    assert max_weight_among_optima(res, at(1))[0] == 0


def test_two_point_support_family_cannot_reach_opt() -> None:
    # A scheme with CS = OPT must sell always and earn R(D) = 4/3 in total, so every segment
    # must keep the monopoly price 2 optimal and sell at its lowest value: a 2-point segment
    # must contain 2; {1, 2} needs mass 1/2 on 2 per unit of 1, {2, 3} needs 1/3 on 2 per 2/3 on
    # 3 (price 2 must beat 3: 2 >= 3 p_3). Mass on 2 needed: 1/3 + 1/6 = 1/2 > 1/3. So < OPT.
    res = optimal_scheme(UNIFORM3, grid_posteriors([1, 2, 3], 6, 2), tie="fav")
    assert res.value < F(2, 3)
    res.verify()


def test_adversarial_ties_lose_surplus() -> None:
    # adv: equal-revenue segments price high. The no-information scheme is in the family and
    # has a unique price 2 (earns 4/3 vs 1 and 1), CS = 1/3 * (3 - 2) = 1/3.
    res = optimal_scheme(UNIFORM3, grid_posteriors([1, 2, 3], 6, 3), tie="adv")
    assert F(1, 3) <= res.value < F(2, 3)
    assert evaluate(res.scheme, "adv").consumer_surplus == res.value
    res.verify()


def test_candidates_off_the_prior_support_are_dropped() -> None:
    prior = Distribution({1: F(1, 2), 2: F(1, 2)})
    res = optimal_scheme(prior, [Distribution({1: F(1, 2), 3: F(1, 2)}), prior], tie="fav")
    assert all(set(c.posterior.support) <= {(1,), (2,)} for c in res.family)
    assert res.value == F(1, 2)  # the prior itself: prices 1 and 2 tie, fav sells at 1


def test_verify_rejects_tampered_results() -> None:
    import dataclasses

    from verify.errors import VerifyError

    opt = seller_optimum(Distribution({1: F(1, 2), 2: F(1, 2)}))
    with pytest.raises(VerifyError, match="recorded revenue"):
        dataclasses.replace(opt, revenue=F(2)).verify()
    res = optimal_scheme(Distribution({1: F(1, 3), 2: F(2, 3)}), grid_posteriors([1, 2], 2, 2))
    bad = dataclasses.replace(res, duals={v: F(0) for v in res.duals})
    with pytest.raises(VerifyError, match="differs from the certificate"):
        bad.verify()
