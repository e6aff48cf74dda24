"""Where the generator's own files are: the templates, and the runtime copied into each package."""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent
_INSTALLED = _HERE / "templates"
# Installed, the templates ship inside the package; in a checkout they are at the top level.
TEMPLATES = _INSTALLED if _INSTALLED.is_dir() else _HERE.parent / "templates"
# The runtime every tool module runs on: a subpackage of the generator, copied into each package.
RUNTIME = _HERE / "runtime"
