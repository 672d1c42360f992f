"""Bad input gets one clear `path:line: what is wrong` line, exit status 1, and loses nothing."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import ROOT, TINY_QUESTION, write_question

from scripts.qa import model, render


def _error(snippets: Path) -> str:
    with pytest.raises(model.QuestionError) as info:
        model.load_all(snippets)
    return str(info.value)


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1))


def test_valid_folder_loads(tiny, snippets):
    (q,) = model.load_all(snippets)
    assert (q.number, q.slug, q.section, q.difficulty) == (1, "tiny", "General", "basic")
    assert set(q.programs) == {"tensorflow_demo.py", "pytorch_demo.py"}
    assert q.programs["tensorflow_demo.py"].sections == {"main": (2, 4)}


def test_malformed_front_matter_names_the_line(tiny, snippets):
    _edit(tiny / "question.md", "tags: [todo]", "tags: [todo")
    assert _error(snippets).startswith(f"{tiny / 'question.md'}:8: malformed front matter")


def test_front_matter_missing_entirely(tiny, snippets):
    (tiny / "question.md").write_text("# Just a heading\n")
    assert _error(snippets).endswith("question.md:1: front matter missing: the file must start with a '---' line")


def test_missing_required_field(tiny, snippets):
    _edit(tiny / "question.md", "difficulty: basic\n", "")
    assert _error(snippets).endswith("question.md:2: missing required field 'difficulty'")


def test_a_short_answer_too_long_to_say_in_30_seconds(tiny, snippets):
    _edit(tiny / "question.md", "short_answer: Two to four sentences a candidate could say aloud.", "short_answer: " + "word " * 81)
    assert _error(snippets).endswith("question.md:8: short_answer has 81 words; at most 80, about 30 seconds said aloud")
    _edit(tiny / "question.md", "short_answer: " + "word " * 81, "short_answer: " + "word " * 80)
    model.load_all(snippets)


def test_unknown_section_names_its_line(tiny, snippets):
    _edit(tiny / "question.md", "section: General", "section: Genral")
    assert _error(snippets).endswith(
        "question.md:5: unknown section 'Genral' (one of: General, TensorFlow, PyTorch, Advanced, Building, Production)"
    )


def test_duplicate_number(tiny, snippets):
    other = write_question(snippets, 2, "other")
    _edit(other / "question.md", "number: 2", "number: 1")
    message = _error(snippets)
    assert message.startswith(f"{other / 'question.md'}:2: duplicate number 1: also used by")
    assert "01-tiny" in message


def test_duplicate_slug(tiny, snippets):
    other = write_question(snippets, 2, "other")
    _edit(other / "question.md", "slug: other", "slug: tiny")
    assert _error(snippets).startswith(f"{other / 'question.md'}:3: duplicate slug 'tiny': also used by")


def test_program_file_missing(tiny, snippets):
    (tiny / "pytorch_demo.py").unlink()
    (tiny / "pytorch_demo.out").unlink()
    assert _error(snippets).endswith("question.md:19: program 'pytorch_demo.py' not found in " + str(tiny))


def test_section_marker_missing_from_program(tiny, snippets):
    _edit(tiny / "tensorflow_demo.py", "[start:main]", "[start:other]")
    _edit(tiny / "tensorflow_demo.py", "[end:main]", "[end:other]")
    assert _error(snippets).endswith("question.md:19: section 'main' not found in tensorflow_demo.py (sections: other)")


def test_section_that_never_ends(tiny, snippets):
    _edit(tiny / "tensorflow_demo.py", "# --8<-- [end:main]\n", "")
    assert _error(snippets).endswith("tensorflow_demo.py:2: section 'main' starts but never ends")


def test_recorded_output_missing(tiny, snippets):
    (tiny / "pytorch_demo.out").unlink()
    assert _error(snippets).endswith("pytorch_demo.py: no recorded output: run `make outputs`")


def test_recorded_output_from_other_code(tiny, snippets):
    with open(tiny / "pytorch_demo.py", "a") as f:
        f.write('print("x")\n')
    assert _error(snippets).endswith(
        "pytorch_demo.out:1: recorded from other code: pytorch_demo.py changed since its output was recorded; run `make outputs`"
    )


def test_file_that_is_not_utf8(tiny, snippets):
    (tiny / "question.md").write_bytes((tiny / "question.md").read_bytes().replace(b"Some explanation.", b"Some expl\xe9nation."))
    assert _error(snippets).endswith("question.md:17: not valid UTF-8 (byte 0xe9)")


def test_program_that_is_not_utf8(tiny, snippets):
    (tiny / "pytorch_demo.py").write_bytes(b"# ok\nprint('\xff')\n")
    assert _error(snippets).endswith("pytorch_demo.py:2: not valid UTF-8 (byte 0xff)")


def test_empty_question_folder(snippets):
    (snippets / "07-empty").mkdir()
    assert _error(snippets).endswith("07-empty: empty question folder: add question.md and its programs")


def test_bare_framework_file_name_is_refused(tiny, snippets):
    (tiny / "tensorflow.py").write_text("print(1)\n")
    assert "a bare tensorflow.py would shadow the tensorflow package" in _error(snippets)


def test_api_not_used_by_program(tiny, snippets):
    _edit(tiny / "question.md", "tensorflow: tf.constant", "tensorflow: tf.Variable")
    assert _error(snippets).endswith("question.md:13: API 'tf.Variable' is listed for TensorFlow but no tensorflow_*.py program uses it")


def test_related_question_must_exist(tiny, snippets):
    _edit(tiny / "question.md", "related: []", "related: [9]")
    assert _error(snippets).endswith("question.md:9: related question 9 does not exist")
    assert model.load_all(snippets, draft=True)


def test_required_heading(tiny, snippets):
    _edit(tiny / "question.md", "## Pitfalls", "## Traps")
    assert _error(snippets).endswith("question.md:16: the explanation lacks a '## Pitfalls' heading")


def test_unshown_program(tiny, snippets):
    (tiny / "pytorch_extra.py").write_text("print(1)\n")
    assert _error(snippets).endswith("pytorch_extra.py: program is never shown: add it to an @code line in question.md")


# ---------------------------------------------------------------- rendering


def test_page_has_short_answer_tabs_in_order_and_output(tiny, snippets):
    questions = model.load_all(snippets)
    files = render.generate(questions, snippets.parent)
    page = files["questions/tiny.md"]
    assert '!!! abstract "Short answer"' in page
    assert page.index('=== "TensorFlow"') < page.index('=== "PyTorch"')
    assert '--8<-- "snippets/01-tiny/tensorflow_demo.py:main"' in page
    assert "tf.constant says hello" in page and "torch.tensor says hello" in page
    assert "The complete program: tensorflow_demo.py" in page  # an excerpt links the whole file
    assert "The complete program: pytorch_demo.py" not in page  # shown whole already
    entries = json.loads(files["questions.json"])
    assert entries == [
        {
            "number": 1,
            "title": "Tiny question 1?",
            "slug": "tiny",
            "url": "questions/tiny/",
            "section": "General",
            "difficulty": "basic",
            "tags": ["todo"],
            "short_answer": "Two to four sentences a candidate could say aloud.",
        }
    ]


def test_navigation_is_numbered_by_section(snippets):
    write_question(snippets, 2, "second")
    write_question(snippets, 1, "first")
    nav = render.navigation(model.load_all(snippets), [], [])
    general = nav[0]["General questions"]
    assert general == [
        "sections/general/index.md",
        {"1. Tiny question 1?": "questions/first.md"},
        {"2. Tiny question 2?": "questions/second.md"},
    ]


# ---------------------------------------------------------------- the build command


def _tree_digest(path: Path) -> str:
    digest = hashlib.sha256()
    for f in sorted(p for p in path.rglob("*") if p.is_file()):
        digest.update(f.relative_to(path).as_posix().encode())
        digest.update(f.read_bytes())
    return digest.hexdigest()


def _build(snippets: Path, site: Path, update_urls: bool = True):
    """Build a tiny site; its URL manifest lives beside the snippets folder."""
    env = dict(os.environ, QA_MANIFEST=str(snippets.parent / "urls.txt"), QA_UPDATE_URLS="1" if update_urls else "0")
    return subprocess.run(
        [sys.executable, "-m", "scripts.qa", "--snippets", str(snippets), "build", "--site-dir", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
    )


def test_failed_build_keeps_the_previous_site_and_names_the_file(tiny, snippets, tmp_path):
    site = tmp_path / "site"
    first = _build(snippets, site)
    assert first.returncode == 0, first.stderr
    assert (site / "questions" / "tiny" / "index.html").is_file()
    before = _tree_digest(site)

    with open(tiny / "pytorch_demo.py", "a") as f:  # a program changed without re-recording
        f.write('print("x")\n')
    second = _build(snippets, site)
    assert second.returncode == 1
    assert "pytorch_demo.out:1: recorded from other code: pytorch_demo.py changed" in second.stderr
    assert _tree_digest(site) == before
    assert not list(tmp_path.glob(".site-*")), "the temporary build folder is cleaned up"


def test_mkdocs_failure_also_keeps_the_previous_site(tiny, snippets, tmp_path):
    site = tmp_path / "site"
    assert _build(snippets, site).returncode == 0
    before = _tree_digest(site)
    _edit(tiny / "question.md", "Some explanation.", "Some explanation, see [this](missing-page.md).")
    result = _build(snippets, site)
    assert result.returncode == 1
    assert "missing-page.md" in result.stderr
    assert _tree_digest(site) == before


def test_the_contributing_guide_documents_every_front_matter_field():
    guide = (ROOT / "docs" / "contributing.md").read_text(encoding="utf-8")
    assert model.fields_table() in guide, "docs/contributing.md: paste model.fields_table() over the field table"
    fields = {line.split(":")[0] for line in TINY_QUESTION.split("---")[1].splitlines() if line and not line.startswith(" ")}
    assert {f.name for f in model.FIELDS if f.required} <= fields <= model.KNOWN_FIELDS


def test_broken_anchor_fails_the_build(tiny, snippets, tmp_path):
    _edit(tiny / "question.md", "Some explanation.", "Some explanation, see [the pitfalls](#no-such-heading).")
    result = _build(snippets, tmp_path / "site")
    assert result.returncode == 1
    assert "no-such-heading" in result.stderr


def test_a_published_url_cannot_disappear_without_a_redirect(tiny, snippets, tmp_path):
    site = tmp_path / "site"
    assert _build(snippets, site).returncode == 0
    assert "/questions/tiny/" in (snippets.parent / "urls.txt").read_text()
    _edit(tiny / "question.md", "slug: tiny", "slug: renamed")
    lost = _build(snippets, site, update_urls=False)
    assert lost.returncode == 1
    assert "these published URLs would disappear: /questions/tiny/" in lost.stderr
    assert "old_slugs" in lost.stderr
    _edit(tiny / "question.md", "slug: renamed", "slug: renamed\nold_slugs: [tiny]")
    moved = _build(snippets, site, update_urls=False)
    assert moved.returncode == 1 and "new URLs not in the manifest: /questions/renamed/" in moved.stderr
    assert _build(snippets, site, update_urls=True).returncode == 0
    assert 'url=../../questions/renamed/"' in (site / "questions" / "tiny" / "index.html").read_text()


def test_title_with_a_straight_quote_is_refused(tiny, snippets):
    _edit(tiny / "question.md", 'title: "Tiny question 1?"', "title: 'Tiny \"question\" 1?'")
    assert "question.md:4: field 'title' must not contain" in _error(snippets)


def test_quotes_in_a_short_answer_reach_the_link_preview_whole(tiny, snippets, tmp_path):
    answer = 'Call "model.eval()" & then <no_grad>, it\'s cheaper.'
    _edit(tiny / "question.md", "Two to four sentences a candidate could say aloud.", answer)
    site = tmp_path / "site"
    result = _build(snippets, site)
    assert result.returncode == 0, result.stderr
    parser = _MetaParser()
    parser.feed((site / "questions" / "tiny" / "index.html").read_text())
    assert parser.meta["description"] == answer
    assert parser.meta["og:description"] == answer and parser.meta["twitter:description"] == answer


class _MetaParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and "content" in a:
            self.meta[a.get("name") or a.get("property") or ""] = a["content"]


def test_two_clean_builds_of_the_real_site_are_byte_identical(built_site, tmp_path):
    again = tmp_path / "again"
    result = subprocess.run(
        [sys.executable, "-m", "scripts.qa", "build", "--site-dir", str(again)], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    first, second = _tree(built_site), _tree(again)
    assert sorted(first) == sorted(second)
    assert [name for name in sorted(first) if first[name] != second[name]] == []


def test_the_determinism_check_sees_a_changed_byte(tiny, snippets, tmp_path):
    site = tmp_path / "site"
    assert _build(snippets, site).returncode == 0
    before = _tree(site)
    page = site / "questions" / "tiny" / "index.html"
    page.write_bytes(page.read_bytes().replace(b"</body>", b" </body>"))
    after = _tree(site)
    assert [name for name in sorted(before) if before[name] != after[name]] == ["questions/tiny/index.html"]


def _tree(path: Path) -> dict[str, str]:
    """Each file's path under `path` and the hash of its bytes."""
    return {f.relative_to(path).as_posix(): hashlib.sha256(f.read_bytes()).hexdigest() for f in sorted(path.rglob("*")) if f.is_file()}


# ---------------------------------------------------------------- numbers quoted from outputs


def test_a_quoted_number_comes_from_the_recording(tiny, snippets):
    _edit(tiny / "question.md", "Some explanation.", 'The program says {{out pytorch_demo.py "torch\\.tensor (\\w+) hello"}} here.')
    page = render.generate(model.load_all(snippets), snippets.parent)["questions/tiny.md"]
    assert "The program says says here." in page and "{{out" not in page


@pytest.mark.parametrize(
    ("directive", "message"),
    [
        (
            '{{out pytorch_demo.py "goodbye (\\w+)"}}',
            'question.md:19: {{out pytorch_demo.py "goodbye (\\w+)"}} matches nothing in pytorch_demo.out',
        ),
        ('{{out pytorch_other.py "hello"}}', "question.md:19: {{out}} names 'pytorch_other.py', which is not a program in"),
        ('{{out pytorch_demo.py "(unclosed"}}', "question.md:19: {{out}} pattern is not a valid regular expression"),
        ("{{out pytorch_demo.py hello}}", 'question.md:19: {{out ...}} must be {{out program.py "regex"}}'),
    ],
)
def test_a_quote_that_matches_nothing_fails_with_its_line(tiny, snippets, directive, message):
    _edit(tiny / "question.md", "Some explanation.", f"Some explanation.\n\nIt printed {directive}.")
    assert message in _error(snippets)


def test_a_quote_matching_lines_with_different_values_is_ambiguous(snippets):
    folder = write_question(snippets, **{"pytorch_demo.py": 'print("torch.tensor 1")\nprint("torch.tensor 2")\n'})
    _edit(folder / "question.md", "Some explanation.", 'It printed {{out pytorch_demo.py "torch\\.tensor (\\d)"}}.')
    assert "matches 2 places in pytorch_demo.out with different values ['1', '2']" in _error(snippets)


# ---------------------------------------------------------------- the API map


def test_the_api_map_groups_pairs_by_topic_and_merges_repeats(snippets):
    for number, slug in ((1, "one"), (2, "two")):
        folder = write_question(snippets, number, slug)
        _edit(folder / "question.md", "    topic: Tensors\n", "    topic: Tensors\n")
    page = render.render_api_map(model.load_all(snippets))
    assert "## Tensors" in page and "## Other" not in page
    assert page.count("| Printing | `tf.constant` | `torch.tensor` |") == 1  # one row, both questions linked
    assert "[1](questions/one.md), [2](questions/two.md)" in page
    assert '<input id="qa-api-filter"' in page


def test_an_unknown_api_topic_is_refused(tiny, snippets):
    _edit(tiny / "question.md", "    topic: Tensors\n", "    topic: Gardening\n")
    assert "unknown API topic 'Gardening' (one of: Tensors, Autograd," in _error(snippets)


@pytest.mark.parametrize(
    ("api", "source", "used"),
    [
        ("nn.Linear", "layer = nn.Linear(2, 3)", True),
        ("tf.data.Dataset.batch", "ds = ds.batch(4)", True),  # a documentation name, called by its last part
        ("keras.layers.Layer.add_weight", "self.w = self.add_weight(shape=(2,))", True),
        ("tf.data.Dataset.batch", "ds = ds.batched(4)", False),  # a whole word only
        ("tf.data.Dataset.prefetch", "ds = ds.batch(4)", False),
        ("batch_size=4", "DataLoader(ds, batch_size=8)", False),  # not dotted: spelled as it is
    ],
)
def test_an_api_counts_as_used_by_its_documentation_name(api, source, used):
    assert model.api_used(api, source) is used
