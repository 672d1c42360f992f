"""Write the site's sources to disk for builders that do not run MkDocs hooks (Zensical).

`python -m scripts.qa export DIR` writes `DIR/docs/` (the hand-written pages plus every
generated page, figure and redirect, with the home page's list filled in) and
`DIR/mkdocs.yml`: the project's config with the nav written out, the snippets base path made
absolute, and the MkDocs-only parts taken out (the hook, and plugin options Zensical refuses:
search's `separator`/`pipeline`, htmlproofer, mkdocstrings). `make zensical` builds it.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from . import hooks, model, render

ROOT = Path(__file__).resolve().parents[2]
# Zensical 0.0.60 builds search and tags itself; it refuses the other plugins' options.
ZENSICAL_PLUGINS = "plugins:\n  - search\n  - tags\n"


def export(dest: Path, snippets: Path = ROOT / "snippets", config: Path = ROOT / "mkdocs.yml") -> list[str]:
    """Write docs/ and mkdocs.yml under `dest` (replacing what was there); return the page URIs."""
    questions = model.load_all(snippets)
    shutil.rmtree(dest, ignore_errors=True)
    docs = dest / "docs"
    shutil.copytree(ROOT / "docs", docs)
    for uri, content in render.generate(questions, snippets.parent).items():
        path = docs / uri
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    home = docs / "index.md"
    text = home.read_text(encoding="utf-8")
    text = text.replace(render.QUESTION_LIST_MARKER, render.render_question_list(questions))
    text = text.replace("<!-- qa:verified -->", render.verified_line(questions))
    home.write_text(text, encoding="utf-8")

    text = config.read_text(encoding="utf-8")
    text = _replace(text, "hooks:\n  - scripts/qa/hooks.py\n", "")
    text = _replace(text, "custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    text = _replace(
        text, "      restrict_base_path: true\n", f"      restrict_base_path: true\n      base_path: [{snippets.parent.resolve()}]\n"
    )
    text, count = re.subn(r"\nplugins:\n.*?\n(?=markdown_extensions:)", "\n" + ZENSICAL_PLUGINS + "\n", text, flags=re.S)
    if count != 1:
        raise ValueError(f"{config}: no 'plugins:' block before 'markdown_extensions:'")
    nav = render.navigation(questions, hooks.HEAD_NAV, hooks.TAIL_NAV)
    text = "docs_dir: docs\nsite_dir: site\n" + text + "\n" + yaml.safe_dump({"nav": nav}, allow_unicode=True, sort_keys=False)
    (dest / "mkdocs.yml").write_text(text, encoding="utf-8")
    return sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file())


def _replace(text: str, old: str, new: str) -> str:
    if old not in text:
        raise ValueError(f"mkdocs.yml no longer contains {old!r}: update scripts/qa/export.py")
    return text.replace(old, new, 1)
