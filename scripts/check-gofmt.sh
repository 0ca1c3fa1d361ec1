#!/usr/bin/env bash
# Fails listing the provider's Go files that gofmt would change.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../provider"
unformatted="$(gofmt -l .)"
if [[ -n $unformatted ]]; then
  echo "ERROR: not gofmt-formatted (run: gofmt -w provider):" >&2
  echo "$unformatted" >&2
  exit 1
fi
