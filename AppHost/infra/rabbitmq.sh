#!/usr/bin/env bash
# Runs the locally installed Debian RabbitMQ broker in the foreground, with all its state under a
# folder of ours, so the Aspire AppHost can run it as an executable resource (no container engine).
#
# Input (environment):
#   INFRA_DATA_DIR   folder for this broker's state (created; kept between runs)
#   INFRA_PORT       AMQP port, bound on 127.0.0.1
#   INFRA_DIST_PORT  Erlang distribution port (127.0.0.1)          default INFRA_PORT+1
#   INFRA_EPMD_PORT  port of the private epmd this script starts   default INFRA_PORT+2
#   INFRA_MANAGEMENT_PORT  the management plugin's HTTP API (127.0.0.1), where the Partners service makes the
#                    partners' broker users                        default INFRA_PORT+3
#   INFRA_DEFINITIONS  RabbitMQ definitions file (users, their permissions, the vhost) imported on every
#                    boot; the AppHost writes it before each start (AppHost/BrokerPermissions.cs)
#
# The broker runs as the calling user (root works; we bypass Debian's /usr/sbin/rabbitmq-server,
# which would switch to the 'rabbitmq' user and send the output to /var/log). The private epmd
# dies with the broker (parent-death signal), so nothing is left behind when Aspire stops us.
set -euo pipefail

: "${INFRA_DATA_DIR:?INFRA_DATA_DIR is required}"
: "${INFRA_PORT:?INFRA_PORT is required}"
: "${INFRA_DEFINITIONS:?INFRA_DEFINITIONS is required}"
INFRA_DIST_PORT="${INFRA_DIST_PORT:-$((INFRA_PORT + 1))}"
INFRA_EPMD_PORT="${INFRA_EPMD_PORT:-$((INFRA_PORT + 2))}"
INFRA_MANAGEMENT_PORT="${INFRA_MANAGEMENT_PORT:-$((INFRA_PORT + 3))}"

server=""
for candidate in /usr/lib/rabbitmq/bin/rabbitmq-server /usr/lib/rabbitmq/lib/rabbitmq_server-*/sbin/rabbitmq-server; do
    if [ -x "$candidate" ]; then server="$candidate"; break; fi
done
if [ -z "$server" ]; then
    echo "rabbitmq.sh: RabbitMQ is not installed. Install it with: sudo apt-get install rabbitmq-server" >&2
    exit 1
fi
for tool in epmd setpriv; do
    command -v "$tool" >/dev/null || { echo "rabbitmq.sh: '$tool' is missing (packages erlang-base, util-linux)" >&2; exit 1; }
done

data="$(mkdir -p "$INFRA_DATA_DIR" && cd "$INFRA_DATA_DIR" && pwd)"
mkdir -p "$data/mnesia" "$data/log" "$data/home"
chmod 700 "$data/home"

[ -r "$INFRA_DEFINITIONS" ] || { echo "rabbitmq.sh: cannot read the definitions file $INFRA_DEFINITIONS" >&2; exit 1; }
umask 077
cat > "$data/rabbitmq.conf" <<EOF
listeners.tcp.1 = 127.0.0.1:$INFRA_PORT
loopback_users = none
definitions.import_backend = local_filesystem
definitions.local.path = $INFRA_DEFINITIONS
log.console = true
log.console.level = info
log.console.use_colors = off
log.file = false
management.tcp.ip = 127.0.0.1
management.tcp.port = $INFRA_MANAGEMENT_PORT
management_agent.disable_metrics_collector = true
EOF
echo '[rabbitmq_management].' > "$data/enabled_plugins"
: > "$data/rabbitmq-env.conf"
umask 022

export HOME="$data/home"                      # the Erlang cookie lives here
export RABBITMQ_CONF_ENV_FILE="$data/rabbitmq-env.conf"   # ignore /etc/rabbitmq/rabbitmq-env.conf
export RABBITMQ_CONFIG_FILE="$data/rabbitmq.conf"
export RABBITMQ_ADVANCED_CONFIG_FILE="$data/advanced.config"
export RABBITMQ_ENABLED_PLUGINS_FILE="$data/enabled_plugins"
export RABBITMQ_MNESIA_BASE="$data/mnesia"
export RABBITMQ_LOG_BASE="$data/log"
export RABBITMQ_NODENAME="network-$INFRA_PORT@localhost"
export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
export RABBITMQ_NODE_PORT="$INFRA_PORT"
export RABBITMQ_DIST_PORT="$INFRA_DIST_PORT"
export ERL_EPMD_PORT="$INFRA_EPMD_PORT"
export ERL_EPMD_ADDRESS=127.0.0.1
# Make rabbitmq-server exec the Erlang VM instead of keeping a proxy shell: our pid becomes the
# broker's, so Aspire's SIGTERM reaches it directly (graceful stop) and a SIGKILL leaves nothing.
export RABBITMQ_ALLOW_INPUT=1
export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-noinput -start_epmd false"

# A private epmd that receives SIGTERM when this process (the broker, after exec) ends.
setpriv --pdeathsig SIGTERM -- epmd -port "$INFRA_EPMD_PORT" -address 127.0.0.1 &
for _ in $(seq 1 50); do
    if epmd -port "$INFRA_EPMD_PORT" -names >/dev/null 2>&1; then break; fi
    sleep 0.1
done

cd "$data"
echo "rabbitmq.sh: starting RabbitMQ node $RABBITMQ_NODENAME on 127.0.0.1:$INFRA_PORT (state in $data)"
exec "$server"
