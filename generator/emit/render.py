"""Fill the Jinja templates from the catalogue: every file of the package, as text.

The views built here hold every decision (names, annotations, literals, the imports needed, the
order of classes), so the templates only lay them out; the formatter then sorts the imports and
``__all__`` (``output.formatting``). Rendering uses ``StrictUndefined``: a name missing from a
view is an error, never an empty string.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

import jinja2

from generator.catalogue.model import (
    ArrayType,
    Catalogue,
    ConstrainedType,
    EnumType,
    EnumValue,
    Field,
    JsonType,
    MapType,
    ObjectDef,
    ObjectRef,
    SchemaType,
    Tool,
    UnionType,
    WhenObjectType,
)
from generator.emit import naming
from generator.emit.literals import docstring, python_string
from generator.emit.python_types import (
    ALIASES,
    Import,
    PythonType,
    enum_literal,
    python_type,
    union_members,
)
from generator.paths import DOCS_CONSTANT, RUNTIME, SCHEMAS_CONSTANT, SCHEMAS_PREFIX, TEMPLATES
from generator.speedups import json_text, parallel

# Runtime files the package gets in another form: rendered (``package_init.py.jinja``,
# ``catalogue_index.py.jinja``).
_NOT_COPIED = frozenset({"__init__.py", "_catalogue.py", "_metadata.py"})

# The module (under tools/) of objects shared through `$ref`, apart from any one integration.
COMPONENTS_MODULE = "_components"


@dataclass(frozen=True)
class FieldView:
    name: str
    # `name: annotation = default` (no default for a required field): in the dataclass and in the
    # function's signature alike.
    declaration: str
    # The arguments of its `Param(...)`: names, descriptor, and whether required and nullable.
    param: str
    doc: str | None  # a docstring body


@dataclass(frozen=True)
class ExtraView:
    """What keys beyond the declared ones take (``additionalProperties`` beside properties)."""

    annotation: str  # of one value
    descriptor: str


@dataclass(frozen=True)
class ObjectView:
    class_name: str
    doc: str
    fields: tuple[FieldView, ...]
    extra: ExtraView | None = None
    is_tool = False


@dataclass(frozen=True)
class ToolView:
    name: str  # a Python literal
    class_name: str
    function_name: str
    integration: str  # a Python literal
    title: str  # a Python literal
    description: str  # a Python literal, or None
    doc: str
    fields: tuple[FieldView, ...]
    # Where the schema has `additionalProperties`, `extra_parameters` holds the other keys, typed.
    extra: ExtraView | None = None
    # The parameters object's own constraints, as a `Constrained(...)` descriptor, or None.
    constraints: str | None = None
    is_tool = True

    @property
    def extra_annotation(self) -> str:
        return self.extra.annotation if self.extra else "_ty.JsonValue"

    @property
    def documented_fields(self) -> tuple[FieldView, ...]:
        return tuple(field for field in self.fields if field.doc is not None)


@dataclass(frozen=True)
class ModuleView:
    doc: str
    imports: tuple[str, ...]
    # The module's `Literal` aliases and `Enum` descriptors, one per enum it uses more than once.
    aliases: tuple[str, ...]
    classes: tuple[ObjectView | ToolView, ...]
    exports: tuple[str, ...]


@dataclass(frozen=True)
class RegistryEntry:
    name: str  # a Python literal
    module: str  # a Python literal
    class_name: str  # a Python literal
    integration: str  # a Python literal


@dataclass(frozen=True)
class _Names:
    """Every generated class and function name, unique across the package."""

    modules: dict[str, str]  # integration -> module
    tool_classes: dict[str, str]  # tool name -> class
    tool_functions: dict[str, str]  # tool name -> function
    object_classes: dict[str, str]  # object key -> class
    object_modules: dict[str, str]  # object key -> module


def render_package(catalogue: Catalogue, *, processes: int | None = None) -> dict[str, str]:
    """Every file of the package, by path relative to the package root.

    The integrations' modules are rendered by up to ``processes`` processes (default: as many as
    the catalogue is worth on this machine); the files are the same whatever the number.
    """
    files = runtime_files()
    files["__init__.py"] = package_init()

    names = _names(catalogue)
    objects = {definition.key: definition for definition in catalogue.objects}

    def render_module(
        job: tuple[str, tuple[Tool, ...]],
    ) -> tuple[dict[str, str], list[RegistryEntry]]:
        integration, tools = job
        module = names.modules[integration]
        view = _ModuleRenderer(module, names, objects).integration_view(integration, tools)
        module_files = {
            f"tools/{module}.py": _template("tool_module.py.jinja").render(module=view),
            f"tools/{SCHEMAS_PREFIX}{module}.py": _schemas_module(module, tools),
        }
        entries = [
            RegistryEntry(
                python_string(tool.name),
                python_string(module),
                python_string(names.tool_classes[tool.name]),
                python_string(tool.integration),
            )
            for tool in tools
        ]
        return module_files, entries

    jobs = list(catalogue.integrations().items())
    weights = [sum(1 + len(tool.fields) for tool in tools) for _, tools in jobs]
    _template("tool_module.py.jinja")  # compiled once, before any worker process is forked
    rendered = parallel.map_forked(
        render_module,
        jobs,
        weights=weights,
        processes=parallel.processes_for(sum(weights)) if processes is None else processes,
    )
    registry: list[RegistryEntry] = []
    for module_files, entries in rendered:
        files.update(module_files)
        registry.extend(entries)

    if any(names.object_modules[d.key] == COMPONENTS_MODULE for d in catalogue.objects):
        view = _ModuleRenderer(COMPONENTS_MODULE, names, objects).components_view()
        files[f"tools/{COMPONENTS_MODULE}.py"] = _template("tool_module.py.jinja").render(
            module=view
        )

    registry.sort(key=lambda entry: entry.name)
    files["_catalogue.py"] = _template("catalogue_index.py.jinja").render(
        entries=registry, catalogue_title=docstring(catalogue.title)
    )
    files["tools/__init__.py"] = _template("tools_init.py.jinja").render(
        catalogue_title=docstring(catalogue.title)
    )
    return files


def package_init() -> str:
    """The package's ``__init__.py``: the same in every package."""
    return _template("package_init.py.jinja").render()


def runtime_files() -> dict[str, str]:
    """The runtime modules, copied as they are (``generator/runtime``, but its ``__init__``)."""
    return {
        source.relative_to(RUNTIME).as_posix(): source.read_text(encoding="utf-8")
        for source in sorted(RUNTIME.rglob("*"))
        if source.is_file()
        and "__pycache__" not in source.parts
        and source.relative_to(RUNTIME).as_posix() not in _NOT_COPIED
    }


@cache
def _template(name: str) -> jinja2.Template:
    """Each template is compiled once a process (templates do not change while it runs)."""
    return _environment().get_template(name)


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        auto_reload=False,
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _names(catalogue: Catalogue) -> _Names:
    integrations = list(catalogue.integrations())
    modules = dict(
        zip(integrations, naming.unique(map(naming.module_name, integrations)), strict=True)
    )
    tool_names = [tool.name for tool in catalogue.tools]
    # Classes are unique across the package, so a shared object can be imported anywhere.
    classes = naming.unique(
        [naming.class_name(name) for name in tool_names]
        + [_object_class_name(d) for d in catalogue.objects]
    )
    owners = {tool.name: tool.integration for tool in catalogue.tools}
    functions: dict[str, str] = {}
    for integration in integrations:
        in_module = [tool.name for tool in catalogue.tools if tool.integration == integration]
        unique = naming.unique(naming.function_name(name) for name in in_module)
        functions.update(zip(in_module, unique, strict=True))
    return _Names(
        modules=modules,
        tool_classes=dict(zip(tool_names, classes[: len(tool_names)], strict=True)),
        tool_functions=functions,
        object_classes={
            d.key: name
            for d, name in zip(catalogue.objects, classes[len(tool_names) :], strict=True)
        },
        object_modules={
            d.key: modules[owners[d.owner]] if d.owner else COMPONENTS_MODULE
            for d in catalogue.objects
        },
    )


def _object_class_name(definition: ObjectDef) -> str:
    """``HUBSPOT_SEARCH_CONTACTS`` + ``filter`` -> ``HubspotSearchContactsFilter``."""
    return naming.class_name(*definition.name_path)


def _object_doc(definition: ObjectDef) -> str:
    if definition.description:
        return definition.description
    *parents, last = definition.name_path
    if parents and last in ("Item", "Value"):
        return f"{'An item' if last == 'Item' else 'A value'} of ``{parents[-1]}``."
    return f"The ``{last}`` object."


class _ModuleRenderer:
    """Builds the view of one module; knows which classes it has defined so far, so that a
    reference to one defined later (a recursive component) is written lazily."""

    def __init__(self, module: str, names: _Names, objects: dict[str, ObjectDef]) -> None:
        self.module = module
        self.names = names
        self.objects = objects
        self.defined: set[str] = set()
        self.imports: set[Import] = set()
        # Enums used more than once in the module, and the number of each alias written so far.
        self.repeated: set[_EnumKey] = set()
        self.enum_numbers: dict[_EnumKey, tuple[int, tuple[EnumValue, ...]]] = {}

    def _count_enums(self, fields: Iterable[Field]) -> None:
        """Finds the enums that the module uses more than once (its tools' fields and its own
        objects' fields, each object once)."""
        seen: set[_EnumKey] = set()
        for field in fields:
            for values in _enums(field.type):
                key = _enum_key(values)
                if key in seen:
                    self.repeated.add(key)
                seen.add(key)

    def _local_fields(self, tools: Iterable[Tool]) -> list[Field]:
        """The fields of the module's tools and objects; their extra keys count as one field."""
        fields = [field for tool in tools for field in _with_extra(tool.fields, tool.extra)]
        for key, definition in self.objects.items():
            if self._is_local(key):
                fields.extend(_with_extra(definition.fields, definition.extra))
        return fields

    def _write_enum(self, values: tuple[EnumValue, ...]) -> tuple[str, str]:
        key = _enum_key(values)
        if key not in self.repeated:
            return enum_literal(values)
        number, _ = self.enum_numbers.setdefault(key, (len(self.enum_numbers) + 1, values))
        return f"_Enum{number}", f"_ENUM{number}"

    def integration_view(self, integration: str, tools: Iterable[Tool]) -> ModuleView:
        """Each tool's class and function, after the nested classes it needs."""
        tools = tuple(tools)
        self._count_enums(self._local_fields(tools))
        classes: list[ObjectView | ToolView] = []
        for tool in tools:
            for field in _with_extra(tool.fields, tool.extra):
                classes.extend(map(self._object_view, self._needed(field.type)))
            classes.append(self._tool_view(tool))
        return self._module_view(f"Tools of the {integration} integration.", classes)

    def components_view(self) -> ModuleView:
        """Every shared object, each after the classes it needs (where there is no cycle)."""
        self._count_enums(self._local_fields(()))
        classes: list[ObjectView | ToolView] = []
        for key in self.objects:
            if self._is_local(key):
                classes.extend(map(self._object_view, self._needed(ObjectRef(key))))
        return self._module_view("Objects that several tools share ($ref'd components).", classes)

    def _module_view(self, doc: str, classes: list[ObjectView | ToolView]) -> ModuleView:
        self.imports |= {"typing", "._params", "._tool_call"}
        if any(view.is_tool for view in classes):
            self.imports |= {"collections.abc", "._types"}
        aliases: list[str] = []
        for number, values in self.enum_numbers.values():
            annotation, descriptor = enum_literal(values)
            aliases.append(f"_Enum{number}: _typing.TypeAlias = {annotation}")
            aliases.append(f"_ENUM{number} = {descriptor}")
        exports = [view.class_name for view in classes]
        exports += [view.function_name for view in classes if isinstance(view, ToolView)]
        return ModuleView(
            doc=docstring(doc),
            imports=_import_lines(self.imports, package_path=("tools",)),
            aliases=tuple(aliases),
            classes=tuple(classes),
            exports=tuple(python_string(name) for name in sorted(exports)),
        )

    def _is_local(self, key: str) -> bool:
        return self.names.object_modules[key] == self.module

    def _needed(self, schema_type: SchemaType) -> list[ObjectDef]:
        """The objects of this module that ``schema_type`` needs and that are not defined yet,
        each after the ones it needs in turn (a cycle is cut where it closes)."""
        order: list[ObjectDef] = []
        visiting: set[str] = set()

        def visit(schema_type: SchemaType) -> None:
            for ref in _object_refs(schema_type):
                if not self._is_local(ref.key) or ref.key in self.defined or ref.key in visiting:
                    continue
                visiting.add(ref.key)
                definition = self.objects[ref.key]
                for field in _with_extra(definition.fields, definition.extra):
                    visit(field.type)
                order.append(definition)

        visit(schema_type)
        return order

    def _object_view(self, definition: ObjectDef) -> ObjectView:
        class_name = self.names.object_classes[definition.key]
        view = ObjectView(
            class_name=class_name,
            doc=docstring(_object_doc(definition)),
            fields=self._field_views(definition.fields),
            extra=self._extra_view(definition.extra),
        )
        self.defined.add(definition.key)
        return view

    def _tool_view(self, tool: Tool) -> ToolView:
        text = tool.title if not tool.description else f"{tool.title}\n\n{tool.description}"
        return ToolView(
            name=python_string(tool.name),
            class_name=self.names.tool_classes[tool.name],
            function_name=self.names.tool_functions[tool.name],
            integration=python_string(tool.integration),
            title=python_string(tool.title),
            description=python_string(tool.description) if tool.description else "None",
            doc=docstring(text),
            fields=self._field_views(tool.fields),
            extra=self._extra_view(tool.extra),
            constraints=self._constraints_view(tool),
        )

    def _constraints_view(self, tool: Tool) -> str | None:
        if not tool.constraints:
            return None
        return python_type(
            ConstrainedType(JsonType(), tool.constraints), self._write_object, self._write_enum
        ).descriptor

    def _extra_view(self, extra: SchemaType | None) -> ExtraView | None:
        if extra is None:
            return None
        kind = python_type(extra, self._write_object, self._write_enum)
        self.imports |= kind.imports | {"collections.abc"}
        return ExtraView(kind.annotation, kind.descriptor)

    def _field_views(self, fields: tuple[Field, ...]) -> tuple[FieldView, ...]:
        names = naming.field_names(field.wire_name for field in fields)
        ordered = sorted(fields, key=lambda field: not field.required)
        return tuple(self._field_view(field, names[field.wire_name]) for field in ordered)

    def _field_view(self, field: Field, name: str) -> FieldView:
        kind = python_type(field.type, self._write_object, self._write_enum)
        self.imports |= kind.imports
        # `None` goes last (ruff's RUF036), once, whether the type or the field brings it.
        members = union_members(kind.annotation)
        takes_none = "None" in members or field.nullable or not field.required
        members = [member for member in members if member != "None"]
        default: str | None = None
        if not field.required and field.nullable:
            # None is a JSON null here, so "not sent" needs a value of its own.
            members.append("_ty.NotGiven")
            default = "_ty.NOT_GIVEN"
            self.imports.add("._types")
        elif not field.required:
            default = "None"
        if takes_none:
            members.append("None")
        annotation = " | ".join(members)
        doc = field.description
        if field.default is not None:
            doc = f"{doc}\n\nDefault: {field.default}" if doc else f"Default: {field.default}"
        param = f"{python_string(name)}, {python_string(field.wire_name)}, {kind.descriptor}"
        if field.required:
            param += ", required=True"
        if field.nullable:
            param += ", nullable=True"
        return FieldView(
            name=name,
            declaration=f"{name}: {annotation}" + (f" = {default}" if default else ""),
            param=param,
            doc=docstring(doc) if doc else None,
        )

    def _write_object(self, ref: ObjectRef) -> PythonType:
        class_name = self.names.object_classes[ref.key]
        imports: set[Import] = {"._params"}
        if not self._is_local(ref.key):
            module = self.names.object_modules[ref.key]
            imports.add(f".tools.{module}")
            class_name = f"{module}.{class_name}"
            descriptor = f"_p.Object({class_name})"
        elif ref.key in self.defined:
            descriptor = f"_p.Object({class_name})"
        else:
            # Defined further down (a recursive component): looked up when first used.
            descriptor = f"_p.Object(lambda: {class_name})"
        return PythonType(class_name, descriptor, frozenset(imports))


def _with_extra(fields: tuple[Field, ...], extra: SchemaType | None) -> tuple[Field, ...]:
    """An object's fields, and what its extra keys take as one more (for what they need)."""
    if extra is None:
        return fields
    return (*fields, Field("", extra, required=False, nullable=False, description=None))


def _inner(schema_type: SchemaType) -> tuple[SchemaType, ...]:
    """The types a type is written with (an array's items, a union's options...)."""
    if isinstance(schema_type, ArrayType):
        return (schema_type.items,)
    if isinstance(schema_type, MapType):
        return (schema_type.values,)
    if isinstance(schema_type, UnionType):
        return schema_type.options
    if isinstance(schema_type, ConstrainedType):
        return (schema_type.type,)
    if isinstance(schema_type, WhenObjectType):
        return (schema_type.object,)
    return ()


def _object_refs(schema_type: SchemaType) -> Iterator[ObjectRef]:
    """The objects a type refers to directly (through arrays, maps and unions, not fields)."""
    if isinstance(schema_type, ObjectRef):
        yield schema_type
    for inner in _inner(schema_type):
        yield from _object_refs(inner)


# An enum's values with their types: `(1,)`, `(1.0,)` and `(True,)` are equal tuples, and
# written differently.
_EnumKey = tuple[tuple[str, EnumValue], ...]


def _enum_key(values: tuple[EnumValue, ...]) -> _EnumKey:
    return tuple((type(value).__name__, value) for value in values)


def _enums(schema_type: SchemaType) -> Iterator[tuple[EnumValue, ...]]:
    """The non-empty enums a field's type is written with (through arrays, maps and unions)."""
    if isinstance(schema_type, EnumType) and schema_type.values:
        yield schema_type.values
    for inner in _inner(schema_type):
        yield from _enums(inner)


def _schemas_module(module: str, tools: Iterable[Tool]) -> str:
    """The module holding the spec's JSON Schema of each tool's parameters, for
    ``json_schema()``, and each tool's title and description, for definitions built without
    importing the tool module: pretty JSON text in string constants, so that a change reads
    well."""
    listed = list(tools)
    schemas = {tool.name: tool.parameters_schema for tool in listed}
    docs = {
        tool.name: {"title": tool.title, "description": tool.description or None} for tool in listed
    }
    return (
        f'"""{docstring(f"The JSON Schema of the parameters of each tool in tools/{module}.py.")}'
        "\n\nAnd each tool's title and description (its class's ``TITLE`` and ``DESCRIPTION``).\n\n"
        "Generated by actionkit-codegen from the ActionKit OpenAPI document: do not edit.\n"
        '"""\n\n'
        f"{_json_constant(SCHEMAS_CONSTANT, schemas)}\n"
        f"{_json_constant(DOCS_CONSTANT, docs)}"
    )


def _json_constant(name: str, value: object) -> str:
    text = json_text.dumps(value) + "\n"
    return f'{name} = """\\\n{docstring(text)}"""\n'


def _import_lines(needed: set[Import], package_path: tuple[str, ...]) -> tuple[str, ...]:
    """One import line per module, under its private alias; the formatter puts them in ruff's
    order.

    A local module is written ``.x.y`` from the package root and imported relative to the
    importing module's folder, ``package_path``: ``from .. import _params as _p``.
    """
    lines: list[str] = []
    for module in sorted(needed):
        alias = ALIASES.get(module, module.rsplit(".", 1)[-1])
        if not module.startswith("."):
            lines.append(f"import {module} as {alias}")
            continue
        relative = _relative(module, package_path)
        path = relative.lstrip(".")
        dots = relative[: len(relative) - len(path)]
        inner, _, name = path.rpartition(".")
        parent = f"{dots}{inner}"
        line = f"from {parent} import {name}"
        lines.append(line if alias == name else f"{line} as {alias}")
    return tuple(lines)


def _relative(module: str, package_path: tuple[str, ...]) -> str:
    """``.tools._components`` seen from ``tools/``: ``._components``; ``._params``: ``.._params``."""
    if not module.startswith("."):
        return module
    parts = module[1:].split(".")
    common = 0
    while common < min(len(parts) - 1, len(package_path)) and parts[common] == package_path[common]:
        common += 1
    return "." * (len(package_path) - common + 1) + ".".join(parts[common:])
