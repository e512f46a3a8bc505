"""The bounds on a YAML data file (size, nesting, aliases, values) hold for every reader: the
glossary as well as the quizzes, and a whole build stops on a bomb with its message."""

from __future__ import annotations

import pytest

from course.glossary import load_glossary
from test_quiz_model import VALID, laughs


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "- term: 4P\n  definition: &d 四个要素\n  module: demo\n"
            "- term: 4C\n  definition: *d\n  module: demo\n",
            "glossary.yml:5: yaml: expected each value written out in full (no YAML aliases), "
            "found the alias '*d'",
        ),
        (
            "- " * 21 + "x\n",
            "glossary.yml:1: yaml: expected lists and mappings nested at most 20 deep, "
            "found one nested 21 deep",
        ),
        (
            "- term: 4P\n  definition: " + "长" * 400_000 + "\n",
            "glossary.yml:1: file: expected a file of at most 1,000,000 bytes, "
            "found 1,200,026 bytes",
        ),
    ],
)
def test_the_glossary_has_the_same_bounds(tmp_path, text, expected):
    path = tmp_path / "glossary.yml"
    path.write_text(text, encoding="utf-8")
    assert [str(p) for p in load_glossary(path, "glossary.yml", {"demo"})] == [expected]


def test_a_bomb_in_quizzes_stops_the_build_with_its_message(project):
    project.page("index.md", "# 首页\n")
    project.page("modules/demo.md", "# 演示\n\n## 四个 P\n\n## 四个 C\n\n<!-- quiz: demo -->")
    project.quiz("demo", VALID)
    # Before the bounds, the first hung the build for minutes and the second crashed it.
    project.quiz("laughs", laughs())
    project.quiz("deep", "x: " + "[" * 100_000 + "]" * 100_000)
    result = project.build()
    output = result.stdout + result.stderr
    assert result.returncode == 1 and "Traceback" not in output, output
    for message in [
        "quizzes/laughs.yml:2: yaml: expected each value written out in full (no YAML aliases), "
        "found the alias '*a0'",
        "quizzes/deep.yml:1: yaml: expected lists and mappings nested at most 20 deep, "
        "found one nested 21 deep",
        "problems in quizzes/ (listed above); the site was not built",
    ]:
        assert message in output, f"missing: {message}\n---\n{output}"
