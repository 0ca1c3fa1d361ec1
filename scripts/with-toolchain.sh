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
# shellcheck source=versions.env
upstream="$(source "$ROOT/scripts/versions.env" && echo "registry.terraform.io/$UPSTREAM_PROVIDER_SOURCE/$UPSTREAM_PROVIDER_VERSION")"
mirrored="$ROOT/.toolchain/providers/$upstream/linux_amd64/terraform-provider-keycloak_v${upstream##*/}"
if [[ -n ${KEYCLOAK_PROVIDER_BINARY:-} ]] && ! cmp -s "$KEYCLOAK_PROVIDER_BINARY" "$mirrored"; then
  echo "ERROR: KEYCLOAK_PROVIDER_BINARY=$KEYCLOAK_PROVIDER_BINARY is not the official provider the toolchain installed: run 'npm run toolchain' with it set." >&2
  exit 1
fi
exec "$@"
