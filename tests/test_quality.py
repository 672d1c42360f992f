"""Quality gates in a real browser: accessibility (axe-core) and the Content Security Policy."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def _page_paths(built_site):
    paths = []
    for index in sorted(built_site.rglob("index.html")):
        path = index.parent.relative_to(built_site).as_posix()
        if path.startswith("q/") or "Content-Security-Policy" not in index.read_text():
            continue  # short links and redirects only forward
        paths.append("" if path == "." else path + "/")
    return paths


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_on_any_page(browser, site_url, built_site, scheme):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    problems = []
    for path in _page_paths(built_site):
        page.goto(site_url + path)
        results = axe.run(page)
        for violation in results.response["violations"]:
            targets = [node["target"] for node in violation["nodes"]][:3]
            problems.append(f"/{path}: {violation['id']} ({len(violation['nodes'])}x) {targets}")
    context.close()
    assert problems == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violation_with_search_results_and_a_revealed_quiz_answer(browser, site_url, scheme):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(site_url)
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("tensor", delay=20)
    page.wait_for_selector(".md-search-result__item")
    searching = Axe().run(page).response["violations"]
    page.goto(site_url + "quiz/")
    page.get_by_role("button", name="Show the answer").first.click()
    quiz = Axe().run(page).response["violations"]
    context.close()
    assert [(v["id"], len(v["nodes"])) for v in searching + quiz] == []


def test_pages_carry_a_csp_without_unsafe_inline_scripts_and_break_none(browser, site_url, built_site):
    context = browser.new_context()
    page = context.new_page()
    violations = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    for path in _page_paths(built_site):
        page.goto(site_url + path, wait_until="networkidle")
        csp = page.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content")
        script_src = next(d for d in csp.split(";") if d.strip().startswith("script-src"))
        assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
        violations += page.evaluate("window.__cspViolations || []")
    # Instant navigation, search and the quiz run under the policy too.
    page.goto(site_url + "quiz/", wait_until="networkidle")
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("tensor", delay=20)
    page.wait_for_selector(".md-search-result__item")
    page.locator(".md-search-result__item a").first.click()
    page.wait_for_load_state("networkidle")
    context.close()
    assert violations == []
