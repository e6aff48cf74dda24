"""Stage 1: find the spec files under each PATH and parse them into plain Python data.

YAML goes through PyYAML's C parser where it is built (the pure-Python one is three times slower),
with ``yaml_load`` building the values from its events (three times faster than the C loader, and
the same values); JSON through ``json``; a documentation page (``.md``/``.mdx``) through the fenced
``yaml`` block that holds its OpenAPI document.

Reading (``read_sources``: the bytes of each file) is apart from parsing (``parse_sources``), so
that generation can tell from the bytes alone that nothing changed, without parsing anything; PyYAML
is imported only when a YAML file is parsed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator import list_tools
from generator.errors import InputError, Problem

YAML_SUFFIXES = (".yaml", ".yml")
JSON_SUFFIXES = (".json",)
PAGE_SUFFIXES = (".md", ".mdx")
SPEC_SUFFIXES = YAML_SUFFIXES + JSON_SUFFIXES + PAGE_SUFFIXES

# A fence of three or more backticks whose info string starts with "yaml", up to the same fence.
_YAML_FENCE = re.compile(
    r"^(?P<fence>`{3,})yaml\b[^\n]*\n(?P<body>.*?)^(?P=fence)[ \t]*$",
    re.MULTILINE | re.DOTALL,
)


@dataclass(frozen=True)
class Document:
    """One parsed input file."""

    file: str
    data: Any


@dataclass(frozen=True)
class Source:
    """One input file as read: its path and its bytes."""

    path: Path
    content: bytes


def spec_files(paths: Sequence[str | Path]) -> list[Path]:
    """Every spec file named by ``paths``: files as given, folders as their spec files in sorted order."""
    files: list[Path] = []
    problems: list[Problem] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.is_file() and p.suffix in SPEC_SUFFIXES)
            if not found:
                problems.append(
                    Problem(
                        str(path), "line 1", "folder holds no .yaml, .yml, .json, .md or .mdx file"
                    )
                )
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            problems.append(Problem(str(path), "line 1", "no such file or folder"))
    if problems:
        raise InputError(problems)
    return files


def load_documents(paths: Sequence[str | Path]) -> list[Document]:
    """Parse every spec file under ``paths``; all problems are reported together."""
    return parse_sources(read_sources(paths))


def read_sources(paths: Sequence[str | Path]) -> list[Source]:
    """The bytes of every spec file under ``paths``, in order; all problems reported together."""
    sources: list[Source] = []
    problems: list[Problem] = []
    for path in spec_files(paths):
        try:
            sources.append(Source(path, path.read_bytes()))
        except OSError as error:
            problems.append(Problem(str(path), "line 1", f"cannot read: {error.strerror}"))
    if problems:
        raise InputError(problems)
    return sources


def parse_sources(sources: Sequence[Source]) -> list[Document]:
    """Parse every file read by ``read_sources``; all problems are reported together."""
    documents: list[Document] = []
    problems: list[Problem] = []
    for source in sources:
        try:
            documents.append(parse_source(source))
        except InputError as error:
            problems.extend(error.problems)
    if problems:
        raise InputError(problems)
    return documents


def parse_source(source: Source) -> Document:
    name = str(source.path)
    try:
        text = source.content.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError([Problem(name, "line 1", f"not UTF-8 text ({error.reason})")]) from None
    # What reading in text mode does: every line ending becomes "\n".
    translated = "\r" in text
    if translated:
        text = text.replace("\r\n", "\n").replace("\r", "\n")

    suffix = source.path.suffix.lower()
    if suffix in JSON_SUFFIXES:
        data = _parse_json(name, text)
    elif suffix in PAGE_SUFFIXES:
        body, first_line = _yaml_block(name, text)
        data = _parse_yaml(name, body, first_line)
    elif suffix in YAML_SUFFIXES:
        # libyaml reads UTF-8 bytes faster than a str, and to the same data.
        data = _parse_yaml(name, text.encode("utf-8") if translated else source.content, 1)
    else:
        raise InputError([Problem(name, "line 1", f"unknown spec file type {suffix!r}")])

    if not isinstance(data, dict):
        raise InputError([Problem(name, "line 1", "not an OpenAPI document: expected a mapping")])
    if list_tools.is_list_tools(data):
        data = list_tools.to_openapi(name, data)
    return Document(name, data)


def _parse_json(name: str, text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        problem = Problem(name, f"line {error.lineno}", f"invalid JSON: {error.msg}")
        raise InputError([problem]) from None


def _parse_yaml(name: str, text: str | bytes, first_line: int) -> Any:
    import yaml

    from generator import yaml_load

    try:
        return yaml_load.load(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = first_line + mark.line if mark else first_line
        what = " ".join(part for part in (error.context, error.problem) if part)
        raise InputError([Problem(name, f"line {line}", f"invalid YAML: {what}")]) from None
    except yaml.YAMLError as error:
        raise InputError([Problem(name, f"line {first_line}", f"invalid YAML: {error}")]) from None


def _yaml_block(name: str, text: str) -> tuple[str, int]:
    """The first fenced yaml block of a documentation page and the file line its body starts on."""
    match = _YAML_FENCE.search(text)
    if match is None:
        raise InputError([Problem(name, "line 1", "no ```yaml block holding an OpenAPI document")])
    first_line = text.count("\n", 0, match.start("body")) + 1
    return match.group("body"), first_line
