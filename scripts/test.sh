#!/usr/bin/env bash
# Run the whole test suite (lint included) from a fresh clone: sets itself up first.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/setup.sh"
cd "$ROOT"
.venv/bin/ruff check src tests scripts
.venv/bin/python -m pytest "$@"
