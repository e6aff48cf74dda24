"""``yaml.load(text, Loader=...)`` with PyYAML's C safe loader, about three times faster on the
documents specs are, and reading timestamps as strings.

A spec means what JSON would see: an unquoted ``2022-01-01`` in an ``example`` or a ``default`` is
the string ``"2022-01-01"``, not a ``datetime.date`` (which has no JSON form). Both paths here use
one loader, the safe loader without its timestamp resolver (and with ``!!timestamp`` read as a
string), so they agree.

PyYAML's C loader parses in C but builds nodes, resolves every scalar's tag and constructs every
value in Python, through several layers of calls. For the YAML that specs are written in (block
and flow mappings and sequences of untagged scalars) this builds the values straight from the C
parser's events, resolving plain scalars with the loader's own rules and constructing non-string
ones with its own constructor. Anything else (anchors, aliases, tags, merge keys, complex keys,
several documents, an error) is left to the real loader, which then reads the whole text again:
the result, or the error, is always exactly the loader's.
"""

from __future__ import annotations

from typing import Any


class _LeaveItToTheLibrary(Exception):
    """The text holds something only the real loader should build."""


_TIMESTAMP = "tag:yaml.org,2002:timestamp"


def loader_class() -> Any:
    """The safe loader (libyaml's where it is there) that reads timestamps as strings."""
    import yaml

    base: Any = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader
    resolvers = {
        first: [(tag, regexp) for tag, regexp in pairs if tag != _TIMESTAMP]
        for first, pairs in base.yaml_implicit_resolvers.items()
    }
    loader: Any = type("JsonLikeLoader", (base,), {"yaml_implicit_resolvers": resolvers})
    loader.add_constructor(_TIMESTAMP, lambda self, node: self.construct_scalar(node))
    return loader


def load(text: str | bytes) -> Any:
    """``yaml.load(text, Loader=loader_class())``: the events path where libyaml is there."""
    import yaml

    loader_class_ = _loader()
    if not hasattr(yaml, "CSafeLoader"):
        return yaml.load(text, Loader=loader_class_)
    try:
        return _build(loader_class_(text), yaml)
    except (_LeaveItToTheLibrary, yaml.YAMLError, RecursionError):
        return yaml.load(text, Loader=loader_class_)


_LOADER: list[Any] = []


def _loader() -> Any:
    if not _LOADER:
        _LOADER.append(loader_class())
    return _LOADER[0]


def _build(loader: Any, yaml: Any) -> Any:
    events = yaml.events
    scalar_event, mapping_start, sequence_start = (
        events.ScalarEvent,
        events.MappingStartEvent,
        events.SequenceStartEvent,
    )
    ends = (events.MappingEndEvent, events.SequenceEndEvent)
    resolvers = loader.yaml_implicit_resolvers
    if None in resolvers or loader.yaml_path_resolvers:
        raise _LeaveItToTheLibrary  # resolvers this does not apply: none are registered by default
    constructor = yaml.constructor.SafeConstructor()
    construct = {
        "tag:yaml.org,2002:bool": constructor.construct_yaml_bool,
        "tag:yaml.org,2002:int": constructor.construct_yaml_int,
        "tag:yaml.org,2002:float": constructor.construct_yaml_float,
    }
    scalar_node = yaml.nodes.ScalarNode
    missing = object()
    # One frame per open collection: [the dict or list, the key waiting for its value].
    stack: list[list[Any]] = []
    root: Any = missing
    documents = 0
    get_event = loader.get_event
    try:
        while True:
            event = get_event()
            kind = type(event)
            if kind is scalar_event:
                if event.anchor is not None or event.tag is not None:
                    raise _LeaveItToTheLibrary
                value = event.value
                if event.implicit[0]:
                    # Resolver.resolve for a plain scalar: the first implicit resolver that
                    # matches (they are keyed by first character) gives the tag.
                    for tag, regexp in resolvers.get(value[:1], ()):
                        if regexp.match(value):
                            if tag == "tag:yaml.org,2002:null":
                                value = None
                            elif tag in construct:
                                value = construct[tag](scalar_node(tag, value))
                            else:  # merge keys, `=` and other oddities
                                raise _LeaveItToTheLibrary
                            break
            elif kind is mapping_start or kind is sequence_start:
                if event.anchor is not None or event.tag is not None:
                    raise _LeaveItToTheLibrary
                stack.append([{} if kind is mapping_start else [], missing])
                continue
            elif kind in ends:
                value = stack.pop()[0]
            elif kind is events.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _LeaveItToTheLibrary
                continue
            elif kind is events.DocumentEndEvent or kind is events.StreamStartEvent:
                continue
            elif kind is events.StreamEndEvent:
                break
            else:  # an alias
                raise _LeaveItToTheLibrary

            if not stack:
                root = value
                continue
            frame = stack[-1]
            collection = frame[0]
            if type(collection) is list:
                collection.append(value)
            elif frame[1] is missing:
                if type(value) is dict or type(value) is list:
                    raise _LeaveItToTheLibrary  # a complex key
                frame[1] = value
            else:
                collection[frame[1]] = value
                frame[1] = missing
    finally:
        loader.dispose()
    if root is missing:
        raise _LeaveItToTheLibrary  # an empty stream
    return root
