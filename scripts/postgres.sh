#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the PostgreSQL store's tests, conformance run and bench.
#
#   eval "$(scripts/postgres.sh start)"   # prints: export PGHOST=… PGPORT=… PGUSER=… PGDATABASE=…
#   scripts/postgres.sh stop              # stops the server and deletes its data folder
#
# Uses Debian's `postgresql` package (/usr/lib/postgresql/<version>/bin, the newest version).
# The server listens on 127.0.0.1 only, on a free port, with trust authentication, fsync off
# (nothing here must survive a machine crash) and its data in a folder under $TMPDIR that
# `stop` removes. PostgreSQL refuses to run as root, so as root the server runs as the
# unprivileged `postgres` user (or $POSTGRES_RUN_AS) on a folder that user owns.
# `start` is idempotent: with a server of this project already running it prints its exports.
set -euo pipefail

project="$(cd "$(dirname "$0")/.." && pwd)"
# One cluster per project checkout and user, so worktrees side by side do not share one.
key="$(printf '%s' "$project" | cksum | cut -d' ' -f1)"
# As root, under /tmp: a $TMPDIR of root's may not be reachable by the server's user.
parent="${TMPDIR:-/tmp}"
[ "$(id -u)" -ne 0 ] || parent=/tmp
base="$parent/actor-conformance-postgres-$(id -u)-$key"
data="$base/data"
user="conformance"
database="conformance"

die() {
  echo "postgres.sh: $*" >&2
  exit 1
}

bin_dir() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  [ -n "$dir" ] && [ -x "$dir/postgres" ] || die "no PostgreSQL server found in /usr/lib/postgresql/*/bin; install it with: apt-get install postgresql"
  echo "$dir"
}

# Runs a server binary as the account that owns the cluster.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u "${POSTGRES_RUN_AS:-postgres}" -- "$@"
  else
    "$@"
  fi
}

exports() {
  echo "export PGHOST=127.0.0.1 PGPORT=$(cat "$base/port") PGUSER=$user PGDATABASE=$database"
}

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

start() {
  local bin port
  bin="$(bin_dir)"
  if [ -f "$data/postmaster.pid" ] && as_owner "$bin/pg_ctl" status -D "$data" >/dev/null 2>&1; then
    exports
    return
  fi
  rm -rf "$base"
  mkdir -p "$base"
  if [ "$(id -u)" -eq 0 ]; then
    local owner="${POSTGRES_RUN_AS:-postgres}"
    id "$owner" >/dev/null 2>&1 || die "running as root, and there is no user '$owner' to run the server as (set POSTGRES_RUN_AS)"
    chown "$owner" "$base"
    chmod 700 "$base"
  fi
  as_owner "$bin/initdb" -D "$data" -U "$user" --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$base/initdb.log" 2>&1 ||
    die "initdb failed: $(tail -n 5 "$base/initdb.log")"
  port="$(free_port)"
  echo "$port" >"$base/port"
  as_owner "$bin/pg_ctl" start -D "$data" -w -t 60 -l "$data/server.log" \
    -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='$base' -c fsync=off -c full_page_writes=off -c max_connections=200" \
    >"$base/pg_ctl.log" 2>&1 || die "the server did not start: $(tail -n 5 "$data/server.log" 2>/dev/null)"
  as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U "$user" "$database" ||
    die "could not create database $database"
  exports
}

stop() {
  local bin
  bin="$(bin_dir)"
  if [ -f "$data/postmaster.pid" ]; then
    as_owner "$bin/pg_ctl" stop -D "$data" -m fast -w >/dev/null 2>&1 || true
  fi
  rm -rf "$base"
  echo "postgres.sh: stopped; removed $base" >&2
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *)
    echo "usage: scripts/postgres.sh start|stop" >&2
    exit 2
    ;;
esac
