"""YAML with line numbers: PyYAML's node marks kept for every key, so semantic errors get lines."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml


@dataclass
class Loaded:
    """Plain data, the 1-based line of every key path, and what could not be taken as data."""

    data: Any = None
    lines: dict[tuple, int] = field(default_factory=dict)
    problems: list[tuple[tuple, int, str]] = field(default_factory=list)
    error: tuple[int, str] | None = None


def load_with_lines(source: str) -> Loaded:
    """Parse YAML text safely; a syntax error comes back as `error`, never as an exception."""
    try:
        root = yaml.compose(source, Loader=_LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        found = ", ".join(filter(None, [error.context, error.problem])) or "unknown"
        line = (mark.line + 1) if mark else 1
        return Loaded(error=(line, f"expected valid YAML, found a syntax error ({found})"))
    except yaml.YAMLError as error:
        return Loaded(error=(1, f"expected valid YAML, found {error}"))
    loaded = Loaded(lines={(): 1})
    if root is not None:
        loaded.lines[()] = root.start_mark.line + 1
        try:
            loaded.data = _build(root, (), loaded, set())
        except (yaml.YAMLError, ValueError, TypeError, OverflowError) as error:
            line = getattr(getattr(error, "problem_mark", None), "line", 0) + 1
            return Loaded(error=(line, f"expected plain YAML data, found {error}"))
    return loaded


def _build(node: yaml.Node, loc: tuple, out: Loaded, active: set[int]) -> Any:
    if id(node) in active:  # an anchor that contains its own alias
        line = node.start_mark.line + 1
        out.problems.append((loc, line, "expected plain data, found a recursive anchor"))
        return None
    if isinstance(node, yaml.ScalarNode):
        return _SCALARS.construct_object(node, deep=True)
    active = active | {id(node)}
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, child in enumerate(node.value):
            out.lines[(*loc, index)] = child.start_mark.line + 1
            items.append(_build(child, (*loc, index), out, active))
        return items
    mapping: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1
        key = _build(key_node, loc, out, active) if isinstance(key_node, yaml.ScalarNode) else None
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
        mapping[key] = _build(value_node, (*loc, key), out, active)
    return mapping


_SCALARS = yaml.SafeLoader("")
# libyaml's parser when PyYAML has it (about ten times faster); the nodes and marks are the same.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
