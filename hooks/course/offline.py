"""Offline support, at build time: the offline page, and the service worker stamped with a
version (a hash of the built site) and the files every page needs, precached on install.

No MkDocs here: it reads and writes the built site/ given to it.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

OFFLINE_PAGE = "offline.md"
# The search index, and the scripts and pages the trainee reaches only now and then.
ON_DEMAND = [
    "search/search_index.json",
    "assets/quiz/stage.js",
    "assets/quiz/notebook.js",
    "assets/quiz/exam.js",
    "assets/quiz/certificate.js",
    "assets/quiz/transfer.js",
    "assets/vendor/qrcode-generator-2.0.4.js",
    "notebook/",
    "exam/",
    "certificate/",
]


def stamp_service_worker(site: Path, elsewhere: list[str] | None = None) -> str | None:
    """Write site/sw.js's VERSION, PRECACHE and ELSEWHERE (folders inside the site another
    edition's worker looks after, such as "en/"); return the version (None: no worker here)."""
    worker = site / "sw.js"
    if not worker.exists():
        return None
    source = worker.read_text(encoding="utf-8")
    if 'const VERSION = "dev";' not in source:  # stamped already, or serve's idle worker
        return None
    version = site_version(site)
    precache = ["./", "offline/", "progress/", "manifest.webmanifest", *core_assets(site)]
    # What the pages fetch only when asked, so that it works offline even if never used
    # online: the search index, and the classroom stage (quiz.js loads it on first use).
    precache += [path for path in ON_DEMAND if (site / path).exists()]
    source = source.replace('const VERSION = "dev";', f"const VERSION = {json.dumps(version)};", 1)
    source = source.replace("const PRECACHE = [];", f"const PRECACHE = {json.dumps(precache)};", 1)
    source = source.replace(
        "const ELSEWHERE = [];", f"const ELSEWHERE = {json.dumps(elsewhere or [])};", 1
    )
    worker.write_text(source, encoding="utf-8")
    return version


def site_version(site: Path) -> str:
    """A hash of every built file but the worker itself and the sitemap's build dates."""
    digest = hashlib.sha256()
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        relative = path.relative_to(site).as_posix()
        if relative == "sw.js" or relative.startswith("sitemap.xml"):
            continue
        digest.update(relative.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def core_assets(site: Path) -> list[str]:
    """The scripts and stylesheets the home page loads: every page needs the same ones. Its
    scripts are preloaded and then added by a loader (first_paint.py), or plain tags."""
    html = (site / "index.html").read_text(encoding="utf-8")
    found = re.findall(
        r'<(?:script[^>]* src|link[^>]* rel="(?:stylesheet|preload)"[^>]* href)'
        r'="([^"]+)"',
        html,
    )
    return [url for url in found if "://" not in url and not url.startswith("//")]
