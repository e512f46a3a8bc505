"""How long a trainer waits under `mkdocs serve`: from saving a file to the page showing the
change. Runs what `./run serve` runs on a copy of the course, then edits a quiz question, a
module page's text, a glossary definition and an English page, each again and again, and times two things:
until the server sends the new page (polled over HTTP), and until a phone-sized Chromium tab
that has the page open paints the new page (MkDocs' live reload reloads the tab; this is what
the trainer sees). The paint is the reloaded page's own
first-contentful-paint time, on the same clock as the save.

Usage: python bench/serve_reload.py [--runs N]   (or ./run bench)
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from run import copy_project  # bench/run.py, beside this script

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
MODULE = "service-course/modules/four-p-to-four-c/"
# What is edited: the file, the text a marker is put after, the page that shows it.
# The last, an English page under the Chinese `./run serve`, is the other edition rebuilt
# beside it (hooks/course/companions.py): served when that build is done, painted on the next
# reload (the tab's own live reload came with the Chinese rebuild, before it).
EDITS = [
    ("quizzes/four-p-to-four-c.yml", "    text:\n      zh: ", MODULE, True),
    ("docs/modules/four-p-to-four-c.md", "## 学习目标\n", MODULE, True),
    ("glossary.yml", "  definition: ", "service-course/glossary/", True),
    (
        "docs-en/modules/four-p-to-four-c.md",
        "## Learning objectives\n",
        "service-course/en/" + MODULE.split("/", 1)[1],
        False,
    ),
]


# In the tab: when the page holding `marker` first painted (ms since the epoch), or null.
PAINTED = """m => {
  const paint = performance.getEntriesByName("first-contentful-paint")[0];
  return document.body && document.body.textContent.includes(m) && paint ? performance.timeOrigin + paint.startTime
                                                        : null;
}"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def measure(project: Path, name: str, before: str, url: str, live: bool, tab, runs: int) -> None:
    """Save the file `name` `runs` times, each with a new marker after `before`; with `live`,
    also time the tab's own reload."""
    path = project / name
    tab.goto(url)
    original = path.read_text(encoding="utf-8")
    if before not in original:
        raise SystemExit(f"{name}: expected {before!r} to put a marker after, found none")
    served, shown = [], []
    print(f"./run serve: save {name} → {url.split('/', 3)[-1]} shows the change")
    for run in range(runs):
        marker = f"（修改 {run}）"
        time.sleep(1.5)  # let the server settle after the previous build
        start = time.time()
        path.write_text(original.replace(before, before + marker, 1), encoding="utf-8")
        while marker not in fetch(url):
            if time.time() > start + 120:
                raise SystemExit(f"{url}: the change was not served within 120 s")
            time.sleep(0.02)
        served.append(time.time() - start)
        if not live:
            print(f"  run {run + 1}: served {served[-1]:.2f} s", flush=True)
            continue
        tab.wait_for_function(PAINTED, arg=marker, polling=20, timeout=30_000)
        shown.append(tab.evaluate(PAINTED, marker) / 1000 - start)
        print(
            f"  run {run + 1}: served {served[-1]:.2f} s, painted in the tab {shown[-1]:.2f} s",
            flush=True,
        )
    path.write_text(original, encoding="utf-8")
    painted = (
        f", painted {statistics.median(shown):.2f} s (slowest {max(shown):.2f} s)" if shown else ""
    )
    print(f"  median over {runs} runs: served {statistics.median(served):.2f} s{painted}\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        project = copy_project(Path(tmp) / "course")
        port = free_port()
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        env.pop("SITE_URL", None)
        serve = subprocess.Popen(  # what `./run serve` starts
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
            cwd=project,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}/"
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        try:
            deadline = time.time() + 120
            while "data-quiz" not in fetch(base + MODULE):
                if time.time() > deadline:
                    raise SystemExit("mkdocs serve did not come up")
                time.sleep(0.2)
            tab = browser.new_page(viewport={"width": 390, "height": 844})
            for name, before, page, live in EDITS:
                measure(project, name, before, base + page, live, tab, args.runs)
        finally:
            browser.close()
            serve.terminate()
            serve.wait(10)


if __name__ == "__main__":
    main()
