"""The client leaves the repository: ``pip install ./generated`` and ``pip wheel ./generated``
in fresh virtual environments, used from outside the repository; and an app that vendors only the
package's ``.py`` files, built with setuptools' defaults and installed elsewhere.

Kept fast: each environment is made without pip (the suite's own pip installs into it with
``--python``), every install is ``--no-index`` from a wheel folder cached in ``.venv/`` (made once,
from the exact versions of constraints.txt), and what a build needs comes from that folder too.
The app runs on Python 3.10, the client's floor, where the machine has one.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from support.standin import Reply, Standin
from tests.clirun import run_process

ROOT = Path(__file__).resolve().parent.parent
GENERATED = ROOT / "generated"
CONSTRAINTS = ROOT / "constraints.txt"
# What the installs need: the client's dependencies and the two build backends.
# (exceptiongroup: what anyio needs on Python 3.10.)
WHEELS_FOR = ["httpx", "hatchling", "setuptools", "exceptiongroup"]

# Run by the installed client, from a folder outside the repository.
USE_THE_CLIENT = """
import json, os, sys
import actionkit_client
from actionkit_client import ActionKit
from actionkit_client.tools import TOOLS, tool_definitions

where = os.path.dirname(actionkit_client.__file__)
assert where.startswith(sys.prefix), (where, sys.prefix)
assert not any(name.endswith(".json") for _, _, names in os.walk(where) for name in names)
tool = TOOLS["DYNAMICS_365_FINANCE_UPDATE_INVOICE"]
schema = tool.json_schema()
assert schema["required"] == ["InvoiceIdentifier"], schema
[definition] = tool_definitions(format="openai", strict=True)
assert definition["function"]["strict"] is True
with ActionKit("p1", "t1", base_url=os.environ["STANDIN"]) as client:
    result = client.dispatch(
        definition["function"]["name"],
        json.dumps({"InvoiceIdentifier": "INV-1", "DueDate": None}),
        strict=True,
    )
# Without the extra `signing` (no PyJWT here), signing says which extra to install.
import importlib.util
assert importlib.util.find_spec("jwt") is None
for sign in (
    lambda: actionkit_client.sign_user_token("-----BEGIN PRIVATE KEY-----", "user-1"),
    lambda: ActionKit("p1", signing_key="-----BEGIN PRIVATE KEY-----", user_id="user-1"),
):
    try:
        sign()
    except ImportError as error:
        assert "pip install 'actionkit-client[signing]'" in str(error), error
    else:
        raise AssertionError("signed without PyJWT")
print(json.dumps({"result": result, "file": actionkit_client.__file__}))
"""


@pytest.fixture(scope="session")
def wheels() -> Path:
    """A folder of wheels at constraints.txt's versions, kept in .venv/ between runs."""
    key = hashlib.sha256(CONSTRAINTS.read_bytes() + " ".join(WHEELS_FOR).encode()).hexdigest()
    folder = ROOT / ".venv" / f"test-wheels-{key[:12]}"
    for stale in folder.parent.glob("test-wheels-*"):
        if stale.name != folder.name:
            shutil.rmtree(stale, ignore_errors=True)  # made for other constraints
    if not folder.is_dir():
        partial = folder.with_name(folder.name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        _pip("download", "--quiet", "-c", CONSTRAINTS, "-d", partial, *WHEELS_FOR, offline=False)
        partial.rename(folder)
    return folder


def _pip(*args: object, offline: bool = True, cwd: Path | None = None) -> None:
    env = {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    if offline:
        env["PIP_CONFIG_FILE"] = os.devnull  # only the wheel folder: no index, no other links
    result = subprocess.run(
        [sys.executable, "-m", "pip", *map(str, args)],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        cwd=cwd,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _environment(where: Path, python: str = sys.executable) -> Path:
    """A fresh virtual environment without pip; its interpreter."""
    subprocess.run([python, "-m", "venv", "--without-pip", where], check=True)
    return where / "bin" / "python"


def _oldest_python() -> str:
    """A Python 3.10, the client's floor, where this machine has one (beside this interpreter,
    as pyenv installs them, or on PATH); else this interpreter."""
    candidates = [shutil.which("python3.10") or ""]
    candidates += map(str, sorted(Path(sys.base_prefix).parent.glob("3.10*/bin/python3.10")))
    for candidate in filter(None, candidates):
        version = subprocess.run(
            [candidate, "-c", "import sys; print(sys.version_info[:2] == (3, 10))"],
            capture_output=True,
            text=True,
            check=False,
        )
        if version.stdout.strip() == "True":
            return candidate
    return sys.executable


def _install(python: Path, wheels: Path, *what: object, cwd: Path | None = None) -> None:
    _pip(
        "--python",
        python,
        "install",
        "--quiet",
        "--no-index",
        "--find-links",
        wheels,
        *what,
        cwd=cwd,
    )


def _use(python: Path, cwd: Path, standin: Standin) -> dict[str, object]:
    standin.script(Reply(body={"updated": True}))
    result = subprocess.run(
        [python, "-c", USE_THE_CLIENT],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={"STANDIN": standin.url, "PATH": os.environ.get("PATH", "")},
    )
    assert result.returncode == 0, result.stderr
    used: dict[str, object] = json.loads(result.stdout)
    assert used["result"] == {"updated": True}
    assert standin.received[-1].json() == {
        "tool": "DYNAMICS_365_FINANCE_UPDATE_INVOICE",
        "parameters": {"InvoiceIdentifier": "INV-1"},
    }
    return used


def test_pip_install_generated_then_use_it_from_elsewhere(
    wheels: Path, tmp_path: Path, standin: Standin
) -> None:
    project = tmp_path / "project"
    shutil.copytree(GENERATED, project / "generated", ignore=shutil.ignore_patterns("__pycache__"))
    python = _environment(tmp_path / "env")

    _install(python, wheels, "./generated", cwd=project)

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    used = _use(python, elsewhere, standin)
    assert str(used["file"]).startswith(str(tmp_path / "env"))
    # pip built it without leaving anything in the folder.
    assert sorted(p.name for p in (project / "generated").iterdir()) == [
        "actionkit_client",
        "pyproject.toml",
    ]
    metadata = subprocess.run(
        [
            python,
            "-c",
            "import importlib.metadata as m; d = m.distribution('actionkit-client');"
            "print(d.version); print(*d.requires, sep='\\n')",
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=elsewhere,
    ).stdout.splitlines()
    assert metadata[1] == "httpx<1,>=0.28"
    assert "pyjwt[crypto]<3,>=2.8; extra == 'signing'" in metadata[1:]
    assert "mcp<3,>=2.3; extra == 'mcp'" in metadata[1:]


def test_pip_wheel_generated_holds_every_file(wheels: Path, tmp_path: Path) -> None:
    copy = tmp_path / "generated"
    shutil.copytree(GENERATED, copy, ignore=shutil.ignore_patterns("__pycache__"))
    _pip(
        "wheel",
        "--quiet",
        "--no-deps",
        "--no-index",
        "--find-links",
        wheels,
        "-w",
        tmp_path / "dist",
        copy,
    )
    [wheel] = (tmp_path / "dist").glob("actionkit_client-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        packaged = {name for name in archive.namelist() if name.startswith("actionkit_client/")}
    package = GENERATED / "actionkit_client"
    expected = {
        f"actionkit_client/{path.relative_to(package).as_posix()}"
        for path in package.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert packaged == expected
    assert "actionkit_client/py.typed" in packaged


def test_an_app_vendoring_only_the_py_files_keeps_everything(
    wheels: Path, tmp_path: Path, standin: Standin
) -> None:
    app = tmp_path / "app"
    # The generator as the app's dev dependency, generating into its src/.
    result = run_process(
        "generate", "--spec", str(ROOT / "specs"), "--out", str(app / "src"), cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert not (app / "src" / "pyproject.toml").exists()  # no `distribution` here
    for path in (app / "src").rglob("*"):
        if path.is_file() and path.suffix != ".py":
            path.unlink()  # only the .py files: what any packager keeps
    (app / "src" / "myapp").mkdir()
    (app / "src" / "myapp" / "__init__.py").write_text("from actionkit_client import ActionKit\n")
    (app / "pyproject.toml").write_text(
        '[build-system]\nrequires = ["setuptools"]\nbuild-backend = "setuptools.build_meta"\n\n'
        '[project]\nname = "myapp"\nversion = "1.0"\ndependencies = ["httpx"]\n'
    )
    _pip(
        "wheel",
        "--quiet",
        "--no-deps",
        "--no-index",
        "--find-links",
        wheels,
        "-w",
        tmp_path / "dist",
        app,
    )
    [wheel] = (tmp_path / "dist").glob("myapp-*.whl")
    python = _environment(tmp_path / "env", _oldest_python())
    _install(python, wheels, wheel)

    used = _use(python, tmp_path, standin)
    assert str(used["file"]).startswith(str(tmp_path / "env"))


def test_generated_pyproject_is_what_generate_writes() -> None:
    from generator.workflows.generate import distribution_stale

    assert not distribution_stale(GENERATED, "actionkit_client", "actionkit-client")


def test_a_pyproject_generate_did_not_write_is_never_replaced(tmp_path: Path) -> None:
    own = b'[project]\nname = "mine"\n'
    (tmp_path / "pyproject.toml").write_bytes(own)
    spec = str(ROOT / "specs")
    result = run_process(
        "generate", "--spec", spec, "--out", ".", "--distribution", "x", cwd=tmp_path
    )
    assert result.returncode == 2
    assert result.stderr == (
        "pyproject.toml: line 1: not written by actionkit-codegen: refusing to replace it "
        "(generate the package elsewhere, or leave `distribution` unset)\n"
    )
    assert (tmp_path / "pyproject.toml").read_bytes() == own
    assert not (tmp_path / "actionkit_client").exists()


def test_check_names_a_stale_pyproject(tmp_path: Path) -> None:
    spec = str(ROOT / "specs")
    args = ("--spec", spec, "--out", "out", "--distribution", "my-client")
    assert run_process("generate", *args, cwd=tmp_path).returncode == 0
    assert 'name = "my-client"' in (tmp_path / "out" / "pyproject.toml").read_text()
    assert run_process("generate", "--check", *args, cwd=tmp_path).returncode == 0
    (tmp_path / "out" / "pyproject.toml").write_text(
        "# Generated by actionkit-codegen: do not edit.\n"
    )
    result = run_process("generate", "--check", *args, cwd=tmp_path)
    assert result.returncode == 1
    assert "out/pyproject.toml is not what generate writes" in result.stderr


def test_the_generator_pins_only_its_formatter() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["requires-python"] == ">=3.11"  # openapi-python-client 0.29 needs it
    requirements = [*project["dependencies"], *project["optional-dependencies"]["dev"]]
    pinned = [r for r in requirements if "==" in r]
    assert pinned == ["ruff==0.17.6"], pinned
    pins = dict(line.split("==") for line in CONSTRAINTS.read_text().splitlines() if "==" in line)
    assert pins["ruff"] == "0.17.6"  # and make installs exactly what constraints.txt says
