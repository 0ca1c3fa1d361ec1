#!/usr/bin/env bash
# Lints .github/workflows/*.yml with actionlint (and shellcheck on run: blocks, when it is on PATH).
# Builds the pinned actionlint from its Go module into .toolchain/bin first, only when it is missing
# or another version. Prints nothing and exits 0 when the workflows are clean; otherwise actionlint's
# findings on stdout and its exit code.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=versions.env
source "$ROOT/scripts/versions.env"
BIN="$ROOT/.toolchain/bin"
ACTIONLINT="$BIN/actionlint"
MODULE=github.com/rhysd/actionlint

die() { printf '\nERROR: %s\n' "$*" >&2; exit 1; }

if [[ ! -x $ACTIONLINT || $("$ACTIONLINT" -version 2>/dev/null | head -n 1) != "v$ACTIONLINT_VERSION" ]]; then
  command -v go >/dev/null || die "missing Go: actionlint is built from its Go module; install Go 1.26+."
  started=$SECONDS
  printf '==> actionlint %s\n    go install %s/cmd/actionlint@v%s\n' "$ACTIONLINT_VERSION" "$MODULE" "$ACTIONLINT_VERSION" >&2
  mkdir -p "$BIN"
  log="$(GOBIN="$BIN" go install "$MODULE/cmd/actionlint@v$ACTIONLINT_VERSION" 2>&1)" \
    || die "building actionlint v$ACTIONLINT_VERSION failed:"$'\n'"$log"
  printf '    built %s (%ss)\n' "$("$ACTIONLINT" -version | head -n 1)" $((SECONDS - started)) >&2
fi

cd "$ROOT"
shopt -s nullglob
workflows=(.github/workflows/*.yml)
((${#workflows[@]} > 0)) || die "no workflows found in .github/workflows/"
exec "$ACTIONLINT" "${workflows[@]}"
