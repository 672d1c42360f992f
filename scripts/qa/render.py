"""The renderer: questions -> page Markdown, section pages, navigation and `questions.json`.

It knows the question model and nothing else: pages show the recorded outputs, so rendering
never needs TensorFlow or PyTorch. Code is included with pymdownx.snippets sections, so what a
page shows is exactly the file the runner executed.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from .compare import program_tolerances as tolerances_of
from .model import API_TOPICS, FRAMEWORK_LABELS, SECTIONS, Question, expand_quotes

SECTION_SLUGS = {s: s.lower() for s in SECTIONS}
SECTION_TITLES = {
    "General": "General questions",
    "TensorFlow": "TensorFlow questions",
    "PyTorch": "PyTorch questions",
    "Advanced": "Advanced topics",
    "Building": "Building and training models",
    "Production": "Debugging, scale and production",
}
SECTION_INTROS = {
    "General": "Concepts that apply to both frameworks: tensors, automatic differentiation, "
    "computational graphs, execution models and training practice.",
    "TensorFlow": "TensorFlow's own tools, each answered beside PyTorch's nearest equivalent.",
    "PyTorch": "PyTorch's own tools, each answered beside TensorFlow's nearest equivalent.",
    "Advanced": "Fine-tuning, generative models, Transformers and getting models ready for deployment.",
    "Building": "What interviews ask next: custom layers, losses, initialisation, normalisation, optimisers, "
    "shapes, custom gradients, callbacks, Keras 3 across backends and recurrent networks.",
    "Production": "Debugging NaNs, reproducibility, profiling, memory, devices, hooks, efficient attention, "
    "parameter-efficient fine-tuning, model parallelism and serving.",
}
QUESTION_LIST_MARKER = "<!-- qa:question-list -->"
_CODE_LINE = re.compile(r"^@code\s")
_FIGURE_LINE = re.compile(r"^@figure\s+(\S+)\s+(.*)$")
_FENCE_RE = re.compile(r"^\s*(`{3,}|~{3,})")


def section_uri(section: str) -> str:
    """Docs-tree path of a section page."""
    return f"sections/{SECTION_SLUGS[section]}/index.md"


def nav_label(q: Question) -> str:
    """The numbered label a question has in the navigation."""
    return f"{q.number}. {q.nav_title or q.title}"


def _fence(text: str, char: str = "`") -> str:
    longest = max((len(m) for m in re.findall(f"{re.escape(char)}+", text)), default=0)
    return char * max(3, longest + 1)


def _indent(text: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line if line.strip() else "" for line in text.splitlines())


def verified_line(questions: list[Question]) -> str:
    """'Verified with TensorFlow X and PyTorch Y on DATE', read from the recordings."""
    versions: dict[str, set[str]] = {"tensorflow": set(), "torch": set()}
    dates: set[str] = set()
    for q in questions:
        for p in q.programs.values():
            if p.record:
                dates.add(p.record.recorded)
                for key in versions:
                    if key in p.record.versions:
                        versions[key].add(p.record.versions[key])
    if not dates:
        return ""
    tf = ", ".join(sorted(versions["tensorflow"])) or "?"
    pt = ", ".join(sorted(versions["torch"])) or "?"
    machines = sorted({machine_label(p.record.machine) for q in questions for p in q.programs.values() if p.record and p.record.machine})
    where = f" ({'; '.join(machines)})" if machines else ""
    return f"Verified with TensorFlow {tf} and PyTorch {pt}; outputs recorded on {max(dates)}{where}."


def machine_label(machine: dict) -> str:
    """'x86-64, AVX-512, 1 thread': the recording machine as a reader needs it."""
    if not machine:
        return ""
    arch = {"x86_64": "x86-64", "AMD64": "x86-64", "aarch64": "Arm64", "arm64": "Arm64"}.get(
        machine.get("arch", ""), machine.get("arch", "?")
    )
    threads = machine.get("threads", 1)
    return f"{arch}, {machine.get('isa', '?')}, {threads} thread{'s' if threads != 1 else ''}"


class PageRenderer:
    """Renders one question's page. `root` is the folder that holds `snippets/`."""

    def __init__(self, question: Question, by_number: dict[int, Question], root: Path):
        self.q = question
        self.by_number = by_number
        self.folder = question.folder.resolve().relative_to(root.resolve()).as_posix()
        self.last_use: dict[str, int] = {}
        self.partial: set[str] = set()
        self.shown: dict[str, list[str]] = {}

    def render(self) -> str:
        q = self.q
        body = self._expand(expand_quotes(q, q.body))
        parts = [
            "---",
            f"title: {json.dumps(f'{q.number}. {q.title}')}",
            # Material prints the description into <meta content="..."> unescaped: escape it here.
            f"description: {json.dumps(html.escape(q.short_answer))}",
            f"qa_number: {q.number}",
            f"tags: {json.dumps(q.tags)}",
            "search:",
            "  boost: 2",
            "---",
            "",
            f"# {q.title}",
            "",
            f'<p class="qa-meta" markdown>Question {q.number} · [{q.section}](../{section_uri(q.section)}) · '
            f"{q.difficulty} · [short link](../q/{q.number}/index.html) · {verified_line([q])}</p>",
            "",
            '!!! abstract "Short answer"',
            "",
            _indent(q.short_answer),
            "",
            body.strip(),
            "",
        ]
        if q.related:
            parts += ["## Related questions", ""]
            for n in q.related:
                r = self.by_number.get(n)
                if r is None:  # only in draft mode
                    parts.append(f"- Question {n} (not written yet)")
                    continue
                parts.append(f"- [{nav_label(r)}]({r.slug}.md)")
            parts.append("")
        return "\n".join(parts)

    def _expand(self, body: str) -> str:
        lines = body.splitlines()
        directives = []
        fence = None
        for i, text in enumerate(lines):
            m = _FENCE_RE.match(text)
            if m:
                mark = m.group(1)
                if fence is None:
                    fence = mark
                elif mark[0] == fence[0] and len(mark) >= len(fence):
                    fence = None
                continue
            if fence is None and (_CODE_LINE.match(text) or _FIGURE_LINE.match(text)):
                directives.append(i)
                if _CODE_LINE.match(text):
                    for token in text.split()[1:]:
                        name, _, section = token.partition(":")
                        if section or name in self.last_use:
                            self.partial.add(name)
                        self.last_use[name] = i
                        self.shown.setdefault(name, []).append(section)
        out = list(lines)
        for i in reversed(directives):
            text = lines[i]
            out[i] = self._code(i, text.split()[1:]) if _CODE_LINE.match(text) else self._figure(*_FIGURE_LINE.match(text).groups())
        return "\n".join(out)

    def _line_range(self, name: str, section: str) -> tuple[int, int]:
        if section:
            return self.q.programs[name].sections[section]
        return (0, 10**9)

    def _output_box(self, name: str, lines: list[str], title: str, tolerances: list = ()) -> list[str]:
        text = "\n".join(lines).rstrip() or "(this program prints nothing)"
        fence = _fence(text)
        parts = ["", f'{fence}text title="{title}"', text, fence]
        notes = []
        if any("[sample]" in line for line in lines):
            notes.append("Lines marked <code>[sample]</code> are measurements from a sample run; they differ from run to run.")
        declared = sorted({str(t) for t in tolerances if t is not None})
        if declared:
            record = self.q.programs[name].record
            where = f"Recorded on {machine_label(record.machine)}. " if record and record.machine else ""
            widths = " or ".join(f"<code># {d}</code>" for d in declared)
            notes.append(
                f"{where}Training results vary slightly by CPU: on yours, values whose code says {widths} may differ by that much."
            )
        for note in notes:
            parts += ["", f'<p class="qa-note">{note}</p>']
        return parts

    def _program_block(self, index: int, token: str) -> str:
        """Code of one program (or one section of it) with the output that code printed.

        When the recording knows which source line printed each output line, an excerpt shows
        only its own output; otherwise the whole output follows the program's last excerpt.
        """
        name, _, section = token.partition(":")
        program = self.q.programs[name]
        ref = f"{self.folder}/{name}"
        title = f"{name} (excerpt)" if section else name
        parts = [
            f'```python title="{title}"',
            f'--8<-- "{ref}:{section}"' if section else f'--8<-- "{ref}"',
            "```",
        ]
        lines = (program.output or "").splitlines()
        origins = program.record.line_origins() if program.record else []
        tolerances = tolerances_of(program)
        tolerances += [None] * (len(lines) - len(tolerances))
        last = self.last_use.get(name) == index
        if len(origins) == len(lines) and origins:
            low, high = self._line_range(name, section)
            mine = [i for i, line in enumerate(origins) if line is not None and low <= line <= high]
            if mine:
                title = f"Output of {name}" if not section else "Output of this excerpt"
                parts += self._output_box(name, [lines[i] for i in mine], title, [tolerances[i] for i in mine])
            if last:
                covered = [self._line_range(name, sec) for sec in self.shown[name]]
                rest = [i for i, line in enumerate(origins) if line is None or not any(a <= line <= b for a, b in covered)]
                if rest:
                    parts += self._output_box(name, [lines[i] for i in rest], f"Other output of {name}", [tolerances[i] for i in rest])
        elif last:
            parts += self._output_box(name, lines, f"Output of {name}", tolerances)
        if last and name in self.partial:
            parts += [
                "",
                f'??? example "The complete program: {name}"',
                "",
                "    ```python",
                f'    --8<-- "{ref}"',
                "    ```",
            ]
        return "\n".join(parts)

    def _code(self, index: int, tokens: list[str]) -> str:
        if len(tokens) == 1:
            return self._program_block(index, tokens[0])
        parts = []
        for token in tokens:
            framework = "tensorflow" if token.startswith("tensorflow") else "pytorch"
            parts += [f'=== "{FRAMEWORK_LABELS[framework]}"', "", _indent(self._program_block(index, token)), ""]
        return "\n".join(parts)

    def _figure(self, name: str, alt: str) -> str:
        return "\n".join(
            [
                '<figure markdown="span">',
                f"  ![{alt}]({self.q.slug}/{name}){{ loading=lazy }}",
                f"  <figcaption>{alt}</figcaption>",
                "</figure>",
            ]
        )


def render_question(question: Question, by_number: dict[int, Question], root: Path) -> str:
    """Render one answer page as Markdown (front matter, short answer, body, related questions)."""
    return PageRenderer(question, by_number, root).render()


def _question_rows(questions: list[Question], prefix: str) -> list[str]:
    rows = ["| # | Question | Difficulty |", "|--:|----------|------------|"]
    for q in questions:
        rows.append(f"| {q.number} | [{q.title}]({prefix}{q.slug}.md) | {q.difficulty} |")
    return rows


def render_section(section: str, questions: list[Question]) -> str:
    """Render a section page: its introduction and its questions with their short answers."""
    mine = [q for q in questions if q.section == section]
    parts = [
        "---",
        f"title: {json.dumps(SECTION_TITLES[section])}",
        f"description: {json.dumps(SECTION_INTROS[section])}",
        "search:",
        "  boost: 0.5",
        "---",
        "",
        f"# {SECTION_TITLES[section]}",
        "",
        SECTION_INTROS[section],
        "",
    ]
    for q in mine:
        parts += [
            f"## {q.number}. {q.title}",
            "",
            q.short_answer,
            "",
            f"[Read the answer →](../../questions/{q.slug}.md) · {q.difficulty}",
            "",
        ]
    if not mine:
        parts.append("No questions in this section yet.")
    return "\n".join(parts) + "\n"


def render_question_list(questions: list[Question], prefix: str = "questions/") -> str:
    """The home page's list: every section with its numbered questions and difficulty."""
    parts = []
    for section in SECTIONS:
        mine = [q for q in questions if q.section == section]
        if not mine:
            continue
        parts += [f"### [{SECTION_TITLES[section]}]({section_uri(section)})", ""]
        parts += _question_rows(mine, prefix)
        parts.append("")
    return "\n".join(parts)


def questions_json(questions: list[Question]) -> str:
    """`questions.json`: one entry per question, for tools and the quiz."""
    entries = [
        {
            "number": q.number,
            "title": q.title,
            "slug": q.slug,
            "url": q.url,
            "section": q.section,
            "difficulty": q.difficulty,
            "tags": q.tags,
            "short_answer": q.short_answer,
        }
        for q in questions
    ]
    return json.dumps(entries, indent=2, ensure_ascii=False) + "\n"


def navigation(questions: list[Question], head: list, tail: list) -> list:
    """The MkDocs `nav`: hand-written pages around one entry per section, numbered questions inside."""
    nav = list(head)
    for section in SECTIONS:
        mine = [q for q in questions if q.section == section]
        entries: list = [section_uri(section)]
        entries += [{nav_label(q): q.doc_uri} for q in mine]
        nav.append({SECTION_TITLES[section]: entries})
    return nav + list(tail)


def generate(questions: list[Question], root: Path) -> dict[str, str | bytes]:
    """Every generated file, keyed by its path in the docs tree."""
    by_number = {q.number: q for q in questions}
    files: dict[str, str | bytes] = {}
    for q in questions:
        files[q.doc_uri] = render_question(q, by_number, root)
        if q.figures_dir.is_dir():
            for fig in sorted(q.figures_dir.iterdir()):
                files[f"questions/{q.slug}/{fig.name}"] = fig.read_bytes()
    for section in SECTIONS:
        files[section_uri(section)] = render_section(section, questions)
    files["questions.json"] = questions_json(questions)
    files["cheatsheet.md"] = render_cheatsheet(questions)
    files["api-map.md"] = render_api_map(questions)
    for q in questions:
        files[f"q/{q.number}/index.html"] = redirect_page(q, "../../")
        for old in q.old_slugs:
            files[f"questions/{old}/index.html"] = redirect_page(q, "../../")
    return files


def render_cheatsheet(questions: list[Question]) -> str:
    """`/cheatsheet/`: every question's short answer on one printable page, numbered and linked."""
    parts = [
        "---",
        'title: "Cheat sheet: every short answer"',
        "description: Every question's short answer on one printable page, for revision before an interview.",
        "search:",
        "  exclude: true",
        "---",
        "",
        "# Cheat sheet",
        "",
        "Every short answer on one page. Print it (navigation and search are left out of the",
        "printout), or read it aloud as revision. Each title links to the full answer.",
        "",
    ]
    for section in SECTIONS:
        mine = [q for q in questions if q.section == section]
        if not mine:
            continue
        parts += [f"## {SECTION_TITLES[section]}", ""]
        for q in mine:
            parts += [
                '<div class="qa-cheat" markdown>',
                "",
                f"### {q.number}. [{q.title}](questions/{q.slug}.md) {{ #q{q.number} }}",
                "",
                q.short_answer,
                "",
                "</div>",
                "",
            ]
    return "\n".join(parts)


def api_rows(questions: list[Question]) -> list[tuple[str, str, str, str, list[Question]]]:
    """Rows of the API map: (topic, concept, TensorFlow API, PyTorch API, questions using the
    pair), one row per pair however many questions list it, in topic order, then by concept."""
    rows: dict[tuple[str, str], dict] = {}
    for q in questions:
        for pair in q.apis:
            row = rows.setdefault((pair.tensorflow, pair.pytorch), {"concept": pair.concept, "topic": pair.topic, "questions": []})
            row["concept"] = row["concept"] or pair.concept
            row["topic"] = row["topic"] or pair.topic
            if q not in row["questions"]:
                row["questions"].append(q)
    order = {topic: i for i, topic in enumerate(API_TOPICS)}
    ordered = sorted(rows.items(), key=lambda item: (order.get(item[1]["topic"], len(order)), item[1]["concept"].lower(), item[0]))
    return [(data["topic"] or "Other", data["concept"], tf, pt, data["questions"]) for (tf, pt), data in ordered]


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def render_api_map(questions: list[Question]) -> str:
    """`/api-map/`: equivalent TensorFlow and PyTorch APIs grouped by topic, each linked to the
    questions whose programs use it, with a filter box (qa.js) that needs no network."""
    rows = api_rows(questions)
    topics = list(dict.fromkeys(topic for topic, *_ in rows))
    parts = [
        "---",
        'title: "TF ⇄ PyTorch API map"',
        "description: Equivalent TensorFlow and PyTorch APIs side by side, grouped by topic, each linked to the answers whose programs use them.",
        "---",
        "",
        "# TF ⇄ PyTorch API map",
        "",
        f"{len(rows)} pairs of TensorFlow and PyTorch APIs that do the same job, grouped by topic. Each",
        "links to the answers whose programs use it; the build checks that they do.",
        "",
        '<div class="qa-api-filter" markdown>',
        '<label for="qa-api-filter">Filter</label>',
        '<input id="qa-api-filter" type="search" placeholder="GradientTape, DataLoader, int8 ..." autocomplete="off">',
        '<span id="qa-api-filter-count" aria-live="polite"></span>',
        "</div>",
        "",
        "Topics: " + " · ".join(f"[{topic}](#{_anchor(topic)})" for topic in topics),
        "",
    ]
    for topic in topics:
        parts += [f"## {topic}", "", "| What it does | TensorFlow | PyTorch | Used in |", "|---|---|---|---|"]
        for row_topic, concept, tf, pt, users in rows:
            if row_topic != topic:
                continue
            links = ", ".join(f"[{q.number}](questions/{q.slug}.md)" for q in users)
            parts.append(f"| {_cell(concept)} | `{_cell(tf)}` | `{_cell(pt)}` | {links} |")
        parts.append("")
    return "\n".join(parts)


def _anchor(title: str) -> str:
    """The id MkDocs' toc extension gives a heading (lowercase, punctuation dropped, dashes)."""
    return re.sub(r"[-\s]+", "-", re.sub(r"[^\w\s-]", "", title).strip().lower())


def redirect_page(q: Question, to_root: str) -> str:
    """A tiny page that forwards to question N's answer (no script needed): short links `/q/N/`
    and the old URLs of a question whose slug changed (`old_slugs`)."""
    target = f"{to_root}questions/{q.slug}/"
    title = html.escape(q.title)
    return (
        "<!doctype html>\n"
        '<html lang="en"><head><meta charset="utf-8">\n'
        f"<title>{q.number}. {title}</title>\n"
        f'<meta http-equiv="refresh" content="0; url={target}">\n'
        f'<link rel="canonical" href="{target}">\n'
        '<meta name="robots" content="noindex">\n'
        f'</head><body><p>Question {q.number}: <a href="{target}">{title}</a></p></body></html>\n'
    )
