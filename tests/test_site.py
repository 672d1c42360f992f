"""The built site in a real browser: Debian's Chromium driven by Playwright."""

from __future__ import annotations

import json
import re
from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.browser


def _pages(built_site):
    return sorted(p.relative_to(built_site).parent.as_posix() for p in built_site.rglob("index.html"))


def _selected_labels(page):
    """The label of the checked tab in every tab set on the page."""
    return page.eval_on_selector_all(
        ".tabbed-set",
        """sets => sets.map(set => {
            const checked = set.querySelector(':scope > input:checked');
            const index = [...set.querySelectorAll(':scope > input')].indexOf(checked);
            return set.querySelectorAll(':scope > .tabbed-labels > label')[index].innerText.trim();
        })""",
    )


def test_linked_tabs_switch_together_and_persist_across_pages(page, site_url):
    page.goto(site_url + "questions/tensors-vs-numpy-arrays/")
    labels = _selected_labels(page)
    assert len(labels) >= 2 and set(labels) == {"TensorFlow"}
    page.locator(".tabbed-labels label", has_text="PyTorch").first.click()
    assert set(_selected_labels(page)) == {"PyTorch"}
    page.goto(site_url + "questions/autograd-and-gradienttape/")
    page.wait_for_function("document.querySelectorAll('.tabbed-set > input:checked').length > 0")
    page.wait_for_timeout(300)
    assert set(_selected_labels(page)) == {"PyTorch"}


def test_every_question_page_has_both_tabs_in_order_with_output(page, site_url, built_site):
    questions = json.loads((built_site / "questions.json").read_text())
    assert questions, "questions.json lists the questions"
    for entry in questions:
        page.goto(site_url + entry["url"])
        first = page.eval_on_selector_all(
            ".tabbed-set", "s => [...s[0].querySelectorAll('.tabbed-labels > label')].map(l => l.innerText.trim())"
        )
        assert first == ["TensorFlow", "PyTorch"], entry["url"]
        assert page.locator("span.filename", has_text="Output of").count() >= 2, entry["url"]
        assert page.title().startswith(f"{entry['number']}. "), entry["url"]


def test_no_request_leaves_127_0_0_1_on_any_page(browser, site_url, built_site):
    context = browser.new_context()
    page = context.new_page()
    outside = []
    page.on(
        "request",
        lambda r: (
            outside.append(r.url)
            if urlparse(r.url).hostname not in ("127.0.0.1", None) and not r.url.startswith(("data:", "blob:"))
            else None
        ),
    )
    pages = _pages(built_site)
    assert len(pages) >= 5
    for path in pages:
        page.goto(site_url + ("" if path == "." else path + "/"), wait_until="networkidle")
    # Search loads its index and worker on demand: exercise it once.
    page.goto(site_url, wait_until="networkidle")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator("input.md-search__input").press_sequentially("tensor")
    page.wait_for_timeout(500)
    context.close()
    assert outside == []


def test_api_styles_reach_the_reference_page_by_instant_navigation(page, site_url):
    """Only the reference page links mkdocstrings' stylesheet; arriving there by instant
    navigation from a page without it must still load it."""

    # Material keeps the sitemap's host but not its port when it decides which links to load
    # in place, so the sitemap is served as if the site were published at site_url.
    def local_sitemap(route):
        body = route.fetch().text()
        route.fulfill(body=re.sub(r"<loc>https?://[^/<]+/", f"<loc>{site_url}", body), content_type="application/xml")

    page.route("**/sitemap.xml", local_sitemap)
    page.goto(site_url)
    page.evaluate("window.__qa_same_document = true")
    # The link sits in a collapsed nav section: click it the way a script would.
    page.eval_on_selector('a.md-nav__link[href$="reference/"]', "a => a.click()")
    page.wait_for_url("**/reference/")
    page.wait_for_selector(".doc-heading")
    assert page.evaluate("window.__qa_same_document === true"), "expected instant navigation, not a reload"
    loaded = page.evaluate("[...document.styleSheets].map(s => s.href || '').filter(h => h.endsWith('_mkdocstrings.css'))")
    assert loaded, "mkdocstrings' stylesheet was not loaded"
    # Its rules apply: mkdocstrings styles the headings of API objects (.doc-heading code).
    assert page.evaluate("[...document.styleSheets].some(s => (s.href || '').endsWith('_mkdocstrings.css') && s.cssRules.length > 0)")
