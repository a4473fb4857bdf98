"""Uploaded scenario files: size and horizon limits, validation, naming, and their form in a
URL (pure).

The limits are the app's (:func:`app_limits`): the ``SIM_MAX_*`` environment variables, then the
``--max-*`` arguments given to the app script (``./dev app -- --max-upload-bytes 131072``); see
:mod:`sim.limits`.
"""
from __future__ import annotations

import base64
import binascii
import sys
import zlib
from collections.abc import Mapping
from pathlib import Path

from sim import limits as lim
from sim.errors import InputError
from sim.limits import Limits
from sim.scenario import Scenario, parse_scenario

__all__ = ["MAX_UPLOAD_BYTES", "MAX_TOKEN_CHARS", "APP_SCRIPT", "app_limits", "read_upload",
           "unique_name", "encode_token", "decode_token"]

#: Largest scenario file accepted by default, bytes (a scenario file is a few hundred bytes to
#: a few KB); the app's limit is ``app_limits().max_upload_bytes``.
MAX_UPLOAD_BYTES = lim.DEFAULT_LIMITS.max_upload_bytes
#: Longest uploaded scenario carried in a shared link (URL-safe base64 of the compressed TOML).
MAX_TOKEN_CHARS = 12_000
#: The app's script: its command-line arguments are read only when it is the running script.
APP_SCRIPT = Path(__file__).resolve().parent.parent / "app.py"


def app_limits(argv: list[str] | None = None, environ: Mapping[str, str] | None = None
               ) -> Limits:
    """The app's limits per request: ``SIM_MAX_*`` variables, then ``--max-*`` arguments.

    Parameters
    ----------
    argv : list of str, optional
        Default: ``sys.argv[1:]`` when the running script is the app (``streamlit run app.py --
        --max-paths 200000`` sets ``sys.argv`` so), else none (e.g. under pytest).
    environ : Mapping, optional
        Default :data:`os.environ`.

    Raises
    ------
    InputError
        For an unknown argument or a value outside a limit's valid range, naming it.
    """
    if argv is None:
        running = Path(sys.argv[0]).resolve() if sys.argv and sys.argv[0] else None
        argv = sys.argv[1:] if running == APP_SCRIPT else []
    return lim.parse_args(argv, environ)


def _check_horizon(s: Scenario, limits: Limits, source: str) -> Scenario:
    try:
        limits.check_horizon(s.base.year, s.end_year, key="end_year")
    except InputError as err:
        raise err.with_source(source) from None
    return s


def read_upload(data: bytes, *, filename: str, limits: Limits | None = None) -> Scenario:
    """Validate an uploaded scenario file.

    Parameters
    ----------
    data : bytes
        The file's content.
    filename : str
        Its name, used in messages.
    limits : Limits, optional
        Size (``max_upload_bytes``) and horizon (``max_horizon``, for ``end_year``) limits;
        default the app's (:func:`app_limits`).

    Returns
    -------
    Scenario
        Only built-in bases may be named: an upload must not make the server read its files.

    Raises
    ------
    InputError
        If the file is too large, not UTF-8 TOML, not a valid scenario, or projects beyond the
        horizon limit; the message names the file, the key and what is allowed.
    """
    limits = app_limits() if limits is None else limits
    limits.check_upload(len(data), source=filename)
    if not data.strip():
        raise InputError("is empty (TOML expected)", source=filename)
    return _check_horizon(parse_scenario(data, source=filename, allow_base_paths=False), limits,
                          filename)


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


def decode_token(token: str, *, source: str = "link", limits: Limits | None = None
                 ) -> Scenario:
    """The scenario carried by a token of :func:`encode_token`.

    Parameters
    ----------
    token : str
    source : str
        Named in messages.
    limits : Limits, optional
        As in :func:`read_upload` (default the app's).

    Raises
    ------
    InputError
        If the token is too long, not a token, expands beyond ``limits.max_upload_bytes``,
        holds an invalid scenario, or one that projects beyond the horizon limit.
    """
    limits = app_limits() if limits is None else limits
    max_bytes = limits.max_upload_bytes
    if len(token) > MAX_TOKEN_CHARS:
        raise InputError(f"is {len(token)} characters long", source=source, key="up",
                         allowed=f"up to {MAX_TOKEN_CHARS}")
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        inflater = zlib.decompressobj()
        data = inflater.decompress(raw, max_bytes + 1)
        if inflater.unconsumed_tail or len(data) > max_bytes:
            raise InputError("expands beyond the scenario size limit", source=source, key="up",
                             allowed=f"up to {max_bytes // 1024} KB")
        if not inflater.eof:
            raise zlib.error("truncated")
    except (binascii.Error, ValueError, zlib.error) as err:
        if isinstance(err, InputError):
            raise
        raise InputError("is not a scenario carried by a link", source=source,
                         key="up") from None
    return _check_horizon(parse_scenario(data, source=source, allow_base_paths=False), limits,
                          source)
