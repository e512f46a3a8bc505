"""Under `mkdocs serve`, the other edition too, so the language switch leads to a page.

`mkdocs serve` serves one MkDocs site, and the course is two: Chinese at the root, English in
en/. Serving one edition, the course's hook builds the other (its `mkdocs.<language>.yml`, or
mkdocs.yml for Chinese) with `mkdocs build` in a process of its own (the hooks keep one build's
state per process) into .cache/editions/serve/, and puts it where the published site has it:

- serving Chinese, the English edition is linked in as en/ inside the served site;
- serving English (its address ends in en/), the server's root moves up to the Chinese
  edition, and the served English site is linked in there as en/.

The other edition is built in the background, so serving starts as soon as before; the switch
leads to it a few seconds later. It is built again, also in the background, after any rebuild
of the served edition when a file it is made from has changed since (the hook watches them
all); its pages then show on the next reload. A build of it that fails (a Chinese page with
no English yet) is logged with its errors, and what it last built stays served. Its worker
keeps nothing offline, as the served edition's does (speed/serve_cache.py), so no stale copy
of it is ever shown. No MkDocs events here: course_hook.py calls these.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from course.editions import for_language
from course.state import log

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer

# What an edition is made from: everything that reaches a build, and nothing a build writes.
INPUTS = ("docs", "docs-en", "quizzes", "hooks", "overrides", "strings")
INPUT_FILES = ("*.yml", "*.txt")
OUT = ".cache/editions/serve"


def fingerprint(root: Path) -> str:
    """A hash of the path, size and time of every file an edition is made from."""
    digest = hashlib.blake2b(digest_size=16)
    files = [p for w in watched(root) for p in ([w] if w.is_file() else w.rglob("*"))]
    for path in sorted(files):
        if path.is_file() and "__pycache__" not in path.parts:
            stat = path.stat()
            digest.update(
                f"{path.relative_to(root)}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode()
            )
    return digest.hexdigest()


@dataclass
class Companion:
    """The other edition, built by `mkdocs build` from `config_file` into `out` for the
    address `site_url`. A child edition sits in the served site as the folder `inside`
    (en); a parent holds the served site (`served`) as its folder `holds` (en)."""

    root: Path
    config_file: str
    lang: str
    site_url: str
    out: Path
    inside: str | None = None
    holds: str | None = None
    served: Path | None = None
    _built_for: str | None = None
    _wanted: str | None = None
    _thread: threading.Thread | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def want(self, fingerprint: str) -> None:
        """Build again, in the background, unless the last build (or the one under way) was
        of these files."""
        with self._lock:
            if fingerprint in (self._built_for, self._wanted):
                return
            self._wanted = fingerprint
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, daemon=True)
                self._thread.start()

    def _run(self) -> None:
        while True:
            with self._lock:
                wanted, self._wanted = self._wanted, None
                if wanted is None:
                    self._thread = None
                    return
            if self._build():
                self._built_for = wanted

    def _build(self) -> bool:
        """Build into a fresh folder, then swap it in, so a reader never sees half a site."""
        fresh, old = (self.out.with_name(f"{self.out.name}.{end}") for end in ("next", "old"))
        for folder in (fresh, old):
            shutil.rmtree(folder, ignore_errors=True)
        variable = "SITE_URL" if self.lang == "zh" else f"SITE_URL_{self.lang.upper()}"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", variable: self.site_url}
        done = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-f", self.config_file, "-d", fresh],
            check=False,
            cwd=self.root,
            env=env,
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            lines = done.stderr.strip().splitlines() or ["no message"]
            errors = [line for line in lines if line.startswith("ERROR")] or lines[-1:]
            log.warning(
                f"the {self.lang} edition served beside this one did not build; it shows "
                f"as it last built (`mkdocs build -f {self.config_file}`):\n" + "\n".join(errors)
            )
            return False
        from speed.serve_cache import idle_service_worker

        idle_service_worker(fresh)
        if self.holds and self.served:
            link(fresh / self.holds, self.served)
        if self.out.exists():
            os.replace(self.out, old)
        os.replace(fresh, self.out)
        shutil.rmtree(old, ignore_errors=True)
        log.info(f"the {self.lang} edition is served beside this one, at {self.site_url}")
        return True


def link(at: Path, to: Path) -> None:
    """A symbolic link at `at` to the folder `to`, in place of one that was there."""
    if at.is_symlink():
        at.unlink()
    at.parent.mkdir(parents=True, exist_ok=True)
    at.symlink_to(to.resolve(), target_is_directory=True)


def plan(config: MkDocsConfig, root: Path) -> Companion | None:
    """The edition to serve beside this one, from `extra.alternate`: a child (./en/) inside the
    served site, or the parent (../) the served site sits in; None if there is none or its
    config file is missing."""
    site_url = config.site_url or "/"
    for alternate in (config.extra or {}).get("alternate") or []:
        where, lang = str(alternate.get("link", "")), str(alternate.get("lang", ""))
        config_file = for_language("mkdocs.yml", lang)
        if not (root / config_file).is_file():
            continue
        out = root / OUT / lang
        if where == "../":
            own = urlsplit(site_url).path.rstrip("/").rsplit("/", 1)[-1]
            served = Path(config.site_dir)
            return Companion(
                root, config_file, lang, urljoin(site_url, where), out, None, own, served
            )
        if re.fullmatch(r"\./[^/.][^/]*/", where):
            return Companion(
                root, config_file, lang, urljoin(site_url, where[2:]), out, where[2:-1]
            )
    return None


def serve_beside(server: LiveReloadServer, companion: Companion) -> None:
    """For a parent: the server's root becomes the parent's folder and its address the
    parent's, so both editions answer under one address (until the parent is built, only the
    served edition does)."""
    if not (companion.holds and companion.served):
        return
    companion.out.mkdir(parents=True, exist_ok=True)
    link(companion.out / companion.holds, companion.served)
    server.root = str(companion.out)
    mount = server.mount_path.rstrip("/")
    server.mount_path = mount[: mount.rfind("/") + 1] or "/"


def watched(root: Path) -> list[Path]:
    """Every file and folder an edition is made from, to watch under `mkdocs serve`."""
    found = [p for pattern in INPUT_FILES for p in root.glob(pattern)]
    return sorted(found + [root / f for f in INPUTS if (root / f).is_dir()])
