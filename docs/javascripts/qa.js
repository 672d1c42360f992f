/* TF ⇄ PyTorch Q&A: small enhancements on top of Material, no dependencies.
 *  1. ?tab=pytorch (or ?tab=tensorflow) opens that framework's tabs; with linked tabs the
 *     choice applies to every tab set and is remembered on later pages.
 *  2. Arriving from a search hit (?h=...) whose text sits in a hidden tab opens that tab and
 *     scrolls the first highlighted hit into view.
 *  3. The quiz on /quiz/ (see quiz section below).
 */
(function () {
  "use strict";

  function labelFor(set, index) {
    return set.querySelectorAll(":scope > .tabbed-labels > label")[index];
  }

  function openTabByName(name) {
    var wanted = name.toLowerCase();
    var labels = document.querySelectorAll(".tabbed-set > .tabbed-labels > label");
    for (var i = 0; i < labels.length; i++) {
      if (labels[i].textContent.trim().toLowerCase() === wanted) {
        labels[i].click();
        return true;
      }
    }
    return false;
  }

  function isShown(node) {
    return node.getClientRects().length > 0;
  }

  function openBlock(block) {
    /* Open a tab block and every tab block around it. */
    while (block) {
      var set = block.closest(".tabbed-set");
      var blocks = Array.prototype.slice.call(set.querySelectorAll(":scope > .tabbed-content > .tabbed-block"));
      var index = blocks.indexOf(block);
      var input = set.querySelectorAll(":scope > input")[index];
      if (input && !input.checked) labelFor(set, index).click();
      block = set.parentElement ? set.parentElement.closest(".tabbed-block") : null;
    }
  }

  function markTerms(root, terms) {
    /* Material skips hidden tabs when it highlights; mark the hits in the opened tab. */
    var pattern = new RegExp("(" + terms.map(function (t) { return t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }).join("|") + ")", "gi");
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var nodes = [];
    while (walker.nextNode()) {
      if (pattern.test(walker.currentNode.nodeValue)) nodes.push(walker.currentNode);
      pattern.lastIndex = 0;
    }
    nodes.forEach(function (node) {
      var parts = node.nodeValue.split(pattern);
      var fragment = document.createDocumentFragment();
      parts.forEach(function (part, i) {
        if (i % 2) {
          var mark = document.createElement("mark");
          mark.setAttribute("data-md-highlight", "");
          mark.textContent = part;
          fragment.appendChild(mark);
        } else if (part) {
          fragment.appendChild(document.createTextNode(part));
        }
      });
      node.parentNode.replaceChild(fragment, node);
    });
  }

  function revealSearchHit(query, attempt) {
    var marks = Array.prototype.slice.call(document.querySelectorAll("mark[data-md-highlight]"));
    if (marks.some(isShown)) return; /* the reader already sees a hit */
    if (!marks.length && attempt < 10) {
      /* Material highlights just after the page is shown: give it a moment. */
      window.setTimeout(function () { revealSearchHit(query, attempt + 1); }, 100);
      return;
    }
    var terms = query.toLowerCase().split(/[\s,:!=()"`/]+/).filter(function (t) { return t.length > 1; });
    if (!terms.length) return;
    var blocks = document.querySelectorAll(".tabbed-block");
    for (var i = 0; i < blocks.length; i++) {
      var text = blocks[i].textContent.toLowerCase();
      if (!isShown(blocks[i]) && terms.some(function (t) { return text.indexOf(t) !== -1; })) {
        openBlock(blocks[i]);
        markTerms(blocks[i], terms);
        var first = blocks[i].querySelector("mark[data-md-highlight]");
        if (first) first.scrollIntoView({ block: "center" });
        return;
      }
    }
  }

  function nameNavigationLandmarks() {
    /* A section with an index page is labelled by an icon-only toggle, which leaves its nav
       landmark without a name (axe: landmark-unique). Name it after the section's link. */
    var navs = document.querySelectorAll("nav[aria-labelledby]");
    for (var i = 0; i < navs.length; i++) {
      var label = document.getElementById(navs[i].getAttribute("aria-labelledby"));
      if (label && !label.textContent.trim()) {
        var link = navs[i].parentElement.querySelector(":scope > .md-nav__container > a");
        if (link) navs[i].setAttribute("aria-label", link.textContent.trim());
      }
    }
    var tags = document.querySelectorAll(".md-main nav.md-tags");
    for (var j = 0; j < tags.length; j++) tags[j].setAttribute("aria-label", "Tags of this page");
    /* Material adds an unnamed nav (copy button) to every code block: number them. */
    var codeNavs = document.querySelectorAll("nav.md-code__nav");
    for (var k = 0; k < codeNavs.length; k++) codeNavs[k].setAttribute("aria-label", "Code block " + (k + 1) + " tools");
  }

  function nameSearchResultTags() {
    /* Every search result has its own unnamed tags nav, rendered as the reader types. */
    var list = document.querySelector(".md-search-result__list");
    if (!list || list.hasAttribute("data-qa-named")) return;
    list.setAttribute("data-qa-named", "");
    new MutationObserver(function () {
      var navs = list.querySelectorAll("nav.md-tags");
      for (var i = 0; i < navs.length; i++) navs[i].setAttribute("aria-label", "Tags of search result " + (i + 1));
    }).observe(list, { childList: true, subtree: true });
  }

  function onPage() {
    nameNavigationLandmarks();
    nameSearchResultTags();
    var params = new URLSearchParams(window.location.search);
    var tab = params.get("tab");
    if (tab) window.setTimeout(function () { openTabByName(tab); }, 0);
    if (params.get("h")) revealSearchHit(params.get("h"), 0);
    var quiz = document.getElementById("qa-quiz");
    if (quiz) startQuiz(quiz);
    var apiFilter = document.getElementById("qa-api-filter");
    if (apiFilter) startApiFilter(apiFilter);
  }

  /* ------------------------------------------------------------------ API map filter */

  function startApiFilter(input) {
    var tables = Array.prototype.slice.call(document.querySelectorAll(".md-typeset table"));
    var count = document.getElementById("qa-api-filter-count");
    function apply() {
      var terms = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      tables.forEach(function (table) {
        var visible = 0;
        Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
          var text = row.textContent.toLowerCase();
          var match = terms.every(function (t) { return text.indexOf(t) !== -1; });
          row.hidden = !match;
          if (match) visible++;
        });
        var wrapper = table.closest(".md-typeset__scrollwrap") || table;
        var heading = wrapper.previousElementSibling;
        wrapper.hidden = visible === 0;
        if (heading && /^H2$/.test(heading.tagName)) heading.hidden = visible === 0;
        shown += visible;
      });
      count.textContent = terms.length ? shown + " matching" : "";
    }
    input.addEventListener("input", apply);
    var initial = new URLSearchParams(window.location.search).get("q");
    if (initial) { input.value = initial; }
    apply();
  }

  /* ------------------------------------------------------------------ quiz */

  function shuffle(items) {
    for (var i = items.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1));
      var t = items[i]; items[i] = items[j]; items[j] = t;
    }
    return items;
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function startQuiz(root) {
    if (root.dataset.ready) return;
    root.dataset.ready = "1";
    var base = root.getAttribute("data-base") || "../";
    var state = { all: [], shown: [], index: 0, mode: "one" };
    var section = root.querySelector("#qa-quiz-section");
    var difficulty = root.querySelector("#qa-quiz-difficulty");
    var mode = root.querySelector("#qa-quiz-mode");
    var list = root.querySelector("#qa-quiz-cards");
    var status = root.querySelector("#qa-quiz-status");

    function card(q) {
      var item = el("li", { class: "qa-card" });
      var heading = el("h2", { class: "qa-card__question" });
      var link = el("a", { href: base + q.url }, q.number + ". " + q.title);
      heading.appendChild(link);
      var meta = el("p", { class: "qa-card__meta" }, q.section + " · " + q.difficulty);
      var answerId = "qa-answer-" + q.number;
      var button = el("button", { type: "button", class: "md-button qa-card__reveal", "aria-expanded": "false", "aria-controls": answerId }, "Show the answer");
      var answer = el("p", { id: answerId, class: "qa-card__answer", hidden: "" }, q.short_answer);
      button.addEventListener("click", function () {
        var open = answer.hasAttribute("hidden");
        if (open) answer.removeAttribute("hidden"); else answer.setAttribute("hidden", "");
        button.setAttribute("aria-expanded", String(open));
        button.textContent = open ? "Hide the answer" : "Show the answer";
      });
      item.appendChild(heading);
      item.appendChild(meta);
      item.appendChild(button);
      item.appendChild(answer);
      return item;
    }

    function render() {
      list.textContent = "";
      var items = state.shown;
      if (!items.length) {
        status.textContent = "No question matches these filters.";
        return;
      }
      if (state.mode === "one") {
        state.index = Math.max(0, Math.min(state.index, items.length - 1));
        list.appendChild(card(items[state.index]));
        status.textContent = "Question " + (state.index + 1) + " of " + items.length;
      } else {
        items.forEach(function (q) { list.appendChild(card(q)); });
        status.textContent = items.length + " questions";
      }
      root.querySelector("#qa-quiz-prev").disabled = state.mode !== "one" || state.index === 0;
      root.querySelector("#qa-quiz-next").disabled = state.mode !== "one" || state.index >= items.length - 1;
    }

    function filter() {
      state.shown = state.all.filter(function (q) {
        return (!section.value || q.section === section.value) && (!difficulty.value || q.difficulty === difficulty.value);
      });
      state.index = 0;
      render();
    }

    section.addEventListener("change", filter);
    difficulty.addEventListener("change", filter);
    mode.addEventListener("change", function () { state.mode = mode.value; render(); });
    root.querySelector("#qa-quiz-shuffle").addEventListener("click", function () { shuffle(state.shown); state.index = 0; render(); });
    root.querySelector("#qa-quiz-prev").addEventListener("click", function () { state.index--; render(); });
    root.querySelector("#qa-quiz-next").addEventListener("click", function () { state.index++; render(); });

    fetch(base + "questions.json")
      .then(function (r) { return r.json(); })
      .then(function (data) { state.all = data; filter(); })
      .catch(function () { status.textContent = "Could not load the questions."; });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(onPage);
  } else {
    document.addEventListener("DOMContentLoaded", onPage);
  }
})();
