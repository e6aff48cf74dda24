"""Where the generator's own files are: the templates, and the runtime copied into each package."""

from __future__ import annotations

from pathlib import Path

_INSTALLED = Path(__file__).resolve().parent / "templates"
# Installed, the templates ship inside the package; in a checkout they are at the top level.
TEMPLATES = _INSTALLED if _INSTALLED.is_dir() else _INSTALLED.parent.parent / "templates"
# Files copied as they are into the package root: the runtime every tool module runs on.
RUNTIME = TEMPLATES / "runtime"
