"""The witness store: counterexamples/<paper>/<entry>[@<reading>].json.

Files are readable JSON with exact numbers, reviewed like code, replayed first on every run.
They are also input other people send: reading one never evaluates anything (verify.exact
parses every number by a grammar), and a malformed file is an InputError naming the file and
the field, never another exception. The writer writes format 2 (docs/witness-format.md); the
reader accepts formats 1 and 2. Writes are atomic: a temp file in the same folder, then
os.replace(), so concurrent writers and readers never see a half-written file.
"""

from __future__ import annotations

import json
import os
import re
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict
from pathlib import Path, PurePosixPath
from typing import Any

from verify import config, exact
from verify.config import ReplayContext
from verify.errors import InputError
from verify.verdict import Witness

FORMAT = 2
SUPPORTED = (1, 2)
MAX_BYTES = 16 * 1024 * 1024  # a witness is kilobytes; 10^1000000 still fits
REQUIRED = ("format", "claim", "statement_sha256", "params", "assignment", "first_false",
            "found_by", "backend_version")
# format-2 fields in file order; the optional ones with their defaults
FIELDS = (*REQUIRED[:6], "notes", *REQUIRED[6:], "finding", "certificates", "created_with",
          "replay")
DEFAULTS: dict[str, Any] = {"notes": {}, "finding": None, "certificates": [],
                            "created_with": None, "replay": ""}
_SHA256 = re.compile(r"[0-9a-f]{64}", re.ASCII)
_KIND = re.compile(r"[a-z][a-z0-9_-]{0,31}", re.ASCII)


def _version() -> str:
    try:
        from importlib import metadata

        return metadata.version("mechverify")
    except Exception:  # noqa: BLE001 - an uninstalled checkout
        return "unknown"


class Store:
    """The witness store of a run. `context` says how the `replay` command written into each
    witness is phrased (see verify.config.replay_command); by default the context that the
    CLI or the pytest plugin activated for this run."""

    def __init__(self, root: Path | str = "counterexamples",
                 context: ReplayContext | None = None) -> None:
        self.root = Path(root)
        self.context = context if context is not None else config.active()

    def replay_command(self, path: Path) -> str:
        return config.replay_command(path, self.context)

    def path_for(self, claim_id: str) -> Path:
        paper, rest = claim_id.split("/", 1)
        return self.root / paper / f"{rest}.json"

    def has(self, claim_id: str) -> bool:
        return self.path_for(claim_id).is_file()

    def read(self, claim_id: str) -> dict[str, Any]:
        return read_witness_file(self.path_for(claim_id))

    def delete(self, claim_id: str) -> None:
        """Remove a stored witness and its certificates; one that vanished meanwhile is fine."""
        from verify.certificates import remove_witness_certificates

        path = self.path_for(claim_id)
        path.unlink(missing_ok=True)
        remove_witness_certificates(path)

    def write(self, witness: Witness, *, finding: str | None = None,
              certificates: Iterable[Mapping[str, str]] = (),
              lp_log: Sequence[tuple[Any, Any]] | Mapping[str, Any] | None = None) -> Path:
        """Store `witness` in format 2 (atomically); `finding` and `certificates` are kept
        from the file it replaces when the engine rewrites one (rehash). `lp_log`, the
        (LinearProgram, Certificate) pairs the claim solved (or its certificates by LP hash),
        replaces the certificates: they are written beside the witness
        (verify.certificates) and referenced from it, so that replay needs no solver."""
        path = self.path_for(witness.claim_id)
        if lp_log is not None:
            from verify.certificates import write_witness_certificates

            certificates = write_witness_certificates(path, lp_log)
        out = document(witness, path, finding=finding, certificates=certificates,
                       replay=self.replay_command(path))
        parse_witness(json.loads(json.dumps(out)), path)  # never write what cannot be read
        atomic_write(path, json.dumps(out, indent=2, ensure_ascii=False) + "\n")
        return path

    def all_files(self) -> list[Path]:
        return sorted(self.root.rglob("*.json")) if self.root.is_dir() else []


def document(witness: Witness, path: Path, *, finding: str | None = None,
             certificates: Iterable[Mapping[str, str]] = (),
             replay: str | None = None) -> dict[str, Any]:
    """The format-2 JSON object of a witness, fields in specification order; `replay` is the
    command that replays it (default: `mechverify replay <path>`)."""
    data = asdict(witness)
    out: dict[str, Any] = {
        "format": FORMAT,
        "claim": witness.claim_id,
        "statement_sha256": data["statement_sha256"],
        "params": exact.tag_text(data["params"]),
        "assignment": exact.tag_text(data["assignment"]),
        "first_false": data["first_false"],
        "notes": data["notes"],
        "found_by": data["found_by"],
        "backend_version": data["backend_version"],
        "finding": finding,
        "certificates": [dict(c) for c in certificates],
        "created_with": _version(),
        "replay": replay if replay is not None else f"mechverify replay {path.as_posix()}",
    }
    return out


def atomic_write(path: Path, text: str) -> None:
    """Write `text` to `path` via a uniquely named temp file in the same folder + os.replace."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / f".{path.name}.{os.getpid()}.{secrets.token_hex(6)}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _no_constant(name: str) -> Any:
    raise InputError(f"{name} is not an exact number")


def _unique_fields(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise InputError(f"field {key!r} appears twice in one object")
        out[key] = value
    return out


def read_bounded(path: Path, limit: int, what: str) -> bytes:
    """The bytes of `path`, read only up to `limit`: a missing, unreadable or larger file is an
    InputError naming it ("no such <what>", "larger than N MiB; not a <what>")."""
    try:
        with path.open("rb") as fh:
            raw = fh.read(limit + 1)
    except FileNotFoundError:
        raise InputError(f"{path}: no such {what}") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if len(raw) > limit:
        raise InputError(f"{path}: larger than {limit // 2**20} MiB; not a {what}")
    return raw


def utf8(raw: bytes, where: Path | str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{where}: not UTF-8 text (invalid byte at offset {exc.start})") from None


def read_witness_file(path: Path | str) -> dict[str, Any]:
    """Load and validate a witness file, every exact value parsed (not its mathematics).

    Any defect (missing, unreadable, too large, not UTF-8, not JSON, nested too deeply, a bad
    field) is an InputError with a one-line message naming the file.
    """
    path = Path(path)
    text = utf8(read_bounded(path, MAX_BYTES, "witness file"), path)
    try:
        data = json.loads(text, parse_int=lambda s: exact.parse_integer(s, "JSON number"),
                          parse_constant=_no_constant, object_pairs_hook=_unique_fields)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
    except RecursionError:
        raise InputError(f"{path}: JSON nested too deeply; not a witness file") from None
    except InputError as exc:
        raise InputError(f"{path}: {exc}") from None
    except ValueError as exc:
        raise InputError(f"{path}: not valid JSON ({str(exc).splitlines()[0][:100]})") from None
    return parse_witness(data, path)


def _expect(ok: bool, path: Path | str, field: str, what: str, value: Any) -> None:
    if not ok:
        raise InputError(f"{path}: field {field!r}: expected {what}, got {exact.preview(value)}")


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _notes(data: Any, where: str, version: int, depth: int = 0) -> Any:
    """Notes in format-2 JSON form: free text and JSON scalars kept as they are, exact values
    ({"root_of"...}, {"expr"...}) parsed strictly and written back in format 2."""
    if depth > exact.MAX_DEPTH:
        raise InputError(f"{where}: nested deeper than {exact.MAX_DEPTH}")
    if isinstance(data, float):
        raise InputError(f"{where}: float {data!r}; exact numbers are written as strings 'p/q'")
    if isinstance(data, list):
        return [_notes(v, f"{where}[{i}]", version, depth + 1) for i, v in enumerate(data)]
    if isinstance(data, dict):
        if {"root_of", "expr", "text"} & set(data):
            value = exact.from_json(data, where, version=version, numeric=False)
            return exact.to_json(value)
        return {k: _notes(v, f"{where}.{k}", version, depth + 1) for k, v in data.items()}
    return data


def _certificates(value: Any, path: Path | str) -> list[dict[str, str]]:
    _expect(isinstance(value, list), path, "certificates", "a list of references", value)
    out = []
    for i, ref in enumerate(value):
        field = f"certificates[{i}]"
        _expect(isinstance(ref, dict) and set(ref) == {"kind", "sha256", "file"}, path, field,
                '{"kind": ..., "sha256": ..., "file": ...}', ref)
        _expect(isinstance(ref["kind"], str) and _KIND.fullmatch(ref["kind"]) is not None, path,
                f"{field}.kind", "a short lower-case name like 'lp'", ref["kind"])
        _expect(isinstance(ref["sha256"], str) and _SHA256.fullmatch(ref["sha256"]) is not None,
                path, f"{field}.sha256", "64 lower-case hex digits", ref["sha256"])
        file = ref["file"]
        ok = isinstance(file, str) and 0 < len(file) <= 500 and "\\" not in file
        if ok:
            p = PurePosixPath(file)
            ok = not p.is_absolute() and ".." not in p.parts and "\x00" not in file
        _expect(ok, path, f"{field}.file", "a relative path inside the project (no '..')", file)
        out.append(dict(ref))
    return out


def parse_witness(data: Any, path: Path | str) -> dict[str, Any]:
    """Validate a witness object field by field and parse its exact values.

    Returns the fields (defaults filled in) plus `_path`, `_params`, `_assignment` (parsed
    values) and `_notes` (notes in format-2 form).
    """
    if not isinstance(data, dict):
        raise InputError(f"{path}: expected a JSON object at the top level, got "
                         f"{exact.preview(data)}")
    if "format" not in data:
        raise InputError(f"{path}: missing field 'format'")
    version = data["format"]
    if not _is_int(version) or version not in SUPPORTED:
        raise InputError(f"{path}: field 'format' is {exact.preview(version)}; supported "
                         f"versions: {', '.join(map(str, SUPPORTED))}")
    for field in REQUIRED:
        if field not in data:
            raise InputError(f"{path}: missing field {field!r}")
    if version >= 2:
        unknown = sorted(set(data) - set(FIELDS))
        if unknown:
            raise InputError(f"{path}: unknown field {unknown[0]!r} (format 2 fields: "
                             f"{', '.join(FIELDS)})")
    out: dict[str, Any] = {**DEFAULTS, **{k: v for k, v in data.items() if k in FIELDS}}
    claim = out["claim"]
    _expect(isinstance(claim, str) and "/" in claim and len(claim) <= 200
            and not any(ch.isspace() for ch in claim), path, "claim",
            "a claim id like 'p002/S42.b'", claim)
    sha = out["statement_sha256"]
    _expect(isinstance(sha, str) and _SHA256.fullmatch(sha) is not None, path,
            "statement_sha256", "64 lower-case hex digits", sha)
    for field in ("params", "assignment", "first_false", "notes"):
        _expect(isinstance(out[field], dict), path, field, "an object", out[field])
    for key, value in out["first_false"].items():
        _expect(isinstance(value, str), path, f"first_false.{key}", "text", value)
    for field in ("found_by", "backend_version", "replay"):
        _expect(isinstance(out[field], str), path, field, "text", out[field])
    _expect(out["finding"] is None or (isinstance(out["finding"], str) and out["finding"] != ""),
            path, "finding", "null or a finding id", out["finding"])
    _expect(out["created_with"] is None or isinstance(out["created_with"], str), path,
            "created_with", "null or a mechverify version", out["created_with"])
    out["certificates"] = _certificates(out["certificates"], path)
    out["_params"] = {k: exact.from_json(v, f"{path}: params.{k}", version=version)
                      for k, v in out["params"].items()}
    out["_assignment"] = {k: exact.from_json(v, f"{path}: assignment.{k}", version=version)
                          for k, v in out["assignment"].items()}
    out["_notes"] = _notes(out["notes"], f"{path}: notes", version)
    out["_path"] = str(path)
    return out
