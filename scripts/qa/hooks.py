"""MkDocs hooks: generate the question pages on every build, so no page can be stale.

`mkdocs build` and `mkdocs serve` call these functions. The pages are handed to MkDocs as
virtual files (`File.generated`), so nothing is written into `docs/` and `mkdocs serve` does not
loop; `watch:` in mkdocs.yml makes an edit under `snippets/` or `scripts/` rebuild the site.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts.qa import assets, model, render  # noqa: E402

_state: dict = {}

HEAD_NAV = [{"Home": "index.md"}]
TAIL_NAV = [
    {"Revise": [{"Cheat sheet": "cheatsheet.md"}, {"Quiz": "quiz.md"}, {"API map": "api-map.md"}, {"Tags": "tags.md"}]},
    {"Contributing": ["contributing.md", {"Build reference": "reference.md"}]},
]


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


@event_priority(100)  # before other plugins (the link checker) take their copy of the files
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


#: Pygments tokens the theme draws in the code's own colour: names (`.n`, coloured with
#: --md-code-hl-name-color, which is var(--md-code-fg-color)) and whitespace (`.w`, no rule).
_PLAIN_TOKEN = re.compile(r'<span class="[nw]">([^<]*)</span>')


def on_page_content(html: str, page, config, files) -> str:
    """Unwrap code tokens that look the same without their span: about a quarter of the
    elements of a code-heavy page, which the browser styles and lays out on every load."""
    return _PLAIN_TOKEN.sub(r"\1", html)


MANIFEST = ROOT / "published-urls.txt"


def published_urls(site_dir: Path) -> list[str]:
    """Every URL the built site answers with a page (pages, short links, redirects)."""
    return sorted(
        "/" + ("" if p.parent == site_dir else p.parent.relative_to(site_dir).as_posix() + "/") for p in site_dir.rglob("index.html")
    )


def check_manifest(site_dir: Path, manifest: Path = MANIFEST, update: bool = False) -> None:
    """No lost URL: every URL in the committed manifest must still be served (a page or a
    redirect), and every new URL must be added to it (QA_UPDATE_URLS=1 rewrites it)."""
    urls = published_urls(site_dir)
    known = [line for line in manifest.read_text(encoding="utf-8").splitlines() if line.startswith("/")] if manifest.is_file() else []
    lost = sorted(set(known) - set(urls))
    if lost:
        raise PluginError(
            f"{manifest.name}: these published URLs would disappear: {', '.join(lost)}. "
            "Keep them alive: a renamed question lists its previous slug under `old_slugs:` in question.md, "
            "which generates a redirect."
        )
    new = sorted(set(urls) - set(known))
    if new and not update:
        raise PluginError(f"{manifest.name}: new URLs not in the manifest: {', '.join(new)}. Run `make urls` and commit the file.")
    if update:
        header = "# Every URL the site publishes. The build fails if one disappears without a redirect.\n"
        manifest.write_text(header + "\n".join(urls) + "\n", encoding="utf-8")


_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>(.*?)</script>", re.S)
CSP_TEMPLATE = (
    "default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self' blob:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'"
)


def add_content_security_policy(site_dir: Path) -> None:
    """Give every page a CSP meta tag that allows the site's own files and, by SHA-256 hash,
    exactly the inline scripts the theme writes: no 'unsafe-inline' for scripts.

    The hashes of all pages go into every page, since instant navigation runs the next page's
    inline scripts under the first page's policy.
    """
    pages = sorted(site_dir.rglob("*.html"))
    hashes: set[str] = set()
    texts = {}
    for page in pages:
        text = page.read_text(encoding="utf-8")
        texts[page] = text
        for body in _INLINE_SCRIPT.findall(text):
            hashes.add("'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{CSP_TEMPLATE.format(hashes=" ".join(sorted(hashes)))}">'
    for page, text in texts.items():
        if "Content-Security-Policy" in text or "<head>" not in text:
            continue
        page.write_text(text.replace("<head>", "<head>\n    " + meta, 1), encoding="utf-8")


def on_post_build(config) -> None:
    """After the build: drop unused theme files and CSS rules, add the CSP, check the URL
    manifest, let search see each question's keywords."""
    site_dir = Path(config["site_dir"])
    assets.prune_unused_assets(site_dir)
    assets.api_styles_only_where_used(site_dir)
    try:
        assets.purge_unused_css(site_dir)
    except ValueError as exc:
        raise PluginError(f"unused-CSS pass: {exc}") from None
    add_content_security_policy(site_dir)
    if os.environ.get("QA_DRAFT") != "1":
        manifest = Path(os.environ.get("QA_MANIFEST", MANIFEST))
        check_manifest(site_dir, manifest, update=os.environ.get("QA_UPDATE_URLS") == "1")
    add_search_keywords(site_dir / "search" / "search_index.json", _state["questions"])


TAGS_BOOST = 300.0
"""Search weight of the tags field (keywords), between body text (1) and titles (1000)."""


def add_search_keywords(index_path: Path, questions) -> None:
    """Add each question's `keywords` to its page's `tags` in the search index.

    Tags weigh more than body text, so a reader who types a synonym or an acronym
    ("autodiff", "DDP", "int8") lands on the question that lists it. Material weighs tags at
    1e6, a title at 1e3: at that weight any page whose tags merely share a prefix with one
    query word ("torch*" in `torch.no_grad`: torchvision, torchaudio, torchrun) outranks the
    page about the whole query, so tags are brought down to TAGS_BOOST (on 35 API queries
    scored like Material's worker does: 28 first instead of 25 at 1e6; `make bench` prints
    its own smaller battery).
    """
    if not index_path.is_file():
        return
    index = json.loads(index_path.read_text(encoding="utf-8"))
    index["config"]["fields"]["tags"]["boost"] = TAGS_BOOST
    keywords = {q.url: q.keywords for q in questions if q.keywords}
    for doc in index["docs"]:
        extra = keywords.get(doc["location"])
        if extra:
            doc["tags"] = list(doc.get("tags", [])) + [k for k in extra if k not in doc.get("tags", [])]
    index_path.write_text(json.dumps(index, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
