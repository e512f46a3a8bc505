"""How long a trainer waits under `mkdocs serve`: from saving a quiz file to the served page
showing the change. Runs what `./run serve` and `./run edit` run on a copy of the course, edits a
question, polls the page.

Usage: python bench/serve_reload.py [--runs N] [--command serve|edit]
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

ROOT = Path(__file__).resolve().parent.parent


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--command", choices=COMMANDS, default=None, help="default: both")
    args = parser.parse_args()
    for command in [args.command] if args.command else list(COMMANDS):
        measure(command, args.runs)


# What `./run serve` and `./run edit` start (see ./run).
COMMANDS = {
    "serve": ["-m", "mkdocs", "serve"],
    "edit": ["-m", "mkdocs", "serve", "-f", "mkdocs.edit.yml"],
}


def measure(command: str, runs: int) -> None:
    print(f"./run {command}")
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "course"
        shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(
            ".venv", "site", ".git", "node_modules", "__pycache__", ".pytest_cache"))
        port = free_port()
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        serve = subprocess.Popen(
            [sys.executable, *COMMANDS[command], "-a", f"127.0.0.1:{port}"],
            cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}/service-course/modules/four-p-to-four-c/"
        try:
            deadline = time.time() + 120
            while "data-quiz" not in fetch(url):
                if time.time() > deadline:
                    raise SystemExit("mkdocs serve did not come up")
                time.sleep(0.2)
            quiz = project / "quizzes" / "four-p-to-four-c.yml"
            original = quiz.read_text(encoding="utf-8")
            times = []
            for run in range(runs):
                marker = f"（修改 {run}）"
                text = original.replace("    text: ", f"    text: {marker}", 1)
                time.sleep(1.5)  # let the watcher settle after the previous build
                start = time.perf_counter()
                quiz.write_text(text, encoding="utf-8")
                while marker not in fetch(url):
                    time.sleep(0.05)
                times.append(time.perf_counter() - start)
                print(f"  run {run + 1}: {times[-1]:.2f} s", flush=True)
            print(f"  saving a quiz file → the served page shows it: median "
                  f"{statistics.median(times):.2f} s over {len(times)} runs\n")
        finally:
            serve.terminate()
            serve.wait(10)


if __name__ == "__main__":
    main()
