"""Uploaded scenario files: size limit, validation, naming, and their form in a URL (pure)."""
from __future__ import annotations

import base64
import binascii
import zlib
from collections.abc import Mapping

from sim.errors import InputError
from sim.scenario import Scenario, parse_scenario

__all__ = ["MAX_UPLOAD_BYTES", "MAX_TOKEN_CHARS", "read_upload", "unique_name", "encode_token",
           "decode_token"]

#: Largest scenario file accepted, bytes (a scenario file is a few hundred bytes to a few KB).
MAX_UPLOAD_BYTES = 64 * 1024
#: Longest uploaded scenario carried in a shared link (URL-safe base64 of the compressed TOML).
MAX_TOKEN_CHARS = 12_000


def read_upload(data: bytes, *, filename: str) -> Scenario:
    """Validate an uploaded scenario file.

    Parameters
    ----------
    data : bytes
        The file's content.
    filename : str
        Its name, used in messages.

    Returns
    -------
    Scenario
        Only built-in bases may be named: an upload must not make the server read its files.

    Raises
    ------
    InputError
        If the file is too large, not UTF-8 TOML, or not a valid scenario; the message names
        the file, the key and what is allowed.
    """
    if len(data) > MAX_UPLOAD_BYTES:
        raise InputError(f"is {len(data):,} bytes, too large for a scenario file",
                         source=filename,
                         allowed=f"up to {MAX_UPLOAD_BYTES:,} bytes ({MAX_UPLOAD_BYTES // 1024} KB)")
    if not data.strip():
        raise InputError("is empty (TOML expected)", source=filename)
    return parse_scenario(data, source=filename, allow_base_paths=False)


def unique_name(name: str, taken: Mapping[str, object] | set[str]) -> str:
    """``name``, or ``name-upload``, ``name-upload2``, … if it is taken."""
    if name not in taken:
        return name
    stem = name[:50]
    for i in range(1, 1000):
        cand = f"{stem}-upload" + (str(i) if i > 1 else "")
        if cand not in taken:
            return cand
    raise InputError("too many uploads with this name", key="name")


def encode_token(toml_text: str) -> str:
    """A scenario's TOML as a URL-safe token (zlib, base64 without padding)."""
    raw = zlib.compress(toml_text.encode("utf-8"), 9)
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_token(token: str, *, source: str = "link") -> Scenario:
    """The scenario carried by a token of :func:`encode_token`.

    Raises
    ------
    InputError
        If the token is too long, not a token, expands beyond :data:`MAX_UPLOAD_BYTES`, or
        holds an invalid scenario.
    """
    if len(token) > MAX_TOKEN_CHARS:
        raise InputError(f"is {len(token)} characters long", source=source, key="up",
                         allowed=f"up to {MAX_TOKEN_CHARS}")
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        inflater = zlib.decompressobj()
        data = inflater.decompress(raw, MAX_UPLOAD_BYTES + 1)
        if inflater.unconsumed_tail or len(data) > MAX_UPLOAD_BYTES:
            raise InputError("expands beyond the scenario size limit", source=source, key="up",
                             allowed=f"up to {MAX_UPLOAD_BYTES // 1024} KB")
        if not inflater.eof:
            raise zlib.error("truncated")
    except (binascii.Error, ValueError, zlib.error) as err:
        if isinstance(err, InputError):
            raise
        raise InputError("is not a scenario carried by a link", source=source,
                         key="up") from None
    return parse_scenario(data, source=source, allow_base_paths=False)
