"""The ``actionkit-codegen`` command (also ``python -m generator``).

Exit codes: 0 done; 1 ``generate --check`` found stale output; 2 bad input or usage, with one
``FILE: LOCATION: what is wrong`` line per problem on stderr and the output folder untouched.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from generator import __version__
from generator.config import load_defaults
from generator.errors import InputError
from generator.pipeline import generate, stale_files

EXIT_OK = 0
EXIT_STALE = 1
EXIT_BAD_INPUT = 2


def main(argv: Sequence[str] | None = None) -> int:
    try:
        defaults = load_defaults(Path("pyproject.toml"))
    except InputError as error:
        return _report(error)
    parser = _parser()
    args = parser.parse_args(argv)
    specs = args.spec or list(defaults.specs)
    out = Path(args.out or defaults.out)
    package = args.package or defaults.package
    if not package.isidentifier():
        parser.error(f"package name {package!r} is not a Python identifier")
    try:
        if args.check:
            return _check(specs, out, package)
        generation = generate(specs, out, package)
    except InputError as error:
        return _report(error)
    catalogue = generation.catalogue
    if catalogue is None:
        print(f"{out / package} is up to date: nothing to write")
        return EXIT_OK
    integrations = len(catalogue.integrations())
    print(
        f"wrote {out / package}: {_count(len(catalogue.tools), 'tool')} "
        f"in {_count(integrations, 'integration')} "
        f"({_count(len(generation.written), 'file')} written, {len(generation.removed)} removed)"
    )
    return EXIT_OK


def _check(specs: Sequence[str], out: Path, package: str) -> int:
    stale = stale_files(specs, out, package)
    if not stale:
        print(f"{out / package} is up to date")
        return EXIT_OK
    print(f"{out / package} is not what the spec generates; these files differ:", file=sys.stderr)
    for path in stale:
        print(f"  {out / package / path}", file=sys.stderr)
    print("run `actionkit-codegen generate` to update it", file=sys.stderr)
    return EXIT_STALE


def _report(error: InputError) -> int:
    for problem in error.problems:
        print(problem, file=sys.stderr)
    return EXIT_BAD_INPUT


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="actionkit-codegen",
        description="Generate a typed Python client for Paragon ActionKit from its OpenAPI spec.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    generate_parser = commands.add_parser("generate", help="write the client package")
    generate_parser.add_argument(
        "--spec",
        action="append",
        metavar="PATH",
        help="spec file or folder (.yaml, .yml, .json, .md, .mdx); repeatable; default specs/",
    )
    generate_parser.add_argument("--out", metavar="DIR", help="output folder; default generated/")
    generate_parser.add_argument(
        "--package", metavar="NAME", help="package name; default actionkit_client"
    )
    generate_parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 when the package differs from what the spec generates",
    )
    return parser
