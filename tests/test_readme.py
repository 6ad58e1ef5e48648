"""The README cannot drift: its first lines are the two set-up commands the Makefile provides,
and every command and option it shows exists in the CLI's --help."""
import re
from pathlib import Path

from typer.testing import CliRunner

from parley.cli import app

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_first_lines_are_the_two_make_targets():
    block = README.split("```")[1]
    commands = [line.split("#")[0].strip() for line in block.strip().splitlines()]
    assert commands == ["make demo", "make test"]
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"^demo:", makefile, re.M) and re.search(r"^test:", makefile, re.M)
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_every_documented_command_and_option_exists():
    usage = re.findall(r"^parley (\w+)(.*)$", README, re.M)
    assert {c for c, _ in usage} >= {"ingest", "events", "timeline", "show", "export"}
    runner = CliRunner()
    for command, rest in usage:
        args = [command]
        sub = re.match(r"\s+([a-z][a-z-]*)(?=\s|$)", rest)
        if command == "correct" and sub:          # a group: its sub-command's options
            args.append(sub.group(1))
        help_text = runner.invoke(app, [*args, "--help"], terminal_width=200).output
        assert "No such command" not in help_text, args
        for option in re.findall(r"--[a-z][a-z-]*", rest):
            assert option in help_text, (command, option)
