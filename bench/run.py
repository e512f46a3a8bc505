"""Measure what the quizzes cost: the client's size (raw and gzip) and the build time with and
without the quizzes. Rerun with `./run bench`; nothing here is asserted, only printed.

Usage: python bench/run.py [--runs N]
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLIENT = [ROOT / "docs/assets/quiz/quiz.js", ROOT / "docs/assets/quiz/quiz.css"]
BUDGET_GZIP = 8 * 1024


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9))


def client_size(site: Path) -> None:
    print("Quiz client: a separate file, fetched once and cached (hashed name); never inlined")
    print(f"{'file':<36}{'raw':>10}{'gzip -9':>10}")
    shipped = sorted((site / "assets" / "quiz").glob("quiz.*.min.*"))
    for label, paths in (("source", CLIENT), ("shipped (minified)", shipped)):
        total_raw = total_gz = 0
        for path in paths:
            data = path.read_bytes()
            total_raw += len(data)
            total_gz += gz(data)
            print(f"{path.name:<36}{len(data):>10,}{gz(data):>10,}")
        print(f"{label + ', together':<36}{total_raw:>10,}{total_gz:>10,}")
    print(
        f"budget for what ships: {BUDGET_GZIP:,} gzip: "
        f"{'within' if total_gz <= BUDGET_GZIP else 'OVER'}"
    )


def markup_per_question(site: Path) -> None:
    """What the quiz markup costs a question on top of its own text: the bytes of the quiz
    sections' tags and attributes (not their text), over every module page, per question."""
    from html.parser import HTMLParser

    class Text(HTMLParser):
        size = 0

        def handle_data(self, data: str) -> None:
            self.size += len(data.encode())

    questions = markup = 0
    for page in sorted(site.glob("modules/*/index.html")):
        html = page.read_text(encoding="utf-8")
        for section in re.findall(r'<section class="quiz".*?</section>', html, flags=re.S):
            text = Text()
            text.feed(section)
            questions += section.count('class="quiz__question"')
            markup += len(section.encode()) - text.size
    print(
        f"Quiz markup: {markup / max(questions, 1):,.0f} bytes a question on top of its text "
        f"({questions} questions; raw, before gzip)"
    )


def copy_project(dest: Path, with_quizzes: bool = True) -> Path:
    """The course's sources copied to `dest` (not the venv, builds, caches or the Lighthouse
    bench's 176 MB of node_modules), with or without its quizzes."""
    ignore = shutil.ignore_patterns(
        ".venv", "site", ".git", "__pycache__", ".pytest_cache", "node_modules"
    )
    shutil.copytree(ROOT, dest, ignore=ignore)
    if not with_quizzes:
        for quiz in (dest / "quizzes").glob("*.yml"):
            quiz.unlink()
        for page in (dest / "docs").rglob("*.md"):
            text = page.read_text(encoding="utf-8")
            page.write_text(re.sub(r"<!--\s*quiz:[^>]*-->", "", text), encoding="utf-8")
    return dest


def build_seconds(project: Path, runs: int) -> list[float]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(project / "site")],
            cwd=project,
            env=env,
            check=True,
            capture_output=True,
        )
        times.append(time.perf_counter() - start)
    return times


def build_times(runs: int) -> None:
    print(f"\nmkdocs build --strict, whole course, median of {runs} runs (after one warm-up)")
    with tempfile.TemporaryDirectory() as tmp:
        rows = {}
        client_printed = False
        for label, with_quizzes in (("with quizzes", True), ("without quizzes", False)):
            project = copy_project(Path(tmp) / label.replace(" ", "-"), with_quizzes)
            build_seconds(project, 1)  # warm-up: jieba's cache, Python's bytecode
            if not client_printed:
                client_size(project / "site")
                markup_per_question(project / "site")
                page_budget(project / "site")
                client_printed = True
                print()
            rows[label] = statistics.median(build_seconds(project, runs))
        for label, seconds in rows.items():
            print(f"{label:<20}{seconds:>8.2f} s")
        extra = rows["with quizzes"] - rows["without quizzes"]
        print(f"{'the quizzes add':<20}{extra:>8.2f} s")


def page_budget(site: Path, module: str = "four-p-to-four-c") -> None:
    """What a module page transfers on a first visit (gzip, as GitHub Pages serves it)."""
    page = site / "modules" / module / "index.html"
    html = page.read_text(encoding="utf-8")
    urls = re.findall(r'<(?:script[^>]* src|link[^>]* href|img[^>]* src)="([^"]+)"', html)
    files = {"(the page)": page}
    for url in urls:
        if "://" in url or url.startswith(("data:", "#")):
            continue
        target = (page.parent / url.split("#")[0]).resolve()
        if target.is_dir():
            target = target / "index.html"
        if target.is_file() and target.suffix != ".html":
            files[str(target.relative_to(site))] = target
    # fetched by the scripts: Material's search worker, the sitemap. The search index is not:
    # it waits for a first search (hooks/speed/search_on_demand.py), and the service worker keeps
    # it in the background once the page has loaded.
    workers = [str(p.relative_to(site)) for p in (site / "assets/javascripts/workers").glob("*.js")]
    for extra in ["sitemap.xml", "manifest.webmanifest", *workers]:
        files[extra] = site / extra
    rows = sorted(((gz(p.read_bytes()), name) for name, p in files.items()), reverse=True)
    total = sum(size for size, _ in rows)
    print(f"\nFirst visit to modules/{module}/: {total:,} bytes gzip in {len(rows)} files")
    for size, name in rows:
        print(f"{size:>10,}  {name}")
    index = site / "search" / "search_index.json"
    print(
        f"{gz(index.read_bytes()):>10,}  search/search_index.json: on a first search, or kept "
        "by the service worker after the page has loaded"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    build_times(args.runs)


if __name__ == "__main__":
    main()
