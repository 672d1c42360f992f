"""Zensical (Material's successor) builds the same site from `python -m scripts.qa export`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from scripts.qa import export, model

ZENSICAL = ROOT / ".venv-zensical" / "bin" / "zensical"


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory) -> Path:
    if not ZENSICAL.exists():
        pytest.fail(f"{ZENSICAL} not found: `make test` (or `make zensical`) installs it")
    dest = tmp_path_factory.mktemp("zensical")
    export.export(dest)
    result = subprocess.run([str(ZENSICAL), "build", "--strict", "-f", "mkdocs.yml"], cwd=dest, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return dest / "site"


def test_zensical_builds_every_key_page(zensical_site):
    questions = model.load_all(ROOT / "snippets")
    expected = ["index.html", "cheatsheet/index.html", "quiz/index.html", "api-map/index.html", "questions.json"]
    expected += [f"questions/{q.slug}/index.html" for q in questions] + [f"q/{q.number}/index.html" for q in questions]
    expected += [f"sections/{s}/index.html" for s in ("general", "tensorflow", "pytorch", "advanced")]
    assert [p for p in expected if not (zensical_site / p).is_file()] == []


def test_zensical_question_page_has_both_tabs_and_the_recorded_output(zensical_site):
    html = (zensical_site / "questions" / "torch-no-grad" / "index.html").read_text()
    assert html.index(">TensorFlow</label>") < html.index(">PyTorch</label>")
    recorded = (ROOT / "snippets" / "20-torch-no-grad" / "pytorch_no_grad.out").read_text().splitlines()[1]
    assert recorded.split(":", 1)[1].strip() in html  # e.g. "requires_grad = True | grad_fn = AddmmBackward0"


def test_export_refuses_a_config_it_no_longer_understands(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text((ROOT / "mkdocs.yml").read_text().replace("hooks:\n  - scripts/qa/hooks.py\n", ""))
    with pytest.raises(ValueError, match="no longer contains"):
        export.export(tmp_path / "out", config=config)


def test_export_command_names_a_bad_question(tmp_path):
    bad = tmp_path / "snippets" / "01-bad"
    bad.mkdir(parents=True)
    result = subprocess.run(
        [sys.executable, "-m", "scripts.qa", "--snippets", str(tmp_path / "snippets"), "export", str(tmp_path / "out")],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1 and "empty question folder" in result.stderr
