#!/usr/bin/env bash
# Regenerates the provider bindings in .gen/ with `cdktf get`, against the toolchain's provider mirror.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
if [[ ${KEYCLOAK_PROVIDER_STATUS:-} != ready ]]; then
  echo "ERROR: the Keycloak provider 5.9.0 is not in the toolchain's mirror (.toolchain/providers), so its schema" >&2
  echo "cannot be read. 'npm run toolchain' says why; see README, 'Status'." >&2
  exit 1
fi
CI=1 npx cdktf get --force
