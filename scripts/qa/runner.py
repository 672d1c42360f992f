"""The snippet runner: execute one program in isolation, record or compare its output.

Each program runs as its own Python process (a fresh interpreter), in a temporary working
directory, on the CPU, with a timeout and an environment that keeps TensorFlow quiet and the
output deterministic. Only standard output is recorded; standard error is shown when a
program fails.

When a run matches its recording is `compare`'s rule (documented for authors in the guide):
floats within the tolerance the program declares, numbers on `[sample]` lines (timings) not
compared, everything else exactly.
"""

from __future__ import annotations

import atexit
import base64
import datetime as _dt
import hashlib
import json
import os
import platform
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from . import compare
from .model import FIGURE_SUFFIXES, Program, Question, Record, file_hash, write_record

SAMPLE_TOKEN = compare.SAMPLE_TOKEN
ROOT = Path(__file__).resolve().parents[2]
CACHE_DIR = ROOT / ".cache" / "snippets"
SANDBOX_DIR = Path(__file__).with_name("sandbox")

#: Distributions whose versions a recording notes, per framework.
VERSIONED = {
    "tensorflow": ("tensorflow-cpu", "keras"),
    "pytorch": ("torch", "torchvision", "torchaudio"),
}

MATPLOTLIBRC = """\
backend: Agg
svg.hashsalt: tf-pytorch-qa
svg.fonttype: none
figure.dpi: 100
savefig.bbox: tight
"""


@dataclass
class RunResult:
    """What one run of a program produced."""

    program: Program
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    timed_out: bool = False
    figures: dict[str, bytes] = field(default_factory=dict)
    origins: tuple = ()
    printed_at: tuple = ()

    cached: bool = False

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.timed_out

    def failure(self) -> str:
        """A readable account of why the run failed (with the program's stderr)."""
        what = f"timed out after {self.seconds:.0f} s" if self.timed_out else f"exited with status {self.returncode}"
        tail = "\n".join(self.stderr.strip().splitlines()[-40:])
        return f"{self.program.path} {what}\n--- stderr (last lines) ---\n{tail}"


SNIPPET_ENV = {
    "CUDA_VISIBLE_DEVICES": "",
    "TF_CPP_MIN_LOG_LEVEL": "3",
    "TF_ENABLE_ONEDNN_OPTS": "0",
    "PYTHONHASHSEED": "0",
    "PYTHONUNBUFFERED": "1",
    "PYTHONDONTWRITEBYTECODE": "1",
    "PYTHONWARNINGS": "ignore",
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_DATASETS_OFFLINE": "1",
    "TRANSFORMERS_VERBOSITY": "error",
    "KERAS_BACKEND": "tensorflow",
    "MPLBACKEND": "Agg",
    "SOURCE_DATE_EPOCH": "0",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "TF_NUM_INTRAOP_THREADS": "1",
    "TF_NUM_INTEROP_THREADS": "1",
    "TOKENIZERS_PARALLELISM": "false",
    "COLUMNS": "100",
    "QA_SNIPPET": "1",
}
"""The fixed variables every program runs with: CPU only, quiet, seeded, offline, single-threaded."""


#: The second run of every verified program (a fresh interpreter) runs with the CPU's vector
#: kernels forced down to AVX2 in PyTorch (ATen), MKL, oneDNN and NumPy, so the suite proves on
#: one machine that the recordings hold on a CPU unlike the recording one. Measured, not
#: guessed: forcing these when *recording* does not make an AVX-512 machine reproduce an
#: AVX2 machine's digits (13 of 144 programs still differed, against 11 unforced), so
#: recordings are made with the machine's own kernels and compared within tolerances.
#: oneDNN stops at AVX2 with VNNI: on plain AVX2 its int8 kernels add pairs of u8 x s8 products
#: in saturating 16-bit arithmetic, which is a different result, not drift (question 28 says so).
FORCED_DOWN_ENV = {
    "ATEN_CPU_CAPABILITY": "avx2",
    "MKL_ENABLE_INSTRUCTIONS": "AVX2",
    "ONEDNN_MAX_CPU_ISA": "AVX2_VNNI",
    "NPY_DISABLE_CPU_FEATURES": "X86_V4 AVX512_ICL AVX512_SPR",
}


def _forced_down_env() -> dict[str, str]:
    # Inductor's on-disk cache does not key on ATEN_CPU_CAPABILITY: a kernel compiled under
    # one level and loaded under the other computed wrong values (max error 4.7 on a GELU, seen
    # here with torch 2.14.1). Forced-down runs keep their compiled kernels apart.
    return {
        **FORCED_DOWN_ENV,
        "TORCHINDUCTOR_CACHE_DIR": str(ROOT / ".cache" / "torchinductor-forced-down"),
        "TRITON_CACHE_DIR": str(ROOT / ".cache" / "triton-forced-down"),
    }


def machine_info(env: dict[str, str] | None = None) -> dict:
    """The machine a run happens on: architecture, CPU model, vector ISA level, threads."""
    env = os.environ if env is None else env
    cpu, flags = platform.processor() or "", set()
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace").splitlines():
            key, _, value = line.partition(":")
            key = key.strip()
            if key in ("model name", "Model", "CPU part") and not cpu:
                cpu = value.strip()
            elif key in ("flags", "Features") and not flags:
                flags = set(value.split())
    except OSError:
        pass
    arch = platform.machine()
    if arch in ("x86_64", "AMD64"):
        if {"avx512f", "avx512bw", "avx512vl", "avx512dq"} <= flags:
            isa = "AVX-512"
        elif {"avx2", "fma"} <= flags:
            isa = "AVX2"
        else:
            isa = "SSE"
        if env.get("ATEN_CPU_CAPABILITY") == "avx2" and isa == "AVX-512":
            isa = "AVX2 (forced)"
    elif arch in ("aarch64", "arm64"):
        isa = "SVE" if "sve" in flags else "NEON"
    else:
        isa = "unknown"
    return {"arch": arch, "cpu": cpu or "unknown", "isa": isa, "threads": int(SNIPPET_ENV["OMP_NUM_THREADS"])}


def snippet_env(extra: dict[str, str] | None = None) -> dict[str, str]:
    """The environment every program runs with: CPU only, quiet, seeded, offline."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "COV_"))}
    env.update(SNIPPET_ENV)
    # torch.compile's compiled kernels are shared between programs (and runs) here.
    env["TORCHINDUCTOR_CACHE_DIR"] = str(ROOT / ".cache" / "torchinductor")
    env["TRITON_CACHE_DIR"] = str(ROOT / ".cache" / "triton")
    # sitecustomize.py in the sandbox folder refuses network connections beyond loopback.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SANDBOX_DIR), env.get("PYTHONPATH", "")]))
    if extra:
        env.update(extra)
    return env


class ForkServer:
    """One pre-imported framework process (scripts/qa/forkserver.py) that forks a child per program."""

    def __init__(self, framework: str, python: str = sys.executable):
        self.framework = framework
        self.home = tempfile.mkdtemp(prefix="qa-server-")
        rc = os.path.join(self.home, "matplotlibrc")  # in case a preloaded module imports matplotlib
        Path(rc).write_text(MATPLOTLIBRC)
        env = snippet_env({"HOME": self.home, "MPLCONFIGDIR": os.path.join(self.home, ".mpl"), "MATPLOTLIBRC": rc})
        self.proc = subprocess.Popen(
            [python, "-m", "scripts.qa.forkserver", framework],
            cwd=Path(__file__).resolve().parents[2],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self._buffer = b""

    def _readline(self, timeout: float | None) -> dict | None:
        """Read one answer line, or None when `timeout` seconds pass first."""
        deadline = None if timeout is None else time.monotonic() + timeout
        fd = self.proc.stdout.fileno()
        while b"\n" not in self._buffer:
            remaining = None if deadline is None else max(0.0, deadline - time.monotonic())
            ready, _, _ = select.select([fd], [], [], remaining)
            if not ready:
                return None
            chunk = os.read(fd, 65536)
            if not chunk:
                raise RuntimeError(f"the {self.framework} fork server stopped")
            self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        return json.loads(line)

    def alive(self) -> bool:
        return self.proc.poll() is None

    def run(self, path: Path, workdir: Path, env: dict[str, str], timeout: int) -> tuple[int, bool]:
        """Run one program; return (exit status, timed out)."""
        request = {
            "path": str(path.resolve()),
            "cwd": str(workdir),
            "env": env,
            "stdout": str(workdir / ".qa-stdout"),
            "stderr": str(workdir / ".qa-stderr"),
        }
        self.proc.stdin.write((json.dumps(request) + "\n").encode())
        self.proc.stdin.flush()
        pid = self._readline(None)["pid"]
        answer = self._readline(timeout)
        timed_out = answer is None
        if timed_out:
            try:
                os.killpg(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            answer = self._readline(None)
        return answer["status"], timed_out

    def close(self) -> None:
        if self.alive():
            self.proc.stdin.close()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        shutil.rmtree(self.home, ignore_errors=True)


_servers: dict[tuple[str, int], ForkServer] = {}


def _server(framework: str, python: str) -> ForkServer:
    """The calling thread's fork server for a framework (one request at a time per server)."""
    key = (framework, threading.get_ident())
    server = _servers.get(key)
    if server is None or not server.alive():
        server = _servers[key] = ForkServer(framework, python)
    return server


@atexit.register
def close_servers() -> None:
    """Stop the fork servers (also called at interpreter exit)."""
    for server in _servers.values():
        server.close()
    _servers.clear()


def runner_mode() -> str:
    """`fork` (default: pre-imported framework, a forked child per program) or `fresh`
    (a new interpreter per program), from the QA_RUNNER environment variable."""
    mode = os.environ.get("QA_RUNNER", "fork")
    if mode not in ("fork", "fresh"):
        raise ValueError(f"QA_RUNNER must be 'fork' or 'fresh', not {mode!r}")
    return mode


def run_program(
    program: Program, timeout: int, python: str = sys.executable, mode: str | None = None, forced_down: bool = False
) -> RunResult:
    """Run one program isolated in a temporary directory; collect what it printed and drew.

    In `fork` mode the program runs in a child forked from a process that already imported its
    framework; in `fresh` mode in a new interpreter. Both give the program its own process,
    working directory, environment and session, so nothing leaks between programs.
    `forced_down` (fresh mode only) runs it with the CPU kernels of `FORCED_DOWN_ENV`.
    """
    mode = mode or runner_mode()
    if forced_down and mode != "fresh":
        raise ValueError("forced_down needs mode='fresh': a fork server's kernels are chosen when it starts")
    with tempfile.TemporaryDirectory(prefix="qa-run-") as tmp:
        workdir = Path(tmp)
        (workdir / "matplotlibrc").write_text(MATPLOTLIBRC)
        origins_file = workdir / ".qa-origins.json"
        env = snippet_env(
            {
                "HOME": str(workdir),
                "MPLCONFIGDIR": str(workdir / ".mpl"),
                "TMPDIR": str(workdir),
                "QA_OUTPUT_MAP": str(origins_file),
                "QA_RUNNER_PID": str(os.getpid()),
                **(_forced_down_env() if forced_down else {}),
            }
        )
        start = time.monotonic()
        if mode == "fork":
            status, timed_out = _server(program.framework, python).run(program.path, workdir, env, timeout)
            out = (workdir / ".qa-stdout").read_bytes()
            err = (workdir / ".qa-stderr").read_bytes()
            (workdir / ".qa-stdout").unlink()
            (workdir / ".qa-stderr").unlink()
            returncode = status
        else:
            returncode, out, err, timed_out = _run_fresh(program, python, workdir, env, timeout)
        seconds = time.monotonic() - start
        figures = {p.name: p.read_bytes() for p in sorted(workdir.iterdir()) if p.is_file() and p.suffix in FIGURE_SUFFIXES}
        stdout = out.decode("utf-8", "replace")
        origins, printed_at = _origins(origins_file, out)
    return RunResult(
        program=program,
        returncode=returncode if not timed_out else -signal.SIGKILL,
        stdout=stdout,
        stderr=err.decode("utf-8", "replace"),
        seconds=seconds,
        timed_out=timed_out,
        figures=figures,
        origins=origins,
        printed_at=printed_at,
    )


def _run_fresh(program: Program, python: str, workdir: Path, env: dict[str, str], timeout: int):
    # Standard output goes to a file, as under the fork server: its offset tells the sandbox
    # where output written below Python (tf.print, C++) falls between the program's prints.
    out_path, err_path = workdir / ".qa-stdout", workdir / ".qa-stderr"
    with out_path.open("wb") as out_file, err_path.open("wb") as err_file:
        proc = subprocess.Popen(
            [python, str(program.path.resolve())],
            cwd=workdir,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out_file,
            stderr=err_file,
            start_new_session=True,
        )
        timed_out = False
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            _kill_group(proc)
            proc.wait()
    out, err = out_path.read_bytes(), err_path.read_bytes()
    out_path.unlink()
    err_path.unlink()
    return proc.returncode, out, err, timed_out


def _rle(values: list) -> tuple:
    pairs: list[list] = []
    for value in values:
        if pairs and pairs[-1][1] == value:
            pairs[-1][0] += 1
        else:
            pairs.append([1, value])
    return tuple(tuple(p) for p in pairs)


def _origins(path: Path, stdout: bytes) -> tuple[tuple, tuple]:
    """Which statements printed the output, from the sandbox's record (see sitecustomize.py).

    Returns run-length encoded (count, line) pairs for the output lines twice: the top-level
    statement of each line (where the page shows it) and the innermost program line that wrote
    it (where its `# ±` tolerance is declared; None for output written below Python). Both are
    empty when the record is missing or does not add up to what was captured (stdout not a
    file, output after an abrupt exit): the build then refuses a program whose output it
    would have to place under more than one excerpt.
    """
    try:
        segments = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return (), ()
    if sum(count for _, _, count in segments) != len(stdout):
        return (), ()
    outer_lines: list = []
    inner_lines: list = []
    at_line_start = True
    offset = 0
    for outer, inner, count in segments:
        chunk = stdout[offset : offset + count]
        offset += count
        for byte in chunk:
            if at_line_start:
                outer_lines.append(outer)
                inner_lines.append(inner)
                at_line_start = False
            if byte == 0x0A:
                at_line_start = True
    return _rle(outer_lines), _rle(inner_lines)


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def diff_output(program: Program, actual: str) -> str | None:
    """Why `actual` does not match the recorded output (a diff and the values that moved too
    far), or None when it matches under the rules of `compare`."""
    expected = program.output or ""
    problems = compare.compare(expected, actual, compare.program_tolerances(program))
    if not problems:
        return None
    return compare.report(expected, actual, problems, f"{program.out_path} (recorded)", f"{program.path} (this run)")


_SVG_TEXT_RE = re.compile(r"<text[^>]*>([^<]*)</text>")


def _svg_words(data: bytes) -> list[str] | None:
    """The words an SVG shows (titles, labels, legend), without numbers; None if malformed."""
    import xml.etree.ElementTree as ET

    try:
        ET.fromstring(data)
    except ET.ParseError:
        return None
    texts = _SVG_TEXT_RE.findall(data.decode("utf-8", "replace"))
    return [t for t in texts if not compare.NUMBER_RE.fullmatch(t.replace("\u2212", "-").strip())]


def diff_figures(question: Question, result: RunResult) -> str | None:
    """Compare the figures a run drew with the recorded ones.

    A figure matches byte for byte. A figure of training results, whose `savefig` statement
    declares a `# ±` tolerance, cannot: its curves move with the CPU's float results, and the
    numbers it plots are the printed ones, compared within their own tolerances. It must
    still be drawn, be a well-formed SVG, and show the same titles, labels and legend.
    """
    recorded = result.program.record.figures if result.program.record else {}
    if set(recorded) != set(result.figures):
        return f"{result.program.path}: drew {sorted(result.figures)}, recorded {sorted(recorded)}"
    for name, data in result.figures.items():
        stored = question.figures_dir / name
        if not stored.is_file():
            return f"{result.program.path}: figure {name} is missing from {question.figures_dir}"
        old = stored.read_bytes()
        if old == data:
            continue
        tolerant = name.endswith(".svg") and any(name in text and re.search(r"#.*±", text) for text in result.program.source.splitlines())
        if tolerant:
            words = _svg_words(data)
            if words is None:
                return f"{result.program.path}: figure {name} is not a well-formed SVG"
            if words != _svg_words(old):
                return f"{result.program.path}: figure {name} shows other words than {stored}: {words}"
            continue
        return f"{result.program.path}: figure {name} differs from {stored}"
    return None


def framework_versions(framework: str) -> dict[str, str]:
    """Installed versions that a recording of this framework's program depends on."""
    versions = {"python": platform.python_version()}
    for dist in VERSIONED[framework]:
        try:
            versions[dist.replace("-cpu", "")] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            pass
    return versions


def record_result(question: Question, result: RunResult, today: str | None = None) -> bool:
    """Store a successful run as the program's recorded output; return True when anything changed."""
    program = result.program
    figures = {}
    if result.figures:
        question.figures_dir.mkdir(exist_ok=True)
    for name, data in result.figures.items():
        target = question.figures_dir / name
        if not target.is_file() or target.read_bytes() != data:
            target.write_bytes(data)
        figures[name] = file_hash(target)
    old_figures = program.record.figures if program.record else {}
    for name in set(old_figures) - set(figures):
        if not any(name in (p.record.figures if p.record else {}) for p in question.programs.values() if p is not program):
            (question.figures_dir / name).unlink(missing_ok=True)
    if question.figures_dir.is_dir() and not any(question.figures_dir.iterdir()):
        shutil.rmtree(question.figures_dir)
    versions = framework_versions(program.framework)
    machine = machine_info()
    unchanged = (
        program.record is not None
        and program.record.sha256 == program.sha256
        and program.record.figures == figures
        and program.record.versions == versions
        and program.record.origins == result.origins
        and program.record.printed_at == result.printed_at
        and program.record.machine == machine
        and program.output == result.stdout
    )
    if unchanged:
        return False
    record = Record(
        sha256=program.sha256,
        versions=versions,
        recorded=today or _dt.date.today().isoformat(),
        figures=figures,
        origins=result.origins,
        printed_at=result.printed_at,
        machine=machine,
    )
    write_record(program, record, result.stdout)
    program.record, program.output = record, result.stdout
    return True


# ---------------------------------------------------------------- execution cache


def cache_enabled() -> bool:
    """The cache is used locally; CI (CI=true) and QA_CACHE=0 always run cold."""
    return not os.environ.get("CI") and os.environ.get("QA_CACHE", "1") != "0"


#: The files that decide how a program runs: a change to any of them invalidates the cache.
RUN_FILES = (Path(__file__), Path(__file__).with_name("forkserver.py"), SANDBOX_DIR / "sitecustomize.py")


def cache_key(program: Program, timeout: int) -> str:
    """Content hash of everything a run depends on: the program, the runner's own files
    (`RUN_FILES`), framework versions, environment, machine and timeout."""
    digest = hashlib.sha256()
    parts = [
        *(path.read_text(encoding="utf-8") for path in RUN_FILES),
        program.source,
        json.dumps(framework_versions(program.framework), sort_keys=True),
        json.dumps(SNIPPET_ENV, sort_keys=True),
        json.dumps(machine_info(), sort_keys=True),
        MATPLOTLIBRC,
        str(timeout),
    ]
    for part in parts:
        digest.update(part.encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def cached_run(program: Program, timeout: int) -> RunResult:
    """Run a program, or return the stored result of an identical earlier run (see cache_key)."""
    result = cache_load(program, timeout)
    if result is None:
        result = run_program(program, timeout)
        cache_store(result, timeout)
    return result


def cache_load(program: Program, timeout: int) -> RunResult | None:
    """The stored result of an identical earlier run, or None (always None with the cache off)."""
    if not cache_enabled():
        return None
    path = CACHE_DIR / f"{cache_key(program, timeout)}.json"
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return RunResult(
        program=program,
        returncode=0,
        stdout=data["stdout"],
        stderr=data["stderr"],
        seconds=0.0,
        figures={name: base64.b64decode(blob) for name, blob in data["figures"].items()},
        origins=tuple(tuple(pair) for pair in data["origins"]),
        printed_at=tuple(tuple(pair) for pair in data.get("printed_at", [])),
        cached=True,
    )


def cache_store(result: RunResult, timeout: int) -> None:
    """Keep a successful run's result for identical later runs (no-op with the cache off)."""
    if not (cache_enabled() and result.ok and not result.cached):
        return
    path = CACHE_DIR / f"{cache_key(result.program, timeout)}.json"
    CACHE_DIR.mkdir(parents=True, exist_ok=True)
    data = {
        "program": str(result.program.path),
        "stdout": result.stdout,
        "stderr": result.stderr,
        "figures": {name: base64.b64encode(blob).decode() for name, blob in result.figures.items()},
        "origins": [list(pair) for pair in result.origins],
        "printed_at": [list(pair) for pair in result.printed_at],
    }
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps(data), encoding="utf-8")
    tmp.replace(path)


def _files(folder: Path, recursive: bool = True) -> set[Path]:
    paths = folder.rglob("*") if recursive else folder.iterdir()
    return {p for p in paths if "__pycache__" not in p.parts}


def verify(question: Question, program: Program, *, update: bool = False) -> str | None:
    """Run a program the way the test suite does; say what is wrong with it, or None.

    The run must succeed and match the recorded output and figures. When the program really
    ran (no cache hit), it runs a second time in a fresh interpreter with the CPU's vector
    kernels forced down (`FORCED_DOWN_ENV`) and must match again: determinism, fork-server
    runs equal plain ones, and the recording holds on a CPU unlike the recording one. It must leave no file in its
    question folder or beside it. Only a run that passes all of this is cached. With
    `update`, a successful run is recorded instead of compared.
    """
    before = _files(question.folder), _files(question.folder.parent, recursive=False)
    result = cache_load(program, question.timeout) or run_program(program, question.timeout)
    if not result.ok:
        return result.failure()
    if update:
        record_result(question, result)
        return None
    if program.record is None:
        return f"{program.path}: no recorded output; run `make outputs` or `pytest --update-outputs`"
    if program.record.sha256 != program.sha256:
        return f"{program.out_path}: recorded from other code; run `make outputs`"
    diff = diff_output(program, result.stdout)
    if diff:
        return f"{program.path}: output drifted from the recording\n{diff}"
    problem = diff_figures(question, result)
    if problem:
        return problem
    if not result.cached:
        second = run_program(program, question.timeout, mode="fresh", forced_down=True)
        if not second.ok:
            return f"{program.path}: the second run (fresh interpreter, CPU kernels forced to AVX2) failed\n{second.failure()}"
        problem = diff_output(program, second.stdout) or diff_figures(question, second)
        if problem:
            return f"{program.path}: the second run (fresh interpreter, CPU kernels forced to AVX2) differs from the recording\n{problem}"
    left = (_files(question.folder) - before[0]) | (_files(question.folder.parent, recursive=False) - before[1])
    if left:
        return f"{program.path}: left files in the repository: {', '.join(sorted(map(str, left)))}"
    cache_store(result, question.timeout)
    return None
