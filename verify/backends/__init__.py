"""Back-end registry: one line per back-end, in order of preference.

A back-end is one module with one class following verify.backends.base.Backend; it is
imported only when used, so `mechverify replay` never loads a solver.
"""

from __future__ import annotations

import importlib
from typing import Any

BACKENDS: dict[str, str] = {
    "sympy": "verify.backends.sympy:Sympy",
    "z3": "verify.backends.z3:Z3",
    "lp": "verify.backends.lp:LP",
    "enumerate": "verify.backends.enumerate:Enumerate",
    "interval": "verify.backends.interval:Interval",
    "search": "verify.backends.search:Search",
}


def load(name: str) -> Any:
    module, _, cls = BACKENDS[name].partition(":")
    return getattr(importlib.import_module(module), cls)()
