"""`mechverify check | list | show | replay | init | new` — exit 0 gate green, 1 gate red,
2 usage/input. Options come from the command line, then `[tool.mechverify]` in the project's
pyproject.toml (verify.config), then the defaults."""

from __future__ import annotations

import argparse
import fnmatch
import json
import math
import os
import re
import sys
import time
from pathlib import Path
from typing import Any

from verify.errors import InputError, VerifyError

EXIT_GREEN, EXIT_RED, EXIT_USAGE = 0, 1, 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT: Ctrl-C
EXIT_PIPE = 141  # 128 + SIGPIPE: the reader of stdout went away (`mechverify list | head -1`)
# `<paper key>/...`: a claim id or a glob over ids. A target that exists on disk is a path.
ID_LIKE = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,31}/")
GLOB_CHARS = "*?["
LIMIT_SPEC = re.compile(r"^(?:(?P<name>[A-Za-z_]\w*)=)?(?P<value>\d+)$")
JOBS_PER_CPU = 4
SHORT_STATUS = {"PROVED": "PRV", "CHECKED": "CHK", "SAMPLED": "SMP", "UNKNOWN": "UNK",
                "VACUOUS": "VAC", "REFUTED": "REF", "ERROR": "ERR"}


CLAIMS_HELP = ("claims folder (default: [tool.mechverify] claims in pyproject.toml, else "
               "./claims)")
STORE_HELP = ("witness store folder (default: [tool.mechverify] store, else counterexamples/ "
              "beside the claims folder)")
CACHE_HELP = "verdict cache folder (default: .mechverify_cache at the project root)"


def _console(stderr: bool = False) -> Any:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=True)


def _registry(claims_dir: str | list[str]) -> Any:
    """Metadata of the claims of one folder or several (verify.loader imports the modules in
    child processes)."""
    from verify.loader import load_many

    return load_many(claims_dir)


def _as_path(target: str) -> tuple[Path, str] | None:
    """(path, line) when `target` names an existing file or folder, or `file:line`."""
    if Path(target).exists():
        return Path(target), ""
    head, sep, tail = target.rpartition(":")
    if sep and head and Path(head).exists():
        return Path(head), tail
    return None


def resolve(registry: Any, target: str, pool: list[Any]) -> list[Any]:
    """The items of `pool` one target names: an existing path (file, folder, file:line) first;
    else an id-like `<key>/...` or a glob is an id (a base id names all its readings) or a
    glob over ids; anything else is a path that does not exist."""
    as_path = _as_path(target)
    matched: list[Any]
    if as_path is not None:
        path, line = as_path
        base = path.resolve()
        matched = []
        for c in pool:
            f = Path(c.file).resolve()
            if f == base or base in f.parents:
                matched.append(c)
        if line:
            if not line.isdigit():
                raise InputError(f"target {target!r}: line must be a number")
            before = [c for c in matched if c.lineno <= int(line)]
            matched = [max(before, key=lambda c: c.lineno)] if before else []
    elif re.sub(r":\d*$", "", target).endswith(".py") or not (
        ID_LIKE.match(target) or any(ch in target for ch in GLOB_CHARS)
    ):
        raise InputError(f"no such file or folder {target!r}")
    elif any(ch in target for ch in GLOB_CHARS):
        matched = [c for c in pool if fnmatch.fnmatchcase(c.id, target)]
    else:
        matched = [c for c in pool if c.id == target or c.id.startswith(target + "@")]
        if not matched:
            if target in registry.claims:
                raise InputError(f"{target!r} is a definition, not a checkable claim")
            raise InputError(f"unknown claim id {target!r} (see `mechverify list`)")
    if not matched:
        raise InputError(f"target {target!r} matches no claim")
    return matched


def _claims_folder(registry: Any) -> str:
    roots = sorted(getattr(registry, "loaded_roots", ()) or ())
    if not roots:
        return "the claims folder"
    try:
        return os.path.relpath(roots[0])
    except ValueError:
        return str(roots[0])


def select(registry: Any, targets: list[str]) -> list[Any]:
    """Claims named by ids, globs over ids, or paths (file, folder, file:line).

    Never empty: a registry without claims, or a target that matches none, is an InputError
    (a gate that checked nothing is not green). A registry whose only content is load errors
    yields [] so the caller reports them (red)."""
    checkable = registry.checkable()
    if not checkable and not registry.errors:
        raise InputError(f"no claims found in {_claims_folder(registry)}")
    if not targets:
        return checkable
    chosen: dict[str, Any] = {}
    for target in targets:
        for c in resolve(registry, target, checkable):
            chosen[c.id] = c
    return list(chosen.values())


def check_limits(selected: list[Any], args: argparse.Namespace) -> None:
    """`--limit N` / `--limit name=N` against the selected claims' domains, before any run:
    a name no selected claim has as an unbounded parameter, or a limit below a domain's
    lower bound (its cut would be empty: a false VACUOUS), is an InputError."""
    from verify.claim import limit_error

    bare: int | None = getattr(args, "limit", None)
    named: dict[str, int] = getattr(args, "limits", None) or {}
    from_config: set[str] = set(getattr(args, "config_limit_names", ()))  # budgets for any claim
    used: set[str] = set()
    problems: list[str] = []
    for c in selected:
        unbounded = [n for n, d in c.over.items() if not d.is_finite]
        given: list[tuple[str, int, str]] = []
        if bare is not None and len(unbounded) == 1:
            given.append((unbounded[0], bare, f"--limit {bare}"))
        for name, value in named.items():
            if name in unbounded:
                used.add(name)
                flag = (f"[tool.mechverify] limit.{name} = {value}" if name in from_config
                        else f"--limit {name}={value}")
                given.append((name, value, flag))
        for name, value, flag in given:
            problem = limit_error(name, c.over[name], value)
            if problem is not None:
                problems.append(f"{flag}: claim {c.id}, parameter {name!r}: {problem}")
    unknown = [n for n in named if n not in used and n not in from_config]
    if unknown:
        raise InputError(f"--limit {unknown[0]}={named[unknown[0]]}: no selected claim has an "
                         f"unbounded parameter {unknown[0]!r}")
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise InputError(problems[0] + more)


def cmd_check(args: argparse.Namespace) -> int:
    from verify import report
    from verify.engine import Settings
    from verify.runner import Cache, apply_premises, closure, run
    from verify.store import Store

    out = _console()
    registry = _registry(args.claims)
    selected = select(registry, args.targets)
    check_limits(selected, args)
    store = Store(args.store)
    if args.update_witnesses:
        for c in selected:
            if store.has(c.id):
                store.delete(c.id)
    certs = getattr(args, "certificates", None)
    settings = Settings(timeout=args.timeout, limit=args.limit, cross_check=args.cross_check,
                        store=store, limits=args.limits, rehash=getattr(args, "rehash", False),
                        certificates=str(Path(certs).resolve()) if certs else None,
                        chunks=getattr(args, "chunks", None),
                        chunk_seconds=getattr(args, "chunk_seconds", None))
    # a cached verdict leaves no certificates behind: --certificates decides afresh
    cache = None if args.no_cache or certs else Cache(args.cache)
    everything = closure(registry, selected)
    progress = None
    task = None
    started = time.monotonic()
    if out.is_terminal and len(everything) > 1:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

        progress = Progress("[progress.description]{task.description}", BarColumn(),
                            MofNCompleteColumn(), TimeElapsedColumn(), console=out,
                            transient=True)
        task = progress.add_task("checking", total=len(everything))
        progress.start()

    own: dict[str, Any] = {}  # own verdicts as they come: a Ctrl-C reports these

    def done(claim: Any, verdict: Any) -> None:
        own[claim.id] = verdict
        if progress is not None and task is not None:
            progress.update(task, advance=1, description=claim.id)
            if time.monotonic() - started < 2:
                progress.refresh()

    interrupted = False
    from verify.executors import make as make_executor

    executor = make_executor(args.executor, args.jobs)
    try:
        finals = run(registry, everything, settings, jobs=args.jobs, cache=cache, on_done=done,
                     executor=executor)
    except KeyboardInterrupt:  # Ctrl-C: workers are killed; report what finished
        interrupted = True
        finished = [c for c in everything if all(p.id in own for p in closure(registry, [c]))]
        finals = apply_premises(registry, {c.id: own[c.id] for c in finished})
    finally:
        executor.close()
        if progress is not None:
            progress.stop()
    pairs = [(c, finals[c.id]) for c in everything if c.id in finals]
    failures = 0
    for claim, verdict in pairs:
        out.print(report.line(claim, verdict), markup=False)
        if report.gate(claim, verdict) == "fail":
            failures += 1
            out.print(report.detail(claim, verdict), markup=False)
    for err in registry.errors:
        out.print(f"LOAD ERROR {err.where}: {err.message}", markup=False)
    stale = _stale_witnesses(registry, store)
    for msg in stale:
        out.print(f"WITNESS ERROR {msg}", markup=False)
    unattributed = report.finding_errors(registry, pairs)
    for msg in unattributed:
        out.print(f"FINDING ERROR {msg}", markup=False)
    _print_summary(out, pairs, registry.errors, stale)
    for text in report.findings_summary(registry, pairs):
        out.print(f"findings {text}", markup=False)
    if interrupted:
        out.print(f"interrupted: {len(pairs)} of {len(everything)} claims finished; no "
                  "report written", markup=False)
        return EXIT_INTERRUPTED
    owners = report.findings_by_claim(registry)
    entries = [report.json_entry(c, v, (owners.get(c.id) or [None])[0]) for c, v in pairs]
    errors = [{"id": e.where, "paper": None, "source": None, "status": "ERROR",
               "expected": None, "gate": "fail", "scope": "", "backend": "load",
               "seconds": 0, "witness": None, "reason": e.message} for e in registry.errors]
    _write_record(args, registry, entries, errors, time.monotonic() - started)
    if args.json:
        Path(args.json).write_text(json.dumps(entries + errors, indent=2) + "\n")
    if args.junit:
        Path(args.junit).write_bytes(report.junit(pairs, registry.errors))
    red = failures or registry.errors or stale or unattributed
    return EXIT_RED if red else EXIT_GREEN


def _write_record(args: argparse.Namespace, registry: Any, entries: list[dict[str, Any]],
                  errors: list[dict[str, Any]], seconds: float) -> None:
    """The run record (verify.record): every verdict, findings, papers, versions, commit."""
    from dataclasses import asdict

    from verify import record

    findings = [asdict(f) for f in registry.findings()]
    papers = [{"key": p.key, "title": p.title, "citation": p.citation(), "text": p.text,
               "unencoded": [asdict(u) for u in p.unencoded_entries]}
              for p in registry.papers.values()]
    settings = {"timeout": args.timeout, "limit": args.limit, "limits": args.limits,
                "cross_check": args.cross_check, "targets": list(args.targets)}
    path = getattr(args, "record", None) or record.DEFAULT
    try:
        record.write(record.build(entries, errors, findings, papers, settings, seconds), path)
    except OSError as exc:
        print(f"mechverify: note: run record not written to {path}: {exc}", file=sys.stderr)


def cmd_rehash(args: argparse.Namespace) -> int:
    """`check` with Settings.rehash: stale witnesses that still refute get the new hash."""
    args.command = "check"  # validated and run exactly as `check`
    validate(args)
    args.rehash = True
    return cmd_check(args)


def _stale_witnesses(registry: Any, store: Any) -> list[str]:
    """Stored witness files whose claim no longer exists (never dropped silently)."""
    out = []
    for path in store.all_files():
        try:
            from verify.store import read_witness_file

            data = read_witness_file(path)
        except InputError as exc:
            out.append(str(exc))
            continue
        if data["claim"] not in registry.claims:
            out.append(f"{path}: witness for unknown claim {data['claim']!r}")
        elif store.path_for(data["claim"]).resolve() != path.resolve():
            out.append(f"{path}: stored under the wrong name for {data['claim']!r}")
    return out


def _print_summary(out: Any, pairs: list[Any], errors: list[Any], stale: list[str]) -> None:
    from rich.table import Table

    from verify import report
    from verify.verdict import Status

    table = Table(title="mechverify summary", show_lines=False,
                  caption=" ".join(f"{SHORT_STATUS[s.value]}={s.value}"
                                   for s in reversed(list(Status))))
    table.add_column("paper", overflow="fold")
    statuses = [s.value for s in reversed(list(Status))]
    for s in statuses:  # three-letter headers: the table fits 80 columns
        table.add_column(SHORT_STATUS[s], justify="right")
    table.add_column("gate", justify="right")
    for paper, counts, fails in report.summary(pairs):
        table.add_row(paper, *[str(counts.get(s, "")) for s in statuses],
                      "green" if not fails else f"red ({fails})")
    out.print(table)
    total_fail = sum(report.gate(c, v) == "fail" for c, v in pairs)
    red = total_fail + len(errors) + len(stale)
    out.print(f"{len(pairs)} claims, {total_fail} unexpected verdicts, {len(errors)} load "
              f"errors, {len(stale)} witness errors: gate {'RED' if red else 'GREEN'}",
              markup=False)


def cmd_list(args: argparse.Namespace) -> int:
    registry = _registry(args.claims)
    items = sorted(registry.claims.values(), key=lambda c: c.id)
    if args.json:
        print(json.dumps([{"id": c.id, "kind": c.kind, "paper": c.paper, "source": str(c.source),
                           "expected": c.expect.value if c.expect else None,
                           "statement": c.statement} for c in items], indent=2))
    else:
        for c in items:
            exp = c.expect.value if c.expect else "-"
            print(f"{c.id:40} {c.kind:10} {exp:8} {c.source}")
    for err in registry.errors:
        print(f"LOAD ERROR {err.where}: {err.message}", file=sys.stderr)
    return EXIT_RED if registry.errors else EXIT_GREEN


def cmd_show(args: argparse.Namespace) -> int:
    from verify.store import Store

    registry = _registry(args.claims)
    store = Store(args.store)
    # every target `check` accepts: an id, a base id (all its readings), a glob, a path
    for i, c in enumerate(resolve(registry, args.id, list(registry.claims.values()))):
        if i:
            print()
        _show_one(c, store)
    return EXIT_GREEN


def _show_one(c: Any, store: Any) -> None:
    print(f"{c.id}  ({c.kind})")
    print(f"  source:    {c.source}")
    print(f"  defined:   {c.file}:{c.lineno}")
    print(f"  statement: {c.statement}")
    if c.kind == "claim":
        print(f"  role:      {c.role}" + (f" of {c.of}" if c.of else ""))
    if c.reading:
        args_text = ", ".join(f"{k}={v}" for k, v in c.kwargs.items())  # kwargs as text
        kind = f" ({c.reading_kind})" if c.reading_kind else ""
        print(f"  reading:   {c.reading}{kind}: {c.reading_text or args_text}")
    if c.analogue:
        print(f"  analogue:  {c.analogue} (its verdict never speaks for the continuous statement)")
    if c.deviation:
        print(f"  departs:   {c.deviation}")
    if c.note:
        print(f"  note:      {c.note}")
    if c.kind == "claim":
        print(f"  domain:    {c.domain_text()}")
        if c.limit:
            print(f"  limit:     {dict(c.limit)}")
        print(f"  expected:  {c.expect.value if c.expect else 'PROVED or CHECKED'}")
    if c.uses:
        print(f"  uses:      {', '.join(c.uses)}")
    if c.rests_on:
        print(f"  rests on:  {', '.join(c.rests_on)}")
    if c.by:
        print(f"  derived:   by {c.by.rule} from {', '.join(c.by.premises)}")
    if store.has(c.id):
        print(f"  witness:   {store.path_for(c.id)}")


def cmd_replay(args: argparse.Namespace) -> int:
    from verify.loader import errors_of_paper
    from verify.runner import replay_witness
    from verify.store import read_witness_file

    data = read_witness_file(args.file)
    # trust: the configured claims (or --claims), never a folder found next to the witness
    registry = _registry(args.claims)
    related = [] if data["claim"] in registry.claims else errors_of_paper(registry, data["claim"])
    if related:  # its module failed to load: that is the news, not an unknown id
        for err in related:
            print(f"LOAD ERROR {err.where}: {err.message}")
        print(f"ERROR {data['claim']}: cannot replay: its paper has claims that failed to load")
        return EXIT_RED
    claim = registry.get(data["claim"])
    verdict = replay_witness(registry, claim, data)
    ff = data.get("first_false", {})
    if verdict.status.value == "REFUTED":
        how = ("the claim re-instantiated and re-evaluated exactly" if not data["assignment"]
               else "point re-evaluated by the exact evaluator, no solver")
        print(f"REFUTED {claim.id} {verdict.scope} (replayed: {how})")
        print(f"  {claim.source}: {claim.statement}")
        for label, values in (("params", data["_params"]), ("point", data["_assignment"])):
            if values:  # the point first, then both sides of the first false conjunct
                print(f"  {label}:{' ' * (7 - len(label))}" + ", ".join(
                    f"{k} = {_exact_text(v)}" for k, v in values.items()))
        if ff:
            print(f"  first false conjunct: {ff.get('name', '')}: {ff.get('relation', '')}")
            print(f"    lhs = {ff.get('lhs', '')}")
            print(f"    rhs = {ff.get('rhs', '')}")
        return EXIT_GREEN
    print(f"ERROR {claim.id}: {verdict.reason}")
    return EXIT_RED


def _exact_text(value: Any) -> str:
    """An exact value read from a witness as text: 3/4, (1, 3/4), root of x**2 - 2 ..."""
    from verify import exact

    if isinstance(value, list | tuple):
        return "(" + ", ".join(_exact_text(v) for v in value) + ")"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_exact_text(v)}" for k, v in value.items()) + "}"
    return exact.show(value)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("mechverify")
    except PackageNotFoundError:
        from verify import __version__

        return __version__


def _parse_limits(specs: list[str]) -> tuple[int | None, dict[str, int]]:
    """`--limit N` and `--limit name=N` (repeatable) as (bare limit, per-parameter limits)."""
    bare: int | None = None
    named: dict[str, int] = {}
    for spec in specs:
        m = LIMIT_SPEC.match(spec)
        if m is None:
            raise InputError(f"--limit {spec!r}: expected N or NAME=N, N a whole number and NAME "
                             "a parameter name")
        name, value = m.group("name"), int(m.group("value"))
        if name is None:
            if bare is not None and bare != value:
                raise InputError(f"--limit given twice without a name ({bare} and {value}); "
                                 "expected at most one bare --limit N")
            bare = value
        else:
            if named.get(name, value) != value:
                raise InputError(f"--limit {name}= given twice ({named[name]} and {value}); "
                                 "expected one value per parameter")
            named[name] = value
    return bare, named


def _check_output_file(flag: str, value: str) -> None:
    """A report file must be writable before the run, or the report is lost after it."""
    path = Path(value)
    if path.is_dir():
        raise InputError(f"{flag} {value!r}: is a folder; expected a file name")
    parent = path.parent
    if parent.exists() and not parent.is_dir():
        raise InputError(f"{flag} {value!r}: {str(parent)!r} is a file, not a folder")
    if not parent.is_dir():
        raise InputError(f"{flag} {value!r}: folder {str(parent)!r} does not exist")
    try:
        if path.exists():  # opened for appending: probes, writes nothing
            fd = os.open(path, os.O_WRONLY | os.O_APPEND)
            os.close(fd)
        else:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            os.close(fd)
            path.unlink()
    except OSError as exc:
        raise InputError(f"{flag} {value!r}: cannot write there ({exc.strerror}); expected a "
                         "writable file") from None


def _check_witness_file(value: str) -> None:
    path = Path(value)
    if path.is_dir():
        raise InputError(f"replay: {value!r} is a folder; expected a witness file (.json)")
    if not path.is_file():
        raise InputError(f"replay: no such file {value!r}; expected a witness file (.json)")
    try:
        path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise InputError(f"replay: {value!r}: cannot read ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise InputError(f"replay: {value!r} is not a text file; expected a witness file "
                         "(JSON)") from None


def validate(args: argparse.Namespace) -> None:
    """Every argument checked before any work: an InputError names the flag and what was
    expected (main turns it into one line on stderr and exit 2). Normalises args in place:
    `--limit` specs become `args.limit` and `args.limits`; a huge `--jobs` is capped."""
    if args.command == "check":
        if args.jobs < 1:
            raise InputError(f"--jobs {args.jobs}: expected a whole number of at least 1")
        cpus = os.cpu_count() or 1
        cap = JOBS_PER_CPU * cpus
        if args.jobs > cap:
            print(f"mechverify: note: --jobs {args.jobs} capped to {cap} ({JOBS_PER_CPU} x "
                  f"{cpus} CPUs)", file=sys.stderr)
            args.jobs = cap
        from verify.executors import parse as parse_executor

        args.executor = parse_executor(args.executor)
        if getattr(args, "chunks", None) is not None and args.chunks < 1:
            raise InputError(f"--chunks {args.chunks}: expected a whole number of at least 1")
        seconds = getattr(args, "chunk_seconds", None)
        if seconds is not None and not (math.isfinite(seconds) and seconds > 0):
            raise InputError(f"--chunk-seconds {seconds:g}: expected a positive finite number "
                             "of seconds")
        if seconds is not None and getattr(args, "chunks", None) is not None:
            raise InputError("--chunks and --chunk-seconds: give one of them")
        if not (math.isfinite(args.timeout) and args.timeout > 0):
            raise InputError(f"--timeout {args.timeout:g}: expected a positive finite number of "
                             "seconds")
        args.limit, named = _parse_limits(args.limit_specs)
        config_limits: dict[str, int] = getattr(args, "config_limits", None) or {}
        args.config_limit_names = sorted(set(config_limits) - set(named))
        args.limits = {**config_limits, **named}  # the command line overrides the table
        for flag, value in (("--json", args.json), ("--junit", args.junit),
                            ("--record", args.record)):
            if value is not None:
                _check_output_file(flag, value)
    elif args.command == "replay":
        _check_witness_file(args.file)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="mechverify", description=__doc__)
    p.add_argument("--claims", default=None, metavar="FOLDER", help=CLAIMS_HELP)
    p.add_argument("--store", default=None, metavar="FOLDER", help=STORE_HELP)
    p.add_argument("--cache", default=None, metavar="FOLDER", help=CACHE_HELP)
    p.add_argument("--version", action="version", version=f"%(prog)s {_version()}",
                   help="print the version of mechverify and exit")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND",
                           help="what to do (see `mechverify COMMAND --help`)")
    # the path options work after the subcommand too (`mechverify check --claims X`); SUPPRESS
    # keeps the value given before the subcommand when they are not repeated after it
    paths = argparse.ArgumentParser(add_help=False)
    paths.add_argument("--claims", default=argparse.SUPPRESS, metavar="FOLDER", help=CLAIMS_HELP)
    paths.add_argument("--store", default=argparse.SUPPRESS, metavar="FOLDER", help=STORE_HELP)
    paths.add_argument("--cache", default=argparse.SUPPRESS, metavar="FOLDER", help=CACHE_HELP)
    c = sub.add_parser("check", parents=[paths], help="check claims and apply the gate")
    c.add_argument("targets", nargs="*", help="ids, globs ('p002/*'), files, folders, file:line")
    c.add_argument("--jobs", "-j", type=int, default=None,
                   help=f"claims checked in parallel (at least 1; capped at {JOBS_PER_CPU} x "
                   "the CPU count; default: [tool.mechverify] jobs, else 1)")
    c.add_argument("--timeout", type=float, default=None,
                   help="default seconds per claim (a positive finite number; default: "
                   "[tool.mechverify] timeout, else 60)")
    c.add_argument("--limit", action="append", default=[], dest="limit_specs",
                   metavar="N|NAME=N",
                   help="bound for unbounded parameters, repeatable: `N` for a claim with exactly "
                   "one unbounded parameter, `NAME=N` for the parameter NAME")
    c.set_defaults(limit=None, limits={})  # filled from --limit by validate()
    c.add_argument("--json", metavar="FILE", help="write the verdicts as JSON to FILE")
    c.add_argument("--junit", metavar="FILE", help="write the verdicts as JUnit XML to FILE")
    c.add_argument("--no-cache", action="store_true",
                   help="ignore and do not update the verdict cache")
    c.add_argument("--cross-check", action="store_true",
                   help="run every accepting exact back-end; disagreement is an ERROR")
    c.add_argument("--update-witnesses", action="store_true",
                   help="drop stored witnesses of the selected claims and search afresh")
    c.add_argument("--record", metavar="FILE", default=None,
                   help="where to write the run record (default .mechverify/last-run.json)")
    c.add_argument("--certificates", metavar="DIR", default=None,
                   help="write the evidence of each PROVED/CHECKED verdict to DIR (LP "
                   "certificates, z3 queries in SMT-LIB 2); `mechverify audit DIR` re-checks it")
    c.add_argument("--executor", default="local", metavar="local|dask|tcp://HOST:PORT",
                   help="where claims run: local (the fork pool, default), dask (a Dask "
                   "LocalCluster of --jobs workers) or tcp://HOST:PORT (a running Dask "
                   "scheduler); dask needs the extra mechverify[dask] (docs/scale-out.md)")
    c.add_argument("--chunks", type=int, default=None, metavar="N",
                   help="split each claim's sweep over parameter points into N chunks of "
                   "consecutive points, run as separate jobs and merged into the same verdict; "
                   "each chunk has the claim's time limit; chunk results are cached, so an "
                   "interrupted sweep resumes (docs/scale-out.md)")
    c.add_argument("--chunk-seconds", type=float, default=None, metavar="S",
                   help="like --chunks, with chunks of about S seconds of work each, sized by "
                   "a first chunk that runs for S seconds")
    c.set_defaults(func=cmd_check)
    rh = sub.add_parser(  # every option of `check` (parents= copies them)
        "rehash", parents=[c], add_help=False,
        help="check, re-hashing stored witnesses that still refute after a claim-code change",
        description="Like `check`, but a stored witness whose statement hash is stale is kept "
        "(rewritten in format 2 with the new hash) when its point still refutes the current "
        "statement; one that no longer refutes is an ERROR. Format-1 files are rewritten as 2.")
    rh.set_defaults(func=cmd_rehash)
    lst = sub.add_parser("list", parents=[paths], help="list claims and definitions")
    lst.add_argument("--json", action="store_true", help="print the registry as JSON")
    lst.set_defaults(func=cmd_list)
    s = sub.add_parser("show", parents=[paths],
                       help="show claims: an id, a base id (all readings), a glob")
    s.add_argument("id", help="a claim id ('p002/S42.b'), a base id of readings, a glob, a path")
    s.set_defaults(func=cmd_show)
    r = sub.add_parser("replay", parents=[paths],
                       help="re-check one witness file exactly (no solver)")
    r.add_argument("file", help="a witness file (counterexamples/<paper>/<entry>.json)")
    r.set_defaults(func=cmd_replay)
    au = sub.add_parser("audit", help="re-verify the certificates that `check --certificates` "
                        "wrote, without any solver")
    au.add_argument("dir", metavar="DIR", help="the folder given to `check --certificates`")
    au.set_defaults(func=cmd_audit)
    d = sub.add_parser("diff", help="list the verdicts that changed between two run records")
    d.add_argument("old", help="a run record (e.g. a copy of .mechverify/last-run.json)")
    d.add_argument("new", nargs="?", default=None,
                   help="a run record (default .mechverify/last-run.json)")
    d.set_defaults(func=cmd_diff)
    rp = sub.add_parser("report", parents=[paths],
                        help="write the findings pages (Markdown) from a run record")
    rp.add_argument("--record", metavar="FILE", default=None,
                    help="the run record to read (default .mechverify/last-run.json)")
    rp.add_argument("--out", metavar="DIR", default="docs/findings",
                    help="folder of the pages, one <paper>.md each (default docs/findings)")
    rp.add_argument("--html", metavar="DIR", default=None,
                    help="write the static HTML dashboard into DIR instead of the Markdown pages "
                    "(index, a page per paper and per claim, dependency graphs, plots)")
    rp.add_argument("--source-url", metavar="URL", default="",
                    help="with --html: link source lines as URL/<path>#L<line> (e.g. a "
                    "repository's blob/<commit> address); default: relative file links")
    rp.set_defaults(func=cmd_report)
    i = sub.add_parser("init", help="scaffold a paper project: pyproject.toml, the paper's "
                       "claims package (its Paper, example claims, findings), witness store, "
                       "CI workflow")
    i.add_argument("dir", nargs="?", default=".", metavar="DIR",
                   help="the project folder (default: the current folder; created if missing)")
    i.add_argument("--key", default="mypaper",
                   help="the paper key: the first part of every claim id and the name of the "
                   "claims package (default: mypaper)")
    i.set_defaults(func=cmd_init)
    n = sub.add_parser("new", parents=[paths],
                       help="append a claim stub to <claims>/<key>/claims.py (an ERROR until "
                       "its statement is written)")
    n.add_argument("label", help="the claim's label, as printed in the paper ('L1', 'Thm2.a')")
    n.add_argument("--key", default=None,
                   help="the paper key (default: the only paper package in the claims folder, "
                   "else mypaper)")
    n.set_defaults(func=cmd_new)
    return p


def cmd_audit(args: argparse.Namespace) -> int:
    """Re-verify a certificates folder in Fraction arithmetic; a table, red on any failure."""
    from rich.table import Table

    from verify.certificates import audit

    started = time.process_time()
    rows = audit(args.dir)
    table = Table("claim", "kind", "result", "CPU s", title=f"audit of {args.dir}")
    for r in rows:
        table.add_row(r.claim, r.kind, r.result if r.ok else f"[red]{r.result}[/red]",
                      f"{r.seconds:.3f}")
    out = _console()
    out.print(table)
    failed = [r for r in rows if not r.ok]
    checked = sum(r.kind == "lp" and r.ok for r in rows)
    out.print(f"{len(rows)} items, {checked} LP certificates re-verified exactly, "
              f"{len(failed)} failed; {time.process_time() - started:.2f} s CPU; no solver "
              "imported")
    if not rows:
        out.print(f"mechverify audit: nothing to audit in {args.dir}")
        return EXIT_RED
    return EXIT_RED if failed else EXIT_GREEN


def cmd_init(args: argparse.Namespace) -> int:
    from verify import scaffold

    for line in scaffold.init(Path(args.dir), args.key):
        print(line)
    return EXIT_GREEN


def cmd_new(args: argparse.Namespace) -> int:
    from verify import scaffold

    claims = args.claims if isinstance(args.claims, str) else args.claims[0]
    print(scaffold.new(Path(claims), args.label, args.key))
    return EXIT_GREEN


CLAIMS_COMMANDS = ("check", "rehash", "list", "show", "replay", "report", "new")


def apply_project(args: argparse.Namespace) -> None:
    """Resolve the project configuration (verify.config) into `args`, flags first: the claims
    folder(s), the witness store, the cache, the timeout, jobs and limits; and activate the
    replay context that the witness store writes into each witness."""
    from verify import config

    project = config.find()
    given = args.claims
    if given is not None:
        claims = [Path(given).resolve()]
        foreign = tuple(claims) != project.claims  # not the configured default
    else:
        claims = list(project.claims)
        foreign = False
        if args.command in CLAIMS_COMMANDS and args.command != "new":
            missing = [c for c in claims if not c.is_dir()]
            if missing and project.file is not None:
                raise InputError(f"{project.file}: [tool.mechverify] claims: folder "
                                 f"{config.shown(missing[0])} does not exist")
            if missing:
                raise InputError(f"no claims folder: no pyproject.toml with [tool.mechverify] "
                                 f"in {config.shown(project.root)} or a parent folder, and no "
                                 "claims/ folder here (start a project with `mechverify init`, "
                                 "or pass --claims FOLDER)")
    if args.store is not None:
        store = Path(args.store).resolve()
    elif foreign:  # another project's claims: their witnesses live with them, never here
        store = config.default_store(claims)
    else:
        store = project.store_path
    cache = Path(args.cache).resolve() if args.cache is not None else project.cache_path
    shown = [config.shown(c) for c in claims]
    args.claims = shown[0] if len(shown) == 1 else shown
    args.store = config.shown(store)
    args.cache = config.shown(cache)
    args.project = project
    if getattr(args, "timeout", 0) is None:
        args.timeout = project.timeout or config.DEFAULT_TIMEOUT
    if getattr(args, "jobs", 0) is None:
        args.jobs = project.jobs or config.DEFAULT_JOBS
    args.config_limits = {} if foreign else dict(project.limit)
    flag = config.shown(claims[0], project.root) if foreign else None
    config.activate(config.ReplayContext(project.root, flag))
    if args.command == "replay" and not Path(args.file).exists() and (
            project.root / args.file).exists():
        args.file = config.shown(project.root / args.file)  # as written from the project root


def cmd_diff(args: argparse.Namespace) -> int:
    from verify import record

    old = record.read(args.old)
    new = record.read(args.new or record.DEFAULT)
    changes = record.diff(old, new)
    for cid, a, b, scope in changes:
        what = f"{a} -> {b}" if a != b else f"{b}, scope changed"
        print(f"{cid}: {what}" + (f"  ({scope})" if scope else ""))
    moved = sum(a != b for _, a, b, _ in changes)
    print(f"{moved} verdict{'s' if moved != 1 else ''} changed, {len(changes) - moved} scope"
          f"{'s' if len(changes) - moved != 1 else ''} changed ({old.get('commit') or '?'} -> "
          f"{new.get('commit') or '?'})")
    return EXIT_GREEN


def cmd_report(args: argparse.Namespace) -> int:
    from verify import record, report

    data = record.read(args.record or record.DEFAULT)
    if getattr(args, "html", None):
        return _report_html(args, data)
    registry = _registry(args.claims)
    out = Path(args.out)
    written = report.write_findings_pages(registry, data, out)
    for path in written:
        print(f"wrote {path}")
    if not written:
        print("no paper declares a Paper object with findings to report", file=sys.stderr)
    return EXIT_GREEN


def _report_html(args: argparse.Namespace, data: dict[str, Any]) -> int:
    """`report --html DIR`: the static dashboard (verify.html) from the run record."""
    import importlib.util
    import shutil

    if importlib.util.find_spec("matplotlib") is None or (
            shutil.which("dot") is None and importlib.util.find_spec("grandalf") is None):
        raise InputError("report --html needs matplotlib (plots) and Graphviz's dot or grandalf "
                         "(graph layout): pip install 'mechverify[html]'")
    from verify.html import write_site

    registry = _registry(args.claims)
    written = write_site(registry, data, Path(args.html), source_url=args.source_url)
    pages = sum(p.suffix == ".html" for p in written)
    print(f"wrote {Path(args.html) / 'index.html'} ({pages} pages, {len(written)} files)")
    return EXIT_GREEN


def main(argv: list[str] | None = None) -> int:
    p = parser()
    try:
        args = p.parse_args(argv)
    except SystemExit as exc:
        return EXIT_USAGE if exc.code else EXIT_GREEN
    try:
        if args.command != "init":
            apply_project(args)
        validate(args)
        code = int(args.func(args))
        sys.stdout.flush()  # a closed pipe is noticed here, not at interpreter exit
        return code
    except VerifyError as exc:
        print(f"mechverify: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        # the reader went away (`mechverify list | head -1`): end quietly. Python docs recipe:
        # point stdout at devnull so the flush at interpreter exit does not raise again.
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):  # stdout without a file descriptor (embedded use)
            pass
        return EXIT_PIPE
    except KeyboardInterrupt:
        print("mechverify: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
