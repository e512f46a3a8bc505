"""Layer 1: model in, HTML out. Author text is data; the markup works without JavaScript."""

from __future__ import annotations

import re

import jinja2
import pytest

from conftest import ROOT
from course.strings import load_strings
from quiz.model import parse_quiz
from quiz.render import Ref, inline_markdown, render_quiz
from test_quiz_model import VALID


@pytest.fixture
def env():
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "overrides"))
    env.globals["t"] = load_strings(ROOT, "zh").t  # as course_hook gives every template
    return env


def render(env, text=VALID, refs=None, link=lambda url: url):
    quiz = parse_quiz(text, "quizzes/demo.yml", slug="demo")
    refs = refs if refs is not None else {q.id: Ref("four", "四个 P") for q in quiz.quiz.questions}
    return render_quiz(quiz, env, refs, link=link)


def test_a_quiz_is_a_form_of_fieldsets_with_legends_inputs_and_labels(env):
    html = render(env)
    assert html.count("<form") == 1
    assert html.count('<fieldset class="quiz__question"') == 5
    assert html.count('<legend class="quiz__legend">') == 5
    # every choice is a real input inside its label, which names it
    inputs = re.findall(r'<input type="(?:radio|checkbox)"', html)
    labelled = re.findall(
        r'<label class="quiz__option"[^>]*><input type="(?:radio|checkbox)"[^>]*>'
        r'<span class="quiz__label">[^<]+</span></label>',
        html,
    )
    assert len(inputs) == len(labelled) == 7
    assert 'type="checkbox"' in html and 'type="radio"' in html
    assert "（多选：选出所有正确项）" in html  # declared, never inferred
    assert '<select class="quiz__select"' in html


def test_answers_and_explanations_are_readable_without_javascript(env):
    html = render(env)
    assert html.count("<summary>查看答案</summary>") == 5
    details = re.findall(r"<details class=\"quiz__answer\".*?</details>", html, re.S)
    assert "促销" in details[0] and "McCarthy 的第四个 P 是 Promotion。" in details[0]
    assert "选“人员”：</strong>4P 里没有人员。" in details[0]
    assert '<a href="#four">回到课文：四个 P</a>' in details[0]
    assert "<li>第一</li><li>第二</li><li>第三</li>" in details[3]
    assert "<li>产品 → 顾客</li><li>价格 → 成本</li>" in details[4]
    # what only a script can use (check buttons, feedback boxes, move buttons) comes with it
    assert 'data-quiz-action="check"' not in html and "quiz__feedback" not in html
    assert "quiz__move" not in html


def test_answers_and_feedback_are_kept_out_of_search(env):
    """The whole quiz is out of search: Material's search leaves out everything inside an
    element marked data-search-exclude (tests/test_site.py checks the index itself)."""
    html = render(env)
    assert re.match(r'<section class="quiz"[^>]* data-search-exclude>', html)
    assert html.count("<section") == 1 and html.rstrip().endswith("</section>")


def test_true_false_gives_the_wrong_choice_its_feedback(env):
    html = render(env)
    tf = re.search(r'data-type="true-false".*?</fieldset>', html, re.S)[0]
    assert re.search(
        r'data-key="0" data-correct><input[^>]+><span class="quiz__label">对</span>', tf
    )
    assert '<p data-feedback-for="1"><strong>选“错”：</strong>4C 正是从顾客出发的。</p>' in tf


def test_ordering_items_never_start_in_their_answer(env):
    html = render(env)
    order = re.search(r'<ol class="quiz__order".*?</ol>', html, re.S)[0]
    keys = re.findall(r'data-key="(\d+)"', order)
    assert sorted(keys) == ["0", "1", "2"] and keys != ["0", "1", "2"]


def test_author_html_is_shown_as_text_never_run(env):
    evil = VALID.replace(
        "text: 排序", "text: '<img src=x onerror=alert(1)> <script>alert(2)</script>'"
    )
    evil = evil.replace("- text: 人员", "- text: '<b onclick=alert(3)>人员</b>'")
    html = render(env, evil)
    assert "<img" not in html and "<script" not in html and "<b onclick" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;b onclick=alert(3)&gt;人员&lt;/b&gt;" in html


def test_author_html_in_attributes_and_select_options_is_escaped(env):
    evil = VALID.replace("items: [第一, 第二, 第三]", "items: ['<i>第一</i>\"', 第二, 第三]")
    evil = evil.replace("right: 成本", "right: '<u>成本</u>'")
    evil = evil.replace("left: 产品", "left: '<b>产品</b>\"'")
    html = render(env, evil)
    assert "&lt;i&gt;第一&lt;/i&gt;" in html and "<i>" not in html
    assert 'aria-label="&lt;b&gt;产品&lt;/b&gt;&#34;"' in html  # the select's name
    assert '<option value="1">&lt;u&gt;成本&lt;/u&gt;</option>' in html


def test_inline_markdown_bold_links_and_code():
    html = inline_markdown("**重点** 见[术语表](../glossary.md#4p)，`<code>`", lambda u: "R:" + u)
    assert str(html) == (
        '<strong>重点</strong> 见<a href="R:../glossary.md#4p">术语表</a>，'
        "<code>&lt;code&gt;</code>"
    )


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "vbscript:x"])
def test_links_other_than_web_and_local_are_dropped(url):
    html = str(inline_markdown(f"[点我]({url})"))
    assert html == "<span>点我</span>"


def test_images_are_never_loaded_from_quiz_text():
    assert "<img" not in str(inline_markdown("![logo](https://example.com/x.png)"))


def test_localized_text_uses_the_site_language(env):
    text = VALID.replace("text: 排序", "text: {zh: 排序, en: Put in order}")
    assert "Put in order" not in render(env, text)
    quiz = parse_quiz(text, "q.yml", slug="demo")
    english = render_quiz(quiz, env, {}, lang="en")
    assert "Put in order" in english and "排序" not in re.sub(r"（排序.*?）", "", english)


def test_a_question_without_a_resolved_ref_renders_no_dead_link(env):
    html = render(env, refs={})
    assert "回到课文" not in html
