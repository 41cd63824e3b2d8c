"""The README's Python examples run as written."""

from __future__ import annotations

import os
import re

import pytest

from .conftest import ROOT

BLOCKS = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)


@pytest.mark.parametrize("code", BLOCKS, ids=[f"block{i}" for i in range(len(BLOCKS))])
def test_readme_example_runs(code: str, capsys: pytest.CaptureFixture[str]) -> None:
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        exec(compile(code, "README.md", "exec"), {})
    finally:
        os.chdir(cwd)
    out = capsys.readouterr().out
    # a comment on a print() line states what it prints
    for expected in re.findall(r"^print\(.*#\s+(\S.*?)\s*$", code, re.M):
        assert expected in out


def test_readme_has_blocks() -> None:
    assert BLOCKS
