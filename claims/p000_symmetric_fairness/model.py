"""Shared model code of the symmetric-fairness paper: finite instance families (the slices the
class-C claims enumerate) and the benchmarks of §2 on them.

A slice is named by (values, support size, denominator): every product distribution whose item
laws have support a subset of ``values`` with at most ``size`` points and full-support masses
that are multiples of 1/d for some d <= ``denominator``, smallest first.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from fractions import Fraction

from verify.domains import Priors
from verify.mech.distributions import Distribution, product

F = Fraction


def item_laws(values: Sequence[int], size: int, denominator: int) -> list[Distribution]:
    """Every law on a subset of ``values`` with at most ``size`` points, full support, masses
    with denominators <= ``denominator``; smallest support first."""
    out: list[Distribution] = []
    for k in range(1, size + 1):
        masses = Priors(k, denominator, full=True).values
        for pts in itertools.combinations(values, k):
            out.extend(Distribution({F(v): p for v, p in zip(pts, ms, strict=True)})
                       for ms in masses)
    return out


def products(m: int, values: Sequence[int], size: int, denominator: int) -> Iterator[Distribution]:
    """Every product of ``m`` item laws from :func:`item_laws` (item order matters)."""
    laws = item_laws(values, size, denominator)
    for combo in itertools.product(laws, repeat=m):
        yield product(*combo)


def iid_products(m: int, values: Sequence[int], size: int, denominator: int
                 ) -> Iterator[Distribution]:
    """Every i.i.d. product of one item law from :func:`item_laws`."""
    for law in item_laws(values, size, denominator):
        yield product(*([law] * m))


def law_text(d: Distribution) -> str:
    """A compact text of a product law: the item marginals as value:mass lists."""
    parts = []
    for j in range(d.dim):
        marg = d.marginal(j)
        parts.append("{" + ", ".join(f"{v}:{p}" for v, p in marg.items()) + "}")
    return " x ".join(parts)


def item_tuples(m: int, values: Sequence[int], size: int, denominator: int
                ) -> Iterator[tuple[Distribution, ...]]:
    """The marginals of every product in :func:`products` (no joint table)."""
    laws = item_laws(values, size, denominator)
    yield from itertools.product(laws, repeat=m)


def tuple_text(laws: Sequence[Distribution]) -> str:
    return " x ".join("{" + ", ".join(f"{v}:{p}" for v, p in law.items()) + "}" for law in laws)


# ---------------------------------------------------------------- Def B.1 (D') and its terms

def argmax_index(v: Sequence[Fraction], tie: str = "first") -> int:
    """j* = argmax_j v_j; ties: "first" = smallest index (R-TIE1), "last" = largest (R-TIE2)."""
    best = max(v)
    idx = [j for j, x in enumerate(v) if x == best]
    return idx[0] if tie == "first" else idx[-1]


def below(law: Distribution, c: Fraction) -> Distribution | None:
    """D_j | (v < c), or None when the event has probability 0."""
    mass = law.probability(lambda x: x < c)
    if not mass:
        return None
    return Distribution({x: p / mass for x, p in law.items() if x < c})


def modified_rows(laws: Sequence[Distribution], tie: str = "first"
                  ) -> list[tuple[Fraction, int, tuple[Fraction, ...]]]:
    """Def B.1 as rows (mass, j*, v') with v' = (v'_0, v'_1, ..., v'_m) (items 1-based after the
    extra item 0). Step 4 with no mass below v'_0 > 0 sets v'_{j*} = 0 (R-EMPTY "zero")."""
    rows: list[tuple[Fraction, int, tuple[Fraction, ...]]] = []
    for combo in itertools.product(*[list(law.items()) for law in laws]):
        v = tuple(F(x) for x, _ in combo)
        p = F(1)
        for _, q in combo:
            p *= q
        j = argmax_index(v, tie)
        top = v[j]
        cond = below(laws[j], top) if top > 0 else None
        draws = [(F(0), F(1))] if cond is None else [(F(x), q) for x, q in cond.items()]
        for w, q in draws:
            new = list(v)
            new[j] = w
            rows.append((p * q, j + 1, (top, *new)))
    return rows


def modified(laws: Sequence[Distribution], tie: str = "first") -> Distribution:
    """D' of Def B.1 as a joint law on m + 1 items (item 0 first)."""
    acc: dict[tuple[Fraction, ...], Fraction] = {}
    for p, _, v in modified_rows(laws, tie):
        acc[v] = acc.get(v, F(0)) + p
    return Distribution(acc)


def terms(laws: Sequence[Distribution], cut: Fraction, tie: str = "first"
          ) -> dict[str, Fraction]:
    """TAIL, SPECIAL, CORE (l.468) with cutoff ``cut``, E_{D'}[sum_{j != 0} v_j], E[V']."""
    out = {"TAIL": F(0), "SPECIAL": F(0), "CORE": F(0), "SUM": F(0), "EV'": F(0)}
    for p, js, v in modified_rows(laws, tie):
        for j in range(1, len(v)):
            x = v[j]
            out["SUM"] += p * x
            if x < cut:
                out["CORE"] += p * x
            elif j == js:
                out["SPECIAL"] += p * x
            else:
                out["TAIL"] += p * x
        out["EV'"] += p * v[js]
    return out


def law_of_max(laws: Sequence[Distribution]) -> Distribution:
    acc: dict[Fraction, Fraction] = {}
    for combo in itertools.product(*[list(law.items()) for law in laws]):
        p = F(1)
        for _, q in combo:
            p *= q
        key = max(F(x) for x, _ in combo)
        acc[key] = acc.get(key, F(0)) + p
    return Distribution(acc)
