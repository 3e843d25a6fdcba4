"""Papers, readings, findings: what a claim is, declared once per paper.

    paper = Paper("p004", "Rank-preserving Multidimensional Mechanisms",
                  authors="Bikhchandani, Mishra", year=2022, arxiv="2210.xxxxx",
                  text="004_694d818fb257edd4.txt")

    @paper.claim("T2.b1", at=("Theorem 2, (5) and (7)", 234, 238), role="statement",
                 says="...", readings=(Reading("strict", "...", kind="intended", expect="CHECKED",
                                               strict=True),), over=..., limit=...)
    def t2_b1(n, m, strict): ...

    paper.finding("ties-weights", severity="analogue only", title="...", explain="...",
                  claims=("T2.b1@closed-n!",))
    paper.unencoded("L5", "needs measure theory over uncountable type spaces")

A claim's *role* says what it is: the paper's printed `statement` (theorem, lemma, claim,
example, remark), a `step` inside a printed proof (it names the statement it belongs to with
`of=`), an `assumption` (WLOG, standing assumption, footnote), the project's `repair` (never
printed) or a `variant` (a hypothesis deliberately dropped or changed). A *reading* of an
ambiguous statement is `intended`, `literal` or `alternative`. A *finding* is one root cause
(a false statement, a proof gap, ...) with the claims that evidence it; the gate checks that
every refuted statement, step or assumption belongs to exactly one finding.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from verify.errors import EncodingError

KEY_PATTERN = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{0,31}$")
ROLES = ("statement", "step", "assumption", "repair", "variant")
FINDING_ROLES = ("statement", "step", "assumption")  # a refutation of these is a finding
READING_KINDS = ("intended", "literal", "alternative")
# most serious first; the order of findings pages and summaries
SEVERITIES = ("false statement", "proof gap", "vacuous statement", "typo", "ambiguity",
              "analogue only")


@dataclass(frozen=True, init=False)
class Reading:
    """One reading of a statement: its name (the `@name` of the claim id), what it means,
    whose reading it is, its recorded expectation, and the keyword arguments the claim
    function receives."""

    name: str
    text: str
    kind: str
    expect: Any
    args: Mapping[str, Any]
    role: str | None  # overrides the claim's role for this reading (e.g. a variant reading)
    deviation: str | None  # overrides the claim's deviation for this reading

    def __init__(self, name: str, text: str, kind: str = "intended", expect: Any = None, *,
                 role: str | None = None, deviation: str | None = None, **args: Any) -> None:
        if role is not None and role not in ROLES:
            raise EncodingError(f"reading {name!r}: role {role!r}; expected one of "
                                f"{', '.join(ROLES)}")
        if not re.match(r"^[\w.\-~]+$", name):
            raise EncodingError(
                f"reading name {name!r}: use letters, digits and . - _ ~ only (write "
                f"'ge' rather than '>=')")
        if kind not in READING_KINDS:
            raise EncodingError(f"reading {name!r}: kind {kind!r}; expected one of "
                                f"{', '.join(READING_KINDS)}")
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "expect", expect)
        object.__setattr__(self, "args", dict(args))
        object.__setattr__(self, "role", role)
        object.__setattr__(self, "deviation", deviation)


@dataclass(frozen=True)
class Finding:
    """One root cause, with the claims that evidence it (refuted or vacuous ones) and,
    where useful, the claims that show what still holds (e.g. the intended reading)."""

    id: str  # "<paper>/<finding>"
    severity: str
    title: str
    explain: str
    claims: tuple[str, ...]
    holds: tuple[str, ...] = ()

    @property
    def paper(self) -> str:
        return self.id.split("/", 1)[0]


@dataclass(frozen=True)
class Unencoded:
    """A spec entry that is not mechanised (class E), with the honest reason why."""

    id: str  # "<paper>/<label>"
    why: str


@dataclass
class Paper:
    """A paper: its key (the first part of every claim id), title and citation, and the
    local text file its line numbers refer to (optional)."""

    key: str
    title: str
    authors: str = ""
    year: int | None = None
    venue: str = ""
    arxiv: str = ""
    doi: str = ""
    text: str = ""  # a local text file of the paper (line numbers refer to it)
    page: str = ""  # the findings page's file name under docs/findings/ (default: the key)
    findings: list[Finding] = field(default_factory=list)
    unencoded_entries: list[Unencoded] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not KEY_PATTERN.match(self.key):
            raise EncodingError(
                f"paper key {self.key!r}: expected a short identifier (a letter, then letters, "
                "digits, '-' or '_', at most 32), like 'mypaper', 'im05' or 'p001'")
        from verify.claim import REGISTRY

        REGISTRY.add_paper(self)

    def citation(self) -> str:
        parts = [self.authors, f"“{self.title}”", self.venue, str(self.year or "")]
        ref = f"arXiv:{self.arxiv}" if self.arxiv else (f"doi:{self.doi}" if self.doi else "")
        return ", ".join(p for p in [*parts, ref] if p)

    def source(self, where: str, first: int | None = None, last: int | None = None) -> Any:
        from verify.claim import Source

        lines = (first, last or first) if first is not None else None
        return Source(self.text or self.key, where, lines)

    def _at(self, at: Any) -> Any:
        from verify.claim import Source

        if at is None:
            return Source(self.text or self.key, "", None)
        if isinstance(at, Source):
            return at
        if isinstance(at, str):
            return self.source(at)
        return self.source(*at)

    def claim(self, label: str, *, at: Any = None, says: str, role: str = "statement",
              of: str | None = None, readings: Sequence[Reading] | None = None,
              **kwargs: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """Declare a claim of this paper (see verify.claim.claim for the other keywords)."""
        from verify.claim import claim

        return claim(f"{self.key}/{label}", source=self._at(at), statement=says, role=role,
                     of=None if of is None else self._id(of), readings=readings, **kwargs)

    def definition(self, label: str, *, at: Any = None, says: str) -> None:
        from verify.claim import definition

        definition(f"{self.key}/{label}", source=self._at(at), statement=says)

    def finding(self, name: str, *, severity: str, title: str, explain: str,
                claims: Sequence[str], holds: Sequence[str] = ()) -> Finding:
        if severity not in SEVERITIES:
            raise EncodingError(f"finding {name!r}: severity {severity!r}; expected one of "
                                f"{', '.join(SEVERITIES)}")
        if not claims:
            raise EncodingError(f"finding {name!r}: name the claims that evidence it")
        f = Finding(self._id(name), severity, title, explain,
                    tuple(self._id(c) for c in claims), tuple(self._id(c) for c in holds))
        if any(g.id == f.id for g in self.findings):
            raise EncodingError(f"duplicate finding id {f.id!r}")
        self.findings.append(f)
        return f

    def unencoded(self, label: str, why: str) -> None:
        """A spec entry left as class E (not mechanised), with the reason."""
        self.unencoded_entries.append(Unencoded(self._id(label), why))

    def _id(self, label: str) -> str:
        return label if label.startswith(f"{self.key}/") else f"{self.key}/{label}"
