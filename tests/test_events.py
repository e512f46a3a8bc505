"""Layer 2: the MkDocs events in hooks/quiz_hook.py and hooks/course_hook.py, run through
MkDocs' own plugin collection (as `mkdocs build` runs them), one event at a time."""

from __future__ import annotations

import logging
import sys

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

import course_hook
import quiz_hook
from course.state import STATE
from test_quiz_model import VALID

PAGE = """\
# 演示

## 四个 P

正文。

## 四个 C

正文。

## 自测

<!-- quiz: demo -->
"""


def config_for(project):
    return load_config(str(project.write_config()))


def files_of(config):
    from mkdocs.structure.files import get_files

    return get_files(config)


def prepared(project, page=PAGE, quiz=VALID):
    project.page("index.md", "# 首页\n")
    project.page("modules/demo.md", page)
    project.quiz("demo", quiz)
    config = config_for(project)
    config = config.plugins.on_config(config)
    files = config.plugins.on_files(files_of(config), config=config)
    return config, files


def render_page(config, files, src_uri="modules/demo.md"):
    file = files.get_file_from_path(src_uri)
    page = Page(None, file, config)
    page.read_source(config)
    page.render(config, files)
    html = config.plugins.on_page_content(page.content, page=page, config=config, files=files)
    return page, html


def on_env(config, files):
    return config.plugins.on_env(config.theme.get_env(), config=config, files=files)


def test_on_config_warns_when_jieba_is_missing(project, monkeypatch, caplog):
    project.page("index.md", "# 首页\n")
    monkeypatch.setitem(sys.modules, "jieba", None)  # import jieba now raises ImportError
    with caplog.at_level(logging.WARNING, logger="mkdocs"):
        course_hook.on_config(config_for(project))
    [record] = [r for r in caplog.records if r.name == "mkdocs.hooks.course"]
    assert record.levelno == logging.WARNING  # what --strict counts
    assert record.getMessage().startswith("jieba is not installed: search cannot split Chinese")


def test_every_build_starts_with_fresh_state(project):
    project.page("index.md", "# 首页\n")
    first, second = (
        course_hook.on_config(config_for(project)),
        course_hook.on_config(config_for(project)),
    )
    assert first[STATE] is not second[STATE]
    assert first[STATE].problems == [] and first[STATE].quizzes == {}


def test_on_files_loads_quizzes_and_adds_generated_pages(project):
    config, files = prepared(project)
    assert set(config[STATE].quizzes) == {"demo"}
    assert config[STATE].placements == {"demo": ["modules/demo.md"]}
    for uri in ("progress.md", "glossary.md"):
        assert files.get_file_from_path(uri).generated_by is not None
    assert not (project.root / "docs" / "progress.md").exists()  # never written into docs/


def test_on_page_content_renders_the_quiz_and_resolves_refs(project):
    config, files = prepared(project)
    _, html = render_page(config, files)
    assert '<section class="quiz" data-quiz="demo"' in html
    assert '<a href="#四个-p">回到课文：四个 P</a>' in html
    assert "<!-- quiz:" not in html
    on_env(config, files)  # no problems: nothing raised


def test_a_ref_to_a_missing_heading_stops_the_build_at_on_env(project, caplog):
    config, files = prepared(project, quiz=VALID.replace("ref: 四个 C", "ref: 五个 C", 1))
    render_page(config, files)
    with pytest.raises(PluginError, match="1 problem in quizzes/"):
        on_env(config, files)
    assert (
        "quizzes/demo.yml:25: questions[1].ref: expected a heading of "
        "docs/modules/demo.md (its text or its anchor), found '五个 C'" in caplog.text
    )


def test_a_ref_may_name_the_heading_anchor(project):
    config, files = prepared(project, quiz=VALID.replace("ref: 四个 C", "ref: '#四个-c'", 1))
    _, html = render_page(config, files)
    assert html.count('<a href="#四个-c">回到课文：四个 C</a>') == 3


def test_an_unknown_marker_is_reported_with_the_page_and_line(project, caplog):
    with pytest.raises(PluginError):
        prepared(project, page=PAGE.replace("<!-- quiz: demo -->", "<!-- quiz: dmeo -->"))
    assert (
        "docs/modules/demo.md:13: quiz marker: expected the name of a quiz file in "
        "quizzes/, found 'dmeo' (did you mean 'demo'?)" in caplog.text
    )
    assert (
        "quizzes/demo.yml:1: id: expected the quiz on one page (a line <!-- quiz: demo --> "
        "in docs/), found it on none" in caplog.text
    )


def test_a_quiz_on_two_pages_is_a_problem(project, caplog):
    project.page("modules/other.md", "# 另一页\n\n<!-- quiz: demo -->\n")
    with pytest.raises(PluginError):
        prepared(project)
    assert "found it on docs/modules/demo.md and docs/modules/other.md" in caplog.text


def test_a_broken_quiz_stops_at_on_files_with_every_problem(project, caplog):
    broken = VALID.replace("pass_mark: 80", "pass_mark: 0").replace("type: sequence", "")
    broken = broken.replace("    items: [第一, 第二, 第三]", "    items: [第一]")
    with pytest.raises(PluginError, match="2 problems in quizzes/"):
        prepared(project, quiz=broken)
    assert "quizzes/demo.yml:3: pass_mark:" in caplog.text
    assert "quiz marker" not in caplog.text  # a broken quiz is still a known quiz
    assert "quizzes/demo.yml:36: questions[3].items: expected at least 3 items" in caplog.text


def test_pages_without_markers_are_left_alone(project):
    config, _files = prepared(project)
    project.page("plain.md", "# 普通页\n\n没有测验。\n")
    file = File("plain.md", str(project.root / "docs"), str(project.root / "site"), True)
    page = Page(None, file, config)
    assert (
        quiz_hook.on_page_content(
            "<p>没有测验。</p>", page=page, config=config, files=Files([file])
        )
        is None
    )  # None: nothing changed


def test_glossary_problems_stop_the_build_at_on_config(project, caplog):
    project.page("index.md", "# 首页\n")
    project.page("modules/demo.md", PAGE)
    (project.root / "glossary.yml").write_text(
        "- term: 4P\n  definition: 四个要素\n  module: nowhere\n  defintion: x\n", encoding="utf-8"
    )
    with pytest.raises(PluginError):
        course_hook.on_config(config_for(project))
    assert (
        "glossary.yml:4: [0].defintion: expected one of the keys term, aliases, en, zh, "
        "definition, module, found unknown key 'defintion' (did you mean 'definition'?)"
        in caplog.text
    )


def test_glossary_terms_become_tooltips_outside_headings_and_links(project):
    (project.root / "glossary.yml").write_text(
        "- term: 4P\n  definition: 产品、价格、渠道、促销。\n  module: demo\n"
        "- term: 营销组合\n  definition: 一组营销手段。\n  module: demo\n",
        encoding="utf-8",
    )
    page = PAGE.replace("正文。", "从 4P 到 4C，营销组合变了；4PS 与 [4P](#四个-p) 不算。", 1)
    config, files = prepared(project, page=page)
    _, html = render_page(config, files)
    assert html.count('<abbr title="产品、价格、渠道、促销。">4P</abbr>') == 1
    assert '<abbr title="一组营销手段。">营销组合</abbr>变了' in html
    assert '<h2 id="四个-p">四个 P' in html
