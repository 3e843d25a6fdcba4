"""Bad input: one line on stderr naming the culprit and what was expected, exit 2, nothing run.

Each case of BAD_INPUT failed on the code before this suite (a traceback, a green or red run
instead of exit 2, a misleading or multi-line message); ALREADY_REFUSED guards behaviour that
was already right.
"""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest

from tests.conftest import ROOT, Project

HEADER = """
from verify import Ints, Source, claim, definition
SRC = Source("demo.txt", "Lemma 1", (10, 12))
"""

MODULE = HEADER + """
definition("p900/D-1", source=SRC, statement="a definition")

@claim("p900/L-2", source=SRC, statement="k^2 >= k", over={"k": Ints(1)}, limit={"k": 30},
       expect="CHECKED")
def squares(k: int) -> bool:
    return k * k >= k

@claim("p900/L-3", source=SRC, statement="k^3 >= k", over={"k": Ints(1)}, limit={"k": 5},
       expect="CHECKED")
def cubes(k: int) -> bool:
    return k ** 3 >= k

@claim("p900/M", source=SRC, statement="m n >= n", over={"m": Ints(2), "n": Ints(0)},
       limit={"m": 4, "n": 4}, expect="CHECKED")
def product(m: int, n: int) -> bool:
    return m * n >= n

@claim("p900/R", source=SRC, statement="a k >= k", over={"k": Ints(1)}, limit={"k": 3},
       readings={"R1": {"a": 1}, "R2": {"a": 2}}, expect="CHECKED")
def reading(k: int, a: int) -> bool:
    return a * k >= k
"""

UNWRITABLE = "/proc/mechverify-report.json"  # refused even to root (no files can be made there)

# (argv, expected exit, fragment of the one-line message on stderr)
BAD_INPUT: list[Any] = [  # tuples and pytest.param(...)
    # 1. --jobs
    (["check", "--jobs", "0", "p900/L-2"], 2, "--jobs 0: expected a whole number of at least 1"),
    (["check", "--jobs", "-1", "p900/L-2"], 2, "--jobs -1: expected a whole number"),
    (["check", "-j", "100000", "p900/L-2"], 0, "--jobs 100000 capped to"),
    # 2. --timeout
    (["check", "--timeout", "0", "p900/L-2"], 2, "--timeout 0: expected a positive finite"),
    (["check", "--timeout", "-5", "p900/L-2"], 2, "--timeout -5: expected a positive finite"),
    (["check", "--timeout", "nan", "p900/L-2"], 2, "--timeout nan: expected a positive finite"),
    (["check", "--timeout", "inf", "p900/L-2"], 2, "--timeout inf: expected a positive finite"),
    # 3. --limit: malformed, below a domain's lower bound, a name no selected claim has
    (["check", "--limit", "n=", "p900/L-2"], 2, "--limit 'n=': expected N or NAME=N"),
    (["check", "--limit", "=3", "p900/L-2"], 2, "--limit '=3': expected N or NAME=N"),
    (["check", "--limit", "x", "p900/L-2"], 2, "--limit 'x': expected N or NAME=N"),
    (["check", "--limit", "n=abc", "p900/L-2"], 2, "--limit 'n=abc': expected N or NAME=N"),
    (["check", "--limit", "3", "--limit", "4", "p900/L-2"], 2, "--limit given twice"),
    (["check", "--limit", "0", "p900/L-2"], 2,
     "--limit 0: claim p900/L-2, parameter 'k': limit 0 is below the bound of k >= 1"),
    (["check", "--limit", "k=0", "p900/L-2"], 2, "claim p900/L-2, parameter 'k'"),
    (["check", "--limit", "m=1", "p900/M"], 2,
     "--limit m=1: claim p900/M, parameter 'm': limit 1 is below the bound of m >= 2"),
    (["check", "--limit", "zz=3", "p900/L-2"], 2,
     "--limit zz=3: no selected claim has an unbounded parameter 'zz'"),
    (["check", "--limit", "m=3", "p900/L-2"], 2, "unbounded parameter 'm'"),
    # 4. report files checked before the run
    (["check", "--json", "nodir/r.json", "p900/L-2"], 2,
     "--json 'nodir/r.json': folder 'nodir' does not exist"),
    (["check", "--junit", "nodir/j.xml", "p900/L-2"], 2,
     "--junit 'nodir/j.xml': folder 'nodir' does not exist"),
    (["check", "--json", "adir", "p900/L-2"], 2, "--json 'adir': is a folder"),
    (["check", "--junit", "adir", "p900/L-2"], 2, "--junit 'adir': is a folder"),
    (["check", "--json", "afile/r.json", "p900/L-2"], 2, "'afile' is a file, not a folder"),
    pytest.param(["check", "--json", UNWRITABLE, "p900/L-2"], 2, "cannot write there",
                 marks=pytest.mark.skipif(not os.path.isdir("/proc"), reason="no /proc")),
    # 5. an empty selection of explicit targets (the empty registry: see below)
    (["show", "p9/*"], 2, "target 'p9/*' matches no claim"),
    # 6. a path is called a path
    (["check", "./nope.py"], 2, "no such file or folder './nope.py'"),
    (["check", "nope.py"], 2, "no such file or folder 'nope.py'"),
    (["check", "nope.py:3"], 2, "no such file or folder 'nope.py:3'"),
    (["check", "claims/p900_demo/nope.py"], 2, "no such file or folder"),
    (["check", "nope"], 2, "no such file or folder 'nope'"),
    # 7. show resolves like check
    (["show", "./nope.py"], 2, "no such file or folder './nope.py'"),
    # 9. replay of a bad file
    (["replay", "adir"], 2, "replay: 'adir' is a folder; expected a witness file"),
    (["replay", "binary.json"], 2, "replay: 'binary.json' is not a text file"),
]

ALREADY_REFUSED: list[tuple[list[str], int, str]] = [
    (["check", "p9/*"], 2, "target 'p9/*' matches no claim"),
    (["check", "p900/NOPE"], 2, "unknown claim id 'p900/NOPE'"),
    (["check", "p900/D-1"], 2, "'p900/D-1' is a definition, not a checkable claim"),
    (["show", "p900/NOPE"], 2, "unknown claim id 'p900/NOPE'"),
    (["replay", "nope.json"], 2, "nope.json"),
    (["replay", "list.json"], 2, "expected a JSON object"),
    (["--claims", "nowhere", "check"], 2, "nowhere"),
]


def _ids(cases: list[Any]) -> list[str]:
    """The argv of each case (a plain tuple or a pytest.param) as its test id."""
    return [" ".join(c.values[0] if hasattr(c, "marks") else c[0]) for c in cases]


def _project(project: Project) -> Project:
    project.module("good", MODULE)
    (project.path / "adir").mkdir()
    (project.path / "afile").write_text("a file, not a folder\n")
    (project.path / "binary.json").write_bytes(b"\xff\xfe\x00garbage")
    (project.path / "list.json").write_text("[]\n")
    return project


def _assert_refused(project: Project, argv: list[str], code: int, fragment: str) -> None:
    r = project.run(*argv)
    assert r.returncode == code, f"exit {r.returncode}\n{r.stdout}\n{r.stderr}"
    assert fragment in r.stderr, r.stderr
    assert "Traceback" not in r.stderr
    if code == 2:
        assert len(r.stderr.strip().splitlines()) == 1, r.stderr
        assert "mechverify: error:" in r.stderr
        assert r.stdout == "", r.stdout  # nothing ran
        assert not (project.path / "counterexamples").exists()


@pytest.mark.parametrize(("argv", "code", "fragment"), BAD_INPUT, ids=_ids(BAD_INPUT))
def test_bad_input(project: Project, argv: list[str], code: int, fragment: str) -> None:
    _assert_refused(_project(project), argv, code, fragment)


@pytest.mark.parametrize(("argv", "code", "fragment"), ALREADY_REFUSED,
                         ids=_ids(ALREADY_REFUSED))
def test_already_refused(project: Project, argv: list[str], code: int, fragment: str) -> None:
    _assert_refused(_project(project), argv, code, fragment)


def test_report_file_left_alone_when_refused(project: Project) -> None:
    _project(project)
    r = project.run("check", "--json", "r.json", "--timeout", "0", "p900/L-2")
    assert r.returncode == 2 and not (project.path / "r.json").exists()
    r = project.run("check", "--json", "r.json", "--limit", "0", "p900/L-2")
    assert r.returncode == 2 and not (project.path / "r.json").exists()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes anywhere")
def test_report_folder_not_writable(project: Project) -> None:
    _project(project)
    locked = project.path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        _assert_refused(project, ["check", "--json", "locked/r.json", "p900/L-2"], 2,
                        "cannot write there")
    finally:
        locked.chmod(0o700)


def test_empty_registry_is_not_green(project: Project) -> None:
    r = project.run("check")
    assert r.returncode == 2 and "no claims found in claims" in r.stderr, r.stdout + r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    project.module("defs", HEADER + 'definition("p900/D-1", source=SRC, statement="d")\n')
    r = project.run("check")
    assert r.returncode == 2 and "no claims found in claims" in r.stderr, r.stdout + r.stderr


def test_registry_of_load_errors_only_is_red_not_empty(project: Project) -> None:
    project.module("broken", HEADER + "raise RuntimeError('bad module')\n")
    r = project.run("check")
    assert r.returncode == 1 and "LOAD ERROR" in r.stdout, r.stdout + r.stderr


def test_named_and_repeated_limits_are_used(project: Project) -> None:
    _project(project)
    r = project.run("check", "--no-cache", "--json", "r.json", "--limit", "m=3",
                    "--limit", "n=2", "--limit", "4", "p900/M", "p900/L-2")
    assert r.returncode == 0, r.stdout + r.stderr
    import json

    scopes = {e["id"]: e["scope"] for e in json.loads((project.path / "r.json").read_text())}
    assert scopes["p900/M"].startswith("m <= 3, n <= 2"), scopes
    assert scopes["p900/L-2"].startswith("k <= 4"), scopes


@pytest.mark.parametrize(("limit", "fragment"), [
    ('{"k": 3}', "p900/BAD: parameter 'k': limit 3 is below the bound of k >= 5"),
    ("3", "p900/BAD: parameter 'k': limit 3 is below the bound of k >= 5"),
    ('{"k": 0}', "p900/BAD: limit for parameter 'k' is 0: expected a positive integer"),
    ('{"j": 5}', "p900/BAD: limit names parameter 'j', which is not in over"),
    ("0", "p900/BAD: limit=0: expected a positive integer"),
    ('{"k": "5"}', "p900/BAD: limit for parameter 'k' is '5': expected a positive integer"),
    ('{"k": 2.5}', "p900/BAD: limit for parameter 'k' is 2.5: expected a positive integer"),
])
def test_claim_own_limit_is_a_load_error(project: Project, limit: str, fragment: str) -> None:
    _project(project)
    project.module("bad", HEADER + f"""
@claim("p900/BAD", source=SRC, statement="k >= 1", over={{"k": Ints(5)}}, limit={limit},
       expect="CHECKED")
def bad(k: int) -> bool:
    return k >= 1
""")
    r = project.run("check", "--no-cache", "p900/L-2")
    errors = [ln for ln in r.stdout.splitlines() if ln.startswith("LOAD ERROR")]
    assert r.returncode == 1 and len(errors) == 1, r.stdout + r.stderr
    assert fragment in errors[0] and "EncodingError" in errors[0], errors


def test_existing_path_is_a_path_even_if_id_like(project: Project) -> None:
    """`p901/m.py` looks like an id of paper p901, but it is a file on disk."""
    pkg = project.path / "p901"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("")
    (pkg / "m.py").write_text(HEADER + """
@claim("p901/X", source=SRC, statement="k >= 1", over={"k": Ints(1)}, limit={"k": 3},
       expect="CHECKED")
def x(k: int) -> bool:
    return k >= 1
""")
    r = project.run("--claims", "p901", "check", "--no-cache", "p901/m.py")
    assert r.returncode == 0 and "CHECKED p901/X" in r.stdout, r.stdout + r.stderr
    r = project.run("--claims", "p901", "check", "--no-cache", "p901/X")
    assert r.returncode == 0 and "CHECKED p901/X" in r.stdout, r.stdout + r.stderr


def test_show_accepts_what_check_accepts(project: Project) -> None:
    _project(project)
    r = project.run("show", "p900/R")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "p900/R@R1  (claim)" in r.stdout and "p900/R@R2  (claim)" in r.stdout
    r = project.run("show", "p900/L-*")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "p900/L-2  (claim)" in r.stdout and "p900/L-3  (claim)" in r.stdout
    r = project.run("show", "p900/D-1")
    assert r.returncode == 0 and "p900/D-1  (definition)" in r.stdout, r.stdout + r.stderr


def test_list_into_head_ends_quietly(project: Project) -> None:
    """Enough claims that `list` outgrows the pipe buffer: head exits, the writer meets EPIPE."""
    project.module("many", HEADER + """
for i in range(3000):
    claim(f"p900/G-{i:04d}", source=SRC, statement="many", expect="CHECKED")(lambda: True)
""")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    mv = subprocess.Popen([sys.executable, "-m", "verify", "list"], cwd=project.path, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    head = subprocess.Popen(["head", "-1"], stdin=mv.stdout, stdout=subprocess.PIPE)
    assert mv.stdout is not None and mv.stderr is not None
    mv.stdout.close()  # only head holds the read end now
    first, _ = head.communicate(timeout=300)
    err = mv.stderr.read().decode()
    mv.stderr.close()
    code = mv.wait(timeout=300)
    assert first.decode().startswith("p900/G-0000")
    assert "Traceback" not in err and "BrokenPipe" not in err, err
    assert code in (0, 141), (code, err)


def test_version(project: Project) -> None:
    from verify import __version__

    r = project.run("--version")
    assert r.returncode == 0 and r.stdout.strip() == f"mechverify {__version__}", r.stdout + r.stderr


@pytest.mark.parametrize(("argv", "code"), [
    (["frobnicate"], 2),
    ([], 2),
    (["--help"], 0),
    (["check", "--help"], 0),
    (["check", "--jobs", "many"], 2),
])
def test_argparse_behaviour_kept(project: Project, argv: list[str], code: int) -> None:
    r = project.run(*argv)
    assert r.returncode == code, r.stdout + r.stderr
    assert "Traceback" not in r.stderr


def test_every_flag_has_help() -> None:
    import argparse

    from verify.cli import parser

    def walk(p: argparse.ArgumentParser) -> list[tuple[str, argparse.Action]]:
        out = [(p.prog, a) for a in p._actions]
        for a in p._actions:
            if isinstance(a, argparse._SubParsersAction):
                for sub in a.choices.values():
                    out += walk(sub)
        return out

    missing = [f"{prog}: {'/'.join(a.option_strings) or a.dest}" for prog, a in walk(parser())
               if a.help is None]
    assert not missing, missing
