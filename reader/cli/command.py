"""What a command module is: a `register(add_parser)` that adds its commands, each with `func` as its default.

`add_parser(name, help=…)` is argparse's own (sub.add_parser), recorded by name in cli.build_parser, so the CLI
knows its commands without reaching into argparse's private attributes.
"""
from __future__ import annotations

import argparse
from collections.abc import Callable

AddParser = Callable[..., argparse.ArgumentParser]
