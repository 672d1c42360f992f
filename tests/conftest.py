"""Shared fixtures: the repository's questions, tiny question folders for bad-input tests,
a built site served on 127.0.0.1, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts.qa import model, runner  # noqa: E402
from scripts.qa.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402


def pytest_addoption(parser):
    parser.addoption(
        "--update-outputs",
        action="store_true",
        help="re-record each program's output instead of comparing it (like `make outputs`)",
    )


# ---------------------------------------------------------------- tiny question folders

# The front matter comes from the field table itself (model.FIELDS), like `python -m scripts.qa new`.
TINY_QUESTION = (
    model.front_matter_template(number="{number}", slug="{slug}", title="Tiny question {number}?")
    + """
Some explanation.

@code tensorflow_demo.py:main pytorch_demo.py

## Pitfalls

None.

## What interviewers listen for

Nothing.

## Follow-up questions

### And then?

Nothing more.

## Further reading

- [TensorFlow](https://www.tensorflow.org/)
"""
)

TINY_TF = """\
# A stand-in program: it names tf.constant but imports nothing, so tests stay fast.
# --8<-- [start:main]
print("tf.constant says hello")
# --8<-- [end:main]
"""
TINY_PT = 'print("torch.tensor says hello")\n'


def write_question(snippets: Path, number: int = 1, slug: str = "tiny", record: bool = True, **files: str) -> Path:
    """Create a valid question folder (and record its outputs) under `snippets`."""
    folder = snippets / f"{number:02d}-{slug}"
    folder.mkdir(parents=True)
    (folder / "question.md").write_text(TINY_QUESTION.format(number=number, slug=slug))
    (folder / "tensorflow_demo.py").write_text(TINY_TF)
    (folder / "pytorch_demo.py").write_text(TINY_PT)
    for name, text in files.items():  # the comment keeps the listed APIs "used"
        (folder / name).write_text("# tf.constant torch.tensor\n" + text)
    if record:
        q = model.load_question(folder)
        for program in q.programs.values():
            result = runner.run_program(program, timeout=30)
            assert result.ok, result.failure()
            runner.record_result(q, result, today="2026-01-01")
    return folder


@pytest.fixture
def snippets(tmp_path) -> Path:
    """An empty snippets folder in a temporary directory."""
    path = tmp_path / "snippets"
    path.mkdir()
    return path


@pytest.fixture
def tiny(snippets) -> Path:
    """One valid, recorded question folder."""
    return write_question(snippets)


# ---------------------------------------------------------------- the built site


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per test session with `python -m scripts.qa build`."""
    site = tmp_path_factory.mktemp("site") / "site"
    subprocess.run(
        [sys.executable, "-m", "scripts.qa", "build", "--site-dir", str(site)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site_url(built_site):
    """The built site served over HTTP on 127.0.0.1 (a random free port)."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, driven by Playwright (never `playwright install`)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: `make test` installs it (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip()


def copy_tree(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst)
    return dst
