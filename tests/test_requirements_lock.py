"""Every pin in requirements.lock installs on the Python that docs/deployment.md installs.

The guide installs Debian 12's python3.11, which is 3.11.2, while the lock is made (`make lock`)
on a newer 3.11. A pin whose Requires-Python excludes 3.11.2 (soupsieve 3.x and 4.x ask for
3.11.5) makes `pip install -c requirements.lock -e .` fail on the server with "conflicting
dependencies", as the drill that followed the guide found.
"""

import importlib.metadata
from pathlib import Path

from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
# Debian 12's python3.11 package (docs/deployment.md, "One server", step 1).
DEPLOYED_PYTHON = "3.11.2"


def locked_pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" in line:
            name, version = line.split("==", 1)
            pins[canonicalize_name(name.split("[", 1)[0])] = version.split(";", 1)[0].strip()
    return pins


def test_every_locked_package_accepts_the_python_the_deployment_guide_installs():
    pins = locked_pins()
    refused, checked = [], 0
    for distribution in importlib.metadata.distributions():
        name = canonicalize_name(distribution.metadata["Name"])
        # Only what is installed at the locked version says what the lock asks for.
        if pins.get(name) != distribution.version:
            continue
        checked += 1
        requires = distribution.metadata.get("Requires-Python")
        if requires and DEPLOYED_PYTHON not in SpecifierSet(requires):
            refused.append(f"{name}=={distribution.version} (Requires-Python {requires})")
    assert checked, "no locked package is installed at its pinned version"
    assert not refused, (
        f"Python {DEPLOYED_PYTHON} cannot install these pins; lock an earlier version of each:\n"
        + "\n".join(refused)
    )
