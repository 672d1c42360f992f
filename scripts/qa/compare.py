"""When does a run's output match its recording? Exactly, except for floating-point numbers.

Float results of training differ in their last digits between CPUs (AVX2 or AVX-512 kernels,
another BLAS), so a recording made on one machine must still verify on another. The rule:

- Text, integers (counts, sizes, shapes, dtypes), error messages and the line structure match
  exactly.
- A number printed with a decimal point or an exponent may differ by one unit in its last
  printed digit (`0.814` matches `0.813` and `0.815`, not `0.816`).
- A program widens that on the line that prints a value, in a comment the reader sees:
  `# ±0.02` (absolute) or `# ±1%` (relative to the recorded value). The widened tolerance
  applies to every number the statement prints, integers included (a compressed size is a
  float result too).
- A line that contains `[sample]` is a measurement (a timing): its numbers are not compared.

Which statement printed an output line comes from the recording (`Record.printed_at`); the
comment is read from that statement's source lines.
"""

from __future__ import annotations

import ast
import difflib
import io
import re
import tokenize
from dataclasses import dataclass

SAMPLE_TOKEN = "[sample]"

#: A number as it is printed: not glued to a name (`int8`, `float32`, `resnet18` are words);
#: thousands separators (`5,699`) are part of it; a unit may follow (`3.6x`, `12ms`).
NUMBER_RE = re.compile(r"(?<![\w.])[-+]?(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?(?:[eE][-+]?\d+)?")
#: `# ±0.02`, `# ±1%`, `# ± 5e-4`, anywhere in a comment.
TOLERANCE_RE = re.compile(r"±\s*(\d+(?:\.\d+)?(?:[eE]-?\d+)?)\s*(%?)")


@dataclass(frozen=True)
class Tolerance:
    """How far a number may move: `absolute`, or `relative` to the recorded value."""

    value: float
    relative: bool = False
    line: int | None = None  # the source line that declared it

    def allows(self, expected: float, actual: float) -> bool:
        limit = self.value * abs(expected) / 100 if self.relative else self.value
        return abs(actual - expected) <= limit + 1e-12 * max(1.0, abs(expected))

    def __str__(self) -> str:
        return f"±{self.value:g}{'%' if self.relative else ''}"


def _value(token: str) -> float:
    return float(token.replace(",", ""))


def is_float_token(token: str) -> bool:
    """A number printed with a decimal point or an exponent (a float result)."""
    return "." in token or "e" in token.lower()


def last_digit_unit(token: str) -> float:
    """One unit in the last printed digit: 0.001 for `0.814`, 1e-5 for `1.5e-04`, 1 for `42`."""
    mantissa, _, exponent = token.lower().replace(",", "").partition("e")
    decimals = len(mantissa.partition(".")[2])
    return 10.0 ** (int(exponent or 0) - decimals)


def declared_tolerances(source: str) -> dict[int, Tolerance]:
    """Source line -> the tolerance declared in a `# ±...` comment of the statement on that line.

    Every line of a statement (a multi-line `print(...)`, a helper function's `print`) maps to
    the tolerance its statement declares, so the line a recording names always finds it.
    """
    comments: dict[int, Tolerance] = {}
    try:
        for tok in tokenize.generate_tokens(io.StringIO(source).readline):
            if tok.type == tokenize.COMMENT:
                m = TOLERANCE_RE.search(tok.string)
                if m:
                    comments[tok.start[0]] = Tolerance(float(m.group(1)), m.group(2) == "%", tok.start[0])
    except (tokenize.TokenError, SyntaxError):
        return {}
    if not comments:
        return {}
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return dict(comments)
    result: dict[int, Tolerance] = {}
    # Innermost simple statements first: a comment belongs to the smallest statement around it.
    statements = sorted(
        (n for n in ast.walk(tree) if isinstance(n, ast.stmt) and not hasattr(n, "body")),
        key=lambda n: (n.end_lineno or n.lineno) - n.lineno,
    )
    for node in statements:
        span = range(node.lineno, (node.end_lineno or node.lineno) + 1)
        found = [comments[i] for i in span if i in comments]
        if found:
            for i in span:
                result.setdefault(i, found[0])
    for line, tol in comments.items():
        result.setdefault(line, tol)
    return result


@dataclass(frozen=True)
class Mismatch:
    """The first thing that differs on one output line."""

    index: int  # 0-based output line
    reason: str


def _split(line: str) -> tuple[list[str], list[str]]:
    """Text pieces and number tokens of a line: text[0] num[0] text[1] ... text[n]."""
    texts, numbers, last = [], [], 0
    for m in NUMBER_RE.finditer(line):
        texts.append(line[last : m.start()])
        numbers.append(m.group())
        last = m.end()
    texts.append(line[last:])
    return texts, numbers


def _squeeze(text: str) -> str:
    return re.sub(r" {2,}", " ", text)


def compare_line(expected: str, actual: str, tolerance: Tolerance | None) -> str | None:
    """Why `actual` does not match the recorded `expected` line, or None when it does."""
    if expected == actual:
        return None
    e_text, e_num = _split(expected)
    a_text, a_num = _split(actual)
    sample = SAMPLE_TOKEN in expected
    if len(e_num) != len(a_num):
        return "different text or number of values"
    if e_num and (tolerance is not None or sample or any(map(is_float_token, e_num))):
        # Aligned columns move when a number's width changes: runs of spaces count as one.
        same_text = [_squeeze(t) for t in e_text] == [_squeeze(t) for t in a_text]
    else:
        same_text = e_text == a_text
    if not same_text:
        return "different text"
    if sample:
        return None
    for e, a in zip(e_num, a_num, strict=True):
        if e == a:
            continue
        ev, av = _value(e), _value(a)
        if tolerance is not None and tolerance.allows(ev, av):
            continue
        if is_float_token(e) and is_float_token(a):
            unit = last_digit_unit(e)
            if abs(av - ev) <= unit * (1 + 1e-9):
                continue
            allowed = tolerance or Tolerance(unit)
            return f"{a} where {e} was recorded (allowed {allowed})"
        if tolerance is not None:
            return f"{a} where {e} was recorded (allowed {tolerance})"
        return f"{a} where {e} was recorded (a whole number: must match exactly)"
    return None


def compare(expected: str, actual: str, tolerances: list[Tolerance | None] | None = None) -> list[Mismatch]:
    """Every line of `actual` that does not match `expected` (empty: the outputs match).

    `tolerances[i]` is the tolerance declared for recorded line i (None: the default rule).
    """
    e_lines, a_lines = expected.splitlines(), actual.splitlines()
    tolerances = tolerances or []
    problems = []
    for i, (e, a) in enumerate(zip(e_lines, a_lines, strict=False)):
        why = compare_line(e, a, tolerances[i] if i < len(tolerances) else None)
        if why:
            problems.append(Mismatch(i, why))
    if len(e_lines) != len(a_lines):
        problems.append(Mismatch(min(len(e_lines), len(a_lines)), f"{len(a_lines)} lines where {len(e_lines)} were recorded"))
    return problems


def report(expected: str, actual: str, problems: list[Mismatch], fromfile: str, tofile: str) -> str:
    """A unified diff of the two outputs, then one line per value that moved too far."""
    diff = "".join(
        difflib.unified_diff(expected.splitlines(keepends=True), actual.splitlines(keepends=True), fromfile=fromfile, tofile=tofile)
    )
    lines = [f"  output line {p.index + 1}: {p.reason}" for p in problems]
    return diff + ("\n" if diff and not diff.endswith("\n") else "") + "\n".join(lines)


def tolerances_for(source: str, printed_at: list[int | None]) -> list[Tolerance | None]:
    """The tolerance of each recorded output line, from the statement that printed it."""
    declared = declared_tolerances(source)
    return [declared.get(line) if line is not None else None for line in printed_at]


def program_tolerances(program) -> list[Tolerance | None]:
    """The declared tolerance of each recorded output line of a `model.Program`."""
    printers = program.record.line_printers() if program.record else []
    return tolerances_for(program.source, printers)
