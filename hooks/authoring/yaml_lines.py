"""YAML with line numbers: PyYAML's node marks kept for every key, so semantic errors get lines.

Bounded against hostile files: a file too large, nested too deep, with too many values or with
an alias is refused with a message before anything recursive (composing, building) sees it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml


@dataclass
class Loaded:
    """Plain data, the 1-based line of every key path, and what could not be taken as data.

    `error` is (line, key, message) when the text could not be read as data at all.
    """

    data: Any = None
    lines: dict[tuple, int] = field(default_factory=dict)
    problems: list[tuple[tuple, int, str]] = field(default_factory=list)
    error: tuple[int, str, str] | None = None


def load_with_lines(source: str) -> Loaded:
    """Parse YAML text safely; a syntax error or a bound passed comes back as `error`."""
    size = len(source.encode("utf-8"))
    if size > MAX_BYTES:
        return Loaded(error=(1, "file", too_large(size)))
    try:
        past = _past_a_bound(source)
        if past:
            return Loaded(error=(past[0], "yaml", past[1]))
        root = yaml.compose(source, Loader=_LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        found = ", ".join(filter(None, [error.context, error.problem])) or "unknown"
        line = (mark.line + 1) if mark else 1
        return Loaded(error=(line, "yaml", f"expected valid YAML, found a syntax error ({found})"))
    except yaml.YAMLError as error:
        return Loaded(error=(1, "yaml", f"expected valid YAML, found {error}"))
    loaded = Loaded(lines={(): 1})
    if root is not None:
        loaded.lines[()] = root.start_mark.line + 1
        try:
            loaded.data = _build(root, (), loaded)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError) as error:
            line = getattr(getattr(error, "problem_mark", None), "line", 0) + 1
            return Loaded(error=(line, "yaml", f"expected plain YAML data, found {error}"))
    return loaded


def too_large(size: int) -> str:
    """The message for a file of `size` bytes, past `MAX_BYTES`."""
    return f"expected a file of at most {MAX_BYTES:,} bytes, found {size:,} bytes"


def _past_a_bound(source: str) -> tuple[int, str] | None:
    """The line and message of the first bound the text passes, or None.

    It walks the parser's events, which come one at a time without recursion (composing
    recurses once per level of nesting), and stops at the first bound passed.
    """
    depth = values = 0
    for event in yaml.parse(source, Loader=_LOADER):
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent):
            name = event.anchor if len(event.anchor) <= 40 else f"{event.anchor[:37]}…"
            return line, (
                f"expected each value written out in full (no YAML aliases), "
                f"found the alias '*{name}'"
            )
        if isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
            continue
        if not isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)):
            continue
        values += 1
        if values > MAX_VALUES:
            return line, f"expected at most {MAX_VALUES:,} keys and values, found more by this line"
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                return line, (
                    f"expected lists and mappings nested at most {MAX_DEPTH} deep, "
                    f"found one nested {depth} deep"
                )
    return None


def _build(node: yaml.Node, loc: tuple, out: Loaded) -> Any:
    # A tree, never a graph: `_past_a_bound` lets no alias through, so nothing is shared.
    if isinstance(node, yaml.ScalarNode):
        return _SCALARS.construct_object(node, deep=True)
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, child in enumerate(node.value):
            out.lines[(*loc, index)] = child.start_mark.line + 1
            items.append(_build(child, (*loc, index), out))
        return items
    mapping: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1
        key = _build(key_node, loc, out) if isinstance(key_node, yaml.ScalarNode) else None
        if key is None or isinstance(key, (list, dict)):
            out.problems.append((loc, line, "expected text keys, found a key that is not text"))
            continue
        if key in mapping:
            out.problems.append(
                (
                    (*loc, key),
                    line,
                    f"expected each key once, found '{key}' "
                    f"again (first on line {out.lines[(*loc, key)]})",
                )
            )
            continue
        out.lines[(*loc, key)] = line
        mapping[key] = _build(value_node, (*loc, key), out)
    return mapping


# Bounds on what one data file may hold. The course's files are far inside them (the largest
# is 17 kB, 5 levels deep, 725 keys and values); each stops a hostile or broken file at once,
# with a message, before it can exhaust time, memory or the stack.
# Read whole into memory and parsed twice: 1 MB is some 60 times the largest file.
MAX_BYTES = 1_000_000
# Composing and building recurse once per level: building stopped with a RecursionError near
# 1,000 levels (PyYAML's own composer sooner), and libyaml's composer crashes the process past
# 10,000. A question's option's text in two languages is 6 levels deep; 20 leaves room.
MAX_DEPTH = 20
# Each key and value costs checking time (an unknown key the most, for its did-you-mean hint);
# at this bound the slowest file takes about a third of a second, where 100,000 unknown keys
# (a 1 MB file) took five. A 200-question quiz has about 7,000.
MAX_VALUES = 20_000
# Aliases are refused outright: no course file needs them, and an alias of an alias of … is a
# "billion laughs" file, a few lines that expand to billions of values once built into data.

_SCALARS = yaml.SafeLoader("")
# libyaml's parser when PyYAML has it (about ten times faster); the nodes and marks are the same.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
