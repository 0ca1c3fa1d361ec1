#!/usr/bin/env bash
# Regenerates keycloak-5.9.0-schema.json: the schema the official keycloak/keycloak 5.9.0 provider
# reports (`tofu providers schema -json`), cut down to the provider block and the resource types
# this project uses. The extract is data the conformance tests compare against; the official
# binary itself never enters the repository.
#
# Usage: provider/conformance/extract-schema.sh <path to terraform-provider-keycloak_v5.9.0>
# Needs tofu on PATH (`source .toolchain/env` after `npm run toolchain`) and node.
set -euo pipefail

VERSION=5.9.0
# The resource types lib/ synthesizes (test/unit/official-schema.test.ts checks the list is complete).
RESOURCES=(
  keycloak_realm
  keycloak_realm_events
  keycloak_realm_default_client_scopes
  keycloak_realm_optional_client_scopes
  keycloak_openid_client
  keycloak_openid_client_scope
  keycloak_openid_audience_protocol_mapper
  keycloak_openid_client_default_scopes
  keycloak_openid_client_optional_scopes
  keycloak_openid_client_service_account_role
  keycloak_role
  keycloak_generic_role_mapper
)

binary="${1:?usage: $0 <official terraform-provider-keycloak_v$VERSION binary>}"
[[ -x $binary ]] || { echo "not an executable file: $binary" >&2; exit 1; }
command -v tofu >/dev/null || { echo "tofu is not on PATH: source .toolchain/env first" >&2; exit 1; }
binary="$(realpath "$binary")"
out="$(dirname "$(realpath "$0")")/keycloak-$VERSION-schema.json"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# A filesystem mirror holding just this binary, and a CLI config that takes keycloak/keycloak from it only.
platform="$(go env GOOS 2>/dev/null || uname -s | tr '[:upper:]' '[:lower:]')_$(go env GOARCH 2>/dev/null || echo amd64)"
mkdir -p "$work/mirror/registry.terraform.io/keycloak/keycloak/$VERSION/$platform" "$work/config"
cp "$binary" "$work/mirror/registry.terraform.io/keycloak/keycloak/$VERSION/$platform/terraform-provider-keycloak_v$VERSION"
cat >"$work/tofurc" <<CONFIG
provider_installation {
  filesystem_mirror {
    path    = "$work/mirror"
    include = ["registry.terraform.io/keycloak/keycloak"]
  }
}
CONFIG
cat >"$work/config/main.tf" <<CONFIG
terraform {
  required_providers {
    keycloak = {
      source  = "registry.terraform.io/keycloak/keycloak"
      version = "$VERSION"
    }
  }
}
CONFIG

export TF_CLI_CONFIG_FILE="$work/tofurc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
tofu -chdir="$work/config" init -input=false -no-color >/dev/null
tofu -chdir="$work/config" providers schema -json >"$work/schema.json"

RESOURCES="${RESOURCES[*]}" node - "$work/schema.json" "$out" <<'FILTER'
const { readFileSync, writeFileSync } = require("node:fs");
const [schemaFile, out] = process.argv.slice(2);
const all = JSON.parse(readFileSync(schemaFile, "utf8"));
const source = "registry.terraform.io/keycloak/keycloak";
const official = all.provider_schemas[source];
const resource_schemas = {};
for (const type of process.env.RESOURCES.split(" ").sort()) {
  if (!official.resource_schemas[type]) throw new Error(`the binary has no resource ${type}`);
  resource_schemas[type] = official.resource_schemas[type];
}
const extract = {
  format_version: all.format_version,
  provider_schemas: { [source]: { provider: official.provider, resource_schemas } },
};
writeFileSync(out, JSON.stringify(extract, null, 2) + "\n");
FILTER
echo "wrote $out" >&2
