"""What the build leaves out of a page to keep it light, and that nothing it needs goes with it."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from scripts.qa import assets

CSS = (
    ".used{color:red}"
    ".unused{color:blue}"
    ".used .unused,.used>.also-used{margin:0}"
    "@media screen and (min-width:10em){.unused{padding:0}.used{padding:1px}}"
    "@media print{.unused{display:none}}"
    ".used:not(.nowhere){top:0}"
    ":is(.nowhere,.used) p{left:0}"
    ".md-added-by-script{opacity:1}"
    '[data-md-state="x,y"]{right:0}'
    "@font-face{font-family:Example;src:local(Example)}"
    "@keyframes spin{0%{transform:none}to{transform:rotate(1turn)}}"
)


def _site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "assets" / "stylesheets").mkdir(parents=True)
    (site / "assets" / "javascripts").mkdir(parents=True)
    (site / "assets" / "stylesheets" / "main.0123abcd.min.css").write_text(CSS)
    (site / "assets" / "javascripts" / "bundle.js").write_text('el.classList.add("md-added-by-script")')
    (site / "page").mkdir()
    (site / "page" / "index.html").write_text(
        '<link rel="stylesheet" href="../assets/stylesheets/main.0123abcd.min.css"><div class="used"><p class="also-used">x</p></div>'
    )
    return site


def test_unused_rules_go_and_used_ones_stay(tmp_path):
    site = _site(tmp_path)
    renamed = assets.purge_unused_css(site)
    (old, new), *rest = renamed.items()
    assert not rest and old == "assets/stylesheets/main.0123abcd.min.css"
    assert not (site / old).exists()
    css = (site / new).read_text()
    # Content-hashed under the new name, and the page points at it.
    assert new == f"assets/stylesheets/main.{hashlib.sha256(css.encode()).hexdigest()[:8]}.min.css"
    assert f'href="../{new}"' in (site / "page" / "index.html").read_text()
    assert ".unused{" not in css
    assert ".used .unused" not in css and ".used>.also-used{margin:0}" in css
    assert ".used{color:red}" in css and ".md-added-by-script{opacity:1}" in css
    assert "@media screen and (min-width:10em){.used{padding:1px}}" in css
    assert "@media print" not in css  # every rule inside it was unused
    # Selectors that can match without the class are kept: :not(.x), :is(.x, .used).
    assert ".used:not(.nowhere){top:0}" in css and ":is(.nowhere,.used) p{left:0}" in css
    # A comma inside an attribute value is not a selector separator; at-rules stay whole.
    assert '[data-md-state="x,y"]{right:0}' in css
    assert "@font-face{font-family:Example" in css and "@keyframes spin{0%{transform:none}" in css


def test_a_class_used_only_on_one_page_keeps_its_rule(tmp_path):
    site = _site(tmp_path)
    (site / "other.html").write_text('<span class="unused">now used</span>')
    css = (site / next(iter(assets.purge_unused_css(site).values()))).read_text()
    assert ".unused{color:blue}" in css and "@media print{.unused{display:none}}" in css


def test_real_site_keeps_the_components_pages_and_scripts_use(built_site):
    main = list((built_site / "assets" / "stylesheets").glob("main.*.min.css"))
    assert len(main) == 1
    css = main[0].read_text()
    assert main[0].name == f"main.{hashlib.sha256(css.encode()).hexdigest()[:8]}.min.css"
    # On pages: tabs, admonitions; added by Material's scripts: copy buttons, search results.
    for selector in (".tabbed-labels", ".admonition", ".md-code__button", ".md-search-result__more", ".md-nav__link"):
        assert selector in css, selector
    # Components the site never uses (blog posts, grid cards, the old copy button) are gone.
    for selector in (".md-post", ".grid.cards", ".md-clipboard"):
        assert selector not in css, selector
    for page in built_site.rglob("*.html"):
        for href in re.findall(r'<link rel="stylesheet" href="([^"]+)"', page.read_text()):
            target = built_site / href.lstrip("/") if href.startswith("/") else page.parent / href
            assert target.resolve().is_file(), f"{page}: {href}"


def test_pages_defer_every_script_and_load_api_styles_only_where_used(built_site):
    for page in built_site.rglob("*.html"):
        text = page.read_text()
        scripts = re.findall(r"<script src=\"([^\"]+)\"([^>]*)>", text)
        assert all("defer" in attrs for _, attrs in scripts), page
        names = [Path(src).name for src, _ in scripts]
        if "qa.js" in names:
            assert names.index("qa.js") > next(i for i, n in enumerate(names) if n.startswith("bundle.")), page
        has_api_docs = 'class="doc doc-' in text
        assert ("_mkdocstrings.css" in text) == has_api_docs, page
    assert "_mkdocstrings.css" in (built_site / "reference" / "index.html").read_text()


def test_no_source_maps_or_unused_search_language_packs(built_site):
    assert not list(built_site.rglob("*.map"))
    for path in (built_site / "assets").rglob("*"):
        if path.suffix in (".js", ".css"):
            assert b"sourceMappingURL" not in path.read_bytes(), path
    assert not (built_site / "assets" / "javascripts" / "lunr").exists()


def test_code_names_and_spaces_are_unwrapped_only_while_they_look_the_same(built_site):
    """Names and whitespace lose their Pygments span. That is invisible only while the theme
    colours names like the rest of the code: if a palette ever gives names their own colour,
    this fails and the unwrapping in hooks.on_page_content must go."""
    page = (built_site / "questions" / "torch-no-grad" / "index.html").read_text()
    assert '<span class="n">' not in page and '<span class="w">' not in page
    assert re.search(r"<code>.*\bmodel\b", page), "names are still in the code, as plain text"
    css = next((built_site / "assets" / "stylesheets").glob("main.*.min.css")).read_text()
    assert "--md-code-hl-name-color:var(--md-code-fg-color)" in css
    assert ".highlight .w{" not in css and ".highlight .w," not in css
    extra = (built_site / "stylesheets" / "extra.css").read_text()
    assert "--md-code-hl-name-color" not in extra
