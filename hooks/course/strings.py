"""The course's interface text, per language, from `strings/<language>.yml`.

Material keeps its interface text in one partial per language (partials/languages/zh.html);
the course keeps its own in one YAML file per language, since the hooks (generated pages), the
templates and the browser client all need it. `t("quiz.meta", total=13)` looks a key up in the
build's language, falls back to Chinese, and fills in the values, escaped. Pure: no MkDocs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import yaml
from markupsafe import Markup, escape

DEFAULT = "zh"


class Strings:
    """One language's strings (with the default language's behind them)."""

    def __init__(
        self,
        table: dict,
        fallback: dict | None = None,
        missing: Callable[[str], None] | None = None,
    ) -> None:
        self.table, self.fallback, self.missing = table, fallback or {}, missing

    def t(self, key: str, **values: object) -> Markup:
        """The string for a dotted key as HTML, its {names} filled in with escaped values."""
        return Markup(self._format(self._get(key), {k: escape(v) for k, v in values.items()}))

    def text(self, key: str, **values: object) -> str:
        """The same as plain text, for Markdown the build writes."""
        return self._format(self._get(key), values)

    def page(self, name: str) -> str:
        """A generated page's Markdown."""
        return self.text(f"pages.{name}")

    def _get(self, key: str) -> str:
        found = _lookup(self.table, key)
        if found is None:
            found = _lookup(self.fallback, key)
            # Shown in Chinese in another language's edition: said, so that strict builds stop.
            if found is not None and self.table is not self.fallback and self.missing:
                self.missing(key)
        if isinstance(found, str):
            return found
        if self.missing is not None:
            self.missing(key)
        return key

    @staticmethod
    def _format(text: str, values: dict) -> str:
        return text.format(**values) if values else text


def load_strings(
    root: Path, language: str, missing: Callable[[str], None] | None = None
) -> Strings:
    """The strings for `language`, with Chinese behind them: the project's own `strings/`,
    or the course's where a project has none (the tests' small projects)."""
    folder = root / FOLDER if (root / FOLDER).is_dir() else COURSE / FOLDER
    default = _read(folder / f"{DEFAULT}.yml")
    own = default if language == DEFAULT else _read(folder / f"{language}.yml")
    return Strings(own, default, missing)


def _read(path: Path) -> dict:
    if not path.exists():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else {}


def _lookup(table: dict, key: str) -> object:
    value: object = table
    for part in key.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


FOLDER = "strings"
COURSE = Path(__file__).resolve().parents[2]
