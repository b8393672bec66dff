#!/usr/bin/env bash
# Set up a development environment on a fresh Debian/Ubuntu machine, idempotently:
# Python venv + mailglot (editable, with test extras), Chromium and Noto fonts for screenshots.
# Sourced by scripts/example.sh and scripts/test.sh; safe to run again (it skips what is there).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
SUDO=""
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null; then SUDO="sudo"; fi

apt_install() {
  if command -v apt-get >/dev/null; then
    echo "setup: installing $* (apt-get)" >&2
    $SUDO apt-get update -qq >/dev/null || true
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
  else
    echo "setup: please install $* with your package manager" >&2
  fi
}

PY="${PYTHON:-python3}"
if ! "$PY" -c 'import sys; assert sys.version_info >= (3, 11)' 2>/dev/null; then
  echo "setup: mailglot needs Python 3.11 or newer as '$PY' (set PYTHON=...)" >&2
  exit 1
fi
if [ ! -x "$VENV/bin/python" ]; then
  if ! "$PY" -m venv "$VENV" 2>/dev/null; then
    rm -rf "$VENV"
    apt_install python3-venv
    "$PY" -m venv "$VENV"
  fi
fi
STAMP="$VENV/.mailglot-installed"
if [ ! -f "$STAMP" ] || [ "$ROOT/pyproject.toml" -nt "$STAMP" ]; then
  echo "setup: installing mailglot and its dependencies into .venv" >&2
  "$VENV/bin/python" -m pip install -q --upgrade pip >/dev/null
  "$VENV/bin/python" -m pip install -q -e "$ROOT[test]"
  touch "$STAMP"
fi

# A browser for screenshots: mailglot looks for MAILGLOT_CHROMIUM, Playwright's own, then the
# system's. Playwright cannot download its browser everywhere, so install Debian's Chromium.
have_browser() {
  [ -n "${MAILGLOT_CHROMIUM:-}" ] || command -v chromium >/dev/null || \
    command -v google-chrome >/dev/null || ls "${PLAYWRIGHT_BROWSERS_PATH:-$HOME/.cache/ms-playwright}"/chromium-* >/dev/null 2>&1
}
if ! have_browser; then
  apt_install chromium || true
fi
if ! have_browser; then
  # Ubuntu's apt "chromium" is a snap stub that does not run in containers: use Playwright's.
  echo "setup: no usable Chromium from apt; trying Playwright's own browser download" >&2
  "$VENV/bin/python" -m playwright install --with-deps chromium || \
    echo "setup: no browser found; screenshots need one (set MAILGLOT_CHROMIUM=/path/to/chrome)" >&2
fi
# Real glyphs for Arabic, Chinese and Japanese in screenshots.
if command -v fc-list >/dev/null; then
  fonts="$(fc-list)"  # not `fc-list | grep -q`: grep quits early, and pipefail sees SIGPIPE
  grep -q "NotoSansCJK" <<<"$fonts" || apt_install fonts-noto-cjk
  grep -q "NotoSansArabic\|NotoNaskhArabic" <<<"$fonts" || apt_install fonts-noto-core
else
  apt_install fontconfig fonts-noto-core fonts-noto-cjk
fi
