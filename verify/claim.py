"""Claims: a paper's statement, declared once in Python, with its source and expectation.

    @claim("p002/S42.a", source=Source("002_00786031d819b294.txt", "Claim 26 (a)", (666, 666)),
           statement="For all integers k >= 1, f_k has a real root in (0, 1).",
           over={"k": Ints(1)}, limit={"k": 40}, expect="CHECKED")
    def has_root(k: int) -> bool: ...

The function is called at each point of its parameter domains and returns a bool (an exact
predicate) or a `Forall` (a query for the symbolic back-ends). Readings register one claim per
reading (`id@R1`, ...) and pass the reading's keyword arguments. Ids follow the entry labels
of shared/specs/*.md: `<paper>/<spec-entry>[@<reading>]`.
"""

from __future__ import annotations

import ast
import inspect
import re
import textwrap
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from verify.domains import Choice, Domain, Ints, Rationals, Reals
from verify.errors import EncodingError, InputError
from verify.verdict import Status

ID_PATTERN = re.compile(
    r"^([A-Za-z][A-Za-z0-9_-]{0,31})/([A-Za-z0-9][\w.\-]*?)(?:@([\w.\-~]+))?$")


@dataclass(frozen=True)
class Source:
    """Where a statement is printed: paper file, statement name, first and last line."""

    paper: str
    where: str
    lines: tuple[int, int] | None = None

    def __str__(self) -> str:
        span = ""
        if self.lines:
            a, b = self.lines
            span = f", l.{a}" if a == b else f", l.{a}-{b}"
        return f"{self.paper}: {self.where}{span}"


@dataclass(frozen=True)
class Derivation:
    """The claim follows, over its whole domain, from `premises` by a named meta-rule.

    The rule (e.g. "induction on k", "intermediate value theorem") is trusted and named in
    the verdict's evidence; every premise is a claim with its own verdict. The claim is PROVED
    by derivation only when every premise is PROVED.
    """

    premises: tuple[str, ...]
    rule: str


@dataclass(frozen=True)
class Claim:
    id: str
    source: Source
    statement: str
    fn: Callable[..., Any] | None
    over: Mapping[str, Domain] = field(default_factory=dict)
    limit: Mapping[str, int] = field(default_factory=dict)
    uses: tuple[str, ...] = ()
    rests_on: tuple[str, ...] = ()
    by: Derivation | None = None
    expect: Status | None = None
    reading: str | None = None
    reading_text: str | None = None
    kwargs: Mapping[str, Any] = field(default_factory=dict)
    timeout: float | None = None
    backends: tuple[str, ...] | None = None
    kind: str = "claim"  # or "definition"
    module: str = ""
    file: str = ""
    lineno: int = 0
    role: str = "statement"  # statement | step | assumption | repair | variant (verify.paper)
    of: str | None = None  # the statement a step or assumption belongs to
    analogue: str | None = None  # which finite analogue of a continuous statement it checks
    deviation: str | None = None  # how the encoding departs from the printed text, one sentence
    reading_kind: str | None = None  # intended | literal | alternative
    note: str | None = None  # e.g. "the paper itself states this finite domain"

    @property
    def paper(self) -> str:
        return self.id.split("/", 1)[0]

    @property
    def entry(self) -> str:
        return self.id.split("/", 1)[1].split("@", 1)[0]

    def premises(self) -> tuple[str, ...]:
        """Claims whose verdicts bound this one's (rests_on and the derivation's premises)."""
        extra = self.by.premises if self.by else ()
        return tuple(dict.fromkeys((*self.rests_on, *extra)))

    def domain_text(self) -> str:
        return ", ".join(d.describe(n) for n, d in self.over.items()) or "no parameters"

    def call(self, params: Mapping[str, Any]) -> Any:
        assert self.fn is not None
        return self.fn(**params, **self.kwargs)

    def body_text(self) -> str:
        """The claim function's body (not its decorator), for the hash of predicate claims.

        Editing `expect`, `limit` or the statement text leaves a stored witness valid; editing
        the function's code makes it stale.
        """
        if self.fn is None:
            return self.statement
        try:
            tree = ast.parse(textwrap.dedent(inspect.getsource(self.fn)))
            node = tree.body[0]
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                node.decorator_list = []
                return ast.dump(node)
        except (OSError, TypeError, SyntaxError, IndexError):
            pass
        code = self.fn.__code__  # a lambda or source-less function: its bytecode and constants
        return code.co_code.hex() + repr(code.co_consts) + repr(code.co_names)


@dataclass(frozen=True)
class LoadError:
    where: str  # module or claim id
    message: str  # one line


class Registry:
    """Every declared claim and definition by id, plus what failed to load.

    In a claims process (verify.loader) the decorators fill REGISTRY with callable claims; the
    main process holds a registry of metadata (fn=None) loaded from `root`, with the modules
    that loaded cleanly in `modules`.
    """

    def __init__(self) -> None:
        self.claims: dict[str, Claim] = {}
        self.errors: list[LoadError] = []
        self.loaded_roots: set[str] = set()
        self.root: Path | None = None
        self.modules: list[str] = []
        self.papers: dict[str, Any] = {}  # key -> verify.paper.Paper (metadata only)

    def add_paper(self, paper: Any) -> None:
        other = self.papers.get(paper.key)
        if other is not None and other is not paper:
            raise EncodingError(f"paper key {paper.key!r} is declared twice")
        self.papers[paper.key] = paper

    def findings(self) -> list[Any]:
        return [f for p in self.papers.values() for f in p.findings]

    def add(self, item: Claim) -> None:
        if item.id in self.claims:
            other = self.claims[item.id]
            raise EncodingError(
                f"duplicate claim id {item.id!r} ({other.file}:{other.lineno} and "
                f"{item.file}:{item.lineno})"
            )
        self.claims[item.id] = item

    def checkable(self) -> list[Claim]:
        return [c for c in self.claims.values() if c.kind == "claim"]

    def get(self, claim_id: str) -> Claim:
        try:
            return self.claims[claim_id]
        except KeyError:
            raise InputError(f"unknown claim id {claim_id!r} (see `mechverify list`)") from None

    def validate_references(self) -> None:
        """An unknown id in `uses`, `rests_on`, `by` or `of` is a load error of that claim; a
        finding that names an unknown claim, or a variant or repair, is a load error too."""
        for c in list(self.claims.values()):
            for ref in (*c.uses, *c.premises()):
                if ref not in self.claims:
                    self.errors.append(
                        LoadError(c.id, f"{c.file}:{c.lineno}: unknown id {ref!r} in uses/premises")
                    )
            if c.of is not None and c.of not in self.claims and not any(
                    k.startswith(c.of + "@") for k in self.claims):
                self.errors.append(LoadError(c.id, f"{c.file}:{c.lineno}: of={c.of!r}: no such "
                                             "statement"))
        for f in self.findings():
            for ref in (*f.claims, *f.holds):
                target = self.claims.get(ref)
                if target is None:
                    self.errors.append(LoadError(f.id, f"finding {f.id}: unknown claim {ref!r}"))
                elif ref in f.claims and target.role in ("variant", "repair"):
                    self.errors.append(LoadError(f.id, f"finding {f.id}: {ref} is a "
                                                 f"{target.role}, never evidence of a finding"))
        self._check_cycles()

    def _check_cycles(self) -> None:
        state: dict[str, int] = {}

        def visit(cid: str, path: list[str]) -> None:
            state[cid] = 1
            for p in self.claims[cid].premises():
                if p not in self.claims:
                    continue
                if state.get(p) == 1:
                    cycle = " -> ".join([*path, cid, p])
                    self.errors.append(LoadError(cid, f"premise cycle: {cycle}"))
                elif p not in state:
                    visit(p, [*path, cid])
            state[cid] = 2

        for cid in self.claims:
            if cid not in state:
                visit(cid, [])


REGISTRY = Registry()


def _parse_expect(expect: Any, where: str) -> Status | None:
    if expect is None or isinstance(expect, Status):
        return expect
    try:
        return Status.parse(str(expect))
    except ValueError as exc:
        raise EncodingError(f"{where}: expect: {exc}") from None


def _caller(fn: Callable[..., Any]) -> tuple[str, str, int]:
    code = getattr(fn, "__code__", None)
    module = getattr(fn, "__module__", "")
    if code is None:
        return module, "", 0
    return module, code.co_filename, code.co_firstlineno


def _declaration_failed(
    target: Registry, claim_id: str, exc: EncodingError
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The decorator of a claim that cannot be declared: it records a LoadError at the
    function's file:line and leaves the function as it is, so its module loads on."""

    def record(fn: Callable[..., Any]) -> Callable[..., Any]:
        _, file, line = _caller(fn)
        target.errors.append(LoadError(claim_id, f"{file}:{line}: EncodingError: {exc}"))
        return fn

    return record


def limit_error(name: str, dom: Domain, value: int) -> str | None:
    """Why `value` cannot cut parameter `name` over `dom` (None when it can).

    A limit is a budget on an unbounded integer parameter: `Ints(lo)` is cut at `name <= N`,
    `Ints(None, hi)` at `name >= -N`, `Ints()` at `|name| <= N`. A cut that contains no point
    of the domain would make every claim over it vacuously true, so it is refused.
    """
    if not isinstance(dom, Ints) or dom.is_finite:
        return None
    if dom.lo is not None:
        least = dom.lo
    elif dom.hi is not None:
        least = max(0, -dom.hi)
    else:
        least = 0
    if value < least:
        return (f"limit {value} is below the bound of {dom.describe(name)} "
                f"(expected at least {least})")
    return None


def _claim_limits(
    claim_id: str, domains: Mapping[str, Domain], limit: Mapping[str, int] | int | None
) -> dict[str, int]:
    """The claim's own `limit=`: a positive int for every unbounded parameter, or per name."""
    if limit is None:
        return {}
    if isinstance(limit, bool) or not isinstance(limit, int | Mapping):
        raise EncodingError(
            f"{claim_id}: limit={limit!r}: expected a positive integer or {{parameter: N}}"
        )
    if isinstance(limit, int):
        limits = {n: limit for n, d in domains.items() if not d.is_finite}
        if limit <= 0:
            raise EncodingError(f"{claim_id}: limit={limit!r}: expected a positive integer")
    else:
        limits = dict(limit)
    for name, value in limits.items():
        if name not in domains:
            raise EncodingError(
                f"{claim_id}: limit names parameter {name!r}, which is not in over "
                f"(parameters: {', '.join(map(repr, domains)) or 'none'})"
            )
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            raise EncodingError(
                f"{claim_id}: limit for parameter {name!r} is {value!r}: expected a positive "
                "integer"
            )
        problem = limit_error(name, domains[name], value)
        if problem is not None:
            raise EncodingError(f"{claim_id}: parameter {name!r}: {problem}")
    return limits


def claim(
    claim_id: str,
    *,
    source: Source,
    statement: str,
    over: Mapping[str, Domain] | None = None,
    limit: Mapping[str, int] | int | None = None,
    uses: tuple[str, ...] = (),
    rests_on: tuple[str, ...] = (),
    by: Derivation | None = None,
    expect: Status | str | Mapping[str, Status | str] | None = None,
    readings: Any = None,
    reading_texts: Mapping[str, str] | None = None,
    timeout: float | None = None,
    backends: tuple[str, ...] | None = None,
    registry: Registry | None = None,
    role: str = "statement",
    of: str | None = None,
    analogue: str | None = None,
    deviation: str | None = None,
    note: str | None = None,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Declare a claim (one per reading). See the module docstring.

    `readings` is a sequence of verify.paper.Reading objects (name, text, kind, expect and
    the keyword arguments), or the older mapping name -> keyword arguments with
    `reading_texts` and a per-reading `expect` mapping."""
    from verify.paper import ROLES, Reading

    target = registry if registry is not None else REGISTRY
    try:  # a malformed declaration costs this claim (a LoadError), not the rest of its module
        if role not in ROLES:
            raise EncodingError(f"{claim_id}: role {role!r}; expected one of {', '.join(ROLES)}")
        if role in ("step", "assumption") and of is None and registry is None and (
                claim_id.split("/", 1)[0] in target.papers):
            raise EncodingError(f"{claim_id}: a {role} names the statement it belongs to (of=)")
        if readings is not None and not isinstance(readings, Mapping):
            objects = list(readings)
            if not all(isinstance(r, Reading) for r in objects):
                raise EncodingError(f"{claim_id}: readings must be Reading objects or a mapping")
            readings = {r.name: r.args for r in objects}
            reading_texts = {r.name: r.text for r in objects}
            expect = {r.name: r.expect for r in objects}
            kinds = {r.name: r.kind for r in objects}
            roles = {r.name: r.role for r in objects if r.role is not None}
            deviations = {r.name: r.deviation for r in objects if r.deviation is not None}
        else:
            kinds, roles, deviations = {}, {}, {}
        match = ID_PATTERN.match(claim_id)
        if not match or match.group(3):
            raise EncodingError(
                f"claim id {claim_id!r}: expected '<paper key>/<label>' like 'mypaper/L1' or "
                "'p002/S42.a' (the key: a letter, then letters, digits, '-' or '_'; readings are "
                "added by readings=)"
            )
        domains = dict(over or {})
        for name, dom in domains.items():
            if not isinstance(dom, Ints | Reals | Rationals | Choice):
                raise EncodingError(f"{claim_id}: parameter {name!r}: {dom!r} is not a Domain")
        limits = _claim_limits(claim_id, domains, limit)
    except EncodingError as exc:
        return _declaration_failed(target, claim_id, exc)

    def register(fn: Callable[..., Any]) -> Callable[..., Any]:
        try:
            return _register(fn)
        except EncodingError as exc:
            return _declaration_failed(target, claim_id, exc)(fn)

    def _register(fn: Callable[..., Any]) -> Callable[..., Any]:
        module, file, line = _caller(fn)
        variants: list[tuple[str | None, Mapping[str, Any]]]
        variants = list((readings or {None: {}}).items())  # type: ignore[dict-item]
        for reading, kwargs in variants:
            cid = claim_id if reading is None else f"{claim_id}@{reading}"
            if isinstance(expect, Mapping):
                if reading not in expect:
                    raise EncodingError(f"{cid}: expect has no entry for reading {reading!r}")
                exp = _parse_expect(expect[reading], cid)
            else:
                exp = _parse_expect(expect, cid)
            target.add(
                Claim(
                    id=cid,
                    source=source,
                    statement=statement,
                    fn=fn,
                    over=domains,
                    limit=limits,
                    uses=tuple(uses),
                    rests_on=tuple(rests_on),
                    by=by,
                    expect=exp,
                    reading=reading,
                    reading_text=(reading_texts or {}).get(reading or ""),
                    kwargs=dict(kwargs),
                    timeout=timeout,
                    backends=backends,
                    module=module,
                    file=file,
                    lineno=line,
                    role=roles.get(reading or "", role),
                    of=of,
                    analogue=analogue,
                    deviation=deviations.get(reading or "", deviation),
                    reading_kind=kinds.get(reading or ""),
                    note=note,
                )
            )
        return fn

    return register


def definition(
    def_id: str, *, source: Source, statement: str, registry: Registry | None = None
) -> None:
    """Register a definition: referable from `uses`, never checked."""
    target = registry if registry is not None else REGISTRY
    frame = inspect.stack()[1]
    try:
        target.add(
            Claim(
                id=def_id,
                source=source,
                statement=statement,
                fn=None,
                kind="definition",
                module=frame.frame.f_globals.get("__name__", ""),
                file=frame.filename,
                lineno=frame.lineno,
            )
        )
    except EncodingError as exc:  # a duplicate id costs this definition, not its module
        target.errors.append(LoadError(def_id, f"{frame.filename}:{frame.lineno}: EncodingError: {exc}"))


def load_claims(root: Path | str = "claims") -> Registry:
    """The claims under `root` as metadata. Claim modules are imported in child processes,
    never in this one: a module that raises, exits, crashes or hangs is one LoadError."""
    from verify.loader import load

    return load(root)
