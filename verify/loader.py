"""Claim modules are imported in child processes, never in the main process.

A claim module is code under review: at import it may call `sys.exit` or `os._exit`, crash the
interpreter, hang, allocate without bound or print megabytes. So the main process (`mechverify`,
the pytest plugin) only ever holds metadata. `load(root)` forks a *claims process* that, under
the workers' address-space limit, imports the modules one at a time, announcing each before
importing it, and sends back every Claim with `fn=None` and its readings' keyword arguments as
text. If the process dies, exits or overruns the per-module time limit (`MECHVERIFY_IMPORT_TIMEOUT`
seconds, default 60) while importing module M, M gets a LoadError saying what happened and a
fresh claims process goes on with the modules after M. What modules print is captured in a
scratch file, never shown.

After its last module the claims process becomes the *zygote*: it forks one worker per job
(check one claim, or replay one witness), so each module is imported once per run, not once per
claim. A worker runs in its own process group with its output captured, imports its claim's
module by name and looks the claim up by id (`import_claim`: the primitive a remote worker uses
too), and writes its result to a file; the zygote reports each worker's exit status after it
has killed what the worker left behind, so a verdict is never mistaken for a death.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib
import multiprocessing as mp
import multiprocessing.util  # noqa: F401 - its exit handler is registered before ours, so runs after
import os
import pickle
import re
import shutil
import signal
import sys
import tempfile
import traceback
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from verify.claim import REGISTRY, Claim, LoadError, Registry
from verify.errors import EncodingError, InputError

try:
    import resource
except ImportError:  # no POSIX resource limits (Windows): children run without them
    resource = None  # type: ignore[assignment]

if TYPE_CHECKING:
    from verify.runner import Job

MEMORY_LIMIT = 8 * 1024**3  # address space of the claims process and of every worker
FILE_LIMIT = 256 * 1024**2  # largest file a child may write (its captured output included)
OUTPUT_TAIL = 64 * 1024  # bytes of captured output kept per worker
# Claims processes and workers are forked (Linux, macOS); without fork() there is no runner.
_FORK = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else None
NO_FORK = ("this platform has no fork(): mechverify runs claims in forked processes, so it "
           "runs on Linux and macOS only")


def import_timeout() -> float:
    return float(os.environ.get("MECHVERIFY_IMPORT_TIMEOUT", "60"))


def discover(root: Path) -> list[str]:
    """Module names under `root` (its parent is the import root), packages first."""
    names = []
    for path in sorted(root.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        names.append(".".join(parts))
    return names


def module_file(root: Path, name: str) -> str:
    base = root.parent.joinpath(*name.split("."))
    path = base.with_suffix(".py") if base.with_suffix(".py").is_file() else base / "__init__.py"
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def import_claim(root: Path, module: str, claim_id: str) -> Claim:
    """In a worker: import `module` (a no-op when the zygote did) and find `claim_id`."""
    _on_path(root)
    imported = importlib.import_module(module)
    where = Path(getattr(imported, "__file__", None) or "").resolve()
    if root.resolve() not in where.parents:
        raise InputError(f"module {module} is {where}, not a module under {root}")
    try:
        return REGISTRY.claims[claim_id]
    except KeyError:
        raise InputError(f"importing {module} declares no claim {claim_id!r}") from None


def errors_of_paper(registry: Registry, claim_id: str) -> list[LoadError]:
    """The load errors of `claim_id`'s paper: why a claim may be missing from the registry."""
    paper = claim_id.split("/", 1)[0]
    return [e for e in registry.errors if e.where.split("/", 1)[0] == paper
            or any(part.split("_", 1)[0] == paper for part in e.where.split("."))]


# ---------------------------------------------------------------- main process side


class Child:
    """A claims process: imports `modules`, then forks one worker per submitted job."""

    def __init__(self, root: Path, modules: list[str]) -> None:
        self.root = root
        self.modules = modules
        if _FORK is None:
            raise InputError(NO_FORK)
        self.scratch = Path(tempfile.mkdtemp(prefix="mechverify-"))
        self.conn, theirs = _FORK.Pipe()
        self.process = _FORK.Process(target=_child_main, name="mechverify-claims", daemon=True,
                                     args=(root, modules, theirs, self.scratch, self.conn))
        self.process.start()
        theirs.close()
        self.workers: dict[int, int] = {}  # job id -> pid, until the zygote reports its exit
        _CHILDREN.append(self)

    @property
    def alive(self) -> bool:
        return not self.conn.closed and self.process.is_alive()

    def recv(self, timeout: float) -> tuple[Any, ...] | None:
        """The next message, None after `timeout` seconds; EOFError once the process is gone."""
        try:
            if not self.conn.poll(timeout):
                return None
            message: tuple[Any, ...] = self.conn.recv()
        except OSError:
            raise EOFError from None
        return message

    def death(self) -> str:
        """How the process ended: 'killed by SIGSEGV', 'os._exit(0)'."""
        self.process.join(5)
        code = self.process.exitcode
        return "no answer" if code is None else ended(code, "os._exit({})")

    def submit(self, job: Job) -> None:
        self.conn.send(("run", job))

    def kill(self, job_id: int) -> None:
        """Kill a worker and its process group (the zygote knows whether it is still there)."""
        with contextlib.suppress(OSError):
            self.conn.send(("kill", job_id))

    def exited(self, timeout: float) -> list[tuple[int, int]]:
        """(job id, wait status) of the workers that ended; EOFError once the zygote is gone."""
        done: list[tuple[int, int]] = []
        message = self.recv(timeout)
        while message is not None:
            if message[0] == "started":
                self.workers[message[1]] = message[2]
            elif message[0] == "exited":
                self.workers.pop(message[1], None)
                done.append((message[1], message[2]))
            message = self.recv(0)
        return done

    def outcome(self, job_id: int) -> tuple[str | None, str]:
        """The result a worker wrote (None if it wrote none) and the tail of its output."""
        result_path, output_path = self.scratch / f"{job_id}.json", self.scratch / f"{job_id}.out"
        result = result_path.read_text() if result_path.is_file() else None
        output = output_tail(output_path)
        for path in (result_path, output_path):
            path.unlink(missing_ok=True)
        return result, output

    def close(self, kill: bool = False) -> None:
        """Stop: the zygote kills its workers when the pipe closes; a stuck process is killed."""
        if kill:
            self.process.kill()
        with contextlib.suppress(OSError):
            self.conn.close()
        self.process.join(2)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(2)
            for pid in self.workers.values():  # orphans of a zygote that did not answer
                _killpg(pid)
        shutil.rmtree(self.scratch, ignore_errors=True)
        if self in _CHILDREN:
            _CHILDREN.remove(self)


def output_tail(path: Path) -> str:
    """The last OUTPUT_TAIL bytes of a worker's captured output ('' if there is none)."""
    output = ""
    with contextlib.suppress(OSError), path.open("rb") as f:
        size = f.seek(0, os.SEEK_END)
        f.seek(max(0, size - OUTPUT_TAIL))
        output = f.read().decode("utf-8", "replace")
        if size > OUTPUT_TAIL:
            output = f"[... {size - OUTPUT_TAIL} bytes of output cut ...]\n{output}"
    return output


_CHILDREN: list[Child] = []
_ZYGOTES: dict[Path, Child] = {}


@atexit.register
def _close_all() -> None:
    for child in list(_CHILDREN):
        child.close()


def load_many(roots: Path | str | Sequence[Path | str]) -> Registry:
    """The claims of one claims folder or of several, as one registry.

    Each folder is loaded by its own claims processes; the registry's `root` is the first
    folder (its zygote forks the workers; a worker imports its claim's module from the
    claim's own folder, see root_of). Folders must have different names: Python imports a
    folder as a package by its name. An id declared in two folders is a load error."""
    if isinstance(roots, str | Path):
        return load(roots)
    paths = [Path(r).resolve() for r in roots]
    if not paths:
        raise InputError("no claims folder given")
    if len(paths) == 1:
        return load(paths[0])
    names: dict[str, Path] = {}
    for path in paths:
        if path.name in names and names[path.name] != path:
            raise InputError(f"claims folders {names[path.name]} and {path} have the same name "
                             f"{path.name!r}: Python imports a folder as a package by its name; "
                             "rename one")
        names[path.name] = path
    parts = [load(path, validate=False) for path in paths]
    registry = Registry()
    registry.root = paths[0]
    for part in parts:
        registry.loaded_roots.update(part.loaded_roots)
        registry.modules.extend(part.modules)
        registry.errors.extend(part.errors)
        for key, paper in getattr(part, "papers", {}).items():
            registry.papers.setdefault(key, paper)
        for c in part.claims.values():
            try:
                registry.add(c)
            except EncodingError as exc:
                registry.errors.append(LoadError(c.id, str(exc)))
    registry.validate_references()
    return registry


def root_of(registry: Registry, claim: Claim) -> Path:
    """The claims folder `claim` was loaded from (a registry may hold several)."""
    assert registry.root is not None, "a registry loaded by verify.loader"
    if len(registry.loaded_roots) > 1 and claim.file:
        where = Path(claim.file).resolve()
        for root in sorted(registry.loaded_roots, key=len, reverse=True):
            if Path(root) in where.parents:
                return Path(root)
    return registry.root


def load(root: Path | str = "claims", validate: bool = True) -> Registry:
    """The claims under `root` as metadata, loaded in claims processes (see the module doc);
    `validate=False` leaves checking references between claims to the caller."""
    root = Path(root).resolve()
    if not root.is_dir():
        raise InputError(f"claims folder {root} does not exist")
    registry = Registry()
    registry.root = root
    registry.loaded_roots.add(str(root))
    todo, clean = discover(root), True
    while todo:
        child = Child(root, todo)
        try:
            rest = _collect(child, registry)
        except BaseException:
            child.close(kill=True)
            raise
        if rest is None and clean:
            _keep(root, child)  # it imported every module: it is the zygote
        else:  # dead, or it lacks the modules of the processes before it
            child.close(kill=True)
        clean = clean and rest is None
        todo = rest or []
    if validate:
        registry.validate_references()
    return registry


def zygote(registry: Registry) -> Child:
    """A live claims process that has imported the registry's modules, to fork workers from."""
    if registry.root is None:
        raise InputError("this registry was not loaded from a claims folder")
    child = _ZYGOTES.get(registry.root)
    if child is not None and child.alive:
        return child
    # several claims folders: each one's parent on the path of the claims process (inherited
    # through fork; this process's own path is restored)
    extra = [p for p in dict.fromkeys(str(Path(r).parent) for r in sorted(registry.loaded_roots))
             if p not in sys.path] if len(registry.loaded_roots) > 1 else []
    sys.path[:0] = extra
    try:
        for modules in (list(registry.modules), []):
            child = Child(registry.root, modules)
            try:
                rest = _collect(child, Registry())
            except BaseException:
                child.close(kill=True)
                raise
            if rest is None:
                break
            # a module misbehaved on its second import: workers import their own modules
            child.close(kill=True)
    finally:
        for p in extra:
            sys.path.remove(p)
    _keep(registry.root, child)
    return child


def _keep(root: Path, child: Child) -> None:
    old = _ZYGOTES.get(root)
    if old is not None and old is not child:
        old.close()
    _ZYGOTES[root] = child


def _collect(child: Child, registry: Registry) -> list[str] | None:
    """Merge the child's metadata into `registry` until it is ready (None) or fails on a
    module: then that module gets a LoadError and the modules after it are returned."""
    done = 0
    limit = import_timeout()
    while True:
        try:
            message = child.recv(limit)
        except EOFError:
            what = f"{child.death()} at import"
        else:
            if message is None:
                child.process.kill()
                what = f"import exceeded {limit:g} s"
            elif message[0] == "start":
                continue
            elif message[0] == "done":
                _merge(registry, *message[1:])
                done += 1
                continue
            else:  # "ready"
                return None
        if done == len(child.modules):  # died after its last module: nothing to blame
            return []
        name = child.modules[done]
        registry.errors.append(LoadError(name, f"{module_file(child.root, name)}: {what}"))
        return child.modules[done + 1:]


def _merge(registry: Registry, name: str, claims: list[Claim], errors: list[LoadError],
           loaded: bool, papers: list[Any] = ()) -> None:  # type: ignore[assignment]
    for paper in papers:  # the latest state: findings may be declared by a later module
        registry.papers[paper.key] = paper
    for c in claims:
        seen = registry.claims.get(c.id)
        if seen is not None and (seen.file, seen.lineno) == (c.file, c.lineno):
            continue  # imported again by a fresh claims process, as a dependency
        try:
            registry.add(c)
        except EncodingError as exc:
            errors = [*errors, LoadError(c.id, str(exc))]
    registry.errors.extend(e for e in errors if e not in registry.errors)
    if loaded:
        registry.modules.append(name)


def ended(code: int, exit_text: str = "exited with code {}") -> str:
    """An exit code as text: negative codes are signals ('killed by SIGSEGV')."""
    if code >= 0:
        return exit_text.format(code)
    try:
        return f"killed by {signal.Signals(-code).name}"
    except ValueError:
        return f"killed by signal {-code}"


# ---------------------------------------------------------------- in the claims process


def _child_main(root: Path, modules: list[str], conn: Any, scratch: Path, ours: Any) -> None:
    for other in [ours, *(c.conn for c in _CHILDREN)]:  # the main process's ends: so that
        other.close()  # its exit or close is an EOF here and in every other claims process
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the main process handles Ctrl-C and stops us
    _limit_resources()
    _capture_output(scratch / "loader.out")
    os.environ.setdefault("HYPOTHESIS_STORAGE_DIRECTORY", str(scratch / "hypothesis"))
    _on_path(root)
    _forget_inherited(root)
    for name in modules:
        conn.send(("start", name))
        conn.send(("done", name, *_import(root, name), list(REGISTRY.papers.values())))
    import verify.runner  # noqa: F401 - the engine, imported once for every worker

    conn.send(("ready",))
    _serve(conn, scratch)


def _limit_resources() -> None:
    """The address-space and file-size limits, where the platform has them: a limit it
    refuses (macOS may refuse RLIMIT_AS) is skipped, never an error."""
    if resource is not None:
        for name, value in (("RLIMIT_AS", MEMORY_LIMIT), ("RLIMIT_FSIZE", FILE_LIMIT)):
            limit = getattr(resource, name, None)
            if limit is None:
                continue
            with contextlib.suppress(ValueError, OSError):
                resource.setrlimit(limit, (value, value))
    if hasattr(signal, "SIGXFSZ"):
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past FILE_LIMIT raises instead


def _capture_output(path: Path) -> None:
    """File descriptors 1 and 2, and new sys.stdout/stderr above them, into `path`. The
    inherited streams are not flushed: what they buffer is the parent's to write."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.close(fd)
    sys.stdout = open(1, "w", buffering=1, errors="replace", closefd=False)
    sys.stderr = open(2, "w", buffering=1, errors="replace", closefd=False)


def _forget_inherited(root: Path) -> None:
    """Start the claims process from a clean slate: forget every module named like the claims
    folder's package (`claims`, `claims.x`) and every claim, load error and paper the parent
    process had registered. A parent that imported claim modules itself (a test, a notebook,
    another project's `claims`) would otherwise shadow this folder's modules, and a module
    already imported would re-run no decorator, so its claims would go unreported."""
    top = root.name
    for name in [m for m in sys.modules if m == top or m.startswith(top + ".")]:
        del sys.modules[name]
    REGISTRY.claims.clear()
    REGISTRY.errors.clear()
    REGISTRY.papers.clear()


def _on_path(root: Path) -> None:
    parent = str(root.parent)
    if parent not in sys.path:
        sys.path.insert(0, parent)


def _import(root: Path, name: str) -> tuple[list[Claim], list[LoadError], bool]:
    """Import one module: its new claims as metadata, its load errors, whether it loaded.

    A module that raises costs all of its claims (one LoadError); a claim whose declaration
    is malformed costs only itself (the decorator records it)."""
    known, n_errors = set(REGISTRY.claims), len(REGISTRY.errors)
    failure = None
    try:
        importlib.import_module(name)
    except MemoryError:
        failure = f"{module_file(root, name)}: memory limit at import"
    except BaseException as exc:  # noqa: BLE001 - sys.exit at import included: a LoadError
        failure = _raised_at(exc, root, name)
    errors = REGISTRY.errors[n_errors:]
    if failure is not None:
        return [], [*errors, LoadError(name, failure)], False
    claims: list[Claim] = []
    for cid, c in REGISTRY.claims.items():
        if cid not in known:
            meta = _metadata(c, name)
            if isinstance(meta, LoadError):
                errors.append(meta)
            else:
                claims.append(meta)
    return claims, errors, True


def _raised_at(exc: BaseException, root: Path, name: str) -> str:
    path = str(root.parent.joinpath(*name.split(".")))
    tb = traceback.extract_tb(exc.__traceback__)
    frame = next((f for f in reversed(tb) if f.filename.startswith(path)), tb[-1] if tb else None)
    at = f"{frame.filename}:{frame.lineno}" if frame else module_file(root, name)
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{at}: {type(exc).__name__}: {text}"


def _metadata(c: Claim, module: str) -> Claim | LoadError:
    """The claim without code: what the main process needs to select, cache and report."""
    kwargs = {k: re.sub(r" at 0x[0-9a-fA-F]+", "", repr(v)) for k, v in c.kwargs.items()}
    meta = replace(c, fn=None, kwargs=kwargs, module=module)
    try:
        pickle.dumps(meta)
    except Exception as exc:  # noqa: BLE001 - e.g. a lambda among a Choice's values
        return LoadError(c.id, f"{c.file}:{c.lineno}: cannot be described to the runner: {exc}")
    return meta


def _serve(conn: Any, scratch: Path) -> None:
    """The zygote: fork a worker per job, kill on request, report each worker's exit."""
    workers: dict[int, int] = {}  # pid -> job id
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # multiprocessing's exit: see finally
    try:
        while True:
            if conn.poll(0.005 if workers else 0.1):
                message = conn.recv()
                if message[0] == "run":
                    job = message[1]
                    pid = os.fork()
                    if pid == 0:
                        _work(job, conn, scratch)
                    with contextlib.suppress(OSError):
                        os.setpgid(pid, pid)  # also in the child: whichever runs first
                    workers[pid] = job.id
                    conn.send(("started", job.id, pid))
                elif message[0] == "kill":
                    for pid in [p for p, j in workers.items() if j == message[1]]:
                        _killpg(pid)
            for pid, status in _reap(workers):
                conn.send(("exited", workers.pop(pid), status))
    except (EOFError, OSError, SystemExit):
        pass  # the main process closed the pipe, went away or terminates us
    finally:
        for pid in workers:
            _killpg(pid)
        _reap(workers)
        shutil.rmtree(scratch, ignore_errors=True)  # also when the main process was killed


def _reap(workers: dict[int, int]) -> list[tuple[int, int]]:
    """(pid, wait status) of ended workers. Each one's process group is killed before it is
    reaped: until then its pid, and so its group id, cannot be reused."""
    ended_: list[tuple[int, int]] = []
    if not hasattr(os, "waitid"):  # macOS: no waitid(WNOWAIT); reap first, then kill the group
        for pid in list(workers):
            try:
                done, status = os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:  # reaped elsewhere: ended, status unknown
                done, status = pid, 0
            if done:
                _killpg(pid)  # the group outlives its leader while members remain
                ended_.append((pid, status))
        return ended_
    while workers:
        try:
            info = os.waitid(os.P_ALL, 0, os.WEXITED | os.WNOHANG | os.WNOWAIT)
        except ChildProcessError:
            break
        if info is None:
            break
        _killpg(info.si_pid)
        _, status = os.waitpid(info.si_pid, 0)
        if info.si_pid in workers:
            ended_.append((info.si_pid, status))
    return ended_


def _killpg(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def _work(job: Job, conn: Any, scratch: Path) -> NoReturn:
    """A forked worker: its own process group, output captured, result written atomically."""

    def ready() -> Job:
        conn.close()
        os.setpgid(0, 0)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        _capture_output(scratch / f"{job.id}.out")
        return job

    run_job(ready, scratch / f"{job.id}.json")


def run_job(prepare: Callable[[], Job], result: Path) -> NoReturn:
    """In a worker process: run the job `prepare` returns, write its result to `result`
    atomically and exit: 0, or 70 without a result (whoever waits reports the exit)."""
    code = 0
    try:
        job = prepare()
        from verify.runner import execute

        text = execute(job)
        partial = result.with_name(f"{result.name}.part")
        partial.write_text(text)
        os.replace(partial, result)
    except BaseException:  # noqa: BLE001 - no result: the exit is reported instead
        code = 70
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        os._exit(code)
