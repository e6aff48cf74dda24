"""Defaults for the command line, overridable in ``[tool.actionkit-codegen]`` of pyproject.toml."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.output.distribution import valid_name
from generator.problems import InputError, SpecProblem


@dataclass(frozen=True)
class Defaults:
    specs: tuple[str, ...] = ("specs/",)
    out: str = "generated/"
    package: str = "actionkit_client"
    distribution: str | None = None
    """Write ``out/pyproject.toml`` for a distribution of this name (``pip install out``)."""
    overlays: tuple[str, ...] = ()
    """Files or folders whose tools replace the spec's and add others (``--overlay``)."""
    skip_invalid_tools: bool = False
    """Leave out bad tools instead of failing (``--skip-invalid-tools``)."""
    configured: bool = False
    """``spec`` came from pyproject.toml."""


def load_defaults(pyproject: Path) -> Defaults:
    """The defaults, with what ``pyproject`` sets under ``[tool.actionkit-codegen]``."""
    if not pyproject.is_file():
        return Defaults()
    import tomllib  # only when there is a file to read: it would slow down every start

    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise InputError([SpecProblem(str(pyproject), "line 1", f"cannot read: {error}")]) from None
    table = data.get("tool", {}).get("actionkit-codegen", {})
    where = "/tool/actionkit-codegen"
    base = Defaults()
    spec = table.get("spec", list(base.specs))
    specs = [spec] if isinstance(spec, str) else spec
    out = table.get("out", base.out)
    package = table.get("package", base.package)
    if not (isinstance(specs, list) and all(isinstance(s, str) for s in specs)):
        raise InputError(
            [SpecProblem(str(pyproject), f"{where}/spec", "expected a path or a list")]
        )
    distribution = table.get("distribution", base.distribution)
    overlay = table.get("overlay", [])
    overlays = [overlay] if isinstance(overlay, str) else overlay
    if not (isinstance(overlays, list) and all(isinstance(o, str) for o in overlays)):
        raise InputError(
            [SpecProblem(str(pyproject), f"{where}/overlay", "expected a path or a list")]
        )
    for key, value in (("out", out), ("package", package), ("distribution", distribution or "")):
        if not isinstance(value, str):
            raise InputError([SpecProblem(str(pyproject), f"{where}/{key}", "expected a string")])
    if distribution and not valid_name(distribution):
        raise InputError(
            [
                SpecProblem(
                    str(pyproject),
                    f"{where}/distribution",
                    f"not a distribution name: {distribution!r}",
                )
            ]
        )
    skip = table.get("skip-invalid-tools", False)
    if not isinstance(skip, bool):
        raise InputError(
            [SpecProblem(str(pyproject), f"{where}/skip-invalid-tools", "expected true or false")]
        )
    return Defaults(
        skip_invalid_tools=skip,
        specs=tuple(specs),
        out=out,
        package=package,
        distribution=distribution or None,
        overlays=tuple(overlays),
        configured="spec" in table,
    )
