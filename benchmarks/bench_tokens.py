"""What user tokens cost: signing one, reading the cached one, and a call with a signing key
against a call with a token.

`make bench BENCH=tokens`. Calls go to an ``httpx.MockTransport``, so that only the client's own
work differs between the two clients; each figure is the best of several repeats.
"""

from __future__ import annotations

import sys
import timeit
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
ANSWER = b'{"id":"INV-0042","status":"updated"}'


def _best(fn: Callable[[], Any], number: int) -> float:
    """Microseconds per call, the best of 5 repeats."""
    return min(timeit.repeat(fn, number=number, repeat=5)) / number * 1e6


def _answer(request: httpx.Request) -> httpx.Response:
    request.read()
    return httpx.Response(200, content=ANSWER, headers={"Content-Type": "application/json"})


def main() -> None:
    sys.path.insert(0, str(ROOT / "generated"))
    from actionkit_client import ActionKit, sign_user_token
    from actionkit_client._tokens import SigningKey, UserTokens, _load_pem
    from actionkit_client.tools.dynamicsfinance import Dynamics365FinanceUpdateInvoice
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    rows: list[tuple[str, float]] = []
    for bits in (2048, 4096):
        key = rsa.generate_private_key(public_exponent=65537, key_size=bits)
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ).decode()
        loaded = SigningKey(pem)
        source = UserTokens(loaded, "bench-user")
        source.token()

        def first_sign(pem: str = pem) -> str:
            _load_pem.cache_clear()
            return sign_user_token(pem, "u")

        def sign_again(pem: str = pem) -> str:
            return sign_user_token(pem, "u")

        rows += [
            (f"first sign_user_token, {bits}-bit (key checked)", _best(first_sign, 3)),
            (f"sign_user_token again, {bits}-bit", _best(sign_again, 20)),
            (f"token() while cached, {bits}-bit", _best(source.token, 20000)),
        ]
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    call = Dynamics365FinanceUpdateInvoice(invoice_identifier="INV-0042")
    with httpx.Client(transport=httpx.MockTransport(_answer)) as http:
        with_token = ActionKit("bench", "a-token", base_url="http://mock", http_client=http)
        with_key = ActionKit(
            "bench", signing_key=pem, user_id="bench-user", base_url="http://mock", http_client=http
        )
        with_key.run(call)
        rows += [
            ("client.run, user_token (MockTransport)", _best(lambda: with_token.run(call), 2000)),
            ("client.run, signing_key (MockTransport)", _best(lambda: with_key.run(call), 2000)),
            (
                "client.for_user(...) (no token yet)",
                _best(lambda: with_key.for_user("other"), 2000),
            ),
        ]
    print("user tokens (best of 5)")
    for name, micros in rows:
        print(f"  {name:<46} {micros:10.1f} us")
    print(
        "  (a token is signed once an hour per user; a call with a key costs what one with a token does)"
    )


if __name__ == "__main__":
    main()
