"""pytest plugin: every claim is a test item whose outcome is its gate; every stored witness
is a replay item. Plain `pytest` in a project collects the configured claims folder(s) and the
witnesses in the configured store (`[tool.mechverify]` in pyproject.toml, see verify.config;
without one, claims/ and counterexamples/ of the current folder). A folder named `claims` with
an `__init__.py` elsewhere is collected too, with the witness store beside it.

Import-light: sympy, z3 and the engine are imported only when items are collected and run.
Claim modules are never imported into the pytest process: collection goes through
verify.loader (a module that exits or crashes at import is a failing load item, never a green
session) and claim and replay items run in the runner's workers. A failure prints the verdict,
its evidence and the witness, not a traceback into the engine.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("mechverify", "machine-checked claims")
    group.addoption("--verify-timeout", type=float, default=None,
                    help="seconds per claim (default: [tool.mechverify] timeout, else 60)")
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
    """The loaded registry and the verdicts shared by the items of one pytest session
    (premises run once)."""

    def __init__(self, config: pytest.Config, roots: tuple[Path, ...]) -> None:
        from verify import config as mv_config
        from verify.engine import Settings
        from verify.loader import load_many
        from verify.runner import Cache
        from verify.store import Store

        project = _project(config)
        configured = roots == project.claims
        store = project.store_path if configured else mv_config.default_store(roots)
        claims_flag = None if configured else mv_config.shown(roots[0], project.root)
        self.registry = load_many(list(roots))
        timeout = config.getoption("--verify-timeout")
        self.settings = Settings(
            timeout=timeout if timeout is not None else (
                project.timeout or mv_config.DEFAULT_TIMEOUT),
            limit=config.getoption("--verify-limit"),
            limits=dict(project.limit) if configured else {},
            cross_check=config.getoption("--verify-cross-check"),
            store=Store(mv_config.shown(store),
                        mv_config.ReplayContext(project.root, claims_flag)),
        )
        self.cache = None if config.getoption("--verify-no-cache") else Cache(
            project.cache_path)
        self.final: dict[str, Any] = {}

    def verdict(self, claim: Any) -> Any:
        if claim.id not in self.final:
            from verify.runner import run

            self.final.update(run(self.registry, [claim], self.settings, jobs=1,
                                  cache=self.cache))
        return self.final[claim.id]


def _project(config: pytest.Config) -> Any:
    """The mechverify project of the folder pytest was started in (verify.config.find)."""
    project = config.__dict__.get("_mechverify_project")
    if project is None:
        from verify.config import find
        from verify.errors import VerifyError

        try:
            project = find(config.invocation_params.dir)
        except VerifyError as exc:
            raise pytest.UsageError(f"mechverify: {exc}") from None
        config.__dict__["_mechverify_project"] = project
    return project


def _inside(path: Path, folder: Path) -> bool:
    return folder == path or folder in path.parents


def _claims_roots(config: pytest.Config, path: Path) -> tuple[Path, ...] | None:
    """The claims folders of the session a claim file belongs to: the configured ones, or a
    folder named `claims` with an `__init__.py` that holds the file."""
    path = path.resolve()
    project = _project(config)
    if any(_inside(path, root) for root in project.claims):
        return tuple(project.claims)
    for parent in path.parents:
        if parent.name == "claims" and (parent / "__init__.py").is_file():
            return (parent,)
    return None


def _is_witness(config: pytest.Config, path: Path) -> bool:
    """A .json file in the configured store, or in a folder named counterexamples."""
    return _inside(path.resolve(), _project(config).store_path) or "counterexamples" in path.parts


def _witness_roots(config: pytest.Config, path: Path) -> tuple[Path, ...]:
    """The claims folders that replay the witness `path`: those of a claims session of this
    run whose store holds it, else the configured ones. Never a folder found next to the
    witness: replaying runs claim code, and only code the run chose to collect is trusted."""
    path = path.resolve()
    project = _project(config)
    if _inside(path, project.store_path):
        return tuple(project.claims)
    sessions: dict[tuple[Path, ...], _Session] = config.__dict__.get("_mechverify_sessions", {})
    for roots, session in sessions.items():
        if _inside(path, Path(session.settings.store.root).resolve()):
            return roots
    return tuple(project.claims)


def pytest_collect_file(file_path: Path, parent: pytest.Collector) -> pytest.Collector | None:
    if file_path.suffix == ".py" and file_path.name != "conftest.py":
        if not file_path.name.startswith("test_") and _claims_roots(
                parent.config, file_path) is not None:
            return ClaimFile.from_parent(parent, path=file_path)
    if file_path.suffix == ".json" and _is_witness(parent.config, file_path):
        return WitnessFile.from_parent(parent, path=file_path)
    return None


def _session(config: pytest.Config, roots: tuple[Path, ...]) -> _Session:
    """The session of claims folders `roots` (loaded once per pytest run)."""
    sessions: dict[tuple[Path, ...], _Session] = config.__dict__.setdefault(
        "_mechverify_sessions", {})
    if roots not in sessions:
        sessions[roots] = _Session(config, roots)
    return sessions[roots]


class ClaimFile(pytest.File):
    def collect(self) -> Any:
        root = _claims_roots(self.config, self.path)
        assert root is not None
        registry = _session(self.config, root).registry
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
    def __init__(self, *, claim_id: str, root: tuple[Path, ...], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.claim_id = claim_id
        self.root = root

    def runtest(self) -> None:
        from verify import report

        session = _session(self.config, self.root)
        claim = session.registry.get(self.claim_id)
        verdict = session.verdict(claim)
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
        from verify.errors import VerifyError
        from verify.runner import replay_witness
        from verify.store import read_witness_file

        try:
            data = read_witness_file(self.path)
            # the claims of the store's project, never code that arrives with the witness
            session = _session(self.config, _witness_roots(self.config, self.path))
            if data["claim"] not in session.registry.claims:
                from verify.loader import errors_of_paper

                errors = errors_of_paper(session.registry, data["claim"])
                if errors:
                    raise UnexpectedVerdict(f"cannot replay: load error {errors[0].where}: "
                                            f"{errors[0].message}")
            claim = session.registry.get(data["claim"])
        except VerifyError as exc:
            raise UnexpectedVerdict(f"witness error: {exc}") from None
        verdict = replay_witness(session.registry, claim, data)
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
