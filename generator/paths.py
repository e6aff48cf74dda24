"""Where the generator's own files are: the templates, and the runtime copied into each package."""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent
_INSTALLED = _HERE / "templates"
# Installed, the templates ship inside the package; in a checkout they are at the top level.
TEMPLATES = _INSTALLED if _INSTALLED.is_dir() else _HERE.parent / "templates"
# The runtime every tool module runs on: a subpackage of the generator, copied into each package.
RUNTIME = _HERE / "runtime"

# In each package, ``tools/_schemas_<module>.py`` holds the JSON Schemas of the tools of
# ``tools/<module>.py`` as JSON text in ``SCHEMAS_JSON``, and their titles and descriptions in
# ``DOCS_JSON`` (so that definitions for a model need no tool module imported): Python, so that
# any packager or a plain copy of the .py files keeps it. Integration modules never start with
# ``_``: the names never meet. The runtime's ``_schemas`` reads them by the same names.
SCHEMAS_PREFIX = "_schemas_"
SCHEMAS_CONSTANT = "SCHEMAS_JSON"
DOCS_CONSTANT = "DOCS_JSON"
