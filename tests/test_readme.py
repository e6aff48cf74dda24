"""Every Python block of README.md runs as written: each in its own process, with the generated
package importable and ActionKit's address answered by the test stand-in (``support.standin``),
the way a reader would run it with their own project and token."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from support.signing_keys import pem, rsa_key
from support.standin import Received, Reply, Standin

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
_BLOCK = re.compile(r"^```python\n(?P<code>.*?)^```$", re.MULTILINE | re.DOTALL)

# Sends what is meant for ActionKit to the stand-in instead; nothing of the block changes.
_REDIRECT = """
import os, runpy, sys
import httpx

_target = httpx.URL(os.environ["README_STANDIN"])


def _redirected(request):
    if request.url.host == "actionkit.useparagon.com":
        request.url = request.url.copy_with(
            scheme=_target.scheme, host=_target.host, port=_target.port
        )
    return request


_sync = httpx.HTTPTransport.handle_request
_async = httpx.AsyncHTTPTransport.handle_async_request
httpx.HTTPTransport.handle_request = lambda self, r: _sync(self, _redirected(r))
httpx.AsyncHTTPTransport.handle_async_request = lambda self, r: _async(self, _redirected(r))
runpy.run_path(sys.argv[1], run_name="__main__")
"""


def _blocks() -> list[tuple[int, str]]:
    text = README.read_text(encoding="utf-8")
    return [(text.count("\n", 0, m.start()) + 2, m.group("code")) for m in _BLOCK.finditer(text)]


def _answer(request: Received) -> Reply:
    if request.method == "GET":  # List Tools: the package's own tools, as ActionKit lists them
        sys.path.insert(0, str(ROOT / "generated"))
        from actionkit_client.tools import TOOLS

        tools: dict[str, list[object]] = {}
        for name, tool in TOOLS.items():
            tools.setdefault(tool.INTEGRATION, []).append(
                {
                    "type": "function",
                    "function": {
                        "name": name,
                        "description": tool.TITLE,
                        "parameters": tool.json_schema(),
                    },
                }
            )
        return Reply(body={"tools": tools, "errors": []})
    return Reply(body={"InvoiceIdentifier": "INV-0042", "status": "updated"})


def test_the_readme_has_python_blocks() -> None:
    assert len(_blocks()) >= 4


@pytest.mark.parametrize(("line", "code"), _blocks(), ids=[f"line {n}" for n, _ in _blocks()])
def test_a_readme_block_runs(line: int, code: str, tmp_path: Path, standin: Standin) -> None:
    standin.responder = _answer
    (tmp_path / "block.py").write_text(code, encoding="utf-8")
    # The project's signing key, where the "User tokens" block reads it.
    (tmp_path / "paragon-signing-key.pem").write_text(pem(rsa_key()), encoding="utf-8")
    (tmp_path / "run.py").write_text(_REDIRECT, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "run.py", "block.py"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
        env={
            "PATH": os.environ.get("PATH", ""),
            "PYTHONPATH": str(ROOT / "generated"),
            "README_STANDIN": standin.url,
            "PARAGON_PROJECT_ID": "your-project-id",
            "PARAGON_USER_TOKEN": "the user's token",
        },
    )
    assert result.returncode == 0, f"README.md line {line}:\n{result.stderr}"
    assert standin.violations == []
    if "client" in code and "client.close()" not in code:  # it calls ActionKit: it was answered
        assert standin.received, f"README.md line {line} sent nothing to the stand-in"


def test_the_git_show_example_names_the_file_fetch_replaces(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from generator.config import load_defaults
    from generator.workflows.fetch import project_spec

    text = README.read_text(encoding="utf-8")
    found = re.search(r"git show main:(\S+) > (\S+)\nactionkit-codegen diff (\S+) (\S+)\n", text)
    assert found, "README.md: the `git show` example is gone"
    spec, old = found.group(1), found.group(2)
    assert (found.group(3), found.group(4)) == (old, spec)
    monkeypatch.chdir(ROOT)
    assert project_spec(load_defaults(ROOT / "pyproject.toml").specs) == Path(spec)
    tracked = subprocess.run(
        ["git", "ls-files", "--error-unmatch", spec], cwd=ROOT, capture_output=True, check=False
    )
    if (ROOT / ".git").exists():
        assert tracked.returncode == 0, f"{spec} is not in git"
