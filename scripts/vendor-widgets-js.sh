#!/usr/bin/env bash
# Refresh the vendored widget JavaScript in _static/vendor/ from the npm registry.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
npm install --prefix "$work" --no-audit --no-fund --silent \
  @jupyter-widgets/html-manager@1.0.15 requirejs@2.3.8
dist="$work/node_modules/@jupyter-widgets/html-manager/dist"
cp "$work/node_modules/requirejs/require.js" "$dist/embed-amd.js" _static/vendor/
# The widget modules look for their fonts in _static/vendor/@jupyter-widgets/ (see _ext/).
fonts=_static/vendor/@jupyter-widgets
mkdir -p "$fonts"
cp "$dist"/*.woff2 "$dist"/*.woff "$dist"/*.ttf "$fonts"/
echo "Updated _static/vendor/"
