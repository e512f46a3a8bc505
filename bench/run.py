"""Measure what the quizzes cost: the client's size (raw and gzip), the quiz markup a question
costs, what a first visit to a module page downloads, and the build time with and without the
quizzes. Rerun with `./run bench`; nothing here is asserted, only printed.

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
# The quiz client's files in load order (strings first: they are the language's).
CLIENT_FILES = ["strings.zh", "store", "types", "quiz", "progress"]
BUDGET_GZIP = 6 * 1024


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9))


def client_size(site: Path) -> None:
    """The quiz client as written (one file per concern) and as shipped: each file minified,
    then all of the course's scripts joined into one cached file (hooks/speed/payload.py)."""
    print("Quiz client: one cached file with a hashed name, never inlined")
    print(f"{'file':<36}{'raw':>10}{'gzip -9':>10}")
    quiz = [ROOT / "docs" / "assets" / "quiz" / f"{name}.js" for name in CLIENT_FILES]
    minified = [next(site.glob(f"assets/quiz/{name}.*.min.js")) for name in CLIENT_FILES]
    for path in minified:
        data = path.read_bytes()
        print(f"{path.name:<36}{len(data):>10,}{gz(data):>10,}")
    for label, paths in (("source, together", quiz), ("minified, together", minified)):
        data = b"\n;".join(p.read_bytes() for p in paths)
        print(f"{label:<36}{len(data):>10,}{gz(data):>10,}")
    quiz_gz = gz(b"\n;".join(p.read_bytes() for p in minified))
    print(
        f"budget for the quiz client: {BUDGET_GZIP:,} gzip: "
        f"{'within' if quiz_gz <= BUDGET_GZIP else 'OVER'}"
    )
    stage = site / "assets" / "quiz" / "stage.js"  # the classroom stage: on first use only
    print(
        f"{'stage.js (loaded when first opened)':<36}{stage.stat().st_size:>10,}"
        f"{gz(stage.read_bytes()):>10,}"
    )
    [client] = site.glob("assets/client.*.min.js")
    data = client.read_bytes()
    print(f"{'shipped: ' + client.name + ' (with course.js)':<36}{len(data):>10,}{gz(data):>10,}")


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
        ".venv", "site", ".git", ".cache", "__pycache__", ".pytest_cache", "node_modules"
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
