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
