"""The runner: isolation, timeouts, failures with stderr, drift diffs, masking, no network."""

from __future__ import annotations

import pytest
from conftest import write_question

from scripts.qa import model, runner


def _program(folder, name):
    return model.load_question(folder).programs[name]


def test_program_runs_in_a_temporary_directory_and_leaves_nothing(tiny, snippets):
    write_question(snippets, 2, "writer", **{"pytorch_demo.py": 'open("left.txt", "w").write("x")\nimport os\nprint(os.getcwd() != "")\n'})
    folder = snippets / "02-writer"
    result = runner.run_program(_program(folder, "pytorch_demo.py"), timeout=30)
    assert result.ok
    assert not (folder / "left.txt").exists()
    assert not list(snippets.parent.glob("left.txt"))


def test_environment_is_cpu_only_quiet_and_seeded(snippets):
    code = 'import os\nfor k in ("CUDA_VISIBLE_DEVICES", "TF_CPP_MIN_LOG_LEVEL", "PYTHONHASHSEED"):\n    print(k, repr(os.environ[k]))\n'
    folder = write_question(snippets, **{"pytorch_demo.py": code})
    out = (folder / "pytorch_demo.out").read_text().splitlines()[1:]
    assert out == ["CUDA_VISIBLE_DEVICES ''", "TF_CPP_MIN_LOG_LEVEL '3'", "PYTHONHASHSEED '0'"]


def test_failure_reports_exit_status_and_stderr(snippets):
    folder = write_question(snippets, record=False, **{"pytorch_demo.py": 'raise ValueError("boom in the snippet")\n'})
    result = runner.run_program(_program(folder, "pytorch_demo.py"), timeout=30)
    assert not result.ok
    text = result.failure()
    assert "pytorch_demo.py exited with status 1" in text
    assert "ValueError: boom in the snippet" in text


def test_a_hanging_program_is_killed_at_its_timeout(snippets):
    folder = write_question(snippets, record=False, **{"pytorch_demo.py": "import time\ntime.sleep(60)\n"})
    result = runner.run_program(_program(folder, "pytorch_demo.py"), timeout=1)
    assert result.timed_out and not result.ok
    assert result.seconds < 10
    assert "timed out after 1 s" in result.failure()


def test_drifted_output_gives_a_unified_diff_naming_the_file(tiny):
    program = _program(tiny, "pytorch_demo.py")
    diff = runner.diff_output(program, "torch.tensor says goodbye\n")
    assert diff is not None
    assert "pytorch_demo.out (recorded)" in diff and "pytorch_demo.py (this run)" in diff
    assert "-torch.tensor says hello" in diff and "+torch.tensor says goodbye" in diff
    assert runner.diff_output(program, "torch.tensor says hello\n") is None


def test_sample_lines_are_compared_with_numbers_masked(tiny):
    program = _program(tiny, "pytorch_demo.py")
    program.output = "speed-up 3.1x [sample]\nexact 42\n"
    assert runner.diff_output(program, "speed-up 2.7x [sample]\nexact 42\n") is None
    assert runner.diff_output(program, "speed-up 2.7x [sample]\nexact 43\n") is not None
    assert runner.diff_output(program, "slow-down 2.7x [sample]\nexact 42\n") is not None
    program.output = "eager    12.50 ms [sample]\n"
    assert runner.diff_output(program, "eager   9.10 ms [sample]\n") is None


def test_network_beyond_loopback_is_refused(snippets):
    code = (
        "import socket\n"
        "s = socket.socket()\n"
        "try:\n"
        "    s.connect(('192.0.2.1', 80))\n"
        "except ConnectionRefusedError as err:\n"
        "    print('refused:', err)\n"
        "try:\n"
        "    socket.getaddrinfo('example.com', 443)\n"
        "except socket.gaierror as err:\n"
        "    print('lookup refused')\n"
        "srv = socket.socket(); srv.bind(('127.0.0.1', 0)); srv.listen()\n"
        "c = socket.socket(); c.connect(srv.getsockname()); print('loopback ok')\n"
    )
    folder = write_question(snippets, **{"pytorch_demo.py": code})
    out = (folder / "pytorch_demo.out").read_text()
    assert "refused: network access is disabled for snippets (tried '192.0.2.1')" in out
    assert "lookup refused" in out and "loopback ok" in out


def test_figures_are_collected_and_recorded(snippets):
    code = 'open("plot.svg", "w").write("<svg xmlns=\'http://www.w3.org/2000/svg\'/>")\nprint("drew")\n'
    folder = write_question(snippets, **{"pytorch_demo.py": code})
    q = model.load_question(folder)
    assert (folder / "figures" / "plot.svg").is_file()
    assert list(q.programs["pytorch_demo.py"].record.figures) == ["plot.svg"]
    model.check_records(q)
    (folder / "figures" / "plot.svg").write_text("<svg/>")
    try:
        model.check_records(q)
    except model.QuestionError as exc:
        assert "figure differs" in str(exc)
    else:
        raise AssertionError("a changed figure must be caught")


def test_rerecording_unchanged_output_changes_nothing(tiny):
    q = model.load_question(tiny)
    program = q.programs["pytorch_demo.py"]
    before = program.out_path.read_text()
    result = runner.run_program(program, timeout=30)
    assert runner.record_result(q, result, today="2030-01-01") is False
    assert program.out_path.read_text() == before


def test_each_excerpt_shows_the_output_its_own_lines_printed(snippets):
    from scripts.qa import render

    code = (
        "# tf.constant\n"
        "# --8<-- [start:first]\n"
        "def shout(word):\n"
        "    print(word.upper())\n"
        "print('one')\n"
        "# --8<-- [end:first]\n"
        "# --8<-- [start:second]\n"
        "for word in ('two', 'three'):\n"
        "    shout(word)\n"
        "# --8<-- [end:second]\n"
        "print('unshown')\n"
    )
    folder = write_question(snippets, record=False)
    (folder / "tensorflow_demo.py").write_text(code)
    (folder / "question.md").write_text(
        (folder / "question.md")
        .read_text()
        .replace(
            "@code tensorflow_demo.py:main pytorch_demo.py",
            "@code tensorflow_demo.py:first pytorch_demo.py\n\n@code tensorflow_demo.py:second",
        )
    )
    q = model.load_question(folder)
    for program in q.programs.values():
        runner.record_result(q, runner.run_program(program, timeout=30))
    assert q.programs["tensorflow_demo.py"].record.line_origins() == [5, 9, 9, 11]
    page = render.render_question(q, {1: q}, snippets.parent)
    first, second = page.split('--8<-- "snippets/01-tiny/tensorflow_demo.py:second"')
    assert "ONE" not in first and "one" in first and "TWO" not in first
    assert "TWO\n    THREE" not in first and "TWO\nTHREE" in second
    assert 'title="Other output of tensorflow_demo.py"' in second and "unshown" in second


POLICY_SETTER = """\
# --8<-- [start:main]
import keras
import tensorflow as tf

cpu = tf.config.list_physical_devices("CPU")[0]
tf.config.set_logical_device_configuration(cpu, [tf.config.LogicalDeviceConfiguration()] * 2)
keras.mixed_precision.set_global_policy("mixed_bfloat16")
print(keras.mixed_precision.global_policy().name, len(tf.config.list_logical_devices("CPU")))
# --8<-- [end:main]
"""

POLICY_READER = """\
import keras
import tensorflow as tf

print(keras.mixed_precision.global_policy().name, len(tf.config.list_logical_devices("CPU")))
"""


@pytest.mark.tensorflow
@pytest.mark.parametrize("mode", ["fork", "fresh"])
def test_global_state_never_leaks_between_programs(snippets, mode):
    """Keras' dtype policy and TensorFlow's device configuration stay inside one program."""
    folder = write_question(snippets, record=False, **{"tensorflow_demo.py": POLICY_SETTER, "tensorflow_other.py": POLICY_READER})
    md = folder / "question.md"
    md.write_text(md.read_text().replace("## Pitfalls", "@code tensorflow_other.py\n\n## Pitfalls"))
    q = model.load_question(folder)
    first = runner.run_program(q.programs["tensorflow_demo.py"], timeout=120, mode=mode)
    second = runner.run_program(q.programs["tensorflow_other.py"], timeout=120, mode=mode)
    assert first.ok, first.failure()
    assert second.ok, second.failure()
    assert first.stdout == "mixed_bfloat16 2\n"
    assert second.stdout == "float32 1\n"


@pytest.mark.parametrize("mode", ["fork", "fresh"])
def test_both_modes_capture_output_exit_status_and_timeouts(snippets, mode):
    folder = write_question(
        snippets, record=False, **{"pytorch_demo.py": "import os, sys\nprint('out')\nos.write(2, b'low-level err')\nsys.exit(3)\n"}
    )
    result = runner.run_program(model.load_question(folder).programs["pytorch_demo.py"], timeout=60, mode=mode)
    assert (result.returncode, result.stdout) == (3, "out\n")
    assert "low-level err" in result.stderr
    (folder / "pytorch_demo.py").write_text("# torch.tensor\nimport time\ntime.sleep(30)\n")
    slow = runner.run_program(model.load_question(folder).programs["pytorch_demo.py"], timeout=1, mode=mode)
    assert slow.timed_out and slow.seconds < 10


# ---------------------------------------------------------------- verify(): what the suite runs


def _verify(folder, name="pytorch_demo.py"):
    question = model.load_question(folder)
    return runner.verify(question, question.programs[name])


def test_verify_passes_a_good_program(tiny, monkeypatch):
    monkeypatch.setenv("QA_CACHE", "0")
    assert _verify(tiny) is None


def test_verify_catches_a_program_whose_second_run_differs(snippets, tmp_path, monkeypatch):
    monkeypatch.setenv("QA_CACHE", "0")
    flag = tmp_path / "ran-before"
    monkeypatch.setenv("QA_TEST_FLAG", str(flag))
    code = 'import os, pathlib\nflag = pathlib.Path(os.environ["QA_TEST_FLAG"])\nprint("seen before:", flag.exists())\nflag.touch()\n'
    folder = write_question(snippets, **{"pytorch_demo.py": code})  # recorded: "seen before: False"
    flag.unlink()
    problem = _verify(folder)
    assert "pytorch_demo.py: the second run (fresh interpreter, CPU kernels forced to AVX2) differs from the recording" in problem
    assert "+seen before: True" in problem


def test_verify_catches_a_program_that_leaves_a_file_in_the_repository(snippets, monkeypatch):
    monkeypatch.setenv("QA_CACHE", "0")
    code = 'import pathlib\npathlib.Path(__file__).with_name("leak.txt").write_text("x")\nprint("done")\n'
    folder = write_question(snippets, **{"pytorch_demo.py": code})
    (folder / "leak.txt").unlink()
    problem = _verify(folder)
    assert problem == f"{folder / 'pytorch_demo.py'}: left files in the repository: {folder / 'leak.txt'}"


def test_verify_caches_only_a_run_that_passed(tiny, tmp_path, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("QA_CACHE", raising=False)
    monkeypatch.setattr(runner, "CACHE_DIR", tmp_path / "cache")
    program = model.load_question(tiny).programs["pytorch_demo.py"]
    program.output = "something else\n"  # the recording no longer matches: verify fails
    assert "output drifted" in runner.verify(model.load_question(tiny), program)
    assert not (tmp_path / "cache").exists()
    assert _verify(tiny) is None
    assert len(list((tmp_path / "cache").glob("*.json"))) == 1
    assert runner.cache_load(program, model.load_question(tiny).timeout).cached


def test_the_cache_key_follows_every_file_that_decides_how_a_program_runs(tiny, tmp_path, monkeypatch):
    program = model.load_question(tiny).programs["pytorch_demo.py"]
    assert runner.SANDBOX_DIR / "sitecustomize.py" in runner.RUN_FILES
    stand_in = tmp_path / "forkserver.py"
    stand_in.write_text("# one version\n")
    monkeypatch.setattr(runner, "RUN_FILES", (stand_in,))
    before = runner.cache_key(program, 30)
    stand_in.write_text("# another version\n")
    assert runner.cache_key(program, 30) != before
    assert runner.cache_key(program, 31) != runner.cache_key(program, 30)


def test_make_outputs_selects_a_question_by_number_padded_number_or_slug(snippets):
    from scripts.qa import cli

    write_question(snippets, 3, "three", record=False)
    write_question(snippets, 12, "twelve", record=False)
    questions = [model.load_question(f) for f in sorted(snippets.iterdir())]
    for only in (["03"], ["3"], ["three"], ["03-three"]):
        assert {q.number for q, _ in cli.select(questions, only)} == {3}, only
    assert {q.number for q, _ in cli.select(questions, [])} == {3, 12}
    assert cli.select(questions, ["4"]) == []


def test_make_outputs_leaves_only_accepted_runs_in_the_cache(snippets, tmp_path, monkeypatch):
    from scripts.qa import cli

    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("QA_CACHE", raising=False)
    monkeypatch.setattr(runner, "CACHE_DIR", tmp_path / "cache")
    write_question(snippets, record=False)
    assert cli.main(["--snippets", str(snippets), "outputs"]) == 0
    assert (snippets / "01-tiny" / "pytorch_demo.out").is_file()
    assert not (tmp_path / "cache").exists()  # recorded, but not verified: nothing cached
