"""Recorded outputs hold on any CPU: floats within a tolerance, everything else exactly.

The comparison rules of `scripts.qa.compare`, the planted faults the issue lists (each must
fail, with a diff), real CPU drift (which must pass), output written below Python (placed
under the right excerpt), the forced-down second run, and what a page tells the reader.
"""

from __future__ import annotations

import json

import pytest
from conftest import ROOT, write_question

from scripts.qa import compare, model, render, runner
from scripts.qa.compare import Tolerance

# ---------------------------------------------------------------- the rules


@pytest.mark.parametrize(
    ("recorded", "printed", "tolerance", "matches"),
    [
        ("head only: task B accuracy 0.814", "head only: task B accuracy 0.815", None, True),  # last digit
        ("head only: task B accuracy 0.814", "head only: task B accuracy 0.816", None, False),
        ("float16 max error 0.0473", "float16 max error 0.0472", None, True),
        ("accuracy 0.81", "accuracy 0.83", Tolerance(0.02), True),
        ("accuracy 0.81", "accuracy 0.60", Tolerance(0.02), False),  # a real drop
        ("zlib 267495 bytes", "zlib 267381 bytes", Tolerance(0.5, relative=True), True),
        ("zlib 267495 bytes", "zlib 250000 bytes", Tolerance(0.5, relative=True), False),
        ("stage 1: 195 of 5,699 parameters train", "stage 1: 196 of 5,699 parameters train", None, False),  # count
        ("stage 1: 195 of 5,699 parameters train", "stage 1: 195 of 5,700 parameters train", None, False),
        ("epoch 3: loss 0.52", "epoch 4: loss 0.52", Tolerance(0.05), False),  # ints stay exact under ±0.05
        ("x.shape (32, 10) float32", "x.shape (32, 11) float32", None, False),  # shape
        ("x.shape (32, 10) float32", "x.shape (32, 10) float64", None, False),  # dtype: a word
        ("ValueError: Invalid filepath extension", "ValueError: Invalid file extension", None, False),  # message
        ("a  0.927  100.0%", "a  0.929   99.9%", Tolerance(1.5, relative=True), True),  # aligned columns move
        ("gradient sum -3.04598", "gradient sum -3.045983", None, True),  # more digits, same value
        ("1.5e-04 per step", "1.6e-04 per step", None, True),
        ("1.5e-04 per step", "1.7e-04 per step", None, False),
        ("3.6x smaller", "3.7x smaller", None, True),
        ("3.6x smaller", "3.8x smaller", None, False),
        ("int8 resnet18 float32", "int8 resnet18 float32", None, True),
        ("took 1.76 ms [sample]", "took 52.3 ms [sample]", None, True),  # a measurement
        ("took 1.76 ms [sample]", "spent 1.76 ms [sample]", None, False),
    ],
)
def test_the_comparison_rules(recorded, printed, tolerance, matches):
    assert (compare.compare_line(recorded, printed, tolerance) is None) is matches


def test_names_with_digits_are_words_not_numbers():
    texts, numbers = compare._split("int8 float32 resnet18 v2 uses 5,699 params and 3.6x less")
    assert numbers == ["5,699", "3.6"]


def test_a_tolerance_is_read_from_the_statement_that_prints():
    source = "\n".join(
        [
            "acc = 0.8",
            "print(",
            '    f"accuracy {acc:.2f}",  # ±0.02 on other CPUs',
            ")",
            "def report(size):",
            '    print(f"size {size}")  # ±1% on other CPUs',
            'print("exact", 3)',
        ]
    )
    declared = compare.declared_tolerances(source)
    assert declared[2] == declared[3] == declared[4] == Tolerance(0.02, False, 3)
    assert declared[6] == Tolerance(1.0, True, 6)
    assert 7 not in declared and 1 not in declared
    assert compare.tolerances_for(source, [2, 6, 7, None]) == [declared[2], declared[6], None, None]


def test_line_count_changes_are_caught():
    problems = compare.compare("a 1\nb 2\n", "a 1\n")
    assert [p.reason for p in problems] == ["1 lines where 2 were recorded"]


# ---------------------------------------------------------------- planted faults on real recordings


def _real(folder: str, name: str) -> model.Program:
    return model.load_question(ROOT / "snippets" / folder).programs[name]


def _plant(program: model.Program, find: str, replace: str) -> str:
    lines = program.output.splitlines(keepends=True)
    hits = [i for i, line in enumerate(lines) if find in line]
    assert hits, f"{find!r} is not in {program.out_path}"
    lines[hits[0]] = lines[hits[0]].replace(find, replace, 1)
    return "".join(lines)


def _first_number(program: model.Program, prefix: str) -> str:
    line = next(line for line in program.output.splitlines() if line.startswith(prefix))
    return compare.NUMBER_RE.findall(line[len(prefix) :])[0]


def test_planted_accuracy_drop_fails_with_a_clear_diff():
    program = _real("24-fine-tuning", "pytorch_fine_tuning.py")
    value = _first_number(program, "stage 1, head only: task B accuracy")
    problem = runner.diff_output(program, _plant(program, f"accuracy {value}", "accuracy 0.600"))
    assert problem is not None
    assert f"-stage 1, head only: task B accuracy {value}" in problem
    assert "+stage 1, head only: task B accuracy 0.600" in problem
    assert f"0.600 where {value} was recorded (allowed ±0.01)" in problem


def test_real_cross_cpu_drift_within_the_declared_tolerance_passes():
    program = _real("24-fine-tuning", "pytorch_fine_tuning.py")
    value = _first_number(program, "stage 1, head only: task B accuracy")
    moved = f"{float(value) + 0.008:.3f}"  # an AVX2 machine printed 0.814 where AVX-512 printed 0.816
    assert runner.diff_output(program, _plant(program, f"accuracy {value}", f"accuracy {moved}")) is None


def test_planted_error_message_change_fails():
    program = _real("06-eager-vs-graph-execution", "tensorflow_tracing.py")
    problem = runner.diff_output(program, _plant(program, "Binding inputs to tf.function failed", "Binding inputs failed"))
    assert problem and "different text" in problem


def test_planted_shape_change_fails():
    program = _real("03-tensors-vs-numpy-arrays", "pytorch_tensors.py")
    shape = next(m for m in __import__("re").findall(r"\(\d+, \d+\)", program.output))
    wrong = shape.replace(")", "1)")
    problem = runner.diff_output(program, _plant(program, shape, wrong))
    assert problem and "must match exactly" in problem


def test_planted_count_off_by_one_fails():
    program = _real("24-fine-tuning", "pytorch_fine_tuning.py")
    problem = runner.diff_output(program, _plant(program, "195 of 5,699", "196 of 5,699"))
    assert problem and "196 where 195 was recorded (a whole number: must match exactly)" in problem


def test_every_declared_tolerance_is_on_a_line_that_prints_something():
    """A `# ±` comment that no recorded line uses is a mistake (it protects nothing)."""
    unused = []
    for folder in sorted(p for p in (ROOT / "snippets").iterdir() if p.is_dir()):
        for program in model.load_question(folder).programs.values():
            declared = compare.declared_tolerances(program.source)
            used = {t.line for t in compare.program_tolerances(program) if t}
            unused += [f"{program.path.name}:{t.line}" for t in set(declared.values()) if t.line not in used]
    assert not unused


# ---------------------------------------------------------------- where output goes, and the forced-down run


NATIVE = """\
import os
print("first")  # line 2
os.write(1, b"native one\\n")  # line 3: below Python, like tf.print
print("second")  # line 4
os.write(1, b"native at the end\\n")
"""


@pytest.mark.parametrize("mode", ["fresh"])
def test_output_written_below_python_is_placed(snippets, mode):
    folder = write_question(snippets, record=False, **{"pytorch_demo.py": NATIVE})
    result = runner.run_program(model.load_question(folder).programs["pytorch_demo.py"], timeout=30, mode=mode)
    assert result.ok, result.failure()
    assert result.stdout.splitlines() == ["first", "native one", "second", "native at the end"]
    # The top-level statement: native output goes with the statement that runs when it is seen.
    assert result.origins == ((1, 3), (2, 5), (1, None))
    # The innermost printing line: None for native output, which has no tolerance comment.
    assert result.printed_at == ((1, 3), (1, None), (1, 5), (1, None))


def test_a_multi_excerpt_program_whose_output_cannot_be_placed_is_refused(tiny):
    question = tiny / "question.md"
    question.write_text(
        question.read_text().replace(
            "@code tensorflow_demo.py:main pytorch_demo.py",
            "@code tensorflow_demo.py:main pytorch_demo.py\n\n@code tensorflow_demo.py pytorch_demo.py",
        )
    )
    out = tiny / "pytorch_demo.out"
    header, _, body = out.read_text().partition("\n")
    data = json.loads(header[len(model.RECORD_PREFIX) :])
    data["origins"] = []
    out.write_text(model.RECORD_PREFIX + json.dumps(data) + "\n" + body)
    with pytest.raises(model.QuestionError, match=r"pytorch_demo.out:1: the page shows pytorch_demo.py in 2 excerpts"):
        model.check_records(model.load_question(tiny))


def test_the_second_run_forces_the_cpu_kernels_down(snippets):
    code = (
        'import os\nfor k in ("ATEN_CPU_CAPABILITY", "MKL_ENABLE_INSTRUCTIONS", "ONEDNN_MAX_CPU_ISA"):\n    print(k, os.environ.get(k))\n'
    )
    folder = write_question(snippets, record=False, **{"pytorch_demo.py": code})
    program = model.load_question(folder).programs["pytorch_demo.py"]
    forced = runner.run_program(program, timeout=30, mode="fresh", forced_down=True)
    plain = runner.run_program(program, timeout=30, mode="fresh")
    assert forced.stdout.splitlines() == ["ATEN_CPU_CAPABILITY avx2", "MKL_ENABLE_INSTRUCTIONS AVX2", "ONEDNN_MAX_CPU_ISA AVX2_VNNI"]
    assert "ATEN_CPU_CAPABILITY avx2" not in plain.stdout
    with pytest.raises(ValueError, match="forced_down needs mode='fresh'"):
        runner.run_program(program, timeout=30, mode="fork", forced_down=True)


def test_compiled_kernels_of_forced_down_runs_live_apart():
    # Inductor's cache does not key on ATEN_CPU_CAPABILITY; sharing it gave wrong numbers.
    assert runner._forced_down_env()["TORCHINDUCTOR_CACHE_DIR"] != runner.snippet_env()["TORCHINDUCTOR_CACHE_DIR"]


def test_the_machine_is_recorded_in_the_header(tiny):
    record = model.load_question(tiny).programs["pytorch_demo.py"].record
    assert record.machine == runner.machine_info()
    assert set(record.machine) == {"arch", "cpu", "isa", "threads"} and record.machine["threads"] == 1
    assert runner.machine_info({"ATEN_CPU_CAPABILITY": "avx2"})["isa"] in ("AVX2 (forced)", "AVX2", "SSE", "NEON", "SVE", "unknown")


# ---------------------------------------------------------------- what the page says


def test_the_page_says_where_it_was_recorded_and_what_may_vary(snippets):
    code = 'print(f"accuracy {0.8125:.3f}")  # ±0.02 on other CPUs\nprint("torch.tensor", 3)\n'
    folder = write_question(snippets, **{"pytorch_demo.py": code})
    question = model.load_question(folder)
    page = render.render_question(question, {question.number: question}, snippets.parent)
    label = render.machine_label(question.programs["pytorch_demo.py"].record.machine)
    assert label.endswith("1 thread") and label.startswith(("x86-64, ", "Arm64, "))
    assert f"Recorded on {label}." in page
    assert "values whose code says <code># ±0.02</code> may differ by that much" in page
    assert render.verified_line([question]).endswith(f"({label}).")


def test_a_page_without_declared_tolerances_has_no_such_note(tiny):
    question = model.load_question(tiny)
    page = render.render_question(question, {question.number: question}, tiny.parent.parent)
    assert "may differ by that much" not in page
