"""Stage 1: find the spec files under each PATH and parse them into plain Python data.

YAML goes through PyYAML's C loader where it is built (the pure-Python one is three times slower),
JSON through ``json``, and a documentation page (``.md``/``.mdx``) through the fenced ``yaml`` block
that holds its OpenAPI document.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator import list_tools
from generator.errors import InputError, Problem

# The C loader exists only where PyYAML was built with libyaml.
_YamlLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

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
    documents: list[Document] = []
    problems: list[Problem] = []
    for path in spec_files(paths):
        try:
            documents.append(load_file(path))
        except InputError as error:
            problems.extend(error.problems)
    if problems:
        raise InputError(problems)
    return documents


def load_file(path: Path) -> Document:
    name = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise InputError([Problem(name, "line 1", f"not UTF-8 text ({error.reason})")]) from None
    except OSError as error:
        raise InputError([Problem(name, "line 1", f"cannot read: {error.strerror}")]) from None

    suffix = path.suffix.lower()
    if suffix in JSON_SUFFIXES:
        data = _parse_json(name, text)
    elif suffix in PAGE_SUFFIXES:
        body, first_line = _yaml_block(name, text)
        data = _parse_yaml(name, body, first_line)
    elif suffix in YAML_SUFFIXES:
        data = _parse_yaml(name, text, 1)
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


def _parse_yaml(name: str, text: str, first_line: int) -> Any:
    try:
        return yaml.load(text, Loader=_YamlLoader)
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
