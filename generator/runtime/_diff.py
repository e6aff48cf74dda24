"""How two catalogues of tools differ, tool by tool and parameter by parameter.

Each change is marked breaking or not for a caller of the generated client: a removed tool or
parameter, a parameter that became required, a narrower type and a removed enum value break calls
that used to work; an added tool, an optional parameter, a wider type or a new enum value do not.
A renamed parameter (a new wire name) is seen as one removed and one added.

The standard library only: actionkit-codegen imports this module (``generator.runtime._diff``) for
its ``diff``, ``generate``, ``fetch`` and ``drift`` commands, and the package's ``drift`` module
uses its copy at run time.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ._all_of import merged_all_of
from ._list_tools import read_answer
from ._pointers import child_path, json_pointer
from ._types import is_json_array, is_json_object

TOOL_ADDED = "tool_added"
TOOL_REMOVED = "tool_removed"
INTEGRATION_CHANGED = "integration_changed"
PARAMETER_ADDED = "parameter_added"
PARAMETER_REMOVED = "parameter_removed"
TYPE_CHANGED = "type_changed"
ENUM_VALUES_ADDED = "enum_values_added"
ENUM_VALUES_REMOVED = "enum_values_removed"
ENUM_ADDED = "enum_added"
ENUM_REMOVED = "enum_removed"
BECAME_REQUIRED = "became_required"
BECAME_OPTIONAL = "became_optional"
BECAME_NULLABLE = "became_nullable"
NO_LONGER_NULLABLE = "no_longer_nullable"
# The documentation changed (a tool's title or description, a parameter's description or
# title): the generated docstrings change, no call breaks.
DESCRIPTION_CHANGED = "description_changed"
_DOCUMENTATION = ("title", "description")

_COMBINATORS = ("oneOf", "anyOf")


@dataclass(frozen=True)
class ToolSchema:
    """One tool as compared: the JSON Schema of its ``parameters`` and its integration.

    ``root`` is the document a ``$ref`` outside the schema points into (an OpenAPI document); a
    ``$ref`` to ``#/$defs/...`` is looked up in the schema itself first.
    """

    parameters: Mapping[str, Any]
    integration: str | None = None
    root: Mapping[str, Any] | None = field(default=None, compare=False, repr=False)
    # The operation's summary and description, where known (a spec; not a generated package's
    # schema files, nor a List Tools answer, which has no title).
    title: str | None = None
    description: str | None = None


@dataclass(frozen=True)
class Change:
    """One difference. ``path`` is the JSON pointer of the parameter in the tool's ``parameters``
    schema (``("properties", "Name")``), empty for a change of the whole tool."""

    tool: str
    kind: str
    path: tuple[str, ...] = ()
    breaking: bool = False
    old: Any = None
    new: Any = None

    @property
    def parameter(self) -> str | None:
        """The parameter as a reader writes it: ``Name``, ``filter["a.b"]``, ``Items[].id``."""
        if not self.path:
            return None
        return _display_path(self.path)

    @property
    def message(self) -> str:
        return _message(self)

    def to_json(self) -> dict[str, Any]:
        return {
            "tool": self.tool,
            "change": self.kind,
            "parameter": self.parameter,
            "pointer": json_pointer(self.path) if self.path else None,
            "breaking": self.breaking,
            "old": self.old,
            "new": self.new,
            "message": self.message,
        }


@dataclass(frozen=True)
class DiffReport:
    """Every change from one catalogue to another, sorted by tool, then by parameter."""

    changes: tuple[Change, ...]
    integrations_added: tuple[str, ...] = ()
    integrations_removed: tuple[str, ...] = ()
    # For a drift check: integrations the generated package has but the live answer did not
    # include (not connected for this user, or not asked for), and errors the answer reported.
    skipped_integrations: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def breaking(self) -> bool:
        return any(change.breaking for change in self.changes)

    @property
    def tools_added(self) -> tuple[str, ...]:
        return tuple(c.tool for c in self.changes if c.kind == TOOL_ADDED)

    @property
    def tools_removed(self) -> tuple[str, ...]:
        return tuple(c.tool for c in self.changes if c.kind == TOOL_REMOVED)

    @property
    def tools_changed(self) -> tuple[str, ...]:
        whole = {TOOL_ADDED, TOOL_REMOVED}
        return tuple(sorted({c.tool for c in self.changes if c.kind not in whole}))

    @property
    def tools_changed_breaking(self) -> tuple[str, ...]:
        whole = {TOOL_ADDED, TOOL_REMOVED}
        return tuple(sorted({c.tool for c in self.changes if c.kind not in whole and c.breaking}))

    def summary(self) -> str:
        """One line: ``3 tools added, 1 removed (breaking), 2 changed (1 breaking)``."""
        tools = _counts(
            "tool",
            [
                (len(self.tools_added), "added", ""),
                (len(self.tools_removed), "removed", " (breaking)"),
                (
                    len(self.tools_changed),
                    "changed",
                    f" ({len(self.tools_changed_breaking)} breaking)"
                    if self.tools_changed_breaking
                    else "",
                ),
            ],
        )
        integrations = _counts(
            "integration",
            [
                (len(self.integrations_added), "added", ""),
                (len(self.integrations_removed), "removed", " (breaking)"),
            ],
        )
        parts = [part for part in (tools, integrations) if part]
        return "; ".join(parts) if parts else "no changes"

    def to_text(self) -> str:
        """The report for people: one block per tool, then the summary line."""
        lines: list[str] = []
        by_tool: dict[str, list[Change]] = {}
        for change in self.changes:
            by_tool.setdefault(change.tool, []).append(change)
        for tool, changes in by_tool.items():
            if len(changes) == 1 and changes[0].kind in (TOOL_ADDED, TOOL_REMOVED):
                change = changes[0]
                sign = "+" if change.kind == TOOL_ADDED else "-"
                lines.append(f"{sign} {tool}: {change.message}{_mark(change)}")
                continue
            lines.append(f"~ {tool}")
            for change in changes:
                where = f"{change.parameter}: " if change.parameter is not None else ""
                lines.append(f"    {where}{change.message}{_mark(change)}")
        if self.skipped_integrations:
            lines.append(
                "not compared (not in the List Tools answer): "
                + ", ".join(self.skipped_integrations)
            )
        lines.extend(f"note: {note}" for note in self.notes)
        if lines:
            lines.append("")
        lines.append(self.summary())
        return "\n".join(lines) + "\n"

    def to_json(self) -> dict[str, Any]:
        """The report for machines (``--format json``)."""
        return {
            "breaking": self.breaking,
            "summary": self.summary(),
            "tools": {
                "added": list(self.tools_added),
                "removed": list(self.tools_removed),
                "changed": list(self.tools_changed),
                "changed_breaking": list(self.tools_changed_breaking),
            },
            "integrations": {
                "added": list(self.integrations_added),
                "removed": list(self.integrations_removed),
                "skipped": list(self.skipped_integrations),
            },
            "changes": [change.to_json() for change in self.changes],
            "notes": list(self.notes),
        }


def compare(old: Mapping[str, ToolSchema], new: Mapping[str, ToolSchema]) -> DiffReport:
    """How the tools ``new`` differ from ``old`` (both by tool name)."""
    changes: list[Change] = []
    for name in sorted(old.keys() | new.keys()):
        before, after = old.get(name), new.get(name)
        if before is None:
            assert after is not None
            changes.append(Change(name, TOOL_ADDED, new=after.integration))
        elif after is None:
            changes.append(Change(name, TOOL_REMOVED, breaking=True, old=before.integration))
        else:
            if before.integration and after.integration and before.integration != after.integration:
                # The tool's class and function move to another module: imports of it break.
                changes.append(
                    Change(
                        name,
                        INTEGRATION_CHANGED,
                        breaking=True,
                        old=before.integration,
                        new=after.integration,
                    )
                )
            for key in _DOCUMENTATION:
                was, now = getattr(before, key), getattr(after, key)
                if was is not None and now is not None and was != now:
                    changes.append(
                        Change(name, DESCRIPTION_CHANGED, (), False, {key: was}, {key: now})
                    )
            comparer = _Comparer(name, _Side(before), _Side(after))
            changes.extend(comparer.schemas((), before.parameters, after.parameters))
    old_integrations = {tool.integration for tool in old.values() if tool.integration}
    new_integrations = {tool.integration for tool in new.values() if tool.integration}
    return DiffReport(
        changes=tuple(changes),
        integrations_added=tuple(sorted(new_integrations - old_integrations)),
        integrations_removed=tuple(sorted(old_integrations - new_integrations)),
    )


def list_tools_answer(answer: Any) -> tuple[dict[str, ToolSchema], dict[str, None], list[str]]:
    """Read the JSON answer of ActionKit's List Tools endpoint (``format=json_schema``), by the
    rule ``_list_tools`` holds.

    Returns the tools by name, the integrations the answer covers (in its order) and the errors it
    reports, as text. Raises ``ValueError`` for anything but a well-formed answer.
    """
    read = read_answer(answer)
    if read.problems:
        where, message = read.problems[0]
        raise ValueError(f"{json_pointer(where)}: {message}" if where else message)
    tools = {tool.name: ToolSchema(tool.parameters, tool.integration) for tool in read.tools}
    covered = dict.fromkeys(read.integrations)
    notes = [
        error if isinstance(error, str) else json.dumps(error, ensure_ascii=False, sort_keys=True)
        for error in read.errors
    ]
    return tools, covered, notes


def drift_report(generated: Mapping[str, ToolSchema], answer: Any) -> DiffReport:
    """How a live List Tools answer differs from the generated tools (``old`` is the generated).

    Only the integrations the answer covers are compared: the others are listed as skipped, since
    List Tools answers only for the integrations a user has connected (or was asked for).
    """
    live, covered, notes = list_tools_answer(answer)
    compared = {name: tool for name, tool in generated.items() if tool.integration in covered}
    skipped = {tool.integration for tool in generated.values() if tool.integration} - set(covered)
    report = compare(compared, live)
    return replace(
        report,
        integrations_added=(),
        integrations_removed=(),
        skipped_integrations=tuple(sorted(skipped)),
        notes=tuple(notes),
    )


# ---------------------------------------------------------------------------------------------
# Comparing schemas


@dataclass(frozen=True)
class _View:
    """What a schema accepts, as far as a caller is concerned."""

    kinds: frozenset[str]  # JSON kinds; "any" for a free JSON value
    label: str
    nullable: bool
    enum: tuple[Any, ...] | None  # None: any value of the kind (no enum, or an empty one)
    properties: Mapping[str, Any] | None  # an object with named properties
    required: frozenset[str]
    items: Any  # an array's item schema, or None
    alternatives: tuple[str, tuple[Any, ...]] | None  # ("oneOf", members)


class _Side:
    """One catalogue's tool: resolves its ``$ref``s."""

    def __init__(self, tool: ToolSchema) -> None:
        self.roots = (tool.parameters, tool.root or {})

    def resolve(self, schema: Any, seen: frozenset[str]) -> tuple[Any, frozenset[str]]:
        """The schema behind ``$ref``s; a ``$ref`` met again (recursion) is left as it is."""
        while is_json_object(schema) and isinstance(schema.get("$ref"), str):
            ref = schema["$ref"]
            if ref in seen:
                break
            target = self._lookup(ref)
            if target is None:
                break
            seen = seen | {ref}
            schema = target
        return schema, seen

    def _lookup(self, ref: str) -> Any:
        if not ref.startswith("#"):
            return None
        parts = [p.replace("~1", "/").replace("~0", "~") for p in ref[1:].split("/")[1:]]
        for root in self.roots:
            node: Any = root
            for part in parts:
                if is_json_object(node) and part in node:
                    node = node[part]
                elif is_json_array(node) and part.isdigit() and int(part) < len(node):
                    node = node[int(part)]
                else:
                    node = None
                    break
            if node is not None:
                return node
        return None


class _Comparer:
    def __init__(self, tool: str, old: _Side, new: _Side) -> None:
        self.tool = tool
        self.old = old
        self.new = new

    def schemas(
        self,
        path: tuple[str, ...],
        old: Any,
        new: Any,
        old_seen: frozenset[str] = frozenset(),
        new_seen: frozenset[str] = frozenset(),
    ) -> Iterator[Change]:
        old, old_seen = self.old.resolve(old, old_seen)
        new, new_seen = self.new.resolve(new, new_seen)
        old_ref, new_ref = _unresolved_ref(old), _unresolved_ref(new)
        if old_ref is not None or new_ref is not None:
            # A recursive schema meeting itself again (compared the first time round), or a
            # reference to outside what was given: compared by the reference alone.
            if old_ref != new_ref:
                old_label = old_ref or _view(old).label
                new_label = new_ref or _view(new).label
                yield self._change(path, TYPE_CHANGED, True, old_label, new_label)
            return
        if is_json_object(old) and is_json_object(new) and path:
            for key in _DOCUMENTATION:
                was, now = old.get(key), new.get(key)
                if was != now:
                    yield self._change(path, DESCRIPTION_CHANGED, False, {key: was}, {key: now})
        root = not path
        before = _view(self._merged(old, self.old), root=root)
        after = _view(self._merged(new, self.new), root=root)

        pairwise = (
            before.alternatives is not None
            and after.alternatives is not None
            and len(before.alternatives[1]) == len(after.alternatives[1])
        )
        if not pairwise and (before.label != after.label or before.kinds != after.kinds):
            widened = _accepts(after.kinds, before.kinds)
            yield self._change(path, TYPE_CHANGED, not widened, before.label, after.label)
        if before.nullable != after.nullable:
            kind = BECAME_NULLABLE if after.nullable else NO_LONGER_NULLABLE
            yield self._change(path, kind, not after.nullable, before.nullable, after.nullable)
        yield from self._enums(path, before, after)

        if before.properties is not None and after.properties is not None:
            yield from self._properties(path, before, after, old_seen, new_seen)
        if before.items is not None and after.items is not None:
            yield from self.schemas((*path, "items"), before.items, after.items, old_seen, new_seen)
        if pairwise:
            # As many alternatives as before: compared one by one, in their places.
            assert before.alternatives is not None and after.alternatives is not None
            new_key, new_members = after.alternatives
            pairs = zip(before.alternatives[1], new_members, strict=True)
            for index, (a, b) in enumerate(pairs):
                yield from self.schemas((*path, new_key, str(index)), a, b, old_seen, new_seen)

    def _properties(
        self,
        path: tuple[str, ...],
        before: _View,
        after: _View,
        old_seen: frozenset[str],
        new_seen: frozenset[str],
    ) -> Iterator[Change]:
        old_properties = before.properties or {}
        new_properties = after.properties or {}
        for key in sorted(old_properties.keys() | new_properties.keys()):
            where = (*path, "properties", key)
            if key not in new_properties:
                required = key in before.required
                label = _view(self.old.resolve(old_properties[key], old_seen)[0]).label
                yield self._change(
                    where, PARAMETER_REMOVED, True, {"required": required, "type": label}, None
                )
            elif key not in old_properties:
                required = key in after.required
                label = _view(self.new.resolve(new_properties[key], new_seen)[0]).label
                yield self._change(
                    where, PARAMETER_ADDED, required, None, {"required": required, "type": label}
                )
            else:
                was, now = key in before.required, key in after.required
                if was != now:
                    yield self._change(
                        where, BECAME_REQUIRED if now else BECAME_OPTIONAL, now, was, now
                    )
                yield from self.schemas(
                    where, old_properties[key], new_properties[key], old_seen, new_seen
                )

    def _enums(self, path: tuple[str, ...], before: _View, after: _View) -> Iterator[Change]:
        if before.enum is None and after.enum is not None:
            yield self._change(path, ENUM_ADDED, True, None, list(after.enum))
        elif before.enum is not None and after.enum is None:
            yield self._change(path, ENUM_REMOVED, False, list(before.enum), None)
        elif before.enum is not None and after.enum is not None:
            old_keys = {_canonical(value) for value in before.enum}
            new_keys = {_canonical(value) for value in after.enum}
            removed = [value for value in before.enum if _canonical(value) not in new_keys]
            added = [value for value in after.enum if _canonical(value) not in old_keys]
            if removed:
                yield self._change(path, ENUM_VALUES_REMOVED, True, removed, None)
            if added:
                yield self._change(path, ENUM_VALUES_ADDED, False, None, added)

    def _merged(self, schema: Any, side: _Side) -> Any:
        """``allOf`` read as one schema, as the generator reads it (``_all_of``)."""
        return merged_all_of(schema, lambda member, _: side.resolve(member, frozenset())[0])

    def _change(
        self, path: tuple[str, ...], kind: str, breaking: bool, old: Any, new: Any
    ) -> Change:
        return Change(self.tool, kind, path, breaking, old, new)


def _unresolved_ref(schema: Any) -> str | None:
    if is_json_object(schema) and isinstance(schema.get("$ref"), str):
        return str(schema["$ref"])
    return None


def _view(schema: Any, *, root: bool = False) -> _View:
    """``root``: the ``parameters`` object itself, which always has (maybe no) properties."""
    if not is_json_object(schema):
        schema = {}
    if root and not isinstance(schema.get("properties"), Mapping):
        schema = {**schema, "type": "object", "properties": {}}
    nullable = schema.get("nullable") is True
    declared = schema.get("type")
    kinds: set[str] = set()
    if isinstance(declared, str):
        kinds.add(declared)
    elif is_json_array(declared):
        kinds.update(str(kind) for kind in declared)
    if "null" in kinds:
        kinds.discard("null")
        nullable = True

    enum: tuple[Any, ...] | None = None
    values = schema.get("enum")
    if "const" in schema:
        values = [schema["const"]]
    if is_json_array(values):
        if None in values:
            nullable = True
        enum = tuple(value for value in values if value is not None) or None
        if not kinds and enum:
            kinds.update(_json_kind(value) for value in enum)

    alternatives: tuple[str, tuple[Any, ...]] | None = None
    member_labels: list[str] = []
    for key in _COMBINATORS:
        members = schema.get(key)
        if is_json_array(members) and not kinds:
            alternatives = (key, tuple(members))
            for member in members:
                view = _view(member)
                nullable = nullable or view.nullable or member == {"type": "null"}
                if member != {"type": "null"}:
                    kinds.update(view.kinds)
                    member_labels.append(view.label)
            break

    properties = schema.get("properties")
    if not kinds and is_json_object(properties):
        kinds.add("object")
    if not kinds and "items" in schema:
        kinds.add("array")

    # `properties: {}` is an object without parameters; no `properties` at all is free JSON.
    structured = "object" in kinds and is_json_object(properties)
    if not kinds or ("object" in kinds and not structured and len(kinds) == 1):
        # No type, or an object without properties: any JSON value (real specs pass lists and
        # strings to such "objects").
        free = "object (any JSON)" if kinds else "any JSON"
        return _View(
            frozenset({"any"}), free, nullable, enum, None, frozenset(), None, alternatives
        )

    label = " | ".join(sorted(set(member_labels) if member_labels else kinds))
    required = schema.get("required")
    return _View(
        kinds=frozenset(kinds),
        label=label,
        nullable=nullable,
        enum=enum,
        properties=properties if structured else None,
        required=frozenset(str(k) for k in required) if is_json_array(required) else frozenset(),
        items=(schema.get("items") or {}) if "array" in kinds else None,
        alternatives=alternatives,
    )


def _accepts(new: frozenset[str], old: frozenset[str]) -> bool:
    """Whether every value of the ``old`` kinds is still accepted (``integer`` fits ``number``)."""
    if "any" in new:
        return True
    if "any" in old:
        return False
    return all(kind in new or (kind == "integer" and "number" in new) for kind in old)


def _json_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if is_json_array(value):
        return "array"
    return "object"


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True)


# ---------------------------------------------------------------------------------------------
# Wording


def _message(change: Change) -> str:
    kind, old, new = change.kind, change.old, change.new
    if kind == TOOL_ADDED:
        return f"added (integration {new})" if new else "added"
    if kind == TOOL_REMOVED:
        return f"removed (integration {old})" if old else "removed"
    if kind == INTEGRATION_CHANGED:
        return f"moved from integration {old} to {new}"
    if kind == PARAMETER_ADDED:
        return f"added, {'required' if new['required'] else 'optional'} ({new['type']})"
    if kind == PARAMETER_REMOVED:
        return f"removed (was {'required' if old['required'] else 'optional'}, {old['type']})"
    if kind == TYPE_CHANGED:
        return f"type changed from {old} to {new}"
    if kind == ENUM_VALUES_ADDED:
        return f"enum values added: {_values(new)}"
    if kind == ENUM_VALUES_REMOVED:
        return f"enum values removed: {_values(old)}"
    if kind == ENUM_ADDED:
        return f"now limited to the values {_values(new)}"
    if kind == ENUM_REMOVED:
        return f"no longer limited to the values {_values(old)}"
    if kind == DESCRIPTION_CHANGED:
        (key,) = (old or new).keys()
        was, now = old.get(key), new.get(key)
        if was is None:
            return f"{key} added"
        return f"{key} removed" if now is None else f"{key} changed"
    texts = {
        BECAME_REQUIRED: "optional became required",
        BECAME_OPTIONAL: "required became optional",
        BECAME_NULLABLE: "may now be null",
        NO_LONGER_NULLABLE: "may no longer be null",
    }
    return texts.get(kind, kind)


def _values(values: Sequence[Any]) -> str:
    return ", ".join(json.dumps(value, ensure_ascii=False) for value in values)


def _mark(change: Change) -> str:
    return "  [breaking]" if change.breaking else ""


def _counts(noun: str, counts: Sequence[tuple[int, str, str]]) -> str:
    """``3 tools added, 1 removed (breaking)``: the noun once, on the first count shown."""
    parts: list[str] = []
    for number, verb, suffix in counts:
        if not number:
            continue
        if not parts:
            parts.append(f"{number} {noun if number == 1 else noun + 's'} {verb}{suffix}")
        else:
            parts.append(f"{number} {verb}{suffix}")
    return ", ".join(parts)


def _display_path(path: tuple[str, ...]) -> str:
    text = ""
    index = 0
    while index < len(path):
        part = path[index]
        if part == "properties" and index + 1 < len(path):
            text = child_path(text, path[index + 1])
            index += 2
        elif part == "items":
            text += "[]"
            index += 1
        elif part in _COMBINATORS and index + 1 < len(path):
            text += f"<{part}[{path[index + 1]}]>"
            index += 2
        else:
            text += f"/{part}"
            index += 1
    return text or "parameters"
