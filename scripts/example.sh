#!/usr/bin/env bash
# Build the embedded example project (emails, screenshots, gallery): one command from a fresh clone.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/setup.sh"
"$ROOT/.venv/bin/mailglot" --project "$ROOT" build "$@"
echo "Open $ROOT/build/index.html to review." >&2
