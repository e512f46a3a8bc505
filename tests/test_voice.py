"""The course's voice: the meta-talk check finds source talk where a trainee reads it, and
only there; and the course as it stands has none."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import ROOT
from course.voice import check, load_words, markdown_lines, scan_lines, trainee_files

WORDS = load_words()

PAGE = """\
---
description: 满意度等于实际感受减去期望。
---

# 顾客满意度

## 满意度的公式

满意度 = 实际感受 − 期望[^sat-sign]。
种子资料 002 把公式印反了。
顾客资料卡上的备注最见用心，客户资料要及时更新。

<!-- 资料 002 的预览在这里中断 -->

## 资料来源

- 参考课件 002《客户服务实务》：预览只有 5 页。

## 另一节

这一节里本课程推断了一个结构。

[^sat-sign]: 参考课件 002 的公式正负号相反。
    第二行也还是脚注：预览中缺失。
"""


def test_a_hit_names_the_file_the_line_and_the_words():
    hits = scan_lines("docs/modules/satisfaction.md", markdown_lines(PAGE), WORDS)
    assert [(h.line, h.found) for h in hits] == [(10, "种子资料"), (10, "印反"), (21, "本课程推断")]
    assert str(hits[0]) == (
        "docs/modules/satisfaction.md:10: trainee text: expected the course's own voice, "
        "found “种子资料” in “种子资料 002 把公式印反了。”"
    )


def test_sources_section_footnotes_and_comments_are_where_provenance_lives():
    lines = dict(markdown_lines(PAGE))
    assert 17 not in lines, "the 资料来源 section"
    assert 21 in lines, "the section after it is trainee text again"
    assert 23 not in lines and 24 not in lines, "a footnote and its indented continuation"
    assert "预览" not in lines[13], "an HTML comment"


def test_customer_data_is_subject_matter_not_source_talk():
    hits = scan_lines("x.md", [(1, "客户资料、会员资料和顾客资料卡都要及时更新。")], WORDS)
    assert hits == []
    assert [h.found for h in scan_lines("x.md", [(1, "资料 003 说")], WORDS)] == ["资料 003"]


@pytest.mark.parametrize(
    "text",
    [
        "种子资料 001 把优质服务分为三种境界",
        "这一段在预览中缺失",
        "PDF 提取时丢了运算符号",
        "我们没能找到公开资料核实",
        "这是本课程的推断",
        "资料只给出了这个案例的标题",
        "有的资料把它们归于美国小企业管理局",
        "几个版本都把员工态度排在第一位",
    ],
)
def test_the_review_s_examples_are_caught(text):
    assert scan_lines("x.md", [(1, text)], WORDS), text


def test_yaml_comments_are_not_trainee_text(tmp_path: Path):
    (tmp_path / "voice-words.txt").write_text("预览\n", encoding="utf-8")
    quiz = tmp_path / "q.yml"
    quiz.write_text("# 预览：注释\ntext: 预览\n", encoding="utf-8")
    assert [(h.path, h.line) for h in check([quiz], tmp_path)] == [("q.yml", 2)]


def test_every_trainee_file_is_checked():
    names = {p.relative_to(ROOT).as_posix() for p in trainee_files()}
    assert {
        "docs/index.md",
        "glossary.yml",
        "docs/modules/membership.md",
        "quizzes/membership.yml",
        "docs/assets/diagrams/satisfaction-servqual.svg",
    } <= names
    assert not any(n.startswith("docs/trainer/") for n in names), "the trainer's pages may"


def test_the_course_speaks_in_its_own_voice():
    hits = check(trainee_files())
    assert not hits, "\n".join(map(str, hits))
