"""Stands in for the ``_metadata.py`` every package generates (``generator/output/metadata.py``),
so that the runtime type-checks and imports here; it is not copied."""

GENERATOR_VERSION = "0.0.0"
