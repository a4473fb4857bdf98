"""The README's examples run as written: Python blocks, command lines and their output."""
import re
import shutil
import subprocess
import sys

import pytest


def blocks(root, lang):
    text = (root / "README.md").read_text(encoding="utf-8")
    return re.findall(rf"```{lang}\n(.*?)```", text, re.S)


def test_readme_starts_with_the_two_commands(root):
    sh = blocks(root, "sh")
    assert sh[:2] == ["./dev app\n", "./dev test\n"]
    assert "./dev test" in (root / ".ci" / "run").read_text(encoding="utf-8")


def test_readme_python_examples_run(root, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    code = blocks(root, "python")
    assert len(code) >= 2
    for block in code:
        exec(compile(block, "README.md", "exec"), {"__name__": "readme"})
    assert "2110.00297" in capsys.readouterr().out


def console_examples(root):
    for block in blocks(root, "console"):
        current = None
        for line in block.splitlines():
            if line.startswith("$ "):
                if current:
                    yield current
                current = [line[2:], []]
            elif current:
                current[1].append(line)
        if current:
            yield current


@pytest.mark.parametrize("example", range(11))
def test_readme_command_lines_run_and_print_what_it_shows(root, tmp_path, example):
    examples = list(console_examples(root))
    assert len(examples) == 11
    command, expected = examples[example]
    shutil.copytree(root / "scenarios", tmp_path / "scenarios")
    command = command.replace("python", f"'{sys.executable}'", 1)
    out = subprocess.run(["bash", "-c", command], cwd=tmp_path, capture_output=True, text=True,
                         encoding="utf-8")
    if expected:
        assert (out.stdout + out.stderr).splitlines() == expected
    else:
        assert out.returncode == 0, out.stderr
        assert out.stdout or out.stderr


def test_readme_excerpt_matches_the_run_output(root):
    excerpt = blocks(root, "text")[0].splitlines()
    out = subprocess.run([sys.executable, "-m", "sim", "run", "plan-2024"], capture_output=True,
                         text=True, encoding="utf-8", cwd=root).stdout.splitlines()
    rows = {line.split()[0]: line.split() for line in out[4:] if line.strip()}
    for line in excerpt[2:]:
        shown = line.split()
        assert rows[shown[0]][: len(shown)] == shown, line
