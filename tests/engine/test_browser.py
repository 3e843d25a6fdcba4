"""The HTML dashboard (#14) as a person sees it: a small paper project is checked and its site
rendered in headless Chromium (Debian's `chromium`, driven by its own command line). The index,
a paper page and a claim page load without console errors; the dependency graph and a plot are
visible in screenshots (their colours present, the regions not blank); the claims table's
filter works (`?verdict=REFUTED`). Without Chromium the tests skip, except where
MECHVERIFY_REQUIRE_BROWSER is set (CI: .ci/run sets it), where a skip is a failure."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Project

pytestmark = pytest.mark.browser

DEMO = '''
import sympy as sp

from claims.p900_demo import paper
from verify import Derivation, Forall, Ints, Reals

x = sp.Symbol("x", real=True)
paper.definition("D.f", at=("Definition 1", 3), says="f(k) = 2^k + 10.")


@paper.claim("T1", at=("Theorem 1", 10, 12), says="k^2 < 2^k + 10 for every integer k >= 1.",
             over={"k": Ints(1)}, limit={"k": 200}, uses=("p900/D.f",), expect="CHECKED")
def t1(k: int) -> dict:
    return {"k^2 < f(k)": sp.Lt(sp.Integer(k) ** 2, 2 ** sp.Integer(k) + 10, evaluate=False)}


@paper.claim("T1.step", at=("Proof of Theorem 1", 14), role="step", of="T1",
             says="x^2 + 1 >= 2x for x >= 0.", expect="PROVED")
def t1_step() -> Forall:
    return Forall({x: Reals(0)}, then={"am-gm": sp.Ge(x**2 + 1, 2 * x)})


@paper.claim("T2", at=("Theorem 2", 20), says="2^k > k^2 for every integer k in 1..5.",
             over={"k": Ints(1, 5)}, expect="REFUTED")
def t2(k: int) -> dict:
    return {"2^k > k^2": sp.Gt(2 ** sp.Integer(k), sp.Integer(k) ** 2, evaluate=False)}


@paper.claim("T3", at=("Corollary 3", 30), says="x^2 + 1 >= 2x at x = k for every k >= 1.",
             over={"k": Ints(1)}, limit={"k": 5}, expect="PROVED",
             by=Derivation(("p900/T1.step",), "instantiate x := k"))
def t3(k: int) -> dict:
    return {"k^2 + 1 >= 2k": sp.Ge(sp.Integer(k) ** 2 + 1, 2 * sp.Integer(k), evaluate=False)}


@paper.claim("R1", at=("Remark 4", 40), role="repair", says="1 + 1 = 2.", expect="PROVED")
def r1() -> bool:
    return 1 + 1 == 2


paper.finding("t2-false", severity="false statement", title="Theorem 2 fails at k = 2",
              explain="2^2 = 4 = 2^2: the strict inequality fails.", claims=("T2",))
paper.unencoded("T5", "needs measure theory")
'''
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars", "--enable-logging=stderr", "--v=0"]
SECONDS = 90


def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        exe = shutil.which(name)
        if exe:
            return exe
    if os.environ.get("MECHVERIFY_REQUIRE_BROWSER"):
        pytest.fail("Chromium is not installed, and MECHVERIFY_REQUIRE_BROWSER is set (CI): "
                    "install Debian's chromium (see .ci/run)")
    pytest.skip("Chromium is not installed (Debian: apt-get install chromium)")


def browse(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run([chromium(), *FLAGS, f"--user-data-dir={profile}", *args, url],
                              capture_output=True, text=True, timeout=SECONDS, check=False)


def console(stderr: str) -> list[str]:
    """The page's console messages and uncaught errors from Chromium's log."""
    return [ln for ln in stderr.splitlines() if ":CONSOLE" in ln or "Uncaught" in ln]


def screenshot(url: str, path: Path, width: int, height: int) -> object:
    from PIL import Image

    done = browse(url, f"--screenshot={path}", f"--window-size={width},{height}")
    assert path.is_file(), done.stderr[-2000:]
    assert not console(done.stderr), console(done.stderr)
    return Image.open(path).convert("RGB")


def mask(image: object, hex_colour: str, tolerance: int = 10) -> Any:
    """Where the screenshot has the colour (a boolean array, rows x columns)."""
    import numpy as np

    target = np.array([int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)])
    pixels = np.asarray(image, dtype=int)
    return (np.abs(pixels - target) <= tolerance).all(axis=2)


def tallest_run(where: Any) -> int:
    """The longest vertical run of True in a mask: a graph node's fill is ~28 px tall, a
    badge's (legend, table) at most 20."""
    import numpy as np

    run = np.zeros(where.shape[1], dtype=int)
    best = 0
    for row in where:
        run = (run + 1) * row
        best = max(best, int(run.max()))
    return best


def drawn(image: object, where: Any) -> float:
    """Pixel standard deviation of the bounding box of `where`, grown by 40 px: ~0 if blank."""
    import numpy as np
    from PIL import ImageStat

    ys, xs = np.nonzero(where)
    box = (max(int(xs.min()) - 40, 0), max(int(ys.min()) - 40, 0), int(xs.max()) + 40,
           int(ys.max()) + 40)
    return ImageStat.Stat(image.crop(box).convert("L")).stddev[0]  # type: ignore[attr-defined]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    chromium()  # skip (or fail, in CI) before building anything
    project = Project(tmp_path_factory.mktemp("dash"))
    (project.path / "claims" / "p900_demo" / "__init__.py").write_text(
        'from verify.paper import Paper\n\npaper = Paper("p900", "A Demo Paper <Dashboard>", '
        'authors="A. Author", year=2026)\n')
    project.module("claims", DEMO)
    r = project.run("check", "--jobs", "1", "--record", "run.json")
    assert r.returncode == 0, r.stdout + r.stderr
    r = project.run("report", "--record", "run.json", "--html", "site")
    assert r.returncode == 0 and "wrote site/index.html" in r.stdout, r.stdout + r.stderr
    return project.path / "site"


def test_three_pages_load_without_console_errors(site: Path) -> None:
    for page, expect in ((site / "index.html", "A Demo Paper"),
                         (site / "p900" / "index.html", "Theorem 2 fails at k = 2"),
                         (site / "p900" / "claims" / "T1.html", "k^2 &lt; 2^k + 10")):
        done = browse(page.as_uri(), "--dump-dom")
        assert done.returncode == 0, done.stderr[-2000:]
        assert expect in done.stdout, done.stdout[:2000]
        assert not console(done.stderr), console(done.stderr)


def test_graph_and_plot_are_visible(site: Path, tmp_path: Path) -> None:
    from verify.html.graph import COLOURS

    paper = screenshot((site / "p900" / "index.html").as_uri(), tmp_path / "paper.png",
                       1100, 3200)
    for status in ("PROVED", "CHECKED", "REFUTED"):  # graph nodes, coloured by verdict
        where = mask(paper, COLOURS[status][0])
        assert tallest_run(where) >= 24, (status, tallest_run(where))
        assert drawn(paper, where) > 20
    claim = screenshot((site / "p900" / "claims" / "T1.html").as_uri(), tmp_path / "claim.png",
                       1100, 2400)
    line = mask(claim, "#1f77b4", tolerance=40)  # matplotlib's first colour: the plot's lines
    assert line.sum() > 200, int(line.sum())
    assert drawn(claim, line) > 20


def test_verdict_filter_from_the_url(site: Path) -> None:
    done = browse((site / "p900" / "index.html").as_uri() + "?verdict=REFUTED", "--dump-dom")
    rows = re.findall(r'<tr data-verdict="(\w+)" data-role="\w+"( hidden="")?>', done.stdout)
    assert len(rows) == 5, rows
    shown = [v for v, hidden in rows if not hidden]
    assert shown == ["REFUTED"], rows
    assert re.search(r'id="shown">1<', done.stdout), "the count follows the filter"
    assert '<form id="filters" class="filters">' in done.stdout  # JS showed the form
    assert not console(done.stderr), console(done.stderr)
