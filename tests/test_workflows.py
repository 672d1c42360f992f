"""The GitHub workflow gates of `make check` catch what they are there for, offline.

Each test copies .github/workflows into a temporary folder, plants one fault and runs the same
tool `make check` runs: zizmor (security audits, SHA pinning) and check-jsonschema (the schema).
The last tests prove the test workflow's shards together select every test in the suite.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
BIN = Path(sys.executable).parent
SHARDS = {"tensorflow": "snippet and tensorflow", "pytorch": "snippet and pytorch", "site": "not snippet"}
PINNED_USES = re.compile(r"^\s*(?:-\s+)?uses:\s+[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")


@pytest.fixture
def workflows(tmp_path):
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    for name in ("test.yml", "deploy.yml"):
        shutil.copy(WORKFLOWS / name, folder / name)
    return folder


def _zizmor(folder):
    return subprocess.run(
        [str(BIN / "zizmor"), "--offline", "--no-progress", str(folder)], cwd=folder, capture_output=True, text=True, timeout=120
    )


def _schema(folder):
    files = sorted(str(p) for p in folder.glob("*.yml"))
    cmd = [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *files]
    return subprocess.run(cmd, cwd=folder, capture_output=True, text=True, timeout=120)


def _plant(path, old, new):
    text = path.read_text()
    assert old in text, f"{path.name} no longer contains {old!r}; update the planted fault"
    path.write_text(text.replace(old, new, 1))


def test_real_workflows_pass_both_gates(workflows):
    zizmor = _zizmor(workflows)
    assert zizmor.returncode == 0, zizmor.stdout + zizmor.stderr
    assert "No findings" in zizmor.stdout
    schema = _schema(workflows)
    assert schema.returncode == 0, schema.stdout + schema.stderr


def test_every_uses_is_pinned_to_a_sha_with_its_version():
    for path in sorted(WORKFLOWS.glob("*.yml")):
        lines = [line for line in path.read_text().splitlines() if re.match(r"^\s*(-\s+)?uses:", line)]
        assert lines, path.name
        for line in lines:
            assert PINNED_USES.match(line), f"{path.name}: {line.strip()}"


@pytest.mark.parametrize(
    ("name", "old", "new", "rule"),
    [
        pytest.param(
            "test.yml",
            "actions/checkout@08c6903cd8c0fde910a37f88322edcfb5dd907a8 # v5.0.0",
            "actions/checkout@v4",
            "unpinned-uses",
            id="tag-instead-of-sha",
        ),
        pytest.param(
            "deploy.yml", "          persist-credentials: false\n", "          clean: true\n", "artipacked", id="credentials-kept"
        ),
        pytest.param(
            "test.yml",
            "        run: make test\n",
            "        run: make test PYTEST_ARGS='-k ${{ github.event.pull_request.title }}'\n",
            "template-injection",
            id="pr-title-in-shell",
        ),
    ],
)
def test_zizmor_catches_a_planted_fault(workflows, name, old, new, rule):
    _plant(workflows / name, old, new)
    result = _zizmor(workflows)
    assert result.returncode != 0, result.stdout + result.stderr
    assert rule in result.stdout, result.stdout + result.stderr


def test_check_jsonschema_catches_a_misspelled_key(workflows):
    _plant(workflows / "test.yml", "    runs-on: ", "    run-on: ")
    result = _schema(workflows)
    assert result.returncode != 0, result.stdout + result.stderr
    assert "test.yml" in result.stdout + result.stderr


def test_test_workflow_shards_are_the_three_marker_expressions():
    workflow = yaml.safe_load((WORKFLOWS / "test.yml").read_text())
    job = workflow["jobs"]["test"]
    shards = {entry["shard"]: entry["marker"] for entry in job["strategy"]["matrix"]["include"]}
    assert shards == SHARDS
    make_steps = [step for step in job["steps"] if step.get("run", "").strip() == "make test"]
    assert len(make_steps) == 1
    assert make_steps[0]["env"]["PYTEST_ARGS"] == '-m "${{ matrix.marker }}"'


def test_every_snippet_test_is_in_a_framework_shard():
    # The shards cover "snippet and tensorflow", "snippet and pytorch" and "not snippet":
    # together every test except those selected here, which must therefore be none.
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "--collect-only",
            "-q",
            "-p",
            "no:cacheprovider",
            "-m",
            "snippet and not tensorflow and not pytorch",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = result.stdout + result.stderr
    assert result.returncode == pytest.ExitCode.NO_TESTS_COLLECTED, output
    deselected = re.search(r"no tests collected \((\d+) deselected\)", output)
    assert deselected and int(deselected.group(1)) > 0, output
