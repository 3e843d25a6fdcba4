"""pytest plugin: every claim is a test item whose outcome is its gate; every stored witness
is a replay item. Plain `pytest` on the project collects claims/ and counterexamples/.

Import-light: sympy, z3 and the engine are imported only when items are collected and run.
A failure prints the verdict, its evidence and the witness, not a traceback into the engine.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("mechverify", "machine-checked claims")
    group.addoption("--verify-timeout", type=float, default=60.0,
                    help="seconds per claim (default 60)")
    group.addoption("--verify-limit", type=int, default=None,
                    help="bound for unbounded integer parameters (default: each claim's own)")
    group.addoption("--verify-cross-check", action="store_true",
                    help="run every accepting exact back-end; disagreement is an ERROR")
    group.addoption("--verify-no-cache", action="store_true", help="do not use the verdict cache")


class UnexpectedVerdict(Exception):
    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


class _Session:
    """Verdicts shared by the items of one pytest session (premises run once)."""

    def __init__(self, config: pytest.Config, claims_root: Path) -> None:
        from verify.engine import Settings
        from verify.runner import Cache
        from verify.store import Store

        self.root = claims_root.parent
        self.settings = Settings(
            timeout=config.getoption("--verify-timeout"),
            limit=config.getoption("--verify-limit"),
            cross_check=config.getoption("--verify-cross-check"),
            store=Store(self.root / "counterexamples"),
        )
        self.cache = None if config.getoption("--verify-no-cache") else Cache(
            self.root / ".mechverify_cache")
        self.final: dict[str, Any] = {}

    def verdict(self, registry: Any, claim: Any) -> Any:
        if claim.id not in self.final:
            from verify.runner import run

            self.final.update(run(registry, [claim], self.settings, jobs=1, cache=self.cache))
        return self.final[claim.id]


def _claims_root(path: Path) -> Path | None:
    for parent in [path, *path.parents]:
        if parent.name == "claims" and (parent / "__init__.py").is_file():
            return parent
    return None


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if file_path.suffix == ".py" and file_path.name != "conftest.py":
        root = _claims_root(file_path)
        if root is not None and not file_path.name.startswith("test_"):
            return ClaimFile.from_parent(parent, path=file_path)
    if file_path.suffix == ".json" and "counterexamples" in file_path.parts:
        return WitnessFile.from_parent(parent, path=file_path)
    return None


def _session(config: pytest.Config, root: Path) -> _Session:
    key = "_mechverify_session"
    existing = getattr(config, key, None)
    if existing is None:
        existing = _Session(config, root)
        setattr(config, key, existing)
    return existing


class ClaimFile(pytest.File):
    def collect(self) -> Any:
        from verify.claim import load_claims

        root = _claims_root(self.path)
        assert root is not None
        registry = load_claims(root)
        for err in registry.errors:
            if Path(err.message.split(":", 1)[0]).resolve() == self.path.resolve() or (
                err.where in registry.claims and
                Path(registry.claims[err.where].file).resolve() == self.path.resolve()
            ):
                yield LoadErrorItem.from_parent(self, name=f"load:{err.where}", message=err.message)
        for c in registry.checkable():
            if Path(c.file).resolve() == self.path.resolve():
                yield ClaimItem.from_parent(self, name=c.id, claim_id=c.id, root=root)


class LoadErrorItem(pytest.Item):
    def __init__(self, *, message: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.message = message

    def runtest(self) -> None:
        raise UnexpectedVerdict(f"load error: {self.message}")

    def repr_failure(self, excinfo: Any, style: Any = None) -> str:
        return str(excinfo.value)

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, self.name


class ClaimItem(pytest.Item):
    def __init__(self, *, claim_id: str, root: Path, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.claim_id = claim_id
        self.root = root

    def runtest(self) -> None:
        from verify import report
        from verify.claim import load_claims

        registry = load_claims(self.root)
        claim = registry.get(self.claim_id)
        verdict = _session(self.config, self.root).verdict(registry, claim)
        self.user_properties.append(("verdict", verdict.status.value))
        self.user_properties.append(("scope", verdict.scope))
        if report.gate(claim, verdict) == "fail":
            raise UnexpectedVerdict(report.line(claim, verdict) + "\n" + report.detail(claim, verdict))

    def repr_failure(self, excinfo: Any, style: Any = None) -> str:
        if isinstance(excinfo.value, UnexpectedVerdict):
            return excinfo.value.text
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, f"claim {self.claim_id}"


class WitnessFile(pytest.File):
    def collect(self) -> Any:
        yield WitnessItem.from_parent(self, name=f"replay:{self.path.name}")


class WitnessItem(pytest.Item):
    def runtest(self) -> None:
        from verify.claim import load_claims
        from verify.engine import replay
        from verify.errors import VerifyError
        from verify.store import read_witness_file

        try:
            data = read_witness_file(self.path)
            root = self.path.resolve().parents[2] / "claims"
            registry = load_claims(root)
            claim = registry.get(data["claim"])
        except VerifyError as exc:
            raise UnexpectedVerdict(f"witness error: {exc}") from None
        verdict = replay(claim, data)
        if verdict.status.value != "REFUTED":
            raise UnexpectedVerdict(f"witness does not replay: {verdict.reason}")

    def repr_failure(self, excinfo: Any, style: Any = None) -> str:
        if isinstance(excinfo.value, UnexpectedVerdict):
            return excinfo.value.text
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, f"replay {self.path.name}"


def pytest_report_teststatus(report: pytest.TestReport, config: pytest.Config) -> Any:
    if report.when != "call":
        return None
    props = dict(report.user_properties)
    status = props.get("verdict")
    if status is None:
        return None
    letter = status[0]
    if report.passed:
        return "passed", letter, f"{status} (as recorded)"
    return "failed", letter, f"{status} (unexpected)"


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    from collections import Counter

    counts: Counter[tuple[str, str]] = Counter()
    for key in ("passed", "failed"):
        for rep in terminalreporter.stats.get(key, []):
            props = dict(getattr(rep, "user_properties", []))
            if "verdict" in props:
                paper = rep.nodeid.split("::")[-1].split("/")[0]
                counts[(paper, props["verdict"])] += 1
    if counts:
        terminalreporter.section("mechverify verdicts")
        for (paper, status), n in sorted(counts.items()):
            terminalreporter.write_line(f"{paper}: {status} x{n}")
