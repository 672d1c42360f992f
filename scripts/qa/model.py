"""The question model: load one question folder, validate it, return a typed `Question`.

This is the bottom floor of the build: it knows nothing about MkDocs, the runner or the
renderer. Every problem it finds is a `QuestionError` whose text is one line in the form
`path:line: what is wrong`, so an editor or a terminal can jump straight to it.

A question folder looks like this:

    snippets/03-tensors-vs-numpy/
      question.md          YAML front matter + the explanation in Markdown
      tensorflow_tensors.py  complete programs, named tensorflow_<topic>.py or pytorch_<topic>.py
      pytorch_tensors.py
      tensorflow_tensors.out recorded output (a header line with the source hash, then stdout)
      pytorch_tensors.out
      figures/             images the programs drew when they were recorded
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

SECTIONS = ("General", "TensorFlow", "PyTorch", "Advanced", "Building", "Production")
DIFFICULTIES = ("basic", "intermediate", "advanced")
FRAMEWORKS = ("tensorflow", "pytorch")
FRAMEWORK_LABELS = {"tensorflow": "TensorFlow", "pytorch": "PyTorch"}
REQUIRED_HEADINGS = ("Pitfalls", "What interviewers listen for", "Follow-up questions", "Further reading")
DEFAULT_TIMEOUT = 120
#: A candidate says about 75 words in 30 seconds.
SHORT_ANSWER_WORDS = 80
RECORD_PREFIX = "# qa-record: "
FIGURE_SUFFIXES = (".svg", ".png")

_PROGRAM_RE = re.compile(r"^(tensorflow|pytorch)_[a-z0-9_]+\.py$")
_SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_MARKER_RE = re.compile(r"^\s*#\s*--8<--\s*\[(start|end):([A-Za-z][-_0-9A-Za-z]*)\]\s*$")
_CODE_RE = re.compile(r"^@code(?:\s+(.*))?$")
_FIGURE_RE = re.compile(r"^@figure(?:\s+(\S+))?(?:\s+(.*))?$")
_FENCE_RE = re.compile(r"^\s*(`{3,}|~{3,})")
#: `{{out pytorch_compress.py "int8 dynamic .* ([\d.]+)x"}}`: a number quoted from a recording.
QUOTE_RE = re.compile(r'\{\{out\s+(\S+?)\s+"((?:[^"\\]|\\.)*)"\s*\}\}')


class QuestionError(Exception):
    """One problem in a question's sources, printed as `path:line: message`."""

    def __init__(self, path: Path | str, line: int | None, message: str):
        self.path = Path(path)
        self.line = line
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        path = self.path
        try:
            path = path.resolve().relative_to(Path.cwd())
        except (ValueError, OSError):
            pass
        where = f"{path}:{self.line}" if self.line else f"{path}"
        return f"{where}: {self.message}"


#: Groups of the API map, in page order.
API_TOPICS = (
    "Tensors",
    "Autograd",
    "Graphs and compilation",
    "Layers and models",
    "Losses",
    "Optimisers",
    "Training",
    "Data",
    "Saving and loading",
    "Deployment",
    "Quantization and precision",
    "Distributed",
)


@dataclass(frozen=True)
class ApiPair:
    """Two equivalent APIs, one per framework, named as their documentation names them."""

    tensorflow: str
    pytorch: str
    concept: str = ""
    topic: str = ""


@dataclass(frozen=True)
class Record:
    """The header of a recorded output file: where the output came from."""

    sha256: str
    versions: dict[str, str]
    recorded: str
    figures: dict[str, str]
    #: Which source line printed each output line, run-length encoded as [count, line] pairs
    #: (line is None for output from elsewhere); empty when unknown.
    origins: tuple = ()
    #: The innermost program line that wrote each output line (where a `# ±` tolerance is
    #: declared), run-length encoded like `origins`; empty when unknown.
    printed_at: tuple = ()
    #: The machine that recorded it: architecture, CPU model, vector ISA level, threads.
    machine: dict = field(default_factory=dict)

    def to_header(self) -> str:
        data = {
            "sha256": self.sha256,
            "versions": self.versions,
            "recorded": self.recorded,
            "figures": self.figures,
            "origins": [list(pair) for pair in self.origins],
            "printed_at": [list(pair) for pair in self.printed_at],
            "machine": self.machine,
        }
        return RECORD_PREFIX + json.dumps(data, sort_keys=True)

    def line_origins(self) -> list[int | None]:
        """The source line of every output line (empty when the origins are unknown)."""
        return [line for count, line in self.origins for _ in range(count)]

    def line_printers(self) -> list[int | None]:
        """The innermost program line that printed each output line (empty when unknown)."""
        return [line for count, line in self.printed_at for _ in range(count)]


@dataclass
class Program:
    """One runnable file of a question (for example `tensorflow_tensors.py`)."""

    path: Path
    framework: str
    source: str
    sections: dict[str, tuple[int, int]]
    record: Record | None = None
    output: str | None = None
    #: How many `@code` items of the page show this program (set when the body is checked).
    excerpts: int = 0

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def out_path(self) -> Path:
        return self.path.with_suffix(".out")

    @property
    def sha256(self) -> str:
        return source_hash(self.source)


@dataclass(frozen=True)
class CodeBlock:
    """An `@code` directive: which programs (and sections) the page shows at that point."""

    line: int
    items: tuple[tuple[str, str | None], ...]


@dataclass(frozen=True)
class Quote:
    """An `{{out program.py "regex"}}` directive: text the build copies from a recorded output."""

    line: int
    program: str
    pattern: str
    directive: str


@dataclass
class Question:
    """A validated question folder."""

    folder: Path
    number: int
    slug: str
    title: str
    section: str
    difficulty: str
    tags: list[str]
    short_answer: str
    body: str
    body_line: int
    apis: list[ApiPair]
    related: list[int] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    nav_title: str = ""
    timeout: int = DEFAULT_TIMEOUT
    programs: dict[str, Program] = field(default_factory=dict)
    field_lines: dict[str, int] = field(default_factory=dict)
    old_slugs: list[str] = field(default_factory=list)
    figure_lines: dict[str, int] = field(default_factory=dict)
    quotes: list[Quote] = field(default_factory=list)

    def line_of(self, key: str) -> int:
        """Line of a front-matter field in question.md (2 when unknown)."""
        return self.field_lines.get(key, 2)

    @property
    def md_path(self) -> Path:
        return self.folder / "question.md"

    @property
    def url(self) -> str:
        """Site-relative URL of the answer page."""
        return f"questions/{self.slug}/"

    @property
    def doc_uri(self) -> str:
        """Path of the generated page inside the MkDocs docs tree."""
        return f"questions/{self.slug}.md"

    @property
    def figures_dir(self) -> Path:
        return self.folder / "figures"


def source_hash(text: str) -> str:
    """SHA-256 of a program's source text, the key that ties a recording to its code."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_text(path: Path) -> str:
    """Read a UTF-8 file, or raise a `QuestionError` that names the first bad line."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise QuestionError(path, line, f"not valid UTF-8 (byte 0x{data[exc.start]:02x})") from None


def parse_sections(path: Path, source: str) -> dict[str, tuple[int, int]]:
    """Find `# --8<-- [start:name]` / `[end:name]` pairs; return name -> (start, end) lines."""
    open_: dict[str, int] = {}
    done: dict[str, tuple[int, int]] = {}
    for lineno, text in enumerate(source.splitlines(), 1):
        m = _MARKER_RE.match(text)
        if not m:
            continue
        kind, name = m.groups()
        if kind == "start":
            if name in open_ or name in done:
                raise QuestionError(path, lineno, f"section '{name}' starts twice")
            open_[name] = lineno
        else:
            if name not in open_:
                raise QuestionError(path, lineno, f"section '{name}' ends but never starts")
            done[name] = (open_.pop(name), lineno)
    for name, lineno in open_.items():
        raise QuestionError(path, lineno, f"section '{name}' starts but never ends")
    return done


def read_record(out_path: Path) -> tuple[Record, str]:
    """Parse a recorded output file into its header and the printed text."""
    text = read_text(out_path)
    header, _, output = text.partition("\n")
    if not header.startswith(RECORD_PREFIX):
        raise QuestionError(out_path, 1, f"recorded output has no '{RECORD_PREFIX.strip()}' header")
    try:
        data = json.loads(header[len(RECORD_PREFIX) :])
        record = Record(
            sha256=str(data["sha256"]),
            versions=dict(data.get("versions", {})),
            recorded=str(data.get("recorded", "")),
            figures=dict(data.get("figures", {})),
            origins=tuple(tuple(pair) for pair in data.get("origins", [])),
            printed_at=tuple(tuple(pair) for pair in data.get("printed_at", [])),
            machine=dict(data.get("machine", {})),
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise QuestionError(out_path, 1, f"malformed record header ({exc})") from None
    return record, output


def write_record(program: Program, record: Record, output: str) -> None:
    """Write a recorded output file atomically (header line, then the printed text)."""
    tmp = program.out_path.with_suffix(".out.tmp")
    tmp.write_text(record.to_header() + "\n" + output, encoding="utf-8")
    tmp.replace(program.out_path)


def _split_front_matter(path: Path, text: str) -> tuple[str, str, int]:
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        raise QuestionError(path, 1, "front matter missing: the file must start with a '---' line")
    for i in range(1, len(lines)):
        if lines[i].strip() == "---":
            return "".join(lines[1:i]), "".join(lines[i + 1 :]), i + 2
    raise QuestionError(path, 1, "front matter not closed: no second '---' line")


def _key_lines(path: Path, front: str) -> tuple[dict, dict[str, int]]:
    try:
        node = yaml.compose(front, Loader=yaml.SafeLoader)
        data = yaml.safe_load(front)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 2 if mark else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise QuestionError(path, line, f"malformed front matter: {problem}") from None
    if not isinstance(data, dict) or node is None:
        raise QuestionError(path, 2, "front matter must be a YAML mapping of fields")
    lines = {k.value: k.start_mark.line + 2 for k, _ in node.value if hasattr(k, "value")}
    # Lines of each framework's API inside `apis`, keyed "apis.<index>.<framework>".
    for key, value in node.value:
        if getattr(key, "value", None) == "apis" and isinstance(value, yaml.SequenceNode):
            for index, item in enumerate(value.value):
                if isinstance(item, yaml.MappingNode):
                    for k, v in item.value:
                        lines[f"apis.{index}.{k.value}"] = v.start_mark.line + 2
    return data, lines


class _Fields:
    """Typed access to front-matter fields with errors that point at the field's line."""

    def __init__(self, path: Path, data: dict, lines: dict[str, int]):
        self.path, self.data, self.lines = path, data, lines

    def error(self, key: str, message: str) -> QuestionError:
        return QuestionError(self.path, self.lines.get(key, 2), message)

    def get(self, key: str, kind: type, required: bool = True, default=None):
        if key not in self.data or self.data[key] is None:
            if required:
                raise QuestionError(self.path, 2, f"missing required field '{key}'")
            return default
        value = self.data[key]
        if kind is int and isinstance(value, bool) or not isinstance(value, kind):
            raise self.error(key, f"field '{key}' must be {kind.__name__}, got {type(value).__name__}")
        if kind is str:
            value = value.strip()
            if not value:
                raise self.error(key, f"field '{key}' is empty")
        return value

    def str_list(self, key: str, required: bool = True) -> list[str]:
        value = self.get(key, list, required, [])
        if required and not value:
            raise self.error(key, f"field '{key}' needs at least one entry")
        if not all(isinstance(v, str) and v.strip() for v in value):
            raise self.error(key, f"field '{key}' must be a list of non-empty strings")
        return [v.strip() for v in value]


@dataclass(frozen=True)
class FrontMatterField:
    """One front-matter field of question.md: the single definition that the validation, the
    `new` template, the tests' tiny question and the contributing guide's table all read."""

    name: str
    kind: type  # int, str or list
    required: bool
    help: str  # the guide's "Meaning" column
    example: str = ""  # the YAML value in the `new` template and the tests' tiny question
    default: object = None
    check: Callable[[object], str | None] | None = None  # an error message, or None when valid


def _one_of(choices: tuple[str, ...]) -> Callable[[object], str | None]:
    return lambda value: None if value in choices else f"unknown {{key}} '{value}' (one of: {', '.join(choices)})"


def _no_html_quotes(value) -> str | None:
    if any(c in value for c in '"<>'):
        return "field '{key}' must not contain '\"', '<' or '>' (themes print titles into HTML unescaped)"
    return None


def _short_enough(value) -> str | None:
    words = len(value.split())
    return (
        f"short_answer has {words} words; at most {SHORT_ANSWER_WORDS}, about 30 seconds said aloud" if words > SHORT_ANSWER_WORDS else None
    )


FIELDS = (
    FrontMatterField("number", int, True, "the question's number; it orders the navigation", "{number}",
                     check=lambda n: None if 1 <= n <= 999 else "field 'number' must be between 1 and 999"),
    FrontMatterField("slug", str, True, "the page URL: `questions/<slug>/`; never change it once published (see `old_slugs`)", "{slug}",
                     check=lambda s: None if _SLUG_RE.match(s) else f"slug '{s}' must be lowercase words joined by '-'"),
    FrontMatterField("title", str, True, "the question, as the page title (no `\"`, `<` or `>`)", '"{title}"', check=_no_html_quotes),
    FrontMatterField("nav_title", str, False, "a shorter label for the navigation", default="", check=_no_html_quotes),
    FrontMatterField("section", str, True, "one of " + ", ".join(f"`{s}`" for s in SECTIONS), "General", check=_one_of(SECTIONS)),
    FrontMatterField("difficulty", str, True, "one of " + ", ".join(f"`{d}`" for d in DIFFICULTIES), "basic", check=_one_of(DIFFICULTIES)),
    FrontMatterField("tags", list, True, "topics, shown on the page", "[todo]"),
    FrontMatterField("keywords", list, False, "extra words search should find the page by (synonyms, acronyms)", default=[]),
    FrontMatterField("short_answer", str, True, f"2–4 sentences, at most {SHORT_ANSWER_WORDS} words (30 seconds aloud); also the page's "
                     "meta description, the cheat sheet and the quiz", "Two to four sentences a candidate could say aloud.", check=_short_enough),
    FrontMatterField("related", list, False, "numbers of related questions", "[]", default=[],
                     check=lambda v: None if all(isinstance(n, int) and not isinstance(n, bool) for n in v)
                     else "field 'related' must be a list of question numbers"),
    FrontMatterField("apis", list, True, "pairs `{concept, topic, tensorflow, pytorch}` of equivalent APIs, named as their documentation "
                     "names them; `topic` is one of the API map's groups; the build checks each is used by that framework's programs",
                     "\n  - concept: Printing\n    topic: Tensors\n    tensorflow: tf.constant\n    pytorch: torch.tensor"),
    FrontMatterField("timeout", int, False, f"seconds a program may run (default {DEFAULT_TIMEOUT})", default=DEFAULT_TIMEOUT,
                     check=lambda t: None if t > 0 else "field 'timeout' must be a positive number of seconds"),
    FrontMatterField("old_slugs", list, False, "slugs this page was published under before; each keeps redirecting to the current one",
                     default=[]),
)  # fmt: skip
KNOWN_FIELDS = {f.name for f in FIELDS}
_STRING_LISTS = {"tags", "keywords", "old_slugs"}


def front_matter_template(**values: str) -> str:
    """The front matter of a new question: every required field (and `related`) with its example."""
    lines = ["---"]
    for f in FIELDS:
        if f.required or f.example:
            example = f.example.format(**values)
            lines.append(f"{f.name}:{'' if example.startswith(chr(10)) else ' '}{example}")
    return "\n".join(lines + ["---"]) + "\n"


def fields_table() -> str:
    """The contributing guide's table of front-matter fields (a test holds the guide to it)."""
    rows = ["| Field | Required | Meaning |", "|-------|----------|---------|"]
    rows += [f"| `{f.name}` | {'yes' if f.required else 'no'} | {f.help} |" for f in FIELDS]
    return "\n".join(rows)


def _parse_directives(path: Path, body: str, body_line: int) -> tuple[list[CodeBlock], list[tuple[int, str]]]:
    blocks: list[CodeBlock] = []
    figures: list[tuple[int, str]] = []
    fence: str | None = None
    for offset, text in enumerate(body.splitlines()):
        lineno = body_line + offset
        m = _FENCE_RE.match(text)
        if m:
            mark = m.group(1)
            if fence is None:
                fence = mark
            elif mark[0] == fence[0] and len(mark) >= len(fence):
                fence = None
            continue
        if fence is not None:
            continue
        if m := _CODE_RE.match(text):
            items = []
            for token in (m.group(1) or "").split():
                name, _, section = token.partition(":")
                items.append((name, section or None))
            if not 1 <= len(items) <= 2:
                raise QuestionError(
                    path, lineno, "@code takes one or two programs: '@code tensorflow_x.py[:section] pytorch_x.py[:section]'"
                )
            if len(items) == 2 and not (items[0][0].startswith("tensorflow") and items[1][0].startswith("pytorch")):
                raise QuestionError(path, lineno, "@code with two programs shows TensorFlow first, then PyTorch")
            blocks.append(CodeBlock(lineno, tuple(items)))
        elif m := _FIGURE_RE.match(text):
            if not m.group(1) or not m.group(2):
                raise QuestionError(path, lineno, "@figure needs a file name and alt text: '@figure name.svg What it shows'")
            figures.append((lineno, m.group(1)))
    return blocks, figures


def _parse_apis(f: _Fields, raw_apis: list) -> list[ApiPair]:
    apis = []
    for entry in raw_apis:
        if not (isinstance(entry, dict) and isinstance(entry.get("tensorflow"), str) and isinstance(entry.get("pytorch"), str)):
            raise f.error("apis", "each entry of 'apis' needs 'tensorflow' and 'pytorch' strings (and may have 'concept' and 'topic')")
        topic = str(entry.get("topic", "")).strip()
        if topic and topic not in API_TOPICS:
            raise f.error("apis", f"unknown API topic '{topic}' (one of: {', '.join(API_TOPICS)})")
        apis.append(ApiPair(entry["tensorflow"].strip(), entry["pytorch"].strip(), str(entry.get("concept", "")).strip(), topic))
    if not apis:
        raise f.error("apis", "field 'apis' needs at least one entry")
    return apis


def load_question(folder: Path) -> Question:
    """Load and validate one question folder (everything except cross-question checks)."""
    md_path = folder / "question.md"
    if not md_path.is_file():
        if not any(folder.iterdir()):
            raise QuestionError(folder, None, "empty question folder: add question.md and its programs")
        raise QuestionError(md_path, None, "question.md is missing from this question folder")
    text = read_text(md_path)
    front, body, body_line = _split_front_matter(md_path, text)
    data, lines = _key_lines(md_path, front)
    f = _Fields(md_path, data, lines)

    for key in data:
        if key not in KNOWN_FIELDS:
            raise f.error(key, f"unknown field '{key}' (known: {', '.join(sorted(KNOWN_FIELDS))})")
    values = {}
    for spec in FIELDS:
        if spec.name in _STRING_LISTS:
            value = f.str_list(spec.name, required=spec.required)
        else:
            value = f.get(spec.name, spec.kind, required=spec.required, default=spec.default)
        problem = spec.check(value) if spec.check and value is not None else None
        if problem:
            raise f.error(spec.name, problem.replace("{key}", spec.name))
        values[spec.name] = value
    values["short_answer"] = " ".join(values["short_answer"].split())
    values["apis"] = _parse_apis(f, values["apis"])
    for old in values["old_slugs"]:
        if not _SLUG_RE.match(old) or old == values["slug"]:
            raise f.error("old_slugs", f"old slug '{old}' must be a different lowercase slug")
    question = Question(folder=folder, body=body, body_line=body_line, field_lines=lines, **values)
    _load_programs(question)
    _check_body(question)
    _check_apis(question)
    return question


def _load_programs(q: Question) -> None:
    for path in sorted(q.folder.glob("*.py")):
        m = _PROGRAM_RE.match(path.name)
        if m is None:
            raise QuestionError(
                path,
                None,
                "program names are tensorflow_<topic>.py or pytorch_<topic>.py (the prefix picks the tab and "
                "test shard; a bare tensorflow.py would shadow the tensorflow package)",
            )
        framework = m.group(1)
        source = read_text(path)
        program = Program(path=path, framework=framework, source=source, sections=parse_sections(path, source))
        if program.out_path.is_file():
            program.record, program.output = read_record(program.out_path)
        q.programs[path.name] = program


def _check_body(q: Question) -> None:
    blocks, figures = _parse_directives(q.md_path, q.body, q.body_line)
    if not blocks:
        raise QuestionError(q.md_path, q.body_line, "the explanation has no '@code tensorflow_x.py pytorch_x.py' block")
    if not any(len(b.items) == 2 for b in blocks):
        raise QuestionError(
            q.md_path, blocks[0].line, "the page needs at least one @code block with both a TensorFlow and a PyTorch program"
        )
    shown = set()
    for block in blocks:
        for name, section in block.items:
            program = q.programs.get(name)
            if program is None:
                raise QuestionError(q.md_path, block.line, f"program '{name}' not found in {q.folder}")
            if section and section not in program.sections:
                known = ", ".join(sorted(program.sections)) or "none"
                raise QuestionError(q.md_path, block.line, f"section '{section}' not found in {name} (sections: {known})")
            shown.add(name)
            program.excerpts += 1
    for name, program in q.programs.items():
        if name not in shown:
            raise QuestionError(program.path, None, "program is never shown: add it to an @code line in question.md")
    for lineno, name in figures:
        if Path(name).suffix not in FIGURE_SUFFIXES or "/" in name:
            raise QuestionError(q.md_path, lineno, f"figure '{name}' must be a plain .svg or .png file name")
    q.figure_lines = dict((name, lineno) for lineno, name in figures)
    q.quotes = []
    for offset, text in enumerate(q.body.splitlines()):
        for m in QUOTE_RE.finditer(text):
            quote = Quote(q.body_line + offset, m.group(1), m.group(2).replace('\\"', '"'), m.group(0))
            if quote.program not in q.programs:
                raise QuestionError(q.md_path, quote.line, f"{{{{out}}}} names '{quote.program}', which is not a program in {q.folder}")
            try:
                re.compile(quote.pattern)
            except re.error as exc:
                raise QuestionError(q.md_path, quote.line, f"{{{{out}}}} pattern is not a valid regular expression: {exc}") from None
            q.quotes.append(quote)
        if "{{out" in QUOTE_RE.sub("", text):
            raise QuestionError(q.md_path, q.body_line + offset, '{{out ...}} must be {{out program.py "regex"}}')
    found = {m.group(1).strip() for m in re.finditer(r"^##\s+(.+?)\s*(?:\{[^}]*\})?\s*$", q.body, re.M)}
    for heading in REQUIRED_HEADINGS:
        if heading not in found:
            raise QuestionError(q.md_path, q.body_line, f"the explanation lacks a '## {heading}' heading")


def api_used(api: str, source: str) -> bool:
    """True when a program uses `api`: spelled as it is (`nn.Linear`), or, for a documentation
    name (`tf.data.Dataset.batch`, `keras.layers.Layer.add_weight`), called or named by its last
    part as a whole word (`dataset.batch(4)`, `self.add_weight(`)."""
    if api in source:
        return True
    name = api.rstrip("()").rsplit(".", 1)[-1]
    return "." in api and bool(name) and re.search(rf"(?<![\w]){re.escape(name)}(?![\w])", source) is not None


def _check_apis(q: Question) -> None:
    for index, pair in enumerate(q.apis):
        for framework in FRAMEWORKS:
            line = q.field_lines.get(f"apis.{index}.{framework}", q.line_of("apis"))
            api = getattr(pair, framework)
            sources = [p.source for p in q.programs.values() if p.framework == framework]
            if not any(api_used(api, s) for s in sources):
                raise QuestionError(
                    q.md_path, line, f"API '{api}' is listed for {FRAMEWORK_LABELS[framework]} but no {framework}_*.py program uses it"
                )


def quote_value(q: Question, quote: Quote) -> str:
    """The text an `{{out}}` directive stands for: its pattern's first group (or whole match),
    searched in the recorded output (`^` and `$` match at each line; `\\n` spans lines).

    Raises:
        QuestionError: at the directive's line when the pattern matches no line of the recorded
            output, or lines that give different values (make the pattern specific).
    """
    program = q.programs[quote.program]
    regex = re.compile(quote.pattern, re.M)
    values = [m.group(1) if regex.groups else m.group(0) for m in regex.finditer(program.output or "")]
    if not values:
        raise QuestionError(q.md_path, quote.line, f"{quote.directive} matches nothing in {program.out_path.name}")
    if len(set(values)) > 1:
        raise QuestionError(
            q.md_path,
            quote.line,
            f"{quote.directive} matches {len(values)} places in {program.out_path.name} with different values {values}",
        )
    return values[0]


def expand_quotes(q: Question, text: str) -> str:
    """`text` with every `{{out}}` directive replaced by the recorded value it names."""
    by_directive = {quote.directive: quote for quote in q.quotes}
    return QUOTE_RE.sub(lambda m: quote_value(q, by_directive[m.group(0)]), text)


def check_records(q: Question) -> None:
    """Fail when a program has no recorded output, or one recorded from other code, when the
    page shows a figure that no recorded program drew, or quotes a value no output has."""
    for quote in q.quotes:
        quote_value(q, quote)
    for name, lineno in q.figure_lines.items():
        if not any(p.record and name in p.record.figures for p in q.programs.values()):
            raise QuestionError(q.md_path, lineno, f"figure '{name}' was not drawn by any recorded program: run `make outputs`")
    for program in q.programs.values():
        if program.record is None:
            raise QuestionError(program.path, None, "no recorded output: run `make outputs`")
        if program.record.sha256 != program.sha256:
            raise QuestionError(
                program.out_path, 1, f"recorded from other code: {program.name} changed since its output was recorded; run `make outputs`"
            )
        lines = (program.output or "").splitlines()
        if program.excerpts > 1 and lines and len(program.record.line_origins()) != len(lines):
            raise QuestionError(
                program.out_path,
                1,
                f"the page shows {program.name} in {program.excerpts} excerpts, but its recording does not say which statement "
                "printed each line (output written where the runner cannot place it, such as a child process that outlives "
                "the program): print from the program itself, or run `make outputs` to record the origins",
            )
        for name, digest in program.record.figures.items():
            fig = q.figures_dir / name
            if not fig.is_file():
                raise QuestionError(program.out_path, 1, f"figure '{name}' is missing from {q.figures_dir}: run `make outputs`")
            if file_hash(fig) != digest:
                raise QuestionError(fig, None, "figure differs from the one recorded: run `make outputs`")


def load_all(snippets_dir: Path, *, require_records: bool = True, draft: bool = False) -> list[Question]:
    """Load every question folder, check cross-question rules, return them sorted by number.

    `draft=True` (the `QA_DRAFT=1` environment variable in the CLI and the hook) lets `related`
    name questions that are not written yet, so a page can be previewed while others are drafted.
    """
    if not snippets_dir.is_dir():
        raise QuestionError(snippets_dir, None, "snippets folder not found")
    questions: list[Question] = []
    for folder in sorted(p for p in snippets_dir.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))):
        q = load_question(folder)
        if require_records:
            check_records(q)
        questions.append(q)
    by_number: dict[int, Question] = {}
    by_slug: dict[str, Question] = {}
    for q in questions:
        if q.number in by_number:
            raise QuestionError(q.md_path, q.line_of("number"), f"duplicate number {q.number}: also used by {by_number[q.number].md_path}")
        if q.slug in by_slug:
            raise QuestionError(q.md_path, q.line_of("slug"), f"duplicate slug '{q.slug}': also used by {by_slug[q.slug].md_path}")
        by_number[q.number] = q
        by_slug[q.slug] = q
    for q in questions:
        for old in q.old_slugs:
            if old in by_slug:
                raise QuestionError(q.md_path, q.line_of("old_slugs"), f"old slug '{old}' is the current slug of {by_slug[old].md_path}")
    for q in questions:
        for n in q.related:
            if n not in by_number and not draft:
                raise QuestionError(q.md_path, q.line_of("related"), f"related question {n} does not exist")
            if n == q.number:
                raise QuestionError(q.md_path, q.line_of("related"), "a question cannot be related to itself")
    return sorted(questions, key=lambda q: q.number)
