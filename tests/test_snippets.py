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
    problem = runner.verify(question, program, update=request.config.getoption("--update-outputs"))
    if problem:
        pytest.fail(problem, pytrace=False)
