"""Certificates as data: stored beside witnesses, written for positive verdicts, audited.

Three uses of one certificate type, :class:`verify.mech.lp.Certificate`:

* **Witnesses.** While the engine decides a point it records every LP solved
  (:func:`verify.mech.lp.recording`). When the point refutes the claim, the certificates of the
  LPs the claim's own code solved are written next to the witness,
  ``<store>/<paper>/certificates/<entry>/<lp hash>.cert``, and referenced from its
  ``certificates`` field with the sha256 of each file. Replay reads them back
  (:func:`witness_book`) and runs the claim in replay mode (:func:`verify.mech.lp.replaying`):
  each LP the claim rebuilds is looked up by its content hash and its certificate re-checked in
  Fraction arithmetic, so no solver is imported.
* **Positive verdicts.** ``mechverify check --certificates DIR`` writes, per PROVED/CHECKED
  claim, ``DIR/<paper>/<entry>/manifest.json`` and one file per item: an LP with its
  certificate (``lp-<n>.json``), a z3 query in SMT-LIB 2 (``query-<n>.smt2``), or for an
  enumeration a note that its audit is a re-run. Sizes are capped (MAX_ITEMS, MAX_BYTES per
  claim); the manifest says when a cap cut the list.
* **Audit.** ``mechverify audit DIR`` (:func:`audit`) re-verifies every LP certificate in
  Fraction arithmetic against the LP stored beside it (whose hash must match the certificate's
  ``lp_sha256``), checks every file's sha256, and imports no solver.

Everything read here is parsed strictly (bounded sizes, exact-number grammar, unknown fields
refused) and nothing is evaluated as code; a defect is an InputError naming file and field.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import time
from collections.abc import Iterable, Mapping, Sequence
from contextlib import AbstractContextManager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from verify.errors import InputError, VerifyError
from verify.mech.lp import (
    Certificate,
    CertificateError,
    LinearProgram,
    _load_json,
    collecting,
    lp_from_data,
    lp_sha256,
    lp_to_data,
)
from verify.store import atomic_write, read_bounded, utf8

SUFFIX = ".cert"  # not .json: the witness store lists *.json as witnesses
MAX_WITNESS_BYTES = 32 * 1024**2  # certificates stored with one witness
MAX_ITEMS = 50  # items written per claim by `check --certificates`
MAX_BYTES = 32 * 1024**2  # bytes written per claim by `check --certificates`
MAX_FILE = 256 * 1024**2  # largest certificate file read
MANIFEST = "manifest.json"
MANIFEST_FORMAT = "mechverify-certificates/1"
_HEX = re.compile(r"[0-9a-f]{64}", re.ASCII)

Log = Sequence[tuple[LinearProgram, Certificate]]

# z3 queries answered unsat while a `collecting_smt()` block is active (SMT-LIB 2 text)
_SMT: ContextVar[list[str] | None] = ContextVar("mechverify_smt_log", default=None)


def collecting_smt() -> AbstractContextManager[list[str]]:
    """Collect the SMT-LIB 2 text of every z3 query answered unsat inside the block."""
    return collecting(_SMT)  # type: ignore[arg-type]


def note_unsat(solver: Any) -> None:
    """Called by the z3 back-end on unsat: keep the query (only when collecting)."""
    found = _SMT.get()
    if found is not None and len(found) < MAX_ITEMS:
        found.append(solver.to_smt2())


def unique(log: Iterable[tuple[LinearProgram, Certificate]]) -> list[tuple[str, LinearProgram,
                                                                          Certificate]]:
    """The logged (lp hash, lp, certificate), each LP once, in order of first solve."""
    out: dict[str, tuple[str, LinearProgram, Certificate]] = {}
    for lp, cert in log:
        key = lp_sha256(lp)
        out.setdefault(key, (key, lp, cert))
    return list(out.values())


MAX_BOOK = 20_000  # certificates kept per claim run for its witness


def extend_book(book: dict[str, Certificate], log: Iterable[tuple[LinearProgram, Certificate]]
                ) -> None:
    """Add the logged certificates to `book` (LP hash -> certificate), at most MAX_BOOK."""
    for lp, cert in log:
        if len(book) >= MAX_BOOK:
            return
        book.setdefault(lp_sha256(lp), cert)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _read(path: Path, where: str) -> bytes:
    try:
        return read_bounded(path, MAX_FILE, "certificate file")
    except InputError as exc:
        raise InputError(f"{where}: {exc}") from None


def _json(raw: bytes, where: str) -> Any:
    return _load_json(utf8(raw, where), where)


# --------------------------------------------------------------------------- witnesses


def witness_folder(witness_path: Path) -> Path:
    """Where the certificates of the witness at `witness_path` live."""
    return witness_path.parent / "certificates" / witness_path.stem


def write_witness_certificates(witness_path: Path, log: Log | Mapping[str, Certificate]
                               ) -> list[dict[str, str]]:
    """Write the certificates of `log` ((lp, certificate) pairs, or certificates by LP hash)
    for the witness at `witness_path` (replacing any earlier ones); return the references for
    its `certificates` field. Beyond MAX_WITNESS_BYTES the rest are not stored (replaying
    them then needs a solver)."""
    book: dict[str, Certificate] = {}
    if isinstance(log, Mapping):
        book.update(log)
    else:
        extend_book(book, log)
    folder = witness_folder(witness_path)
    shutil.rmtree(folder, ignore_errors=True)
    refs: list[dict[str, str]] = []
    total = 0
    for key, cert in book.items():
        text = cert.to_json(key) + "\n"
        total += len(text)
        if total > MAX_WITNESS_BYTES:
            break
        path = folder / f"{key}{SUFFIX}"
        atomic_write(path, text)
        rel = path.relative_to(witness_path.parent).as_posix()
        refs.append({"kind": "lp", "sha256": _sha(text.encode()), "file": rel})
    return refs


def remove_witness_certificates(witness_path: Path) -> None:
    shutil.rmtree(witness_folder(witness_path), ignore_errors=True)


def witness_book(data: Mapping[str, Any]) -> dict[str, Certificate]:
    """The LP certificates a parsed witness references, by LP hash, each file's sha256 and
    its content checked (InputError naming the witness and the reference otherwise). The
    certificates' mathematics is checked later, against the LP the claim rebuilds."""
    path = Path(data.get("_path", "."))
    book: dict[str, Certificate] = {}
    for i, ref in enumerate(data.get("certificates", ())):
        where = f"{path}: certificates[{i}]"
        if ref["kind"] != "lp":
            raise InputError(f"{where}: kind {ref['kind']!r}; this version reads 'lp'")
        raw = _read(path.parent / PurePosixPath(ref["file"]), where)
        if _sha(raw) != ref["sha256"]:
            raise InputError(f"{where}: {ref['file']}: sha256 mismatch: the certificate file "
                             "changed since the witness was written")
        obj = _json(raw, f"{where}: {ref['file']}")
        cert = Certificate.from_data(obj, f"{where}: {ref['file']}")
        key = obj.get("lp_sha256")
        if key is None:
            raise InputError(f"{where}: {ref['file']}: missing field 'lp_sha256'")
        book[key] = cert
    return book


# --------------------------------------------------------------------------- positive verdicts


@dataclass
class Evidence:
    """What one claim's positive verdict rests on, collected over all its points."""

    lps: list[tuple[LinearProgram, Certificate]]
    smt: list[str]
    backends: str


def write_verdict(root: Path | str, claim_id: str, status: str, scope: str,
                  evidence: Sequence[str], found: Evidence) -> Path:
    """Write DIR/<paper>/<entry>/ for a PROVED/CHECKED verdict: a manifest and its items."""
    paper, entry = claim_id.split("/", 1)
    folder = Path(root) / paper / entry
    shutil.rmtree(folder, ignore_errors=True)
    items: list[dict[str, Any]] = []
    cut: list[str] = []
    total = 0
    lps = unique(found.lps)
    for n, (key, lp, cert) in enumerate(lps):
        text = json.dumps({"lp": lp_to_data(lp), "certificate": cert.to_data(key)},
                          sort_keys=True) + "\n"
        if len(items) >= MAX_ITEMS or total + len(text) > MAX_BYTES:
            cut.append(f"{len(lps) - n} of {len(lps)} LP certificates not written (cap "
                       f"{MAX_ITEMS} items, {MAX_BYTES // 2**20} MiB per claim)")
            break
        total += len(text)
        name = f"lp-{n + 1}.json"
        atomic_write(folder / name, text)
        items.append({"kind": "lp", "file": name, "sha256": _sha(text.encode())})
    for n, query in enumerate(found.smt):
        if len(items) >= MAX_ITEMS or total + len(query) > MAX_BYTES:
            cut.append(f"{len(found.smt) - n} of {len(found.smt)} SMT-LIB queries not written")
            break
        total += len(query)
        name = f"query-{n + 1}.smt2"
        atomic_write(folder / name, query)
        items.append({"kind": "smt", "file": name, "sha256": _sha(query.encode()),
                      "expect": "unsat"})
    if not items:
        items.append({"kind": "rerun", "note": (
            f"this verdict rests on {found.backends or 'exact evaluation'} with no LP or z3 "
            f"certificate; its audit is a re-run: mechverify check {claim_id} --no-cache")})
    manifest = {"format": MANIFEST_FORMAT, "claim": claim_id, "status": status,
                "scope": scope, "evidence": list(evidence), "items": items, "capped": cut}
    atomic_write(folder / MANIFEST, json.dumps(manifest, indent=1, ensure_ascii=False) + "\n")
    return folder


@dataclass(frozen=True)
class AuditRow:
    claim: str
    kind: str
    result: str
    ok: bool
    seconds: float


def _audit_lp(folder: Path, item: Mapping[str, Any], where: str) -> str:
    raw = _read(folder / _relative(item.get("file"), where), where)
    if _sha(raw) != item.get("sha256"):
        raise CertificateError(f"{item.get('file')}: sha256 mismatch (file changed)")
    obj = _json(raw, f"{where}: {item['file']}")
    if not isinstance(obj, dict) or set(obj) != {"lp", "certificate"}:
        raise InputError(f"{where}: {item['file']}: expected an object with 'lp' and "
                         "'certificate'")
    lp = lp_from_data(obj["lp"], f"{where}: {item['file']}: lp")
    cert = Certificate.from_data(obj["certificate"], f"{where}: {item['file']}: certificate")
    key = lp_sha256(lp)
    if obj["certificate"].get("lp_sha256") != key:
        raise CertificateError(f"{item['file']}: the certificate is for LP "
                               f"{str(obj['certificate'].get('lp_sha256'))[:16]}, the file "
                               f"holds LP {key[:16]}")
    cert.verify(lp)
    return f"{cert.kind} {'' if cert.value is None else cert.value} certified".replace("  ", " ")


def _relative(file: object, where: str) -> PurePosixPath:
    ok = isinstance(file, str) and 0 < len(file) <= 200 and "\\" not in file
    p = PurePosixPath(file) if ok else PurePosixPath(".")
    if not ok or p.is_absolute() or ".." in p.parts or len(p.parts) != 1:
        raise InputError(f"{where}: item file: expected a file name in the same folder")
    return p


def audit(root: Path | str) -> list[AuditRow]:
    """Re-verify every manifest under `root` without a solver: one row per item."""
    root = Path(root)
    if not root.is_dir():
        raise InputError(f"{root}: no such certificates folder")
    rows: list[AuditRow] = []
    for manifest in sorted(root.rglob(MANIFEST)):
        folder = manifest.parent
        t0 = time.process_time()
        try:
            data = _json(read_bounded(manifest, MAX_FILE, "manifest"), str(manifest))
            if not isinstance(data, dict) or data.get("format") != MANIFEST_FORMAT or \
                    not isinstance(data.get("items"), list) or not isinstance(
                        data.get("claim"), str):
                raise InputError(f"{manifest}: not a {MANIFEST_FORMAT} manifest")
        except VerifyError as exc:
            rows.append(AuditRow(str(folder.relative_to(root)), "manifest", str(exc), False,
                                 time.process_time() - t0))
            continue
        claim = data["claim"][:200]
        capped = "; ".join(str(c) for c in data.get("capped") or [])
        for i, item in enumerate(data["items"]):
            t0 = time.process_time()
            where = f"{manifest}: items[{i}]"
            kind = item.get("kind") if isinstance(item, dict) else None
            try:
                if kind == "lp":
                    result, ok = _audit_lp(folder, item, where), True
                elif kind == "smt":
                    raw = _read(folder / _relative(item.get("file"), where), where)
                    if _sha(raw) != item.get("sha256"):
                        raise CertificateError(f"{item.get('file')}: sha256 mismatch")
                    result, ok = ("query stored (SMT-LIB 2), expected unsat: re-run it with "
                                  "any SMT solver"), True
                elif kind == "rerun":
                    result, ok = "no certificate: the audit is a re-run (mechverify check)", True
                else:
                    raise InputError(f"{where}: unknown item kind {str(kind)[:20]!r}")
            except VerifyError as exc:
                result, ok = f"FAILED: {exc}", False
            rows.append(AuditRow(claim, str(kind), result, ok, time.process_time() - t0))
        if capped:
            rows.append(AuditRow(claim, "cap", f"partial: {capped}", True, 0.0))
    return rows
