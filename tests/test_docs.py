"""The README documents every command, option and setting (a test fails when
one is added without documentation), and its two set-up commands are the
ones .ci/run runs."""

import dataclasses
import re

import click
import pytest

from detente import Settings
from detente.cli import cli
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text("utf-8")


def _commands() -> list[tuple[str, click.Command]]:
    return [("", cli), *sorted(cli.commands.items())]  # type: ignore[attr-defined]


@pytest.mark.parametrize(("name", "command"), _commands(), ids=lambda v: v if isinstance(v, str) else "")
def test_docs_every_command_and_option_is_in_the_readme(name: str, command: click.Command) -> None:
    if name:
        assert f"detente {name}" in README, f"README lacks `detente {name}`"
    for param in command.params:
        if isinstance(param, click.Option):
            assert any(opt in README for opt in param.opts), f"README lacks {param.opts} of {name or 'detente'}"


def test_docs_every_setting_is_in_the_readme() -> None:
    for field in dataclasses.fields(Settings):
        assert f"`{field.name}`" in README, field.name


def test_docs_two_setup_commands_and_ci_runs_the_test_one() -> None:
    blocks = re.findall(r"```sh\n(.*?)\n```", README, flags=re.S)
    main_job, tests = blocks[0], blocks[1]
    assert "detente ingest examples/" in main_job
    assert "pytest" in tests
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    assert tests in ci
