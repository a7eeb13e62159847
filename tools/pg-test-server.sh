#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster on 127.0.0.1 for the catalogue tests and prints
# its URL; `tools/pg-test-server.sh stop DIR` stops it and removes it. Installs the
# server from Debian's packages when it is missing. Used by .ci/run.
#
#   eval "$(tools/pg-test-server.sh start)"   # sets PUBLICCODE_TEST_PG and PUBLICCODE_PG_DIR
set -euo pipefail
case "${1:-start}" in
  start)
    if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
      (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >/dev/null 2>&1
    fi
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    dir=$(mktemp -d /tmp/publiccode-pg.XXXXXX)
    user=nobody
    [ "$(id -u)" -eq 0 ] || user=$(id -un)
    chown "$user" "$dir"
    as() { if [ "$(id -u)" -eq 0 ]; then runuser -u "$user" -- "$@"; else "$@"; fi; }
    as "$bin/initdb" -D "$dir/data" -A trust -U postgres >/dev/null
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    as "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off" start >/dev/null
    echo "export PUBLICCODE_TEST_PG=postgres://postgres@127.0.0.1:$port/postgres"
    echo "export PUBLICCODE_PG_DIR=$dir"
    ;;
  stop)
    dir=${2:?usage: pg-test-server.sh stop DIR}
    bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    if [ "$(id -u)" -eq 0 ]; then
      runuser -u "$(stat -c %U "$dir")" -- "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    else
      "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
esac
