"""The ``actionkit-codegen`` command (also ``python -m generator``).

Exit codes: 0 done; 1 ``generate --check`` found stale output, ``fetch --check`` found the
upstream spec's tools changed, or ``diff``/``drift --fail-on-breaking`` found a breaking change; 2 bad input or usage, with one
``FILE: LOCATION: what is wrong`` line per problem on stderr and the output folder untouched.

Each command's logic is its own module under ``generator/workflows`` (``generate``, ``diff``,
``fetch``, ``drift``); this one parses arguments and prints.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from generator import __version__
from generator.config import Defaults, load_defaults
from generator.output.distribution import valid_name
from generator.problems import InputError
from generator.runtime._diff import DiffReport
from generator.workflows import diff as diff_module
from generator.workflows import drift as drift_module
from generator.workflows import fetch as fetch_module
from generator.workflows import generate as generate_module

EXIT_OK = 0
EXIT_STALE = 1
EXIT_BREAKING = 1
EXIT_BAD_INPUT = 2


def main(argv: Sequence[str] | None = None) -> int:
    try:
        defaults = load_defaults(Path("pyproject.toml"))
    except InputError as error:
        return _report(error)
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        if args.command == "diff":
            return _diff(args)
        if args.command == "fetch":
            return _fetch(args, defaults)
        if args.command == "drift":
            return _drift(args, defaults, parser)
        return _generate(args, defaults, parser)
    except InputError as error:
        return _report(error)


def _generate(args: argparse.Namespace, defaults: Defaults, parser: argparse.ArgumentParser) -> int:
    specs = args.spec or list(defaults.specs)
    out = Path(args.out or defaults.out)
    package = args.package or defaults.package
    if not package.isidentifier():
        parser.error(f"package name {package!r} is not a Python identifier")
    distribution = args.distribution or defaults.distribution
    if distribution and not valid_name(distribution):
        parser.error(f"distribution name {distribution!r} is not a valid name")
    overlays = args.overlay or list(defaults.overlays)
    skip = args.skip_invalid_tools or defaults.skip_invalid_tools
    if args.check:
        return _check(
            specs,
            out,
            package,
            distribution,
            overlays,
            show_diff=args.diff,
            skip_invalid_tools=skip,
        )
    generated = generate_module.generate(
        specs, out, package, distribution=distribution, overlays=overlays, skip_invalid_tools=skip
    )
    if generated.distribution_written:
        print(f"wrote {out / 'pyproject.toml'} (distribution {distribution})")
    if generated.up_to_date or generated.catalogue is None:
        print(f"{out / package} is up to date: nothing to write")
        return EXIT_OK
    catalogue = generated.catalogue
    for name, problem in catalogue.skipped:
        print(f"{problem} (tool {name} left out)", file=sys.stderr)
    print(
        f"wrote {out / package}: {_count(len(catalogue.tools), 'tool')} "
        f"in {_count(len(catalogue.integrations()), 'integration')} "
        f"({_count(len(generated.written), 'file')} written, {len(generated.removed)} removed)"
    )
    if overlays:
        print(f"overlay: replaced {_named(catalogue.replaced)}; added {_named(catalogue.added)}")
    previous = generated.previous
    if previous is not None:
        files = previous.files
        if files:
            tools = _tool_summary(previous.tool_changes())
            print(f"replaced the previous package: {_count(len(files), 'file')} changed; {tools}")
        else:
            print("no change from the previous package")
        if args.diff:
            _print_diffs(previous)
    return EXIT_OK


def _check(
    specs: Sequence[str],
    out: Path,
    package: str,
    distribution: str | None,
    overlays: Sequence[str],
    *,
    show_diff: bool,
    skip_invalid_tools: bool = False,
) -> int:
    project_stale = generate_module.distribution_stale(out, package, distribution)
    change = generate_module.check(
        specs, out, package, overlays=overlays, skip_invalid_tools=skip_invalid_tools
    )
    stale = change.files
    if not stale and not project_stale:
        print(f"{out / package} is up to date")
        return EXIT_OK
    if project_stale:
        print(f"{out / 'pyproject.toml'} is not what generate writes", file=sys.stderr)
    if stale:
        print(
            f"{out / package} is not what the spec generates; these files differ:",
            file=sys.stderr,
        )
    for path in stale:
        print(f"  {out / package / path}", file=sys.stderr)
    print(_tool_summary(change.tool_changes()), file=sys.stderr)
    print("run `actionkit-codegen generate` to update it", file=sys.stderr)
    if show_diff:
        _print_diffs(change)
    return EXIT_STALE


def _tool_summary(report: DiffReport) -> str:
    """``tools: 1 added ...``, or that the tools are the same (the other files differ)."""
    return f"tools: {report.summary()}" if report.changes else "no tool changes"


def _print_diffs(change: generate_module.PackageComparison) -> None:
    for path in change.files:
        for line in change.unified_diff(path):
            print(line)


def _diff(args: argparse.Namespace) -> int:
    report = diff_module.diff_specs([args.old], [args.new])
    _print_report(report, args.format)
    return EXIT_BREAKING if args.fail_on_breaking and report.breaking else EXIT_OK


def _fetch(args: argparse.Namespace, defaults: Defaults) -> int:
    from generator.inputs.sources import spec_files

    configured = "pyproject.toml" if defaults.configured else None
    out = Path(args.out) if args.out else fetch_module.project_spec(defaults.specs, configured)
    # What `generate` read before: the project's spec, when that is what fetch replaces.
    try:
        default_files = {p.resolve() for p in spec_files(defaults.specs)}
    except InputError:
        default_files = set()
    replaces_project = not args.out or out.resolve() in default_files
    baseline = list(defaults.specs) if replaces_project and default_files else None
    if args.out and replaces_project and len(default_files) > 1:
        others = sorted(str(p) for p in default_files if p != out.resolve())
        print(f"note: generate also reads {', '.join(others)}", file=sys.stderr)
    result = fetch_module.fetch(
        args.url,
        out,
        baseline=baseline,
        check=args.check,
        timeout=args.timeout,
        max_bytes=args.max_bytes,
    )
    what = f"{_count(result.tools, 'tool')} in {_count(result.integrations, 'integration')}"
    report = result.report
    differs = report is None or bool(report.changes) or bool(result.text_changed)
    if args.check:
        if not differs:
            print(f"{out} is the current spec ({what})")
            return EXIT_OK
        print(f"{args.url} differs from {out} ({what}):")
    elif result.unchanged:
        print(f"{out} is already the current spec ({what})")
    else:
        print(f"fetched {args.url} into {out} ({what})")
    if result.previous is not None:
        print(f"no report: {result.previous}")
    elif report is not None and (differs or not result.unchanged):
        if report.changes:
            print(report.to_text(), end="")
        else:
            print("no changes to the tools' parameters")
        if result.text_changed:
            print(f"titles or descriptions changed: {', '.join(result.text_changed)}")
    if args.check:
        return EXIT_STALE
    if result.written:
        print("run `actionkit-codegen generate` to update the client")
    return EXIT_OK


def _drift(args: argparse.Namespace, defaults: Defaults, parser: argparse.ArgumentParser) -> int:
    project_id = args.project_id or os.environ.get("PARAGON_PROJECT_ID")
    user_token = os.environ.get("PARAGON_USER_TOKEN")
    if not project_id:
        parser.error("drift needs a project: --project-id or PARAGON_PROJECT_ID")
    if not user_token:
        parser.error("drift needs the user's Paragon token in PARAGON_USER_TOKEN")
    integrations = [name.strip() for name in (args.integrations or "").split(",") if name.strip()]
    report = drift_module.drift(
        args.spec or list(defaults.specs),
        project_id=project_id,
        user_token=user_token,
        base_url=args.base_url,
        integrations=integrations,
        reload_fields=args.reload_fields,
        timeout=args.timeout,
        max_bytes=args.max_bytes,
    )
    _print_report(report, args.format)
    return EXIT_BREAKING if args.fail_on_breaking and report.breaking else EXIT_OK


def _print_report(report: DiffReport, format: str) -> None:
    if format == "json":
        print(json.dumps(report.to_json(), indent=2, ensure_ascii=False))
    else:
        print(report.to_text(), end="")


def _report(error: InputError) -> int:
    for problem in error.problems:
        print(problem, file=sys.stderr)
    return EXIT_BAD_INPUT


def _named(tools: Sequence[str], shown: int = 10) -> str:
    """``2 tools (A, B)``; past ``shown`` names, how many more."""
    if not tools:
        return "no tools"
    names = ", ".join(tools[:shown]) + (
        f" and {len(tools) - shown} more" if len(tools) > shown else ""
    )
    return f"{_count(len(tools), 'tool')} ({names})"


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
        "--overlay",
        action="append",
        metavar="PATH",
        help="List Tools answers or OpenAPI documents (file or folder; repeatable) whose tools "
        "replace the spec's same-named ones and add the others; default `overlay` in the config",
    )
    generate_parser.add_argument(
        "--distribution",
        metavar="NAME",
        help="also write DIR/pyproject.toml for a distribution of this name (pip install DIR); "
        "default: `distribution` in [tool.actionkit-codegen], else none",
    )
    generate_parser.add_argument(
        "--skip-invalid-tools",
        action="store_true",
        help="leave out a tool whose definition is bad (reported, and listed in _metadata.py) "
        "instead of failing; default `skip-invalid-tools` in the config",
    )
    generate_parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 when the package differs from what the spec generates",
    )
    generate_parser.add_argument(
        "--diff",
        action="store_true",
        help="also print a short unified diff of each file that differs (or that was changed)",
    )

    diff_parser = commands.add_parser(
        "diff", help="compare two specs tool by tool and parameter by parameter"
    )
    diff_parser.add_argument("old", metavar="OLD", help="the old spec: a file or a folder")
    diff_parser.add_argument("new", metavar="NEW", help="the new spec: a file or a folder")
    _report_options(diff_parser)

    fetch_parser = commands.add_parser(
        "fetch", help="download the current spec and replace the local copy when it is valid"
    )
    fetch_parser.add_argument(
        "--url",
        default=fetch_module.DEFAULT_URL,
        help=f"an http(s) URL or a file path; default {fetch_module.DEFAULT_URL}",
    )
    fetch_parser.add_argument(
        "--out",
        metavar="FILE",
        help="the spec file to replace, written in its format (.yaml, .yml or .json); default "
        "the project's own spec file, the one generate reads by default",
    )
    fetch_parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 when the fetched spec's tools differ from the local ones",
    )
    _download_options(fetch_parser)

    drift_parser = commands.add_parser(
        "drift",
        help="compare a user's live tools (ActionKit's List Tools) with the spec's",
        description="Asks ActionKit's List Tools endpoint for one user's tools (the token comes "
        "from PARAGON_USER_TOKEN) and reports how they differ from the spec's, in the `diff` "
        "format. Only the integrations the answer covers are compared.",
    )
    drift_parser.add_argument(
        "--spec", action="append", metavar="PATH", help="spec file or folder; default specs/"
    )
    drift_parser.add_argument(
        "--project-id", metavar="ID", help="the Paragon project; default PARAGON_PROJECT_ID"
    )
    drift_parser.add_argument(
        "--base-url",
        metavar="URL",
        default=drift_module.DEFAULT_BASE_URL,
        help=f"default {drift_module.DEFAULT_BASE_URL}",
    )
    drift_parser.add_argument(
        "--integrations", metavar="A,B", help="ask only for these integrations"
    )
    drift_parser.add_argument(
        "--reload-fields",
        action="store_true",
        help="have ActionKit load the user's custom fields afresh, not from its cache",
    )
    _download_options(drift_parser)
    _report_options(drift_parser)
    return parser


def _report_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="default text (for people)"
    )
    parser.add_argument(
        "--fail-on-breaking",
        action="store_true",
        help="exit 1 when a change breaks callers of the generated client",
    )


def _download_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--timeout",
        type=_positive_float,
        default=fetch_module.DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help=f"for the whole download; default {fetch_module.DEFAULT_TIMEOUT:g}",
    )
    parser.add_argument(
        "--max-bytes",
        type=_positive_int,
        default=fetch_module.DEFAULT_MAX_BYTES,
        metavar="N",
        help=f"refuse a larger answer; default {fetch_module.DEFAULT_MAX_BYTES}",
    )


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be more than 0: {text!r}")
    return value


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be more than 0: {text!r}")
    return value
