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
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from generator.inputs.sources import JSON_SUFFIXES, SPEC_SUFFIXES, YAML_SUFFIXES, Source
from generator.problems import InputError, SpecProblem
from generator.speedups import json_text

if TYPE_CHECKING:
    import httpx

    from generator.runtime._diff import DiffReport

DEFAULT_URL = "https://docs.useparagon.com/actionkit/openapi.json"
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


def project_spec(specs: Sequence[str | Path], configured_in: str | None = None) -> Path:
    """The project's own spec file: the one file ``generate`` reads by default (``specs``, from
    ``[tool.actionkit-codegen] spec``), which ``fetch`` replaces. A folder holding no spec file
    yet gets ``openapi.json``; anything that is not one file is an ``InputError``."""
    where = configured_in or (str(specs[0]) if specs else "spec")
    location = "/tool/actionkit-codegen/spec" if configured_in else "line 1"
    if len(specs) != 1:
        listed = ", ".join(map(str, specs))
        raise InputError(
            [
                SpecProblem(
                    where,
                    location,
                    f"generate reads several spec paths ({listed}): name the one fetch "
                    "replaces with --out",
                )
            ]
        )
    path = Path(specs[0])
    is_folder = path.is_dir() or (not path.exists() and str(specs[0]).endswith(("/", os.sep)))
    if not is_folder:
        return path
    found = (
        sorted(p for p in path.iterdir() if p.is_file() and p.suffix in SPEC_SUFFIXES)
        if path.is_dir()
        else []
    )
    if not found:
        return path / "openapi.json"
    if len(found) > 1:
        names = ", ".join(p.name for p in found)
        raise InputError(
            [
                SpecProblem(
                    str(path),
                    "line 1",
                    f"holds {len(found)} spec files ({names}), all of which generate reads: "
                    "name the one fetch replaces with --out, or keep one spec file there",
                )
            ]
        )
    return found[0]


def spec_text(data: Any, out: Path) -> bytes:
    """``data`` written in ``out``'s format, for review: YAML in block style, one line per
    value and multi-line strings as literal blocks; JSON indented. Key order is kept."""
    suffix = out.suffix.lower()
    if suffix in JSON_SUFFIXES:
        return (json_text.dumps(data) + "\n").encode("utf-8")
    if suffix in YAML_SUFFIXES:
        return _yaml_text(data, literal_blocks=True).encode("utf-8")
    raise InputError(
        [SpecProblem(str(out), "line 1", "fetch writes .yaml, .yml or .json files only")]
    )


def _yaml_text(data: Any, *, literal_blocks: bool) -> str:
    import yaml

    base: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

    class Dumper(base):  # type: ignore[misc]
        pass

    if literal_blocks:

        def string(dumper: Any, value: str) -> Any:
            style = "|" if "\n" in value else None
            return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

        Dumper.add_representer(str, string)
    text: str = yaml.dump(
        data,
        Dumper=Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=1_000_000,  # a long description stays one line: a change to it is one line
        indent=2,
    )
    return text


def _parse(name: str, content: bytes) -> Any:
    """The document downloaded, parsed as JSON or else as YAML (``name`` for the problems)."""
    from generator.inputs.documents import parse_source

    head = content.lstrip()[:1]
    suffix = ".json" if head in (b"{", b"[") else ".yaml"
    try:
        return parse_source(Source(Path("download" + suffix), content)).data
    except InputError as error:
        raise InputError(SpecProblem(name, p.location, p.message) for p in error.problems) from None


@dataclass(frozen=True)
class Fetched:
    out: Path
    tools: int
    integrations: int
    unchanged: bool  # the file already held exactly these bytes
    report: DiffReport | None  # against what generate read before; None when there was nothing
    previous: str | None  # why there is no report, if there is none
    text_changed: tuple[str, ...] = ()  # tools whose title or description changed
    written: bool = False


def fetch(
    source: str,
    out: Path,
    *,
    baseline: Sequence[str | Path] | None = None,
    check: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Fetched:
    """Download ``source``, check it, and replace ``out`` with it in ``out``'s format (unless
    ``check``); the report compares it with ``baseline`` (default: ``out``), what ``generate``
    read before. Raises ``InputError``."""
    from generator.workflows import diff

    downloaded = download(source, timeout=timeout, max_bytes=max_bytes)
    data = _parse(source, downloaded)
    content = spec_text(data, out)
    if _reread(out, content) != data and out.suffix.lower() in YAML_SUFFIXES:
        content = _yaml_text(data, literal_blocks=False).encode("utf-8")
    if _reread(out, content) != data:  # pragma: no cover - a writer's bug, never written
        raise InputError([SpecProblem(source, "/", f"cannot be written as {out.suffix} as it is")])
    out.parent.mkdir(parents=True, exist_ok=True)
    # A folder, not a file: a spec folder read by `generate` never picks up a leftover.
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.fetch-", dir=out.parent))
    written = False
    try:
        candidate = staging / out.name
        candidate.write_bytes(content)
        try:
            new, new_text = _tools(diff, [candidate])
        except InputError as error:
            raise InputError(
                SpecProblem(source, p.location, p.message) if p.file == str(candidate) else p
                for p in error.problems
            ) from None

        report: DiffReport | None = None
        previous: str | None = None
        text_changed: tuple[str, ...] = ()
        unchanged = out.is_file() and out.read_bytes() == content
        before = list(baseline) if baseline is not None else ([out] if out.exists() else [])
        if before and all(Path(path).exists() for path in before):
            try:
                old, old_text = _tools(diff, before)
                report = diff.compare(old, new)
                text_changed = tuple(
                    sorted(
                        name
                        for name in old_text.keys() & new_text.keys()
                        if old_text[name] != new_text[name]
                    )
                )
            except InputError as error:
                previous = f"the previous spec was not valid ({error.problems[0]})"
        else:
            previous = f"there was no previous {out}"

        if not unchanged and not check:
            mode = out.stat().st_mode & 0o777 if out.is_file() else 0o666 & ~_umask()
            candidate.chmod(mode)
            os.replace(candidate, out)
            written = True
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    integrations = {tool.integration for tool in new.values()}
    return Fetched(
        out, len(new), len(integrations), unchanged, report, previous, text_changed, written
    )


def _reread(out: Path, content: bytes) -> Any:
    """``content`` parsed as ``generate`` parses a file named like ``out``."""
    from generator.inputs.documents import parse_source

    try:
        return parse_source(Source(Path(out.name), content)).data
    except InputError:  # pragma: no cover
        return None


def _tools(diff: Any, paths: Sequence[str | Path]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The tools as ``diff`` compares them, and each tool's title and description."""
    from generator.workflows.front import catalogue_of, read_spec

    checked = catalogue_of(read_spec(paths))
    roots = {document.file: document.data for document in checked.documents}
    texts = {tool.name: (tool.title, tool.description) for tool in checked.catalogue.tools}
    return diff.catalogue_tools(checked.catalogue, roots), texts


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
