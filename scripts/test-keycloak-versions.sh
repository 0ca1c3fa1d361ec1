#!/usr/bin/env bash
# The integration suite's smoke subset on each older Keycloak the project supports
# (KEYCLOAK_SMOKE_VERSIONS in versions.env); `npm run test:integration` runs the whole suite on
# KEYCLOAK_VERSION. Builds each version's image with the toolchain, then puts the toolchain back.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=versions.env
versions="$(source "$ROOT/scripts/versions.env" && echo "$KEYCLOAK_SMOKE_VERSIONS")"
# What a customer and an operator see: tokens, sign-in, plan/deploy/drift/rotate, the deploy credential.
SMOKE=(customer-tokens operations customer-lifecycle frontend-sign-in deploy-credential)
log="$ROOT/.toolchain/keycloak-versions.log"
chosen="${KEYCLOAK_VERSION:-}"

# Back to the Keycloak the toolchain had: the environment's choice, else versions.env's.
restore() { KEYCLOAK_VERSION="$chosen" bash "$ROOT/scripts/toolchain.sh" >"$log" 2>&1 || cat "$log" >&2; }
trap restore EXIT

for version in $versions; do
  echo "==> Keycloak $version: smoke subset (${SMOKE[*]})"
  KEYCLOAK_VERSION="$version" bash "$ROOT/scripts/toolchain.sh" >"$log" 2>&1 || { cat "$log" >&2; exit 1; }
  bash "$ROOT/scripts/with-toolchain.sh" vitest run --project integration "${SMOKE[@]/#/test/integration/}"
done
