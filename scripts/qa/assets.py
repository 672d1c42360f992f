"""Lighter pages after the build: drop the theme files and CSS rules no page uses.

Run by the build hook (`on_post_build`) on the finished site, before the CSP pass reads the
pages. Every step only removes what nothing references, so a page looks and behaves the same.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import tinycss2

_SOURCE_MAP_COMMENT = re.compile(rb"\n?(?://# sourceMappingURL=\S+|/\*# sourceMappingURL=\S+ \*/)\s*$")


def prune_unused_assets(site_dir: Path) -> None:
    """Drop theme files no page loads: source maps (and the comments naming them), and the
    lunr language packs and word segmenters (tinyseg.js, wordcut.js) of languages the search
    index does not use (Material's search worker loads none of them for English alone)."""
    for source_map in (site_dir / "assets").rglob("*.map"):
        source_map.unlink()
        asset = source_map.with_suffix("")
        if asset.is_file():
            asset.write_bytes(_SOURCE_MAP_COMMENT.sub(b"\n", asset.read_bytes(), count=1))
    index = site_dir / "search" / "search_index.json"
    lunr = site_dir / "assets" / "javascripts" / "lunr"
    if not index.is_file() or not lunr.is_dir():
        return
    langs = json.loads(index.read_text(encoding="utf-8"))["config"]["lang"]
    keep = {"min/lunr.stemmer.support.min.js", "min/lunr.multi.min.js"} if len(langs) > 1 else set()
    for lang in langs:  # what the worker's setupSearchLanguages() imports
        if lang != "en":
            keep |= {f"min/lunr.{lang}.min.js", "min/lunr.stemmer.support.min.js"}
        if lang == "ja":
            keep.add("tinyseg.js")
        if lang in ("hi", "th"):
            keep.add("wordcut.js")
    for script in lunr.rglob("*.js"):
        if script.relative_to(lunr).as_posix() not in keep:
            script.unlink()
    for folder in (lunr / "min", lunr):
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()


_API_STYLES = re.compile(r'\s*<link rel="stylesheet" href="[^"]*assets/_mkdocstrings\.css">')


def api_styles_only_where_used(site_dir: Path) -> None:
    """Link mkdocstrings' stylesheet only from pages with API docs (the reference page).

    The plugin links it from the head of every page, where it holds up the first paint of
    pages it has nothing to style. Instant navigation adds and removes head elements to match
    the next page, so arriving at the reference page in place still loads it.
    """
    for page in sorted(site_dir.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        match = _API_STYLES.search(text)
        if match and 'class="doc doc-' not in text:
            page.write_text(text[: match.start()] + text[match.end() :], encoding="utf-8")


# ---------------------------------------------------------------- unused CSS rules

_HASHED_CSS = re.compile(r"^(?P<stem>.+)\.[0-9a-f]{8}\.min\.css$")
_CLASS = re.compile(r"\.(-?[A-Za-z_][\w-]*)")
_WORD = re.compile(r"[A-Za-z0-9_-]+")
#: Classes inside these may be absent and the selector still match (`:not(.x)`), or only one
#: of several must exist (`:is(.a, .b)`): such a selector's inner classes are not checked.
_FUNCTIONAL = re.compile(r":(?:not|is|where|has|matches|-webkit-any|-moz-any)\(")
#: At-rules whose blocks hold style rules to filter; every other at-rule is kept as it is.
_GROUPING = {"media", "supports", "layer", "container", "scope", "document"}


def _outside_functions(selector: str) -> str:
    """`selector` with the insides of functional pseudo-classes blanked out."""
    out, depth, i = [], 0, 0
    while i < len(selector):
        match = _FUNCTIONAL.match(selector, i) if depth == 0 else None
        if match:
            depth, i = 1, match.end()
            continue
        ch = selector[i]
        if depth:
            depth += ch == "("
            depth -= ch == ")"
        else:
            out.append(ch)
        i += 1
    return "".join(out)


def selector_is_used(selector: str, words: set[str]) -> bool:
    """True unless the selector names a class that appears nowhere in the site's HTML or JS.

    Conservative: a selector with escapes is kept, and classes under `:not()`, `:is()` and the
    like are not checked.
    """
    if "\\" in selector:
        return True
    return all(name in words for name in _CLASS.findall(_outside_functions(selector)))


def _filter_rules(rules, words: set[str]) -> tuple[list[str], int]:
    kept, dropped = [], 0
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [s.strip() for s in _split_selectors(tinycss2.serialize(rule.prelude))]
            used = [s for s in selectors if selector_is_used(s, words)]
            dropped += len(selectors) - len(used)
            if used:
                kept.append(",".join(used) + "{" + tinycss2.serialize(rule.content) + "}")
        elif rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword in _GROUPING:
            inner, n = _filter_rules(tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True), words)
            dropped += n
            if inner:
                kept.append(f"@{rule.at_keyword}{tinycss2.serialize(rule.prelude)}{{{''.join(inner)}}}")
        elif rule.type == "at-rule":
            kept.append(tinycss2.serialize([rule]))
        elif rule.type == "error":
            raise ValueError(f"CSS parse error at line {rule.source_line}: {rule.message}")
    return kept, dropped


def _split_selectors(prelude: str) -> list[str]:
    """Split a selector list on top-level commas (not those inside `:is(a, b)` or `[x="a,b"]`)."""
    parts, depth, quote, start = [], 0, "", 0
    for i, ch in enumerate(prelude):
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "\"'":
            quote = ch
        elif ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "," and depth == 0:
            parts.append(prelude[start:i])
            start = i + 1
    parts.append(prelude[start:])
    return parts


def purge_css(css: str, words: set[str]) -> tuple[str, int]:
    """The stylesheet without the selectors whose classes are in no word of `words`, and how
    many selectors went."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    kept, dropped = _filter_rules(rules, words)
    return "".join(kept) + "\n", dropped


def purge_unused_css(site_dir: Path, stylesheets: str = "assets/stylesheets") -> dict[str, str]:
    """Rewrite the theme's hashed stylesheets (`main.<hash>.min.css`) without rules for classes
    that no page and no script of the site uses, under a new content hash, and point every
    page at the new name (a cached copy of the old file can never be served for the new one).

    Material's scripts add classes at run time (search results, copy buttons, tooltips), so
    the words of every .js file count as used, like those of every .html file.
    Returns {old relative path: new relative path}.
    """
    folder = site_dir / stylesheets
    if not folder.is_dir():
        return {}
    pages = sorted(site_dir.rglob("*.html"))
    words: set[str] = set()
    for path in [*pages, *sorted(site_dir.rglob("*.js"))]:
        words.update(_WORD.findall(path.read_text(encoding="utf-8", errors="replace")))
    renamed: dict[str, str] = {}
    for path in sorted(folder.glob("*.min.css")):
        match = _HASHED_CSS.match(path.name)
        if not match:
            continue
        try:
            css, _ = purge_css(path.read_text(encoding="utf-8"), words)
        except ValueError as exc:
            raise ValueError(f"{path.relative_to(site_dir)}: {exc}") from None
        digest = hashlib.sha256(css.encode("utf-8")).hexdigest()[:8]
        target = path.with_name(f"{match['stem']}.{digest}.min.css")
        path.unlink()
        target.write_text(css, encoding="utf-8")
        renamed[path.relative_to(site_dir).as_posix()] = target.relative_to(site_dir).as_posix()
    if renamed:
        for page in pages:
            text = original = page.read_text(encoding="utf-8")
            for old, new in renamed.items():
                text = text.replace(old, new)
            if text != original:
                page.write_text(text, encoding="utf-8")
    return renamed
