#!/usr/bin/env bash
# Partners benchmark (issue 13): webhook deliveries per second from the Partners service to 10 local receivers (public
# events published on the bus as the Directory does, fanned out to 10 subscriptions), next to raw HTTP posts of the same
# signed CloudEvents bodies by a plain HttpClient at the same concurrency, in the same run; a queued backlog drained by
# the deliverer alone; event-to-delivery latency p50/p99 under the burst and at light load, where a delivery's time goes
# (from what the service stored), the statements and CPU per delivery.
# Starts its own PostgreSQL, RabbitMQ and smtp4dev (free ports, temporary folders, stopped at the end) unless
# NETWORK_TEST_POSTGRES / NETWORK_TEST_RABBITMQ / NETWORK_TEST_SMTP point at existing servers, and the Identity
# service (the sign-in provider the service under test trusts; the partners' tokens come from it).
# Writes bench/results/partners-latest.md and, beside it, partners-latest.json (for bench/Summary).
# Options (all optional): --n 100 --rounds 2 --receivers 10 --warmup 20 --latency-events 30 --interval-ms 300 --page 100
#                         --results PATH
# Experiments with the deliverer's settings (no code changed; written to bench/results/partners-experiment.md):
#                         --poll-ms MS --max-concurrency N
# BENCH_NO_BUILD=1 runs what was built last (bench/all.sh builds every bench once, first).
set -euo pipefail
cd "$(dirname "$0")/.."
exec dotnet run -c Release ${BENCH_NO_BUILD:+--no-build} --project bench/Partners.Bench -- "$@"
