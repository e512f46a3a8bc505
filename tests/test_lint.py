"""The Python in hooks/, tests/, bench/ and scripts/ passes ruff (lint and format) with the
project's settings, and the publishing workflow builds as the README does."""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT


@pytest.mark.parametrize(
    "command", [["check", "--output-format", "concise"], ["format", "--check"]], ids=str
)
def test_ruff_finds_nothing(command):
    result = subprocess.run(
        [sys.executable, "-m", "ruff", *command, "."],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_pages_workflow_builds_with_the_readme_command():
    workflow = (ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")
    assert "run: ./run build" in workflow
    assert "./run build" in (ROOT / "README.md").read_text(encoding="utf-8")
