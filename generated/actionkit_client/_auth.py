"""Who a client calls as: a user token given as it is, or tokens minted for a user from the
project's signing key (``_tokens.UserTokens``), chosen from the arguments, else the environment.

The rules, in one place: arguments win over the environment; within either, a token and a signing
key together are an error, as are a signing key without a user id and a user id without a key.
The environment's names: ``PARAGON_USER_TOKEN``; ``PARAGON_SIGNING_KEY`` (the PEM text) or
``PARAGON_SIGNING_KEY_PATH`` (a file holding it), with ``PARAGON_USER_ID``. An empty variable
counts as unset.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Final, TypeAlias

from ._exceptions import ActionKitError
from ._tokens import UserTokens

__all__ = ["FixedToken", "UserAuth", "user_auth"]

TOKEN_VARIABLE: Final = "PARAGON_USER_TOKEN"
KEY_VARIABLE: Final = "PARAGON_SIGNING_KEY"
KEY_PATH_VARIABLE: Final = "PARAGON_SIGNING_KEY_PATH"
USER_VARIABLE: Final = "PARAGON_USER_ID"

_NOTHING: Final = (
    f"no user token: pass user_token, or signing_key and user_id; or set {TOKEN_VARIABLE}, or"
    f" {KEY_VARIABLE} (or {KEY_PATH_VARIABLE}) and {USER_VARIABLE}"
)


class FixedToken:
    """A user token given by the application, sent as it is; its repr hides it."""

    __slots__ = ("_token",)

    def __init__(self, token: str) -> None:
        self._token = token

    def token(self) -> str:
        return self._token

    def tokens_sent(self) -> tuple[str, ...]:
        return (self._token,)

    def __repr__(self) -> str:
        return "FixedToken(...)"


UserAuth: TypeAlias = FixedToken | UserTokens


def user_auth(
    user_token: str | None,
    signing_key: str | bytes | None,
    user_id: str | None,
    environ: Mapping[str, str] = os.environ,
) -> UserAuth:
    """The user a client calls as, from its arguments or else ``environ``; ``ActionKitError``
    saying what to give when that is nothing or too much (``SigningKeyError`` for a bad key,
    ``ImportError`` without the extra ``signing``)."""
    if user_token and (signing_key or user_id):
        given = "signing_key" if signing_key else "user_id"
        raise ActionKitError(
            f"give user_token, or signing_key and user_id, not user_token and {given}"
        )
    if user_token:
        return FixedToken(user_token)
    if signing_key:
        user_id = user_id or environ.get(USER_VARIABLE)
        if not user_id:
            raise ActionKitError(f"signing_key needs user_id: pass one or set {USER_VARIABLE}")
        return UserTokens(signing_key, user_id)
    environment_key = _environment_key(environ)
    if user_id:
        if environment_key is None:
            raise ActionKitError(
                f"user_id needs a signing key: pass signing_key or set {KEY_VARIABLE} or"
                f" {KEY_PATH_VARIABLE}"
            )
        return UserTokens(environment_key, user_id)
    environment_token = environ.get(TOKEN_VARIABLE)
    if environment_token and environment_key is not None:
        raise ActionKitError(
            f"both {TOKEN_VARIABLE} and a signing key ({KEY_VARIABLE} or {KEY_PATH_VARIABLE})"
            " are set: unset one, or pass user_token or signing_key"
        )
    if environment_token:
        return FixedToken(environment_token)
    if environment_key is not None:
        environment_user = environ.get(USER_VARIABLE)
        if not environment_user:
            raise ActionKitError(
                f"the signing key from the environment needs {USER_VARIABLE} (or pass user_id)"
            )
        return UserTokens(environment_key, environment_user)
    raise ActionKitError(_NOTHING)


def _environment_key(environ: Mapping[str, str]) -> str | bytes | None:
    key, path = environ.get(KEY_VARIABLE), environ.get(KEY_PATH_VARIABLE)
    if key and path:
        raise ActionKitError(f"both {KEY_VARIABLE} and {KEY_PATH_VARIABLE} are set: unset one")
    if key:
        return key
    if not path:
        return None
    try:
        with open(path, "rb") as file:
            return file.read()
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise ActionKitError(
            f"cannot read the signing key at {KEY_PATH_VARIABLE} ({path}): {reason}"
        ) from None
