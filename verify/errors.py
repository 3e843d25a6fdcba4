"""The error types of mechverify.

A false claim is a Verdict, never an exception: these are for input the engine cannot use
(a malformed witness file, an unknown claim id, an invalid distribution) and for internal
faults. Every message names the culprit (file, field, id) and what was expected.
"""

from __future__ import annotations


class VerifyError(Exception):
    """Root of every error mechverify raises on purpose."""


class InputError(VerifyError):
    """Bad input: a file, a field, a claim id or a value that is not what was expected."""


class EncodingError(VerifyError):
    """A claim cannot be built or compiled for a back-end (unsupported construct, bad domain)."""


class BackendUnavailable(VerifyError):
    """A back-end's solver library is not installed."""
