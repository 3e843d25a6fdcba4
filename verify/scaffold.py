"""`mechverify init` and `mechverify new`: scaffold a paper project and claim stubs.

Every file the commands write comes from TEMPLATES (string.Template text, `$key`, `$label`,
`$func`, `$paper`), so changing what a new project looks like is a change in one place.
Neither command overwrites a file: `init` refuses (exit 2, naming the file) when one of its
files exists, except pyproject.toml, to which it appends the `[tool.mechverify]` table when
the file has none (and refuses when it has one).
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
    "package_init": '''\
"""Claims of the paper $key (mechverify)."""
''',
    # the example module: one true claim per statement form
    "claims_module": '''\
"""Claims of the paper $key, checked by mechverify.

One claim per printed statement: its id is "$key/<label as printed>", `source` says where it
is printed (the paper's text file, the statement's name, its first and last line),
`statement` says it in words, and `expect` records the verdict you expect: `mechverify check`
compares, and exits 1 when a verdict differs. The four examples below are all true; replace
them with your paper's statements (`mechverify new LABEL` appends a stub).
"""

import sympy as sp

from verify import Forall, Ints, Reals, Source, claim, evidence
from verify.mech.lp import Constraint, LinearProgram, solve

PAPER = "$paper"  # the text of your paper; line numbers in Source refer to it

# symbols carry only what their domain implies: real=True (or integer=True for Ints)
x = sp.Symbol("x", real=True)
y = sp.Symbol("y", real=True)


# 1. A predicate: a Python bool, computed exactly, at every parameter point.
@claim("$key/EX1", source=Source(PAPER, "Example 1", (1, 1)),
       statement="For every integer k >= 1, k^2 >= k.",
       over={"k": Ints(1)}, limit={"k": 50}, expect="CHECKED")
def squares_grow(k: int) -> bool:
    return k * k >= k


# 2. Closed relations between exact numbers, built with evaluate=False, so that a false one
#    is shown with both sides.
@claim("$key/EX2", source=Source(PAPER, "Example 2", (2, 2)),
       statement="sqrt(2) < 3/2, and the golden ratio phi satisfies phi^2 = phi + 1.",
       expect="PROVED")
def closed_numbers() -> dict[str, sp.Basic]:
    phi = (1 + sp.sqrt(5)) / 2
    return {"sqrt(2) < 3/2": sp.Lt(sp.sqrt(2), sp.Rational(3, 2), evaluate=False),
            "phi^2 = phi + 1": sp.Eq(phi**2, phi + 1, evaluate=False)}


# 3. A Forall over real variables: decided for every point at once (z3, sympy, ...); a false
#    one gets a counterexample in exact numbers.
@claim("$key/EX3", source=Source(PAPER, "Lemma 1", (3, 4)),
       statement="For all real x and y, x^2 + y^2 >= 2xy.", expect="PROVED")
def squares_dominate_product() -> Forall:
    return Forall({x: Reals(), y: Reals()},
                  then={"x^2 + y^2 >= 2xy": sp.Ge(x**2 + y**2, 2 * x * y, evaluate=False)})


# 4. The optimum of a linear program, certified exactly by the kernel (verify.mech.lp).
@claim("$key/EX4", source=Source(PAPER, "Example 3", (5, 6)),
       statement="max 3a + 2b s.t. a + b <= 4, a + 3b <= 6, a <= 3, a, b >= 0 equals 11.",
       expect="PROVED")
def lp_optimum() -> dict[str, sp.Basic]:
    lp = LinearProgram(["a", "b"], {"a": 3, "b": 2},
                       (Constraint("budget", {"a": 1, "b": 1}, "<=", 4),
                        Constraint("time", {"a": 1, "b": 3}, "<=", 6),
                        Constraint("cap", {"a": 1}, "<=", 3)))
    result = solve(lp)
    result.verify()  # the primal point and the dual certificate, re-checked in rationals
    evidence("exact LP optimum, primal and dual certificate re-checked")
    value = sp.Rational(result.value.numerator, result.value.denominator)
    return {"optimum = 11": sp.Eq(value, 11, evaluate=False)}
''',
    # the head of a claims module that `mechverify new` creates
    "module_header": '''\
"""Claims of the paper $key, checked by mechverify."""

import sympy as sp  # noqa: F401

from verify import Forall, Ints, Reals, Source, claim  # noqa: F401

PAPER = "$paper"  # the text of your paper; line numbers in Source refer to it
''',
    # one claim stub, appended by `mechverify new`
    "stub": '''

@claim("$key/$label", source=Source(PAPER, "$label", (1, 1)),
       statement="TODO: $label as printed in the paper",
       expect="PROVED")
def $func() -> bool:
    # Return a bool computed exactly, a dict of closed relations (evaluate=False) or a Forall;
    # set source= to the statement's name and lines, and expect= to the verdict you expect.
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
    """Scaffold a paper project in `folder`; the lines to print. Nothing is written when a
    file exists (except pyproject.toml without a [tool.mechverify] table: appended to)."""
    from verify.config import has_table

    check_key(key)
    if folder.exists() and not folder.is_dir():
        raise InputError(f"init: {_shown(folder)} is a file; expected a folder")
    files = {
        folder / "claims" / "__init__.py": render("claims_init"),
        folder / "claims" / key / "__init__.py": render("package_init", key=key),
        folder / "claims" / key / "claims.py": render("claims_module", key=key,
                                                      paper=f"{key}.txt"),
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
            f"next: `mechverify check` in {_shown(folder)} (four example claims, all true); "
            f"`mechverify new L1` adds a claim stub; keep .mechverify_cache/ out of git"]


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


def new(claims: Path, label: str, key: str | None = None) -> str:
    """Append a claim stub `<key>/<label>` to `<claims>/<key>/claims.py` (created with its
    package when missing); the line to print."""
    key = check_key(key) if key is not None else default_key(claims)
    if not LABEL.match(label):
        raise InputError(f"new: label {label!r}: expected a letter or digit, then letters, "
                         "digits, '_', '.' or '-' (like 'L1', 'Thm2.a')")
    if claims.exists() and not claims.is_dir():
        raise InputError(f"new: claims folder {_shown(claims)} is a file")
    package = claims / key
    module = package / "claims.py"
    for init_file, name in ((claims / "__init__.py", "claims_init"),
                            (package / "__init__.py", "package_init")):
        if not init_file.exists():
            init_file.parent.mkdir(parents=True, exist_ok=True)
            init_file.write_text(render(name, key=key), encoding="utf-8")
    text = module.read_text(encoding="utf-8") if module.is_file() else render(
        "module_header", key=key, paper=f"{key}.txt")
    if f'"{key}/{label}"' in text:
        raise InputError(f"new: {_shown(module)} already declares {key}/{label}")
    stub = render("stub", key=key, label=label, func=_function_name(label, text))
    if "PAPER =" not in text:
        stub = stub.replace("Source(PAPER,", f'Source("{key}.txt",')
    if not text.endswith("\n"):
        text += "\n"
    module.write_text(text + stub, encoding="utf-8")
    line = text.count("\n") + 3  # after two blank lines
    return (f"added {key}/{label} to {_shown(module)}:{line}: write its statement, then "
            f"`mechverify check {key}/{label}`")
