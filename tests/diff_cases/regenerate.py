"""Rewrite every diff case's expected reports (part of ``make golden``). Review the diff."""

from __future__ import annotations

from tests.diff_cases import FORMATS, HERE, cases, run


def main() -> None:
    for case in cases():
        for format, name in FORMATS.items():
            result = run(case, "--format", format)
            if result.returncode != 0:
                raise SystemExit(f"diff case {case} failed:\n{result.stderr}")
            (HERE / case / name).write_text(result.stdout, encoding="utf-8")
        print(f"rewrote tests/diff_cases/{case}/expected.*")


if __name__ == "__main__":
    main()
