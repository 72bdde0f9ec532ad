#!/usr/bin/env bash
# Outbox benchmark: raw RabbitMQ.Client baseline vs. the Directory's event-store outbox, in one run.
# Starts its own PostgreSQL, RabbitMQ and smtp4dev (free ports, temporary folders, stopped at the end) unless
# NETWORK_TEST_POSTGRES / NETWORK_TEST_RABBITMQ / NETWORK_TEST_SMTP point at existing servers, and the Identity
# service (the sign-in provider the service under test trusts; every token comes from it).
# Writes bench/results/outbox-latest.md and, beside it, outbox-latest.json (for bench/Summary).
# Options (all optional): --n 5000 --session 100 --latency-events 300 --interval-ms 30 --windows 64,256,1024
#                         --prefetch 100 --warmup 1000 --half-load-seconds 5 --results PATH
# Daemon experiments (override the Directory's Marten settings in this run only):
#                         --listen-notify true|false --fast-poll-ms MS --slow-poll-ms MS --wakeup marten|keep-signals
# BENCH_NO_BUILD=1 runs what was built last (bench/all.sh builds every bench once, first).
set -euo pipefail
cd "$(dirname "$0")/.."
exec dotnet run -c Release ${BENCH_NO_BUILD:+--no-build} --project bench/Outbox.Bench -- "$@"
