"""Stands in for the index every package generates (``templates/catalogue_index.py.jinja``), so
that the runtime type-checks and imports here; it is not copied."""

TOOL_INDEX: dict[str, tuple[str, str, str]] = {}
