"""The pages of the dashboard: index, one page per paper, one page per claim.

Data flows one way: the run record (verdicts, per-point values, findings, versions) and the
registry's metadata (claims with `uses`, `rests_on`, derivations, `of=`; papers; definitions)
-> HTML strings -> files. Pages are complete without JavaScript; static/site.js only adds the
claims table's filters (also read from the URL: `?verdict=REFUTED`) and sorting.
"""

from __future__ import annotations

import html
import os
import re
import shutil
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from verify.errors import InputError
from verify.html import graph as graphs
from verify.html import plots

STATUSES = ("PROVED", "CHECKED", "SAMPLED", "UNKNOWN", "VACUOUS", "REFUTED", "ERROR")
ROLES = ("statement", "step", "assumption", "repair", "variant")
PAPER_PLOTS = 8  # plots shown on a paper's page (the others on their claims' pages)
PARALLEL_FROM = 12  # plots drawn in worker processes from this many on


def e(text: Any) -> str:
    return html.escape("" if text is None else str(text))


def slug(text: str) -> str:
    """A file name for a claim id's label: letters, digits, '.', '-', '_' (and '@' as '~')."""
    return re.sub(r"[^\w.\-~]", "_", text.replace("@", "~"))


def badge(status: str | None) -> str:
    s = status or "not run"
    cls = f"v-{s}" if s in STATUSES else "v-none"
    return f'<span class="badge {cls}">{e(s)}</span>'


def sev_badge(severity: str) -> str:
    return f'<span class="badge sev sev-{slug(severity.replace(" ", "-"))}">{e(severity)}</span>'


@dataclass
class PaperData:
    key: str
    title: str
    citation: str = ""
    text: str = ""
    findings: list[Any] = field(default_factory=list)
    unencoded: list[tuple[str, str]] = field(default_factory=list)
    claims: list[Any] = field(default_factory=list)  # registry Claim objects (and definitions)
    entries: dict[str, dict[str, Any]] = field(default_factory=dict)  # record entries by id


def _papers(registry: Any, record: dict[str, Any]) -> list[PaperData]:
    out: dict[str, PaperData] = {}
    for p in record.get("papers", []):
        out[p["key"]] = PaperData(p["key"], p.get("title", p["key"]), p.get("citation", ""),
                                  p.get("text", ""),
                                  unencoded=[(u["id"], u["why"]) for u in p.get("unencoded", [])])
    for key, p in getattr(registry, "papers", {}).items():
        out[key] = PaperData(key, p.title, p.citation(), p.text, list(p.findings),
                             [(u.id, u.why) for u in p.unencoded_entries])
    for entry in record.get("claims", []):
        key = entry.get("paper") or entry["id"].split("/", 1)[0]
        out.setdefault(key, PaperData(key, key)).entries[entry["id"]] = entry
    for c in getattr(registry, "claims", {}).values():
        if c.paper in out:
            out[c.paper].claims.append(c)
    if not any(pd.findings for pd in out.values()):  # findings only in the record
        from verify.paper import Finding

        for f in record.get("findings", []):
            key = f["id"].split("/", 1)[0]
            if key in out:
                out[key].findings.append(Finding(f["id"], f["severity"], f["title"], f["explain"],
                                                 tuple(f["claims"]), tuple(f.get("holds", ()))))
    return [out[k] for k in sorted(out) if out[k].entries]


def page(title: str, body: str, depth: int, crumbs: list[tuple[str, str]] = ()) -> str:
    up = "../" * depth
    trail = "".join(f' › <a href="{e(h)}">{e(t)}</a>' for t, h in crumbs)
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{e(title)}</title>"
            f'<link rel="stylesheet" href="{up}static/site.css">'
            f'<script src="{up}static/site.js" defer></script></head><body>'
            f'<header class="top"><a href="{up}index.html">mechverify</a>'
            f'<span class="crumbs">{trail}</span></header><main>\n{body}\n</main></body></html>\n')


def _bar(counts: Counter[str]) -> str:
    total = sum(counts.values()) or 1
    colours = {s: graphs.COLOURS[s][0] for s in STATUSES}
    parts = "".join(f'<span style="width:{100 * counts[s] / total:.2f}%;background:{colours[s]}" '
                    f'title="{counts[s]} {s}"></span>' for s in STATUSES if counts[s])
    text = ", ".join(f"{counts[s]} {s}" for s in STATUSES if counts[s])
    return f'<div class="bar" role="img" aria-label="{e(text)}">{parts}</div>' \
           f'<div class="muted">{e(text)}</div>'


def _severities(findings: list[Any]) -> str:
    from verify.paper import SEVERITIES

    counts = Counter(f.severity for f in findings)
    return " ".join(f"{sev_badge(s)} ×{counts[s]}" for s in SEVERITIES if counts[s]) or \
        '<span class="muted">none</span>'


def _coverage(pd: PaperData) -> tuple[int, int]:
    encoded = {c.entry for c in pd.claims if c.kind == "claim" and c.role == "statement"}
    if not encoded:
        encoded = {e_["id"].split("/", 1)[1].split("@", 1)[0] for e_ in pd.entries.values()
                   if e_.get("role") in (None, "statement")}
    return len(encoded), len(pd.unencoded)


# --------------------------------------------------------------------------- site


@dataclass
class Site:
    registry: Any
    record: dict[str, Any]
    out: Path
    source_url: str = ""
    graph_engine: str = "auto"
    written: list[Path] = field(default_factory=list)
    engines: set[str] = field(default_factory=set)

    def write(self, rel: str, text: str) -> Path:
        path = self.out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        self.written.append(path)
        return path

    def claim_href(self, cid: str, depth: int) -> str:
        paper, label = cid.split("/", 1)
        return "../" * depth + f"{paper}/claims/{slug(label)}.html"

    def source_link(self, claim: Any, entry: dict[str, Any], depth: int) -> str:
        """A link to the claim's source line: under --source-url when given, else a relative
        link to the file (valid when the site lies in the checkout)."""
        if claim is not None and claim.file:
            path, line = Path(claim.file), claim.lineno
        else:
            loc = entry.get("location") or ""
            if ":" not in loc:
                return ""
            text, _, num = loc.rpartition(":")
            path, line = Path(text), int(num) if num.isdigit() else 0
        try:
            rel = os.path.relpath(path.resolve(), Path.cwd().resolve())
        except ValueError:
            rel = str(path)
        shown = f"{rel}:{line}"
        if self.source_url:
            url = f"{self.source_url.rstrip('/')}/{Path(rel).as_posix()}#L{line}"
        else:
            page_dir = (self.out / ("x/" * depth)).resolve().parent
            try:
                url = Path(os.path.relpath(path.resolve(), page_dir)).as_posix() + f"#L{line}"
            except ValueError:
                url = path.resolve().as_uri()
        return f'<a href="{e(url)}"><code>{e(shown)}</code></a>'


def write_site(registry: Any, record: dict[str, Any], out: Path | str, *, source_url: str = "",
               graph_engine: str = "auto") -> list[Path]:
    """Write the dashboard into `out`; the files written (pages, graphs, plots, assets)."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise InputError(f"{out}: exists and is not a folder; --html expects a folder")
    site = Site(registry, record, out, source_url, graph_engine)
    static = out / "static"
    static.mkdir(parents=True, exist_ok=True)
    for name in ("site.css", "site.js"):
        src = resources.files("verify.html").joinpath("static", name)
        with resources.as_file(src) as path:
            shutil.copyfile(path, static / name)
            site.written.append(static / name)
    papers = _papers(registry, record)
    for pd in papers:
        _paper_pages(site, pd)
    site.write("index.html", _index(site, papers))
    return site.written


def _index(site: Site, papers: list[PaperData]) -> str:
    rec = site.record
    rows = []
    for pd in papers:
        counts = Counter(x["status"] for x in pd.entries.values())
        enc, cls_e = _coverage(pd)
        rows.append(f'<tr><td><a href="{e(pd.key)}/index.html"><b>{e(pd.key)}</b></a></td>'
                    f'<td><a href="{e(pd.key)}/index.html">{e(pd.title)}</a></td>'
                    f"<td>{_severities(pd.findings)}</td><td>{_bar(counts)}</td>"
                    f'<td class="num">{len(pd.entries)}</td>'
                    f'<td class="num" data-sort="{enc}">{enc} encoded / {cls_e} class E</td></tr>')
    versions = ", ".join(f"{k} {v}" for k, v in (rec.get("versions") or {}).items())
    errors = rec.get("load_errors") or []
    err_html = ""
    if errors:
        items = "".join(f"<li><code>{e(x.get('where', x.get('id', '')))}</code>: "
                        f"{e(x.get('message', x.get('reason', '')))}</li>" for x in errors)
        err_html = f'<h2>Load errors</h2><ul class="flag">{items}</ul>'
    body = f"""<h1>Machine-checked papers</h1>
<p class="muted">Each paper's statements are encoded as claims and decided exactly; a REFUTED
claim carries a counterexample in exact numbers that <code>mechverify replay</code> re-checks.
Coverage counts the paper's statements encoded as claims and the ones left unmechanised
(class E).</p>
<table class="sortable" id="papers"><thead><tr><th>paper</th><th>title</th><th>findings</th>
<th>verdicts</th><th class="num">claims</th><th class="num">coverage</th></tr></thead>
<tbody>{''.join(rows)}</tbody></table>{err_html}
<h2>This run</h2><dl class="facts">
<dt>run date</dt><dd>{e(rec.get('created', '?'))} ({e(rec.get('seconds', '?'))} s)</dd>
<dt>commit</dt><dd><code>{e(rec.get('commit') or 'unknown')}</code></dd>
<dt>versions</dt><dd>{e(versions)}</dd>
<dt>settings</dt><dd><code>{e(rec.get('settings', {}))}</code></dd>
<dt>graph layout</dt><dd>{e(', '.join(sorted(site.engines)) or 'none')}</dd></dl>"""
    return page("mechverify: machine-checked papers", body, 0)


def _paper_pages(site: Site, pd: PaperData) -> None:
    from verify.paper import SEVERITIES

    claims = {c.id: c for c in pd.claims}
    statuses = {cid: x["status"] for cid, x in pd.entries.items()}
    hrefs = {cid: f"claims/{slug(cid.split('/', 1)[1])}.html" for cid in pd.entries}
    shown = [c for c in pd.claims if c.kind == "definition" or c.id in pd.entries]
    shown += [_from_entry(x) for cid, x in pd.entries.items() if cid not in claims]
    g = graphs.build(shown, statuses, hrefs)
    svg, engine = graphs.render(g, site.graph_engine)
    site.engines.add(engine)
    if svg:
        site.write(f"{pd.key}/graph.svg", svg)
    orphans = sorted(n.id for n in g.nodes.values() if n.orphan)
    solid = {n.id for n in g.nodes.values() if n.solid}
    jobs = [(cid, data) for cid, entry in sorted(pd.entries.items())
            if (data := plots.series(entry)) is not None]
    plotted: dict[str, list[str]] = {}
    for (cid, _), drawing in zip(jobs, _draw(jobs), strict=True):
        rel = f"plots/{slug(cid.split('/', 1)[1])}.svg"
        site.write(f"{pd.key}/{rel}", drawing)
        plotted[cid] = [rel]
    owner = {cid: f for f in pd.findings for cid in f.claims}
    used_by: dict[str, list[str]] = {}
    for a, b, kind in g.edges:
        if kind != "of":
            used_by.setdefault(a, []).append(b)
    for cid, entry in pd.entries.items():
        site.write(f"{pd.key}/{hrefs[cid]}", _claim_page(
            site, pd, entry, claims.get(cid), owner.get(cid), plotted.get(cid, []),
            used_by.get(cid, []), cid in solid, cid in orphans))
    counts = Counter(x["status"] for x in pd.entries.values())
    findings = sorted(pd.findings, key=lambda f: SEVERITIES.index(f.severity)
                      if f.severity in SEVERITIES else 99)
    enc, cls_e = _coverage(pd)
    body = [f"<h1>{e(pd.key)}: {e(pd.title)}</h1>",
            f'<p class="muted">{e(pd.citation)}' + (f". Line numbers refer to the text file "
                                                     f"<code>{e(pd.text)}</code>." if pd.text
                                                     else "") + "</p>",
            '<p class="toc"><a href="#summary">summary</a> · <a href="#dependencies">graph</a>'
            + (' · <a href="#findings">findings</a>' if findings else "")
            + (' · <a href="#plots">plots</a>' if plotted else "")
            + ' · <a href="#claims-table">every claim</a>'
            + (' · <a href="#class-e">class E</a>' if pd.unencoded else "") + "</p>",
            _summary(pd, findings, counts, enc, cls_e),
            _graph_section(svg, engine, orphans)]
    if findings:
        body.append(f'<h2 id="findings">Findings ({len(findings)})</h2><div class="cards">')
        body += [_finding_card(site, pd, f) for f in findings]
        body.append("</div>")
    if plotted:
        body.append('<h2 id="plots">Plots</h2><p class="muted">Drawn from the run record\'s '
                    "per-point values (floats, for looking: every verdict was decided exactly)."
                    '</p><div class="plots">')
        ranked = sorted(plotted, key=lambda c: (plots.series_rank(pd.entries[c]), c))
        for cid in ranked[:PAPER_PLOTS]:
            body.append(f'<figure><a href="{e(hrefs[cid])}"><img class="plot" '
                        f'src="{e(plotted[cid][0])}" loading="lazy" width="900" '
                        f'alt="both sides and margin of {e(cid)} at each checked point"></a>'
                        f"<figcaption><code>{e(cid)}</code></figcaption></figure>")
        body.append("</div>")
        if len(ranked) > PAPER_PLOTS:
            body.append(f'<p class="muted">{len(ranked) - PAPER_PLOTS} more plotted claims: '
                        + ", ".join(f'<a href="{e(hrefs[c])}"><code>{e(c)}</code></a>'
                                    for c in ranked[PAPER_PLOTS:]) + "</p>")
    body.append(_claims_table(pd, hrefs, solid, set(orphans)))
    if pd.unencoded:
        rows = "".join(f"<tr><td><code>{e(u)}</code></td><td>{e(why)}</td></tr>"
                       for u, why in pd.unencoded)
        body.append(f'<h2 id="class-e">Not mechanised (class E)</h2><table><thead><tr>'
                    f"<th>entry</th><th>why</th></tr></thead><tbody>{rows}</tbody></table>")
    site.write(f"{pd.key}/index.html", page(f"{pd.key}: {pd.title}", "\n".join(body), 1,
                                            [(pd.key, "index.html")]))


def _from_entry(x: dict[str, Any]) -> Any:
    """A graph node for a recorded claim the registry no longer has (its `of` edge only)."""
    from types import SimpleNamespace

    return SimpleNamespace(id=x["id"], kind="claim", role=x.get("role") or "statement",
                           of=x.get("of"), uses=(), rests_on=(), by=None,
                           statement=x.get("statement") or "")


def _draw(jobs: list[tuple[str, dict[str, Any]]]) -> list[str]:
    """The plots' SVGs, drawn in forked worker processes (one per core) when there are many."""
    if len(jobs) < PARALLEL_FROM or (os.cpu_count() or 1) < 2:
        return [plots.plot_job(j) for j in jobs]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    plots.plot_job(jobs[0])  # import matplotlib once, before forking
    ctx = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(min(os.cpu_count() or 1, 4), mp_context=ctx) as pool:
        return list(pool.map(plots.plot_job, jobs, chunksize=4))


def _summary(pd: PaperData, findings: list[Any], counts: Counter[str], enc: int,
             cls_e: int) -> str:
    statements = sum(1 for x in pd.entries.values() if x.get("role") == "statement")
    steps = sum(1 for x in pd.entries.values() if x.get("role") == "step")
    verdicts = ", ".join(f"{counts[s]} {s}" for s in STATUSES if counts[s])
    lines = [f"<p>We encoded {enc} of the paper's statements as machine-checked claims "
             f"({statements} statement claims and {steps} proof steps, {len(pd.entries)} claims "
             f"in all, readings counted separately); {cls_e} "
             f"{'entry is' if cls_e == 1 else 'entries are'} not mechanised (class E). "
             f"Verdicts: {e(verdicts)}.</p>"]
    if findings:
        items = "".join(f"<li><b>{e(f.title)}</b> ({e(f.severity)}). {e(f.explain)}</li>"
                        for f in findings)
        lines.append(f"<p>The check found {len(findings)} "
                     f"finding{'s' if len(findings) != 1 else ''}:</p><ol>{items}</ol>"
                     "<p>Each refutation comes with a counterexample in exact numbers, replayable "
                     "with the command shown on its card.</p>")
    else:
        lines.append("<p>No findings: every encoded statement held on its stated scope.</p>")
    return f'<h2 id="summary">Summary</h2><div class="summary">{"".join(lines)}</div>'


def _witness(entry: dict[str, Any]) -> tuple[dict[str, Any] | None, str]:
    from verify.store import read_witness_file

    path = entry.get("witness")
    if not path:
        return None, ""
    try:
        return read_witness_file(path), ""
    except InputError as exc:
        return None, str(exc)


def _witness_html(entry: dict[str, Any]) -> str:
    data, problem = _witness(entry)
    if data is None:
        return f'<p class="flag">witness unreadable: {e(problem)}</p>' if problem else ""
    ff = data.get("first_false") or {}
    at = {**(data.get("params") or {}), **(data.get("assignment") or {})}
    point = ", ".join(f"{k} = {_exact(v)}" for k, v in at.items()) or "the closed statement"
    replay = data.get("replay") or f"mechverify replay {entry.get('witness')}"
    return (f'<dl class="facts witness"><dt>witness</dt><dd class="side">at {e(point)}</dd>'
            f"<dt>false</dt><dd><code>{e(ff.get('name', ''))}</code>: "
            f"<code>{e(ff.get('relation', ''))}</code></dd>"
            f'<dt>left side</dt><dd class="side">{e(ff.get("lhs", ""))}</dd>'
            f'<dt>right side</dt><dd class="side">{e(ff.get("rhs", ""))}</dd>'
            f"<dt>replay</dt><dd><code>{e(replay)}</code></dd></dl>")


def _exact(value: Any) -> str:
    if isinstance(value, dict):
        if "root_of" in value:
            return f"root of {value.get('root_of')} in {value.get('interval', '')} " \
                   f"(≈ {value.get('approx', '?')})"
        if "text" in value:
            return str(value["text"])
        return ", ".join(f"{k}: {_exact(v)}" for k, v in value.items())
    if isinstance(value, list):
        return "(" + ", ".join(_exact(v) for v in value) + ")"
    return str(value)


def _finding_card(site: Site, pd: PaperData, f: Any) -> str:
    parts = [f'<div class="card sev-{slug(f.severity.replace(" ", "-"))}" id="{e(slug(f.id))}">'
             f"<h3>{e(f.title)}</h3><p>{sev_badge(f.severity)} <code>{e(f.id)}</code></p>"
             f"<p>{e(f.explain)}</p>"]
    claims = {c.id: c for c in pd.claims}
    for cid in f.claims:
        entry = pd.entries.get(cid)
        c = claims.get(cid)
        label = cid.split("/", 1)[1]
        parts.append(f'<h4><a href="claims/{e(slug(label))}.html"><code>{e(cid)}</code></a> '
                     f"{badge(entry['status'] if entry else None)} "
                     f"{e(entry['scope'] if entry else 'not run')}</h4>")
        if c is not None:
            parts.append(f"<p>Statement ({e(c.source)}): {e(c.statement)}</p>")
        if entry:
            parts.append(_witness_html(entry))
    if f.holds:
        items = "".join(
            f'<li><a href="claims/{e(slug(h.split("/", 1)[1]))}.html"><code>{e(h)}</code></a> '
            f"{badge(pd.entries[h]['status'] if h in pd.entries else None)} "
            f"{e(pd.entries[h]['scope'] if h in pd.entries else '')}</li>" for h in f.holds)
        parts.append(f"<p>What still holds:</p><ul>{items}</ul>")
    parts.append("</div>")
    return "".join(parts)


def _graph_section(svg: str, engine: str, orphans: list[str]) -> str:
    legend = "".join(f'<span>{badge(s)}</span>' for s in STATUSES) + (
        '<span><span class="badge" style="background:#e3f2fd">definition</span></span>'
        f"<span>{graphs.SOLID_MARK} this and everything it rests on is PROVED</span>"
        '<span class="flag">? no statement depends on it</span>')
    edges = ("edges run from what a claim rests on to the claim: dashed, a definition it uses; "
             "solid, a lemma it rests on; bold green, a premise of its derivation; dotted, from a "
             "proof step to its statement")
    flagged = ""
    if orphans:
        items = ", ".join(f'<a href="claims/{e(slug(o.split("/", 1)[1]))}.html"><code>{e(o)}'
                          f"</code></a>" for o in orphans)
        flagged = (f'<p class="flag">Claims no statement depends on ({len(orphans)}; a '
                   f"disconnected node is often a mis-encoding): {items}</p>")
    body = (f'<div class="graph" id="graph">{svg}</div>' if svg
            else "<p class=\"muted\">no claims to draw</p>")
    return (f'<h2 id="dependencies">Dependency graph</h2><p class="legend">{legend}</p>'
            f'<p class="muted">{e(edges)}. Layout: {e(engine)}. '
            f'<a href="graph.svg">graph.svg</a></p>{flagged}{body}')


def _claims_table(pd: PaperData, hrefs: dict[str, str], solid: set[str],
                  orphans: set[str]) -> str:
    rows = []
    for cid, x in sorted(pd.entries.items()):
        reading = (x.get("reading") or "") + (f" ({x['reading_kind']})" if x.get("reading_kind")
                                               else "")
        role = x.get("role") or ""
        marks = (f" {graphs.SOLID_MARK}" if cid in solid else "") + (
            ' <span class="flag" title="no statement depends on it">?</span>'
            if cid in orphans else "")
        rows.append(
            f'<tr data-verdict="{e(x["status"])}" data-role="{e(role)}">'
            f'<td><a href="{e(hrefs[cid])}"><code>{e(cid)}</code></a>{marks}</td>'
            f"<td>{e(role)}{' (analogue)' if x.get('analogue') else ''}</td><td>{e(reading)}</td>"
            f'<td data-sort="{STATUSES.index(x["status"]) if x["status"] in STATUSES else 9}">'
            f"{badge(x['status'])}</td><td>{e(x.get('scope'))}</td>"
            f"<td>{e(x.get('backend'))}</td>"
            f'<td class="num" data-sort="{x.get("seconds") or 0}">{x.get("seconds") or 0:.2f}</td>'
            "</tr>")
    verdicts = "".join(f'<option value="{s}">{s}</option>' for s in STATUSES)
    roles = "".join(f'<option value="{r}">{r}</option>' for r in ROLES)
    return f"""<h2 id="claims-table">Every claim (<span id="shown">{len(rows)}</span> of {len(rows)})</h2>
<form id="filters" class="filters" hidden><label>search <input name="q" type="search"></label>
<label>verdict <select name="verdict"><option value="">any</option>{verdicts}</select></label>
<label>role <select name="role"><option value="">any</option>{roles}</select></label>
<span class="muted">click a column head to sort</span></form>
<table class="sortable" id="claims"><thead><tr><th>claim</th><th>role</th><th>reading</th>
<th>verdict</th><th>scope</th><th>back-end</th><th class="num">seconds</th></tr></thead>
<tbody>{''.join(rows)}</tbody></table>"""


def _claim_page(site: Site, pd: PaperData, x: dict[str, Any], c: Any, finding: Any,
                plot_files: list[str], used_by: list[str], solid: bool, orphan: bool) -> str:
    cid = x["id"]
    depth = 2
    link = site.source_link(c, x, depth)
    facts = [("paper's words", e(x.get("statement"))),
             ("where printed", e(x.get("source"))),
             ("role", e(x.get("role")) + (
                 f' of <a href="{e(slug(x["of"].split("/", 1)[1]))}.html"><code>{e(x["of"])}'
                 "</code></a>" if x.get("of") and x["of"] in pd.entries else
                 (f" of <code>{e(x['of'])}</code>" if x.get("of") else "")))]
    if x.get("reading"):
        facts.append(("reading", f"<code>{e(x['reading'])}</code> ({e(x.get('reading_kind'))})"
                      + (f": {e(c.reading_text)}" if c is not None and c.reading_text else "")))
    departures = [(k, v) for k, v in (("deviation", x.get("deviation")),
                                      ("analogue", x.get("analogue")),
                                      ("note", getattr(c, "note", None))) if v]
    dep_html = "".join(f"<li><b>{e(k)}</b>: {e(v)}</li>" for k, v in departures) or \
        "<li>none declared: the encoding states the printed text</li>"
    evidence = "".join(f"<li>{e(v)}</li>" for v in x.get("evidence") or [])
    premises = []
    if c is not None:
        for ref, kind in [(r, "rests on") for r in c.rests_on] + [
                (p, "derivation premise") for p in (c.by.premises if c.by else ())] + [
                (u, "uses") for u in c.uses]:
            label = ref.split("/", 1)[1] if "/" in ref else ref
            target = (f'<a href="{e(slug(label))}.html"><code>{e(ref)}</code></a>'
                      if ref in pd.entries else f"<code>{e(ref)}</code>")
            status = badge(pd.entries[ref]["status"]) if ref in pd.entries else ""
            premises.append(f"<li>{e(kind)}: {target} {status}</li>")
        if c.by is not None:
            premises.append(f"<li>rule (trusted, named): {e(c.by.rule)}</li>")
    users = "".join(f'<li><a href="{e(slug(u.split("/", 1)[1]))}.html"><code>{e(u)}</code></a> '
                    f"{badge(pd.entries[u]['status'] if u in pd.entries else None)}</li>"
                    for u in sorted(set(used_by)))
    pts = x.get("points") or {}
    pts_text = (f"{pts.get('seen')} parameter points decided; {pts.get('kept')} kept in the run "
                "record for plots" if pts else "")
    body = [f"<h1><code>{e(cid)}</code> {badge(x['status'])}"
            + (f" {graphs.SOLID_MARK}" if solid else "") + "</h1>",
            '<dl class="facts">' + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in facts)
            + (f"<dt>encoded at</dt><dd>{link}</dd>" if link else "") + "</dl>",
            f"<h2>Departures from the printed text</h2><ul>{dep_html}</ul>",
            "<h2>Verdict</h2>",
            f'<dl class="facts"><dt>verdict</dt><dd>{badge(x["status"])} '
            f"(expected {e(x.get('expected') or 'PROVED or CHECKED')}, gate {e(x.get('gate'))})"
            f"</dd><dt>scope</dt><dd>{e(x.get('scope'))}</dd>"
            f"<dt>back-end</dt><dd>{e(x.get('backend'))} ({x.get('seconds') or 0:.2f} s"
            f"{', cached' if x.get('cached') else ''})</dd>"
            + (f"<dt>reason</dt><dd>{e(x['reason'])}</dd>" if x.get("reason") else "")
            + (f"<dt>points</dt><dd>{e(pts_text)}</dd>" if pts_text else "")
            + f"</dl><h3>Evidence</h3><ul>{evidence or '<li>none</li>'}</ul>"]
    if solid:
        body.append(f"<p>{graphs.SOLID_MARK} This claim and everything it rests on is PROVED.</p>")
    if orphan:
        body.append('<p class="flag">No statement depends on this claim, and it is no step of '
                    "one: a disconnected claim is often a mis-encoding.</p>")
    if finding is not None:
        body.append(f'<h2>Finding</h2><p>{sev_badge(finding.severity)} <a href="../index.html#'
                    f'{e(slug(finding.id))}">{e(finding.title)}</a></p>')
    wit = _witness_html(x)
    if wit:
        body.append(f"<h2>Counterexample</h2>{wit}")
    if premises or users:
        body.append("<h2>Dependencies</h2>" + (f"<ul>{''.join(premises)}</ul>" if premises else "")
                    + (f"<p>Used by:</p><ul>{users}</ul>" if users else ""))
    if plot_files:
        imgs = "".join(f'<img class="plot" src="../{e(p)}" alt="{e(cid)} plot" width="900">'
                       for p in plot_files)
        body.append(f'<h2 id="plots">Plots</h2><div class="plots">{imgs}</div><p class="muted">Floats drawn '
                    "from the run record's per-point values; the verdict was decided exactly.</p>")
    return page(cid, "\n".join(body), depth,
                [(pd.key, "../index.html"), (cid.split("/", 1)[1], f"{slug(cid.split('/', 1)[1])}.html")])
