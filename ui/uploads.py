"""Uploaded scenario files: size and horizon limits, validation, naming, and their form in a
URL (pure).

Every upload and every text a link carries is bounded in size before it is decoded, checked in
shape before it is parsed, and parsed once (:func:`sim.tomltext.parse_toml`, which also
remembers the documents of recent texts: asking again for one the app has read is a lookup).

The limits are the app's (:func:`app_limits`): the ``SIM_MAX_*`` environment variables, then the
``--max-*`` arguments given to the app script (``./dev app -- --max-upload-bytes 131072``); see
:mod:`sim.limits`.
"""
from __future__ import annotations

import base64
import binascii
import re
import sys
import zlib
from collections.abc import Mapping
from pathlib import Path

from sim import limits as lim
from sim.errors import InputError
from sim.base import Base, base_from_dict, builtin_bases, parse_toml
from sim.limits import Limits
from sim.scenario import Scenario, parse_scenario

__all__ = ["MAX_UPLOAD_BYTES", "MAX_TOKEN_CHARS", "APP_SCRIPT", "app_limits", "read_upload",
           "unique_name", "encode_token", "decode_token", "is_base_doc", "base_name",
           "read_base_upload", "base_from_text", "base_ref", "encode_base_token",
           "decode_base_token", "scenario_key"]

#: Largest scenario file accepted by default, bytes (a scenario file is a few hundred bytes to
#: a few KB); the app's limit is ``app_limits().max_upload_bytes``.
MAX_UPLOAD_BYTES = lim.DEFAULT_LIMITS.max_upload_bytes
#: Largest upload limit there can be (:data:`sim.limits.HARD`), bytes: no text an upload or a
#: link gave is ever larger.
MAX_UPLOAD_LIMIT = lim.HARD["max_upload_bytes"][1]
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


def read_upload(data: bytes, *, filename: str, limits: Limits | None = None,
                extra_bases: Mapping[str, Base] | None = None) -> Scenario:
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
    extra_bases : Mapping[str, Base], optional
        Bases uploaded alongside (:func:`base_from_text`) that the scenario may name.

    Returns
    -------
    Scenario
        Only built-in bases and ``extra_bases`` may be named: an upload must not make the
        server read its files.

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
    return _check_horizon(parse_scenario(data, source=filename, allow_base_paths=False,
                                         max_bytes=limits.max_upload_bytes,
                                         extra_bases=extra_bases), limits, filename)


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


def _inflate(token: str, source: str, limits: Limits) -> bytes:
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
    return data


def decode_token(token: str, *, source: str = "link", limits: Limits | None = None,
                 extra_bases: Mapping[str, Base] | None = None) -> Scenario:
    """The scenario carried by a token of :func:`encode_token`.

    Parameters
    ----------
    token : str
    source : str
        Named in messages.
    limits : Limits, optional
        As in :func:`read_upload` (default the app's).
    extra_bases : Mapping[str, Base], optional
        Bases carried by the same link that the scenario may name.

    Raises
    ------
    InputError
        If the token is too long, not a token, expands beyond ``limits.max_upload_bytes``,
        holds an invalid scenario, or one that projects beyond the horizon limit.
    """
    limits = app_limits() if limits is None else limits
    data = _inflate(token, source, limits)
    return _check_horizon(parse_scenario(data, source=source, allow_base_paths=False,
                                         max_bytes=limits.max_upload_bytes,
                                         extra_bases=extra_bases), limits, source)


# Uploaded bases ------------------------------------------------------------------------------

_NAME_CHARS = re.compile(r"[^a-z0-9_-]+")


def is_base_doc(doc: Mapping) -> bool:
    """Whether a parsed upload is a base file: ``region``/``year`` and ``[levels]``, no
    ``[rates]``."""
    return ("rates" not in doc and "levels" in doc and ("region" in doc or "year" in doc))


def base_name(filename: str) -> str:
    """The name scenarios use for an uploaded base: the file's stem, lower case, characters
    other than ``a-z 0-9 _ -`` replaced by ``-`` (``"Other District 2023.toml"`` →
    ``"other-district-2023"``)."""
    stem = Path(str(filename).replace("\\", "/")).name
    stem = stem[:-5] if stem.lower().endswith(".toml") else stem
    name = _NAME_CHARS.sub("-", stem.lower()).strip("-")[:60]
    return name or "base"


def base_from_text(name: str, text: str | bytes, *, source: str | None = None,
                   max_bytes: int = MAX_UPLOAD_LIMIT) -> Base:
    """An uploaded base from its TOML text, named ``name`` (its ``ref`` is ``name``).

    Parameters
    ----------
    name : str
    text : str or bytes
        Checked (at most ``max_bytes`` bytes, default the largest upload limit) and parsed once.
    source : str, optional
        Named in messages and kept as the base's ``source``; default ``"uploaded base NAME"``.
    max_bytes : int
    """
    src = source or f"uploaded base {name}"
    return base_from_dict(parse_toml(text, source=src, max_bytes=max_bytes), name=name,
                          source=src)


def read_base_upload(data: bytes, *, filename: str, limits: Limits | None = None
                     ) -> tuple[str, str]:
    """Validate an uploaded base file; return its name (:func:`base_name`) and TOML text.

    Raises
    ------
    InputError
        If the file is too large, not UTF-8 TOML, not a valid base, or its name is that of a
        built-in base; the message names the file.
    """
    limits = app_limits() if limits is None else limits
    limits.check_upload(len(data), source=filename)
    name = base_name(filename)
    if name in builtin_bases():
        raise InputError(f"a built-in base is called {name!r}; rename the file",
                         source=filename)
    if not data.strip():
        raise InputError("is empty (TOML expected)", source=filename)
    base_from_text(name, data, source=filename, max_bytes=limits.max_upload_bytes)
    return name, data.decode("utf-8") if isinstance(data, bytes) else str(data)


def base_ref(scenario_text: str) -> str | None:
    """The base a scenario's TOML text names, or None (also for text that is not TOML, or is
    larger than the largest upload limit)."""
    try:
        ref = parse_toml(scenario_text, source="upload", max_bytes=MAX_UPLOAD_LIMIT).get("base")
    except InputError:
        return None
    return ref if isinstance(ref, str) else None


def encode_base_token(name: str, text: str) -> str:
    """An uploaded base as a URL token: ``name.token`` (:func:`encode_token`)."""
    return f"{name}.{encode_token(text)}"


def decode_base_token(value: str, *, source: str = "link", limits: Limits | None = None
                      ) -> tuple[str, Base, str]:
    """The name, base and TOML text carried by :func:`encode_base_token`.

    The text is parsed once; the base is named ``"uploaded base NAME"`` as one from
    :func:`base_from_text` is.

    Raises
    ------
    InputError
        As :func:`decode_token`, or if the base is invalid (naming ``source``).
    """
    limits = app_limits() if limits is None else limits
    name, sep, token = value.partition(".")
    if not sep or base_name(name) != name or name in builtin_bases():
        raise InputError("is not a base carried by a link", source=source, key="ub")
    data = _inflate(token, source, limits)
    doc = parse_toml(data, source=source, max_bytes=limits.max_upload_bytes)
    base_from_dict(doc, name=name, source=source)            # refused naming the link
    base = base_from_dict(doc, name=name, source=f"uploaded base {name}")
    return name, base, data.decode("utf-8")


def file_id(s: Scenario) -> str:
    """A short id of a scenario file and its base (a hash of :func:`scenario_key`): the page
    marks the sliders with the id of the file they edit, so that the browser knows which
    file's figures it may recompute for them."""
    import hashlib

    return hashlib.sha1(scenario_key(s).encode("utf-8")).hexdigest()[:12]


def scenario_key(s: Scenario) -> str:
    """A cache key for a scenario: its TOML and its base's content (an uploaded base is named
    only by its name in the TOML, and two sessions may upload different bases of one name)."""
    return s.to_toml() + "\n#base " + repr(s.base.to_dict()) + repr(dict(s.base.overridden))
