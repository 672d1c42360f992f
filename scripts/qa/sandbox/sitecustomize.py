"""Loaded by every snippet the runner starts: refuse network connections beyond loopback.

An accidental download (pretrained weights, a dataset, a hub lookup) then fails loudly with
`ConnectionRefusedError` on any machine, instead of passing quietly on a connected one.
Loopback stays open, so a snippet may run a local server or a two-process DDP job.
"""

import ipaddress
import socket

_connect = socket.socket.connect
_connect_ex = socket.socket.connect_ex
_getaddrinfo = socket.getaddrinfo
_HOSTNAME = socket.gethostname()


def _allowed(address) -> bool:
    if not isinstance(address, tuple):  # AF_UNIX paths and the like stay local
        return True
    host = address[0]
    if host in ("localhost", "", _HOSTNAME):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _guard(address):
    if not _allowed(address):
        raise ConnectionRefusedError(f"network access is disabled for snippets (tried {address[0]!r})")


def connect(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6):
        _guard(address)
    return _connect(self, address)


def connect_ex(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6):
        _guard(address)
    return _connect_ex(self, address)


def getaddrinfo(host, *args, **kwargs):
    if host is not None and not _allowed((host,)):
        raise socket.gaierror(socket.EAI_NONAME, f"network access is disabled for snippets (lookup of {host!r})")
    return _getaddrinfo(host, *args, **kwargs)


socket.socket.connect = connect
socket.socket.connect_ex = connect_ex
socket.getaddrinfo = getaddrinfo


# ---------------------------------------------------------------- output origins
# In the program the runner started (not its children), remember which top-level statement of
# the script printed each piece of standard output, so a page can show under each excerpt
# the output that excerpt printed. Written at exit to $QA_OUTPUT_MAP as JSON.
import atexit  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402


class _OriginStdout:
    def __init__(self, stream):
        self._stream = stream
        self.writes = []

    def write(self, text):
        if text:
            main_file = getattr(sys.modules.get("__main__"), "__file__", None)
            line = None
            frame = sys._getframe(1)
            while frame is not None:  # the outermost top-level statement of the program
                if frame.f_code.co_name == "<module>" and frame.f_code.co_filename == main_file:
                    line = frame.f_lineno
                frame = frame.f_back
            self.writes.append((line, text))
        return self._stream.write(text)

    def __getattr__(self, name):
        return getattr(self._stream, name)


def _install_origins():
    target = os.environ.get("QA_OUTPUT_MAP")
    if not target or str(os.getppid()) != os.environ.get("QA_RUNNER_PID"):
        return
    wrapper = _OriginStdout(sys.stdout)
    sys.stdout = wrapper

    def dump():
        try:
            sys.stdout.flush()
            with open(target, "w", encoding="utf-8") as f:
                json.dump(wrapper.writes, f)
        except Exception:  # never let bookkeeping break a program
            pass

    atexit.register(dump)


_install_origins()
