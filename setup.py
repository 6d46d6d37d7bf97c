"""setuptools hook (the project is described in pyproject.toml): the web
page's libraries (d3, topojson-client, world-atlas's outlines) are built from
npm when a wheel or an sdist is built, so that both ship them and
``detente serve`` never runs npm. They are third-party code: built from the
pinned ``web/package-lock.json``, never committed (``python -m
detente.web.assets`` is the same step by hand).

A wheel or an sdist without them is refused (npm is needed to make one from a
source checkout); an editable install (``pip install -e .``) only warns,
so that a machine without npm can still develop (the browser tests build
the files when they are missing)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.command.sdist import sdist

ROOT = Path(__file__).resolve().parent


def build_assets(strict: bool) -> None:
    # assets.py runs on its own here: the build environment has no detente
    # dependencies, and the module needs none for building.
    spec = importlib.util.spec_from_file_location("detente_web_assets", ROOT / "src" / "detente" / "web" / "assets.py")
    assert spec is not None and spec.loader is not None
    assets: Any = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = assets  # its dataclasses look their module up there
    spec.loader.exec_module(assets)
    if assets.ready():
        return
    try:
        assets.build()
    except Exception as exc:  # noqa: BLE001 - reported, and re-raised when strict
        if strict:
            raise SystemExit(f"cannot build the web page's libraries: {exc}") from exc
        print(f"warning: the web page's libraries are not built ({exc}); detente serve needs them")


class BuildPy(build_py):  # type: ignore[misc]
    def run(self) -> None:
        build_assets(strict=not getattr(self, "editable_mode", False))
        super().run()


class Sdist(sdist):  # type: ignore[misc]
    def run(self) -> None:
        build_assets(strict=True)
        super().run()


setup(cmdclass={"build_py": BuildPy, "sdist": Sdist})
