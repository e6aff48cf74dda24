"""Where the generator's own files are: the templates, and the runtime copied into each package."""

from __future__ import annotations

from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
# Files copied as they are into the package root: the runtime every tool module runs on.
RUNTIME = TEMPLATES / "runtime"
