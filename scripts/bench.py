"""Performance figures for the site and its test suite: `make bench` (`python scripts/bench.py`).

Prints one line per figure and writes them all to bench/results.json. A figure whose
measurement fails is printed as an error; the others still run, and the exit status is 0
whatever the figures are. `--quick` runs the program suites on a sample of 12 programs (six
TensorFlow, six PyTorch) instead of all of them.

1. build: cold (fresh process, no bytecode cache for scripts/), warm (median of 3), warm
   without the link checker, and the split between `qa check` and `mkdocs build`.
2. serve: `mkdocs serve` on a copy of snippets/ (QA_SNIPPETS); seconds from an edit of a
   question.md to the page served with the change (median of 3).
3. suites: every program in a fresh interpreter one at a time (naive) against the project's
   way (fork servers, 2 workers), cache off.
4. cached suite: every program a cache hit, against the cold project suite.
5. page weight: gzipped HTML + the CSS, JS and fonts each question page loads before first
   paint; search index size.
6. search: latency from input to rendered results in Chromium, and the rank of the expected page.
7. Lighthouse 12.2.3 (bench/node_modules), mobile preset, on the home page and three questions.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import html.parser
import http.server
import io
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts.qa import model, runner  # noqa: E402
from scripts.qa.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

PY = sys.executable
RESULTS = ROOT / "bench" / "results.json"
LIGHTHOUSE_VERSION = "12.2.3"
LIGHTHOUSE_PAGES = ["", "questions/torch-no-grad/", "questions/quantization-and-pruning/", "questions/dataloader/"]
LIGHTHOUSE_CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
EDIT_PAGE = "20-torch-no-grad"
#: Query -> slug of the page that should come first (None: latency only).
SEARCH_BATTERY = {
    "no_grad": "torch-no-grad",
    "GradientTape": "autograd-and-gradienttape",
    "int8": "fp32-fp16-int8",
    "DataLoader": "dataloader",
    "tensor": None,
    "quantization": "quantization-and-pruning",
    "ONNX": "onnx",
    "eval": "eval-vs-train-mode",
    "SavedModel": "savedmodel-format",
    "torch.compile": "optimizing-for-deployment",
}
FONT_SUFFIXES = (".woff2", ".woff", ".ttf", ".otf", ".eot")
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")

results: dict[str, dict] = {}
_state: dict = {}


# ---------------------------------------------------------------- helpers


def report(key: str, line: str, **values) -> None:
    """Print one figure and keep its values for results.json."""
    print(f"{key}: {line}", flush=True)
    results[key] = {"line": line, **values}


def measure(key: str):
    """Run a figure; a crash prints the figure as an error instead of stopping the others."""

    def wrap(fn):
        @functools.wraps(fn)
        def run(*args, **kwargs):
            try:
                return fn(*args, **kwargs)
            except Exception as exc:  # noqa: BLE001 - one figure's failure must not stop the rest
                detail = "".join(traceback.format_exception_only(exc)).strip()
                report(key, f"ERROR {detail}", error=detail, traceback=traceback.format_exc())
                return None

        return run

    return wrap


def median(values):
    return statistics.median(values) if values else None


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9, mtime=0))


def kb(n: float) -> str:
    return f"{n / 1024:.1f} KB"


def verdict(value, target: float, at_most: bool = True) -> str:
    if value is None:
        return "n/a"
    ok = value <= target if at_most else value >= target
    return "ok" if ok else "MISS"


@contextlib.contextmanager
def environ(**changes):
    """Set (a string) or unset (None) environment variables for the block."""
    saved = {k: os.environ.get(k) for k in changes}
    try:
        _set_environ(changes)
        yield
    finally:
        _set_environ(saved)


def _set_environ(values: dict) -> None:
    for k, v in values.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def timed(cmd: list[str], env: dict | None = None, timeout: float = 900) -> float:
    """Seconds one command took; raises with its last output lines when it fails."""
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-15:])
        raise RuntimeError(f"{' '.join(cmd[1:4])} exited {proc.returncode}:\n{tail}")
    return seconds


def build_env(**extra: str) -> dict:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("QA_SNIPPETS", None)
    env.update(extra)
    return env


def built_site() -> Path:
    """The real site (link checker on), built by figure 1 or here if that failed."""
    if "site" not in _state:
        site = Path(tempfile.mkdtemp(prefix="qa-bench-")) / "site"
        timed([PY, "-m", "scripts.qa", "build", "--site-dir", str(site)], build_env())
        _state["site"] = site
    return _state["site"]


# ---------------------------------------------------------------- 1. build


@measure("build")
def bench_build() -> None:
    work = Path(tempfile.mkdtemp(prefix="qa-bench-"))
    site = work / "site"
    cmd = [PY, "-m", "scripts.qa", "build", "--site-dir", str(site)]
    # The only build cache is Python's bytecode for scripts/ (.cache/ holds the runner's caches).
    for cache in (ROOT / "scripts").rglob("__pycache__"):
        shutil.rmtree(cache, ignore_errors=True)
    cold = timed(cmd, build_env())
    _state["site"] = site
    warm = median([timed(cmd, build_env()) for _ in range(3)])
    nolink_cmd = [PY, "-m", "scripts.qa", "build", "--site-dir", str(work / "site-nolink")]
    nolink = median([timed(nolink_cmd, build_env(QA_LINK_CHECK="false")) for _ in range(3)])
    check = median([timed([PY, "-m", "scripts.qa", "check"], build_env()) for _ in range(3)])
    mk_cmd = [PY, "-m", "mkdocs", "build", "--strict", "--clean", "-q", "-d", str(work / "site-mkdocs")]
    mk = median([timed(mk_cmd, build_env(QA_SNIPPETS=str(ROOT / "snippets"))) for _ in range(3)])
    report("build.cold", f"{cold:.2f} s (fresh process, no bytecode cache for scripts/)", seconds=cold)
    report(
        "build.warm",
        f"{warm:.2f} s (median of 3; qa check {check:.2f} s + mkdocs build {mk:.2f} s, each its own process) [target <= 2 s: {verdict(warm, 2)}]",
        seconds=warm,
        qa_check_seconds=check,
        mkdocs_build_seconds=mk,
    )
    report("build.warm_no_link_check", f"{nolink:.2f} s (QA_LINK_CHECK=false, median of 3)", seconds=nolink)


# ---------------------------------------------------------------- 2. serve


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return None


@measure("serve.edit")
def bench_serve() -> None:
    work = Path(tempfile.mkdtemp(prefix="qa-bench-serve-"))
    snippets = work / "snippets"
    shutil.copytree(ROOT / "snippets", snippets)
    question = snippets / EDIT_PAGE / "question.md"
    slug = EDIT_PAGE.partition("-")[2]
    port = free_port()
    url = f"http://127.0.0.1:{port}/questions/{slug}/"
    log = (work / "serve.log").open("w")
    cmd = [PY, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-w", str(snippets), "-f", str(ROOT / "mkdocs.yml")]
    env = build_env(QA_LINK_CHECK="false", QA_SNIPPETS=str(snippets))
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        while _get(url) is None:
            if proc.poll() is not None or time.perf_counter() - start > 300:
                raise RuntimeError("mkdocs serve did not serve the page:\n" + (work / "serve.log").read_text()[-2000:])
            time.sleep(0.1)
        first = time.perf_counter() - start
        latencies = []
        for i in range(3):
            time.sleep(1.5)  # let the server settle after the previous rebuild
            marker = f"qa-bench-edit-{os.getpid()}-{i}"
            with question.open("a", encoding="utf-8") as f:
                f.write(f"\n{marker}\n")
            edited = time.perf_counter()
            while marker not in (_get(url) or ""):
                if time.perf_counter() - edited > 120 or proc.poll() is not None:
                    raise RuntimeError("the edit never showed up:\n" + (work / "serve.log").read_text()[-2000:])
                time.sleep(0.02)
            latencies.append(time.perf_counter() - edited)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()
        shutil.rmtree(work, ignore_errors=True)
    value = median(latencies)
    report(
        "serve.edit",
        f"{value:.2f} s from saving question.md to the page served with the change "
        f"(median of 3: {', '.join(f'{x:.2f}' for x in latencies)}; first page {first:.1f} s after start) "
        f"[target <= 1.5 s: {verdict(value, 1.5)}]",
        seconds=value,
        runs=latencies,
        startup_seconds=first,
    )


# ---------------------------------------------------------------- 3, 4. suites


def all_programs(quick: bool) -> list[tuple[model.Question, model.Program]]:
    questions = model.load_all(ROOT / "snippets")
    pairs = sorted(((q, p) for q in questions for p in q.programs.values()), key=lambda qp: str(qp[1].path))
    if not quick:
        return pairs
    sample = []
    for framework in ("tensorflow", "pytorch"):
        mine = [qp for qp in pairs if qp[1].framework == framework]
        step = max(1, len(mine) // 6)
        sample += mine[::step][:6]
    return sample


def _run_suite(pairs, jobs: int, fn) -> tuple[float, list]:
    start = time.perf_counter()
    try:
        if jobs == 1:
            out = [fn(q, p) for q, p in pairs]
        else:
            with ThreadPoolExecutor(max_workers=jobs) as pool:
                out = list(pool.map(lambda qp: fn(*qp), pairs))
    finally:
        runner.close_servers()
    return time.perf_counter() - start, out


def _failed(out) -> str:
    bad = [r for r in out if not r.ok]
    return f", {len(bad)} FAILED ({', '.join(r.program.path.name for r in bad[:5])})" if bad else ""


@measure("suite.naive")
def bench_naive(pairs) -> None:
    with environ(QA_CACHE="0"):
        seconds, out = _run_suite(pairs, 1, lambda q, p: runner.run_program(p, q.timeout, mode="fresh"))
    _state["naive"] = seconds
    report(
        "suite.naive",
        f"{seconds:.1f} s for {len(pairs)} programs (fresh interpreter each, one at a time, cache off{_failed(out)})",
        seconds=seconds,
        programs=len(pairs),
        failed=sum(not r.ok for r in out),
    )


@measure("suite.project")
def bench_project(pairs) -> None:
    with environ(QA_CACHE="0"):
        seconds, out = _run_suite(pairs, 2, lambda q, p: runner.run_program(p, q.timeout, mode="fork"))
    _state["project"] = seconds
    _state["project_results"] = {r.program.path: r for r in out if r.ok}
    naive = _state.get("naive")
    ratio = naive / seconds if naive else None
    ratio_text = f"; naive/project {ratio:.2f}x [target >= 2x: {verdict(ratio, 2, at_most=False)}]" if ratio else ""
    report(
        "suite.project",
        f"{seconds:.1f} s for {len(pairs)} programs (fork servers, 2 workers, cache off{_failed(out)}){ratio_text}",
        seconds=seconds,
        programs=len(pairs),
        failed=sum(not r.ok for r in out),
        ratio_naive_over_project=ratio,
    )


@measure("suite.cached")
def bench_cached(pairs) -> None:
    # The populating run stores the cold project run's results (the same a real run stores)
    # and runs only the programs that run lacks: the suite twice more would take many minutes.
    earlier = _state.get("project_results", {})
    real_run = runner.run_program

    def run_or_reuse(program, timeout, *args, **kwargs):
        return earlier.get(program.path) or real_run(program, timeout, *args, **kwargs)

    with environ(QA_CACHE=None, CI=None):
        runner.run_program = run_or_reuse
        try:
            populate, out = _run_suite(pairs, 2, lambda q, p: runner.cached_run(p, q.timeout))
        finally:
            runner.run_program = real_run
        misses = sum(not r.cached for r in out)
        reused = sum(not r.cached and r.program.path in earlier for r in out)
        runs = []
        for _ in range(3):
            seconds, out = _run_suite(pairs, 2, lambda q, p: runner.cached_run(p, q.timeout))
            runs.append(seconds)
    hits = sum(r.cached for r in out)
    seconds = median(runs)
    project = _state.get("project")
    ratio = project / seconds if project else None
    ratio_text = f"; project cold/cached {ratio:.0f}x [target >= 20x: {verdict(ratio, 20, at_most=False)}]" if ratio else ""
    report(
        "suite.cached",
        f"{seconds:.2f} s with {hits} of {len(pairs)} programs cache hits (median of 3; populating run {populate:.1f} s, "
        f"{misses} misses, {reused} of them stored from the cold project run){ratio_text}",
        seconds=seconds,
        hits=hits,
        programs=len(pairs),
        populate_seconds=populate,
        populate_misses=misses,
        populate_reused=reused,
        ratio_project_over_cached=ratio,
    )


# ---------------------------------------------------------------- 5. page weight


class _Resources(html.parser.HTMLParser):
    """Stylesheets and blocking scripts a page loads before first paint."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "link" and "stylesheet" in (a.get("rel") or "").split() and a.get("href"):
            self.urls.append(a["href"])
        elif tag == "script" and a.get("src") and "async" not in a and "defer" not in a and a.get("type") != "module":
            self.urls.append(a["src"])


def _local(site: Path, page_url: str, ref: str) -> Path | None:
    """The file under `site` that `ref` (relative to `page_url`) names; None when external."""
    absolute = urllib.parse.urljoin("http://site/" + page_url, ref)
    parts = urllib.parse.urlsplit(absolute)
    if parts.netloc != "site":
        return None
    path = site / urllib.parse.unquote(parts.path).lstrip("/")
    return path / "index.html" if path.is_dir() else path


def _css_fonts(site: Path, css_path: Path) -> list[Path]:
    text = css_path.read_text(encoding="utf-8", errors="replace")
    rel = css_path.relative_to(site).as_posix()
    fonts = []
    for ref in re.findall(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)", text):
        if ref.split("?")[0].split("#")[0].lower().endswith(FONT_SUFFIXES):
            path = _local(site, rel, ref)
            if path and path.is_file():
                fonts.append(path)
    return fonts


def page_weight(site: Path, page_url: str) -> dict:
    page = site / page_url / "index.html"
    text = page.read_text(encoding="utf-8")
    parser = _Resources()
    parser.feed(text)
    assets: dict[str, int] = {}
    for ref in parser.urls:
        path = _local(site, page_url, ref)
        if path is None:
            assets[ref] = 0  # external: not counted, but listed
            continue
        if not path.is_file():
            raise FileNotFoundError(f"{page_url} loads {ref}, which the site lacks")
        assets[path.relative_to(site).as_posix()] = gz(path.read_bytes())
        if path.suffix == ".css":
            for font in _css_fonts(site, path):
                assets[font.relative_to(site).as_posix()] = gz(font.read_bytes())
    html_gz = gz(text.encode("utf-8"))
    return {"html": html_gz, "assets": assets, "total": html_gz + sum(assets.values())}


@measure("page_weight")
def bench_page_weight() -> None:
    site = built_site()
    questions = model.load_all(ROOT / "snippets")
    weights = {q.url: page_weight(site, q.url) for q in questions}
    totals = [w["total"] for w in weights.values()]
    biggest = max(weights, key=lambda u: weights[u]["total"])
    shared = weights[biggest]["assets"]
    med = median(totals)
    report(
        "page_weight",
        f"max {kb(max(totals))} ({biggest}), median {kb(med)} gzipped over {len(totals)} question pages: "
        f"HTML median {kb(median([w['html'] for w in weights.values()]))} + CSS/JS {kb(sum(shared.values()))} "
        f"({', '.join(f'{Path(k).name} {kb(v)}' for k, v in sorted(shared.items(), key=lambda kv: -kv[1]))}) "
        f"[target <= 55 KB: {verdict(max(totals), 55 * 1024)}]",
        max_bytes=max(totals),
        median_bytes=med,
        pages={u: w["total"] for u, w in weights.items()},
        html_bytes={u: w["html"] for u, w in weights.items()},
        assets=shared,
    )
    index = site / "search" / "search_index.json"
    data = index.read_bytes()
    report("search_index", f"{len(data):,} bytes, {gz(data):,} gzipped", bytes=len(data), gzipped=gz(data))
    files = [p for p in site.rglob("*") if p.is_file()]
    size = sum(p.stat().st_size for p in files)
    report("site_size", f"{size:,} bytes in {len(files)} files", bytes=size, files=len(files))


# ---------------------------------------------------------------- static server with gzip


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site like a static host: index.html for folders, gzip when asked for."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".js": "text/javascript", ".json": "application/json"}
    _cache: dict = {}
    _lock = threading.Lock()

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                self.send_response(301)
                parts = urllib.parse.urlsplit(self.path)
                self.send_header("Location", urllib.parse.urlunsplit(parts._replace(path=parts.path + "/")))
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            path = path / "index.html"
        status = 200
        if not path.is_file():
            status, path = 404, Path(self.directory) / "404.html"
            if not path.is_file():
                self.send_error(404)
                return None
        ctype = self.guess_type(str(path))
        data = path.read_bytes()
        encoding = None
        if "gzip" in self.headers.get("Accept-Encoding", "") and ctype.startswith(COMPRESSIBLE):
            key = (str(path), path.stat().st_mtime_ns)
            with self._lock:
                packed = self._cache.get(key)
                if packed is None:
                    packed = self._cache[key] = gzip.compress(data, compresslevel=9, mtime=0)
            data, encoding = packed, "gzip"
        self.send_response(status)
        self.send_header("Content-Type", ctype + ("; charset=utf-8" if ctype.startswith("text/") else ""))
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "max-age=600")
        self.send_header("Vary", "Accept-Encoding")
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.end_headers()
        return io.BytesIO(data)


@contextlib.contextmanager
def serve(site: Path):
    """The site on http://127.0.0.1:<free port>/, gzip-capable."""
    handler = functools.partial(_GzipHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


# ---------------------------------------------------------------- 6. search

#: Notes when each message from the search worker arrives, to split latency into worker and rendering.
WORKER_CLOCK = """
(() => {
  const Base = window.Worker;
  window.__qaWorkerMessages = [];
  window.Worker = class extends Base {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", () => window.__qaWorkerMessages.push(performance.now()));
    }
  };
})();
"""

SEARCH_JS = """
async ({queries, rounds}) => {
  const input = document.querySelector("input.md-search__input");
  const list = document.querySelector(".md-search-result__list");
  const sleep = ms => new Promise(r => setTimeout(r, ms));
  // Material listens for keyup; the input event is what a browser sends on typing.
  const fire = value => {
    input.value = value;
    input.dispatchEvent(new Event("input", {bubbles: true}));
    input.dispatchEvent(new KeyboardEvent("keyup", {bubbles: true}));
  };
  const arrivals = window.__qaWorkerMessages || [];
  const out = [];
  for (let round = 0; round < rounds; round++) {
    for (const query of queries) {
      fire("");
      await sleep(200);
      const seen = arrivals.length;
      let t0 = 0;
      const ms = await new Promise(resolve => {
        const observer = new MutationObserver(records => {
          if (records.some(r => r.addedNodes.length)) {
            const t = performance.now() - t0;
            observer.disconnect();
            clearTimeout(timer);
            resolve(t);
          }
        });
        const timer = setTimeout(() => { observer.disconnect(); resolve(null); }, 5000);
        observer.observe(list, {childList: true, subtree: true});
        t0 = performance.now();
        fire(query);
      });
      const worker = arrivals.length > seen ? arrivals[seen] - t0 : null;
      await sleep(300);
      const hits = [...list.querySelectorAll(":scope > .md-search-result__item")].map(li => {
        const a = li.querySelector("a");
        return a ? new URL(a.href).pathname : null;
      });
      out.push({query, ms, worker, hits});
    }
  }
  fire("");
  return out;
}
"""


@measure("search")
def bench_search() -> None:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise FileNotFoundError(f"{CHROMIUM} not found (make chromium installs it)")
    site = built_site()
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.add_init_script(WORKER_CLOCK)
            page.goto(base, wait_until="load")
            page.locator("input.md-search__input").click()
            ready = time.perf_counter()
            page.wait_for_function(
                "() => { const m = document.querySelector('.md-search-result__meta');"
                " return m && m.textContent.trim() && !/initializ/i.test(m.textContent); }",
                timeout=60000,
            )
            ready = time.perf_counter() - ready
            runs = page.evaluate(SEARCH_JS, {"queries": list(SEARCH_BATTERY), "rounds": 3})
        finally:
            browser.close()
    per_query: dict[str, dict] = {}
    for run in runs:
        entry = per_query.setdefault(run["query"], {"ms": [], "worker": [], "rank": None, "top": None})
        entry["ms"].append(run["ms"])
        entry["worker"].append(run["worker"])
        if entry["top"] is None:
            hits = run["hits"]
            entry["top"] = hits[:3]
            slug = SEARCH_BATTERY[run["query"]]
            if slug:
                want = f"/questions/{slug}/"
                entry["rank"] = next((i + 1 for i, h in enumerate(hits) if h == want), None)
    timings = [ms for e in per_query.values() for ms in e["ms"]]
    if any(ms is None for ms in timings):
        missing = sorted(q for q, e in per_query.items() if None in e["ms"])
        raise RuntimeError(f"no results rendered within 5 s for: {', '.join(missing)}")
    value = median(timings)
    worker = median([ms for e in per_query.values() for ms in e["worker"] if ms is not None])
    split = f", of which the worker's answer {worker:.1f} ms" if worker is not None else ""
    report(
        "search.latency",
        f"median {value:.1f} ms from input to rendered results{split}, over {len(SEARCH_BATTERY)} queries x 3 "
        f"(max {max(timings):.1f} ms; index ready {ready:.1f} s after opening search) [target <= 10 ms: {verdict(value, 10)}]",
        median_ms=value,
        worker_median_ms=worker,
        max_ms=max(timings),
        ready_seconds=ready,
        queries={q: {"median_ms": median(e["ms"]), "ms": e["ms"], "worker_ms": e["worker"]} for q, e in per_query.items()},
    )
    graded = {q: e for q, e in per_query.items() if SEARCH_BATTERY[q]}
    first = sum(e["rank"] == 1 for e in graded.values())
    misses = [f"{q}: rank {e['rank'] or '>10'} (top {', '.join(map(str, e['top'][:2]))})" for q, e in graded.items() if e["rank"] != 1]
    report(
        "search.battery",
        f"{first} of {len(graded)} first" + (f"; {'; '.join(misses)}" if misses else ""),
        first=first,
        graded=len(graded),
        ranks={q: e["rank"] for q, e in graded.items()},
        top={q: e["top"] for q, e in per_query.items()},
    )


# ---------------------------------------------------------------- 7. Lighthouse


def lighthouse_bin() -> Path:
    prefix = ROOT / "bench"
    binary = prefix / "node_modules" / ".bin" / "lighthouse"
    if binary.exists():
        return binary
    npm = shutil.which("npm")
    if not npm:
        raise RuntimeError("npm not found: Lighthouse cannot be installed")
    print(f"installing lighthouse@{LIGHTHOUSE_VERSION} into bench/node_modules", flush=True)
    proc = subprocess.run(
        [npm, "install", "--prefix", str(prefix), "--no-audit", "--no-fund", "-E", f"lighthouse@{LIGHTHOUSE_VERSION}"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if proc.returncode != 0 or not binary.exists():
        raise RuntimeError(f"npm install lighthouse@{LIGHTHOUSE_VERSION} failed: {(proc.stdout + proc.stderr).strip()[-1500:]}")
    return binary


def lighthouse_once(binary: Path, url: str, out: Path) -> dict:
    env = dict(os.environ, CHROME_PATH=CHROMIUM)
    cmd = [
        str(binary),
        url,
        "--output=json",
        f"--output-path={out}",
        "--quiet",
        f"--only-categories={','.join(LIGHTHOUSE_CATEGORIES)}",
        f"--chrome-flags={' '.join(CHROMIUM_ARGS)}",
    ]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    if proc.returncode != 0 or not out.is_file():
        raise RuntimeError(f"lighthouse exited {proc.returncode}: {(proc.stdout + proc.stderr).strip()[-1500:]}")
    data = json.loads(out.read_text(encoding="utf-8"))
    if data.get("runtimeError"):
        raise RuntimeError(f"lighthouse runtime error: {data['runtimeError']}")
    scores = {k: data["categories"][k]["score"] for k in LIGHTHOUSE_CATEGORIES}
    if any(v is None for v in scores.values()):
        raise RuntimeError(f"lighthouse gave no score: {scores}; warnings: {data.get('runWarnings')}")
    weighted = {ref["id"] for cat in data["categories"].values() for ref in cat["auditRefs"] if ref.get("weight")}
    failing = sorted(k for k, a in data["audits"].items() if k in weighted and a.get("score") is not None and a["score"] < 0.9)
    return {"scores": {k: round(v * 100) for k, v in scores.items()}, "failing": failing, "warnings": data.get("runWarnings", [])}


@measure("lighthouse")
def bench_lighthouse() -> None:
    if not Path(CHROMIUM).exists():
        raise FileNotFoundError(f"{CHROMIUM} not found (make chromium installs it)")
    binary = lighthouse_bin()
    site = built_site()
    work = Path(tempfile.mkdtemp(prefix="qa-bench-lh-"))
    pages = {}
    try:
        with serve(site) as base:
            for page in LIGHTHOUSE_PAGES:
                key = f"lighthouse /{page}"
                try:
                    runs = [lighthouse_once(binary, base + page, work / f"run{i}.json") for i in range(3)]
                except Exception as exc:  # noqa: BLE001
                    report(key, f"ERROR {exc}", error=str(exc))
                    continue
                scores = {c: median([r["scores"][c] for r in runs]) for c in LIGHTHOUSE_CATEGORIES}
                failing = sorted({a for r in runs for a in r["failing"]})
                warnings = sorted({w.split(".")[0] for r in runs for w in r["warnings"]})
                pages[page] = scores
                line = ", ".join(f"{c} {scores[c]:g}" for c in LIGHTHOUSE_CATEGORIES) + " (median of 3; target 100 each)"
                if failing:
                    line += f"; below 90 in some run: {', '.join(failing)}"
                report(key, line, scores=scores, runs=[r["scores"] for r in runs], failing=failing, warnings=warnings)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if not pages:
        raise RuntimeError("no page could be audited")


# ---------------------------------------------------------------- main

FIGURES = ("build", "serve", "suite", "weight", "search", "lighthouse")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/bench.py", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="program suites on a sample of 12 programs")
    parser.add_argument(
        "--only",
        default=",".join(FIGURES),
        help=f"comma-separated figures to measure (default all: {','.join(FIGURES)}); results.json then holds only these",
    )
    args = parser.parse_args(argv)
    only = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = sorted(set(only) - set(FIGURES))
    if unknown:
        parser.error(f"unknown figure(s) {', '.join(unknown)}; choose from {', '.join(FIGURES)}")
    started = time.time()
    os.chdir(ROOT)
    print(
        f"bench: {platform.node()}, {os.cpu_count()} CPUs, Python {platform.python_version()}{', quick' if args.quick else ''}", flush=True
    )

    if "build" in only:
        bench_build()
    if "serve" in only:
        bench_serve()
    if "suite" in only:
        pairs = measure("suite")(all_programs)(args.quick)
        if pairs:
            bench_naive(pairs)
            bench_project(pairs)
            bench_cached(pairs)
    if "weight" in only:
        bench_page_weight()
    if "search" in only:
        bench_search()
    if "lighthouse" in only:
        bench_lighthouse()
    shutil.rmtree(_state.get("site", Path("/nonexistent")).parent, ignore_errors=True)

    meta = {
        "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "quick": args.quick,
        "only": only,
        "seconds": round(time.time() - started, 1),
    }
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps({"meta": meta, "figures": results}, indent=2) + "\n", encoding="utf-8")
    print(f"bench: {meta['seconds']:.0f} s; figures in {RESULTS.relative_to(ROOT)}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
