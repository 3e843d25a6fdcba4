"""mechverify: machine-check the claims of mechanism-design papers.

The public API for claim authors is this module only.
"""

from __future__ import annotations

from verify.claim import Derivation, Source, claim, definition
from verify.context import assume, evidence, note
from verify.domains import Choice, Ints, Rationals, Reals
from verify.exact import RealAlgebraic
from verify.statement import Forall
from verify.verdict import Status, Verdict

__all__ = [
    "Choice",
    "Derivation",
    "Forall",
    "Ints",
    "Rationals",
    "RealAlgebraic",
    "Reals",
    "Source",
    "Status",
    "Verdict",
    "assume",
    "claim",
    "definition",
    "evidence",
    "note",
]
__version__ = "0.1.0"
