#!/usr/bin/env bash
# Run the whole test suite (lint included) from a fresh clone: sets itself up first.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/setup.sh"
# SpamAssassin, so `mailglot check --spam` is tested for real (its tests skip where it cannot be had).
command -v spamassassin >/dev/null || apt_install --no-install-recommends spamassassin || \
  echo "setup: no SpamAssassin; the spam-score tests will be skipped" >&2
cd "$ROOT"
.venv/bin/ruff check src tests scripts
.venv/bin/python -m pytest "$@"
