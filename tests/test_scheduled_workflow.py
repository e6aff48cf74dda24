"""docs/scheduled-regeneration.yml is a workflow that runs: valid YAML of the GitHub Actions shape,
its make targets exist, and each actionkit-codegen command it runs is one the command line takes."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import yaml

from generator.cli import _parser

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / "docs" / "scheduled-regeneration.yml"


def test_the_workflow_fetches_regenerates_tests_and_opens_a_pull_request() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert "schedule" in triggers and "workflow_dispatch" in triggers
    [job] = workflow["jobs"].values()
    scripts = "\n".join(step.get("run", "") for step in job["steps"])
    uses = [step.get("uses", "") for step in job["steps"]]
    assert any(use.startswith("peter-evans/create-pull-request@") for use in uses)

    commands = re.findall(r"\.venv/bin/actionkit-codegen ([^|\n]*)", scripts)
    assert commands and commands[0].split()[0] == "fetch"
    for command in commands:
        _parser().parse_args(shlex.split(command))  # exits on a usage error

    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = re.findall(r"^\s*make (\w+)", scripts, re.MULTILINE)
    assert targets == ["venv", "generate", "test"]
    for target in targets:
        assert re.search(rf"^{re.escape(target)}:", makefile, re.MULTILINE), target
