#!/usr/bin/env bash
# A throwaway PostgreSQL server for the store tests and the cast benchmark, from Debian's
# postgresql package: made from nothing, listening only on 127.0.0.1, gone when stopped.
#
#   tests/postgres_server.sh start DIR [PORT]   prints the URL to give SCRUTINEER_TEST_POSTGRES
#   tests/postgres_server.sh stop DIR
#
# DIR (e.g. build/postgres) keeps what `stop` needs and the server's log. The cluster is made
# by initdb with a `scrutineer` superuser and trust authentication (only this machine can
# connect), UTF-8 and the C locale, fsync on (the tests and the benchmark measure durable
# commits). PORT is the first port tried (default 54329); a busy one is passed over.
#
# PostgreSQL refuses to run as root: as root the server runs as Debian's `postgres` user, with
# its data under a directory of /tmp made for it (the build directory's parents may not be
# open to that user); otherwise the data lives in DIR.
set -euo pipefail

usage() {
  echo "usage: $0 start DIR [PORT] | stop DIR" >&2
  exit 2
}

# The newest PostgreSQL Debian has installed.
pg_bin() {
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    echo "$0: no PostgreSQL server in /usr/lib/postgresql (apt-get install postgresql)" >&2
    exit 1
  fi
  echo "$bin"
}

# Runs a command as the user who owns the cluster.
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# True when something accepts connections on 127.0.0.1:$1.
port_busy() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

stop() {
  local dir=$1 data
  [ -f "$dir/data-dir" ] || return 0
  data=$(cat "$dir/data-dir")
  if [ -f "$data/cluster/postmaster.pid" ]; then
    as_owner "$(pg_bin)/pg_ctl" -D "$data/cluster" -m fast -w stop >/dev/null || true
  fi
  cp "$data/server.log" "$dir/server.log" 2>/dev/null || true
  rm -rf "$data"
  rm -f "$dir/data-dir" "$dir/url"
}

make_cluster() {
  local dir=$1 data
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || {
      echo "$0: running as root, but there is no 'postgres' user to run the server" >&2
      exit 1
    }
    data=$(mktemp -d /tmp/scrutineer-postgres.XXXXXX)
    chown postgres: "$data"
  else
    data="$dir/data"
    rm -rf "$data"
    mkdir -p "$data"
  fi
  echo "$data" >"$dir/data-dir"
  if ! as_owner "$(pg_bin)/initdb" -D "$data/cluster" -U scrutineer --auth=trust -E UTF8 \
    --locale=C >"$dir/initdb.log" 2>&1; then
    cat "$dir/initdb.log" >&2
    exit 1
  fi
}

start() {
  local dir=$1 port=${2:-54329} data sockets tries
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  stop "$dir"  # what an interrupted run left
  make_cluster "$dir"
  data=$(cat "$dir/data-dir")
  # A socket's path has at most 107 bytes: in a deep directory, TCP only.
  sockets="'$data'"
  [ ${#data} -le 80 ] || sockets="''"
  for tries in $(seq 1 50); do
    if ! port_busy "$port" && as_owner "$(pg_bin)/pg_ctl" -D "$data/cluster" \
      -l "$data/server.log" -w -t 60 -o "-c listen_addresses=127.0.0.1 -p $port \
      -c unix_socket_directories=$sockets -c fsync=on -c max_connections=200" start >/dev/null; then
      echo "postgres://scrutineer@127.0.0.1:$port/postgres" | tee "$dir/url"
      return 0
    fi
    port=$((port + 1))
  done
  echo "$0: the server did not start (tried $tries ports); its log:" >&2
  cat "$data/server.log" >&2 2>/dev/null || true
  stop "$dir"
  exit 1
}

case "${1:-}" in
  start) [ $# -ge 2 ] || usage; start "$2" "${3:-}" ;;
  stop) [ $# -eq 2 ] || usage; stop "$2" ;;
  *) usage ;;
esac
