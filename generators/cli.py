"""`flask model generate` and `flask model check`.

Registered as a Flask plugin command (pyproject's `flask.commands` entry point) and runnable as
`python -m generators`, so that it works without importing the app: the app may not even start
while app/generated/ is stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from generators import writer
from generators.errors import ModelInvalid
from generators.loader import load_model

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_MODEL = str(ROOT / "model.yaml")
# The project whose app/generated/ is written or checked: this checkout unless told otherwise
# (the tests point it at a copy).
root_option = click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=ROOT,
    show_default="this project",
    help="The project directory holding app/generated/.",
)


def _load(model_path: str):
    try:
        return load_model(model_path)
    except ModelInvalid as exc:
        for error in exc.errors:
            click.echo(str(error), err=True)
        click.echo(f"{len(exc.errors)} error(s) in {model_path}; nothing generated.", err=True)
        sys.exit(1)


@click.group("model", help="Generate app/generated/ from model.yaml, or check that it is current.")
def model_cli() -> None:
    pass


@model_cli.command("generate")
@click.option("--model", "model_path", default=DEFAULT_MODEL, show_default=True)
@root_option
def generate(model_path: str, root: Path) -> None:
    """Write app/generated/ from model.yaml (wholesale: stale files are removed)."""
    changed = writer.write(_load(model_path), root)
    for name in changed:
        click.echo(f"wrote {name}")
    click.echo(f"{len(changed)} file(s) changed.")


@model_cli.command("check")
@click.option("--model", "model_path", default=DEFAULT_MODEL, show_default=True)
@root_option
def check(model_path: str, root: Path) -> None:
    """Fail with a diff when app/generated/ is not what model.yaml generates."""
    difference = writer.diff(_load(model_path), root)
    if difference:
        click.echo(difference)
        click.echo("app/generated/ is stale: run `flask model generate`.", err=True)
        sys.exit(1)
    click.echo("app/generated/ is up to date with model.yaml.")
