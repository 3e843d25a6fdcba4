"""A gate that cannot go silently green: claim code never runs in the main process.

Each test reproduces a way the code before the claims process (verify.loader) and the
process-group workers ended a run green, dead, hung or flooded: exits and crashes at import,
a verdict taken for a death, leftover children, megabytes of output, Ctrl-C, stray folders.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.conftest import ROOT, Project
from tests.engine.test_cli import GOOD

HEADER = """
from verify import Forall, Ints, Rationals, Source, claim
SRC = Source("demo.txt", "Lemma 1", (10, 12))
"""

TRUE = HEADER + """
@claim("p900/T-1", source=SRC, statement="true", expect="PROVED")
def true() -> bool:
    return True
"""


def load_errors(stdout: str) -> list[str]:
    return [ln for ln in stdout.splitlines() if ln.startswith("LOAD ERROR")]


def processes_with(marker: str) -> list[int]:
    """Pids of the processes whose command line contains `marker`."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            if marker in cmdline:
                pids.append(int(entry.name))
    return pids


def test_exit_at_import_is_a_load_error_with_reports(project: Project) -> None:
    """Was: `sys.exit(0)` or `os._exit(0)` in a claim module ended `check` and `list` with
    exit 0, no output, no JSON, no JUnit."""
    project.module("a_sys_exit", HEADER + "import sys\nsys.exit(0)\n")
    project.module("b_os_exit", HEADER + "import os\nos._exit(0)\n")
    project.module("good", GOOD)
    r = project.run("check", "--no-cache", "--json", "r.json", "--junit", "j.xml")
    assert r.returncode == 1, r.stdout + r.stderr
    errors = load_errors(r.stdout)
    assert len(errors) == 2, r.stdout
    assert "a_sys_exit" in errors[0] and "SystemExit: 0" in errors[0]
    assert "b_os_exit" in errors[1] and "os._exit(0) at import" in errors[1]
    assert "PROVED p900/L-1" in r.stdout and "2 load errors" in r.stdout
    report = {e["id"]: e for e in json.loads((project.path / "r.json").read_text())}
    assert report["claims.p900_demo.b_os_exit"]["gate"] == "fail"
    assert report["p900/L-1"]["status"] == "PROVED"
    assert "b_os_exit" in (project.path / "j.xml").read_text()
    r = project.run("list")
    assert r.returncode == 1 and "p900/L-1" in r.stdout
    assert "os._exit(0) at import" in r.stderr


def test_crash_and_hang_at_import_cost_only_their_module(project: Project,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Was: a segfault at import killed the run (exit 139); `while True: pass` hung it."""
    monkeypatch.setenv("MECHVERIFY_IMPORT_TIMEOUT", "3")
    project.module("a_segv", HEADER + "import ctypes\nctypes.string_at(0)\n")
    project.module("b_hang", HEADER + "while True:\n    pass\n")
    project.module("good", TRUE)
    start = time.monotonic()
    r = project.run("check", "--no-cache", timeout=120)
    assert r.returncode == 1, r.stdout + r.stderr
    errors = load_errors(r.stdout)
    assert len(errors) == 2, r.stdout
    assert "a_segv" in errors[0] and "killed by SIGSEGV at import" in errors[0]
    assert "b_hang" in errors[1] and "import exceeded 3 s" in errors[1]
    assert "PROVED p900/T-1" in r.stdout
    assert time.monotonic() - start < 60


def test_allocation_at_import_meets_the_memory_limit(project: Project) -> None:
    """Was: no address-space limit while importing (the workers' 8 GiB limit did not apply),
    so 12 GiB at import passed and 30 GB took the whole run down with it."""
    project.module("big", HEADER + "blob = bytearray(12 * 1024**3)\n")
    project.module("good", TRUE)
    r = project.run("check", "--no-cache")
    errors = load_errors(r.stdout)
    assert r.returncode == 1 and len(errors) == 1, r.stdout + r.stderr
    assert "big" in errors[0] and "memory limit at import" in errors[0]
    assert "PROVED p900/T-1" in r.stdout


def test_malformed_declaration_costs_only_that_claim(project: Project) -> None:
    """Was: `@claim("bad id!")` raised out of the module, losing every claim after it."""
    project.module("mixed", HEADER + """
@claim("bad id!", source=SRC, statement="malformed id")
def bad() -> bool:
    return True

@claim("p900/T-2", source=SRC, statement="true", expect="PROVED")
def fine() -> bool:
    return True
""")
    r = project.run("check", "--no-cache")
    errors = load_errors(r.stdout)
    assert r.returncode == 1 and len(errors) == 1, r.stdout + r.stderr
    assert "mixed.py:5: EncodingError: claim id 'bad id!'" in errors[0]
    assert "PROVED p900/T-2" in r.stdout


def test_output_is_captured_not_dumped(project: Project) -> None:
    """Was: what modules and claims print went raw into the terminal (10 MB here)."""
    project.module("noisy", HEADER + """
print("import noise " * 100_000)

@claim("p900/N-1", source=SRC, statement="prints 10 MB, then fails", expect="PROVED")
def noisy() -> bool:
    import sys
    for _ in range(10_000):
        print("x" * 1000)
    print("LAST LINE", file=sys.stderr)
    return False
""")
    r = project.run("check", "--no-cache", "--json", "r.json")
    assert r.returncode == 1, r.stdout[-2000:] + r.stderr[-2000:]
    assert len(r.stdout) + len(r.stderr) < 20_000, len(r.stdout)
    assert "REFUTED p900/N-1" in r.stdout and "| LAST LINE" in r.stdout
    entry = json.loads((project.path / "r.json").read_text())[0]
    assert entry["output"].endswith("LAST LINE\n") and len(entry["output"]) < 70_000


def test_verdict_sent_just_before_exit_is_not_a_death(project: Project,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Was: run_own saw no verdict in the pipe, then the worker dead (it had sent its verdict
    and exited in between): "worker died (exit code 0)", a flaky red gate. Here the main
    process's poll is slow, so the verdict always arrives in that gap."""
    from multiprocessing.connection import Connection

    from verify.claim import load_claims
    from verify.engine import Settings
    from verify.runner import run

    project.module("good", TRUE)
    monkeypatch.syspath_prepend(str(project.path))
    registry = load_claims(project.path / "claims")
    poll, slow = Connection.poll, [3]

    def late_poll(self: Connection, timeout: float | None = 0.0) -> bool:
        ready = poll(self, timeout)
        if not ready and slow[0] > 0:
            slow[0] -= 1
            time.sleep(1.0)  # the worker sends its verdict and exits meanwhile
        return ready

    monkeypatch.setattr(Connection, "poll", late_poll)
    verdicts = run(registry, registry.checkable(), Settings(timeout=30))
    assert verdicts["p900/T-1"].status.value == "PROVED", verdicts["p900/T-1"].reason


def test_workers_take_their_children_and_name_their_signal(project: Project) -> None:
    """Was: a killed worker left the processes it started running (`sleep` here, after a hang
    or after returning), and a crash said "worker died (signal 11)"."""
    marker = f"{1000 + uuid.uuid4().int % 10**6}.5"
    project.module("spawn", HEADER + f"""
import subprocess, time

@claim("p900/S-1", source=SRC, statement="starts sleep, hangs", timeout=2, expect="UNKNOWN")
def hangs() -> bool:
    subprocess.Popen(["sleep", "{marker}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1000)
    return True

@claim("p900/S-2", source=SRC, statement="starts sleep, returns", expect="PROVED")
def returns() -> bool:
    subprocess.Popen(["sleep", "{marker}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.5)
    return True

@claim("p900/S-3", source=SRC, statement="segfaults", expect="ERROR")
def segfaults() -> bool:
    import ctypes
    ctypes.string_at(0)
    return True
""")
    try:
        r = project.run("check", "--no-cache", "--jobs", "3", "--json", "r.json")
        assert r.returncode == 0, r.stdout + r.stderr
        time.sleep(0.5)
        assert processes_with(f"sleep {marker}") == []
        report = {e["id"]: e for e in json.loads((project.path / "r.json").read_text())}
        assert "killed by SIGSEGV" in report["p900/S-3"]["reason"]
    finally:
        for pid in processes_with(f"sleep {marker}"):  # what the old code left behind
            os.kill(pid, signal.SIGKILL)


def test_ctrl_c_stops_promptly_with_a_partial_summary(project: Project) -> None:
    """Was: Ctrl-C during `check` exited 1 (a red gate, not an interruption), printed nothing
    of what had finished and left workers to the interpreter's exit handlers."""
    started = project.path / "started"
    project.module("slow", HEADER + f"""
import os, time

@claim("p900/A-1", source=SRC, statement="k^2 >= k", over={{"k": Ints(1)}}, limit=5,
       expect="CHECKED")
def fast(k: int) -> bool:
    return k * k >= k

@claim("p900/Z-1", source=SRC, statement="slow", timeout=300, expect="PROVED")
def slow() -> bool:
    with open({str(started)!r}, "w") as f:
        f.write(str(os.getpid()))
    time.sleep(300)
    return True
""")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "verify", "check", "--jobs", "1"],
                            cwd=project.path, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while not (started.is_file() and started.read_text()) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert started.is_file(), "the slow claim never started"
        worker = int(started.read_text())
        proc.send_signal(signal.SIGINT)
        sent = time.monotonic()
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 130, out + err
    assert time.monotonic() - sent < 10
    assert "CHECKED p900/A-1" in out and "gate" in out and "interrupted: 1 of 2" in out, out
    assert not Path(f"/proc/{worker}").exists() or b"verify" not in Path(
        f"/proc/{worker}/cmdline").read_bytes()
    for entry in (project.path / ".mechverify_cache").glob("*"):  # complete entries only
        assert entry.suffix == ".json", entry
        json.loads(entry.read_text())


def test_check_leaves_no_hypothesis_folder(project: Project) -> None:
    """Was: the search back-end's Hypothesis wrote `.hypothesis/` into the working folder."""
    project.module("search", HEADER + """
import sympy as sp
x = sp.Symbol("x", real=True)

@claim("p900/H-1", source=SRC, statement="x^2 + x + 1 > 0", backends=("search",),
       expect="SAMPLED")
def positive() -> Forall:
    return Forall({x: Rationals(-3, 3)}, then={"positive": sp.Gt(x**2 + x + 1, 0)})
""")
    r = project.run("check", "--no-cache")
    assert r.returncode == 0 and "SAMPLED p900/H-1" in r.stdout, r.stdout + r.stderr
    assert not (project.path / ".hypothesis").exists()


def test_replay_trusts_the_claims_folder_not_the_witness_location(project: Project) -> None:
    """Was: `replay FILE` imported `FILE/../../../claims` (code next to a downloaded witness),
    and said "unknown claim id" when the claim's module had failed to load."""
    project.module("good", GOOD)
    assert project.run("check", "p900/L-3", "--no-cache").returncode == 0
    witness = project.path / "counterexamples" / "p900" / "L-3.json"
    elsewhere = project.path / "downloads"
    (elsewhere / "counterexamples" / "p900").mkdir(parents=True)
    (elsewhere / "claims").mkdir()
    planted = elsewhere / "planted-code-ran"
    (elsewhere / "claims" / "__init__.py").write_text(
        f"open({str(planted)!r}, 'w').close()\n")
    copy = elsewhere / "counterexamples" / "p900" / "L-3.json"
    copy.write_text(witness.read_text())
    r = project.run("replay", str(copy))
    assert r.returncode == 0 and "REFUTED p900/L-3" in r.stdout, r.stdout + r.stderr
    assert not planted.exists()
    project.module("good", GOOD + "\nraise RuntimeError('broken on purpose')\n")
    r = project.run("replay", str(witness))
    assert r.returncode == 1, r.stdout + r.stderr
    assert "LOAD ERROR" in r.stdout and "broken on purpose" in r.stdout
    assert "unknown claim id" not in r.stdout + r.stderr


def test_pytest_collection_survives_exit_at_import(project: Project) -> None:
    """Was: `os._exit(0)` in a claim module ended a pytest session during collection with
    exit 0 and no report (and `sys.exit(0)` ended it green)."""
    project.module("a_os_exit", HEADER + "import os\nos._exit(0)\n")
    project.module("good", TRUE)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    r = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "claims",
                        "--verify-no-cache"], cwd=project.path, env=env, text=True,
                       capture_output=True, timeout=300)
    assert r.returncode == 1, r.stdout + r.stderr
    assert "os._exit(0) at import" in r.stdout and "1 passed" in r.stdout, r.stdout


def test_claims_the_parent_process_imported_are_still_reported(
        project: Project, monkeypatch: pytest.MonkeyPatch) -> None:
    """A test or notebook that imported a claim module itself (so its decorators already ran
    in the parent) must not make `load` lose that module's claims in the claims process."""
    import importlib
    import sys

    from verify.claim import REGISTRY
    from verify.loader import load

    project.module("good", GOOD)
    monkeypatch.syspath_prepend(str(project.path))
    saved_modules = dict(sys.modules)
    saved = dict(REGISTRY.claims), list(REGISTRY.errors), dict(REGISTRY.papers)
    try:
        for name in [m for m in sys.modules if m == "claims" or m.startswith("claims.")]:
            del sys.modules[name]
        importlib.import_module("claims.p900_demo.good")  # the decorators run in the parent
        assert "p900/L-1" in REGISTRY.claims
        registry = load(project.path / "claims")
    finally:
        sys.modules.clear()
        sys.modules.update(saved_modules)
        REGISTRY.claims.clear(), REGISTRY.claims.update(saved[0])
        REGISTRY.errors[:] = saved[1]
        REGISTRY.papers.clear(), REGISTRY.papers.update(saved[2])
    assert {"p900/L-1", "p900/L-3"} <= set(registry.claims), sorted(registry.claims)
    assert not registry.errors, registry.errors
