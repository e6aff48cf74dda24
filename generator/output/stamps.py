"""Remembering, outside the repository, which packages this very generator has written.

Generation can skip all its work when the spec's bytes are what a package records and its files
are intact, but only if the same generator made it: a generator whose code changed may write other
bytes. Keeping the generator's fingerprint in the package would change every generated file at
every edit of the generator, so the fact "this generator produced a package with this digest from
this spec" is kept in the user's cache instead (``ACTIONKIT_CODEGEN_CACHE``, else
``$XDG_CACHE_HOME/actionkit-codegen``, else ``~/.cache/actionkit-codegen``). Without a stamp
(a fresh clone, a cleared cache, an edited generator) the package is generated in full and
compared: the answer is the same, only slower. A cache that cannot be written is no error.
"""

from __future__ import annotations

import hashlib
import os
from functools import cache
from pathlib import Path

from generator import __version__
from generator.output.formatting import ruff_version

_GENERATOR = Path(__file__).resolve().parent.parent


def cache_dir() -> Path:
    configured = os.environ.get("ACTIONKIT_CODEGEN_CACHE")
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "actionkit-codegen"


def is_stamped(spec_sha256: str, package_sha256: str) -> bool:
    return _stamp(spec_sha256, package_sha256).is_file()


def stamp(spec_sha256: str, package_sha256: str) -> None:
    path = _stamp(spec_sha256, package_sha256)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch()
    except OSError:
        pass


def _stamp(spec_sha256: str, package_sha256: str) -> Path:
    key = f"{generator_fingerprint()} {spec_sha256} {package_sha256}"
    return cache_dir() / "stamps" / hashlib.sha256(key.encode()).hexdigest()


@cache
def generator_fingerprint() -> str:
    """SHA-256 of what decides the output besides the spec: the generator's version and code, its
    templates (the runtime among them) and the version of the formatter."""
    from generator.paths import TEMPLATES

    named = {
        f"generator/{path.relative_to(_GENERATOR).as_posix()}": path
        for path in _GENERATOR.rglob("*.py")
        if "__pycache__" not in path.parts and TEMPLATES not in path.parents
    }
    named |= {
        f"templates/{path.relative_to(TEMPLATES).as_posix()}": path
        for path in TEMPLATES.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    lines = [f"actionkit-codegen {__version__}\n", f"{ruff_version()}\n"]
    lines += sorted(f"{_text_digest(path)}  {name}\n" for name, path in named.items())
    return hashlib.sha256("".join(lines).encode()).hexdigest()


def _text_digest(path: Path) -> str:
    """SHA-256 of a source file with Unix line endings: a Windows checkout is the same generator."""
    return hashlib.sha256(path.read_bytes().replace(b"\r\n", b"\n")).hexdigest()
