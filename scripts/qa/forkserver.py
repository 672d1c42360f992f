"""A fork server: import one framework once, then fork a fresh child for every program.

Started by the runner as `python -m scripts.qa.forkserver tensorflow|pytorch`. It reads one
JSON request per line on standard input and answers on standard output, first
`{"pid": N}` when the child starts, then `{"pid": N, "status": S}` when it ends.

Each child is a copy of the server taken before any program ran, so programs stay isolated
from each other: a program that changes global state (Keras' dtype policy, TensorFlow's device
configuration, a random seed) changes it only in its own child. The child runs the program
as `__main__` in its own session, working directory and environment, with standard output
and error sent to files, exactly as `python program.py` would, minus the import time.
"""

from __future__ import annotations

import atexit
import io
import json
import os
import runpy
import sys
import tempfile
import traceback

PRELOAD = {
    "tensorflow": ("numpy", "tensorflow", "keras"),
    "pytorch": ("numpy", "torch", "torchvision"),
}


def _child(request: dict) -> int:
    os.setsid()
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    os.environ["QA_RUNNER_PID"] = str(os.getppid())
    tempfile.tempdir = None
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    for fd, path in ((1, request["stdout"]), (2, request["stderr"])):
        target = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(target, fd)
        os.close(target)
    sys.stdin = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115
    sys.stdout = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), encoding="utf-8", write_through=True)
    sys.stderr = io.TextIOWrapper(io.FileIO(2, "w", closefd=False), encoding="utf-8", write_through=True)
    path = request["path"]
    sys.argv = [path]
    sys.path[0] = os.path.dirname(path)
    # The sandbox: network guard (already active since start-up) and output origins. Without
    # it a page could not place its output under its excerpts: fail loudly, never drop them.
    import sitecustomize

    sitecustomize._install_origins()
    code = 0
    try:
        runpy.run_path(path, run_name="__main__")
    except SystemExit as exc:
        if exc.code is None:
            code = 0
        elif isinstance(exc.code, int):
            code = exc.code
        else:
            print(exc.code, file=sys.stderr)
            code = 1
    except BaseException:  # noqa: BLE001 - report like the interpreter would
        traceback.print_exc()
        code = 1
    try:
        atexit._run_exitfuncs()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    return code


def main() -> None:
    framework = sys.argv[1]
    for module in PRELOAD[framework]:
        __import__(module)
    channel = sys.stdout
    for line in sys.stdin:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                code = _child(request)
            finally:
                os._exit(code)
        channel.write(json.dumps({"pid": pid}) + "\n")
        channel.flush()
        _, status = os.waitpid(pid, 0)
        code = os.waitstatus_to_exitcode(status)
        channel.write(json.dumps({"pid": pid, "status": code}) + "\n")
        channel.flush()


if __name__ == "__main__":
    main()
