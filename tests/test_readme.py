"""The README's Python examples run as written."""

from __future__ import annotations

import os
import pathlib
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


SHELL = re.findall(r"```sh\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)
COMMANDS = [
    line for block in SHELL for line in block.splitlines() if "qizhi-parse " in line and "pip install" not in line
]


@pytest.mark.parametrize("command", COMMANDS)
def test_readme_command_runs(command: str) -> None:
    import shutil
    import subprocess
    import sysconfig

    script = shutil.which("qizhi-parse") or str(pathlib.Path(sysconfig.get_path("scripts")) / "qizhi-parse")
    env = {**os.environ, "PATH": os.path.dirname(script) + os.pathsep + os.environ.get("PATH", "")}
    line = command.split("  #")[0].strip()
    result = subprocess.run(line, shell=True, cwd=ROOT, capture_output=True, timeout=300, env=env)
    assert result.returncode == 0, result.stderr.decode()
    assert b"parsed" in result.stderr or "--schema" in line
