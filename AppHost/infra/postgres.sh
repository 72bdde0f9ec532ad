#!/usr/bin/env bash
# Runs the locally installed Debian PostgreSQL server in the foreground, with its cluster under a
# folder of ours, so the Aspire AppHost can run it as an executable resource (no container engine).
#
# Input (environment):
#   INFRA_DATA_DIR   folder of the cluster (created with initdb on first run; kept between runs)
#   INFRA_PORT       TCP port, bound on 127.0.0.1 (no unix socket)
#   INFRA_PASSWORD   password of the 'postgres' superuser (applied on every start)
#   INFRA_PG_BIN     optional: folder with initdb/postgres (default: newest /usr/lib/postgresql/*/bin)
#
# PostgreSQL refuses to run as root: when root, it runs as the 'postgres' user (setpriv, no extra
# process) and the cluster folder belongs to that user. On SIGTERM/SIGINT (Aspire stopping us) the
# server gets a fast shutdown; if this script is killed outright, the server gets SIGINT anyway
# (parent-death signal), so nothing is left behind.
#
# The service databases and their roles are made by the AppHost once the server answers
# (AppHost/PostgresProvisioning.cs): the superuser serves only that and the AppHost's health check.
set -euo pipefail

: "${INFRA_DATA_DIR:?INFRA_DATA_DIR is required}"
: "${INFRA_PORT:?INFRA_PORT is required}"
: "${INFRA_PASSWORD:?INFRA_PASSWORD is required}"

bin="${INFRA_PG_BIN:-}"
if [ -z "$bin" ]; then
    bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
    [ -n "$bin" ] || bin="$(dirname "$(command -v postgres 2>/dev/null || echo /nonexistent/postgres)")"
fi
if [ ! -x "$bin/postgres" ] || [ ! -x "$bin/initdb" ]; then
    echo "postgres.sh: PostgreSQL server is not installed. Install it with: sudo apt-get install postgresql" >&2
    exit 1
fi

mkdir -p "$INFRA_DATA_DIR"
data="$(cd "$INFRA_DATA_DIR" && pwd)"
pgdata="$data/cluster"

as_owner=()
if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || { echo "postgres.sh: running as root, but there is no 'postgres' user to run the server as" >&2; exit 1; }
    chown postgres:postgres "$data"
    chmod 700 "$data"
    as_owner=(setpriv --reuid=postgres --regid=postgres --init-groups --)
    if ! "${as_owner[@]}" test -w "$data"; then
        echo "postgres.sh: user 'postgres' cannot reach $data; make its parent folders world-searchable (chmod o+x)," \
             "or let the AppHost choose the folder (see Infrastructure:DataDirectory in AppHost/Infrastructure.cs)" >&2
        exit 1
    fi
fi
cd "$data"

if [ ! -s "$pgdata/PG_VERSION" ]; then
    echo "postgres.sh: creating a new cluster in $pgdata"
    pwfile="$data/.initdb-pw"
    (umask 077; printf '%s\n' "$INFRA_PASSWORD" > "$pwfile")
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$pwfile"
    "${as_owner[@]}" "$bin/initdb" -D "$pgdata" -U postgres --pwfile="$pwfile" \
        --auth=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    rm -f "$pwfile"
fi

single_user() { "${as_owner[@]}" "$bin/postgres" --single -D "$pgdata" -c unix_socket_directories= -c log_min_messages=warning -c log_checkpoints=off postgres; }
sql_literal() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/''/g")"; }

# Keep the superuser password equal to the Aspire parameter.
printf 'ALTER ROLE postgres WITH PASSWORD %s\n' "$(sql_literal "$INFRA_PASSWORD")" | single_user >/dev/null

echo "postgres.sh: starting PostgreSQL ($bin) on 127.0.0.1:$INFRA_PORT, cluster $pgdata"
# Background + wait (not exec) so SIGTERM becomes a fast shutdown (SIGINT): a smart shutdown would
# wait for every client to disconnect, longer than Aspire waits before it kills.
# lz4: large documents (an event with its registrations, rewritten by each one) compress much faster than with pglz.
"${as_owner[@]}" setpriv --pdeathsig SIGINT -- "$bin/postgres" -D "$pgdata" \
    -c listen_addresses=127.0.0.1 -c port="$INFRA_PORT" -c unix_socket_directories= \
    -c max_connections=300 -c default_toast_compression=lz4 -c log_line_prefix='%m [%p] %q%u@%d ' 2>&1 &
server=$!
trap 'kill -INT "$server" 2>/dev/null || true' TERM INT
status=0
while kill -0 "$server" 2>/dev/null; do
    wait "$server" && status=0 || status=$?
done
exit "$status"
