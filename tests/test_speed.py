"""The speed tricks are fenced: they switch off on versions they were not written for, the
course is correct without them, and the Material partials it copies still match Material's."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import material
import pytest
from mkdocs.config import load_config

import speed_hook
from conftest import ROOT
from speed import pins

PARTIALS = Path(material.__file__).parent / "templates" / "partials"

# Each copied partial, with the one line it changes: Material's line → the course's.
COPIES = {
    "palette.html": (
        '<form class="md-header__option" data-md-component="palette">',
        '<form class="md-header__option" data-course-palette>',
    ),
    "search.html": (
        '<div class="md-search" data-md-component="search" role="dialog">',
        '<div class="md-search" data-md-component="search" role="dialog" '
        "aria-label=\"{{ lang.t('search') }}\">",
    ),
    "progress.html": (
        '<div class="md-progress" data-md-component="progress" role="progressbar">',
        '<div class="md-progress" data-md-component="progress" role="progressbar" '
        'aria-label="{{ t(\'course.loading\') }}" aria-hidden="true">',
    ),
}


def _without_head_comment(text: str) -> str:
    return re.sub(r"\A\{#-.*?-#\}\n", "", text, flags=re.S)


@pytest.mark.parametrize("name", sorted(COPIES))
def test_a_copied_partial_is_material_s_with_its_one_change(name):
    upstream = _without_head_comment((PARTIALS / name).read_text(encoding="utf-8"))
    ours = _without_head_comment((ROOT / "overrides" / "partials" / name).read_text("utf-8"))
    theirs, mine = COPIES[name]
    assert upstream.count(theirs) == 1, f"Material's {name} changed: compare and update the copy"
    assert ours == upstream.replace(theirs, mine)


def test_the_pinned_versions_are_the_installed_ones():
    assert pins.off_tricks() == {}
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    for package, version in pins.PINNED.items():
        assert f'"{package}=={version}"' in pyproject


def test_a_trick_is_off_when_a_package_it_leans_on_moved():
    versions = dict(pins.PINNED, **{"mkdocs-material": "9.9.0"})
    off = pins.off_tricks(versions)
    assert set(off) == {"serve cache", "first paint", "joined stylesheets", "search index"}
    assert off["first paint"] == ["mkdocs-material 9.9.0 (written for 9.8.1)"]


def test_on_config_warns_and_skips_the_tricks_off(project, monkeypatch, caplog):
    project.page("index.md", "# 首页\n")
    monkeypatch.setattr(pins, "installed", lambda p: "0.0" if p == "mkdocs" else pins.PINNED[p])
    config = load_config(str(project.write_config()))
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        speed_hook.on_config(config)
    assert "speed: template cache switched off: mkdocs 0.0 (written for 1.6.1)" in caplog.text
    html = '<script defer src="a.js"></script></body>'
    assert speed_hook._after_paint(html, config) != html  # first paint leans on Material only
    assert not speed_hook._on(config, "serve cache")


def test_without_the_speed_hook_the_course_is_a_plain_correct_site(project):
    project.page("index.md", "# 首页\n")
    project.page("modules/demo.md", "# 演示\n\n## 一节\n\n正文。\n")
    project.write_config()
    config = project.root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    plain = re.sub(r"(?m)^  - .*speed_hook\.py\n", "", text)
    assert plain != text
    config.write_text(plain, encoding="utf-8")
    from conftest import build

    result = build(project.root, project.root / "site", strict=True)
    assert result.returncode == 0, result.stdout + result.stderr
    page = (project.root / "site" / "modules" / "demo" / "index.html").read_text("utf-8")
    assert '<script defer src="' in page  # Material's own start, no loader
    assert 'rel="preload" as="script"' not in page
    assert (project.root / "site" / "glossary" / "index.html").exists()
