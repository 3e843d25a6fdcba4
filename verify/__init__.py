"""mechverify: machine-check the claims of mechanism-design papers.

The public API for claim authors is this module only.
"""

from __future__ import annotations

from verify.api import check  # a function (there is no verify.check module)
from verify.claim import Derivation, Source, claim, definition
from verify.context import assume, evidence, note
from verify.domains import Choice, Grid, Ints, Priors, Rationals, Reals, Samples, Subsets, Vectors
from verify.exact import RealAlgebraic
from verify.statement import Exists, Forall
from verify.verdict import Status, Verdict

__all__ = [
    "Choice",
    "Derivation",
    "Exists",
    "Forall",
    "Grid",
    "Ints",
    "Priors",
    "Rationals",
    "RealAlgebraic",
    "Reals",
    "Samples",
    "Source",
    "Status",
    "Subsets",
    "Vectors",
    "Verdict",
    "assume",
    "check",
    "claim",
    "definition",
    "evidence",
    "note",
]
__version__ = "0.1.0"
