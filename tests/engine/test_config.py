"""Project configuration ([tool.mechverify]), the notebook API and readable output
(init and new: tests/engine/test_scaffold.py)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from fractions import Fraction
from pathlib import Path

import pytest
import sympy as sp

from tests.conftest import ROOT, Project
from verify import config
from verify.errors import EncodingError, InputError

CLAIM = '''
import sympy as sp
from verify import Forall, Ints, Reals, Source, claim

SRC = Source("demo.txt", "Lemma 1", (1, 2))
x = sp.Symbol("x", real=True)


@claim("{key}/A", source=SRC, statement="k^2 >= k", over={{"k": Ints(1)}}, expect="CHECKED")
def squares(k: int) -> bool:
    return k * k >= k


@claim("{key}/B", source=SRC, statement="x^2 + 1 > 2x (false at 1)", expect="REFUTED")
def wrong() -> Forall:
    return Forall({{x: Reals(0)}}, then={{"x^2 + 1 > 2x": sp.Gt(x**2 + 1, 2 * x)}})
'''


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text))
    return path


def paper(claims: Path, key: str = "demo") -> None:
    write(claims / key / "__init__.py", "")
    write(claims / key / "lemmas.py", CLAIM.format(key=key))


def run(cwd: Path, *args: str, module: str = "verify") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", module, *args], cwd=cwd, env=env, text=True,
                          capture_output=True, timeout=300)


# --------------------------------------------------------------------------- finding the project


def test_find_walks_up_to_the_table_and_resolves_paths_beside_it(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", """
        [tool.mechverify]
        claims = ["lemmas", "more"]
        store = "witnesses"
        timeout = 5
        jobs = 2
        limit = { k = 3 }
        """)
    write(tmp_path / "sub" / "pyproject.toml", "[project]\nname = 'other'\n")  # no table: skipped
    deep = tmp_path / "sub" / "deeper"
    deep.mkdir()
    project = config.find(deep)
    assert project.root == tmp_path.resolve() and project.file == (tmp_path / "pyproject.toml")
    assert project.claims == (tmp_path / "lemmas", tmp_path / "more")
    assert project.store_path == tmp_path / "witnesses"
    assert project.cache_path == tmp_path / ".mechverify_cache"
    assert (project.timeout, project.jobs, project.limit) == (5.0, 2, {"k": 3})


def test_without_a_table_the_current_folder_is_the_project(tmp_path: Path) -> None:
    project = config.find(tmp_path)
    assert project.file is None and project.claims == (tmp_path / "claims",)
    assert project.store_path == tmp_path / "counterexamples"


def test_store_defaults_beside_the_first_claims_folder(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.mechverify]\nclaims = "paper/claims"\n')
    assert config.find(tmp_path).store_path == tmp_path / "paper" / "counterexamples"


def test_this_repository_is_configured() -> None:
    project = config.find(ROOT / "verify")
    assert project.claims == (ROOT / "claims",)
    assert project.store_path == ROOT / "counterexamples"


@pytest.mark.parametrize(("table", "fragment"), [
    ('claims = 3', "claims: expected a folder name (text), got 3"),
    ('claims = []', "claims: expected a folder or a non-empty list of folders"),
    ('claim = "x"', "unknown key 'claim' (known keys: claims, store, cache, timeout, limit, jobs)"),
    ('timeout = -1', "timeout: expected a positive number of seconds, got -1"),
    ('timeout = true', "timeout: expected a positive number of seconds, got True"),
    ('jobs = 0', "jobs: expected a whole number of at least 1, got 0"),
    ('limit = 3', "limit: expected a table of parameter = N"),
    ('limit = { k = 0 }', "limit.k: expected a whole number of at least 1, got 0"),
    ('store = ""', "store: expected a folder name (text)"),
    ('claims = "a" = ', "not valid TOML"),
])
def test_bad_config_is_one_clear_line(tmp_path: Path, table: str, fragment: str) -> None:
    write(tmp_path / "pyproject.toml", f"[tool.mechverify]\n{table}\n")
    with pytest.raises(config.ConfigError) as info:
        config.find(tmp_path)
    message = str(info.value)
    assert fragment in message and str(tmp_path / "pyproject.toml") in message, message
    assert "\n" not in message


def test_bad_config_exits_2_naming_file_and_key(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.mechverify]\njobs = 'many'\n")
    r = run(tmp_path, "check")
    assert r.returncode == 2 and r.stderr.count("\n") == 1, r.stderr
    assert "pyproject.toml: [tool.mechverify] jobs: expected a whole number" in r.stderr


def test_no_project_says_what_to_do(tmp_path: Path) -> None:
    r = run(tmp_path, "check")
    assert r.returncode == 2 and "mechverify init" in r.stderr and "--claims" in r.stderr


# --------------------------------------------------------------------------- the CLI honours it


def test_configured_folders_settings_and_flags(tmp_path: Path) -> None:
    """Claims in a folder not named claims (no __init__.py), a configured store, limits and a
    timeout from the table; flags after the subcommand override them."""
    write(tmp_path / "pyproject.toml", """
        [tool.mechverify]
        claims = "lemmas"
        store = "witnesses"
        limit = { k = 3 }
        timeout = 30
        """)
    paper(tmp_path / "lemmas")
    sub = tmp_path / "notes"
    sub.mkdir()
    r = run(sub, "check", "--json", "r.json", "--no-cache")  # found from a subfolder
    assert r.returncode == 0, r.stdout + r.stderr
    report = {e["id"]: e for e in json.loads((sub / "r.json").read_text())}
    assert report["demo/A"]["scope"].startswith("k <= 3 of k >= 1"), report["demo/A"]
    witness = tmp_path / "witnesses" / "demo" / "B.json"
    assert witness.is_file() and not (sub / "counterexamples").exists()
    assert json.loads(witness.read_text())["replay"] == "mechverify replay witnesses/demo/B.json"
    r = run(tmp_path, "check", "demo/A", "--limit", "k=5", "--json", "r.json", "--no-cache")
    assert json.loads((tmp_path / "r.json").read_text())[0]["scope"].startswith("k <= 5")
    r = run(tmp_path, "check", "--store", "elsewhere", "--no-cache", "demo/B")
    assert r.returncode == 0 and (tmp_path / "elsewhere" / "demo" / "B.json").is_file()
    r = run(tmp_path, "--store", "global", "check", "--no-cache", "demo/B")  # global form
    assert r.returncode == 0 and (tmp_path / "global" / "demo" / "B.json").is_file()
    r = run(tmp_path, "replay", "witnesses/demo/B.json", "--claims", "lemmas")
    assert r.returncode == 0 and "REFUTED demo/B at x=1" in r.stdout, r.stdout + r.stderr
    r = run(sub, "replay", "witnesses/demo/B.json")  # as written, from a subfolder too
    assert r.returncode == 0, r.stdout + r.stderr
    r = run(tmp_path, "-p", "no:cacheprovider", "--verify-no-cache", module="pytest")
    assert r.returncode == 0 and "3 passed" in r.stdout, r.stdout + r.stderr  # A, B, replay B


def test_several_claims_folders(tmp_path: Path) -> None:
    write(tmp_path / "pyproject.toml", '[tool.mechverify]\nclaims = ["one", "two"]\n')
    paper(tmp_path / "one", "alpha")
    paper(tmp_path / "two", "beta")
    r = run(tmp_path, "check", "--no-cache")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "REFUTED beta/B at x=1" in r.stdout and "CHECKED alpha/A" in r.stdout, r.stdout
    assert (tmp_path / "counterexamples" / "beta" / "B.json").is_file()  # beside the first
    r = run(tmp_path, "replay", "counterexamples/beta/B.json")
    assert r.returncode == 0, r.stdout + r.stderr


def test_summary_table_fits_80_columns(project: Project) -> None:
    paper(project.path / "claims", "a_rather_long_paper_key_of_32ch")
    r = project.run("check", "--no-cache")
    table = [line for line in r.stdout.splitlines() if line[:1] in "┏┃┡│└"]
    assert table and all(len(line) <= 80 for line in table), "\n".join(table)
    assert "PRV" in r.stdout and "REF" in r.stdout


# --------------------------------------------------------------------------- API and output


def test_notebook_check() -> None:
    from verify import Exists, Forall, Ints, Reals, check

    x = sp.Symbol("x", real=True)
    v = check(Forall({x: Reals(0)}, then={"x^2 + 1 > 2x": sp.Gt(x**2 + 1, 2 * x)}), timeout=30)
    assert v.status.value == "REFUTED" and v.scope == "at x=1"
    assert v.witness is not None and v.witness.assignment == {"x": "1"}
    assert v.witness.first_false["lhs"] == "2" and v.witness.path is None
    assert check({"r": sp.Lt(sp.sqrt(2), sp.Rational(3, 2), evaluate=False)}).status.value == \
        "PROVED"
    n = sp.Symbol("n", integer=True)
    assert check(Exists({n: Ints(0, 5)}, such_that={"n^2 = 9": sp.Eq(n**2, 9)})).status.value \
        == "PROVED"
    assert check(False).status.value == "REFUTED" and check(True).status.value == "PROVED"
    with pytest.raises(InputError):
        check("x > 0")


def test_predicate_witness_found_by_exact_predicate(project: Project) -> None:
    project.module("m", """
        from verify import Ints, Source, claim
        @claim("p900/P", source=Source("d.txt", "L", (1, 1)), statement="k < 3",
               over={"k": Ints(1)}, limit={"k": 5}, expect="REFUTED")
        def p(k: int) -> bool:
            return k < 3
        """)
    r = project.run("check", "--no-cache")
    assert r.returncode == 0 and "REFUTED p900/P at k=3" in r.stdout, r.stdout + r.stderr
    data = json.loads((project.path / "counterexamples" / "p900" / "P.json").read_text())
    assert data["found_by"] == "exact predicate"


def test_choice_tuple_is_one_value() -> None:
    from verify import Choice

    assert Choice((50, 50, 1, 1, 1)).values == ((50, 50, 1, 1, 1),)
    assert Choice(50, 50, 1).values == (50, 50, 1)
    assert Choice([1, 2]).values == (1, 2) and Choice(range(3)).values == (0, 1, 2)
    assert Choice.of([(1, 2)]).values == ((1, 2),) and Choice.of(iter([3])).values == (3,)
    with pytest.raises(EncodingError):
        Choice.of(5)
    shown = Choice((Fraction(3, 4), 1), Fraction(1, 2)).describe("v")
    assert shown == "v in {(3/4, 1), 1/2}", shown


def test_scopes_print_fractions_as_a_reader_writes_them() -> None:
    from verify import Vectors

    assert Vectors(2, [Fraction(1, 2), 1]).describe("v") == "v in vectors in {1/2, 1}^2 (4 points)"


def test_readable_numbers() -> None:
    from verify import exact
    from verify.engine import _forall_scope, point_text

    x = sp.Symbol("x", real=True)
    root2 = exact.RealAlgebraic.from_sympy(sp.sqrt(2))
    assert exact.value_text(x**2 - 2, {"x": root2}) == "0"
    assert exact.value_text(x, {"x": Fraction(123456789, 223606797)}) == \
        "41152263/74535599 ~ 0.55212…"
    assert exact.value_text(x, {"x": Fraction(3, 4)}) == "3/4"
    assert point_text({"k": "1"}, {"x": "1/2", "y": exact.to_json(root2)}) == \
        "k=1, x=1/2, y≈1.41421356237"
    many = {f"q{i}": "0" for i in range(40)}
    assert point_text(many).endswith("… (34 more in the witness)")
    assert _forall_scope(["x in [0, 1]"], 1) == "x in [0, 1]"
    assert _forall_scope(["q in [0, 1], " * 20], 36) == "36 quantified variables"
    assert _forall_scope(["a", "b"], 36) == "up to 36 quantified variables per point"
