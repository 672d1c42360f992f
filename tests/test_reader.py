"""Reader experience in a real browser: finding, sharing, revising."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def questions(built_site):
    return json.loads((built_site / "questions.json").read_text())


def _question(questions, number):
    return next(q for q in questions if q["number"] == number)


def test_short_link_reaches_the_answer(page, site_url, questions):
    page.goto(site_url + "q/20/")
    page.wait_for_url("**/questions/torch-no-grad/")
    assert page.locator("h1").inner_text().startswith("How does torch.no_grad()")


def test_tab_query_parameter_opens_pytorch(page, site_url):
    page.goto(site_url + "questions/autograd-and-gradienttape/?tab=pytorch")
    script = (
        "[...document.querySelectorAll('.tabbed-set')].map(s => { const i = [...s.querySelectorAll(':scope > input')]"
        ".findIndex(x => x.checked); return s.querySelectorAll(':scope > .tabbed-labels > label')[i].innerText.trim(); })"
    )
    page.wait_for_function(f"{script}.every(label => label === 'PyTorch')", timeout=5000)
    assert len(page.evaluate(script)) >= 4


def _search(page, site_url, query):
    page.goto(site_url)
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially(query, delay=20)
    page.wait_for_selector(".md-search-result__item")
    return page.eval_on_selector_all(".md-search-result__item > a", "links => links.map(a => a.href)")


def test_searching_no_grad_lists_question_20_first(page, site_url):
    hits = _search(page, site_url, "no_grad")
    assert "/questions/torch-no-grad/" in hits[0]


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("GradientTape", "autograd-and-gradienttape"),
        ("from_numpy", "tensors-vs-numpy-arrays"),  # stemmed to "from_numpi", it was unreachable
        ("inference_mode", "torch-no-grad"),
        ("torch.no_grad", "torch-no-grad"),
        ("autodiff", "autograd-and-gradienttape"),
        ("int8", "fp32-fp16-int8"),
    ],
)
def test_api_names_and_keywords_are_found(page, site_url, query, slug):
    assert any(f"/questions/{slug}/" in h for h in _search(page, site_url, query)[:3])


def test_search_hit_inside_a_hidden_tab_is_revealed(page, site_url):
    # "sees" appears on question 3 only in the PyTorch tab, which is hidden on arrival.
    page.goto(site_url + "questions/tensors-vs-numpy-arrays/")
    assert not page.locator(".tabbed-block", has_text="from_numpy sees the write").first.is_visible()
    page.goto(site_url + "questions/tensors-vs-numpy-arrays/?h=sees")
    mark = page.locator("mark[data-md-highlight]").first
    mark.wait_for(state="visible", timeout=5000)
    assert page.locator("mark[data-md-highlight]").count() >= 1


def test_cheat_sheet_has_one_entry_per_question(page, site_url, questions):
    page.goto(site_url + "cheatsheet/")
    titles = page.eval_on_selector_all(".qa-cheat h3 a:not(.headerlink)", "links => links.map(a => a.innerText.trim())")
    assert titles == [q["title"] for q in questions]
    assert "Cheat sheet" in page.title()


def test_cheat_sheet_prints_without_navigation(page, site_url):
    page.goto(site_url + "cheatsheet/")
    page.emulate_media(media="print")
    assert not page.locator(".md-sidebar--primary").is_visible()
    assert page.locator(".qa-cheat").first.is_visible()


def test_quiz_reveals_an_answer_with_the_keyboard(page, site_url, questions):
    page.goto(site_url + "quiz/")
    page.wait_for_selector(".qa-card__reveal")
    answer = page.locator(".qa-card__answer").first
    assert not answer.is_visible()
    focusable = page.evaluate("document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]').length")
    for _ in range(focusable + 10):  # the navigation grows with every question
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('qa-card__reveal')"):
            break
    else:
        pytest.fail("the reveal button is not reachable with Tab")
    page.keyboard.press("Enter")
    assert answer.is_visible()
    assert answer.inner_text() == questions[0]["short_answer"]


def test_quiz_filters_by_section_and_lists(page, site_url, questions):
    page.goto(site_url + "quiz/")
    page.wait_for_selector(".qa-card")
    page.select_option("#qa-quiz-mode", "list")
    assert page.locator(".qa-card").count() == len(questions)
    page.select_option("#qa-quiz-section", "PyTorch")
    expected = [q for q in questions if q["section"] == "PyTorch"]
    assert page.locator(".qa-card").count() == len(expected)


def test_every_question_page_previews_well_when_pasted(page, site_url, questions):
    for q in questions:
        page.goto(site_url + q["url"])
        meta = page.eval_on_selector_all(
            "meta[name], meta[property], link[rel=canonical]",
            "els => Object.fromEntries(els.map(e => [e.getAttribute('name') || e.getAttribute('property') || 'canonical', e.content || e.href]))",
        )
        assert meta["description"] == q["short_answer"]
        assert meta["og:title"] == f"{q['number']}. {q['title']}"
        assert meta["og:description"] == q["short_answer"]
        assert meta["og:url"].endswith("/" + q["url"]) and meta["canonical"].endswith("/" + q["url"])
        assert meta["twitter:card"] == "summary"


def test_no_page_scrolls_sideways_at_375_px(browser, site_url, built_site):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    wide = []
    for index in sorted(built_site.rglob("index.html")):
        path = index.parent.relative_to(built_site).as_posix()
        if path.startswith("q/"):
            continue  # short links only forward
        page.goto(site_url + ("" if path == "." else path + "/"))
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 375:
            wide.append((path, width))
    context.close()
    assert wide == []


def test_the_api_map_filter_narrows_rows_and_hides_empty_topics(page, site_url):
    page.goto(site_url + "api-map/")
    rows = page.locator(".md-typeset table tbody tr")
    total = rows.count()
    assert total > 100
    page.locator("#qa-api-filter").fill("GradientTape")
    visible = page.locator(".md-typeset table tbody tr:not([hidden])")
    assert 0 < visible.count() < total
    assert all("gradienttape" in text.lower() for text in visible.all_inner_texts())
    assert page.locator("#qa-api-filter-count").inner_text() == f"{visible.count()} matching"
    assert page.locator("h2[hidden]").count() > 0  # topics without a match are hidden
    page.locator("#qa-api-filter").fill("")
    assert page.locator(".md-typeset table tbody tr:not([hidden])").count() == total
