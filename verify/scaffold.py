"""`mechverify init` and `mechverify new`: scaffold a paper project and claim stubs.

A new project is a claims package per paper in the shape of docs/writing-claims.md: the
paper declared once in its `__init__.py` (`paper = Paper(key, title, text=..., page=...)`),
claims written with `@paper.claim(label, at=, says=, expect=, ...)`, findings and unencoded
statements in `findings.py`. Every file the commands write comes from TEMPLATES
(string.Template text, `$key`, `$label`, `$func`, `$package`), so changing what a new project
looks like is a change in one place. Neither command overwrites a file: `init` refuses (exit
2, naming it) when the paper's package or one of its files exists, except pyproject.toml, to
which it appends the `[tool.mechverify]` table when the file has none (and refuses when it
has one).
"""

from __future__ import annotations

import keyword
import re
import tomllib
from pathlib import Path
from string import Template

from verify.errors import InputError

DEFAULT_KEY = "mypaper"
LABEL = re.compile(r"^[A-Za-z0-9][\w.\-]*$")

TEMPLATES: dict[str, str] = {
    # [tool.mechverify], written as pyproject.toml or appended to an existing one
    "tool_table": """\
[tool.mechverify]
claims = "claims"            # the claims package: a folder, or a list of folders
store = "counterexamples"    # witnesses of refuted claims, replayed first on every run
# cache = ".mechverify_cache"  # the verdict cache (default: at the project root)
# timeout = 60               # seconds per claim
# jobs = 2                   # claims checked in parallel
# limit = { k = 40 }         # budgets for unbounded parameters, like --limit k=40
""",
    "claims_init": '''\
"""The claims of this project's papers: one package per paper (mechverify)."""
''',
    # the paper, declared once: every claim id starts with its key
    "package_init": '''\
"""The paper $key, checked by mechverify: its claims go in claims.py (and further modules of
this package, one per section), its findings, one root cause each, in findings.py."""

from verify.paper import Paper

# the title, authors=, year=, arxiv= or doi= are shown on the findings page; text= is the
# paper's text file (the line numbers of `at=` refer to it); page= names the findings page
paper = Paper("$key", "TODO: the paper's title", authors="", text="$key.txt", page="$key")
''',
    # the example module: one example per kind of verdict, each with its real expectation
    "claims_module": '''\
"""Claims of the paper $key, checked by mechverify.

One claim per printed statement (theorem, lemma, example, a step of a proof): its id is
"$key/<label>", `at=` says where it is printed (the statement's name, its first and last line
in the paper's text), `says=` says it in words as printed, and `expect=` records the verdict
it really gives: `mechverify check` compares, and exits 1 when a verdict differs. The examples
below show each kind of verdict; replace them with your paper's statements (`mechverify new
LABEL` appends a stub) and their finding with yours (findings.py).
"""

import sympy as sp
from verify import Forall, Ints, Reals, evidence
from verify.mech.distributions import Distribution
from verify.mech.revenue import optimal_menu
from verify.mech.single_item import optimal_reserve
from verify.paper import Reading

from $package import paper

# symbols carry only what their domain implies: real=True (or integer=True for Ints)
x = sp.Symbol("x", real=True)
y = sp.Symbol("y", real=True)
p = sp.Symbol("p", real=True)


# PROVED: a Forall over real variables is decided for every point at once (here by z3); a
# false one gets a counterexample in exact numbers. Relations are built with evaluate=False.
@paper.claim("EX1", at=("Lemma 1", 1, 2), says="For all real x and y, x^2 + y^2 >= 2xy.",
             expect="PROVED")
def squares_dominate_product() -> Forall:
    return Forall({x: Reals(), y: Reals()},
                  then={"x^2 + y^2 >= 2xy": sp.Ge(x**2 + y**2, 2 * x * y, evaluate=False)})


# CHECKED: `over` states the paper's domain (n >= 1), `limit` the slice this run covers, and
# the verdict says both ("n <= 30 of n >= 1"); `--limit n=100` checks more.
@paper.claim("EX2", at=("Example 1", 3),
             says="For every n >= 1, the best posted price for a buyer whose value is uniform "
             "on {1, ..., n} earns at least (n + 1)/4.",
             over={"n": Ints(1)}, limit={"n": 30}, expect="CHECKED")
def posted_price_revenue(n: int) -> dict[str, sp.Basic]:
    best = optimal_reserve(Distribution.uniform(range(1, n + 1)))  # exact Fractions
    return {"best price revenue >= (n+1)/4": sp.Ge(sp.Rational(best.revenue),
                                                   sp.Rational(n + 1, 4), evaluate=False)}


# PROVED: the optimum of a linear program, certified exactly by the kernel (its dual
# certificate is re-checked in rationals), compared by relations so that a false one shows
# both sides.
@paper.claim("EX3", at=("Example 2", 4, 5),
             says="One buyer, one item, value uniform on {1, 2, 3}: the optimal revenue over "
             "all randomised IC and IR mechanisms is 4/3, that of posting the best price.",
             expect="PROVED")
def optimal_revenue() -> dict[str, sp.Basic]:
    types, probabilities = [(1,), (2,), (3,)], [sp.Rational(1, 3)] * 3
    opt = optimal_menu(types, probabilities).lp_result  # enters a relation as its exact value
    best = optimal_reserve(Distribution.uniform([1, 2, 3]))
    evidence("exact LP optimum, dual certificate re-checked")
    return {"OPT = 4/3": sp.Eq(opt, sp.Rational(4, 3), evaluate=False),
            "OPT = best posted price": sp.Eq(opt, sp.Rational(best.revenue), evaluate=False)}


# Readings: a statement that can be read two ways is one claim per reading ("$key/P1@le",
# "$key/P1@lt"), the authors' intended reading first, then the literal one. The literal
# reading here is false at p = 1/2: REFUTED, with the point stored in counterexamples/ and
# explained by the finding "P1-strict" in findings.py.
@paper.claim("P1", at=("Proposition 1", 6, 7),
             says="Posting the price p to a buyer whose value is uniform on [0, 1] earns "
             "p(1 - p) < 1/4, for every p in [0, 1].",
             readings=(
                 Reading("le", "revenue at most 1/4, the bound the proof shows",
                         kind="intended", expect="PROVED", strict=False),
                 Reading("lt", "revenue less than 1/4, as printed",
                         kind="literal", expect="REFUTED", strict=True)))
def posted_price_bound(strict: bool) -> Forall:
    if strict:
        then = {"p(1-p) < 1/4": sp.Lt(p * (1 - p), sp.Rational(1, 4), evaluate=False)}
    else:
        then = {"p(1-p) <= 1/4": sp.Le(p * (1 - p), sp.Rational(1, 4), evaluate=False)}
    return Forall({p: Reals(0, 1)}, then=then)
''',
    # the findings module: one finding per root cause, and what is not encoded
    "findings_module": '''\
"""What the checks found in the paper $key: one finding per root cause, with the claims that
evidence it. The gate requires every REFUTED or VACUOUS statement, step or assumption to
belong to exactly one finding; `mechverify report` writes the findings page."""

from $package import paper

paper.finding(
    "P1-strict", severity="typo", title="Proposition 1 needs <=, not <",
    explain="At p = 1/2 the revenue p(1 - p) is exactly 1/4, so the strict bound as printed "
    "fails; the bound p(1 - p) <= 1/4 that the proof shows holds for every p in [0, 1].",
    claims=("P1@lt",), holds=("P1@le",))

# a statement left unencoded, with the honest reason (listed on the findings page)
paper.unencoded("T3", "Theorem 3 quantifies over every distribution of values on [0, 1]; no "
                "finite encoding yet")
''',
    # the head of a claims module that `mechverify new` creates
    "module_header": '''\
"""Claims of the paper $key, checked by mechverify."""

import sympy as sp  # noqa: F401
from verify import Forall, Ints, Reals  # noqa: F401

from $package import paper
''',
    # one claim stub, appended by `mechverify new`: an ERROR (gate red) until it is written
    "stub": '''

@paper.claim("$label", at=("$label", 1), says="TODO: $label as printed in the paper",
             expect="PROVED")
def $func() -> bool:
    # Return a bool computed exactly, a dict of closed relations (evaluate=False) or a Forall;
    # set at= to the statement's name and lines, and expect= to the verdict it really gives.
    raise NotImplementedError("write the statement of $key/$label")
''',
    "store_readme": """\
# Witnesses

Counterexamples to refuted claims, written by `mechverify check`: one JSON file per claim
(`<paper key>/<label>.json`) with the point in exact numbers and both sides of the first false
relation. Commit them: every run replays them first. The `replay` field inside each file is
the command that re-checks it, run from the project root.
""",
    "workflow": """\
# mechverify: check the paper's claims on every push. The gate fails when a verdict differs
# from its recorded expectation or a stored witness no longer replays.
name: mechverify
on: [push, pull_request]
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - run: pip install mechverify
      - run: mechverify check --jobs 2
""",
}


def render(name: str, **values: str) -> str:
    return Template(TEMPLATES[name]).substitute(values)


def check_key(key: str) -> str:
    """A paper key that is also a Python package name."""
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]{0,31}", key) or keyword.iskeyword(key):
        raise InputError(f"--key {key!r}: expected a paper key that is also a Python package "
                         "name: a letter, then letters, digits or '_', at most 32 (like "
                         "'mypaper' or 'im05')")
    return key


def _shown(path: Path) -> str:
    from verify.config import shown

    return shown(path)


def init(folder: Path, key: str = DEFAULT_KEY) -> list[str]:
    """Scaffold a paper project in `folder`; the lines to print. Nothing is written when the
    paper's package or another file exists (except pyproject.toml without a [tool.mechverify]
    table: appended to)."""
    from verify.config import has_table

    check_key(key)
    if folder.exists() and not folder.is_dir():
        raise InputError(f"init: {_shown(folder)} is a file; expected a folder")
    package = folder / "claims" / key
    if package.exists() or package.is_symlink():
        raise InputError(f"init: {_shown(package)} exists; not overwriting it (move it away, "
                         "add claims to it with `mechverify new LABEL`, or choose another "
                         "--key)")
    imported = f"claims.{key}"
    files = {
        folder / "claims" / "__init__.py": render("claims_init"),
        package / "__init__.py": render("package_init", key=key),
        package / "claims.py": render("claims_module", key=key, package=imported),
        package / "findings.py": render("findings_module", key=key, package=imported),
        folder / "counterexamples" / "README.md": render("store_readme"),
        folder / ".github" / "workflows" / "mechverify.yml": render("workflow"),
    }
    for path in files:
        if path.exists() or path.is_symlink():
            raise InputError(f"init: {_shown(path)} exists; not overwriting it (move it away, "
                             "or add claims to it with `mechverify new LABEL`)")
    pyproject = folder / "pyproject.toml"
    table = render("tool_table")
    if pyproject.is_file():
        if has_table(pyproject):
            raise InputError(f"init: {_shown(pyproject)} already has a [tool.mechverify] "
                             "table; not overwriting it")
        old = pyproject.read_text(encoding="utf-8")
        text = old + ("" if old.endswith("\n") or not old else "\n") + "\n" + table
        try:
            tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise InputError(f"init: {_shown(pyproject)} is not valid TOML ({exc}); add the "
                             "[tool.mechverify] table by hand") from None
        pyproject_note = f"added [tool.mechverify] to {_shown(pyproject)}"
    elif pyproject.exists():
        raise InputError(f"init: {_shown(pyproject)} exists and is not a file")
    else:
        text = "# mechverify: machine-checked claims of this paper\n" + table
        pyproject_note = f"wrote {_shown(pyproject)}"
    for path, content in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")
    pyproject.parent.mkdir(parents=True, exist_ok=True)
    pyproject.write_text(text, encoding="utf-8")
    return [pyproject_note,
            *(f"wrote {_shown(p)}" for p in files),
            f"next: `mechverify check` in {_shown(folder)} (five example claims, gate green: "
            "one literal reading REFUTED as expected, explained by the finding in "
            "findings.py); `mechverify new L1` adds a claim stub; keep .mechverify_cache/ out "
            "of git"]


def default_key(claims: Path) -> str:
    """The only paper package in the claims folder, else DEFAULT_KEY."""
    packages = sorted(p.name for p in claims.iterdir()
                      if p.is_dir() and (p / "__init__.py").is_file()) if claims.is_dir() else []
    return packages[0] if len(packages) == 1 else DEFAULT_KEY


def _function_name(label: str, text: str) -> str:
    base = re.sub(r"\W+", "_", label).strip("_").lower() or "claim"
    if base[0].isdigit() or keyword.iskeyword(base):
        base = f"claim_{base}"
    name, n = base, 2
    while re.search(rf"^def {re.escape(name)}\(", text, re.MULTILINE):
        name, n = f"{base}_{n}", n + 1
    return name


# `paper = Paper(` in the package, and `paper` bound in the module the stub goes into
DECLARES_PAPER = re.compile(r"^paper\s*(:[^=]*)?=\s*Paper\(", re.MULTILINE)
BINDS_PAPER = re.compile(r"^(from\s+\S+\s+import\s+(\(?[^\n]*\bpaper\b)|paper\s*(:[^=]*)?=)",
                         re.MULTILINE)


def _declares(package: Path, key: str, label: str) -> Path | None:
    """The module of `package` that already declares the claim `<key>/<label>`, if any."""
    wanted = re.compile(rf"""\.?claim\(\s*["'](?:{re.escape(key)}/)?{re.escape(label)}["']""")
    for module in sorted(package.glob("*.py")):
        if wanted.search(module.read_text(encoding="utf-8", errors="replace")):
            return module
    return None


def new(claims: Path, label: str, key: str | None = None) -> str:
    """Append a claim stub `<key>/<label>` to `<claims>/<key>/claims.py` (created with its
    package, and the package's `paper = Paper(...)`, when missing); the line to print. The
    stub raises NotImplementedError and expects PROVED, so the gate stays red (an ERROR)
    until its statement is written."""
    key = check_key(key) if key is not None else default_key(claims)
    if not LABEL.match(label):
        raise InputError(f"new: label {label!r}: expected a letter or digit, then letters, "
                         "digits, '_', '.' or '-' (like 'L1', 'Thm2.a')")
    if claims.exists() and not claims.is_dir():
        raise InputError(f"new: claims folder {_shown(claims)} is a file")
    package = claims / key
    module = package / "claims.py"
    package_init = package / "__init__.py"
    if package_init.is_file() and not DECLARES_PAPER.search(
            package_init.read_text(encoding="utf-8", errors="replace")):
        raise InputError(f"new: {_shown(package_init)} declares no paper; expected `paper = "
                         f'Paper("{key}", "<title>")` there (verify.paper), which the stub uses')
    text = module.read_text(encoding="utf-8") if module.is_file() else None
    if text is not None and not BINDS_PAPER.search(text):
        raise InputError(f"new: {_shown(module)} does not import the paper; expected `from "
                         f"{claims.resolve().name}.{key} import paper` there, which the stub uses")
    if package.is_dir() and (found := _declares(package, key, label)) is not None:
        raise InputError(f"new: {_shown(found)} already declares {key}/{label}")
    for init_file, name in ((claims / "__init__.py", "claims_init"),
                            (package_init, "package_init")):
        if not init_file.exists():
            init_file.parent.mkdir(parents=True, exist_ok=True)
            init_file.write_text(render(name, key=key), encoding="utf-8")
    if text is None:
        text = render("module_header", key=key, package=f"{claims.resolve().name}.{key}")
    stub = render("stub", key=key, label=label, func=_function_name(label, text))
    if not text.endswith("\n"):
        text += "\n"
    module.write_text(text + stub, encoding="utf-8")
    line = text.count("\n") + 3  # after two blank lines
    return (f"added {key}/{label} to {_shown(module)}:{line}: write its statement, then "
            f"`mechverify check {key}/{label}` (until then it is an ERROR and the gate is red)")
