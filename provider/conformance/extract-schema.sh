#!/usr/bin/env bash
# Writes keycloak-5.9.0-schema.json: the official keycloak/keycloak 5.9.0 schema (as
# `tofu providers schema -json` prints it) of the provider block and the resource types the
# bundled provider serves. Usage, with a build of the official provider at tag v5.9.0:
#   bash scripts/with-toolchain.sh bash provider/conformance/extract-schema.sh <binary>
set -euo pipefail
binary="${1:?usage: extract-schema.sh <terraform-provider-keycloak v5.9.0 binary>}"
here="$(cd "$(dirname "$0")" && pwd)"
bundled_mirror="$here/../../.toolchain/providers"
[[ -d $bundled_mirror ]] || { echo "no $bundled_mirror: run npm run toolchain first" >&2; exit 1; }
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

mirror="$scratch/mirror/registry.terraform.io/keycloak/keycloak/5.9.0/linux_amd64"
mkdir -p "$mirror"
cp "$binary" "$mirror/terraform-provider-keycloak_v5.9.0"
cat >"$scratch/tofurc" <<CONFIG
provider_installation {
  filesystem_mirror {
    path    = "$scratch/mirror"
    include = ["registry.terraform.io/keycloak/keycloak"]
  }
  filesystem_mirror {
    path    = "$bundled_mirror"
    include = ["registry.terraform.io/keycloak-realm-as-code/keycloak"]
  }
}
CONFIG
cat >"$scratch/main.tf" <<'CONFIG'
terraform {
  required_providers {
    keycloak = { source = "registry.terraform.io/keycloak/keycloak", version = "5.9.0" }
    bundled  = { source = "registry.terraform.io/keycloak-realm-as-code/keycloak" }
  }
}
CONFIG
export TF_CLI_CONFIG_FILE="$scratch/tofurc"
tofu -chdir="$scratch" init -input=false >/dev/null
tofu -chdir="$scratch" providers schema -json >"$scratch/schema.json"

# The subset: the resource types the bundled provider serves.
node - "$scratch/schema.json" "$here/keycloak-5.9.0-schema.json" <<'NODE'
const { readFileSync, writeFileSync } = require("node:fs");
const [input, output] = process.argv.slice(2);
const schemas = JSON.parse(readFileSync(input, "utf8")).provider_schemas;
const provider = schemas["registry.terraform.io/keycloak/keycloak"];
const types = Object.keys(schemas["registry.terraform.io/keycloak-realm-as-code/keycloak"].resource_schemas).sort();
const missing = types.filter((type) => !provider.resource_schemas[type]);
if (missing.length > 0) throw new Error(`not in the official schema: ${missing.join(", ")}`);
const subset = {
  source: "registry.terraform.io/keycloak/keycloak",
  version: "5.9.0",
  provider: provider.provider,
  resource_schemas: Object.fromEntries(types.map((type) => [type, provider.resource_schemas[type]])),
};
writeFileSync(output, JSON.stringify(subset, null, 2) + "\n");
console.log(`wrote ${output}: provider block and ${types.length} resource types`);
NODE
