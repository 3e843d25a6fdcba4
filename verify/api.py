"""`verify.check(statement)`: decide one statement in a notebook or script, no registry.

    >>> import sympy as sp
    >>> from verify import Forall, Reals, check
    >>> x = sp.Symbol("x", real=True)
    >>> v = check(Forall({x: Reals(0)}, then={"x^2 + 1 > 2x": sp.Gt(x**2 + 1, 2 * x)}))
    >>> v.status.value, v.witness.assignment
    ('REFUTED', {'x': '1'})

The statement is decided by the same engine as `mechverify check` (the same back-ends, the
same exact re-check of every witness), but **in the calling process**: without the loader's
isolation (no worker process, no memory limit, no kill at the time limit; `timeout` is the
engine's budget, which the back-ends respect between steps) and without a witness store
(the witness is in the returned Verdict, not written to a file).
"""

from __future__ import annotations

from typing import Any

from verify.verdict import Verdict

NOTEBOOK_ID = "notebook/check"


def check(statement: Any, timeout: float = 60.0, *, backends: tuple[str, ...] | None = None,
          name: str = NOTEBOOK_ID) -> Verdict:
    """Decide a `Forall`, an `Exists`, a dict of closed relations or a bool; the Verdict
    (status, scope, evidence, and for REFUTED the witness with the exact point and both sides
    of the first false relation). `name` is the claim id shown in the verdict."""
    import math

    from verify.claim import Claim, Source
    from verify.engine import Settings
    from verify.engine import check as engine_check
    from verify.errors import InputError
    from verify.statement import Exists, Forall

    if isinstance(timeout, bool) or not isinstance(timeout, int | float) or not (
            math.isfinite(timeout) and timeout > 0):
        raise InputError(f"check: timeout={timeout!r}: expected a positive number of seconds")
    if not isinstance(statement, Forall | Exists | dict | bool):
        raise InputError(f"check: expected a Forall, an Exists, a dict of closed relations or "
                         f"a bool, got {type(statement).__name__}")

    def fn() -> Any:
        return statement

    claim = Claim(id=name, source=Source("notebook", "verify.check"), statement=str(name),
                  fn=fn, backends=backends, module=__name__)
    return engine_check(claim, Settings(timeout=float(timeout), store=None,
                                        write_witnesses=False))
