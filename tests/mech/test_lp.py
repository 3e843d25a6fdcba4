"""Exact-certified LP: answers, certificates, tampering, fallback, lazy rows, small MILPs."""

from __future__ import annotations

import json
import random
from fractions import Fraction

import pytest

from verify.errors import InputError, VerifyError
from verify.mech import lp as lpmod
from verify.mech.lp import (
    Certificate,
    CertificateError,
    Constraint,
    LinearProgram,
    Separation,
    Variable,
    solve,
    solve_lazy,
    solve_milp,
    z3_optimum,
)

F = Fraction


def textbook() -> LinearProgram:
    """max 3x + 2y s.t. x + y <= 4, x + 3y <= 6, x <= 3: optimum 11 at (3, 1)."""
    return LinearProgram(
        ["x", "y"],
        {"x": 3, "y": 2},
        (
            Constraint("a", {"x": 1, "y": 1}, "<=", 4),
            Constraint("b", {"x": 1, "y": 3}, "<=", 6),
            Constraint("c", {"x": 1}, "<=", "3"),
        ),
    )


def with_free_min() -> LinearProgram:
    """min x + y, x >= 0, y free, x + y >= 2, x - y = 1/2: optimum 2 at (5/4, 3/4)."""
    return LinearProgram(
        [Variable("x"), Variable.free("y")],
        {"x": 1, "y": 1},
        (
            Constraint("a", {"x": 1, "y": 1}, ">=", 2),
            Constraint("b", {"x": 1, "y": -1}, "==", "1/2"),
        ),
        "min",
    )


def infeasible() -> LinearProgram:
    """x + y <= 1 and x >= 2 with y >= 0 cannot hold together."""
    return LinearProgram(
        ["x", "y"],
        {"x": 1},
        (Constraint("a", {"x": 1, "y": 1}, "<=", 1), Constraint("b", {"x": 1}, ">=", 2)),
    )


def unbounded() -> LinearProgram:
    """max x s.t. x - y <= 1: x = y + 1 grows without limit."""
    return LinearProgram(["x", "y"], {"x": 1}, (Constraint("a", {"x": 1, "y": -1}, "<=", 1),))


# --------------------------------------------------------------------------- answers


@pytest.mark.parametrize("method", ["auto", "highs", "z3"])
def test_textbook_optimum(method: str) -> None:
    res = solve(textbook(), method=method)  # type: ignore[arg-type]
    assert res.status == "optimal"
    assert res.value == 11
    assert res.x == {"x": 3, "y": 1}
    assert all(type(v) is Fraction for v in res.x.values())
    assert res.method == ("z3-optimize" if method == "z3" else "highs+exact-basis")
    res.verify()


@pytest.mark.parametrize("method", ["auto", "z3"])
def test_min_with_free_variable_and_equality(method: str) -> None:
    res = solve(with_free_min(), method=method)  # type: ignore[arg-type]
    assert (res.status, res.value) == ("optimal", 2)
    assert res.x == {"x": F(5, 4), "y": F(3, 4)}
    # The only binding inequality is a (>=, min): its dual must be >= 0.
    assert res.certificate.y["a"] == 1


@pytest.mark.parametrize("method", ["auto", "z3"])
def test_infeasible_has_farkas_certificate(method: str) -> None:
    res = solve(infeasible(), method=method)  # type: ignore[arg-type]
    assert res.status == "infeasible" and res.value is None
    cert = res.certificate
    assert cert.kind == "infeasible" and cert.y
    cert.verify(infeasible())


@pytest.mark.parametrize("method", ["auto", "z3"])
def test_unbounded_has_ray(method: str) -> None:
    res = solve(unbounded(), method=method)  # type: ignore[arg-type]
    assert res.status == "unbounded" and res.value is None
    assert res.certificate.ray["x"] > 0
    res.verify()


def test_unbounded_min_with_upper_bound_only() -> None:
    lp = LinearProgram([Variable("x", None, 5)], {"x": 1}, (), "min")
    res = solve(lp)
    assert res.status == "unbounded"
    assert res.certificate.ray["x"] < 0


def test_no_constraints_is_fine() -> None:
    lp = LinearProgram([Variable("x", -2, "7/2")], {"x": -2}, (), "min")
    res = solve(lp)
    assert (res.status, res.value, res.x["x"]) == ("optimal", -7, F(7, 2))


def test_time_limit_already_spent_raises() -> None:
    with pytest.raises(VerifyError, match="time limit"):
        solve(textbook(), time_limit=0)


def _random_lp(rng: random.Random) -> LinearProgram:
    n, m = rng.randint(1, 7), rng.randint(0, 9)
    bounds = [(0, None), (None, None), (-1, 2), (None, 3), (F(-5, 2), None), (0, 1)]
    vs = [Variable(f"x{j}", *rng.choice(bounds)) for j in range(n)]
    cons = []
    for i in range(m):
        coeffs = {
            f"x{j}": rng.choice([-2, -1, 0, 1, 1, 2, F(1, 2), F(-3, 2)])
            for j in range(n)
            if rng.random() < 0.6
        }
        cons.append(
            Constraint(f"c{i}", coeffs, rng.choice(["<=", "<=", ">=", "=="]), rng.randint(-3, 5))
        )
    if cons and rng.random() < 0.3:  # a duplicated row makes the LP degenerate
        c = rng.choice(cons)
        cons.append(Constraint(c.name + "'", c.coeffs, c.op, c.rhs))
    obj = {f"x{j}": rng.randint(-3, 3) for j in range(n)}
    return LinearProgram(vs, obj, cons, rng.choice(["max", "min"]))


def test_random_lps_agree_with_z3() -> None:
    """HiGHS+exact basis and z3 are independent routes: status and value must agree."""
    rng = random.Random(20240601)
    seen = set()
    for _ in range(60):
        lp = _random_lp(rng)
        a, b = solve(lp, method="highs"), solve(lp, method="z3")
        assert (a.status, a.value) == (b.status, b.value), lp
        a.verify()
        b.verify()
        seen.add(a.status)
    assert seen == {"optimal", "infeasible", "unbounded"}


def test_z3_optimum_baseline() -> None:
    assert z3_optimum(textbook()) == 11
    assert z3_optimum(infeasible()) is None
    assert z3_optimum(unbounded()) is None


# --------------------------------------------------------------------------- validation


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda: LinearProgram(["x"], {"x": 0.5}), "objective['x']"),
        (lambda: Constraint("c", {"x": 1.0}, "<=", 1), "constraint c['x']"),
        (lambda: Constraint("c", {"x": 1}, "<=", 2.5), "constraint c: rhs"),
        (lambda: Variable("x", 0.0), "variable x: lower"),
        (lambda: Variable("x", 0, 1e9), "variable x: upper"),
    ],
)
def test_floats_are_rejected_naming_the_field(build, field: str) -> None:
    with pytest.raises(InputError) as err:
        build()
    msg = str(err.value)
    assert field in msg and "float" in msg and "\n" not in msg


@pytest.mark.parametrize(
    ("build", "match"),
    [
        (lambda: LinearProgram(["x", "x"], {}), "duplicate variable"),
        (lambda: LinearProgram(["x"], {"y": 1}), "unknown variable 'y'"),
        (
            lambda: LinearProgram(["x"], {}, (Constraint("c", {"z": 1}, "<=", 0),)),
            "constraint c: unknown variable 'z'",
        ),
        (
            lambda: LinearProgram(
                ["x"], {}, (Constraint("c", {"x": 1}, "<=", 0), Constraint("c", {}, ">=", 0))
            ),
            "duplicate constraint",
        ),
        (lambda: Constraint("c", {"x": 1}, "<", 0), "op must be"),
        (lambda: LinearProgram(["x"], {}, (), "maximise"), "sense"),
        (lambda: Variable("x", 2, 1), "exceeds upper"),
        (lambda: Variable("x", True), "bool"),
        (lambda: LinearProgram([], {}), "at least one variable"),
        (lambda: Constraint("c", {"x": "1/0"}, "<=", 0), "cannot parse"),
    ],
)
def test_invalid_input(build, match: str) -> None:
    with pytest.raises(InputError, match=match):
        build()


def test_exact_inputs_are_coerced() -> None:
    c = Constraint("c", {"x": "3/7", "y": 0, "z": F(1, 2)}, "<=", "-2/5")
    assert c.coeffs == {"x": F(3, 7), "z": F(1, 2)}  # zero coefficients are dropped
    assert c.rhs == F(-2, 5)
    assert c.holds({"x": F(-7, 3), "z": F(6, 5)}) is True  # -1 + 3/5 = -2/5


# --------------------------------------------------------------------------- certificates


def _tampered(cert: Certificate, **changes: object) -> Certificate:
    data = {
        "kind": cert.kind,
        "x": dict(cert.x),
        "y": dict(cert.y),
        "d": dict(cert.d),
        "ray": dict(cert.ray),
        "value": cert.value,
    }
    for key, val in changes.items():
        if isinstance(val, dict):
            data[key] = {**data[key], **val}  # type: ignore[dict-item]
        else:
            data[key] = val
    return Certificate(**data)  # type: ignore[arg-type]


def test_tampered_primal_entry_is_caught() -> None:
    lp = textbook()
    cert = solve(lp).certificate
    with pytest.raises(CertificateError, match="constraint c"):
        _tampered(cert, x={"x": F(7, 2), "y": F(1, 2)}).verify(lp)  # only x <= 3 fails
    with pytest.raises(CertificateError, match="objective"):
        _tampered(cert, x={"y": F(1, 2)}).verify(lp)  # feasible, but value no longer 11


def test_tampered_dual_entry_is_caught() -> None:
    lp = textbook()
    cert = solve(lp).certificate
    name = next(iter(cert.y))
    with pytest.raises(CertificateError, match="reduced cost"):
        _tampered(cert, y={name: cert.y[name] + F(1, 3)}).verify(lp)
    with pytest.raises(CertificateError, match=r"constraint b .*y >= 0"):
        _tampered(cert, y={"b": F(-1)}).verify(lp)


def test_duality_gap_names_a_culprit() -> None:
    lp = textbook()
    cert = solve(lp).certificate
    # Move x to another feasible vertex and fix the value: the old duals no longer match it.
    fake = _tampered(cert, x={"x": F(3), "y": F(0)}, value=F(9))
    with pytest.raises(CertificateError, match="duality gap.*constraint b has dual"):
        fake.verify(lp)


def test_tampered_value_and_farkas_and_ray_are_caught() -> None:
    lp = textbook()
    cert = solve(lp).certificate
    with pytest.raises(CertificateError, match="recorded value 12"):
        _tampered(cert, value=F(12)).verify(lp)
    bad = infeasible()
    farkas = solve(bad).certificate
    with pytest.raises(CertificateError):
        _tampered(farkas, y={"b": F(0)}, d={}).verify(bad)
    unb = unbounded()
    ray = solve(unb).certificate
    with pytest.raises(CertificateError, match="ray"):
        _tampered(ray, ray={"x": F(1), "y": F(0)}).verify(unb)  # a.r = 1 > 0 leaves the cone


def test_certificate_for_the_wrong_lp_fails() -> None:
    cert = solve(textbook()).certificate
    with pytest.raises(CertificateError):
        cert.verify(with_free_min())


def test_json_round_trip_uses_exact_strings() -> None:
    lp = with_free_min()
    cert = solve(lp).certificate
    text = cert.to_json()
    data = json.loads(text)
    assert data["x"] == {"x": "5/4", "y": "3/4"} and data["value"] == "2"
    back = Certificate.from_json(text)
    assert back == cert
    back.verify(lp)
    data["y"] = {k: str(Fraction(v) * 2) for k, v in data["y"].items()}
    with pytest.raises(CertificateError):
        Certificate.from_json(json.dumps(data)).verify(lp)


@pytest.mark.parametrize(
    "text", ["not json", "[]", '{"kind": "optimal", "x": {"a": 1.5}}', '{"kind": "weird"}']
)
def test_malformed_json_is_an_input_error(text: str) -> None:
    with pytest.raises(InputError):
        Certificate.from_json(text)


# --------------------------------------------------------------------------- fallback


def test_fallback_to_z3_when_exact_check_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    """A wrong basis (simulated by corrupting the exact vertex) must not be believed."""
    real = lpmod._certificate_from_basis

    def corrupt(model, cs, rs):  # type: ignore[no-untyped-def]
        cert = real(model, cs, rs)
        x = dict(cert.x)
        x["x"] += 1
        return Certificate("optimal", x=x, y=cert.y, d=cert.d, value=cert.value)

    monkeypatch.setattr(lpmod, "_certificate_from_basis", corrupt)
    res = solve(textbook())
    assert res.method == "z3-optimize" and res.value == 11
    assert any("fell back to z3" in n for n in res.notes)
    with pytest.raises(CertificateError, match="exact check of the HiGHS basis failed"):
        solve(textbook(), method="highs")


def test_bad_method_is_rejected() -> None:
    with pytest.raises(InputError, match="method"):
        solve(textbook(), method="cplex")  # type: ignore[arg-type]


# --------------------------------------------------------------------------- exact solver


def test_sparse_solve_matches_dense_and_detects_singular() -> None:
    from flint import fmpq, fmpq_mat

    rng = random.Random(7)
    for n in (1, 5, 30, 80):
        rows = []
        for i in range(n):
            row = {j: fmpq(rng.randint(-4, 4)) for j in rng.sample(range(n), min(n, 3))}
            row[i] = fmpq(rng.randint(1, 5))
            rows.append({j: v for j, v in row.items() if v})
        rhs = [fmpq(rng.randint(-5, 5), rng.randint(1, 3)) for _ in range(n)]
        dense = fmpq_mat(n, n, [rows[i].get(j, 0) for i in range(n) for j in range(n)])
        if dense.rank() < n:
            continue
        x = lpmod._sparse_solve(rows, rhs, n)
        assert x is not None
        assert list((dense * fmpq_mat(n, 1, x)).entries()) == rhs
    one = fmpq(1)
    assert lpmod._sparse_solve([{0: one, 1: one}, {0: 2 * one, 1: 2 * one}], [one, one], 2) is None


# --------------------------------------------------------------------------- lazy rows


def _matching_lp(n: int) -> tuple[LinearProgram, list[Constraint]]:
    """max sum x_i, 0 <= x_i <= 1, x_i + x_j <= 1 for all pairs: optimum n/2 (n >= 3)."""
    names = [f"x{i}" for i in range(n)]
    lp = LinearProgram([Variable(v, 0, 1) for v in names], dict.fromkeys(names, 1))
    full = [
        Constraint(f"e{i},{j}", {names[i]: 1, names[j]: 1}, "<=", 1)
        for i in range(n)
        for j in range(i + 1, n)
    ]
    return lp, full


def test_lazy_matches_full_and_is_certified_for_all_rows() -> None:
    lp, full = _matching_lp(8)
    calls: list[int] = []

    def oracle(x):  # type: ignore[no-untyped-def]
        calls.append(1)
        bad = [c for c in full if not c.holds(x)]
        return Separation(tuple(bad[:3]), checked=len(full))

    res = solve_lazy(lp, oracle)
    assert res.value == 4 == solve(lp.with_constraints(full)).value
    assert res.rounds == len(calls) >= 2
    assert res.all_constraints_checked == 28
    assert len(res.lp.constraints) < len(full)
    res.verify(constraints=full, oracle=oracle)
    # The restricted certificate alone says nothing about a row it never saw:
    tighter = Constraint("cut", {"x0": 1}, "<=", 0)
    if res.x["x0"] > 0:
        with pytest.raises(CertificateError, match="cut"):
            res.verify(constraints=[tighter])


def test_lazy_with_z3_rounds() -> None:
    lp, full = _matching_lp(5)
    res = solve_lazy(lp, lambda x: [c for c in full if not c.holds(x)][:2], method="z3")
    assert (res.value, res.method) == (F(5, 2), "z3-optimize")
    res.verify(constraints=full)


def test_lazy_verify_with_a_complaining_oracle_fails() -> None:
    lp, full = _matching_lp(4)
    res = solve_lazy(lp, lambda x: [c for c in full if not c.holds(x)])
    assert res.all_constraints_checked is None  # plain lists carry no count
    tight = [Constraint("t", {"x0": 1, "x1": 1}, "<=", F(1, 2))]
    with pytest.raises(CertificateError, match="separation oracle"):
        res.verify(oracle=lambda x: [c for c in tight if not c.holds(x)])


def test_lazy_rejects_a_lying_oracle() -> None:
    lp, _ = _matching_lp(3)
    with pytest.raises(VerifyError, match="holds at x"):
        solve_lazy(lp, lambda x: [Constraint("fine", {"x0": 1}, "<=", 5)])


def test_lazy_infeasible_and_unbounded_restricted() -> None:
    lp = LinearProgram([Variable("x", 0, 1)], {"x": 1})
    boom = [Constraint("c", {"x": 1}, ">=", 2)]
    res = solve_lazy(lp, lambda x: [c for c in boom if not c.holds(x)])
    assert res.status == "infeasible"
    res.certificate.verify(lp.with_constraints(boom))
    free = LinearProgram(["x"], {"x": 1})
    with pytest.raises(VerifyError, match="unbounded"):
        solve_lazy(free, lambda x: [])


# --------------------------------------------------------------------------- MILP


def _knapsack() -> LinearProgram:
    vs = [Variable(n, 0, 1) for n in "abc"] + [Variable("z")]
    return LinearProgram(
        vs,
        {"a": 5, "b": 4, "c": 3, "z": "1/2"},
        (
            Constraint("k1", {"a": 2, "b": 3, "c": 1, "z": 1}, "<=", 5),
            Constraint("k2", {"a": 4, "b": 1, "c": 2}, "<=", 11),
            Constraint("k3", {"a": 3, "b": 4, "c": 2}, "<=", 8),
        ),
    )


def test_milp_highs_and_exhaustive_agree() -> None:
    lp = _knapsack()
    found = solve_milp(lp, ["a", "b", "c"])
    proved = solve_milp(lp, ["a", "b", "c"], exhaustive=True)
    # Brute force by hand: (1,1,0) and (1,0,1) both reach 9, z = 0 (z only adds 1/2 per unit of
    # k1 slack, and {a, c} leaves 2 units: 8 + 1 = 9 too).
    assert found.value == proved.value == 9
    assert proved.proof == "exhaustive" and proved.trusted == () and proved.lps_solved == 8
    assert found.proof == "highs-branch-and-bound" and found.trusted
    assert found.lp_result is not None
    found.lp_result.verify()
    assert solve(lp).value == F(32, 3)  # the LP relaxation is strictly larger


def test_milp_exhaustive_infeasible_and_limits() -> None:
    lp = LinearProgram(
        [Variable("a", 0, 1), Variable("b", 0, 1)],
        {"a": 1},
        (Constraint("odd", {"a": 2, "b": 2}, "==", 1),),
    )
    assert solve_milp(lp, ["a", "b"], exhaustive=True).status == "infeasible"
    assert solve(lp).status == "optimal"  # the relaxation is feasible (a = 1/2)
    with pytest.raises(InputError, match="finite bounds"):
        solve_milp(LinearProgram(["a"], {"a": 1}), ["a"], exhaustive=True)
    with pytest.raises(InputError, match="max_assignments"):
        solve_milp(lp, ["a", "b"], exhaustive=True, max_assignments=3)
    with pytest.raises(InputError, match="unknown variable"):
        solve_milp(lp, ["nope"])


# --------------------------------------------------------------------------- certificates as data


def test_failed_checks_name_the_violated_condition() -> None:
    lp = textbook()
    cert = solve(lp).certificate
    row = next(iter(cert.y))
    bad_dual = Certificate("optimal", x=cert.x, y={**cert.y, row: cert.y[row] + 1}, d=cert.d,
                           value=cert.value)
    with pytest.raises(CertificateError, match="^dual feasibility fails at variable"):
        bad_dual.verify(lp)
    bad_primal = Certificate("optimal", x={**cert.x, "x": F(4)}, y=cert.y, d=cert.d,
                             value=cert.value)
    with pytest.raises(CertificateError, match="^primal feasibility fails"):
        bad_primal.verify(lp)


def test_lp_hash_is_canonical_and_sensitive() -> None:
    lp = textbook()
    same = LinearProgram(["x", "y"], {"y": 2, "x": 3}, lp.constraints)  # objective reordered
    assert lpmod.lp_sha256(same) == lpmod.lp_sha256(lp)
    changed = lp.with_constraints([Constraint("d", {"y": 1}, "<=", 9)])
    assert lpmod.lp_sha256(changed) != lpmod.lp_sha256(lp)
    assert lpmod.lp_from_data(json.loads(json.dumps(lpmod.lp_to_data(lp)))) == lp


def test_an_lp_result_is_a_certified_value_in_relations() -> None:
    import sympy as sp

    res = solve(textbook())
    assert sp.Eq(res, 11, evaluate=False).lhs == 11
    infeasible = LinearProgram(["x"], {"x": 1}, (Constraint("a", {"x": 1}, "<=", -1),))
    with pytest.raises(VerifyError, match="no optimal value"):
        sp.sympify(solve(infeasible))


def test_milp_branch_and_bound_is_refused_in_replay_mode() -> None:
    with lpmod.replaying({}), pytest.raises(CertificateError, match="branch-and-bound"):
        solve_milp(textbook(), ["x", "y"])


# --------------------------------------------------------------------------- many objectives


def test_solve_many_agrees_with_one_solve_per_objective() -> None:
    """One shared HiGHS model, warm starts: every answer equals `solve` of the same program
    with that objective, and carries its own certificate for exactly that program."""
    rng = random.Random(20261203)
    statuses = set()
    for _ in range(25):
        lp = _random_lp(rng)
        names = [v.name for v in lp.variables]
        objectives = [{v: rng.randint(-3, 3) for v in names if rng.random() < 0.7}
                      for _ in range(5)]
        many = lpmod.solve_many(lp, objectives)
        assert len(many) == len(objectives)
        for obj, res in zip(objectives, many, strict=True):
            one = solve(lp.with_objective(obj))
            assert (res.status, res.value) == (one.status, one.value), (lp, obj)
            assert dict(res.lp.objective) == {k: F(v) for k, v in obj.items() if v}
            assert res.lp.constraints == lp.constraints and res.lp.sense == lp.sense
            res.verify()
            statuses.add(res.status)
    assert statuses == {"optimal", "infeasible", "unbounded"}


def test_solve_many_certificates_are_per_objective() -> None:
    """A certificate proves its own objective's optimum, not another objective's."""
    first, second = lpmod.solve_many(textbook(), [{"x": 3, "y": 2}, {"y": 1}])
    assert (first.value, second.value) == (11, 2)
    with pytest.raises(CertificateError):
        first.certificate.verify(second.lp)


def test_solve_many_replays_from_stored_certificates_without_solving() -> None:
    objectives = [{"x": 1}, {"x": 1, "y": 1}, {"y": -1}]
    with lpmod.recording() as log:
        solved = lpmod.solve_many(textbook(), objectives)
    book = {lpmod.lp_sha256(lp): cert for lp, cert in log}
    assert len(book) == 3
    with lpmod.replaying(book):
        replayed = lpmod.solve_many(textbook(), objectives)
    assert [r.value for r in replayed] == [r.value for r in solved] == [3, 4, 0]
    assert {r.method for r in replayed} == {lpmod.METHOD_REPLAY}


def test_solve_many_checks_objectives_and_time() -> None:
    with pytest.raises(InputError, match="unknown variable 'z'"):
        lpmod.solve_many(textbook(), [{"z": 1}])
    with pytest.raises(InputError, match="expected a LinearProgram"):
        lpmod.solve_many("not an lp", [{"x": 1}])  # type: ignore[arg-type]
    with pytest.raises(VerifyError, match="time limit"):
        lpmod.solve_many(textbook(), [{"x": 1}], time_limit=0)
    assert lpmod.solve_many(textbook(), []) == []
