#!/usr/bin/env bash
# System packages the book needs: Graphviz's `dot` (for keras.utils.plot_model);
# with --test also Chromium, npm (axe-core) and a Chinese font (the Chinese edition's pages are
# measured and screenshotted as a reader sees them, not as boxes), for the browser test of the book.
# Installs with apt-get when missing; elsewhere says what to install.
set -euo pipefail
missing=()
command -v dot >/dev/null 2>&1 || missing+=(graphviz)
if [ "${1:-}" = "--test" ]; then
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  command -v npm >/dev/null 2>&1 || missing+=(npm)
  [ -n "$(fc-list :lang=zh 2>/dev/null)" ] || missing+=(fonts-noto-cjk)
fi
[ ${#missing[@]} -eq 0 ] && exit 0
# `make test` builds its two environments side by side: one apt-get at a time.
exec 9>"${TMPDIR:-/tmp}/kerastour-system-deps.lock"
flock 9
if command -v apt-get >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "Installing ${missing[*]} with apt-get"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Please install ${missing[*]} (macOS: brew install graphviz; conda: conda install graphviz)." >&2
  exit 1
fi
