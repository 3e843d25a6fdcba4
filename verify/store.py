"""The witness store: counterexamples/<paper>/<entry>[@<reading>].json.

Files are readable JSON with exact numbers, reviewed like code, replayed first on every run.
A malformed file is an InputError naming the file and the field.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from verify.errors import InputError
from verify.verdict import Witness

FORMAT = 1
REQUIRED = ("format", "claim", "statement_sha256", "params", "assignment", "first_false",
            "found_by", "backend_version")


class Store:
    def __init__(self, root: Path | str = "counterexamples") -> None:
        self.root = Path(root)

    def path_for(self, claim_id: str) -> Path:
        paper, rest = claim_id.split("/", 1)
        return self.root / paper / f"{rest}.json"

    def has(self, claim_id: str) -> bool:
        return self.path_for(claim_id).is_file()

    def read(self, claim_id: str) -> dict[str, Any]:
        return read_witness_file(self.path_for(claim_id))

    def write(self, witness: Witness) -> Path:
        path = self.path_for(witness.claim_id)
        path.parent.mkdir(parents=True, exist_ok=True)
        data = asdict(witness)
        data.pop("path", None)
        data.pop("claim_id", None)
        out = {
            "format": FORMAT,
            "claim": witness.claim_id,
            **data,
            "replay": f"mechverify replay {path.as_posix()}",
        }
        path.write_text(json.dumps(out, indent=2) + "\n")
        return path

    def all_files(self) -> list[Path]:
        return sorted(self.root.rglob("*.json")) if self.root.is_dir() else []


def read_witness_file(path: Path | str) -> dict[str, Any]:
    """Load and validate a witness file's shape (not its mathematics)."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"{path}: no such witness file")
    try:
        data = json.loads(path.read_text())
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
    if not isinstance(data, dict):
        raise InputError(f"{path}: expected a JSON object at the top level")
    for field in REQUIRED:
        if field not in data:
            raise InputError(f"{path}: missing field {field!r}")
    if data["format"] != FORMAT:
        raise InputError(f"{path}: field 'format' is {data['format']!r}, expected {FORMAT}")
    for field in ("params", "assignment"):
        if not isinstance(data[field], dict):
            raise InputError(f"{path}: field {field!r} must be an object of exact values")
    if not isinstance(data["claim"], str) or "/" not in data["claim"]:
        raise InputError(f"{path}: field 'claim' must be a claim id like 'p002/S42.b'")
    data["_path"] = str(path)
    return data
