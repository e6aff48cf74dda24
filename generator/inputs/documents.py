"""Parsing the files read by ``sources`` into plain Python data, one ``Document`` each.

YAML goes through PyYAML's C parser where it is built (the pure-Python one is three times slower),
with ``speedups.yaml_events`` building the values from its events; JSON through ``json``; a
documentation page (``.md``/``.mdx``) through the fenced ``yaml`` block that holds its OpenAPI
document. PyYAML is imported only when a YAML file is parsed. A List Tools answer becomes the
OpenAPI document for the same tools (``list_tools``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator.inputs import list_tools
from generator.inputs.sources import (
    JSON_SUFFIXES,
    PAGE_SUFFIXES,
    YAML_SUFFIXES,
    Source,
    read_sources,
)
from generator.problems import InputError, SpecProblem

# A fence of three or more backticks whose info string starts with "yaml", up to the same fence.
_YAML_FENCE = re.compile(
    r"^(?P<fence>`{3,})yaml\b[^\n]*\n(?P<body>.*?)^(?P=fence)[ \t]*$",
    re.MULTILINE | re.DOTALL,
)


@dataclass(frozen=True)
class Document:
    """One parsed input file, as an OpenAPI document."""

    file: str
    data: Any
    answer_origins: Mapping[str, str] | None = field(default=None, compare=False)
    """For a List Tools answer: where each tool is in the answer, by name (a JSON pointer)."""

    @property
    def is_list_tools_answer(self) -> bool:
        return self.answer_origins is not None

    def locate(self, problem: SpecProblem) -> SpecProblem:
        """``problem``, pointing into the file as it is written rather than into its OpenAPI form."""
        if self.answer_origins is None or problem.file != self.file:
            return problem
        return list_tools.locate(problem, self.answer_origins)


def load_documents(paths: Sequence[str | Path]) -> list[Document]:
    """Parse every spec file under ``paths``; all problems are reported together."""
    return parse_sources(read_sources(paths))


def parse_sources(sources: Sequence[Source]) -> list[Document]:
    """Parse every file read by ``read_sources``; all problems are reported together."""
    documents: list[Document] = []
    problems: list[SpecProblem] = []
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
        raise InputError(
            [SpecProblem(name, "line 1", f"not UTF-8 text ({error.reason})")]
        ) from None
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
        raise InputError([SpecProblem(name, "line 1", f"unknown spec file type {suffix!r}")])

    if not isinstance(data, dict):
        raise InputError(
            [SpecProblem(name, "line 1", "not an OpenAPI document: expected a mapping")]
        )
    if list_tools.is_answer(data):
        converted, origins = list_tools.to_openapi(name, data)
        return Document(name, converted, origins)
    return Document(name, data)


def _parse_json(name: str, text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        problem = SpecProblem(name, f"line {error.lineno}", f"invalid JSON: {error.msg}")
        raise InputError([problem]) from None


def _parse_yaml(name: str, text: str | bytes, first_line: int) -> Any:
    import yaml

    from generator.speedups import yaml_events

    try:
        return yaml_events.load(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = first_line + mark.line if mark else first_line
        what = " ".join(part for part in (error.context, error.problem) if part)
        raise InputError([SpecProblem(name, f"line {line}", f"invalid YAML: {what}")]) from None
    except yaml.YAMLError as error:
        raise InputError(
            [SpecProblem(name, f"line {first_line}", f"invalid YAML: {error}")]
        ) from None


def _yaml_block(name: str, text: str) -> tuple[str, int]:
    """The first fenced yaml block of a documentation page and the file line its body starts on."""
    match = _YAML_FENCE.search(text)
    if match is None:
        raise InputError(
            [SpecProblem(name, "line 1", "no ```yaml block holding an OpenAPI document")]
        )
    first_line = text.count("\n", 0, match.start("body")) + 1
    return match.group("body"), first_line
