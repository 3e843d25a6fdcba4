"""`mechverify check | list | show | replay` — exit 0 gate green, 1 gate red, 2 usage/input."""

from __future__ import annotations

import argparse
import fnmatch
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

from verify.errors import InputError, VerifyError

EXIT_GREEN, EXIT_RED, EXIT_USAGE = 0, 1, 2
ID_LIKE = re.compile(r"^p\d{3}/")


def _console(stderr: bool = False) -> Any:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=True)


def _registry(claims_dir: str) -> Any:
    from verify.claim import load_claims

    return load_claims(claims_dir)


def select(registry: Any, targets: list[str]) -> list[Any]:
    """Claims named by ids, globs over ids, or paths (file, folder, file:line)."""
    checkable = registry.checkable()
    if not targets:
        return checkable
    chosen: dict[str, Any] = {}
    for target in targets:
        looks_like_id = ID_LIKE.match(target) is not None
        path_part, line_part = target, ""
        if not looks_like_id and ":" in target:
            path_part, _, line_part = target.rpartition(":")
        path = Path(path_part)
        matched: list[Any] = []
        if not looks_like_id and path.exists():
            base = path.resolve()
            for c in checkable:
                f = Path(c.file).resolve()
                if f == base or base in f.parents:
                    matched.append(c)
            if line_part:
                if not line_part.isdigit():
                    raise InputError(f"target {target!r}: line must be a number")
                before = [c for c in matched if c.lineno <= int(line_part)]
                matched = [max(before, key=lambda c: c.lineno)] if before else []
        elif any(ch in target for ch in "*?["):
            matched = [c for c in checkable if fnmatch.fnmatchcase(c.id, target)]
        else:
            matched = [c for c in checkable if c.id == target or c.id.startswith(target + "@")]
            if not matched:
                if target in registry.claims:
                    raise InputError(f"{target!r} is a definition, not a checkable claim")
                raise InputError(f"unknown claim id {target!r} (see `mechverify list`)")
        if not matched:
            raise InputError(f"target {target!r} matches no claim")
        for c in matched:
            chosen[c.id] = c
    return list(chosen.values())


def cmd_check(args: argparse.Namespace) -> int:
    from verify import report
    from verify.engine import Settings
    from verify.runner import Cache, closure, run
    from verify.store import Store

    out = _console()
    registry = _registry(args.claims)
    selected = select(registry, args.targets)
    store = Store(args.store)
    if args.update_witnesses:
        for c in selected:
            if store.has(c.id):
                store.path_for(c.id).unlink()
    settings = Settings(timeout=args.timeout, limit=args.limit, cross_check=args.cross_check,
                        store=store)
    cache = None if args.no_cache else Cache(args.cache)
    everything = closure(registry, selected)
    wanted = {c.id for c in selected}
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

    def done(claim: Any, verdict: Any) -> None:
        if progress is not None and task is not None:
            progress.update(task, advance=1, description=claim.id)
            if time.monotonic() - started < 2:
                progress.refresh()

    try:
        finals = run(registry, everything, settings, jobs=args.jobs, cache=cache, on_done=done)
    finally:
        if progress is not None:
            progress.stop()
    pairs = [(c, finals[c.id]) for c in everything if c.id in wanted or True]
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
    _print_summary(out, pairs, registry.errors, stale)
    if args.json:
        entries = [report.json_entry(c, v) for c, v in pairs]
        entries += [{"id": e.where, "paper": None, "source": None, "status": "ERROR",
                     "expected": None, "gate": "fail", "scope": "", "backend": "load",
                     "seconds": 0, "witness": None, "reason": e.message}
                    for e in registry.errors]
        Path(args.json).write_text(json.dumps(entries, indent=2) + "\n")
    if args.junit:
        Path(args.junit).write_bytes(report.junit(pairs, registry.errors))
    red = failures or registry.errors or stale
    return EXIT_RED if red else EXIT_GREEN


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

    table = Table(title="mechverify summary", show_lines=False)
    table.add_column("paper")
    statuses = [s.value for s in reversed(list(Status))]
    for s in statuses:
        table.add_column(s, justify="right")
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
    c = registry.get(args.id)
    print(f"{c.id}  ({c.kind})")
    print(f"  source:    {c.source}")
    print(f"  defined:   {c.file}:{c.lineno}")
    print(f"  statement: {c.statement}")
    if c.reading:
        print(f"  reading:   {c.reading}: {c.reading_text or c.kwargs}")
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
    store = Store(args.store)
    if store.has(c.id):
        print(f"  witness:   {store.path_for(c.id)}")
    return EXIT_GREEN


def cmd_replay(args: argparse.Namespace) -> int:
    from verify.engine import replay
    from verify.store import read_witness_file

    data = read_witness_file(args.file)
    claims_dir = args.claims
    if claims_dir is None:
        guess = Path(args.file).resolve().parents[2] / "claims"
        claims_dir = str(guess if guess.is_dir() else Path("claims"))
    registry = _registry(claims_dir)
    claim = registry.get(data["claim"])
    verdict = replay(claim, data)
    ff = data.get("first_false", {})
    if verdict.status.value == "REFUTED":
        how = ("the claim re-instantiated and re-evaluated exactly" if not data["assignment"]
               else "point re-evaluated by the exact evaluator, no solver")
        print(f"REFUTED {claim.id} {verdict.scope} (replayed: {how})")
        print(f"  {claim.source}: {claim.statement}")
        if ff:
            print(f"  first false conjunct: {ff.get('name', '')}: {ff.get('relation', '')}")
            print(f"    lhs = {ff.get('lhs', '')}")
            print(f"    rhs = {ff.get('rhs', '')}")
        return EXIT_GREEN
    print(f"ERROR {claim.id}: {verdict.reason}")
    return EXIT_RED


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="mechverify", description=__doc__)
    p.add_argument("--claims", default=None, help="claims folder (default: ./claims)")
    p.add_argument("--store", default="counterexamples", help="witness store folder")
    sub = p.add_subparsers(dest="command", required=True)
    c = sub.add_parser("check", help="check claims and apply the gate")
    c.add_argument("targets", nargs="*", help="ids, globs ('p002/*'), files, folders, file:line")
    c.add_argument("--jobs", "-j", type=int, default=1)
    c.add_argument("--timeout", type=float, default=60.0, help="default seconds per claim")
    c.add_argument("--limit", type=int, default=None, help="bound for unbounded parameters")
    c.add_argument("--json", metavar="FILE")
    c.add_argument("--junit", metavar="FILE")
    c.add_argument("--no-cache", action="store_true")
    c.add_argument("--cache", default=".mechverify_cache", help=argparse.SUPPRESS)
    c.add_argument("--cross-check", action="store_true",
                   help="run every accepting exact back-end; disagreement is an ERROR")
    c.add_argument("--update-witnesses", action="store_true",
                   help="drop stored witnesses of the selected claims and search afresh")
    c.set_defaults(func=cmd_check)
    lst = sub.add_parser("list", help="list claims and definitions")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(func=cmd_list)
    s = sub.add_parser("show", help="show one claim")
    s.add_argument("id")
    s.set_defaults(func=cmd_show)
    r = sub.add_parser("replay", help="re-check one witness file exactly (no solver)")
    r.add_argument("file")
    r.set_defaults(func=cmd_replay)
    return p


def main(argv: list[str] | None = None) -> int:
    p = parser()
    try:
        args = p.parse_args(argv)
    except SystemExit as exc:
        return EXIT_USAGE if exc.code else EXIT_GREEN
    if args.claims is None and args.command != "replay":
        args.claims = "claims"
    try:
        return int(args.func(args))
    except VerifyError as exc:
        print(f"mechverify: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_RED
