"""Witness format 2: a strict parser (nothing read is evaluated), big numbers, rehash, atomic
writes; format-1 files still replay. See docs/witness-format.md."""

from __future__ import annotations

import json
import threading
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import sympy as sp

from tests.conftest import Project
from verify import exact
from verify.errors import InputError
from verify.exact import RealAlgebraic
from verify.store import FORMAT, Store, parse_witness, read_witness_file
from verify.verdict import Witness

ROOT = Path(__file__).resolve().parents[2]

HEADER = """
import sympy as sp
from verify import Forall, Ints, Reals, Source, claim
SRC = Source("demo.txt", "Lemma 1", (10, 12))
x = sp.Symbol("x", real=True)
n = sp.Symbol("n", integer=True)
"""

CLAIMS = HEADER + """
@claim("p900/L-1", source=SRC, statement="x^2 + 1 >= 2x", expect="PROVED")
def square() -> Forall:
    return Forall({x: Reals()}, then={"square": sp.Ge(x**2 + 1, 2 * x)})

@claim("p900/L-3", source=SRC, statement="x^2 > 1 for x > 1/2 (false)", expect="REFUTED")
def wrong() -> Forall:
    return Forall({x: Reals()}, given={"x > 1/2": sp.Gt(x, sp.Rational(1, 2))},
                  then={"x^2 > 1": sp.Gt(x**2, 1)})

@claim("p900/A-1", source=SRC, statement="x^2 != 2 (false at sqrt 2)", expect="REFUTED")
def irrational() -> Forall:
    return Forall({x: Reals(0, 2)}, then={"x^2 != 2": sp.Ne(x**2, 2)})

@claim("p900/B-1", source=SRC, statement="n < 1 for n >= 0 (false)", expect="REFUTED")
def small() -> Forall:
    return Forall({n: Ints(0)}, then={"n < 1": sp.Lt(n, 1)})

@claim("p900/B-2", source=SRC, statement="k < 1 (false)", over={"k": Ints(0)}, limit={"k": 3},
       expect="REFUTED")
def small_k(k: int) -> bool:
    return k < 1
"""

PAYLOAD = "__import__('os').system('touch PWNED')"
BIG = 10**5000
BIG_TEXT = "1" + "0" * 5000  # str(BIG) exceeds Python's default digit limit


def witness_path(project: Project, claim_id: str) -> Path:
    return Store(project.path / "counterexamples").path_for(claim_id)


def stored(project: Project, claim_id: str) -> dict[str, Any]:
    """Run `check` on one claim so that its witness is stored; return the file's JSON."""
    r = project.run("check", claim_id, "--no-cache")
    assert r.returncode == 0, r.stdout + r.stderr
    return json.loads(witness_path(project, claim_id).read_text())


def one_line(text: str) -> bool:
    return text.strip() != "" and text.strip().count("\n") == 0


# --------------------------------------------------------------------------- grammar (unit)

NUMBERS = [("0", 0), ("-7", -7), ("87/16", Fraction(87, 16)), ("4/2", 2), ("-0", 0),
           ("007", 7), (BIG_TEXT, BIG)]
NOT_NUMBERS = ["", " 3", "3 ", "+3", "1.5", "1e3", "1E3", "3/0", "3/-1", "-3/-1", "1_000",
               "0x10", "\u0663", "1/2/3", "inf", "nan", PAYLOAD, "1" * 1_000_001]


@pytest.mark.parametrize("text,value", NUMBERS, ids=[t[:12] for t, _ in NUMBERS])
def test_number_grammar_accepts(text: str, value: int | Fraction) -> None:
    got = exact.parse_number(text, "f.json: params.k")
    assert got == value and type(got) is type(value)


@pytest.mark.parametrize("text", NOT_NUMBERS, ids=[repr(t[:12]) for t in NOT_NUMBERS])
def test_number_grammar_refuses_with_file_and_field(text: str) -> None:
    with pytest.raises(InputError) as info:
        exact.from_json(text, "f.json: params.k")
    msg = str(info.value)
    assert msg.startswith("f.json: params.k: ") and one_line(msg) and len(msg) < 300


POLYS_V1 = [("x**2 - 2", (1, 0, -2)), ("12*x**2 - 10*x + 1", (12, -10, 1)),
            ("4*x**3 - 3*x + 1", (4, 0, -3, 1)), ("-x**3 + 2", (-1, 0, 0, 2)),
            ("x - 1", (1, -1)), ("2 + x**2 - 3*x**2", (-2, 0, 2))]
NOT_POLYS_V1 = [PAYLOAD, "x**2 - 2 + (1)", "2x", "x**-1", "x**1.5", "x*x", "y**2 - 2", "",
                "1", "x**2**2", "exp(x)", "x**2 - 2; import os", "x ** 100000"]


@pytest.mark.parametrize("text,coeffs", POLYS_V1)
def test_v1_polynomial_tokenizer(text: str, coeffs: tuple[int, ...]) -> None:
    assert exact.parse_poly_v1(text, "f.json: notes.a") == coeffs


@pytest.mark.parametrize("text", NOT_POLYS_V1)
def test_v1_polynomial_tokenizer_refuses(text: str) -> None:
    with pytest.raises(InputError, match=r"^f\.json: notes\.a: root_of"):
        exact.parse_poly_v1(text, "f.json: notes.a")


def test_algebraic_number_format_2_round_trip() -> None:
    r = RealAlgebraic((1, 0, -2), Fraction(1), Fraction(3, 2))
    data = exact.to_json(r)
    assert data["root_of"] == {"coeffs": ["-2", "0", "1"]}  # lowest degree first
    assert data["interval"] == ["1", "3/2"] and data["index"] == 1
    assert data["smtlib"] == "(root-of-with-interval (coeffs (- 2) 0 1) 1 (/ 3 2))"
    back = exact.from_json(data, "t")
    assert isinstance(back, RealAlgebraic) and exact.sign(sp.Symbol("a")**2 - 2, {"a": back}) == 0
    # approx is informative only; smtlib is parsed and must denote the same number
    assert exact.from_json({**data, "approx": "9"}, "t") == back
    with pytest.raises(InputError, match="smtlib"):
        exact.from_json({**data, "smtlib": "(garbage"}, "t")


EXPRS = [
    (sp.log(2), {"op": "log", "args": ["2"]}),
    (sp.pi + sp.Rational(1, 2), {"op": "add", "args": ["1/2", {"op": "pi", "args": []}]}),
    (sp.exp(3) * sp.log(5), {"op": "mul", "args": [{"op": "exp", "args": ["3"]},
                                                   {"op": "log", "args": ["5"]}]}),
]


@pytest.mark.parametrize("value,tree", EXPRS)
def test_expression_tree_round_trip(value: sp.Expr, tree: dict[str, Any]) -> None:
    assert exact.to_json(value) == {"expr": tree}
    assert sp.simplify(exact.from_json({"expr": tree}, "t") - value) == 0


def test_expression_tree_is_built_unevaluated() -> None:
    tree = {"op": "add", "args": [
        {"op": "binomial", "args": ["1000000000", "500000000"]},
        {"op": "harmonic", "args": ["1000000000000"]},
        {"op": "pow", "args": ["10", "1000000000"]},
        {"op": "root", "args": ["2", "3"]}, {"op": "E"}, {"op": "neg", "args": ["1"]}]}
    value = exact.from_json({"expr": tree}, "t")  # instant: nothing is computed
    assert value.has(sp.binomial) and value.has(sp.harmonic)


def _nested(depth: int) -> Any:
    node: Any = "2"
    for _ in range(depth):
        node = {"op": "neg", "args": [node]}
    return node


BAD_VALUES = [
    ({"expr": {"op": "eval", "args": ["1"]}}, "is not one of"),
    ({"expr": {"op": "log", "args": [PAYLOAD]}}, "expected an exact number"),
    ({"expr": {"op": "log", "args": ["2"], "kw": 1}}, "expected fields op and args"),
    ({"expr": {"op": "root", "args": ["2", "1"]}}, "k must be an integer"),
    ({"expr": _nested(100)}, "nested deeper than 64"),
    ({"expr": {"op": "add", "args": ["1"] * 20_000}}, "args"),
    ({"root_of": {"coeffs": ["-2", "0", "1.5"]}, "interval": ["1", "2"]}, r"root_of.coeffs\[2\]"),
    ({"root_of": {"coeffs": ["-2", "0", PAYLOAD]}, "interval": ["1", "2"]}, r"coeffs\[2\]"),
    ({"root_of": "x**2 - 2", "interval": ["1", "2"]}, "coeffs"),  # a v1 string in format 2
    ({"root_of": {"coeffs": ["-2", "0", "1"]}, "interval": ["-2", "2"]}, "holds 2 roots"),
    ({"root_of": {"coeffs": ["-2", "0", "1"]}, "interval": ["1", "2"], "index": 0}, "index"),
    ({"root_of": {"coeffs": ["-2", "0", "1"]}, "interval": ["1", "2"], "run": "x"}, "unknown"),
    (3, "JSON string"),
    (0.5, "float"),
]


@pytest.mark.parametrize("data,match", BAD_VALUES, ids=[m for _, m in BAD_VALUES])
def test_bad_exact_values_are_one_line_errors(data: Any, match: str) -> None:
    with pytest.raises(InputError, match=match) as info:
        exact.from_json(data, "f.json: assignment.x")
    assert str(info.value).startswith("f.json: assignment.x") and one_line(str(info.value))
    assert len(str(info.value)) < 400


def test_big_numbers_round_trip() -> None:
    for value in (BIG, -BIG, Fraction(BIG + 1, 3), Fraction(-7, BIG)):
        text = exact.to_json(value)
        assert exact.from_json(text, "t") == value
    with pytest.raises(InputError, match="at most 1000000"):
        exact.parse_number("1" * 1_000_001, "t")
    from verify.statement import statement_hash

    assert statement_hash("p900/B-2", {"k": BIG}, "body") != statement_hash("p900/B-2", {"k": 1}, "body")


# --------------------------------------------------------------------------- file fields (unit)

def _valid_document() -> dict[str, Any]:
    return {
        "format": 2, "claim": "p900/L-3", "statement_sha256": "ab" * 32,
        "params": {"k": "1", "label": {"text": "4,2,1,1/2"}}, "assignment": {"x": "3/4"},
        "first_false": {"name": "x^2 > 1"}, "notes": {"a": "1/5", "list": ["1", True, None]},
        "found_by": "z3", "backend_version": "z3 4.13", "finding": None, "certificates": [
            {"kind": "lp", "sha256": "cd" * 32, "file": "certificates/p900/L-3.json"}],
        "created_with": "0.1.0", "replay": "mechverify replay counterexamples/p900/L-3.json",
    }


BAD_FIELDS = [
    ({"format": 3}, "'format' is the JSON number 3; supported versions: 1, 2"),
    ({"format": "2"}, "supported versions"),
    ({"claim": 7}, "'claim'"),
    ({"statement_sha256": "xyz"}, "'statement_sha256'"),
    ({"params": []}, "'params'"),
    ({"params": {"k": "1.5"}}, "params.k: expected an exact number like '87/16'"),
    ({"params": {"k": 1}}, "params.k"),
    ({"params": {"label": "4,2,1,1/2"}}, "params.label"),  # format 2 tags text
    ({"assignment": {"x": {"root_of": {"coeffs": [PAYLOAD, "1"]}, "interval": ["0", "1"]}}},
     r"assignment.x: root_of.coeffs\[0\]"),
    ({"first_false": {"lhs": 3}}, "first_false.lhs"),
    ({"finding": 3}, "'finding'"),
    ({"certificates": [{"kind": "lp", "sha256": "cd" * 32, "file": "../../etc/passwd"}]},
     r"certificates\[0\].file"),
    ({"certificates": [{"kind": "lp", "sha256": "cd" * 32, "file": "/etc/passwd"}]},
     r"certificates\[0\].file"),
    ({"certificates": {}}, "'certificates'"),
    ({"created_with": 1}, "'created_with'"),
    ({"surprise": 1}, "unknown field 'surprise'"),
    ({"notes": {"deep": {"expr": {"op": "exec", "args": []}}}}, "notes.deep"),
]


@pytest.mark.parametrize("change,match", BAD_FIELDS)
def test_field_errors_name_file_and_field(change: dict[str, Any], match: str) -> None:
    doc = {**_valid_document(), **change}
    with pytest.raises(InputError, match=match) as info:
        parse_witness(doc, "counterexamples/p900/L-3.json")
    assert str(info.value).startswith("counterexamples/p900/L-3.json: ")
    assert one_line(str(info.value))


def test_valid_document_parses_with_defaults() -> None:
    data = parse_witness(_valid_document(), "w.json")
    assert data["_params"] == {"k": 1, "label": "4,2,1,1/2"}
    assert data["_assignment"] == {"x": Fraction(3, 4)}
    minimal = {k: v for k, v in _valid_document().items()
               if k not in ("finding", "certificates", "created_with", "replay", "notes")}
    data = parse_witness(minimal, "w.json")
    assert data["finding"] is None and data["certificates"] == [] and data["_notes"] == {}


FILES: list[tuple[str, bytes, str]] = [
    ("deep", b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    ("latin1", '{"format": 2, "claim": "p900/\xe9"}'.encode("latin-1"), "not UTF-8"),
    ("huge", b'{"notes": "' + b"a" * (50 * 2**20) + b'"}', "larger than 16 MiB"),
    ("list", b"[]", "expected a JSON object at the top level, got a list"),
    ("nan", b'{"format": NaN}', "NaN is not an exact number"),
    ("twice", b'{"format": 2, "format": 1}', "'format' appears twice"),
    ("bigint", b'{"format": ' + b"1" * 5000 + b"}", "supported versions"),
]


@pytest.mark.parametrize("name,content,match", FILES, ids=[f[0] for f in FILES])
def test_unreadable_files_are_input_errors(tmp_path: Path, name: str, content: bytes,
                                           match: str) -> None:
    path = tmp_path / f"{name}.json"
    path.write_bytes(content)
    with pytest.raises(InputError, match=match) as info:
        read_witness_file(path)
    assert str(info.value).startswith(str(path)) and one_line(str(info.value))


# --------------------------------------------------------------------------- end to end

def _crafted_v1(project: Project) -> None:
    data = stored(project, "p900/L-3")
    data = {k: data[k] for k in ("claim", "statement_sha256", "params", "first_false",
                                 "notes", "found_by", "backend_version", "replay")}
    data.update(format=1, assignment={"x": {"root_of": PAYLOAD, "interval": ["0", "1"]}})
    witness_path(project, "p900/L-3").write_text(json.dumps(data))


def _crafted_v2(project: Project) -> None:
    data = stored(project, "p900/L-3")
    data["assignment"] = {"x": {"root_of": {"coeffs": ["-2", PAYLOAD, "1"]},
                                "interval": ["0", "2"]}}
    witness_path(project, "p900/L-3").write_text(json.dumps(data))


def _deep(project: Project) -> None:
    stored(project, "p900/L-3")
    witness_path(project, "p900/L-3").write_bytes(b"[" * 100_000 + b"]" * 100_000)


def _not_utf8(project: Project) -> None:
    stored(project, "p900/L-3")
    path = witness_path(project, "p900/L-3")
    path.write_bytes(path.read_bytes().replace(b"x^2 > 1", b"x\xb2 > 1"))


CRAFTED = [(_crafted_v1, "assignment.x: root_of"), (_crafted_v2, r"assignment.x: root_of.coeffs\[1\]"),
           (_deep, "nested too deeply"), (_not_utf8, "not UTF-8")]


@pytest.mark.parametrize("craft,match", CRAFTED, ids=["v1-root_of", "v2-coeffs", "deep", "utf8"])
def test_crafted_witness_in_replay_is_a_one_line_error(project: Project, craft: Any,
                                                       match: str) -> None:
    project.module("demo", CLAIMS)
    craft(project)
    path = witness_path(project, "p900/L-3")
    r = project.run("replay", str(path))
    assert r.returncode == 2, r.stdout + r.stderr
    assert one_line(r.stderr) and "Traceback" not in r.stderr
    if craft in (_crafted_v1, _crafted_v2):
        assert str(path) in r.stderr
        import re

        assert re.search(match, r.stderr), r.stderr
    assert not (project.path / "PWNED").exists()


@pytest.mark.parametrize("craft,match", CRAFTED, ids=["v1-root_of", "v2-coeffs", "deep", "utf8"])
def test_crafted_witness_in_check_is_that_claims_error(project: Project, craft: Any,
                                                       match: str) -> None:
    project.module("demo", CLAIMS)
    craft(project)
    r = project.run("check", "p900/L-1", "p900/L-3", "p900/B-2", "--no-cache")
    assert r.returncode == 1, r.stdout + r.stderr
    assert "Traceback" not in r.stdout + r.stderr
    error = [ln for ln in r.stdout.splitlines() if "ERROR p900/L-3" in ln]
    assert error, r.stdout
    import re

    assert re.search(match, r.stdout) and "counterexamples/p900/L-3.json" in r.stdout, r.stdout
    assert "PROVED p900/L-1" in r.stdout and "REFUTED p900/B-2" in r.stdout
    assert not (project.path / "PWNED").exists()


def test_big_witness_stored_and_replayed(project: Project) -> None:
    """Witnesses at 10^5000 (a Forall variable and a parameter) replay as REFUTED."""
    project.module("demo", CLAIMS)
    data = stored(project, "p900/B-1")
    data["assignment"]["n"] = BIG_TEXT
    witness_path(project, "p900/B-1").write_text(json.dumps(data))

    data = stored(project, "p900/B-2")
    data["params"]["k"] = BIG_TEXT  # the hash is still the one at k = 1: stale
    witness_path(project, "p900/B-2").write_text(json.dumps(data))
    r = project.run("check", "p900/B-2", "--no-cache")
    assert r.returncode == 1 and "stale witness" in r.stdout, r.stdout + r.stderr
    r = project.run("rehash", "p900/B-2", "--no-cache")  # hashes the statement at 10^5000
    assert r.returncode == 0, r.stdout + r.stderr
    after = json.loads(witness_path(project, "p900/B-2").read_text())
    assert after["params"]["k"] == BIG_TEXT and after["statement_sha256"] != data["statement_sha256"]
    for cid in ("p900/B-1", "p900/B-2"):
        r = project.run("replay", str(witness_path(project, cid)))
        assert r.returncode == 0 and "REFUTED" in r.stdout, r.stdout + r.stderr
    r = project.run("check", "p900/B-1", "p900/B-2", "--no-cache")
    assert r.returncode == 0, r.stdout + r.stderr
    lines = [ln for ln in r.stdout.splitlines() if "REFUTED p900/B-" in ln]
    assert len(lines) == 2 and "k=" + BIG_TEXT in r.stdout, r.stdout[:2000]


def test_big_witness_written_by_the_store(tmp_path: Path) -> None:
    store = Store(tmp_path)
    w = Witness("p900/B-2", "ab" * 32, exact.to_json({"k": BIG}),
                exact.to_json({"x": Fraction(1, BIG)}), {}, {}, "enumerate", "exact")
    path = store.write(w)
    data = read_witness_file(path)
    assert data["_params"] == {"k": BIG} and data["_assignment"] == {"x": Fraction(1, BIG)}


def _as_v1(data: dict[str, Any]) -> dict[str, Any]:
    """A format-2 witness rewritten as format 1 (root_of as a polynomial string)."""
    def down(v: Any) -> Any:
        if isinstance(v, dict) and "root_of" in v:
            coeffs = [int(c) for c in v["root_of"]["coeffs"]]
            poly = sum(c * sp.Symbol("x") ** i for i, c in enumerate(coeffs))
            return {"root_of": str(poly), "index": v["index"], "interval": v["interval"]}
        return v

    keep = ("claim", "statement_sha256", "params", "first_false", "notes", "found_by",
            "backend_version", "replay")
    out = {k: data[k] for k in keep}
    out["assignment"] = {k: down(v) for k, v in data["assignment"].items()}
    return {"format": 1, **out}


def test_writer_writes_v2_and_v1_files_still_replay(project: Project) -> None:
    project.module("demo", CLAIMS)
    data = stored(project, "p900/A-1")
    assert data["format"] == FORMAT == 2
    for field in ("finding", "certificates", "created_with", "replay"):
        assert field in data
    x = data["assignment"]["x"]
    assert x["root_of"] == {"coeffs": ["-2", "0", "1"]} and x["smtlib"].startswith("(root-of")
    path = witness_path(project, "p900/A-1")
    v1 = _as_v1(data)
    assert v1["assignment"]["x"]["root_of"] == "x**2 - 2"
    path.write_text(json.dumps(v1, indent=2))
    r = project.run("replay", str(path))
    assert r.returncode == 0 and "REFUTED" in r.stdout, r.stdout + r.stderr
    r = project.run("check", "p900/A-1", "--no-cache")
    assert r.returncode == 0, r.stdout + r.stderr
    assert json.loads(path.read_text())["format"] == 1  # check does not rewrite
    r = project.run("rehash", "p900/A-1", "--no-cache")
    assert r.returncode == 0, r.stdout + r.stderr
    again = json.loads(path.read_text())
    assert again["format"] == 2 and again["assignment"] == data["assignment"]
    assert again["statement_sha256"] == data["statement_sha256"]


REHASH = [
    # (claim id, cosmetic change, change after which the stored point no longer refutes)
    ("p900/L-3", ('"x^2 > 1": sp.Gt(x**2, 1)', '"x squared > 1": sp.Gt(x**2, 1)'),
     ("sp.Gt(x**2, 1)", "sp.Gt(x**2, 0)")),
    ("p900/B-2", ("return k < 1", "return 1 > k"), ("return 1 > k", "return 10 > k")),
]


@pytest.mark.parametrize("cid,cosmetic,breaking", REHASH, ids=["forall", "predicate"])
def test_rehash_keeps_refuting_witness_and_errors_otherwise(
        project: Project, cid: str, cosmetic: tuple[str, str], breaking: tuple[str, str]) -> None:
    project.module("demo", CLAIMS)
    before = stored(project, cid)
    path = witness_path(project, cid)
    project.module("demo", CLAIMS.replace(*cosmetic))
    r = project.run("check", cid, "--no-cache")
    assert r.returncode == 1 and "stale witness" in r.stdout, r.stdout
    r = project.run("rehash", cid, "--no-cache")
    assert r.returncode == 0 and f"REFUTED {cid}" in r.stdout, r.stdout + r.stderr
    after = json.loads(path.read_text())
    assert after["statement_sha256"] != before["statement_sha256"]
    for field in ("params", "assignment", "notes", "found_by", "format"):
        assert after[field] == before[field], field
    assert project.run("check", cid, "--no-cache").returncode == 0
    assert project.run("replay", str(path)).returncode == 0

    project.module("demo", CLAIMS.replace(*cosmetic).replace(*breaking))
    r = project.run("rehash", cid, "--no-cache")
    assert r.returncode == 1 and f"ERROR {cid}" in r.stdout and "no longer refutes" in r.stdout
    assert json.loads(path.read_text()) == after  # never dropped or rewritten silently


def test_concurrent_writers_and_readers(tmp_path: Path) -> None:
    store = Store(tmp_path)
    errors: list[str] = []
    stop = threading.Event()

    def writer(tag: int) -> None:
        for i in range(50):
            notes = {"writer": str(tag), "i": str(i), "pad": "x" * (1000 * (i % 7))}
            w = Witness("p900/L-3", "ab" * 32, {"k": str(i)}, {"x": "3/4"}, {}, notes,
                        "z3", "z3")
            try:
                store.write(w)
            except Exception as exc:  # noqa: BLE001 - the test reports it
                errors.append(f"write: {exc!r}")

    def reader() -> None:
        path = store.path_for("p900/L-3")
        while not stop.is_set():
            if path.exists():
                try:
                    json.loads(path.read_text())
                except (ValueError, FileNotFoundError) as exc:
                    errors.append(f"read: {exc!r}")

    threads = [threading.Thread(target=writer, args=(t,)) for t in (1, 2)]
    watch = threading.Thread(target=reader)
    watch.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    stop.set()
    watch.join()
    assert errors == []
    assert read_witness_file(store.path_for("p900/L-3"))["format"] == 2
    assert [p.name for p in store.path_for("p900/L-3").parent.iterdir()] == ["L-3.json"]
    store.delete("p900/L-3")
    store.delete("p900/L-3")  # vanished meanwhile: fine
    assert not store.has("p900/L-3")


def test_stored_witnesses_of_the_registry_are_format_2() -> None:
    files = Store(ROOT / "counterexamples").all_files()
    assert files
    for path in files:
        data = read_witness_file(path)
        assert data["format"] == 2, path
