"""Lighthouse (mobile) on every page of the course, served with gzip as GitHub Pages serves it.

Builds the site, serves site/ on 127.0.0.1 under /service-course/ with gzip and keep-alive,
runs Lighthouse (npm package in bench/lighthouse/, driving Debian's Chromium) several times per
page, and prints the median of the four category scores and of FCP, LCP, TBT, CLS and bytes per
page, then where a module page's bytes go. Rerun with `./run bench-lighthouse [--runs N]
[--en] [--modules] [pages…]` (--en: the English edition's pages, under en/; --modules: the
module pages only), which also installs a Chinese font (Debian's fonts-noto-cjk, as Android has) when
the machine has none: without one, laying out Chinese text costs several times what it costs
on a phone, and the scores measure the machine's missing font rather than the course.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent / "lighthouse"
BASE = "/service-course/"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
METRICS = {
    "FCP": "first-contentful-paint",
    "LCP": "largest-contentful-paint",
    "TBT": "total-blocking-time",
    "CLS": "cumulative-layout-shift",
}
GZIP_TYPES = (".html", ".css", ".js", ".json", ".svg", ".xml", ".webmanifest", ".txt")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """A static host as GitHub Pages is one: text compressed with gzip when asked for, and
    connections kept open between requests (HTTP/1.0's one connection per file would charge
    every stylesheet and script a TCP handshake that no real host makes a phone pay)."""

    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wants = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants and path.is_file() and path.suffix in GZIP_TYPES):
            return super().send_head()
        if (
            not self.path.split("?")[0].endswith("/")
            and path.name == "index.html"
            and not self.path.split("?")[0].endswith("index.html")
        ):
            return super().send_head()  # let the base class redirect /dir to /dir/
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return _Body(body)


class _Body:
    def __init__(self, data: bytes):
        self.data = data

    def read(self, *args) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


def build(out: Path, site_url: str) -> None:
    """Both editions, as `./run build` makes them: Chinese in out/, English in out/en/."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.update(SITE_URL=site_url, SITE_URL_EN=site_url + "en/")
    for config, where in (("mkdocs.yml", out), ("mkdocs.en.yml", out / "en")):
        subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config, "-d", str(where)],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )


def serve(site: Path, port: int) -> http.server.ThreadingHTTPServer:
    root = site.parent / "served"
    root.mkdir()
    (root / BASE.strip("/")).symlink_to(site, target_is_directory=True)
    handler = functools.partial(GzipHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def pages(site: Path) -> list[str]:
    """Home, every module, the dashboard, the glossary, sources, references and the trainer
    pages."""
    found = [""]
    found += sorted(f"modules/{p.name}/" for p in (site / "modules").iterdir() if p.is_dir())
    found += [
        "progress/",
        "notebook/",
        "exam/",
        "certificate/",
        "glossary/",
        "sources/",
        "references/",
        "trainer/",
        "trainer/answer-key/",
    ]
    found += sorted(
        f"trainer/{p.name}/"
        for p in (site / "trainer").iterdir()
        if p.is_dir() and p.name != "answer-key"
    )
    return found


def lighthouse(url: str) -> dict:
    binary = HERE / "node_modules" / ".bin" / "lighthouse"
    flags = (
        "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
        "--disable-component-update --disable-sync --no-first-run"
    )
    result = subprocess.run(
        [
            str(binary),
            url,
            "--output=json",
            "--output-path=stdout",
            "--quiet",
            f"--chrome-flags={flags}",
        ],
        env={**os.environ, "CHROME_PATH": CHROMIUM},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def summarize(report: dict) -> dict:
    audits = report["audits"]
    row = {c: round(100 * (report["categories"][c]["score"] or 0)) for c in CATEGORIES}
    row.update({k: audits[a]["numericValue"] for k, a in METRICS.items()})
    row["bytes"] = audits["total-byte-weight"]["numericValue"]
    # Failed as Lighthouse counts it: a weighted audit scoring under 0.9 (its red and orange).
    # A metric at 0.98 is a pass; the table shows what every metric came to.
    row["failed"] = sorted(
        {
            ref["id"]
            for c in CATEGORIES
            for ref in report["categories"][c]["auditRefs"]
            if ref.get("weight")
            and (audits[ref["id"]].get("score") is not None)
            and audits[ref["id"]]["score"] < 0.9
        }
    )
    return row


def where_the_bytes_go(report: dict) -> None:
    items = report["audits"]["network-requests"]["details"]["items"]
    total = sum(i.get("transferSize", 0) for i in items)
    print(f"\nWhere a module page's first load goes ({total:,} bytes transferred, gzip):")
    for item in sorted(items, key=lambda i: -i.get("transferSize", 0)):
        name = item["url"].split(BASE, 1)[-1] or "(the page)"
        print(f"  {item.get('transferSize', 0):>9,}  {item.get('resourceType', ''):<11} {name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--en", action="store_true", help="the English edition's pages (en/)")
    parser.add_argument("--modules", action="store_true", help="the module pages only")
    parser.add_argument("pages", nargs="*", help="paths below the site, e.g. modules/membership/")
    args = parser.parse_args()
    if not (HERE / "node_modules" / ".bin" / "lighthouse").exists():
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=HERE, check=True
        )
    with tempfile.TemporaryDirectory() as tmp:
        port = 8300 + os.getpid() % 500
        url = f"http://127.0.0.1:{port}{BASE}"
        site = Path(tmp) / "site"
        build(site, url)
        server = serve(site, port)
        try:
            rows, module_report = {}, None
            edition = "en/" if args.en else ""
            chosen = args.pages or [
                edition + p
                for p in pages(site / edition)
                if p.startswith("modules/") or not args.modules
            ]
            unknown = [p for p in chosen if not (site / p / "index.html").is_file()]
            if unknown:
                sys.exit(f"no such page in the built site: {', '.join(unknown)}")
            for path in chosen:
                runs = [lighthouse(url + path) for _ in range(args.runs)]
                if "modules/" in path and module_report is None:
                    module_report = runs[-1]
                summaries = [summarize(r) for r in runs]
                row = {
                    k: statistics.median(s[k] for s in summaries)
                    for k in [*CATEGORIES, *METRICS, "bytes"]
                }
                row["failed"] = sorted({a for s in summaries for a in s["failed"]})
                row["runs"] = "/".join(str(s["performance"]) for s in summaries)
                rows[path or "(home)"] = row
                print(
                    f"{path or '(home)':<34}" + " ".join(f"{row[c]:>4.0f}" for c in CATEGORIES),
                    flush=True,
                )
        finally:
            server.shutdown()
    print(f"\nMedian of {args.runs} Lighthouse mobile runs per page (served with gzip)\n")
    print(
        "| page | perf | perf, each run | a11y | best | SEO | FCP ms | LCP ms | TBT ms | CLS | KB |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for path, r in rows.items():
        print(
            f"| {path} | {r['performance']:.0f} | {r['runs']} | {r['accessibility']:.0f} | "
            f"{r['best-practices']:.0f} | {r['seo']:.0f} | {r['FCP']:.0f} | {r['LCP']:.0f} | "
            f"{r['TBT']:.0f} | {r['CLS']:.3f} | {r['bytes'] / 1024:.0f} |"
        )
    short = {p: r["failed"] for p, r in rows.items() if r["failed"]}
    print(
        "\nAudits failed (score under 0.9) in any run:",
        json.dumps(short, ensure_ascii=False, indent=1) if short else "none",
    )
    if module_report:
        where_the_bytes_go(module_report)


if __name__ == "__main__":
    main()
