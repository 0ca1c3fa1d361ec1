#!/usr/bin/env bash
# A throwaway PostgreSQL server from Debian's `postgresql` package, for the pg state backend:
#   bash scripts/postgres.sh start DIR   installs the package when missing (as root on Debian), starts a
#                                        server with its data in DIR (new or empty) on a free port of 127.0.0.1, creates
#                                        the database realm_state and prints PG_CONN_STR=… and PG_BIN=…
#   bash scripts/postgres.sh stop DIR    stops that server and removes DIR
# test/integration/team-state.test.ts starts one (test/integration/postgres.ts); try the pg backend by hand with
#   eval "$(bash scripts/postgres.sh start /tmp/realm-pg)" && export PG_CONN_STR REALM_STATE_BACKEND=pg
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOG="$ROOT/.toolchain/postgres.log"
DATABASE=realm_state
ROLE=realm

die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }
is_debian_root() { [[ $EUID -eq 0 && -r /etc/debian_version ]] && command -v apt-get >/dev/null; }

# Debian keeps the server programs out of PATH, under /usr/lib/postgresql/<major>/bin.
find_bindir() {
  local initdb
  initdb="$(command -v initdb || true)"
  [[ -n $initdb ]] || initdb="$(printf '%s\n' /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)"
  [[ -x $initdb ]] && dirname "$(readlink -f "$initdb")"
}

install_postgres() {
  is_debian_root || die "PostgreSQL is not installed (no initdb): install it (Debian: apt-get install postgresql), or run this as root on Debian to have it installed."
  mkdir -p "$(dirname "$LOG")"
  echo "    installing postgresql from Debian (log: .toolchain/postgres.log)" >&2
  apt-get update -qq >"$LOG" 2>&1 || die "apt-get update failed; see $LOG"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >>"$LOG" 2>&1 \
    || die "apt-get install postgresql failed; see $LOG"
}

# initdb refuses to run as root: as root the server runs as the package's `postgres` user.
as_owner() {
  if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# A port nothing listens on, below the kernel's ephemeral range: a port inside it can be the local end
# of an outgoing connection (to Keycloak, say), which a connect probe does not see and which makes the
# server's bind fail with "Address already in use" (it did, in CI).
free_port() {
  local port ephemeral_low
  ephemeral_low="$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)"
  (( ephemeral_low > 21000 )) || ephemeral_low=32768
  for _ in $(seq 1 20); do
    port=$((20000 + RANDOM % (ephemeral_low - 20000)))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  die "found no free port on 127.0.0.1"
}

start() {
  local dir=$1 bin port password attempt
  bin="$(find_bindir || true)"
  if [[ -z $bin ]]; then
    install_postgres
    bin="$(find_bindir)" || die "the postgresql package is installed but initdb is not found under /usr/lib/postgresql"
  fi
  mkdir -p "$dir"
  [[ -z $(ls -A "$dir") ]] || die "$dir is not empty: give a new directory"
  chmod 700 "$dir"
  [[ $EUID -ne 0 ]] || chown postgres: "$dir"
  password="$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"
  printf '%s\n' "$password" >"$dir/password"
  # Password logins over TCP (as the backend connects); the socket, for this script only, lives in DIR.
  as_owner "$bin/initdb" -D "$dir/data" -U "$ROLE" --pwfile="$dir/password" --auth-host=scram-sha-256 \
    --auth-local=trust --encoding=UTF8 >"$dir/initdb.log" 2>&1 || die "initdb failed: $(tail -n 5 "$dir/initdb.log")"
  rm "$dir/password"
  # Another process can still take the port between the probe and the bind: then try another.
  for attempt in 1 2 3 4 5; do
    port="$(free_port)"
    rm -f "$dir/server.log"
    if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir" start >/dev/null; then
      break
    fi
    grep -q "Address already in use" "$dir/server.log" && (( attempt < 5 )) \
      || die "PostgreSQL did not start: $(tail -n 5 "$dir/server.log")"
  done
  as_owner "$bin/createdb" -h "$dir" -p "$port" -U "$ROLE" "$DATABASE"
  echo "PG_CONN_STR=postgres://$ROLE:$password@127.0.0.1:$port/$DATABASE?sslmode=disable"
  echo "PG_BIN=$bin"
}

stop() {
  local dir=$1 bin
  if [[ -f $dir/data/postmaster.pid ]]; then
    bin="$(find_bindir)" || die "cannot stop the server in $dir: pg_ctl is not found"
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
  fi
  rm -rf "$dir"
}

case "${1:-} ${2:-}" in
  "start "?*) start "$2" ;;
  "stop "?*) stop "$2" ;;
  *) die "usage: bash scripts/postgres.sh start|stop DIR" ;;
esac
