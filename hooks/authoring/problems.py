"""Problems an author can act on: `path:line: key: expected …, found …`.

Shared by every YAML data file the course reads (quizzes, the glossary): reading a file with
line numbers, and turning pydantic's errors into messages that say what was expected and what
was found, at the line of the key concerned.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from authoring.yaml_lines import MAX_BYTES, load_with_lines, too_large


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in a file, as an author reads it: `path:line: key: message`."""

    path: str
    line: int
    key: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.key}: {self.message}"


@dataclass
class Source:
    """A YAML file read for checking: its data and line map, or the problems that stopped it."""

    path: str
    data: Any = None
    lines: dict[tuple, int] | None = None
    problems: list[Problem] | None = None


def read_yaml(path: Path, display: str) -> Source:
    """Read a YAML file with the line of every key; unreadable or broken YAML is a problem."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:  # refused unread: a huge file never reaches memory
            return Source(display, problems=[Problem(display, 1, "file", too_large(size))])
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return Source(
            display,
            problems=[
                Problem(display, 1, "file", f"expected a readable UTF-8 file, found {error}")
            ],
        )
    return parse_yaml(text, display)


def parse_yaml(text: str, display: str) -> Source:
    """Read YAML text as `read_yaml` reads a file: data and lines, or the problems found."""
    loaded = load_with_lines(text)
    if loaded.error:
        line, key, message = loaded.error
        return Source(display, problems=[Problem(display, line, key, message)])
    return Source(
        display,
        loaded.data,
        loaded.lines,
        [Problem(display, line, key_path(loc), msg) for loc, line, msg in loaded.problems],
    )


def validated(
    source: Source,
    validate: Callable[[Any], Any],
    keys: list[str],
    clean_loc: Callable[[tuple], tuple] = tuple,
) -> tuple[Any, list[Problem]]:
    """A read file's data through `validate` (a pydantic model's or adapter's): the value and
    the reading's problems, or None and every problem (each key's allowed keys: `keys`)."""
    problems = list(source.problems or [])
    if source.data is None and problems:
        return None, problems
    try:
        return validate(source.data), problems
    except ValidationError as error:
        found = [
            from_validation_error(e, source, allowed_keys=lambda loc: keys, clean_loc=clean_loc)
            for e in error.errors()
        ]
        return None, sorted(set(problems + found))


def from_validation_error(
    error: dict,
    source: Source,
    *,
    allowed_keys: Callable[[tuple], list[str]],
    clean_loc: Callable[[tuple], tuple] = tuple,
    tags: tuple[str, ...] = (),
) -> Problem:
    """Turn one pydantic error into an author's `path:line: key: expected …, found …`."""
    loc = clean_loc(error["loc"])
    kind, ctx, found = error["type"], error.get("ctx") or {}, error.get("input")
    lines = source.lines or {}
    if kind == "missing":
        message = f"expected the required key '{loc[-1]}', found none"
        return Problem(source.path, nearest_line(lines, loc[:-1]), key_path(loc), message)
    if kind == "extra_forbidden":
        allowed = allowed_keys(loc[:-1])
        hint = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        message = (
            f"expected one of the keys {', '.join(allowed)}, found unknown key "
            f"'{loc[-1]}'" + (f" (did you mean '{hint[0]}'?)" if hint else "")
        )
    elif kind == "quiz":
        message = error["msg"]
    elif kind in ("union_tag_invalid", "union_tag_not_found"):
        loc = (*loc, "type")
        message = f"expected one of the types {', '.join(tags)}, found " + (
            describe(ctx.get("tag")) if kind == "union_tag_invalid" else "none"
        )
    elif kind == "string_too_long":
        message = f"expected at most {ctx.get('max_length')} characters, found {len(found)}"
    elif kind == "too_long":
        message = f"expected at most {ctx.get('max_length')} items, found {len(found)}"
    elif kind == "too_short":
        message = (
            f"expected at least {ctx.get('min_length')} items, found {ctx.get('actual_length')}"
        )
    elif kind in ("greater_than_equal", "less_than_equal"):
        message = f"expected a whole number from 1 to 100, found {describe(found)}"
    elif kind == "string_pattern_mismatch":
        message = f"expected lower-case letters, digits and hyphens, found {describe(found)}"
    elif kind == "literal_error":
        message = f"expected {ctx.get('expected', 'another value')}, found {describe(found)}"
    else:
        message = f"expected {EXPECTED.get(kind, error['msg'].lower())}, found {describe(found)}"
    return Problem(source.path, nearest_line(lines, loc), key_path(loc), message)


def describe(value: Any) -> str:
    """How a found value reads in a message: its kind, and the value when short."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"'{value}'" if len(value) <= 40 else f"'{value[:37]}…'"
    if isinstance(value, list):
        return f"a list of {len(value)} item{'s' * (len(value) != 1)}"
    if isinstance(value, dict):
        return "a mapping" if value else "an empty mapping"
    return type(value).__name__


def nearest_line(lines: dict[tuple, int], loc: tuple) -> int:
    """The line of `loc`, or of the closest enclosing key that has one."""
    loc = tuple(loc)
    while loc:
        if loc in lines:
            return lines[loc]
        loc = loc[:-1]
    return lines.get((), 1)


def key_path(loc: tuple) -> str:
    """A key path as authors write it: `questions[2].options`."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "file"


EXPECTED = {
    "string_type": "text",
    "bool_type": "true or false",
    "int_type": "a whole number",
    "list_type": "a list",
    "model_type": "a mapping of keys",
    "dict_type": "a mapping of keys",
    "model_attributes_type": "a mapping of keys",
    "string_too_short": "text",
}
