"""The command line: `python -m scripts.qa {check,build,outputs,new}`.

- `check`   validate every question folder and its recorded outputs (no frameworks needed).
- `build`   check, then `mkdocs build --strict` into a temporary folder and swap it into
            `site/` only on success, so a failed build leaves the previous site intact.
- `outputs` run programs and re-record their outputs (`--only` picks questions).
- `export`  write docs/ and mkdocs.yml to a folder, for builders without hooks (Zensical).
- `new`     scaffold a question folder.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from . import model, runner

ROOT = Path(__file__).resolve().parents[2]


def _fail(exc: model.QuestionError) -> int:
    print(f"error: {exc}", file=sys.stderr)
    return 1


def _rel(path: Path) -> Path:
    try:
        return path.resolve().relative_to(Path.cwd())
    except ValueError:
        return path


def cmd_check(args) -> int:
    try:
        questions = model.load_all(args.snippets, draft=os.environ.get("QA_DRAFT") == "1")
    except model.QuestionError as exc:
        return _fail(exc)
    programs = sum(len(q.programs) for q in questions)
    print(f"ok: {len(questions)} questions, {programs} programs, every recorded output matches its code")
    return 0


def cmd_build(args) -> int:
    rc = cmd_check(args)
    if rc:
        return rc
    site = Path(args.site_dir).resolve()
    tmp = Path(tempfile.mkdtemp(prefix=".site-", dir=site.parent))
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", QA_SNIPPETS=str(Path(args.snippets).resolve()))
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-f", str(args.config), "-d", str(tmp)]
    proc = subprocess.run(cmd, env=env)
    if proc.returncode != 0:
        shutil.rmtree(tmp, ignore_errors=True)
        print(f"error: mkdocs build failed; {site} was left as it was", file=sys.stderr)
        return 1
    old = site.with_name(site.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if site.exists():
        site.rename(old)
    tmp.rename(site)
    shutil.rmtree(old, ignore_errors=True)
    return 0


def _folder_matches(folder: Path, only: list[str]) -> bool:
    """True when `only` names this question folder: `03`, `3`, its slug or its folder name."""
    number, _, slug = folder.name.partition("-")
    keys = {folder.name, slug, number, number.lstrip("0")}
    return bool(keys & set(only))


def select(questions: list[model.Question], only: list[str]) -> list[tuple[model.Question, model.Program]]:
    """(question, program) pairs of the chosen questions (all when `only` is empty).

    Args:
        questions: loaded questions.
        only: numbers (`3` or `03`), slugs or folder names, as `make outputs ONLY=...` takes them.

    Returns:
        One pair per program of every chosen question, in question order.
    """
    return [(q, p) for q in questions if not only or _folder_matches(q.folder, only) for p in q.programs.values()]


def cmd_outputs(args) -> int:
    folders = [f for f in sorted(args.snippets.iterdir()) if f.is_dir() and not f.name.startswith((".", "_"))]
    if args.only:
        folders = [f for f in folders if _folder_matches(f, args.only)]
    try:
        questions = [model.load_question(f) for f in folders]
    except model.QuestionError as exc:
        return _fail(exc)
    pairs = select(questions, args.only)
    if not pairs:
        print("nothing to run", file=sys.stderr)
        return 1

    def run(pair):
        # Read the cache, never fill it: only runs that `runner.verify` accepted are stored.
        q, p = pair
        return q, runner.cache_load(p, q.timeout) or runner.run_program(p, q.timeout)

    failed = changed = 0
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        for q, result in pool.map(run, pairs):
            label = _rel(result.program.path)
            if not result.ok:
                failed += 1
                print(f"FAIL {label} ({result.seconds:.1f} s)\n{result.failure()}", file=sys.stderr)
                continue
            did = runner.record_result(q, result)
            changed += did
            timing = "cached" if result.cached else f"{result.seconds:.1f} s"
            print(f"{'recorded' if did else 'same    '} {label} ({timing})")
    print(f"{len(pairs)} programs: {changed} re-recorded, {len(pairs) - changed - failed} unchanged, {failed} failed")
    return 1 if failed else 0


QUESTION_BODY = """\
Explain the idea here.

@code tensorflow_main.py pytorch_main.py

## Pitfalls

## What interviewers listen for

## Follow-up questions

### What does an interviewer ask next?

## Further reading
"""


def cmd_new(args) -> int:
    folder = args.snippets / f"{args.number:02d}-{args.slug}"
    if folder.exists():
        print(f"error: {folder} already exists", file=sys.stderr)
        return 1
    folder.mkdir(parents=True)
    front = model.front_matter_template(number=str(args.number), slug=args.slug, title=args.title)
    (folder / "question.md").write_text(front + "\n" + QUESTION_BODY)
    (folder / "tensorflow_main.py").write_text("import tensorflow as tf\n\nprint(tf.constant([1, 2, 3]).numpy())\n")
    (folder / "pytorch_main.py").write_text("import torch\n\nprint(torch.tensor([1, 2, 3]).tolist())\n")
    print(f"created {folder}: edit question.md and the programs, then `make outputs ONLY={args.number}`")
    return 0


def cmd_export(args) -> int:
    from .export import export

    try:
        files = export(args.dest, args.snippets)
    except model.QuestionError as exc:
        return _fail(exc)
    print(f"exported {len(files)} files to {args.dest}/docs and {args.dest}/mkdocs.yml")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.qa", description=__doc__.splitlines()[0])
    parser.add_argument("--snippets", type=Path, default=ROOT / "snippets", help="the question folders")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="validate questions and recorded outputs")
    build = sub.add_parser("build", help="check, then build the site atomically into site/")
    build.add_argument("--site-dir", default=str(ROOT / "site"))
    build.add_argument("--config", default=str(ROOT / "mkdocs.yml"))
    outputs = sub.add_parser("outputs", help="run programs and re-record their outputs")
    outputs.add_argument("only", nargs="*", help="question numbers, slugs or folder names (default: all)")
    outputs.add_argument("-j", "--jobs", type=int, default=max(1, min(2, os.cpu_count() or 1)))
    export = sub.add_parser("export", help="write docs/ + mkdocs.yml for builders without hooks (Zensical)")
    export.add_argument("dest", type=Path)
    new = sub.add_parser("new", help="scaffold a question folder")
    new.add_argument("number", type=int)
    new.add_argument("slug")
    new.add_argument("title")
    args = parser.parse_args(argv)
    handler = {"check": cmd_check, "build": cmd_build, "outputs": cmd_outputs, "export": cmd_export, "new": cmd_new}[args.command]
    return handler(args)
