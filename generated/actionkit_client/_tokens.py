"""Paragon User Tokens signed here: ``sign_user_token`` and the ``UserTokens`` source the clients
mint from.

A token is an RS256 JWT signed with the project's signing key, with the claims ``sub`` (the user's
id), ``iat`` and ``exp``. Signing needs the extra ``actionkit-client[signing]`` (PyJWT with its
crypto extra), imported on first use. A key that cannot sign raises ``SigningKeyError`` (both an
``ActionKitError`` and a ``ValueError``) saying what is wrong with it, never quoting it.
"""

from __future__ import annotations

import importlib
import threading
import time
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Final, cast

from . import _forks
from ._exceptions import SigningKeyError

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey

__all__ = [
    "DEFAULT_EXPIRES_IN",
    "REFRESH_MARGIN",
    "SigningKey",
    "UserTokens",
    "load_signing_key",
    "sign_user_token",
]

DEFAULT_EXPIRES_IN: Final = 3600
REFRESH_MARGIN: Final = 60.0
"""A token is replaced this many seconds before its ``exp`` (at most half its lifetime): one sent
just before it expires still arrives valid."""
MIN_KEY_BITS: Final = 2048  # what PyJWT itself calls the least safe RSA key size

_EXTRA: Final = "actionkit-client[signing]"
_MISSING: Final = (
    f"signing user tokens needs PyJWT with its crypto extra: pip install '{_EXTRA}'"
    " (or pip install 'PyJWT[crypto]')"
)
_RESERVED_CLAIMS: Final = frozenset({"sub", "iat", "exp"})


def sign_user_token(
    signing_key: str | bytes,
    user_id: str,
    *,
    expires_in: int = DEFAULT_EXPIRES_IN,
    claims: Mapping[str, Any] | None = None,
) -> str:
    """A Paragon User Token for ``user_id``: an RS256 JWT with ``sub``, ``iat`` (now) and ``exp``
    (``expires_in`` seconds later), plus ``claims``.

    ``signing_key`` is the project's private key as PEM text or bytes; literal ``\\n`` sequences
    (a key pasted into an environment variable) are read as newlines. Raises ``SigningKeyError``
    for a key that cannot sign, ``ValueError`` for a bad ``user_id``, ``expires_in`` or claim, and
    ``ImportError`` without the extra ``actionkit-client[signing]``.
    """
    _check_user_id(user_id)
    _check_expires_in(expires_in)
    extra = _checked_claims(claims)
    return _sign(load_signing_key(signing_key), user_id, int(time.time()), expires_in, extra)


def load_signing_key(signing_key: str | bytes) -> RSAPrivateKey:
    """The RSA private key in ``signing_key`` (PEM), or ``SigningKeyError`` saying why not."""
    _require_the_extra()  # first: without it, no key is any use
    given = cast(object, signing_key)  # checked as what a caller may really pass
    if isinstance(given, str):
        text = given.encode("utf-8", "replace")
    elif isinstance(given, (bytes, bytearray)):
        text = bytes(given)
    else:
        raise SigningKeyError(
            f"the signing key must be PEM text or bytes, not {type(given).__name__}"
        )
    return _load_pem(text.replace(b"\\n", b"\n").strip().strip(b"\"'").strip())


@lru_cache(maxsize=8)
def _load_pem(pem: bytes) -> RSAPrivateKey:
    """Read once per key: cryptography checks an RSA key as it loads it, 30 ms at 2048 bits and
    a quarter of a second at 4096, where signing takes well under one (``make bench``)."""
    header = _pem_header(pem)
    if header is None:
        raise SigningKeyError(
            "the signing key is not PEM (it should begin with '-----BEGIN PRIVATE KEY-----'"
            " or '-----BEGIN RSA PRIVATE KEY-----'; to read it from a file, give the file's"
            " text or set PARAGON_SIGNING_KEY_PATH)"
        )
    if "PUBLIC KEY" in header or "CERTIFICATE" in header:
        raise SigningKeyError(
            f"the signing key is a public key ({header}): tokens are signed with the private key"
        )
    if "ENCRYPTED" in header or b"Proc-Type: 4,ENCRYPTED" in pem:
        raise SigningKeyError(
            "the signing key is encrypted with a passphrase: give the unencrypted private key"
        )
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    try:
        key = serialization.load_pem_private_key(pem, password=None)
    except Exception:  # cryptography's errors say little more than this, and never quote the key
        raise SigningKeyError(
            f"the signing key ({header}) cannot be read: damaged or unsupported key data"
        ) from None
    if not isinstance(key, rsa.RSAPrivateKey):
        kind = type(key).__name__.removeprefix("_").replace("PrivateKey", "")
        raise SigningKeyError(f"the signing key is not an RSA key ({kind}): RS256 needs RSA")
    if key.key_size < MIN_KEY_BITS:
        raise SigningKeyError(
            f"the signing key is an RSA key of {key.key_size} bits: RS256 needs"
            f" {MIN_KEY_BITS} or more"
        )
    return key


class SigningKey:
    """A signing key read once (``load_signing_key``), to sign for many users; its repr and
    pickle hold nothing of it."""

    __slots__ = ("rsa",)

    def __init__(self, signing_key: str | bytes) -> None:
        self.rsa = load_signing_key(signing_key)

    def __repr__(self) -> str:
        return "SigningKey(...)"

    def __reduce__(self) -> Any:
        raise TypeError("a signing key is not pickled")


class UserTokens:
    """One user's tokens, minted when first asked for and again before each expires.

    ``token()`` never returns a token with less than ``REFRESH_MARGIN`` seconds left (at most half
    its lifetime); concurrent first calls, from threads or tasks, mint once (minting is a few
    milliseconds of CPU, done under a lock). ``clock`` gives the time (seconds since the epoch).
    Never pickled, and its repr names the user only.
    """

    def __init__(
        self,
        signing_key: str | bytes | SigningKey,
        user_id: str,
        *,
        expires_in: int = DEFAULT_EXPIRES_IN,
        claims: Mapping[str, Any] | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        _check_user_id(user_id)
        _check_expires_in(expires_in)
        self.user_id = user_id
        self.expires_in = expires_in
        self._claims = _checked_claims(claims)
        self._clock = clock
        self._key = signing_key if isinstance(signing_key, SigningKey) else SigningKey(signing_key)
        self._margin = min(REFRESH_MARGIN, expires_in / 2)
        self._lock = threading.Lock()
        self._generation = _forks.generation
        # (token, the time from which it must be replaced); replaced whole, read without the lock
        self._current: tuple[str, float] | None = None
        self._previous: str | None = None
        self.minted = 0
        """How many tokens this source has signed."""

    def token(self) -> str:
        """A token for the user valid for at least the refresh margin."""
        current = self._current
        if current is not None and self._clock() < current[1]:
            return current[0]
        with self._here():
            now = self._clock()
            current = self._current
            if current is not None and now < current[1]:
                return current[0]  # another thread minted it while this one waited
            issued_at = int(now)
            token = _sign(self._key.rsa, self.user_id, issued_at, self.expires_in, self._claims)
            self._previous = current[0] if current is not None else None
            self._current = (token, issued_at + self.expires_in - self._margin)
            self.minted += 1
            return token

    def tokens_sent(self) -> tuple[str, ...]:
        """The current token and the one before it: what an answer might echo."""
        current = self._current
        minted = (current[0] if current else None, self._previous)
        return tuple(token for token in minted if token)

    def for_user(self, user_id: str) -> UserTokens:
        """The same key, settings and clock for another user, with no token of this one's."""
        return UserTokens(
            self._key,
            user_id,
            expires_in=self.expires_in,
            claims=self._claims,
            clock=self._clock,
        )

    def _here(self) -> threading.Lock:
        """The lock of this process: a fresh one after a fork, where another thread of the parent
        may have held it."""
        if self._generation != _forks.generation:
            self._lock = threading.Lock()
            self._generation = _forks.generation
        return self._lock

    def __repr__(self) -> str:
        return f"UserTokens(user_id={self.user_id!r})"

    def __reduce__(self) -> Any:
        raise TypeError("a client's signing key is not pickled: make the client again")


def _sign(
    key: RSAPrivateKey,
    user_id: str,
    issued_at: int,
    expires_in: int,
    claims: Mapping[str, Any],
) -> str:
    _require_the_extra()
    import jwt

    payload = {**claims, "sub": user_id, "iat": issued_at, "exp": issued_at + expires_in}
    token: str = jwt.encode(payload, key, algorithm="RS256")
    return token


def _pem_header(pem: bytes) -> str | None:
    """The label of the first PEM block (``RSA PRIVATE KEY``), or None when there is none."""
    start = pem.find(b"-----BEGIN ")
    if start < 0:
        return None
    end = pem.find(b"-----", start + 11)
    if end < 0:
        return None
    label = pem[start + 11 : end]
    if len(label) > 40 or not all(c == 0x20 or 0x41 <= c <= 0x5A for c in label):
        return None  # not a PEM label: never echo what might be key material
    return label.decode("ascii")


def _check_user_id(user_id: object) -> None:
    if not isinstance(user_id, str) or not user_id.strip():
        raise ValueError(f"user_id must be a non-empty string, not {user_id!r}")


def _check_expires_in(expires_in: object) -> None:
    if isinstance(expires_in, bool) or not isinstance(expires_in, int) or expires_in < 1:
        raise ValueError(
            f"expires_in must be a whole number of seconds, 1 or more, not {expires_in!r}"
        )


def _checked_claims(claims: Mapping[str, Any] | None) -> dict[str, Any]:
    if claims is None:
        return {}
    given = cast(object, claims)  # checked as what a caller may really pass
    if not isinstance(given, Mapping):
        raise ValueError(f"claims must be a mapping, not {type(given).__name__}")
    reserved = sorted(_RESERVED_CLAIMS.intersection(claims))
    if reserved:
        raise ValueError(
            f"claims cannot set {', '.join(reserved)}: sub is the user_id, iat and exp come from"
            " the time and expires_in"
        )
    return dict(claims)


def _require_the_extra() -> None:
    """Raise ``ImportError`` naming the extra unless PyJWT and cryptography import."""
    try:
        importlib.import_module("jwt")
        importlib.import_module("cryptography.hazmat.primitives.serialization")
    except ImportError as error:
        raise ImportError(_MISSING, name=error.name) from None
