"""`python -m generators generate|check`: the same as `flask model ...`, without Flask's loader."""

from generators.cli import model_cli

model_cli(prog_name="python -m generators")
