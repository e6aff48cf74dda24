"""Hostile answers (issue 12, item 8), both clients over real HTTP: JSON nested too deeply to
decode, download file names that would escape a folder or upset Windows, and a token echoed back
in a response header."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from support.standin import Reply, Standin
from tests.client_helpers import KINDS, TOKEN, call_with, chat, drive, kit


def send(client: Any) -> Any:
    return chat.chat_send_message(client, channel="C", message="m")


def download(client: Any) -> Any:
    return drive.drive_download_file(client, file_id="F1")


def nested(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("depth", [100_000, 5_000])
def test_deeply_nested_json_on_success_is_a_validation_error(
    kind: str, depth: int, standin: Standin
) -> None:
    standin.script(Reply(raw=nested(depth)))
    with pytest.raises(kit.APIResponseValidationError, match="nested too deeply"):
        call_with(kind, standin, send)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("depth", [100_000, 5_000, 900])
def test_deeply_nested_json_in_an_error_keeps_its_status(
    kind: str, depth: int, standin: Standin
) -> None:
    standin.script(Reply(status=400, raw=nested(depth)))
    with pytest.raises(kit.BadRequestError) as caught:
        call_with(kind, standin, send)
    assert caught.value.status_code == 400


@pytest.mark.parametrize("kind", KINDS)
def test_deeply_nested_json_that_echoes_the_token_is_still_redacted(
    kind: str, standin: Standin
) -> None:
    body = b'{"message": "' + TOKEN.encode() + b'", "x": ' + nested(900) + b"}"
    standin.script(Reply(status=400, raw=body))
    with pytest.raises(kit.BadRequestError) as caught:
        call_with(kind, standin, send)
    assert TOKEN not in str(caught.value.body)
    assert TOKEN not in caught.value.message


# (Content-Disposition, the safe name). Values a server can send through h11 (no raw control
# characters in a header): the dangerous ones arrive percent-encoded (RFC 5987).
FILE_NAMES = [
    ("attachment; filename*=UTF-8''report%00.pdf", "report.pdf"),
    ("attachment; filename*=UTF-8''evil%0Aname%0D.txt", "evilname.txt"),
    ('attachment; filename="C:evil.exe"', "evil.exe"),
    ('attachment; filename="C:\\\\Windows\\\\evil.exe"', "evil.exe"),
    ('attachment; filename="/etc/passwd"', "passwd"),
    ('attachment; filename="CON"', "_CON"),
    ('attachment; filename="con.txt"', "_con.txt"),
    ('attachment; filename="LPT1.log"', "_LPT1.log"),
    ('attachment; filename="a<b>c|d?e*f\\"g.txt"', "a_b_c_d_e_f_g.txt"),
    ("attachment; filename*=UTF-8''%E2%80%AEfdp.exe", "fdp.exe"),
    ('attachment; filename=" .bashrc "', "bashrc"),
    ('attachment; filename="notes. "', "notes"),
    ('attachment; filename=".."', None),
    ('attachment; filename="..."', None),
    ("attachment; filename*=UTF-8''%00%0A", None),
    ('attachment; filename="stream.txt:hidden"', "stream.txt_hidden"),
]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("disposition", "expected"), FILE_NAMES)
def test_a_download_file_name_is_made_safe(
    kind: str, disposition: str, expected: str | None, standin: Standin
) -> None:
    standin.script(
        Reply(
            raw=b"%PDF",
            headers={"Content-Type": "application/pdf", "Content-Disposition": disposition},
        )
    )
    result = call_with(kind, standin, download)
    assert result.filename == expected


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("extension", [".pdf", ""])
def test_a_300_character_file_name_is_cut_to_255_bytes_keeping_its_extension(
    kind: str, extension: str, standin: Standin
) -> None:
    name = "é" * 300 + extension
    encoded = "".join(f"%{byte:02X}" for byte in name.encode())
    standin.script(
        Reply(
            raw=b"x",
            headers={
                "Content-Type": "application/pdf",
                "Content-Disposition": f"attachment; filename*=UTF-8''{encoded}",
            },
        )
    )
    result = call_with(kind, standin, download)
    assert len(result.filename.encode()) <= 255
    assert result.filename.endswith(extension)
    assert set(result.filename.removesuffix(extension)) == {"é"}


@pytest.mark.parametrize("kind", KINDS)
def test_a_token_echoed_in_a_response_header_is_not_in_any_log(
    kind: str, standin: Standin, caplog: pytest.LogCaptureFixture
) -> None:
    standin.script(Reply(headers={"X-Echo": f"Bearer {TOKEN}", "X-Other": TOKEN}))
    with caplog.at_level(logging.DEBUG):
        call_with(kind, standin, send)
    # httpcore wrote the response headers at DEBUG, with the token taken out.
    assert any("receive_response_headers" in r.getMessage() for r in caplog.records)
    assert any("X-Echo" in r.getMessage() for r in caplog.records)
    assert TOKEN not in caplog.text
    assert all(TOKEN not in r.getMessage() for r in caplog.records)
