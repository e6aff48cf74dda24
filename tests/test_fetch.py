"""``actionkit-codegen fetch`` against a real HTTP server on 127.0.0.1: a good spec replaces the
file and says what changed; a 500, a timeout, garbage, an invalid document, an answer over the
size limit or no server at all leave the old file byte for byte and exit 2."""

from __future__ import annotations

import json
import socket
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from generator.workflows import fetch as fetch_module
from support.standin import Reply, Standin
from tests.clirun import Ran, run_cli

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "specs" / "actionkit.yaml"
SEVERAL = ROOT / "tests" / "golden" / "several_integrations" / "input" / "catalogue.json"

# The seed spec as the docs serve it (JSON), and a later version with one more tool.
SEED_JSON: dict[str, object] = yaml.safe_load(SEED.read_text(encoding="utf-8"))
LATER = json.loads(json.dumps(SEED_JSON))
LATER["paths"].update(json.loads(SEVERAL.read_text(encoding="utf-8"))["paths"])


@pytest.fixture
def standin(standin: Standin) -> Standin:
    """The stand-in, quiet when the client hangs up early (as it does on purpose here): its
    server's error report would land in the captured stderr."""
    standin._server.handle_error = lambda request, client_address: None  # type: ignore[method-assign]
    return standin


@pytest.fixture
def fetch(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., Ran]:
    def run(*args: str, cwd: Path) -> Ran:
        return run_cli(["fetch", *args], cwd=cwd, capsys=capsys, monkeypatch=monkeypatch)

    return run


@pytest.fixture
def old_spec(tmp_path: Path) -> Path:
    """The spec file a project has now."""
    spec = tmp_path / "specs" / "openapi.json"
    spec.parent.mkdir()
    spec.write_text(json.dumps(SEED_JSON, indent=2) + "\n", encoding="utf-8")
    return spec


def _leftovers(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


def test_a_good_spec_replaces_the_file_and_prints_what_changed(
    fetch: Callable[..., Ran], standin: Standin, old_spec: Path, tmp_path: Path
) -> None:
    body = json.dumps(LATER).encode()
    standin.script(Reply(raw=body))

    result = fetch(
        "--url", f"{standin.url}/actionkit/openapi.json", "--out", str(old_spec), cwd=tmp_path
    )

    assert result.returncode == 0, result.stderr
    # Pretty-printed, so that a change reads well in review.
    assert old_spec.read_text() == json.dumps(LATER, indent=2, ensure_ascii=False) + "\n"
    assert standin.received[0].method == "GET"
    assert standin.received[0].path == "/actionkit/openapi.json"
    lines = result.stdout.splitlines()
    assert lines[0] == (
        f"fetched {standin.url}/actionkit/openapi.json into {old_spec} (5 tools in 3 integrations)"
    )
    assert "+ SLACK_SEND_MESSAGE: added (integration slack)" in lines
    assert lines[-2:] == [
        "4 tools added; 2 integrations added",
        "run `actionkit-codegen generate` to update the client",
    ]
    assert _leftovers(old_spec.parent) == ["openapi.json"]


def test_the_first_fetch_creates_the_file(
    fetch: Callable[..., Ran], standin: Standin, tmp_path: Path
) -> None:
    standin.script(Reply(body=SEED_JSON))
    out = tmp_path / "new" / "specs" / "openapi.json"
    result = fetch("--url", standin.url + "/openapi.json", "--out", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(out.read_bytes()) == SEED_JSON
    assert f"no report: there was no previous {out}" in result.stdout


def test_the_same_spec_leaves_the_file_alone(
    fetch: Callable[..., Ran], standin: Standin, old_spec: Path
) -> None:
    standin.script(Reply(raw=json.dumps(SEED_JSON).encode()))  # minified: the same spec
    before = old_spec.stat().st_mtime_ns
    result = fetch("--url", standin.url, "--out", str(old_spec), cwd=old_spec.parent)
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{old_spec} is already the current spec (1 tool in 1 integration)\n"
    assert old_spec.stat().st_mtime_ns == before


def test_a_yaml_target_is_checked_as_yaml(
    fetch: Callable[..., Ran], standin: Standin, tmp_path: Path
) -> None:
    out = tmp_path / "actionkit.yaml"
    out.write_bytes(SEED.read_bytes())
    standin.script(Reply(raw=yaml.safe_dump(LATER).encode()))
    result = fetch("--url", standin.url, "--out", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert yaml.safe_load(out.read_text()) == LATER


def test_a_file_path_works_as_the_source(
    fetch: Callable[..., Ran], old_spec: Path, tmp_path: Path
) -> None:
    source = tmp_path / "downloaded.json"
    source.write_text(json.dumps(LATER))
    result = fetch("--url", str(source), "--out", str(old_spec), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(old_spec.read_text()) == LATER

    result = fetch("--url", source.as_uri(), "--out", str(old_spec), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "already the current spec" in result.stdout


FAILURES: dict[str, tuple[list[Reply], list[str], str]] = {
    # name: (replies, extra options, expected message after "URL: /: ")
    "HTTP 500": (
        [Reply(status=500, body={"message": "Something broke"})],
        [],
        "HTTP 500 Internal Server Error: Something broke",
    ),
    "HTTP 404": ([Reply(status=404, raw=b"<html>not here</html>")], [], "HTTP 404 Not Found"),
    "timeout": ([Reply(delay=3.0, drop=True)], ["--timeout", "0.5"], "timed out after 0.5s"),
    "garbage": (
        [Reply(raw=b"<!doctype html><p>Maintenance</p>", headers={"Content-Type": "text/html"})],
        [],
        "line 1: not an OpenAPI document",
    ),
    "not a spec": ([Reply(body={"hello": "world"})], [], "/openapi: not an OpenAPI 3.0 document"),
    "invalid spec": (
        [Reply(body={"openapi": "3.0.0", "paths": {}})],
        [],
        "/info: Field required",
    ),
    "over the size limit": (
        [Reply(raw=json.dumps(LATER).encode())],
        ["--max-bytes", "1000"],
        "over the limit of 1000 (--max-bytes)",
    ),
}


@pytest.mark.parametrize("case", sorted(FAILURES))
def test_a_failure_leaves_the_old_file_byte_for_byte(
    fetch: Callable[..., Ran], case: str, standin: Standin, old_spec: Path, tmp_path: Path
) -> None:
    replies, options, message = FAILURES[case]
    standin.script(*replies)
    before = old_spec.read_bytes()
    url = f"{standin.url}/actionkit/openapi.json"

    result = fetch("--url", url, "--out", str(old_spec), *options, cwd=tmp_path)

    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{url}: "), result.stderr
    assert message in result.stderr
    assert old_spec.read_bytes() == before
    assert _leftovers(old_spec.parent) == ["openapi.json"]


def test_no_server_leaves_the_old_file(
    fetch: Callable[..., Ran], old_spec: Path, tmp_path: Path
) -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    before = old_spec.read_bytes()
    url = f"http://127.0.0.1:{port}/openapi.json"
    result = fetch("--url", url, "--out", str(old_spec), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith(f"{url}: /: cannot connect"), result.stderr
    assert old_spec.read_bytes() == before


def test_a_missing_source_file_is_reported(
    fetch: Callable[..., Ran], old_spec: Path, tmp_path: Path
) -> None:
    result = fetch("--url", str(tmp_path / "nowhere.json"), "--out", str(old_spec), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == f"{tmp_path / 'nowhere.json'}: /: no such file\n"


def test_the_defaults_are_the_docs_spec() -> None:
    assert fetch_module.DEFAULT_URL == "https://docs.useparagon.com/actionkit/openapi.json"
    from generator.cli import _parser

    args = _parser().parse_args(["fetch"])
    assert args.url == fetch_module.DEFAULT_URL
    assert args.out is None  # the project's own spec file: see test_fetch_end_to_end
