"""Generation at the catalogue's scale and beyond, against openapi-python-client on the same file.

    make bench BENCH=generate

Builds synthetic catalogues (``support.catalogue``, seed 1) of 1,000 tools (JSON and YAML) and
10,000 tools (JSON), then times, each run a fresh process into an empty folder: our generator on
each, openapi-python-client on the 1,000-tool file, the fast paths (no-op regeneration, ``--check``,
one tool edited), and on our 1,000-tool output the import of the package, of one integration module,
of every tool through ``TOOLS``, and ``mypy --strict``. Wall times are medians; peak memory is the
largest resident set of the run's processes (``wait4``). Prints the tables the README shows.

openapi-python-client's document model refuses ``enum: []``, which real specs hold, so the
head-to-head runs both generators on a copy of the 1,000-tool file whose empty enums are plain
strings (``--no-empty-enums``); our own figures use the file as real specs are.
"""

from __future__ import annotations

import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PACKAGE = "actionkit_client"
SEED = 1
# Runs of each measurement; openapi-python-client's take 20 s each.
RUNS = 5
SLOW_RUNS = 3
PEER_RUNS = 2


@dataclass
class Run:
    seconds: float
    peak_mb: float
    output: str = ""


@dataclass
class Figure:
    runs: list[Run] = field(default_factory=list)

    @property
    def seconds(self) -> float:
        return statistics.median(run.seconds for run in self.runs)

    @property
    def peak_mb(self) -> float:
        return max(run.peak_mb for run in self.runs)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-generate-") as scratch:
        Bench(Path(scratch)).run()


class Bench:
    def __init__(self, work: Path) -> None:
        self.work = work
        self.env = {key: value for key, value in os.environ.items()}
        # Bytecode is written and used, as in any real install.
        self.env.pop("PYTHONDONTWRITEBYTECODE", None)
        self.env["PATH"] = f"{BIN}{os.pathsep}{self.env.get('PATH', '')}"
        self.counter = 0

    def run(self) -> None:
        started = time.perf_counter()
        load = os.getloadavg()[0]
        specs = self._specs()
        print(_machine(load))
        print()

        ours = self._generate(specs["1000.json"], RUNS, keep="ours-1000")
        yaml = self._generate(specs["1000.yaml"], SLOW_RUNS)
        c_loader = self._c_loader(specs["1000.yaml"])
        big = self._generate(specs["10000.json"], SLOW_RUNS, keep="ours-10000")
        noop = self._repeat(self._command(specs["1000.json"], "ours-1000"), RUNS)
        check = self._repeat([*self._command(specs["1000.json"], "ours-1000"), "--check"], RUNS)
        edited, written = self._edited(specs["1000.json"])
        same_file = self._generate(specs["1000-peer.json"], RUNS)
        peer = self._peer(specs["1000-peer.json"])

        tree = self.work / "ours-1000" / PACKAGE
        big_tree = self.work / "ours-10000" / PACKAGE
        peer_tree = self.work / "peer"
        self._compile(tree)
        imports, module = self._imports(tree)
        mypy = self._mypy(tree, PACKAGE)
        peer_import = self._peer_import(peer_tree)
        peer_mypy = self._mypy(peer_tree, "peer")

        ratio = peer.seconds / same_file.seconds
        rows = [
            ("ours, 1,000 tools, JSON", ours, _size(tree)),
            ("ours, 1,000 tools, YAML", yaml, _size(tree)),
            ("PyYAML's C loader alone, same YAML (read only)", c_loader, None),
            ("ours, 10,000 tools, JSON", big, _size(big_tree)),
            ("ours, no-op regeneration (1,000 tools)", noop, None),
            ("ours, `--check`, up to date (1,000 tools)", check, None),
            (f"ours, one tool edited (1,000 tools; {written} files rewritten)", edited, None),
            ("ours, 1,000 tools, JSON without empty enums", same_file, _size(tree)),
            ("openapi-python-client 0.29.1, same file", peer, _size(peer_tree)),
        ]
        print("| generation | wall time (median) | runs | peak memory | files | lines |")
        print("|---|---:|---:|---:|---:|---:|")
        for name, figure, size in rows:
            files, lines = size if size else ("", "")
            memory = f"{figure.peak_mb:.0f} MB" if figure.peak_mb else ""
            print(
                f"| {name} | {_seconds(figure.seconds)} | {len(figure.runs)} | "
                f"{memory} | {files} | {lines} |"
            )
        print(f"\nopenapi-python-client / ours on the same file: {ratio:.1f} times")
        print()
        print("| on the 1,000-tool output (bytecode compiled) | ours | openapi-python-client |")
        print("|---|---:|---:|")
        print(f"| `import httpx` (for reference) | {_ms(imports['httpx'])} | |")
        print(f"| `import {PACKAGE}` | {_ms(imports['package'])} | |")
        print(f"| `from {PACKAGE} import ActionKit` | {_ms(imports['client'])} | |")
        print(
            f"| import one integration module (`tools.{module}`, "
            f"{imports['module_tools']:.0f} tools) | {_ms(imports['module'])} | "
            f"{_ms(peer_import)} (one endpoint) |"
        )
        print(f"| load every tool through `TOOLS` | {_seconds(imports['tools'])} | |")
        print(f"| `mypy --strict` (empty cache) | {_seconds(mypy)} | {_seconds(peer_mypy)} |")
        print()
        goals = [
            (
                "generation, 1,000 tools, JSON: at most 1.0 s, 20 times faster than the peer",
                f"{_seconds(ours.seconds)}; {ratio:.1f} times",
                ours.seconds <= 1.0 and ratio >= 20,
            ),
            (
                "10,000 tools: at most 12 times the 1,000-tool time, under 500 MB",
                f"{big.seconds / ours.seconds:.1f} times; {big.peak_mb:.0f} MB",
                big.seconds <= 12 * ours.seconds and big.peak_mb < 500,
            ),
            (
                "YAML: at most the C loader's read time plus the JSON figure",
                f"{_seconds(yaml.seconds)} vs {_seconds(c_loader.seconds + ours.seconds)}",
                yaml.seconds <= c_loader.seconds + ours.seconds,
            ),
            (
                "no-op regeneration / `--check`: at most 0.3 s",
                f"{_seconds(noop.seconds)} / {_seconds(check.seconds)}",
                max(noop.seconds, check.seconds) <= 0.3,
            ),
            (
                f"`import {PACKAGE}`: at most 50 ms above `import httpx`",
                _above(imports["package"] - imports["httpx"]),
                imports["package"] - imports["httpx"] <= 0.05,
            ),
            (
                "load every tool through `TOOLS`: at most 1.0 s",
                _seconds(imports["tools"]),
                imports["tools"] <= 1.0,
            ),
            ("`mypy --strict`: at most 15 s", _seconds(mypy), mypy <= 15),
        ]
        print("| goal | measured | met |")
        print("|---|---|---|")
        for goal, measured, met in goals:
            print(f"| {goal} | {measured} | {'yes' if met else '**no**'} |")
        print(f"\n(benchmark took {time.perf_counter() - started:.0f} s)")

    # --- inputs ---------------------------------------------------------------------------------

    def _specs(self) -> dict[str, Path]:
        """The catalogues, each built in a process of its own: this one stays small, and the
        peak memory of each run (which starts as a copy of it) is the run's own."""
        wanted = {
            "1000.json": ["--tools", "1000", "--format", "json"],
            "1000.yaml": ["--tools", "1000", "--format", "yaml"],
            "1000-peer.json": ["--tools", "1000", "--format", "json", "--no-empty-enums"],
            "10000.json": ["--tools", "10000", "--format", "json"],
        }
        specs = {}
        for name, arguments in wanted.items():
            path = self.work / f"catalogue-{name}"
            command = [sys.executable, "-m", "support.catalogue", *arguments]
            subprocess.run(
                [*command, "--seed", str(SEED), str(path)],
                cwd=ROOT,
                env=self.env,
                check=True,
                capture_output=True,
            )
            specs[name] = path
        return specs

    # --- generation -----------------------------------------------------------------------------

    def _command(self, spec: Path, out: str) -> list[str]:
        return [sys.executable, "-m", "generator", "generate", "--spec", str(spec), "--out", out]

    def _generate(self, spec: Path, runs: int, keep: str | None = None) -> Figure:
        """Fresh runs into an empty folder, after one run that warms the disk cache."""
        figure = Figure()
        for index in range(runs + 1):
            out = f"out-{self._next()}"
            run = _measure(self._command(spec, out), cwd=self.work, env=self.env)
            if index:
                figure.runs.append(run)
            if keep and index == runs:
                shutil.rmtree(self.work / keep, ignore_errors=True)
                (self.work / out).rename(self.work / keep)
            else:
                shutil.rmtree(self.work / out)
        return figure

    def _repeat(self, command: list[str], runs: int) -> Figure:
        _measure(command, cwd=self.work, env=self.env)
        return Figure([_measure(command, cwd=self.work, env=self.env) for _ in range(runs)])

    def _edited(self, spec: Path) -> tuple[Figure, int]:
        """Regenerate after one tool's description changes, alternating between two specs."""
        out = "ours-edit"
        shutil.copytree(self.work / "ours-1000", self.work / out)
        original = spec.read_text(encoding="utf-8")
        marker = '"description": "Pagination parameters for paginated results"'
        assert marker in original
        versions = [original.replace(marker, marker[:-1] + ' (edited)"', 1), original]
        edited = self.work / "catalogue-1000-edited.json"
        figure = Figure()
        written = 0
        for index in range(SLOW_RUNS * 2):
            edited.write_text(versions[index % 2], encoding="utf-8", newline="")
            command = self._command(edited, out)
            result = subprocess.run(command, cwd=self.work, env=self.env, capture_output=True)
            assert result.returncode == 0, result.stderr
            edited.write_text(versions[(index + 1) % 2], encoding="utf-8", newline="")
            run = _measure(command, cwd=self.work, env=self.env)
            figure.runs.append(run)
            # "wrote ...: N tools in M integrations (K files written, R removed)"
            written = int(run.output.rsplit("(", 1)[-1].split(" file")[0])
        return figure, written

    def _c_loader(self, spec: Path) -> Figure:
        code = (
            "import sys, time, yaml\n"
            "t = time.perf_counter()\n"
            "with open(sys.argv[1], 'rb') as f: yaml.load(f, Loader=yaml.CSafeLoader)\n"
            "print(time.perf_counter() - t)\n"
        )
        runs = []
        for _ in range(SLOW_RUNS):
            result = subprocess.run(
                [sys.executable, "-c", code, str(spec)], capture_output=True, text=True, check=True
            )
            runs.append(Run(float(result.stdout), 0.0))
        return Figure(runs)

    def _peer(self, spec: Path) -> Figure:
        figure = Figure()
        for index in range(PEER_RUNS):
            out = self.work / f"peer-{index}"
            command = [
                str(BIN / "openapi-python-client"),
                "generate",
                "--path",
                str(spec),
                "--output-path",
                str(out),
                "--meta",
                "none",
            ]
            figure.runs.append(_measure(command, cwd=self.work, env=self.env))
            if index == 0:
                out.rename(self.work / "peer")
            else:
                shutil.rmtree(out)
        return figure

    # --- the output -----------------------------------------------------------------------------

    def _compile(self, tree: Path) -> None:
        subprocess.run(
            [sys.executable, "-m", "compileall", "-q", str(tree)], env=self.env, check=True
        )

    def _imports(self, tree: Path) -> tuple[dict[str, float], str]:
        """Median seconds of each import in a fresh interpreter, and the module imported alone
        (the integration with the most tools)."""
        from generator.output.files import read_tree

        modules = {
            path[len("tools/") : -len(".py")]: text.count(b"\nclass ")
            for path, text in read_tree(tree).items()
            if path.startswith("tools/") and path.endswith(".py") and path != "tools/__init__.py"
        }
        module = max(modules, key=lambda name: (modules[name], name))
        snippets = {
            "httpx": ("import httpx", ""),
            "package": (f"import {PACKAGE}", ""),
            "client": (f"from {PACKAGE} import ActionKit", ""),
            "module": (f"import {PACKAGE}.tools.{module}", ""),
            "tools": (
                "classes = [TOOLS[name] for name in TOOLS]",
                f"from {PACKAGE}.tools import TOOLS",
            ),
        }
        figures: dict[str, float] = {"module_tools": float(modules[module])}
        for name, (code, before) in snippets.items():
            runs = RUNS if name != "tools" else SLOW_RUNS
            figures[name] = statistics.median(
                _timed_import(code, before, cwd=tree.parent, env=self.env) for _ in range(runs)
            )
        return figures, module

    def _mypy(self, tree: Path, name: str) -> float:
        cache = self.work / f"mypy-cache-{self._next()}"
        command = [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--cache-dir",
            str(cache),
            "--no-error-summary",
            name,
        ]
        return _measure(command, cwd=tree.parent, env=self.env, check=False).seconds

    def _peer_import(self, tree: Path) -> float:
        endpoints = sorted((tree / "api").rglob("post_*.py"))
        module = ".".join(endpoints[0].relative_to(tree.parent).with_suffix("").parts)
        return statistics.median(
            _timed_import(f"import {module}", "", cwd=tree.parent, env=self.env)
            for _ in range(PEER_RUNS)
        )

    def _next(self) -> int:
        self.counter += 1
        return self.counter


def _measure(command: Sequence[str], *, cwd: Path, env: dict[str, str], check: bool = True) -> Run:
    """Wall time, peak memory and output of one command, run to its end."""
    with tempfile.TemporaryFile() as output:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=output, stderr=output)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        text = output.read().decode(errors="replace")
    if check and process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{text}")
    # ru_maxrss is in KiB on Linux: the largest resident set among the process and its children.
    return Run(seconds, usage.ru_maxrss / 1024, text)


def _timed_import(code: str, before: str, *, cwd: Path, env: dict[str, str]) -> float:
    """Seconds ``code`` takes in a fresh interpreter, after ``before``."""
    script = (
        f"import time\n{before}\nstarted = time.perf_counter()\n{code}\n"
        "print(time.perf_counter() - started)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=cwd, env=env, capture_output=True, text=True, check=True
    )
    return float(result.stdout.strip().splitlines()[-1])


def _size(tree: Path) -> tuple[str, str]:
    files = lines = 0
    for path in tree.rglob("*"):
        if path.is_file() and "__pycache__" not in path.parts:
            files += 1
            lines += path.read_bytes().count(b"\n")
    return f"{files:,}", f"{lines:,}"


def _seconds(value: float) -> str:
    return f"{value:.2f} s"


def _above(value: float) -> str:
    return f"{_ms(value)} above" if value >= 0 else f"{_ms(-value)} below"


def _ms(value: float) -> str:
    return f"{value * 1000:.0f} ms"


def _machine(load: float) -> str:
    model = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return (
        f"machine: {os.cpu_count()} cores ({model}), Python {platform.python_version()}, "
        f"{platform.system()}; load average {load:.2f} when the benchmark started"
    )
