#!/usr/bin/env bash
# Build VENV (default .venv-colab) with Colab's pins (colab/pins.txt), from scratch.
# The Python is the version the pins' header names ("# python: 3.13"): python3.13 on PATH,
# or pyenv's, or COLAB_PYTHON=/path/to/python.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=${1:-.venv-colab}
version=$(sed -n 's/^# python: *//p' colab/pins.txt)
python=${COLAB_PYTHON:-}
if [ -z "$python" ]; then
  for candidate in "python$version" "$HOME"/.pyenv/versions/"$version".*/bin/python"$version" /usr/bin/python"$version"; do
    # pyenv's shims exist for every version but fail for those not selected: try each one.
    if "$candidate" -c "" >/dev/null 2>&1; then python=$candidate; break; fi
  done
fi
if [ -z "$python" ]; then
  echo "Colab's Python $version was not found: install it (e.g. pyenv install $version)," >&2
  echo "or point COLAB_PYTHON at it." >&2
  exit 1
fi
actual=$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
if [ "$actual" != "$version" ]; then
  echo "$python is Python $actual; colab/pins.txt needs $version." >&2
  exit 1
fi
rm -rf "$venv"
"$python" -m venv "$venv"
# No byte-compiling at install (a minute of CPU for TensorFlow, PyTorch and JAX): Python compiles
# what the chapters import, once.
"$venv/bin/python" -m pip install -q --disable-pip-version-check --no-compile -r colab/pins.txt
echo "$venv: Python $("$venv/bin/python" -c 'import platform; print(platform.python_version())') with colab/pins.txt, built in $SECONDS s"
