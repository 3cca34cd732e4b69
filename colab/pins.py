"""Refresh colab/pins.txt from a newer Colab pip freeze (googlecolab/backend-info).

    python3 colab/pins.py PIP-FREEZE.txt [--os-info OS-INFO.txt] [--commit SHA] [--date YYYY-MM-DD]
        Rewrite every pinned version in colab/pins.txt with the freeze's, and the header's source
        lines with the given commit, date and Python version. Names, order and comments stay.
    python3 colab/pins.py PIP-FREEZE.txt --venv .venv-colab
        Also pin, at Colab's version, every package installed in that venv that Colab has and
        pins.txt does not name yet (the dependencies of the pinned packages), so that pip
        installs Colab's versions of them too instead of the newest.

A line whose comment says ``colab: NAME`` takes NAME's version from the freeze (e.g. the CPU wheel
``tensorflow-cpu`` takes ``tensorflow``'s). Standard library only: it runs with any Python 3.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

PINS = Path(__file__).resolve().with_name("pins.txt")
DEPS_HEADING = "# What those need, at Colab's versions too (added by colab/pins.py --venv)"
PIN = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s#]+)(?P<rest>.*)$")


def normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def read_freeze(text: str) -> dict[str, str]:
    """{normalized name: version} for every ``name==version`` line of a pip freeze's text."""
    return {normalize(m["name"]): m["version"] for m in (PIN.match(line.strip()) for line in text.splitlines()) if m}


def read_pins(text: str) -> dict[str, str]:
    """{normalized name: version} of pins.txt's pinned lines."""
    return read_freeze(text)


def colab_name(name: str, rest: str) -> str:
    alias = re.search(r"colab:\s*([A-Za-z0-9._-]+)", rest)
    return normalize(alias.group(1) if alias else name)


def refresh(text: str, freeze: dict[str, str]) -> tuple[str, list[str]]:
    """pins.txt's text with every version taken from ``freeze``; and the names the freeze lacks."""
    lines, missing = [], []
    for line in text.splitlines():
        match = PIN.match(line)
        if match:
            source = colab_name(match["name"], match["rest"])
            if source in freeze:
                line = f"{match['name']}=={freeze[source]}{match['rest']}"
            else:
                missing.append(match["name"])
        lines.append(line)
    return "\n".join(lines) + "\n", missing


def with_dependencies(text: str, freeze: dict[str, str], installed: dict[str, str]) -> str:
    """pins.txt's text plus a pin for each installed package that Colab has and no line names."""
    pinned = {colab_name(m["name"], m["rest"]) for m in map(PIN.match, text.splitlines()) if m} | set(read_pins(text))
    new = sorted(name for name in installed if name in freeze and name not in pinned)
    if not new:
        return text
    if DEPS_HEADING not in text:
        text = text.rstrip("\n") + "\n\n" + DEPS_HEADING + "\n"
    return text + "".join(f"{name}=={freeze[name]}\n" for name in new)


def installed_in(venv: Path) -> dict[str, str]:
    """{normalized name: version} of what is installed in ``venv`` (pip itself left out)."""
    out = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "freeze", "--all"], capture_output=True, text=True, check=True)
    return {name: version for name, version in read_freeze(out.stdout).items() if name != "pip"}


def set_header(text: str, commit: str | None, date: str | None, python: str | None) -> str:
    if commit or date:
        text = re.sub(
            r"commit \S+ \(\S+\)",
            lambda m: f"commit {commit or m.group(0).split()[1]} ({date or m.group(0).split()[2][1:-1]})",
            text,
            count=1,
        )
    if python:
        text = re.sub(r"^# python: .*$", f"# python: {python}", text, count=1, flags=re.M)
    return text


def python_of(os_info: Path) -> str | None:
    """'3.13' from an os-info.txt line such as 'Python 3.13.15'."""
    match = re.search(r"^Python (\d+\.\d+)", os_info.read_text(), re.M)
    return match.group(1) if match else None


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("freeze", type=Path, help="Colab's pip-freeze.txt")
    parser.add_argument("--os-info", type=Path, help="Colab's os-info.txt (sets the Python version)")
    parser.add_argument("--commit", help="the backend-info commit the freeze comes from")
    parser.add_argument("--date", help="that commit's date, YYYY-MM-DD")
    parser.add_argument("--venv", type=Path, help="add pins for the dependencies installed in this venv")
    parser.add_argument("--pins", type=Path, default=PINS)
    args = parser.parse_args(argv)

    freeze = read_freeze(args.freeze.read_text())
    if not freeze:
        parser.error(f"{args.freeze} has no 'name==version' lines: is it a pip freeze?")
    text, missing = refresh(args.pins.read_text(), freeze)
    if args.venv:
        text = with_dependencies(text, freeze, installed_in(args.venv))
    text = set_header(text, args.commit, args.date, python_of(args.os_info) if args.os_info else None)
    args.pins.write_text(text)
    print(f"{args.pins}: {len(read_pins(text))} pins from {args.freeze}")
    for name in missing:
        print(f"  not in the freeze, left as it was: {name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
