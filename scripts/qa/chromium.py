"""Debian's Chromium as the tests and the benchmark launch it (never `playwright install`)."""

from __future__ import annotations

import os

CHROMIUM = os.environ.get("QA_CHROMIUM", "/usr/bin/chromium")
#: Flags that work on this kind of machine: headless, no sandbox, nothing phoning home.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
