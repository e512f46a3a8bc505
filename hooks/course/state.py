"""What one build learns as it goes, shared by the course's hook files.

MkDocs loads each file under `hooks:` once per process, so under `mkdocs serve` their module
globals would outlive a build. They keep nothing there: each build's state is a `Build` stored
on that build's config (a new config every build), made by whichever hook asks first.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError

from authoring.problems import Problem
from course.strings import Strings, load_strings

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation

    from quiz.exam import Exam
    from quiz.model import LoadedQuiz
    from quiz.render import Ref


@dataclass
class Build:
    """One build's state: the quizzes, where they are, their refs, the glossary, the nav."""

    root: Path
    lang: str = "zh"  # the edition's language: theme.language
    quizzes: dict[str, LoadedQuiz] = field(default_factory=dict)
    placements: dict[str, list[str]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    nav: Navigation | None = None
    glossary: list = field(default_factory=list)
    refs: dict[str, Ref] = field(default_factory=dict)  # question id → its heading
    exam: Exam | None = None  # exam.yml, checked
    files: Files | None = None
    _env: Environment | None = None
    _strings: Strings | None = None

    def env(self, config: MkDocsConfig) -> Environment:
        """The theme's Jinja environment, made once a build: MkDocs makes a new one on every
        get_env() call, and compiling the templates again for each page cost seconds."""
        if self._env is None:
            self._env = config.theme.get_env()
        return self._env

    def strings(self, config: MkDocsConfig) -> Strings:
        """The interface text in the build's language (theme.language)."""
        if self._strings is None:
            self._strings = load_strings(self.root, self.lang, _missing)
        return self._strings


def state(config: MkDocsConfig) -> Build:
    """This build's state, made on first use."""
    build = config.get(STATE)
    if build is None:
        build = config[STATE] = Build(
            root=Path(config.config_file_path).parent,
            lang=config.theme.get("language") or "zh",
        )
    return build


def fail_on(problems: list[Problem], checked: str) -> None:
    """Log every problem, then stop the build once, saying what was checked."""
    if not problems:
        return
    unique = sorted(set(problems))
    for problem in unique:
        log.error(str(problem))
    count = len(unique)
    raise PluginError(
        f"{count} problem{'s' * (count != 1)} in {checked} (listed above); "
        "the site was not built. See AUTHORING.md for the formats."
    )


def _missing(key: str) -> None:
    log.warning(f"strings/: expected a string for '{key}' in the build's language, found none")


STATE = "course_build"
log = logging.getLogger("mkdocs.hooks.course")
