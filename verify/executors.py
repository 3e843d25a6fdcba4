"""Where the runner's jobs run: the local fork pool (default) or a Dask cluster.

An executor takes the runner's work list (claim, Job, time limit) and calls `finish(claim,
verdict)` once per job, in any order; the runner keeps everything else (selection, the
verdict cache, premises). Every executor keeps the runner's guarantees: the claim runs in a
process of its own (its own process group, under the address-space limit, its output
captured), a hang is killed at its limit plus GRACE (UNKNOWN), a crash or a memory blow-up is
that claim's ERROR, and the verdict is the one the fork pool gives.

* `LocalExecutor`: the fork pool of verify.loader (a zygote that imported the claim modules
  forks one worker per job), `--jobs` at a time.
* `DaskExecutor`: Dask distributed (the optional extra `mechverify[dask]`), on a
  `LocalCluster` of `--jobs` single-threaded worker processes (`--executor dask`) or on a
  running scheduler (`--executor tcp://HOST:PORT`). A Dask task runs its job the same way the
  fork pool does: on a non-daemonic worker it keeps a zygote of its own (forked once per
  worker process) and forks the job from it; on a daemonic worker, where multiprocessing
  refuses to start children, it starts the job as a subprocess (`python -m verify.executors
  SCRATCH`), in a session of its own, killed as a group at its limit. Nothing is written on a
  worker: the client reads a stored witness and ships it with the job, and writes new or
  re-hashed witnesses itself (the runner writes the cache, also on the client).
"""

from __future__ import annotations

import contextlib
import hashlib
import multiprocessing as mp
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from verify import loader
from verify.claim import Claim, Registry
from verify.errors import InputError
from verify.mech.lp import Certificate
from verify.verdict import Status, Verdict

if TYPE_CHECKING:
    from verify.runner import Job

Work = list[tuple[Claim, "Job", float]]
Finish = Callable[[Claim, Verdict], None]

DASK_MISSING = ("--executor dask needs Dask distributed, an optional extra: "
                "pip install 'mechverify[dask]'")
EXECUTOR_HELP = "local (the fork pool, default), dask (a Dask LocalCluster of --jobs workers) " \
    "or tcp://HOST:PORT (a running Dask scheduler)"
CONNECT_TIMEOUT = "10s"  # to reach a running scheduler


class Executor(Protocol):
    """Runs the runner's jobs; `finish` is called once per job, on the calling thread."""

    name: str

    def run(self, registry: Registry, work: Work, jobs: int, finish: Finish) -> None: ...

    def close(self) -> None: ...


class LocalExecutor:
    """The fork pool: workers forked from the registry's zygote, `jobs` at a time."""

    name = "local"

    def run(self, registry: Registry, work: Work, jobs: int, finish: Finish) -> None:
        from verify.runner import _dispatch

        _dispatch(registry, work, jobs, finish)

    def close(self) -> None:
        pass


def parse(spec: str) -> str:
    """Validate an `--executor` value: 'local', 'dask' or 'tcp://HOST:PORT'."""
    if spec in ("local", "dask"):
        return spec
    if spec.startswith("tcp://"):
        host, _, port = spec[len("tcp://"):].rpartition(":")
        if host and port.isdigit() and 0 < int(port) < 65536:
            return spec
    raise InputError(f"--executor {spec}: expected local, dask or tcp://HOST:PORT")


def make(spec: str, jobs: int) -> Executor:
    """The executor an `--executor` value names."""
    spec = parse(spec)
    if spec == "local":
        return LocalExecutor()
    return DaskExecutor(None if spec == "dask" else spec, jobs)


# ---------------------------------------------------------------- what a remote job leaves


@dataclass(frozen=True)
class Outcome:
    """What a job left on a worker: its result text (None if it wrote none), the tail of its
    output, its wait status, why it was killed (time limit), and seconds it ran; `lost` says
    why there is no worker status at all (the zygote died)."""

    result: str | None
    output: str
    status: int
    killed: str | None
    seconds: float
    lost: str | None = None


def verdict_of(claim: Claim, outcome: Outcome) -> Verdict:
    from verify.runner import _failed, verdict_of_worker

    if outcome.lost is not None:
        return _failed(claim, Status.ERROR, outcome.lost, outcome.seconds)
    return verdict_of_worker(claim, outcome.result, outcome.output, outcome.status,
                             outcome.killed, outcome.seconds)


_LOCK = threading.Lock()  # one zygote job at a time per worker process: the zygote has one pipe
_ENGINE: list[str] = []  # the digest of the engine this worker process imported
_REVISIONS: dict[str, str] = {}  # claims root -> the revision its zygote imported


def revision(registry: Registry) -> str:
    """A digest of every source file under the registry's claims folders: a long-lived
    worker's zygote that imported other versions of them is replaced."""
    h = hashlib.sha256()
    for root in sorted(registry.loaded_roots):
        for path in sorted(Path(root).rglob("*.py")):
            h.update(str(path).encode())
            with contextlib.suppress(OSError):
                h.update(path.read_bytes())
    return h.hexdigest()


def on_worker(job: Job, limit: float, root: str, roots: Sequence[str], modules: Sequence[str],
              claims_revision: str, engine: str) -> Outcome:
    """A Dask task: run `job` isolated on this worker, killed at `limit` + GRACE."""
    from verify.runner import _source_digest

    with _LOCK:
        if not _ENGINE:
            _ENGINE.append(_source_digest())
    if _ENGINE[0] != engine:  # its verdicts would be cached under the client's engine
        return Outcome(None, "", 0, None, 0.0, lost="this Dask worker runs another version "
                       "of mechverify than the client: update it and restart the workers")
    if loader._FORK is None or mp.current_process().daemon:
        return run_subprocess(job, limit)  # a fresh interpreter: no zygote to share
    with _LOCK:
        if _REVISIONS.get(root) != claims_revision:
            stale = loader._ZYGOTES.pop(Path(root), None)
            if stale is not None:
                stale.close()
            _REVISIONS[root] = claims_revision
        return run_in_zygote(job, limit, root, roots, modules)


def run_in_zygote(job: Job, limit: float, root: str, roots: Sequence[str],
                  modules: Sequence[str]) -> Outcome:
    """Fork `job` from this process's zygote (started on first use, like the fork pool's)."""
    from verify.runner import GRACE

    registry = Registry()
    registry.root = Path(root)
    registry.loaded_roots = set(roots)
    registry.modules = list(modules)
    child = loader.zygote(registry)
    start = time.monotonic()
    child.submit(job)
    killed: str | None = None
    status: int | None = None
    while status is None:
        try:
            for job_id, wait_status in child.exited(timeout=0.01):
                if job_id == job.id:
                    status = wait_status
        except (EOFError, OSError):
            return Outcome(None, "", 0, killed, time.monotonic() - start,
                           lost=f"the claims process died ({child.death()})")
        if status is None and killed is None and time.monotonic() - start > limit + GRACE:
            child.kill(job.id)
            killed = f"time limit {limit:g}s: killed"
    result, output = child.outcome(job.id)
    return Outcome(result, output, status, killed, time.monotonic() - start)


def run_subprocess(job: Job, limit: float) -> Outcome:
    """Run `job` in a fresh interpreter (`python -m verify.executors SCRATCH`) in a session
    of its own; the session is killed as a group when the job ends or overruns its limit."""
    from verify.runner import GRACE

    scratch = Path(tempfile.mkdtemp(prefix="mechverify-"))
    try:
        (scratch / "job.pickle").write_bytes(pickle.dumps(job))
        start = time.monotonic()
        with open(scratch / "job.out", "wb") as out:
            process = subprocess.Popen(
                [sys.executable, "-m", "verify.executors", str(scratch)],
                stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True)
        killed: str | None = None
        while True:  # wait without reaping, so that the group id cannot be reused meanwhile
            info = os.waitid(os.P_PID, process.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT)
            if info is not None:
                break
            if killed is None and time.monotonic() - start > limit + GRACE:
                killed = f"time limit {limit:g}s: killed"
                loader._killpg(process.pid)
            time.sleep(0.01)
        loader._killpg(process.pid)  # what the job left running dies with it
        _, status = os.waitpid(process.pid, 0)
        seconds = time.monotonic() - start
        result_path = scratch / "job.json"
        result = result_path.read_text() if result_path.is_file() else None
        return Outcome(result, loader.output_tail(scratch / "job.out"), status, killed, seconds)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _subprocess_main(scratch: Path) -> None:
    """`python -m verify.executors SCRATCH`: run the pickled job, write its result file."""
    loader._limit_resources()
    loader.run_job(lambda: pickle.loads((scratch / "job.pickle").read_bytes()),
                   scratch / "job.json")


# ---------------------------------------------------------------- the client side


def for_remote(claim: Claim, job: Job) -> tuple[Job, dict[str, Any] | None] | Verdict:
    """The job as a remote worker gets it: no witness store (the client reads a stored
    witness and ships it with the job; nothing is written on the worker). Returns the job and
    the stored witness's data, or the claim's ERROR verdict if that file cannot be read."""
    settings = job.settings
    store = settings.store
    remote = replace(job, settings=replace(settings, store=None, write_witnesses=False))
    if job.witness is not None or store is None or not store.has(claim.id):
        return remote, None
    try:
        data = store.read(claim.id)
    except InputError as exc:
        return Verdict(claim.id, Status.ERROR, "", (), "replay", 0.0, None, str(exc))
    return replace(remote, witness=data), data


def store_on_client(claim: Claim, job: Job, verdict: Verdict,
                    data: dict[str, Any] | None) -> Verdict:
    """Write what the worker did not: a new witness, or a re-hashed stored one (as
    verify.engine's check and replay_stored write them in a local worker)."""
    settings = job.settings
    store, w = settings.store, verdict.witness
    if store is None or not settings.write_witnesses or w is None or job.witness is not None:
        return verdict
    if data is None and verdict.status is Status.REFUTED and w.path is None:
        details = dict(verdict.details)
        texts = details.pop("lp_log", None)
        book = None if texts is None else {k: Certificate.from_json(t) for k, t in texts.items()}
        path = store.write(w, lp_log=book)
        return verdict.with_(witness=replace(w, path=path.as_posix()), details=details)
    if data is not None and verdict.details.get("rewrite"):
        try:
            path = store.write(replace(w, path=None), finding=data.get("finding"),
                               certificates=data.get("certificates", ()))
        except (OSError, InputError) as exc:
            return verdict.with_(status=Status.ERROR, witness=None,
                                 reason=f"{store.path_for(claim.id)}: could not rewrite: {exc}")
        return verdict.with_(witness=replace(w, path=path.as_posix()),
                             details={**verdict.details, "rewritten": path.as_posix()})
    return verdict


class DaskExecutor:
    """Jobs as Dask tasks: on a LocalCluster of `jobs` workers, or on the scheduler at
    `address`. Each worker needs this project installed and the claims folder at the same
    path (docs/scale-out.md)."""

    name = "dask"

    def __init__(self, address: str | None = None, jobs: int = 1) -> None:
        try:
            from distributed import Client
        except ImportError:
            raise InputError(DASK_MISSING) from None
        self.jobs = max(1, jobs)
        self.cluster: Any = None
        self._client: Any = None
        if address is not None:
            try:
                self._client = Client(address, timeout=CONNECT_TIMEOUT)
            except (OSError, TimeoutError) as exc:
                raise InputError(f"--executor {address}: no Dask scheduler answered: "
                                 f"{exc}") from None

    @property
    def client(self) -> Any:
        """The Dask client; a LocalCluster starts on first use (a fully cached run needs none)."""
        if self._client is None:
            import dask
            from distributed import Client, LocalCluster

            # non-daemonic workers may keep a zygote (multiprocessing refuses daemonic
            # parents); a worker the nanny restarts later is daemonic: it runs subprocesses
            with dask.config.set({"distributed.worker.daemon": False}):
                self.cluster = LocalCluster(n_workers=self.jobs, threads_per_worker=1,
                                            processes=True, dashboard_address=None,
                                            silence_logs=40)  # logging.ERROR
            self._client = Client(self.cluster)
        return self._client

    def run(self, registry: Registry, work: Work, jobs: int, finish: Finish) -> None:
        from distributed import as_completed

        assert registry.root is not None, "a registry loaded by verify.loader"
        from verify.runner import _source_digest

        root, roots = str(registry.root), sorted(registry.loaded_roots)
        modules, claims_revision = list(registry.modules), revision(registry)
        engine = _source_digest()
        futures: dict[Any, tuple[Claim, Job, dict[str, Any] | None, float]] = {}
        run_id = uuid.uuid4().hex[:8]
        try:
            for claim, job, limit in work:
                prepared = for_remote(claim, job)
                if isinstance(prepared, Verdict):
                    finish(claim, prepared)
                    continue
                remote, data = prepared
                future = self.client.submit(on_worker, remote, limit, root, roots, modules,
                                            claims_revision, engine, pure=False,
                                            key=f"mechverify-{run_id}-{job.id}")
                futures[future] = (claim, job, data, time.monotonic())
            for future in as_completed(list(futures)):
                claim, job, data, submitted = futures.pop(future)
                try:
                    outcome = future.result()
                except Exception as exc:  # noqa: BLE001 - a lost worker: this claim's ERROR
                    from verify.runner import _failed

                    verdict = _failed(claim, Status.ERROR, f"dask: {type(exc).__name__}: "
                                      f"{exc}", time.monotonic() - submitted)
                else:
                    verdict = verdict_of(claim, outcome)
                finish(claim, store_on_client(claim, job, verdict, data))
        finally:
            if futures:  # interrupted: what has not started never will
                with contextlib.suppress(Exception):
                    self.client.cancel(list(futures), force=True)

    def close(self) -> None:
        if self._client is not None:
            with contextlib.suppress(Exception):
                self._client.close()
        if self.cluster is not None:
            with contextlib.suppress(Exception):
                self.cluster.close()


if __name__ == "__main__":
    _subprocess_main(Path(sys.argv[1]))
