"""Optimal-revenue LPs: known optima, hand-derived auctions, options, lazy IC, validation."""

from __future__ import annotations

import itertools
import random
from fractions import Fraction

import pytest

from verify.errors import InputError
from verify.mech.lp import Certificate, CertificateError
from verify.mech.revenue import (
    MenuICOracle,
    menu_lp,
    optimal_auction,
    optimal_menu,
)

F = Fraction


def grid(k: int) -> tuple[list[tuple[int, int]], list[Fraction]]:
    """Two items, values uniform on {1..k}^2."""
    types = [(a, b) for a in range(1, k + 1) for b in range(1, k + 1)]
    return types, [F(1, k * k)] * len(types)


# Optimal revenue of one additive buyer, two items, values uniform on {1..k}^2 (randomised).
KNOWN = {3: F(8, 3), 4: F(13, 4), 6: F(13, 3), 8: F(87, 16), 10: F(163, 25), 12: F(365, 48)}


@pytest.mark.parametrize("k", [3, 4, 6])
def test_grid_known_values(k: int) -> None:
    res = optimal_menu(*grid(k))
    assert res.revenue == KNOWN[k]
    assert res.lp_result.method == "highs+exact-basis"
    res.verify()


@pytest.mark.parametrize("k", [3, 4, 6, 8, 10, 12])
def test_grid_known_values_lazy(k: int) -> None:
    res = optimal_menu(*grid(k), lazy=True)
    assert res.revenue == KNOWN[k]
    assert res.ic_constraints_checked == k * k * (k * k - 1)
    assert res.lp_result.all_constraints_checked == k * k * (k * k - 1)
    res.verify()


@pytest.mark.slow
@pytest.mark.parametrize("k", [8, 10, 12])
def test_grid_known_values_full_lp(k: int) -> None:
    assert optimal_menu(*grid(k)).revenue == KNOWN[k]


def test_grid_via_z3_fallback_path() -> None:
    res = optimal_menu(*grid(3), method="z3")
    assert res.revenue == F(8, 3)
    assert res.lp_result.method == "z3-optimize"
    res.verify()


def test_single_item_uniform_123() -> None:
    """Posting price 2 earns 2 * 2/3 = 4/3 (prices 1 and 3 earn 1); no lottery does better."""
    res = optimal_menu([(1,), (2,), (3,)], ["1/3", "1/3", "1/3"])
    assert res.revenue == F(4, 3)
    assert [res.allocation[(F(v),)] for v in (1, 2, 3)] == [(0,), (1,), (1,)]
    assert [res.payment[(F(v),)] for v in (2, 3)] == [2, 2]


def _mechanism_is_ic_ir(res) -> bool:  # type: ignore[no-untyped-def]
    def u(t, s):  # type: ignore[no-untyped-def]
        return sum(a * b for a, b in zip(t, res.allocation[s], strict=True)) - res.payment[s]

    return all(u(t, t) >= 0 for t in res.types) and all(
        u(t, t) >= u(t, s) for t in res.types for s in res.types
    )


def test_menu_mechanism_is_exactly_ic_and_ir() -> None:
    res = optimal_menu(*grid(4), lazy=True)
    assert _mechanism_is_ic_ir(res)
    expected = sum(f * res.payment[t] for t, f in zip(res.types, res.probabilities, strict=True))
    assert expected == res.revenue


# --------------------------------------------------------------------------- options


def test_fairness_costs_revenue_on_two_types() -> None:
    """T = {(1,1), (3,1)}, uniform. Write q = q_(1,1), p_L, p_H for the prices.

    Rev: IR gives p_L <= q_1 + q_2, and IC of (3,1) against (1,1) gives u_H >= u_L + 2 q_1 >= 2 q_1,
    so p_H <= 4 - 2 q_1 and p_L + p_H <= 4 + q_2 - q_1 <= 5: Rev <= 5/2, attained by the menu
    {item 2 at price 1, bundle at 4}. Fair: q_1 = q_2, so p_L + p_H <= 4: FairRev = 2.
    """
    types, probs = [(1, 1), (3, 1)], ["1/2", "1/2"]
    assert optimal_menu(types, probs).revenue == F(5, 2)
    fair = optimal_menu(types, probs, item_fair=True)
    assert fair.revenue == 2
    q = fair.allocation[(F(1), F(1))]
    assert q[0] == q[1]
    # Rank preservation only constrains (3,1) (q_1 >= q_2), which the 5/2 menu satisfies.
    rp = optimal_menu(types, probs, rank_preserving=True)
    assert rp.revenue == F(5, 2)
    assert all(
        res.allocation[t][0] >= res.allocation[t][1]
        for res in [rp]
        for t in rp.types
        if t[0] > t[1]
    )


def test_symmetric_equals_unrestricted_for_symmetric_prior() -> None:
    """For an item-permutation-invariant prior, averaging an optimal menu over permutations is
    symmetric and earns the same revenue, so SymRev = Rev."""
    res = optimal_menu(*grid(3), symmetric=True)
    assert res.revenue == F(8, 3)
    for t in res.types:
        st = (t[1], t[0])
        assert res.allocation[st] == res.allocation[t][::-1]
        assert res.payment[st] == res.payment[t]
    lazy = optimal_menu(*grid(4), symmetric=True, item_fair=True, lazy=True)
    assert lazy.revenue == KNOWN[4]


def test_symmetric_needs_a_permutation_closed_type_set() -> None:
    with pytest.raises(InputError, match="not closed under item permutations"):
        optimal_menu([(1, 1), (3, 1)], ["1/2", "1/2"], symmetric=True)


def test_nonnegative_prices_option_sets_bounds() -> None:
    lp = menu_lp([(1,), (2,)], ["1/2", "1/2"], nonnegative_prices=True)
    assert lp.variable("p[0]").lower == 0
    assert menu_lp([(1,), (2,)], ["1/2", "1/2"]).variable("p[0]").lower is None


def test_three_items_lazy_equals_full_on_random_instances() -> None:
    rng = random.Random(5)
    rounds = []
    for _ in range(3):
        types = rng.sample(list(itertools.product(range(4), repeat=3)), 12)
        weights = [rng.randint(1, 5) for _ in types]
        probs = [F(w, sum(weights)) for w in weights]
        full = optimal_menu(types, probs)
        lazy = optimal_menu(types, probs, lazy=True, per_type=1)
        assert full.revenue == lazy.revenue
        assert _mechanism_is_ic_ir(lazy)
        rounds.append(lazy.lp_result.rounds)
    assert max(rounds) > 1  # the oracle really had to add IC pairs


# --------------------------------------------------------------------------- IC oracle


def _brute_force_violations(types, x):  # type: ignore[no-untyped-def]
    m = len(types[0])
    out = set()
    for t, tt in enumerate(types):
        own = sum(tt[i] * x[f"q[{t}][{i}]"] for i in range(m)) - x[f"p[{t}]"]
        for s in range(len(types)):
            other = sum(tt[i] * x[f"q[{s}][{i}]"] for i in range(m)) - x[f"p[{s}]"]
            if other > own:
                out.add((t, s))
    return out


@pytest.mark.parametrize("scale", [1, 10**15])
def test_ic_oracle_is_exact_in_int64_and_bigint_modes(scale: int) -> None:
    """Huge values force the Python-integer path; both must match a Fraction brute force."""
    rng = random.Random(scale)
    types = [
        tuple(F(rng.randint(0, 6) * scale, rng.randint(1, 3)) for _ in range(2)) for _ in range(9)
    ]
    types = list(dict.fromkeys(types))
    oracle = MenuICOracle(types, per_type=len(types))
    for _ in range(5):
        x = {}
        for t in range(len(types)):
            for i in range(2):
                x[f"q[{t}][{i}]"] = F(rng.randint(0, 4), 4)
            x[f"p[{t}]"] = F(rng.randint(0, 8 * scale), rng.randint(1, 5))
        assert set(oracle.violations(x)) == _brute_force_violations(types, x)


def test_menu_verify_catches_a_tampered_mechanism() -> None:
    res = optimal_menu(*grid(3), lazy=True)
    cert = res.lp_result.certificate
    x = dict(cert.x)
    x["p[0]"] += 1
    bad = Certificate("optimal", x=x, y=cert.y, d=cert.d, value=cert.value)
    with pytest.raises(CertificateError):
        bad.verify(res.lp_result.lp, oracle=MenuICOracle(res.types))


# --------------------------------------------------------------------------- auctions


def test_two_iid_bidders_uniform_12_myerson() -> None:
    """Values i.i.d. uniform on {1, 2}. Discrete virtual values phi(v_k) = v_k - (v_{k+1} - v_k)
    * Pr[v > v_k] / Pr[v = v_k]: phi(1) = 1 - 1 * (1/2)/(1/2) = 0 and phi(2) = 2. Optimal revenue =
    E[max(phi(v_1), phi(v_2), 0)] = Pr[some bidder has 2] * 2 = (3/4) * 2 = 3/2. With independent
    values the optimal BIC and DSIC revenues coincide (Myerson), so both LPs must give 3/2."""
    marg = [["1/2", "1/2"], ["1/2", "1/2"]]
    dsic = optimal_auction([[1, 2], [1, 2]], marginals=marg, truthfulness="DSIC")
    bic = optimal_auction([[1, 2], [1, 2]], marginals=marg, truthfulness="BIC")
    assert dsic.revenue == bic.revenue == F(3, 2)
    for res in (dsic, bic):
        res.verify()
        assert all(sum(q) <= 1 for q in res.allocation.values())
        # A bidder with value 2 facing a 1 wins for sure (virtual value 2 > 0).
        assert res.allocation[(F(2), F(1))][0] == 1


def test_correlated_bidders_bic_extracts_surplus_dsic_does_not() -> None:
    """Joint prior Pr(1,1) = Pr(2,2) = 1/3, Pr(1,2) = Pr(2,1) = 1/6.

    BIC (interim IR): revenue <= E[max(v_1, v_2)] = 1/3 + 2 * (1/6 + 1/6 + 1/3) = 5/3 by IR, and
    the conditional beliefs (2/3, 1/3) and (1/3, 2/3) are linearly independent, so Cremer-McLean
    lotteries extract it all: 5/3.
    DSIC (ex-post IR): for each v_-i bidder i faces a one-bidder problem under Pr(v_i | v_-i):
    given the other has 1, phi(1) = 1 - (1/3)/(2/3) = 1/2; given 2, phi(1) = 1 - (2/3)/(1/3) = -1;
    phi(2) = 2 always. Allocating to the highest nonnegative virtual value (monotone here) gives
    (1/3) * 1/2 + (1/6 + 1/6 + 1/3) * 2 = 3/2.
    """
    joint = {(1, 1): "1/3", (2, 2): "1/3", (1, 2): "1/6", (2, 1): "1/6"}
    bic = optimal_auction([[1, 2], [1, 2]], joint=joint, truthfulness="BIC")
    dsic = optimal_auction([[1, 2], [1, 2]], joint=joint, truthfulness="DSIC")
    assert bic.revenue == F(5, 3)
    assert dsic.revenue == F(3, 2)
    assert bic.truthfulness == "BIC" and dsic.prior[(F(1), F(2))] == F(1, 6)


def test_single_bidder_auction_matches_menu() -> None:
    res = optimal_auction([[1, 2, 3]], marginals=[["1/3", "1/3", "1/3"]], method="z3")
    assert res.revenue == F(4, 3)
    assert res.lp_result.method == "z3-optimize"


def test_independent_three_bidders_dsic_equals_bic() -> None:
    vals = [[0, 1, 3], [1, 2], [0, 2]]
    margs = [["1/4", "1/2", "1/4"], ["1/3", "2/3"], ["1/2", "1/2"]]
    dsic = optimal_auction(vals, marginals=margs, truthfulness="DSIC")
    bic = optimal_auction(vals, marginals=margs, truthfulness="BIC")
    assert dsic.revenue == bic.revenue


# --------------------------------------------------------------------------- validation


@pytest.mark.parametrize(
    ("types", "probs", "match"),
    [
        ([(1, 1), (2, 2)], ["1/2", "1/3"], "sum to 1"),
        ([(1, 1), (2, 2)], ["3/2", "-1/2"], "non-negative"),
        ([(1, 1), (2, 2)], ["1"], "expected 2 probabilities"),
        ([(1, 1), (2,)], ["1/2", "1/2"], r"types\[1\]: expected 2"),
        ([(1, 1), (1, 1)], ["1/2", "1/2"], "duplicate"),
        ([(1, 0.5), (2, 2)], ["1/2", "1/2"], r"types\[0\]\[1\]: expected an exact rational \(floats are not exact\)"),
        ([(1, 1), (2, 2)], [0.5, 0.5], r"probabilities\[0\]: expected an exact rational \(floats are not exact\)"),
        ([], [], "non-empty"),
    ],
)
def test_menu_input_validation(types, probs, match: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError, match=match):
        optimal_menu(types, probs)


def test_auction_input_validation() -> None:
    vals = [[1, 2], [1, 2]]
    with pytest.raises(InputError, match="exactly one"):
        optimal_auction(vals)
    with pytest.raises(InputError, match="truthfulness"):
        optimal_auction(vals, marginals=[[1, 0], [1, 0]], truthfulness="EPIC")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="outside the value sets"):
        optimal_auction(vals, joint={(1, 3): 1})
    with pytest.raises(InputError, match="sum to 1"):
        optimal_auction(vals, joint={(1, 1): "1/2"})
    with pytest.raises(InputError, match=r"marginals\[1\]"):
        optimal_auction(vals, marginals=[[1, 0], [0.5, 0.5]])
    with pytest.raises(InputError, match="duplicate values"):
        optimal_auction([[1, 1]], marginals=[["1/2", "1/2"]])
