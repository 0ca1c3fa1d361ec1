#!/usr/bin/env bash
# Regenerates the extracts of the official keycloak/keycloak 5.9.0 provider that the conformance
# tests compare the bundled provider against (data only; the official binary never enters the
# repository):
#   keycloak-5.9.0-schema.json  `tofu providers schema -json`, cut down to the provider block and
#                               the resource types this project uses;
#   keycloak-5.9.0-plan.json    per resource type, a minimal configuration (required attributes,
#                               nested blocks present but empty) and the values the official
#                               provider plans for it: its defaults, which the schema does not show.
# Planning needs no Keycloak: initial_login = false, and nothing exists yet.
#
# Usage: provider/conformance/extract-schema.sh <path to terraform-provider-keycloak_v5.9.0>
# Needs tofu on PATH (`source .toolchain/env` after `npm run toolchain`) and node.
set -euo pipefail

VERSION=5.9.0
# The resource types lib/ synthesizes (test/unit/constructs/official-schema.test.ts checks the list is
# complete), and keycloak_openid_client_service_account_role, which states from before one role set per
# customer hold until `npm run upgrade-state`.
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
  keycloak_realm_client_policy_profile
  keycloak_realm_client_policy_profile_policy
  keycloak_user_roles
)

binary="${1:?usage: $0 <official terraform-provider-keycloak_v$VERSION binary>}"
[[ -x $binary ]] || { echo "not an executable file: $binary" >&2; exit 1; }
command -v tofu >/dev/null || { echo "tofu is not on PATH: source .toolchain/env first" >&2; exit 1; }
binary="$(realpath "$binary")"
here="$(dirname "$(realpath "$0")")"

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
# The minimal configuration of each resource type, in Terraform's JSON syntax. Lists are not
# empty: the official provider plans an empty set as null.
cat >"$work/minimal.json" <<'CONFIG'
{
  "keycloak_realm": { "realm": "r", "security_defenses": [{ "headers": [{}], "brute_force_detection": [{}] }] },
  "keycloak_realm_events": { "realm_id": "r" },
  "keycloak_realm_default_client_scopes": { "realm_id": "r", "default_scopes": ["basic"] },
  "keycloak_realm_optional_client_scopes": { "realm_id": "r", "optional_scopes": ["basic"] },
  "keycloak_openid_client": { "realm_id": "r", "client_id": "c", "access_type": "CONFIDENTIAL" },
  "keycloak_openid_client_scope": { "realm_id": "r", "name": "s" },
  "keycloak_openid_audience_protocol_mapper": { "realm_id": "r", "client_scope_id": "s", "name": "a", "included_client_audience": "c" },
  "keycloak_openid_client_default_scopes": { "realm_id": "r", "client_id": "c", "default_scopes": ["basic"] },
  "keycloak_openid_client_optional_scopes": { "realm_id": "r", "client_id": "c", "optional_scopes": ["basic"] },
  "keycloak_openid_client_service_account_role": { "realm_id": "r", "service_account_user_id": "u", "client_id": "c", "role": "x" },
  "keycloak_role": { "realm_id": "r", "name": "x" },
  "keycloak_generic_role_mapper": { "realm_id": "r", "client_id": "c", "role_id": "x" },
  "keycloak_realm_client_policy_profile": { "realm_id": "r", "name": "p", "executor": [{ "name": "secret-rotation" }] },
  "keycloak_realm_client_policy_profile_policy": { "realm_id": "r", "name": "p", "profiles": ["p"], "condition": [{ "name": "client-attributes" }] },
  "keycloak_user_roles": { "realm_id": "r", "user_id": "u", "role_ids": ["x"] }
}
CONFIG
VERSION="$VERSION" node - "$work/minimal.json" "$work/config/main.tf.json" <<'WRITE'
const { readFileSync, writeFileSync } = require("node:fs");
const [minimal, out] = process.argv.slice(2);
const resource = {};
for (const [type, config] of Object.entries(JSON.parse(readFileSync(minimal, "utf8")))) resource[type] = { r: config };
writeFileSync(out, JSON.stringify({
  terraform: { required_providers: { keycloak: { source: "registry.terraform.io/keycloak/keycloak", version: process.env.VERSION } } },
  provider: { keycloak: { url: "http://127.0.0.1:9", client_id: "conformance", client_secret: "unused", initial_login: false } },
  resource,
}));
WRITE

export TF_CLI_CONFIG_FILE="$work/tofurc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
tofu -chdir="$work/config" init -input=false -no-color >/dev/null
tofu -chdir="$work/config" providers schema -json >"$work/schema.json"
tofu -chdir="$work/config" plan -input=false -no-color -out=minimal.plan >/dev/null
tofu -chdir="$work/config" show -json minimal.plan >"$work/plan.json"

RESOURCES="${RESOURCES[*]}" VERSION="$VERSION" node - "$work" "$here" <<'FILTER'
const { readFileSync, writeFileSync } = require("node:fs");
const [work, here] = process.argv.slice(2);
const read = (name) => JSON.parse(readFileSync(`${work}/${name}`, "utf8"));
const write = (name, value) => writeFileSync(`${here}/keycloak-${process.env.VERSION}-${name}.json`, JSON.stringify(value, null, 2) + "\n");
const types = process.env.RESOURCES.split(" ").sort();
const all = read("schema.json");
const source = "registry.terraform.io/keycloak/keycloak";
const official = all.provider_schemas[source];
const resource_schemas = {};
for (const type of types) {
  if (!official.resource_schemas[type]) throw new Error(`the binary has no resource ${type}`);
  resource_schemas[type] = official.resource_schemas[type];
}
const extract = {
  format_version: all.format_version,
  provider_schemas: { [source]: { provider: official.provider, resource_schemas } },
};
write("schema", extract);

const minimal = read("minimal.json");
const planned = {};
for (const change of read("plan.json").resource_changes) {
  planned[change.type] = { config: minimal[change.type], planned: change.change.after, unknown: change.change.after_unknown };
}
write("plan", Object.fromEntries(types.map((type) => [type, planned[type]])));
FILTER
echo "wrote $here/keycloak-$VERSION-{schema,plan}.json" >&2
