"""Project configuration: the `[tool.mechverify]` table of a paper project's pyproject.toml.

    [tool.mechverify]
    claims = "claims"                 # a folder, or a list of folders
    store = "counterexamples"         # the witness store (default: beside the first claims folder)
    cache = ".mechverify_cache"       # the verdict cache (default: at the project root)
    timeout = 60                      # seconds per claim
    jobs = 2                          # claims checked in parallel
    limit = { k = 40 }                # per-parameter budgets, as `--limit k=40`

The project is found like pytest and ruff find theirs: walking up from the current folder to
the first pyproject.toml that has a `[tool.mechverify]` table; without one, a `claims/` folder
in the current folder makes the current folder the project. Relative paths in the table are
relative to the folder of the pyproject.toml. Command-line flags override the table.

The witness store defaults to `counterexamples/` beside the (first) claims folder, never to
the current folder: running another project's claims folder never writes into this one's
store. `replay_command` writes the command stored in every witness (`replay`), which works as
written from the project root.
"""

from __future__ import annotations

import math
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from verify.errors import InputError

TABLE = "tool.mechverify"
KEYS = ("claims", "store", "cache", "timeout", "limit", "jobs")
DEFAULT_CLAIMS = "claims"
DEFAULT_STORE = "counterexamples"
DEFAULT_CACHE = ".mechverify_cache"
DEFAULT_TIMEOUT = 60.0
DEFAULT_JOBS = 1
_NAME = re.compile(r"^[A-Za-z_]\w*$")


class ConfigError(InputError):
    """A bad `[tool.mechverify]` table: one line naming the file, the key and what was
    expected (exit code 2)."""


@dataclass(frozen=True)
class Project:
    """A resolved project: its root folder and every option as an absolute path or value
    (None where the table leaves an option to the command line's default)."""

    root: Path
    file: Path | None  # the pyproject.toml; None when found by a claims/ folder
    claims: tuple[Path, ...]
    store: Path | None = None  # None: beside the first claims folder
    cache: Path | None = None  # None: root / .mechverify_cache
    timeout: float | None = None
    jobs: int | None = None
    limit: dict[str, int] = field(default_factory=dict)

    @property
    def store_path(self) -> Path:
        return self.store if self.store is not None else default_store(self.claims)

    @property
    def cache_path(self) -> Path:
        return self.cache if self.cache is not None else self.root / DEFAULT_CACHE

    @property
    def configured(self) -> bool:
        return self.file is not None


def default_store(claims: tuple[Path, ...] | list[Path]) -> Path:
    """`counterexamples/` beside the first claims folder."""
    return Path(claims[0]).parent / DEFAULT_STORE


def _fail(file: Path, key: str, expected: str, value: Any) -> ConfigError:
    shown = repr(value)
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return ConfigError(f"{file}: [{TABLE}] {key}: expected {expected}, got {shown}")


def _path(file: Path, key: str, value: Any) -> Path:
    if not isinstance(value, str) or not value.strip() or "\x00" in value:
        raise _fail(file, key, "a folder name (text)", value)
    path = Path(os.path.expanduser(value))
    return (path if path.is_absolute() else file.parent / path).resolve()


def parse(file: Path, table: Any) -> Project:
    """The project of a `[tool.mechverify]` table read from `file` (values checked)."""
    if not isinstance(table, dict):
        raise ConfigError(f"{file}: [{TABLE}] must be a table, got {type(table).__name__}")
    unknown = [k for k in table if k not in KEYS]
    if unknown:
        raise ConfigError(f"{file}: [{TABLE}] unknown key {unknown[0]!r} (known keys: "
                          f"{', '.join(KEYS)})")
    raw_claims = table.get("claims", DEFAULT_CLAIMS)
    if isinstance(raw_claims, list):
        if not raw_claims:
            raise _fail(file, "claims", "a folder or a non-empty list of folders", raw_claims)
        claims = tuple(_path(file, f"claims[{i}]", v) for i, v in enumerate(raw_claims))
    else:
        claims = (_path(file, "claims", raw_claims),)
    if len(set(claims)) != len(claims):
        raise _fail(file, "claims", "different folders", raw_claims)
    store = _path(file, "store", table["store"]) if "store" in table else None
    cache = _path(file, "cache", table["cache"]) if "cache" in table else None
    timeout = table.get("timeout")
    if timeout is not None and (isinstance(timeout, bool) or not isinstance(timeout, int | float)
                                or not math.isfinite(timeout) or timeout <= 0):
        raise _fail(file, "timeout", "a positive number of seconds", timeout)
    jobs = table.get("jobs")
    if jobs is not None and (isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1):
        raise _fail(file, "jobs", "a whole number of at least 1", jobs)
    limit = table.get("limit", {})
    if not isinstance(limit, dict):
        raise _fail(file, "limit", "a table of parameter = N, like limit = { k = 40 }", limit)
    for name, value in limit.items():
        if not _NAME.match(name):
            raise _fail(file, f"limit.{name}", "a parameter name", name)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise _fail(file, f"limit.{name}", "a whole number of at least 1", value)
    return Project(root=file.parent.resolve(), file=file.resolve(), claims=claims, store=store,
                   cache=cache, timeout=None if timeout is None else float(timeout),
                   jobs=jobs, limit=dict(limit))


def read(file: Path) -> Project | None:
    """The project of `file` (a pyproject.toml), or None when it has no [tool.mechverify]."""
    try:
        text = file.read_bytes().decode("utf-8")
    except OSError as exc:
        raise ConfigError(f"{file}: cannot read ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{file}: not UTF-8 text") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        if "tool.mechverify" not in text:
            return None  # someone else's broken file: not ours to judge
        raise ConfigError(f"{file}: not valid TOML ({exc})") from None
    tool = data.get("tool")
    if not isinstance(tool, dict) or "mechverify" not in tool:
        return None
    return parse(file, tool["mechverify"])


def has_table(file: Path) -> bool:
    """Whether the pyproject.toml `file` has a [tool.mechverify] table (a broken file that
    mentions it counts as having it)."""
    text = file.read_text(encoding="utf-8", errors="replace")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return "tool.mechverify" in text
    tool = data.get("tool")
    return isinstance(tool, dict) and "mechverify" in tool


def find(start: Path | None = None) -> Project:
    """The project of the current folder (or `start`): the first pyproject.toml with a
    [tool.mechverify] table in it or its parents; otherwise the folder itself, with its
    claims/ folder (which may not exist: commands that need claims then say so)."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            project = read(candidate)
            if project is not None:
                return project
    return Project(root=here, file=None, claims=(here / DEFAULT_CLAIMS,))


def shown(path: Path | str, base: Path | None = None) -> str:
    """A path as the user reads it: relative to `base` (default the current folder) when it
    lies inside it, absolute otherwise."""
    base = (base or Path.cwd()).resolve()
    absolute = Path(os.path.abspath(path))
    try:
        rel = absolute.relative_to(base)
    except ValueError:
        return absolute.as_posix()
    return rel.as_posix() or "."


# ----------------------------------------------------------------- the replay command


@dataclass(frozen=True)
class ReplayContext:
    """What `mechverify replay` needs to work as written from the project root: the root,
    and the `--claims` folder when the run's claims are not the configured default."""

    root: Path
    claims: str | None = None


_ACTIVE: ReplayContext | None = None


def activate(context: ReplayContext | None) -> None:
    """Set the replay context of this run (the CLI and the pytest plugin do, before they
    create the witness store; verify.store.Store reads it when it is created)."""
    global _ACTIVE
    _ACTIVE = context


def active() -> ReplayContext | None:
    return _ACTIVE


def replay_command(path: Path | str, context: ReplayContext | None) -> str:
    """`mechverify replay <path> [--claims <folder>]`, the path relative to the project root
    (absolute when the witness lies outside it; relative to the current folder without a
    context)."""
    if context is None:
        return f"mechverify replay {_quote(Path(path).as_posix())}"
    command = f"mechverify replay {_quote(shown(path, context.root))}"
    if context.claims is not None:
        command += f" --claims {_quote(context.claims)}"
    return command


def _quote(text: str) -> str:
    import shlex

    return shlex.quote(text)
