"""``actionkit-codegen fetch``: download the current spec and replace the local copy, atomically.

The download goes to a hidden folder beside the target, is read and checked there exactly as
``generate`` will read it (same file name, so the same format), and only then moved over the
target in one rename. An unreachable server, an HTTP error, a timeout, an answer over the size
limit or an invalid document leaves the old file as it was, byte for byte.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from generator.problems import InputError, SpecProblem

if TYPE_CHECKING:
    import httpx

    from generator.runtime._diff import DiffReport

DEFAULT_URL = "https://docs.useparagon.com/actionkit/openapi.json"
DEFAULT_OUT = "specs/openapi.json"
DEFAULT_TIMEOUT = 60.0
# The ActionKit spec is a few MB; anything this big is not a spec.
DEFAULT_MAX_BYTES = 64 * 1024 * 1024


def download(
    source: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    headers: Mapping[str, str] | None = None,
    params: Mapping[str, str] | None = None,
) -> bytes:
    """The bytes at ``source``: an http(s) URL, a ``file:`` URL or a path.

    ``timeout`` bounds the whole download, not only each read. Any failure raises ``InputError``
    with one problem naming ``source`` (never the headers, which may hold a token).
    """
    scheme = urlsplit(source).scheme.lower()
    if scheme in ("http", "https"):
        return _download_http(source, timeout, max_bytes, headers or {}, params or {})
    path = Path(url2pathname(urlsplit(source).path)) if scheme == "file" else Path(source)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise _problem(source, f"{size} bytes, over the limit of {max_bytes} (--max-bytes)")
        return path.read_bytes()
    except FileNotFoundError:
        raise _problem(source, "no such file") from None
    except OSError as error:
        raise _problem(source, f"cannot read: {error.strerror or error}") from None


def _download_http(
    url: str,
    timeout: float,
    max_bytes: int,
    headers: Mapping[str, str],
    params: Mapping[str, str],
) -> bytes:
    import httpx  # only a download needs it: the command line starts faster without

    deadline = time.monotonic() + timeout
    try:
        with (
            httpx.Client(timeout=httpx.Timeout(timeout), follow_redirects=True) as client,
            client.stream("GET", url, headers=dict(headers), params=dict(params)) as response,
        ):
            if not response.is_success:
                response.read()
                raise _problem(url, _status_message(response))
            length = response.headers.get("content-length", "")
            if length.isdigit() and int(length) > max_bytes:
                raise _problem(url, f"{length} bytes, over the limit of {max_bytes} (--max-bytes)")
            chunks: list[bytes] = []
            received = 0
            for chunk in response.iter_bytes():
                received += len(chunk)
                if received > max_bytes:
                    raise _problem(url, f"more than the limit of {max_bytes} bytes (--max-bytes)")
                if time.monotonic() > deadline:
                    raise _problem(url, f"timed out after {timeout:g}s (--timeout)")
                chunks.append(chunk)
            return b"".join(chunks)
    except httpx.TimeoutException:
        raise _problem(url, f"timed out after {timeout:g}s (--timeout)") from None
    except httpx.ConnectError as error:
        raise _problem(url, f"cannot connect: {error}") from None
    except httpx.InvalidURL as error:
        raise _problem(url, f"not a valid URL: {error}") from None
    except httpx.TransportError as error:
        raise _problem(url, f"download failed: {type(error).__name__}: {error}") from None


def _status_message(response: httpx.Response) -> str:
    message = f"HTTP {response.status_code} {response.reason_phrase}".rstrip()
    try:
        body: Any = json.loads(response.content)
    except ValueError:
        body = None
    detail = body.get("message") if isinstance(body, dict) else None
    return f"{message}: {detail}" if isinstance(detail, str) and detail else message


def _problem(source: str, message: str) -> InputError:
    return InputError([SpecProblem(source, "/", message)])


@dataclass(frozen=True)
class Fetched:
    out: Path
    tools: int
    integrations: int
    unchanged: bool  # the file already held exactly these bytes
    report: DiffReport | None  # against the previous file; None when there was none to read
    previous: str | None  # why the previous file could not be compared, if it could not


def fetch(
    source: str,
    out: Path,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Fetched:
    """Download ``source``, check it, and replace ``out`` with it; raises ``InputError``."""
    from generator.workflows import diff

    content = download(source, timeout=timeout, max_bytes=max_bytes)
    out.parent.mkdir(parents=True, exist_ok=True)
    # A folder, not a file: a spec folder read by `generate` never picks up a leftover.
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.fetch-", dir=out.parent))
    try:
        candidate = staging / out.name
        candidate.write_bytes(content)
        try:
            new = diff.spec_tools([candidate])
        except InputError as error:
            raise InputError(
                SpecProblem(source, p.location, p.message) if p.file == str(candidate) else p
                for p in error.problems
            ) from None

        report: DiffReport | None = None
        previous: str | None = None
        unchanged = False
        if out.is_file():
            unchanged = out.read_bytes() == content
            try:
                report = diff.compare(diff.spec_tools([out]), new)
            except InputError as error:
                previous = f"the previous {out} was not a valid spec ({error.problems[0]})"
        else:
            previous = f"there was no previous {out}"

        if not unchanged:
            mode = out.stat().st_mode & 0o777 if out.is_file() else 0o666 & ~_umask()
            candidate.chmod(mode)
            os.replace(candidate, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    integrations = {tool.integration for tool in new.values()}
    return Fetched(out, len(new), len(integrations), unchanged, report, previous)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
