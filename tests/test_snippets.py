"""Every program on the site runs, in its own process, and prints what its page shows.

Run `pytest --update-outputs` (or `make outputs`) to re-record after a deliberate change.
Select one framework with `-m tensorflow` or `-m pytorch` (the CI shards this way).
"""

from __future__ import annotations

import pytest
from conftest import ROOT

from scripts.qa import model, runner


def _collect():
    params = []
    for folder in sorted(p for p in (ROOT / "snippets").iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
        try:
            question = model.load_question(folder)
        except model.QuestionError as exc:
            params.append(pytest.param(None, None, str(exc), id=f"{folder.name}/question.md"))
            continue
        for program in question.programs.values():
            marks = [pytest.mark.snippet, getattr(pytest.mark, program.framework)]
            params.append(pytest.param(question, program, None, id=f"{folder.name}/{program.name}", marks=marks))
    return params


@pytest.mark.parametrize(("question", "program", "load_error"), _collect())
def test_program_prints_recorded_output(question, program, load_error, request):
    if load_error:
        pytest.fail(load_error)
    result = runner.cached_run(program, timeout=question.timeout)
    if not result.ok:
        pytest.fail(result.failure(), pytrace=False)
    if request.config.getoption("--update-outputs"):
        runner.record_result(question, result)
        return
    if program.record is None:
        pytest.fail(f"{program.path}: no recorded output; run `make outputs` or `pytest --update-outputs`", pytrace=False)
    if program.record.sha256 != program.sha256:
        pytest.fail(f"{program.out_path}: recorded from other code; run `make outputs`", pytrace=False)
    diff = runner.diff_output(program, result.stdout)
    if diff:
        pytest.fail(f"{program.path}: output drifted from the recording\n{diff}", pytrace=False)
    figures = runner.diff_figures(question, result)
    if figures:
        pytest.fail(figures, pytrace=False)
