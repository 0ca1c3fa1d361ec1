#!/usr/bin/env bash
# Regenerates the provider bindings in .gen/ with `cdktn get` (CDK Terrain, which reads cdktf.json), from
# the schema of the provider the toolchain built into its mirror (provider/). Run after changing the provider's schema.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
CI=1 npx cdktn get --force
