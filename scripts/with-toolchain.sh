#!/usr/bin/env bash
# Runs a command with the project's toolchain (.toolchain/env) in the environment.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [[ ! -f $ROOT/.toolchain/env ]]; then
  echo "ERROR: the toolchain is not provisioned (.toolchain/env is missing): run 'npm run toolchain' first." >&2
  exit 1
fi
# shellcheck source=/dev/null
source "$ROOT/.toolchain/env"
exec "$@"
