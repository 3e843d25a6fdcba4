"""Certificates as data: LP certificates serialised, stored with witnesses, replayed without a
solver, written for positive verdicts and audited; tampering is caught and named."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import sympy as sp

from verify import Ints, Source, Status, claim
from verify.certificates import audit, witness_book
from verify.claim import Registry
from verify.cli import main
from verify.engine import Settings, check, replay_stored
from verify.errors import InputError
from verify.mech import lp as lpmod
from verify.mech.lp import (
    Certificate,
    CertificateError,
    Constraint,
    LinearProgram,
    Variable,
    lp_from_data,
    lp_sha256,
    lp_to_data,
    replaying,
    solve,
    solve_milp,
)
from verify.store import Store

SRC = Source("test.txt", "test", (1, 1))


def program(k: int) -> LinearProgram:
    """max 3x + 2y s.t. x + y <= k, x + 3y <= 6, x <= 3 (optimum 11 for k >= 4)."""
    return LinearProgram(
        ["x", "y"],
        {"x": 3, "y": 2},
        (
            Constraint("a", {"x": 1, "y": 1}, "<=", k),
            Constraint("b", {"x": 1, "y": 3}, "<=", 6),
            Constraint("c", {"x": 1}, "<=", 3),
        ),
    )


def opt(k: int) -> Fraction:
    value = solve(program(k)).value
    assert value is not None
    return value


def registry() -> Registry:
    reg = Registry()
    # a predicate claim resting on an LP optimum (false from k = 4 on: OPT = 11)
    claim("p900/P-1", source=SRC, statement="OPT(k) <= 10", registry=reg,
          over={"k": Ints(1, 6)})(lambda k: opt(k) <= 10)
    # the same kind of claim as a relation between certified values (true)
    claim("p900/P-2", source=SRC, statement="OPT(k) <= OPT(k + 1)", registry=reg,
          over={"k": Ints(1, 5)})(
        lambda k: {"OPT(k) <= OPT(k+1)": sp.Le(solve(program(k)), solve(program(k + 1)),
                                                evaluate=False)})
    # a false relation between certified values: its witness shows both optima exactly
    claim("p900/P-3", source=SRC, statement="OPT(k) = OPT(k + 1)", registry=reg,
          over={"k": Ints(1, 5)})(
        lambda k: {"OPT(k) = OPT(k+1)": sp.Eq(solve(program(k)), solve(program(k + 1)),
                                               evaluate=False)})
    return reg


# --------------------------------------------------------------------------- serialisation


def test_certificate_and_lp_round_trip_and_hash() -> None:
    lp = program(4)
    cert = solve(lp).certificate
    key = lp_sha256(lp)
    data = json.loads(cert.to_json(key))
    assert data["lp_sha256"] == key and data["value"] == "11"
    assert Certificate.from_data(data) == cert
    back = lp_from_data(json.loads(json.dumps(lp_to_data(lp))))
    assert lp_sha256(back) == key and back == lp
    assert lp_sha256(program(5)) != key


@pytest.mark.parametrize("change,match", [
    (lambda d: d["y"].update(a="1.5"), "exact number"),
    (lambda d: d.update(extra="1"), "unknown field"),
    (lambda d: d["x"].update(x="1/0"), "denominator 0"),
    (lambda d: d["x"].update(x="9" * 2_000_003), "digits"),
    (lambda d: d.update(kind="__import__('os')"), "kind"),
])
def test_malformed_certificates_are_one_line_input_errors(change: Any, match: str) -> None:
    data = json.loads(solve(program(4)).certificate.to_json(lp_sha256(program(4))))
    change(data)
    with pytest.raises(InputError, match=match):
        Certificate.from_data(data)


def test_json_numbers_are_refused() -> None:
    with pytest.raises(InputError, match="strings"):
        Certificate.from_json('{"kind": "optimal", "value": 3}')


# --------------------------------------------------------------------------- replay mode


def test_replay_mode_checks_the_stored_certificate_instead_of_solving(
        monkeypatch: pytest.MonkeyPatch) -> None:
    lp = program(4)
    cert = solve(lp).certificate

    def no_solver(*_a: Any, **_k: Any) -> Any:
        raise AssertionError("a solver ran in replay mode")

    monkeypatch.setattr(lpmod, "_solve_highs_model", no_solver)
    monkeypatch.setattr(lpmod, "_solve_z3_cert", no_solver)
    with replaying({lp_sha256(lp): cert}):
        res = solve(lp)
        assert res.value == 11 and res.method == lpmod.METHOD_REPLAY
        with pytest.raises(CertificateError, match="no stored certificate for LP"):
            solve(program(5))
    row = next(iter(cert.y))  # one dual value changed
    tampered = Certificate("optimal", x=cert.x, y={**cert.y, row: cert.y[row] + 1}, d=cert.d,
                           value=cert.value)
    with replaying({lp_sha256(lp): tampered}), \
            pytest.raises(CertificateError, match="dual feasibility fails at variable"):
        solve(lp)


def test_milp_by_branch_and_bound_cannot_prove() -> None:
    def milp_claim() -> bool:
        res = solve_milp(program(4), ["x", "y"])
        return res.value is not None and res.value <= 11

    reg = Registry()
    claim("p900/M-1", source=SRC, statement="MILP <= 11", registry=reg)(milp_claim)
    v = check(reg.get("p900/M-1"), Settings(timeout=30))
    assert v.status is Status.UNKNOWN and "branch-and-bound" in v.reason
    boxed = LinearProgram([Variable("x", 0, 4), Variable("y", 0, 4)], program(4).objective,
                          program(4).constraints)
    reg2 = Registry()
    claim("p900/M-2", source=SRC, statement="MILP <= 11", registry=reg2)(
        lambda: solve_milp(boxed, ["x", "y"], exhaustive=True).value == 11)
    assert check(reg2.get("p900/M-2"), Settings(timeout=30)).status is Status.PROVED


# --------------------------------------------------------------------------- witnesses


def test_refuted_predicate_stores_certificates_and_replays_from_them(tmp_path: Path,
                                                                    monkeypatch: Any) -> None:
    reg, store = registry(), Store(tmp_path)
    v = check(reg.get("p900/P-1"), Settings(timeout=30, store=store))
    assert v.status is Status.REFUTED and v.witness is not None
    data = store.read("p900/P-1")
    # every LP the claim solved up to the refuting point (a claim may cache earlier optima)
    assert data["params"] == {"k": "4"} and len(data["certificates"]) == 4
    book = witness_book(data)
    assert set(book) == {lp_sha256(program(k)) for k in (1, 2, 3, 4)}
    monkeypatch.setattr(lpmod, "_solve_highs_model", lambda *a, **k: 1 / 0)
    assert replay_stored(reg.get("p900/P-1"), store).status is Status.REFUTED


def test_relation_of_certified_values_stores_both_sides_and_certificates(
        tmp_path: Path) -> None:
    reg, store = registry(), Store(tmp_path)
    v = check(reg.get("p900/P-3"), Settings(timeout=30, store=store))
    assert v.status is Status.REFUTED and v.witness is not None
    data = store.read("p900/P-3")
    assert data["params"] == {"k": "1"}
    assert (data["first_false"]["lhs"], data["first_false"]["rhs"]) == ("3", "6")
    assert set(witness_book(data)) == {lp_sha256(program(1)), lp_sha256(program(2))}
    assert replay_stored(reg.get("p900/P-3"), store).status is Status.REFUTED


def _certificate_file(store: Store, claim_id: str, lp: LinearProgram) -> tuple[Path, int]:
    """The certificate file of `lp` stored with the witness, and its reference's index."""
    data = store.read(claim_id)
    key = lp_sha256(lp)
    for i, ref in enumerate(data["certificates"]):
        if key in ref["file"]:
            return Path(data["_path"]).parent / ref["file"], i
    raise AssertionError(f"no certificate of LP {key} stored")


def test_tampered_witness_certificate_is_rejected(tmp_path: Path) -> None:
    reg, store = registry(), Store(tmp_path)
    check(reg.get("p900/P-1"), Settings(timeout=30, store=store))
    path, index = _certificate_file(store, "p900/P-1", program(4))
    text = path.read_text()
    data = json.loads(text)
    row = next(iter(data["y"]))
    data["y"][row] = str(Fraction(data["y"][row]) + 1)
    path.write_text(json.dumps(data, sort_keys=True) + "\n")
    v = replay_stored(reg.get("p900/P-1"), store)
    assert v.status is Status.ERROR and "sha256 mismatch" in v.reason
    # the same change with the reference's hash updated: the mathematics is checked
    witness = json.loads(store.path_for("p900/P-1").read_text())
    import hashlib

    witness["certificates"][index]["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
    store.path_for("p900/P-1").write_text(json.dumps(witness))
    v = replay_stored(reg.get("p900/P-1"), store)
    assert v.status is Status.ERROR and "dual feasibility fails" in v.reason, v.reason


def test_witness_without_certificates_still_replays(tmp_path: Path) -> None:
    reg, store = registry(), Store(tmp_path)
    check(reg.get("p900/P-1"), Settings(timeout=30, store=store))
    path = store.path_for("p900/P-1")
    data = json.loads(path.read_text())
    data["certificates"] = []
    path.write_text(json.dumps(data))
    assert replay_stored(reg.get("p900/P-1"), store).status is Status.REFUTED
    # a rehash adds them
    v = replay_stored(reg.get("p900/P-1"), store, settings=Settings(store=store, rehash=True))
    assert v.status is Status.REFUTED and v.details.get("rewritten")
    assert len(store.read("p900/P-1")["certificates"]) == 1  # a fresh worker: this point only


# --------------------------------------------------------------------------- check --certificates, audit


def test_certificates_of_a_proved_verdict_audit_and_tampering(tmp_path: Path,
                                                             capsys: Any) -> None:
    reg = registry()
    out = tmp_path / "certs"
    v = check(reg.get("p900/P-2"), Settings(timeout=30, certificates=str(out)))
    assert v.status is Status.PROVED
    manifest = json.loads((out / "p900" / "P-2" / "manifest.json").read_text())
    assert [i["kind"] for i in manifest["items"]] == ["lp"] * 6  # OPT(1..6), each once
    rows = audit(out)
    assert len(rows) == 6 and all(r.ok for r in rows)
    assert main(["audit", str(out)]) == 0
    # tamper one dual value (and re-hash the file so only the mathematics can catch it)
    item = manifest["items"][0]
    path = out / "p900" / "P-2" / item["file"]
    data = json.loads(path.read_text())
    row = next(iter(data["certificate"]["y"]))
    data["certificate"]["y"][row] = str(Fraction(data["certificate"]["y"][row]) * 2 + 1)
    text = json.dumps(data, sort_keys=True) + "\n"
    path.write_text(text)
    import hashlib

    item["sha256"] = hashlib.sha256(text.encode()).hexdigest()
    (out / "p900" / "P-2" / "manifest.json").write_text(json.dumps(manifest))
    rows = audit(out)
    bad = [r for r in rows if not r.ok]
    assert len(bad) == 1 and "dual feasibility fails" in bad[0].result, bad
    capsys.readouterr()
    assert main(["audit", str(out)]) == 1
    assert "FAILED" in capsys.readouterr().out


def test_enumeration_verdict_says_its_audit_is_a_rerun(tmp_path: Path) -> None:
    reg = Registry()
    claim("p900/E-1", source=SRC, statement="even", registry=reg,
          over={"k": Ints(1, 9)})(lambda k: k * (k + 1) % 2 == 0)
    out = tmp_path / "certs"
    assert check(reg.get("p900/E-1"), Settings(timeout=30, certificates=str(out))).status \
        is Status.PROVED
    manifest = json.loads((out / "p900" / "E-1" / "manifest.json").read_text())
    assert manifest["items"][0]["kind"] == "rerun" and "re-run" in manifest["items"][0]["note"]
    assert all(r.ok for r in audit(out))


def test_z3_unsat_verdict_writes_smtlib(tmp_path: Path) -> None:
    from verify import Forall, Reals

    x = sp.Symbol("x", real=True)
    reg = Registry()
    claim("p900/Z-1", source=SRC, statement="x^2 >= 0", registry=reg, backends=("z3",))(
        lambda: Forall({x: Reals()}, then=sp.Ge(x**2, 0, evaluate=False)))
    out = tmp_path / "certs"
    assert check(reg.get("p900/Z-1"), Settings(timeout=30, certificates=str(out))).status \
        is Status.PROVED
    manifest = json.loads((out / "p900" / "Z-1" / "manifest.json").read_text())
    item = manifest["items"][0]
    assert item["kind"] == "smt" and item["expect"] == "unsat"
    assert "(check-sat)" in (out / "p900" / "Z-1" / item["file"]).read_text()


def test_audit_of_a_missing_folder_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such certificates folder"):
        audit(tmp_path / "nothing")


# ----------------------------------------------------------------------------- p001 continuum
# p001's TH-5 readings decide LP (2)'s continuum part ("no product signal has CS(s) > y.mu(s)")
# by exact root isolation without z3 (lp2.exact_separation), so their witnesses replay with
# solver imports blocked; z3 is the second exact procedure. The two must agree, both ways.


def _p001_duals() -> list[tuple[Any, tuple[Fraction, ...]]]:
    from claims.p001_information_intermediary.lp2 import duals, family, in_t, solve_lp2
    from claims.p001_information_intermediary.structure import parse

    out = []
    for inst in ("4,2,1,1/2", "4,3,2,1,1/3,1/2", "6,4,3,1,1/2,1/2"):
        s = parse(inst)
        pts = family(s, 4, 4)
        for tie in ("fav", "adv"):
            out.append((s, duals(s, solve_lp2(s, tie, pts))))
            out.append((s, duals(s, solve_lp2(s, tie, [p for p in pts if in_t(s, *p)]))))
        out += [(s, (Fraction(1, 2), Fraction(1, 3), Fraction(0), Fraction(1, 5))),
                (s, (Fraction(0), Fraction(1, 2), Fraction(0), Fraction(1)))]
    return out


def test_p001_exact_separation_agrees_with_z3_and_its_violations_are_exact() -> None:
    pytest.importorskip("z3")
    from claims.p001_information_intermediary.lp2 import exact_separation, in_t_z3, separate
    from claims.p001_information_intermediary.model import cs_prop1

    seen = {True: 0, False: 0}
    for s, y in _p001_duals():
        for tie, on_t in (("fav", False), ("fav", True), ("adv", True)):
            decided, cols = exact_separation(s, y, tie, on_t)
            found, _ = separate(s, y, tie, in_t_z3(s) if on_t else None)
            assert decided is found, (s, y, tie, on_t, decided, cols)
            seen[found] += 1
            for A, B in cols:  # a violating signal is rational and re-checked exactly
                assert cs_prop1(s, A, B, tie) > sum(
                    (v * m for v, m in zip(y, s.mu(A, B), strict=True)), Fraction(0))
                assert not on_t or s.in_t1(A, B) or s.in_t2(A, B)
    assert seen[True] > 0 and seen[False] > 0  # both answers were exercised


def test_p001_exact_separation_rejects_a_lowered_dual() -> None:
    """The optimal dual of the restricted LP is feasible over all of T1 u T2; lowering the
    dual value of the cell it pays for makes some signal of T violate it."""
    from claims.p001_information_intermediary.lp2 import (
        duals,
        exact_separation,
        family,
        in_t,
        solve_lp2,
    )
    from claims.p001_information_intermediary.structure import parse

    s = parse("4,2,1,1/2")
    y = duals(s, solve_lp2(s, "adv", [p for p in family(s, 4, 4) if in_t(s, *p)]))
    assert exact_separation(s, y, "adv", on_t=True) == (False, [])
    j = max(range(4), key=lambda i: y[i])
    lowered = tuple(v / 2 if i == j else v for i, v in enumerate(y))
    decided, cols = exact_separation(s, lowered, "adv", on_t=True)
    assert decided is True and len(cols) == 1


def test_p001_ln_signs_need_no_flint_and_agree_with_verify_exact() -> None:
    """p001's ln comparisons (AB-1, L-5) refine pure-Fraction enclosures, so their witnesses
    replay with python-flint blocked; verify.exact's arb enclosures must give the same signs."""
    from claims.p001_information_intermediary._late_tools import sign_ln_minus
    from verify import exact

    cases = [(Fraction(n), Fraction(c, 7)) for n in (2, 3, 10, 300) for c in range(-3, 45, 4)]
    cases += [(Fraction(1, 3), Fraction(-1099, 1000)), (Fraction(1, 3), Fraction(-1098, 1000)),
              (Fraction(7, 5), Fraction(336472, 10**6)), (Fraction(7, 5), Fraction(336473, 10**6))]
    signs = set()
    for x, c in cases:
        want = exact.sign(sp.log(sp.Rational(x.numerator, x.denominator))
                          - sp.Rational(c.numerator, c.denominator), {})
        assert sign_ln_minus(x, c) == want, (x, c)
        signs.add(want)
    assert signs == {-1, 1}
    assert sign_ln_minus(Fraction(1), Fraction(0)) == 0
