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
# In the program the runner started (not its children), remember which statement printed each
# piece of standard output: the top-level statement (so a page shows under each excerpt the
# output that excerpt printed) and the innermost line of the program (where a `# ±` tolerance
# comment is read). Output written below Python (`tf.print`, C++ logging, child processes)
# goes straight to file descriptor 1; it is found as a gap in the file's offset before the
# next Python write (or at exit) and credited to the top-level statement running then.
# Written at exit to $QA_OUTPUT_MAP as JSON: [top-level line, innermost line, byte count].
import atexit  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402


def _where():
    main_file = getattr(sys.modules.get("__main__"), "__file__", None)
    outer = inner = None
    frame = sys._getframe(2)
    while frame is not None:
        if frame.f_code.co_filename == main_file:
            if inner is None:
                inner = frame.f_lineno
            if frame.f_code.co_name == "<module>":
                outer = frame.f_lineno  # the outermost top-level statement of the program
        frame = frame.f_back
    return outer, inner


class _OriginStdout:
    def __init__(self, stream):
        self._stream = stream
        self.segments = []
        try:
            self._fd = stream.fileno()
        except (OSError, ValueError, AttributeError):
            self._fd = -1
        self._end = self._offset()

    def _offset(self):
        try:
            return os.lseek(self._fd, 0, os.SEEK_CUR)
        except OSError:  # not a file: native output cannot be placed
            return None

    def _native(self, outer):
        now = self._offset()
        if now is not None and self._end is not None and now > self._end:
            self.segments.append([outer, None, now - self._end])
        return now

    def write(self, text):
        if not text:
            return self._stream.write(text)
        outer, inner = _where()
        start = self._native(outer)
        result = self._stream.write(text)
        self._stream.flush()
        end = self._offset()
        if start is None or end is None:
            self.segments.append([outer, inner, len(text.encode(self._stream.encoding or "utf-8", "replace"))])
        else:
            self.segments.append([outer, inner, end - start])
        self._end = end
        return result

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
            wrapper._native(None)  # native output after the last print: no statement to credit
            with open(target, "w", encoding="utf-8") as f:
                json.dump(wrapper.segments, f)
        except Exception:  # never let bookkeeping break a program
            pass

    atexit.register(dump)


_install_origins()
