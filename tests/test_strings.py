"""The interface text: one YAML file per language, looked up by key, escaped where it is
filled in, falling back to Chinese; every key the code uses is there."""

from __future__ import annotations

import re

from conftest import ROOT
from course.strings import load_strings


def test_a_key_is_filled_in_and_its_values_escaped():
    strings = load_strings(ROOT, "zh")
    assert strings.t("quiz.number", number=3) == "第 3 题"
    assert strings.t("quiz.picked", option="<b>&</b>") == "选“&lt;b&gt;&amp;&lt;/b&gt;”："
    assert strings.text("answer_key.module", number=1, title="A & B") == "模块 1：A & B"


def test_a_second_language_adds_a_file_and_falls_back_to_chinese(tmp_path):
    (tmp_path / "strings").mkdir()
    (tmp_path / "strings" / "zh.yml").write_text(
        "quiz:\n  check: 检查\n  retry: 重新测验\n", encoding="utf-8"
    )
    (tmp_path / "strings" / "en.yml").write_text("quiz:\n  check: Check\n", encoding="utf-8")
    english = load_strings(tmp_path, "en")
    assert english.t("quiz.check") == "Check"
    assert english.t("quiz.retry") == "重新测验"


def test_a_missing_key_is_reported_not_raised(tmp_path):
    missing = []
    strings = load_strings(ROOT, "zh", missing.append)
    assert strings.t("quiz.nothing") == "quiz.nothing"
    assert missing == ["quiz.nothing"]


def test_every_key_the_code_uses_is_in_the_chinese_file():
    strings = load_strings(ROOT, "zh", lambda key: missing.append(key))
    missing: list[str] = []
    used = set()
    for path in [*(ROOT / "overrides").rglob("*.html"), *(ROOT / "hooks").glob("*.py")]:
        source = path.read_text(encoding="utf-8")
        used |= set(
            re.findall(
                r"""(?<!lang\.)\b(?:t|text|words)\(\s*["']([a-z_]+(?:\.[a-z_-]+)+)["']""", source
            )
        )
        used |= {
            f"pages.{name}" for name in re.findall(r"""\.page\(\s*["']([a-z_]+)["']""", source)
        }
    assert len(used) > 30, used
    for key in sorted(used):
        strings.text(key)
    assert missing == []


def test_the_code_holds_no_chinese_interface_text():
    for path in [*(ROOT / "overrides" / "partials").glob("*.html"), *(ROOT / "hooks").glob("*.py")]:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = re.sub(r"#.*$|\{#.*?#\}", "", line) if path.suffix == ".py" else line
            if re.search(r"[\u4e00-\u9fff]", code) and not _commentary(path, number):
                raise AssertionError(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")


def _commentary(path, number: int) -> bool:
    """Inside a docstring or a Jinja comment, or the voice check's section name."""
    lines = path.read_text(encoding="utf-8").splitlines()[:number]
    text = "\n".join(lines)
    if path.suffix == ".html":
        return text.count("{#") > text.count("#}") or "{#" in lines[-1]
    if path.name == "voice.py" and "资料来源" in lines[-1]:
        return True
    return text.count('"""') % 2 == 1 or '"""' in lines[-1]
