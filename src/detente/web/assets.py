"""The web page's third-party files, built from npm: d3, topojson-client and
the Natural Earth country outlines of world-atlas.

Nothing is fetched from a CDN, and nothing is fetched when the server
starts: the built files in ``static/vendor/`` (d3 and topojson-client are
ISC-licensed, world-atlas too over Natural Earth's public-domain data; each
licence file sits beside its library) are third-party code, so they are
built, not committed, and ship in the wheel and the sdist (the repository's
setup.py builds them when either is built; pyproject's package-data and
MANIFEST.in take them in). ``detente serve`` refuses to start without them
(:func:`require`).

Building them is a build step: the top-level ``web/package.json``
bounds the versions, ``web/package-lock.json`` pins them (with their
integrity hashes), and :func:`build` runs ``npm ci`` there and copies the
few files the page loads into ``static/vendor/``, with their licences and a
``VERSIONS.json``::

    python -m detente.web.assets           # build when something is missing
    python -m detente.web.assets --force   # build again (after changing the lock)
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

try:
    from ..errors import ConfigError
except ImportError:  # run on its own by setup.py at build time, outside the package
    ConfigError = RuntimeError  # type: ignore[misc,assignment]

STATIC = Path(__file__).resolve().with_name("static")
VENDOR = STATIC / "vendor"
# The source checkout's web/ folder (src/detente/web/assets.py -> the root).
WEB = Path(__file__).resolve().parents[3] / "web"
VERSIONS = "VERSIONS.json"
# The licences of d3's dependencies, one after the other: the packages
# d3.min.js is built from (d3-*, delaunator, internmap, robust-predicates)
# and the few that only d3-dsv's command-line tools use.
DEPENDENCY_LICENSES = "d3-dependencies.LICENSES.txt"
HOW = "install Node.js and npm, then run python -m detente.web.assets"


@dataclass(frozen=True)
class Asset:
    package: str  # the npm package
    source: str   # the file inside the package
    target: str   # its name in static/vendor/


ASSETS = (
    Asset("d3", "dist/d3.min.js", "d3.min.js"),
    Asset("d3", "LICENSE", "d3.LICENSE"),
    Asset("topojson-client", "dist/topojson-client.min.js", "topojson-client.min.js"),
    Asset("topojson-client", "LICENSE", "topojson-client.LICENSE"),
    Asset("world-atlas", "countries-110m.json", "countries-110m.json"),
    Asset("world-atlas", "LICENSE", "world-atlas.LICENSE"),
)


def missing(vendor: Path = VENDOR) -> list[str]:
    """The vendor files that are not there yet (``VERSIONS.json`` is written
    last, so an interrupted build is not taken for a finished one)."""
    names = [a.target for a in ASSETS] + [DEPENDENCY_LICENSES, VERSIONS]
    return [name for name in names if not (vendor / name).is_file()]


def ready(vendor: Path = VENDOR) -> bool:
    """True when every file the page loads is in ``static/vendor/``."""
    return not missing(vendor)


def require(vendor: Path | None = None) -> None:
    """Raise :class:`ConfigError`, saying what to do, when a file the page
    loads is missing (never builds or downloads anything)."""
    vendor = VENDOR if vendor is None else vendor
    absent = missing(vendor)
    if absent:
        raise ConfigError(
            f"the web page's libraries are missing from {vendor} ({', '.join(absent)}); they ship "
            "with detente: reinstall it, or in a source checkout build them once with python -m "
            "detente.web.assets (needs npm)"
        )


def build(force: bool = False, *, web: Path = WEB, vendor: Path = VENDOR) -> dict[str, str]:
    """Install the locked npm packages in ``web/`` (``npm ci``, install
    scripts off) and copy the page's files into ``vendor``. Returns the
    versions copied. Does nothing but read ``VERSIONS.json`` when everything
    is there already, unless ``force``."""
    if ready(vendor) and not force:
        return _read_versions(vendor)
    if not (web / "package-lock.json").is_file():
        raise ConfigError(
            f"the web page's assets are missing ({', '.join(missing(vendor))}) and there is no "
            f"{web / 'package-lock.json'} to build them from: build them in a source checkout "
            "of detente (python -m detente.web.assets) before building the wheel"
        )
    npm = shutil.which("npm")
    if npm is None:
        raise ConfigError(f"npm is not installed: {HOW}")
    done = subprocess.run(
        [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"],
        cwd=web, capture_output=True, text=True, check=False,
    )
    if done.returncode != 0:
        tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-10:])
        raise ConfigError(f"npm ci failed in {web} (exit {done.returncode}); is the npm "
                          f"registry reachable? {HOW}\n{tail}")
    modules = web / "node_modules"
    vendor.mkdir(parents=True, exist_ok=True)
    (vendor / VERSIONS).unlink(missing_ok=True)
    for asset in ASSETS:
        shutil.copyfile(modules / asset.package / asset.source, vendor / asset.target)
    lock = json.loads((web / "package-lock.json").read_text("utf-8"))
    dependencies = sorted(_dependencies(lock, "d3"))
    (vendor / DEPENDENCY_LICENSES).write_text(_licenses(modules, dependencies), "utf-8")
    versions = {name: _version(modules, name) for name in sorted({a.package for a in ASSETS})}
    (vendor / VERSIONS).write_text(json.dumps(
        {**versions, "d3 dependencies": {name: _version(modules, name) for name in dependencies}},
        indent=2) + "\n", "utf-8")
    return versions


def _read_versions(vendor: Path) -> dict[str, str]:
    data: dict[str, Any] = json.loads((vendor / VERSIONS).read_text("utf-8"))
    return {k: v for k, v in data.items() if isinstance(v, str)}


def _version(modules: Path, package: str) -> str:
    meta: dict[str, Any] = json.loads((modules / package / "package.json").read_text("utf-8"))
    return str(meta["version"])


def _dependencies(lock: dict[str, Any], package: str) -> set[str]:
    """Every package ``package`` depends on, directly or not, by the lock."""
    packages: dict[str, Any] = lock.get("packages", {})
    seen: set[str] = set()
    todo = list(packages.get(f"node_modules/{package}", {}).get("dependencies", {}))
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(packages.get(f"node_modules/{name}", {}).get("dependencies", {}))
    return seen


def _licenses(modules: Path, packages: list[str]) -> str:
    parts = []
    for name in packages:
        found = sorted(p for p in (modules / name).glob("LICEN[CS]E*") if p.is_file())
        text = found[0].read_text("utf-8").strip() if found else "(no licence file in the package)"
        parts.append(f"== {name} {_version(modules, name)} ==\n\n{text}\n")
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m detente.web.assets", description=__doc__.split("\n\n")[0])
    parser.add_argument("--force", action="store_true", help="build even when the files are there")
    args = parser.parse_args(argv)
    try:
        versions = build(force=args.force)
    except ConfigError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"web assets in {VENDOR}: " + ", ".join(f"{k} {v}" for k, v in versions.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
