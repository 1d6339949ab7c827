"""The site's apps keep to the layers docs/architecture.md describes, and no module imports one that imports it back.

The contracts are import-linter's, in .importlinter at the top of the repository; `lint-imports` there gives the same
answer as these tests.
"""

import os
import subprocess
import sys
from configparser import ConfigParser
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "site"
CONFIG = ROOT / ".importlinter"


def contracts() -> ConfigParser:
    config = ConfigParser()
    config.read(CONFIG)
    return config


def test_no_app_imports_from_a_layer_above_it_and_no_module_imports_in_a_circle():
    # In a process of its own: import-linter puts the working directory on the module path of the process it runs in.
    result = subprocess.run(  # noqa: S603 (import-linter, installed with the dev requirements)
        [sys.executable, "-c", "from importlinter.cli import lint_imports_command; lint_imports_command()",
         "--no-cache", str(CONFIG)],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(SITE)}, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_every_app_of_the_site_has_its_place_in_the_layers():
    apps = {init.parent.name for init in SITE.glob("*/__init__.py")}
    config = contracts()
    layers = config["importlinter:contract:layers"]["layers"].replace("|", " ").split()
    assert sorted(layers) == sorted(apps), "a new app needs its layer in .importlinter and docs/architecture.md"
    assert set(config["importlinter"]["root_packages"].split()) == apps
    assert set(config["importlinter:contract:no-cycles"]["ancestors"].split()) == apps


def test_the_architecture_document_describes_the_layers_in_the_order_the_contract_checks():
    """docs/architecture.md's "Layers" section names the apps from the ground up, each as **`app`**."""
    text = (ROOT / "docs" / "architecture.md").read_text()
    section = text.split("## Layers", 1)[1].split("\n## ", 1)[0]
    bottom_up = [line.split() for line in reversed(contracts()["importlinter:contract:layers"]["layers"].splitlines())
                 if line.strip()]  # fmt: skip
    positions = [[section.index(f"**`{app}`**") for app in line if app != "|"] for line in bottom_up]
    assert all(max(lower) < min(upper) for lower, upper in pairwise(positions)), positions
