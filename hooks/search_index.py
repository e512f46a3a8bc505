"""The search index, smaller: Material writes it with every Chinese character escaped as
`\\uXXXX` (six bytes, where UTF-8 takes three), and every full page load downloads it."""

from __future__ import annotations

import json
from pathlib import Path


def compact(index: Path) -> tuple[int, int]:
    """Rewrite search_index.json as plain UTF-8 JSON; return its size before and after."""
    before = index.read_bytes()
    data = json.loads(before)
    after = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    index.write_bytes(after)
    return len(before), len(after)
