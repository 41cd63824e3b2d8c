"""The README's and docs' examples run as written, and the docs name what the code has."""

from __future__ import annotations

import json
import os
import pathlib
import re

import pytest

from .conftest import ROOT

#: Slow: run by default, left out with ``pytest -m 'not slow'`` (the rule tests then take seconds).
pytestmark = pytest.mark.slow

DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
TEXTS = {path.name: path.read_text(encoding="utf-8") for path in DOCS}
BLOCKS = [block for text in TEXTS.values() for block in re.findall(r"```python\n(.*?)```", text, re.S)]
README_BLOCKS = re.findall(r"```python\n(.*?)```", TEXTS["README.md"], re.S)


@pytest.mark.parametrize("code", BLOCKS, ids=[f"block{i}" for i in range(len(BLOCKS))])
def test_readme_example_runs(code: str, capsys: pytest.CaptureFixture[str]) -> None:
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        exec(compile(code, "README.md", "exec"), {"__name__": "__main__"})
    finally:
        os.chdir(cwd)
    out = capsys.readouterr().out
    # a comment on a print() line states what it prints
    expectations = re.findall(r"^\s*print\(.*#\s+(\S.*?)\s*$", code, re.M)
    for expected in expectations:
        assert expected in out


def test_readme_examples_print_what_they_say() -> None:
    assert sum(bool(re.search(r"^\s*print\(.*#\s+\S", code, re.M)) for code in BLOCKS) >= 4


def test_readme_examples_pass_mypy_strict(tmp_path: pathlib.Path) -> None:
    import subprocess
    import sys

    for i, code in enumerate(BLOCKS):
        (tmp_path / f"readme_block_{i}.py").write_text(code, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--ignore-missing-imports", str(tmp_path)],
        capture_output=True, text=True, cwd=ROOT, timeout=600,
    )
    assert result.returncode == 0, result.stdout


def test_readme_dask_example_runs_as_a_file(tmp_path: pathlib.Path) -> None:
    import subprocess
    import sys

    pytest.importorskip("dask.bag", reason="the dask extra is not installed")
    (code,) = [block for block in README_BLOCKS if "dask_recipe" in block]
    script = tmp_path / "dask_example.py"
    script.write_text(code, encoding="utf-8")
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "2"
    parts = sorted(pathlib.Path("/tmp/qizhi-dask-out").glob("part-*.jsonl"))
    joined = b"".join(p.read_bytes() for p in parts).decode("utf-8")
    assert [json.loads(line)["input"] for line in joined.splitlines()]  # cat part-* is valid JSON Lines


def test_readme_has_blocks() -> None:
    assert BLOCKS


SHELL = [block for text in TEXTS.values() for block in re.findall(r"```sh\n(.*?)```", text, re.S)]
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
    quiet = " -q" in line or "--quiet" in line
    assert (b"parsed" in result.stderr) is not quiet or "--schema" in line or "--explain" in line


# ------------------------------------------------------------------ the docs name what the code has


def test_every_issue_code_is_documented() -> None:
    from qizhi_parser.models import ISSUE_CODES

    assert [code for code in ISSUE_CODES if f"| `{code}` |" not in TEXTS["fields.md"]] == []


def test_every_credit_role_is_documented() -> None:
    from qizhi_parser import CreditRole

    assert [r.value for r in CreditRole if f"| `{r.value}` |" not in TEXTS["fields.md"]] == []


def test_every_line_kind_is_documented() -> None:
    from qizhi_parser.layout import LineKind

    assert [k.value for k in LineKind if f"| `{k.value}` |" not in TEXTS["how-it-works.md"]] == []


def test_every_command_line_option_is_documented() -> None:
    from qizhi_parser.cli import build_parser

    flags = [flag for action in build_parser()._actions for flag in action.option_strings if flag != "-h"
             and flag != "--help"]
    assert [flag for flag in flags if f"`{flag}`" not in TEXTS["cli.md"]] == []


def test_every_parquet_column_is_documented() -> None:
    from qizhi_parser.batch.tables import PARQUET_COLUMNS

    table = TEXTS["cli.md"].split("Columns, in order:")[1]
    assert [name for name in PARQUET_COLUMNS if f"`{name}`" not in table] == []


def test_the_readme_is_short_and_links_every_doc() -> None:
    readme = TEXTS["README.md"]
    assert len(readme.splitlines()) <= 170
    assert all(f"(docs/{path.name})" in readme for path in DOCS if path.parent.name == "docs")


def test_doc_links_lead_somewhere() -> None:
    for name, text in TEXTS.items():
        folder = ROOT if name == "README.md" else ROOT / "docs"
        for target in re.findall(r"\]\(([^)#]+?\.md)(?:#[^)]*)?\)", text):
            assert (folder / target).is_file(), f"{name} links {target}"
