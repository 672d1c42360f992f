"""MkDocs hooks: generate the question pages on every build, so no page can be stale.

`mkdocs build` and `mkdocs serve` call these functions. The pages are handed to MkDocs as
virtual files (`File.generated`), so nothing is written into `docs/` and `mkdocs serve` does not
loop; `watch:` in mkdocs.yml makes an edit under `snippets/` or `scripts/` rebuild the site.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts.qa import model, render  # noqa: E402

_state: dict = {}

HEAD_NAV = [{"Home": "index.md"}]
TAIL_NAV = [{"Contributing": ["contributing.md", {"Build reference": "reference.md"}]}]


def on_config(config):
    """Load and validate every question; set the numbered navigation."""
    try:
        snippets = Path(os.environ.get("QA_SNIPPETS", ROOT / "snippets"))
        questions = model.load_all(snippets, draft=os.environ.get("QA_DRAFT") == "1")
    except model.QuestionError as exc:
        raise PluginError(str(exc)) from None
    _state["questions"] = questions
    _state["root"] = snippets.parent
    config["nav"] = render.navigation(questions, HEAD_NAV, TAIL_NAV)
    snippet_ext = config["mdx_configs"].setdefault("pymdownx.snippets", {})
    snippet_ext["base_path"] = [str(_state["root"])]
    return config


def on_files(files: Files, config) -> Files:
    """Add the generated pages, figures and questions.json as virtual files."""
    for uri, content in render.generate(_state["questions"], _state["root"]).items():
        files.append(File.generated(config, uri, content=content))
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    """Fill the home page's question list."""
    if render.QUESTION_LIST_MARKER in markdown:
        questions = _state["questions"]
        listing = render.render_question_list(questions)
        markdown = markdown.replace(render.QUESTION_LIST_MARKER, listing)
        markdown = markdown.replace("<!-- qa:verified -->", render.verified_line(questions))
    return markdown
